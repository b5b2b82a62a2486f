/**
 * Logistic regression with an L2 penalty, fitted by iteratively reweighted least squares (Newton's
 * method). PURE and deterministic: no random start, a fixed order of sums.
 *
 *   P(bad) = 1 / (1 + e^−(b0 + Σ b_j·x_j));   maximise  Σ log-likelihood − (λ/2)·Σ_{j≥1} b_j²
 *
 * The intercept is not penalised. With λ > 0 the fit is finite even when the classes are separable.
 * Each Newton step is halved until the penalised likelihood does not fall, so the fit cannot diverge.
 */
import { invalidField } from '../../platform/errors.ts';

export interface LogisticFit {
  intercept: number;
  coef: number[];
  iterations: number;
  converged: boolean;
}

export interface LogisticParams {
  l2: number;
  maxIterations: number;
  tolerance: number;
}

export const DEFAULT_LOGISTIC: LogisticParams = { l2: 1, maxIterations: 50, tolerance: 1e-9 };

export const sigmoid = (z: number): number => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** Solves A·x = b for a symmetric positive-definite A (row-major, n×n) by Cholesky; A is overwritten. */
export function choleskySolve(A: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = A[j * n + j]!;
    for (let k = 0; k < j; k++) d -= A[j * n + k]! ** 2;
    if (!(d > 0)) throw invalidField('features', 'the design matrix is singular (a constant or duplicated feature?)');
    const l = Math.sqrt(d);
    A[j * n + j] = l;
    for (let i = j + 1; i < n; i++) {
      let s = A[i * n + j]!;
      for (let k = 0; k < j; k++) s -= A[i * n + k]! * A[j * n + k]!;
      A[i * n + j] = s / l;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let s = x[i]!;
    for (let k = 0; k < i; k++) s -= A[i * n + k]! * x[k]!;
    x[i] = s / A[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i]!;
    for (let k = i + 1; k < n; k++) s -= A[k * n + i]! * x[k]!;
    x[i] = s / A[i * n + i]!;
  }
  return x;
}

/**
 * Fits on the rows listed in `rows` (all rows when omitted). `columns[j][r]` is feature j of row r;
 * `y[r]` is 0 or 1.
 */
export function fitLogistic(columns: ReadonlyArray<ArrayLike<number>>, y: ArrayLike<number>, rows?: ArrayLike<number>, params: LogisticParams = DEFAULT_LOGISTIC): LogisticFit {
  if (!(params.l2 >= 0)) throw invalidField('l2', `expected a number ≥ 0, got ${params.l2}`);
  const idx = rows ?? Uint32Array.from({ length: y.length }, (_, i) => i);
  const n = idx.length;
  if (n === 0) throw invalidField('rows', 'no rows to fit');
  const p = columns.length + 1;
  // Copy the rows once into a dense row-major block with a leading 1 for the intercept.
  const X = new Float64Array(n * p);
  const Y = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = idx[k]!;
    X[k * p] = 1;
    for (let j = 1; j < p; j++) {
      const v = columns[j - 1]![r]!;
      if (!Number.isFinite(v)) throw invalidField(`features[${j - 1}]`, `row ${r}: expected a finite number, got ${v}`);
      X[k * p + j] = v;
    }
    Y[k] = y[r]!;
  }
  const beta = new Float64Array(p);
  let mean = 0;
  for (let k = 0; k < n; k++) mean += Y[k]!;
  mean = Math.min(1 - 1e-6, Math.max(1e-6, mean / n));
  beta[0] = Math.log(mean / (1 - mean));
  /** Penalised log-likelihood at b. */
  const objective = (b: Float64Array): number => {
    let ll = 0;
    for (let k = 0; k < n; k++) {
      let z = 0;
      for (let j = 0; j < p; j++) z += X[k * p + j]! * b[j]!;
      // log σ(z) and log(1 − σ(z)) computed without overflow.
      const log1pExp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      ll += Y[k]! * z - log1pExp;
    }
    let pen = 0;
    for (let j = 1; j < p; j++) pen += b[j]! ** 2;
    return ll - (params.l2 / 2) * pen;
  };
  let iterations = 0;
  let converged = false;
  const H = new Float64Array(p * p);
  const g = new Float64Array(p);
  while (iterations < params.maxIterations) {
    iterations++;
    H.fill(0);
    g.fill(0);
    for (let k = 0; k < n; k++) {
      const o = k * p;
      let z = 0;
      for (let j = 0; j < p; j++) z += X[o + j]! * beta[j]!;
      const mu = sigmoid(z);
      const w = Math.max(mu * (1 - mu), 1e-12);
      const e = Y[k]! - mu;
      for (let i = 0; i < p; i++) {
        const xi = X[o + i]!;
        g[i]! += xi * e;
        const wxi = w * xi;
        for (let j = 0; j <= i; j++) H[i * p + j]! += wxi * X[o + j]!;
      }
    }
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < i; j++) H[j * p + i] = H[i * p + j]!;
      if (i > 0) {
        H[i * p + i]! += params.l2;
        g[i]! -= params.l2 * beta[i]!;
      }
    }
    const step = choleskySolve(H, g, p);
    // Newton's full step can overshoot (collinear WOE columns do it); halve it until the penalised
    // log-likelihood does not fall.
    const before = objective(beta);
    const trial = new Float64Array(p);
    let t = 1;
    for (let halvings = 0; ; halvings++) {
      for (let j = 0; j < p; j++) trial[j] = beta[j]! + t * step[j]!;
      if (objective(trial) >= before - 1e-12 * Math.abs(before) || halvings >= 30) break;
      t /= 2;
    }
    let biggest = 0;
    for (let j = 0; j < p; j++) {
      biggest = Math.max(biggest, Math.abs(trial[j]! - beta[j]!));
      beta[j] = trial[j]!;
    }
    if (biggest < params.tolerance) {
      converged = true;
      break;
    }
  }
  return { intercept: beta[0]!, coef: Array.from(beta.subarray(1)), iterations, converged };
}
