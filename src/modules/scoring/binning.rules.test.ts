import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { binFeature, binIndex, binLabel, monotoneMerge, quantileCells, woeIv } from './binning.rules.ts';

const close = (a: number, b: number, eps = 1e-9) => assert.ok(Math.abs(a - b) < eps, `${a} ≉ ${b}`);

describe('weight of evidence and information value', () => {
  it('match the hand-worked table without smoothing', () => {
    // 50 goods and 50 bads. Bin 1: 40 goods, 10 bads → WOE ln(.8/.2) = ln 4; bin 2: 10 goods, 40 bads → −ln 4.
    // IV = (.8 − .2)·ln 4 + (.2 − .8)·(−ln 4) = 1.2·ln 4.
    const { woe, iv } = woeIv([{ rows: 50, bads: 10 }, { rows: 50, bads: 40 }], 0);
    close(woe[0]!, Math.log(4));
    close(woe[1]!, -Math.log(4));
    close(iv, 1.2 * Math.log(4));
  });
  it('add the smoothing to every cell so an all-good bin stays finite', () => {
    // Bin 1: 30 goods, 0 bads; bin 2: 10 goods, 10 bads. G = 40, B = 10, a = 0.5, k = 2.
    const { woe } = woeIv([{ rows: 30, bads: 0 }, { rows: 20, bads: 10 }], 0.5);
    close(woe[0]!, Math.log((30.5 / 41) / (0.5 / 11)));
    close(woe[1]!, Math.log((10.5 / 41) / (10.5 / 11)));
  });
  it('refuse data with one outcome only', () => assert.throws(() => woeIv([{ rows: 5, bads: 0 }], 0.5), /both outcomes/));
});

describe('binning', () => {
  it('cuts sorted values at quantiles, dropping repeated cut points', () => {
    const cells = quantileCells([1, 1, 1, 1, 2, 3, 4, 5], [0, 0, 0, 0, 1, 0, 1, 1], 4);
    assert.deepEqual(cells.map((c) => [c.lo, c.hi, c.rows, c.bads]), [[null, 1, 4, 0], [1, 3, 2, 1], [3, null, 2, 2]]);
  });
  it('merges adjacent violators until the bad rate rises strictly', () => {
    const cell = (bads: number) => ({ lo: null, hi: null, rows: 10, bads });
    const merged = monotoneMerge([cell(1), cell(3), cell(2), cell(5)], 'increasing');
    assert.deepEqual(merged.map((c) => [c.rows, c.bads]), [[10, 1], [20, 5], [10, 5]]);
    assert.deepEqual(monotoneMerge([cell(5), cell(2), cell(3), cell(1)], 'decreasing').map((c) => c.bads), [5, 5, 1]);
  });
  it('gives a numeric feature monotone bins, a missing bin, and open ends', () => {
    // x = 1..200; the bad rate climbs with x in steps, with a dip that must be merged away; 20 rows missing, all bad.
    const x: number[] = [];
    const y: number[] = [];
    for (let v = 1; v <= 200; v++) {
      x.push(v);
      y.push(v > 150 ? 1 : v > 100 ? (v % 2) : v > 60 && v <= 70 ? 0 : v % 5 === 0 ? 1 : 0);
    }
    for (let k = 0; k < 20; k++) {
      x.push(Number.NaN);
      y.push(1);
    }
    const b = binFeature('x', 'numeric', x, y, Uint32Array.from(x.keys()), { initialBins: 20, maxBins: 6, minBinShare: 0.05, smoothing: 0.5 });
    assert.equal(b.trend, 'increasing');
    const numeric = b.bins.filter((bin) => !bin.missing);
    assert.ok(numeric.length >= 2 && numeric.length <= 6);
    for (let i = 1; i < numeric.length; i++) assert.ok(numeric[i]!.badRate > numeric[i - 1]!.badRate, 'bad rate rises bin by bin');
    assert.equal(numeric[0]!.lo, null);
    assert.equal(numeric[numeric.length - 1]!.hi, null);
    for (const bin of numeric) assert.ok(bin.rows >= 11, 'no bin under 5% of 220 rows');
    assert.equal(b.bins.reduce((s, bin) => s + bin.rows, 0), 220);
    const miss = binIndex(b, Number.NaN);
    assert.ok(b.bins[miss]!.missing);
    assert.equal(binLabel(b.bins[miss]!), 'missing');
    assert.ok(b.bins[miss]!.woe < 0, 'all-bad missing bin is riskier than average');
    assert.equal(binIndex(b, -1e9), 0);
    assert.equal(binIndex(b, 1e9), numeric.length - 1);
    assert.ok(b.iv > 0.3);
  });
  it('gives a nominal feature a bin per value and pools the rare values, unseen ones included', () => {
    const x = [...Array(40).fill(1), ...Array(40).fill(2), 3, 3, 4];
    const y = [...Array(40).fill(0).map((_, i) => (i < 4 ? 1 : 0)), ...Array(40).fill(0).map((_, i) => (i < 20 ? 1 : 0)), 1, 0, 1];
    const b = binFeature('edu', 'nominal', x, y, Uint32Array.from(x.keys()));
    assert.deepEqual(b.bins.map((bin) => [binLabel(bin), bin.rows, bin.bads]), [['= 1', 40, 4], ['= 2', 40, 20], ['other: 3, 4', 3, 2]]);
    assert.equal(binIndex(b, 4), 2);
    assert.equal(binIndex(b, 99), 2);
    assert.equal(binIndex(b, Number.NaN), -1);
  });
});
