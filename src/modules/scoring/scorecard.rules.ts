/**
 * The WOE-binned logistic scorecard (评分卡). PURE.
 *
 * Training: bin every feature (binning.rules.ts), drop those with information value below `minIv`,
 * replace each value by its bin's WOE, fit an L2 logistic regression on the WOE columns, and drop and
 * refit while any feature has the wrong sign (WOE is "safer than average", so each coefficient on P(bad)
 * must be negative; a positive one comes from collinearity and would make the points contradict the
 * bin's evidence). Then scale to points:
 *
 *   score = offset + factor · ln(odds good:bad),   factor = PDO / ln 2,   offset = base − factor · ln(baseOdds)
 *
 * so that `base` points mean odds of `baseOdds`:1 and every `pdo` points double the odds. Each feature's
 * bin earns −factor · coef · WOE points (rounded to whole points for the card); the intercept's share is
 * the card's base points. The probability is computed from the unrounded logit.
 */
import { invalidField } from '../../platform/errors.ts';
import type { BinningParams, FeatureBinning, FeatureKind } from './binning.rules.ts';
import { binFeature, binIndex, binLabel, DEFAULT_BINNING } from './binning.rules.ts';
import { fitLogistic, sigmoid } from './logistic.rules.ts';

export interface ScorecardParams {
  binning: BinningParams;
  l2: number;
  minIv: number;
  base: number;
  baseOdds: number;
  pdo: number;
}

export const DEFAULT_SCORECARD: ScorecardParams = { binning: DEFAULT_BINNING, l2: 1, minIv: 0.02, base: 600, baseOdds: 50, pdo: 20 };

export interface ScorecardFeature {
  name: string;
  coef: number;
  binning: FeatureBinning;
  /** Whole points per bin, in the order of binning.bins. */
  points: number[];
}

export interface ScorecardModel {
  intercept: number;
  scaling: { base: number; baseOdds: number; pdo: number; factor: number; offset: number };
  basePoints: number;
  features: ScorecardFeature[];
  /** Every candidate feature's information value on the training rows, highest first. */
  iv: Array<{ feature: string; iv: number }>;
  dropped: Array<{ feature: string; reason: string }>;
}

export interface TrainingData {
  names: readonly string[];
  kinds: readonly FeatureKind[];
  /** columns[j][r]: feature j of row r, NaN when missing. */
  columns: ReadonlyArray<ArrayLike<number>>;
  y: ArrayLike<number>;
}

function woeOf(b: FeatureBinning, v: number): number {
  const i = binIndex(b, v);
  return i < 0 ? 0 : b.bins[i]!.woe;
}

export function trainScorecard(data: TrainingData, rows: ArrayLike<number>, params: ScorecardParams = DEFAULT_SCORECARD): ScorecardModel {
  if (!(params.pdo > 0)) throw invalidField('pdo', `expected points to double the odds > 0, got ${params.pdo}`);
  if (!(params.baseOdds > 0)) throw invalidField('baseOdds', `expected odds > 0, got ${params.baseOdds}`);
  const binnings = data.names.map((name, j) => binFeature(name, data.kinds[j]!, data.columns[j]!, data.y, rows, params.binning));
  const dropped: ScorecardModel['dropped'] = [];
  let kept = binnings.filter((b) => {
    if (b.iv >= params.minIv) return true;
    dropped.push({ feature: b.feature, reason: `information value ${b.iv.toFixed(4)} < ${params.minIv}` });
    return false;
  });
  if (kept.length === 0) throw invalidField('features', `no feature has an information value of at least ${params.minIv}`);
  const woeColumns = new Map<string, Float64Array>();
  for (const b of kept) {
    const x = data.columns[data.names.indexOf(b.feature)]!;
    const col = new Float64Array(data.y.length);
    for (let k = 0; k < rows.length; k++) col[rows[k]!] = woeOf(b, x[rows[k]!]!);
    woeColumns.set(b.feature, col);
  }
  let fit = fitLogistic(kept.map((b) => woeColumns.get(b.feature)!), data.y, rows, { l2: params.l2, maxIterations: 50, tolerance: 1e-9 });
  for (;;) {
    let worst = -1;
    for (let j = 0; j < fit.coef.length; j++) if (fit.coef[j]! >= 0 && (worst < 0 || fit.coef[j]! > fit.coef[worst]!)) worst = j;
    if (worst < 0) break;
    dropped.push({ feature: kept[worst]!.feature, reason: `coefficient ${fit.coef[worst]!.toFixed(4)} has the wrong sign next to the other features (collinear)` });
    kept = kept.filter((_, j) => j !== worst);
    if (kept.length === 0) throw invalidField('features', 'no feature keeps a coefficient of the right sign');
    fit = fitLogistic(kept.map((b) => woeColumns.get(b.feature)!), data.y, rows, { l2: params.l2, maxIterations: 50, tolerance: 1e-9 });
  }
  const factor = params.pdo / Math.LN2;
  const offset = params.base - factor * Math.log(params.baseOdds);
  return {
    intercept: fit.intercept,
    scaling: { base: params.base, baseOdds: params.baseOdds, pdo: params.pdo, factor, offset },
    basePoints: Math.round(offset - factor * fit.intercept),
    features: kept.map((b, j) => ({ name: b.feature, coef: fit.coef[j]!, binning: b, points: b.bins.map((bin) => Math.round(-factor * fit.coef[j]! * bin.woe)) })),
    iv: binnings.map((b) => ({ feature: b.feature, iv: b.iv })).sort((a, b) => b.iv - a.iv || a.feature.localeCompare(b.feature)),
    dropped,
  };
}

