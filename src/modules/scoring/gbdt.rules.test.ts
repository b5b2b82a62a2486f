import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { cutPoints, DEFAULT_GBDT, packGbdt, scoreGbdt, trainGbdt } from './gbdt.rules.ts';
import { auc } from './metrics.rules.ts';
import { fitLogistic, sigmoid } from './logistic.rules.ts';
import { seededRandom } from './split.rules.ts';

/** An XOR pattern no straight line separates, with missing values of `a` always bad. */
function xor(n: number, seed = 3) {
  const r = seededRandom(seed);
  const a = new Float64Array(n);
  const b = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    a[i] = r() < 0.1 ? Number.NaN : r();
    b[i] = r();
    const bad = Number.isNaN(a[i]!) || (a[i]! > 0.5) !== (b[i]! > 0.5);
    y[i] = r() < (bad ? 0.9 : 0.1) ? 1 : 0;
  }
  return { names: ['a', 'b'], columns: [a, b], y };
}

const params = { ...DEFAULT_GBDT, maxTrees: 80, learningRate: 0.2, maxDepth: 3, minLeafRows: 10, validationShare: 0.2, earlyStoppingRounds: 10 };

describe('gradient-boosted trees', () => {
  const d = xor(2000);
  const rows = Uint32Array.from({ length: 2000 }, (_, i) => i);
  const model = trainGbdt(d, rows, params);
  const test = xor(1000, 99);
  const p = scoreGbdt(packGbdt(model), test.columns, 1000);

  it('cuts a feature at its distinct values when there are few, at quantiles otherwise', () => {
    assert.deepEqual(cutPoints([3, 1, 2, 2, Number.NaN], [0, 1, 2, 3, 4], 8), [1, 2]);
    assert.deepEqual(cutPoints(Array.from({ length: 100 }, (_, i) => i), Array.from({ length: 100 }, (_, i) => i), 4), [24, 49, 74]);
  });
  it('learns an interaction a logistic regression cannot, on rows it never saw', () => {
    assert.ok(auc(p, test.y) > 0.85, `AUC ${auc(p, test.y)}`);
    const cleanRows = Array.from(rows).filter((i) => !Number.isNaN(d.columns[0]![i]!));
    const lin = fitLogistic(d.columns, d.y, cleanRows);
    const q = cleanRows.map((i) => sigmoid(lin.intercept + lin.coef[0]! * d.columns[0]![i]! + lin.coef[1]! * d.columns[1]![i]!));
    assert.ok(auc(q, cleanRows.map((i) => d.y[i]!)) < 0.65);
  });
  it('sends missing values the way that fits them (here: to the bad side)', () => {
    let miss = 0;
    let n = 0;
    for (let i = 0; i < 1000; i++) if (Number.isNaN(test.columns[0]![i]!)) {
      miss += p[i]!;
      n++;
    }
    assert.ok(n > 0 && miss / n > 0.7, `mean P(bad) of missing rows ${miss / n}`);
  });
  it('stops early on the validation rows and keeps the best round', () => {
    assert.ok(model.bestRound >= 1 && model.bestRound === model.trees.length);
    assert.ok(model.roundsRun <= params.maxTrees);
    assert.equal(model.validation.rows, 400);
    assert.deepEqual(model.importance.map((x) => x.feature).sort(), ['a', 'b']);
  });
  it('is deterministic given the seed, and the seed matters', () => {
    assert.equal(JSON.stringify(trainGbdt(d, rows, params)), JSON.stringify(model));
    assert.notEqual(JSON.stringify(trainGbdt(d, rows, { ...params, seed: 2 })), JSON.stringify(model));
  });
  it('refuses parameters out of range, naming them', () => {
    assert.throws(() => trainGbdt(d, rows, { ...params, maxDepth: 0 }), (e: unknown) => e instanceof AppError && /^maxDepth:/.test(e.message));
    assert.throws(() => trainGbdt(d, rows, { ...params, learningRate: 2 }), (e: unknown) => e instanceof AppError && /^learningRate:/.test(e.message));
  });
});
