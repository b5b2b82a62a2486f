/**
 * Binning, weight of evidence (WOE) and information value (IV) for the scorecard (评分卡). PURE.
 *
 * A numeric feature starts from quantile cuts, then adjacent bins are merged until the bad rate moves
 * one way only (pool-adjacent-violators in the feature's direction), no bin holds less than
 * `minBinShare` of the rows, and at most `maxBins` remain (the closest neighbours by bad rate merge
 * first). A nominal feature gets one bin per value, rare values pooled. Missing values (NaN) get a bin of
 * their own. Monotone bins keep the points explainable: more utilisation never earns more points.
 *
 *   WOE_i = ln( (goods_i + a) / (G + a·k)  ÷  (bads_i + a) / (B + a·k) )     (a = smoothing, k = bins)
 *   IV    = Σ ( (goods_i + a)/(G + a·k) − (bads_i + a)/(B + a·k) ) · WOE_i
 *
 * Positive WOE means safer than average. IV rule of thumb: < 0.02 useless, 0.02–0.1 weak, 0.1–0.3
 * medium, > 0.3 strong.
 */
import { invalidField } from '../../platform/errors.ts';

export type FeatureKind = 'numeric' | 'nominal';

export interface Bin {
  /** Numeric: the bin holds values in (lo, hi]; null is an open end. */
  lo: number | null;
  hi: number | null;
  /** Nominal: the values the bin holds. */
  values?: number[];
  /** The bin of missing values (and, for a nominal feature, of values not seen in training when pooled). */
  missing?: boolean;
  other?: boolean;
  rows: number;
  bads: number;
  badRate: number;
  woe: number;
}

export interface FeatureBinning {
  feature: string;
  kind: FeatureKind;
  trend: 'increasing' | 'decreasing' | 'none';
  bins: Bin[];
  iv: number;
}

export interface BinningParams {
  initialBins: number;
  maxBins: number;
  minBinShare: number;
  smoothing: number;
}

export const DEFAULT_BINNING: BinningParams = { initialBins: 20, maxBins: 8, minBinShare: 0.05, smoothing: 0.5 };

interface Cell {
  lo: number | null;
  hi: number | null;
  values?: number[];
  missing?: boolean;
  other?: boolean;
  rows: number;
  bads: number;
}

const rate = (c: { rows: number; bads: number }) => (c.rows === 0 ? 0 : c.bads / c.rows);

function merge(a: Cell, b: Cell): Cell {
  return { lo: a.lo, hi: b.hi, ...(a.values ? { values: [...a.values, ...(b.values ?? [])].sort((x, z) => x - z) } : {}), rows: a.rows + b.rows, bads: a.bads + b.bads };
}

/** WOE and IV for cells given as rows and bads; exported for the table tests. */
export function woeIv(cells: ReadonlyArray<{ rows: number; bads: number }>, smoothing = DEFAULT_BINNING.smoothing): { woe: number[]; iv: number } {
  const k = cells.length;
  let G = 0;
  let B = 0;
  for (const c of cells) {
    B += c.bads;
    G += c.rows - c.bads;
  }
  if (G === 0 || B === 0) throw invalidField('labels', 'both outcomes must occur to compute weight of evidence');
  let iv = 0;
  const woe = cells.map((c) => {
    const g = (c.rows - c.bads + smoothing) / (G + smoothing * k);
    const b = (c.bads + smoothing) / (B + smoothing * k);
    if (g === 0 || b === 0) throw invalidField('smoothing', 'a bin with no goods or no bads needs smoothing > 0');
    const w = Math.log(g / b);
    iv += (g - b) * w;
    return w;
  });
  return { woe, iv };
}

/** Merges adjacent cells so that bad rates rise (or fall) strictly: pool adjacent violators. */
export function monotoneMerge(cells: readonly Cell[], trend: 'increasing' | 'decreasing'): Cell[] {
  const stack: Cell[] = [];
  for (const c of cells) {
    stack.push(c);
    while (stack.length >= 2) {
      const b = stack[stack.length - 1]!;
      const a = stack[stack.length - 2]!;
      const ok = trend === 'increasing' ? rate(a) < rate(b) : rate(a) > rate(b);
      if (ok) break;
      stack.splice(stack.length - 2, 2, merge(a, b));
    }
  }
  return stack;
}

/** Merges the smallest bin below `minRows` into its neighbour with the closer bad rate, until none is left, then caps the count. */
function mergeSmallAndCap(cells: Cell[], minRows: number, maxBins: number): Cell[] {
  const out = [...cells];
  const mergeAt = (i: number, j: number) => out.splice(Math.min(i, j), 2, merge(out[Math.min(i, j)]!, out[Math.max(i, j)]!));
  for (;;) {
    if (out.length <= 1) break;
    let small = -1;
    for (let i = 0; i < out.length; i++) if (out[i]!.rows < minRows && (small < 0 || out[i]!.rows < out[small]!.rows)) small = i;
    if (small < 0) break;
    const left = small > 0 ? Math.abs(rate(out[small - 1]!) - rate(out[small]!)) : Infinity;
    const right = small < out.length - 1 ? Math.abs(rate(out[small + 1]!) - rate(out[small]!)) : Infinity;
    mergeAt(small, left <= right ? small - 1 : small + 1);
  }
  while (out.length > maxBins) {
    let best = 0;
    for (let i = 1; i < out.length - 1; i++) if (Math.abs(rate(out[i]!) - rate(out[i + 1]!)) < Math.abs(rate(out[best]!) - rate(out[best + 1]!))) best = i;
    mergeAt(best, best + 1);
  }
  return out;
}

