import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { auc, brier, ks, logLoss, metricsOf, reliabilityTable } from './metrics.rules.ts';
import { fairnessReport, flagThreshold } from './fairness.rules.ts';

// Eight rows worked by hand. Bads score 0.9, 0.8, 0.6, 0.3; goods 0.7, 0.5, 0.4, 0.2.
// Pairs where the bad scores above the good: 4 + 4 + 3 + 1 = 12 of 16 → AUC 0.75.
// From the top, (share of bads, share of goods): (.25,0) (.5,0) (.5,.25) (.75,.25) (.75,.5) (.75,.75) (1,.75) (1,1) → KS 0.5.
// Squared errors: .01 .04 .49 .16 .25 .16 .49 .04 = 1.64 → Brier 0.205.
const P = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
const Y = [1, 1, 0, 1, 0, 0, 1, 0];
// Sorted by p in pairs: (.2 good, .3 bad) (.4, .5 goods) (.6 bad, .7 good) (.8, .9 bads) → observed .5, 0, .5, 1.

describe('AUC, KS, Brier', () => {
  it('match the hand-worked table', () => {
    assert.equal(auc(P, Y), 0.75);
    assert.equal(ks(P, Y), 0.5);
    assert.ok(Math.abs(brier(P, Y) - 0.205) < 1e-12);
    const ll = -(Math.log(0.9) + Math.log(0.8) + Math.log(0.3) + Math.log(0.6) + Math.log(0.5) + Math.log(0.6) + Math.log(0.3) + Math.log(0.8)) / 8;
    assert.ok(Math.abs(logLoss(P, Y) - ll) < 1e-12);
    assert.deepEqual(metricsOf(P, Y), { rows: 8, bads: 4, auc: 0.75, ks: 0.5, brier: 0.205, logLoss: Math.round(ll * 1e6) / 1e6 });
  });
  it('count a tie between a bad and a good as one half, and take tied rows together for KS', () => {
    // Pairs: (.5 vs .5) ½, (.5 vs .2) 1, (.8 vs .5) 1, (.8 vs .2) 1 → 3.5 / 4.
    assert.equal(auc([0.5, 0.5, 0.2, 0.8], [1, 0, 0, 1]), 0.875);
    assert.equal(ks([0.5, 0.5, 0.2, 0.8], [1, 0, 0, 1]), 0.5);
    assert.equal(auc([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0]), 0.5);
  });
  it('a perfect ranking scores AUC 1 and KS 1; the reverse scores AUC 0', () => {
    assert.equal(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
    assert.equal(ks([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]), 1);
    assert.equal(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1]), 0);
  });
  it('AUC and KS do not depend on the row order, only on the scores', () => {
    const order = [3, 7, 0, 5, 1, 6, 2, 4];
    assert.equal(auc(order.map((i) => P[i]!), order.map((i) => Y[i]!)), 0.75);
    assert.equal(ks(order.map((i) => P[i]!), order.map((i) => Y[i]!)), 0.5);
  });
  it('a constant prediction of the base rate r has Brier r(1 − r)', () => {
    assert.ok(Math.abs(brier([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0]) - 0.1875) < 1e-12);
  });
  it('AUC is undefined with one class only', () => assert.ok(Number.isNaN(auc([0.1, 0.2], [0, 0]))));
  it('refuses a label other than 0/1 and a length mismatch, naming them', () => {
    assert.throws(() => auc([0.1, 0.2], [0, 2]), (e: unknown) => e instanceof AppError && /^labels\[1\]: expected 0 or 1/.test(e.message));
    assert.throws(() => brier([0.1, 0.2], [0]), (e: unknown) => e instanceof AppError && /^labels:/.test(e.message));
  });
});

describe('reliability table', () => {
  it('cuts rows sorted by p into equal-count bins with mean p and observed rate', () => {
    assert.deepEqual(reliabilityTable([0.4, 0.1, 0.3, 0.2], [1, 0, 1, 0], 2), [
      { rows: 2, meanPredicted: 0.15, observedRate: 0, minPredicted: 0.1, maxPredicted: 0.2 },
      { rows: 2, meanPredicted: 0.35, observedRate: 1, minPredicted: 0.3, maxPredicted: 0.4 },
    ]);
    assert.deepEqual(reliabilityTable(P, Y, 4).map((b) => [b.rows, b.observedRate]), [[2, 0.5], [2, 0], [2, 0.5], [2, 1]]);
  });
});

describe('fairness check', () => {
  // Group a: p .9 (bad) .6 (good) .2 (good); group b: p .8 (bad) .7 (bad) .1 (good). Flag the riskiest third → p ≥ .8.
  const p = [0.9, 0.6, 0.2, 0.8, 0.7, 0.1];
  const y = [1, 0, 0, 1, 1, 0];
  const g = ['a', 'a', 'a', 'b', 'b', 'b'];
  it('flags one cut-off for everyone and reports per-group rates and ratios', () => {
    assert.equal(flagThreshold(p, 1 / 3), 0.8);
    const r = fairnessReport(p, y, { g }, 1 / 3);
    const [a, b] = r.attributes[0]!.groups;
    assert.deepEqual([a!.group, a!.rows, a!.badRate, a!.flagRate, a!.approvalRate, a!.truePositiveRate, a!.falsePositiveRate, a!.auc], ['a', 3, 0.3333, 0.3333, 0.6667, 1, 0, 1]);
    assert.deepEqual([b!.group, b!.flagRate, b!.approvalRate, b!.truePositiveRate, b!.falsePositiveRate, b!.auc], ['b', 0.3333, 0.6667, 0.5, 0, 1]);
    assert.equal(r.attributes[0]!.minApprovalRatio, 1);
  });
  it('divides each approval rate by the highest one', () => {
    const r = fairnessReport([0.9, 0.1, 0.1, 0.9, 0.9, 0.1], [1, 0, 0, 1, 0, 0], { g }, 0.5);
    const [a, b] = r.attributes[0]!.groups;
    assert.deepEqual([a!.approvalRate, b!.approvalRate, a!.approvalRatio, b!.approvalRatio], [0.6667, 0.3333, 1, 0.5]);
    assert.equal(r.attributes[0]!.minApprovalRatio, 0.5);
  });
  it('leaves rows without a group out', () => {
    const r = fairnessReport(p, y, { g: ['a', 'a', 'a', null, null, null] }, 1 / 3);
    assert.deepEqual(r.attributes[0]!.groups.map((x) => x.group), ['a']);
  });
});
