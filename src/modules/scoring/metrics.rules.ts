/**
 * How good a risk score is. PURE. Every function takes the predicted probability of the bad outcome
 * (`p`, higher = riskier) and the observed outcome (`y`, 1 = bad) row by row.
 *
 * - AUC: the chance that a random bad row scores above a random good one (ties count one half),
 *   computed from average ranks (Mann–Whitney), so it is exact with ties.
 * - KS: the largest gap between the cumulative share of bads and of goods when rows are taken from the
 *   riskiest down; rows with the same score are taken together.
 * - Brier: the mean squared gap between the probability and the outcome (0 is perfect; a constant
 *   prediction of the base rate r scores r(1−r)).
 * - Reliability: rows sorted by p and cut into equal-count bins; each bin's mean p against its
 *   observed bad rate. A calibrated model has them equal.
 */
import { invalidField } from '../../platform/errors.ts';

export type Scores = ArrayLike<number>;
export type Labels = ArrayLike<number>;

export interface Metrics {
  rows: number;
  bads: number;
  auc: number;
  ks: number;
  brier: number;
  logLoss: number;
}

function check(p: Scores, y: Labels): { pos: number; neg: number } {
  if (p.length !== y.length) throw invalidField('labels', `expected ${p.length} labels for ${p.length} scores, got ${y.length}`);
  let pos = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    if (v !== 0 && v !== 1) throw invalidField(`labels[${i}]`, `expected 0 or 1, got ${v}`);
    if (Number.isNaN(p[i]!)) throw invalidField(`scores[${i}]`, 'is not a number');
    pos += v;
  }
  return { pos, neg: y.length - pos };
}

/** Row indexes ordered by score, ascending; ties keep row order so the result is deterministic. */
function order(p: Scores): Uint32Array {
  const idx = new Uint32Array(p.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((a, b) => p[a]! - p[b]! || a - b);
}

/** Area under the ROC curve; NaN when one class is absent. */
export function auc(p: Scores, y: Labels): number {
  const { pos, neg } = check(p, y);
  if (pos === 0 || neg === 0) return Number.NaN;
  const idx = order(p);
  let rankSumPos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && p[idx[j + 1]!] === p[idx[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (y[idx[k]!] === 1) rankSumPos += avgRank;
    i = j + 1;
  }
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Kolmogorov–Smirnov statistic between the score distributions of bads and goods, 0–1. */
export function ks(p: Scores, y: Labels): number {
  const { pos, neg } = check(p, y);
  if (pos === 0 || neg === 0) return Number.NaN;
  const idx = order(p);
  let cumPos = 0;
  let cumNeg = 0;
  let best = 0;
  for (let i = idx.length - 1; i >= 0; ) {
    let j = i;
    while (j - 1 >= 0 && p[idx[j - 1]!] === p[idx[i]!]) j--;
    for (let k = j; k <= i; k++) {
      if (y[idx[k]!] === 1) cumPos++;
      else cumNeg++;
    }
    best = Math.max(best, Math.abs(cumPos / pos - cumNeg / neg));
    i = j - 1;
  }
  return best;
}

/** Mean squared error of the probabilities. */
export function brier(p: Scores, y: Labels): number {
  check(p, y);
  if (p.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < p.length; i++) s += (p[i]! - y[i]!) ** 2;
  return s / p.length;
}

/** Mean negative log-likelihood, with probabilities clipped to [1e-15, 1 − 1e-15]. */
export function logLoss(p: Scores, y: Labels): number {
  check(p, y);
  if (p.length === 0) return Number.NaN;
  let s = 0;
  for (let i = 0; i < p.length; i++) {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p[i]!));
    s -= y[i] === 1 ? Math.log(q) : Math.log(1 - q);
  }
  return s / p.length;
}

/** All of the above in one object, rounded to 6 decimals for reports and artefacts. */
export function metricsOf(p: Scores, y: Labels): Metrics {
  const { pos } = check(p, y);
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  return { rows: p.length, bads: pos, auc: r(auc(p, y)), ks: r(ks(p, y)), brier: r(brier(p, y)), logLoss: r(logLoss(p, y)) };
}

export interface ReliabilityBin {
  rows: number;
  meanPredicted: number;
  observedRate: number;
  minPredicted: number;
  maxPredicted: number;
}

/** Equal-count bins of predicted probability (the last bins take the remainder one row each). */
export function reliabilityTable(p: Scores, y: Labels, bins = 10): ReliabilityBin[] {
  check(p, y);
  if (!Number.isInteger(bins) || bins < 1) throw invalidField('bins', `expected a whole number ≥ 1, got ${bins}`);
  const idx = order(p);
  const n = idx.length;
  const out: ReliabilityBin[] = [];
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * n) / bins);
    const to = Math.floor(((b + 1) * n) / bins);
    if (to <= from) continue;
    let sp = 0;
    let sy = 0;
    for (let k = from; k < to; k++) {
      sp += p[idx[k]!]!;
      sy += y[idx[k]!]!;
    }
    out.push({ rows: to - from, meanPredicted: r(sp / (to - from)), observedRate: r(sy / (to - from)), minPredicted: r(p[idx[from]!]!), maxPredicted: r(p[idx[to - 1]!]!) });
  }
  return out;
}