/** Quantile cells of the sorted non-missing values: cut points at the k-quantiles, duplicates dropped. */
export function quantileCells(sorted: ArrayLike<number>, labels: ArrayLike<number>, k: number): Cell[] {
  const m = sorted.length;
  const cuts: number[] = [];
  for (let i = 1; i < k; i++) {
    const v = sorted[Math.max(0, Math.floor((i * m) / k) - 1)]!;
    if (v < sorted[m - 1]! && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
  }
  const cells: Cell[] = [];
  let j = 0;
  for (let c = 0; c <= cuts.length; c++) {
    const hi = c < cuts.length ? cuts[c]! : null;
    const cell: Cell = { lo: c === 0 ? null : cuts[c - 1]!, hi, rows: 0, bads: 0 };
    while (j < m && (hi === null || sorted[j]! <= hi)) {
      cell.rows++;
      cell.bads += labels[j]!;
      j++;
    }
    cells.push(cell);
  }
  return cells;
}

/** Weighted correlation sign between the cells' order and their bad rates. */
function trendOf(cells: readonly Cell[]): 'increasing' | 'decreasing' {
  let n = 0;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < cells.length; i++) {
    n += cells[i]!.rows;
    sx += i * cells[i]!.rows;
    sy += cells[i]!.bads;
  }
  const mx = sx / n;
  const my = sy / n;
  let cov = 0;
  for (let i = 0; i < cells.length; i++) cov += cells[i]!.rows * (i - mx) * (rate(cells[i]!) - my);
  return cov >= 0 ? 'increasing' : 'decreasing';
}

/** Bins one feature over the given rows; `x` holds NaN for missing values. */
export function binFeature(feature: string, kind: FeatureKind, x: ArrayLike<number>, y: ArrayLike<number>, rows: ArrayLike<number>, params: BinningParams = DEFAULT_BINNING): FeatureBinning {
  const present: number[] = [];
  let missingRows = 0;
  let missingBads = 0;
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]!;
    if (Number.isNaN(x[r]!)) {
      missingRows++;
      missingBads += y[r]!;
    } else present.push(r);
  }
  present.sort((a, b) => x[a]! - x[b]! || a - b);
  const sorted = Float64Array.from(present, (r) => x[r]!);
  const labels = Uint8Array.from(present, (r) => y[r]!);
  const minRows = Math.max(1, Math.ceil(params.minBinShare * rows.length));
  let cells: Cell[] = [];
  let trend: FeatureBinning['trend'] = 'none';
  if (kind === 'numeric') {
    if (sorted.length) {
      const initial = quantileCells(sorted, labels, params.initialBins);
      trend = trendOf(initial);
      cells = mergeSmallAndCap(monotoneMerge(initial, trend), minRows, params.maxBins);
      cells[0]!.lo = null;
      cells[cells.length - 1]!.hi = null;
    }
  } else {
    const rare: Cell = { lo: null, hi: null, values: [], rows: 0, bads: 0 };
    for (let j = 0; j < sorted.length; ) {
      let e = j;
      let bads = 0;
      while (e < sorted.length && sorted[e] === sorted[j]) bads += labels[e++]!;
      const cell: Cell = { lo: null, hi: null, values: [sorted[j]!], rows: e - j, bads };
      if (cell.rows < minRows) {
        rare.values!.push(sorted[j]!);
        rare.rows += cell.rows;
        rare.bads += bads;
      } else cells.push(cell);
      j = e;
    }
    if (rare.rows > 0) cells.push({ ...rare, other: true });
  }
  const all: Cell[] = [...cells];
  if (missingRows > 0) all.push({ lo: null, hi: null, missing: true, rows: missingRows, bads: missingBads });
  if (all.length === 0) throw invalidField(feature, 'no rows to bin');
  const { woe, iv } = woeIv(all, params.smoothing);
  return {
    feature,
    kind,
    trend,
    iv,
    bins: all.map((c, i) => ({ ...c, badRate: rate(c), woe: woe[i]! })),
  };
}

/** The bin a value falls in; -1 for a value no bin holds (a nominal value never seen, or a missing value with no missing bin). */
export function binIndex(b: FeatureBinning, v: number): number {
  const bins = b.bins;
  if (Number.isNaN(v)) {
    for (let i = 0; i < bins.length; i++) if (bins[i]!.missing) return i;
    return -1;
  }
  if (b.kind === 'numeric') {
    for (let i = 0; i < bins.length; i++) {
      const bin = bins[i]!;
      if (bin.missing) continue;
      if (bin.hi === null || v <= bin.hi) return i;
    }
    return -1;
  }
  let other = -1;
  for (let i = 0; i < bins.length; i++) {
    if (bins[i]!.values?.includes(v)) return i;
    if (bins[i]!.other) other = i;
  }
  return other;
}

/** A person-readable label of a bin, e.g. `(0.25, 0.5]`, `≤ 0`, `> 3`, `= 1, 2`, `missing`. */
export function binLabel(bin: Bin): string {
  if (bin.missing) return 'missing';
  if (bin.values) return `${bin.other ? 'other: ' : '= '}${bin.values.join(', ')}`;
  if (bin.lo === null && bin.hi === null) return 'all';
  if (bin.lo === null) return `≤ ${bin.hi}`;
  if (bin.hi === null) return `> ${bin.lo}`;
  return `(${bin.lo}, ${bin.hi}]`;
}
