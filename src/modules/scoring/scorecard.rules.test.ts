import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { auc } from './metrics.rules.ts';
import { explainScorecard, scoreScorecard, trainScorecard } from './scorecard.rules.ts';
import { seededRandom } from './split.rules.ts';

/** 3,000 rows: utilisation and months late raise the risk, `noise` does nothing, `late` has a copy `late2`. */
function synthetic() {
  const r = seededRandom(42);
  const n = 3000;
  const util = new Float64Array(n);
  const late = new Float64Array(n);
  const late2 = new Float64Array(n);
  const noise = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    util[i] = r() < 0.05 ? Number.NaN : r();
    late[i] = Math.floor(r() * 4);
    late2[i] = late[i]! + (r() < 0.1 ? 1 : 0);
    noise[i] = r();
    const z = -3 + 2.5 * (Number.isNaN(util[i]!) ? 0.5 : util[i]!) + 0.9 * late[i]!;
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { names: ['util', 'late', 'late2', 'noise'], kinds: ['numeric', 'numeric', 'numeric', 'numeric'] as const, columns: [util, late, late2, noise], y, n };
}

describe('WOE scorecard', () => {
  const d = synthetic();
  const rows = Uint32Array.from({ length: d.n }, (_, i) => i);
  const model = trainScorecard({ ...d, kinds: [...d.kinds] }, rows);

  it('drops the useless feature by information value and keeps the signs right', () => {
    assert.ok(model.dropped.some((x) => x.feature === 'noise' && /information value/.test(x.reason)));
    assert.ok(model.features.some((f) => f.name === 'util') && model.features.some((f) => f.name === 'late'));
    for (const f of model.features) assert.ok(f.coef < 0, `${f.name}: WOE is "safer", so its coefficient on P(bad) is negative`);
  });
  it('scales points so that base points mean the base odds and every PDO points double them', () => {
    assert.equal(model.scaling.factor, 20 / Math.LN2);
    assert.equal(model.scaling.offset, 600 - (20 / Math.LN2) * Math.log(50));
    // Unrounded score s = offset − factor·logit(p): odds good:bad = e^((s − offset)/factor).
    const { factor, offset } = model.scaling;
    const scoreOf = (p: number) => offset - factor * Math.log(p / (1 - p));
    assert.ok(Math.abs(scoreOf(1 / 51) - 600) < 1e-9);
    assert.ok(Math.abs(scoreOf(1 / 101) - scoreOf(1 / 51) - 20) < 1e-9);
  });
  it('explains a row: base plus per-feature points is the score, and agrees with P(bad) up to rounding', () => {
    const e = explainScorecard(model, { util: 0.95, late: 3, late2: 3, noise: 0.5 });
    const safe = explainScorecard(model, { util: 0.05, late: 0, late2: 0, noise: 0.5 });
    assert.equal(e.score, e.basePoints + e.features.reduce((s, f) => s + f.points, 0));
    const { factor, offset } = model.scaling;
    assert.ok(Math.abs(e.score - (offset - factor * Math.log(e.pd / (1 - e.pd)))) <= 0.5 * (model.features.length + 1));
    assert.ok(safe.score > e.score && safe.pd < e.pd);
    const missing = explainScorecard(model, { util: Number.NaN, late: 0, late2: 0, noise: 0 });
    assert.equal(missing.features.find((f) => f.feature === 'util')!.bin, 'missing');
    assert.throws(() => explainScorecard(model, { util: 0.5 }), (err: unknown) => err instanceof AppError && /^late: required/.test(err.message));
  });
  it('scores many rows the same as one by one, and ranks them well', () => {
    const cols = model.features.map((f) => d.columns[d.names.indexOf(f.name)]!);
    const p = scoreScorecard(model, cols, d.n);
    for (const i of [0, 17, 999]) {
      const row = Object.fromEntries(d.names.map((nm, j) => [nm, d.columns[j]![i]!]));
      assert.ok(Math.abs(p[i]! - explainScorecard(model, row).pd) < 1e-12);
    }
    assert.ok(auc(p, d.y) > 0.75);
  });
  it('is deterministic', () => assert.equal(JSON.stringify(trainScorecard({ ...d, kinds: [...d.kinds] }, rows)), JSON.stringify(model)));
});