export interface ScorecardExplanation {
  pd: number;
  score: number;
  basePoints: number;
  features: Array<{ feature: string; value: number | null; bin: string; woe: number; points: number }>;
}

/** Scores one row (a value per feature name) with the reasons: each feature's bin, WOE and points. */
export function explainScorecard(model: ScorecardModel, row: Readonly<Record<string, number>>): ScorecardExplanation {
  let logit = model.intercept;
  let score = model.basePoints;
  const features = model.features.map((f) => {
    const v = row[f.name];
    if (v === undefined) throw invalidField(f.name, 'required by the scorecard');
    const i = binIndex(f.binning, v);
    const woe = i < 0 ? 0 : f.binning.bins[i]!.woe;
    const points = i < 0 ? 0 : f.points[i]!;
    logit += f.coef * woe;
    score += points;
    return { feature: f.name, value: Number.isNaN(v) ? null : v, bin: i < 0 ? 'unseen' : binLabel(f.binning.bins[i]!), woe, points };
  });
  return { pd: sigmoid(logit), score, basePoints: model.basePoints, features };
}

/**
 * P(bad) for many rows at once; `columns` is indexed by the model's feature order. Each feature is
 * compiled to its bins' upper bounds and logit contributions, so a value costs a short scan of at
 * most `maxBins` numbers.
 */
export function scoreScorecard(model: ScorecardModel, columns: ReadonlyArray<ArrayLike<number>>, n: number): Float64Array {
  const z = new Float64Array(n).fill(model.intercept);
  model.features.forEach((f, j) => {
    const x = columns[j]!;
    const bins = f.binning.bins;
    const missingBin = bins.findIndex((b) => b.missing);
    const missing = missingBin < 0 ? 0 : f.coef * bins[missingBin]!.woe;
    if (f.binning.kind === 'numeric') {
      const present = bins.filter((b) => !b.missing);
      if (present.length === 0) present.push({ lo: null, hi: null, rows: 0, bads: 0, badRate: 0, woe: 0 });
      const his = Float64Array.from(present, (b) => (b.hi === null ? Infinity : b.hi));
      const contrib = Float64Array.from(present, (b) => f.coef * b.woe);
      const last = his.length - 1;
      for (let r = 0; r < n; r++) {
        const v = x[r]!;
        if (v !== v) {
          z[r]! += missing;
          continue;
        }
        let i = 0;
        while (i < last && v > his[i]!) i++;
        z[r]! += contrib[i]!;
      }
    } else {
      const byValue = new Map<number, number>();
      let other = 0;
      for (const b of bins) {
        for (const v of b.values ?? []) byValue.set(v, f.coef * b.woe);
        if (b.other) other = f.coef * b.woe;
      }
      for (let r = 0; r < n; r++) {
        const v = x[r]!;
        z[r]! += v !== v ? missing : (byValue.get(v) ?? other);
      }
    }
  });
  for (let r = 0; r < n; r++) z[r] = sigmoid(z[r]!);
  return z;
}
