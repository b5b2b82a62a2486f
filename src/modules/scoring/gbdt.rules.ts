/**
 * Gradient-boosted decision trees for P(bad), written here and kept small. PURE and deterministic
 * given `seed`.
 *
 * - Features are binned once on the training rows (up to `maxBins` quantile bins; missing values get
 *   bin 0), so a split is found from per-bin sums of gradients and hessians (a histogram); the larger
 *   child's histogram is the parent's minus the smaller child's.
 * - Logistic loss: gradient p − y, hessian p(1 − p). A split's gain is
 *   G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ); a leaf's value is −G/(H+λ) times the learning rate.
 *   Each split also learns which side missing values go to.
 * - Trees grow level by level to `maxDepth`; a child needs `minLeafRows` rows and `minChildWeight` of
 *   hessian. Each tree sees a seeded `subsample` of the rows.
 * - Early stopping: a stratified `validationShare` of the training rows is kept out; boosting stops when
 *   the validation log-loss has not improved for `earlyStoppingRounds` trees, and the model keeps the
 *   trees up to the best round.
 *
 * A stored tree holds raw thresholds (go left when value ≤ threshold), so scoring needs no bins.
 */
import { invalidField } from '../../platform/errors.ts';
import { sigmoid } from './logistic.rules.ts';
import { seededRandom, stratifiedSplit } from './split.rules.ts';

export interface GbdtParams {
  maxTrees: number;
  learningRate: number;
  maxDepth: number;
  minLeafRows: number;
  minChildWeight: number;
  l2: number;
  maxBins: number;
  subsample: number;
  validationShare: number;
  earlyStoppingRounds: number;
  seed: number;
}

export const DEFAULT_GBDT: GbdtParams = {
  maxTrees: 600,
  learningRate: 0.1,
  maxDepth: 4,
  minLeafRows: 50,
  minChildWeight: 1,
  l2: 5,
  maxBins: 64,
  subsample: 0.8,
  validationShare: 0.2,
  earlyStoppingRounds: 40,
  seed: 1,
};

/** One tree as parallel arrays; node 0 is the root; `feature[i] < 0` marks a leaf holding `value[i]`. */
export interface Tree {
  feature: number[];
  threshold: number[];
  /** 1 when missing values go left. */
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
}

export interface GbdtModel {
  /** The starting logit: the training rows' log-odds. */
  base: number;
  features: string[];
  trees: Tree[];
  bestRound: number;
  roundsRun: number;
  validation: { rows: number; logLoss: number };
  /** Total split gain per feature, as a share of all gain, highest first. */
  importance: Array<{ feature: string; gain: number }>;
}

export interface GbdtData {
  names: readonly string[];
  columns: ReadonlyArray<ArrayLike<number>>;
  y: ArrayLike<number>;
}

/** Cut points for one feature from the training rows: distinct values if few, else quantiles. */
export function cutPoints(x: ArrayLike<number>, rows: ArrayLike<number>, maxBins: number): number[] {
  const vals: number[] = [];
  for (let k = 0; k < rows.length; k++) {
    const v = x[rows[k]!]!;
    if (!Number.isNaN(v)) vals.push(v);
  }
  vals.sort((a, b) => a - b);
  const distinct: number[] = [];
  for (const v of vals) if (distinct.length === 0 || v !== distinct[distinct.length - 1]) distinct.push(v);
  if (distinct.length <= maxBins) return distinct.slice(0, -1);
  const cuts: number[] = [];
  for (let i = 1; i < maxBins; i++) {
    const v = vals[Math.floor((i * vals.length) / maxBins) - 1]!;
    if (v < vals[vals.length - 1]! && (cuts.length === 0 || v > cuts[cuts.length - 1]!)) cuts.push(v);
  }
  return cuts;
}

/** Bin code of a value: 0 missing, 1 + the number of cut points below it otherwise. */
function codeOf(cuts: readonly number[], v: number): number {
  if (Number.isNaN(v)) return 0;
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cuts[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

interface Node {
  id: number;
  rows: Uint32Array;
  hist: Float64Array | null;
  G: number;
  H: number;
}

interface BestSplit {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
}

export function trainGbdt(data: GbdtData, trainRows: ArrayLike<number>, params: GbdtParams = DEFAULT_GBDT): GbdtModel {
  for (const [k, ok] of [
    ['learningRate', params.learningRate > 0 && params.learningRate <= 1],
    ['maxDepth', Number.isInteger(params.maxDepth) && params.maxDepth >= 1 && params.maxDepth <= 12],
    ['maxBins', Number.isInteger(params.maxBins) && params.maxBins >= 2 && params.maxBins <= 255],
    ['maxTrees', Number.isInteger(params.maxTrees) && params.maxTrees >= 1],
    ['subsample', params.subsample > 0 && params.subsample <= 1],
    ['l2', params.l2 >= 0],
  ] as const) if (!ok) throw invalidField(k, `out of range: ${params[k]}`);
  const F = data.columns.length;
  const n = data.y.length;
  const y = data.y;
  const split = params.validationShare > 0 ? stratifiedSplit(y, params.validationShare, params.seed ^ 0x5eed, trainRows) : { train: Uint32Array.from(trainRows), test: new Uint32Array(0) };
  const fitRows = split.train;
  const valRows = split.test;
  const cuts = data.columns.map((x) => cutPoints(x, fitRows, params.maxBins));
  const B = Math.max(...cuts.map((c) => c.length + 1)) + 1; // bins per feature incl. missing
  const codes = new Uint8Array(n * F);
  const used = new Uint8Array(n);
  for (const r of fitRows) used[r] = 1;
  for (const r of valRows) used[r] = 1;
  for (let r = 0; r < n; r++) if (used[r]) for (let f = 0; f < F; f++) codes[r * F + f] = codeOf(cuts[f]!, data.columns[f]![r]!);

  let mean = 0;
  for (const r of fitRows) mean += y[r]!;
  mean = Math.min(1 - 1e-6, Math.max(1e-6, mean / Math.max(1, fitRows.length)));
  const base = Math.log(mean / (1 - mean));
  const raw = new Float64Array(n).fill(base);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const random = seededRandom(params.seed);
  const trees: Tree[] = [];
  const gainByFeature = new Float64Array(F);
  const gainPerTree: Float64Array[] = [];
  let best = { round: 0, loss: Infinity };
  const valLoss = () => {
    let s = 0;
    for (const r of valRows) {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, sigmoid(raw[r]!)));
      s -= y[r] === 1 ? Math.log(p) : Math.log(1 - p);
    }
    return valRows.length ? s / valRows.length : 0;
  };
  if (valRows.length) best = { round: 0, loss: valLoss() };
  const lambda = params.l2;

  const histogram = (rows: Uint32Array): Float64Array => {
    const h = new Float64Array(F * B * 3);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k]!;
      const g = grad[r]!;
      const hh = hess[r]!;
      const o = r * F;
      for (let f = 0; f < F; f++) {
        const idx = (f * B + codes[o + f]!) * 3;
        h[idx]! += g;
        h[idx + 1]! += hh;
        h[idx + 2]! += 1;
      }
    }
    return h;
  };

  const bestSplit = (node: Node): BestSplit | null => {
    const h = node.hist!;
    const parent = (node.G * node.G) / (node.H + lambda);
    let out: BestSplit | null = null;
    const total = node.rows.length;
    for (let f = 0; f < F; f++) {
      const nb = cuts[f]!.length + 1;
      if (nb < 2) continue;
      const o = f * B * 3;
      const gM = h[o]!;
      const hM = h[o + 1]!;
      const cM = h[o + 2]!;
      let gL = 0;
      let hL = 0;
      let cL = 0;
      for (let t = 1; t < nb; t++) {
        gL += h[o + t * 3]!;
        hL += h[o + t * 3 + 1]!;
        cL += h[o + t * 3 + 2]!;
        for (const mLeft of cM > 0 ? [false, true] : [false]) {
          const GL = gL + (mLeft ? gM : 0);
          const HL = hL + (mLeft ? hM : 0);
          const CL = cL + (mLeft ? cM : 0);
          const GR = node.G - GL;
          const HR = node.H - HL;
          const CR = total - CL;
          if (CL < params.minLeafRows || CR < params.minLeafRows || HL < params.minChildWeight || HR < params.minChildWeight) continue;
          const gain = (GL * GL) / (HL + lambda) + (GR * GR) / (HR + lambda) - parent;
          if (gain > 1e-12 && (out === null || gain > out.gain)) out = { gain, feature: f, bin: t, missingLeft: mLeft };
        }
      }
    }
    return out;
  };

  let round = 0;
  for (round = 1; round <= params.maxTrees; round++) {
    const sample: number[] = [];
    for (const r of fitRows) {
      const p = sigmoid(raw[r]!);
      grad[r] = p - y[r]!;
      hess[r] = Math.max(p * (1 - p), 1e-16);
      if (params.subsample >= 1 || random() < params.subsample) sample.push(r);
    }
    const tree: Tree = { feature: [], threshold: [], missingLeft: [], left: [], right: [], value: [] };
    const binOf: number[] = [];
    const addNode = () => {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.missingLeft.push(0);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      binOf.push(0);
      return tree.feature.length - 1;
    };
    const rootRows = Uint32Array.from(sample);
    let G = 0;
    let H = 0;
    for (const r of rootRows) {
      G += grad[r]!;
      H += hess[r]!;
    }
    let level: Node[] = [{ id: addNode(), rows: rootRows, hist: histogram(rootRows), G, H }];
    const treeGain = new Float64Array(F);
    for (let depth = 0; depth <= params.maxDepth && level.length; depth++) {
      const next: Node[] = [];
      for (const node of level) {
        const s = depth < params.maxDepth ? bestSplit(node) : null;
        if (!s) {
          tree.value[node.id] = (-node.G / (node.H + lambda)) * params.learningRate;
          continue;
        }
        treeGain[s.feature]! += s.gain;
        const leftRows: number[] = [];
        const rightRows: number[] = [];
        let gL = 0;
        let hL = 0;
        for (const r of node.rows) {
          const c = codes[r * F + s.feature]!;
          if (c === 0 ? s.missingLeft : c <= s.bin) {
            leftRows.push(r);
            gL += grad[r]!;
            hL += hess[r]!;
          } else rightRows.push(r);
        }
        tree.feature[node.id] = s.feature;
        tree.threshold[node.id] = cuts[s.feature]![s.bin - 1]!;
        tree.missingLeft[node.id] = s.missingLeft ? 1 : 0;
        binOf[node.id] = s.bin;
        const l: Node = { id: addNode(), rows: Uint32Array.from(leftRows), hist: null, G: gL, H: hL };
        const rr: Node = { id: addNode(), rows: Uint32Array.from(rightRows), hist: null, G: node.G - gL, H: node.H - hL };
        tree.left[node.id] = l.id;
        tree.right[node.id] = rr.id;
        if (depth + 1 < params.maxDepth) {
          const [small, large] = l.rows.length <= rr.rows.length ? [l, rr] : [rr, l];
          small.hist = histogram(small.rows);
          const lh = new Float64Array(node.hist!.length);
          for (let i = 0; i < lh.length; i++) lh[i] = node.hist![i]! - small.hist[i]!;
          large.hist = lh;
        }
        node.hist = null;
        next.push(l, rr);
      }
      level = next;
    }
    // Update the raw scores of the fitting and validation rows through the binned tree.
    const apply = (r: number) => {
      let i = 0;
      while (tree.feature[i]! >= 0) {
        const c = codes[r * F + tree.feature[i]!]!;
        i = (c === 0 ? tree.missingLeft[i] === 1 : c <= binOf[i]!) ? tree.left[i]! : tree.right[i]!;
      }
      raw[r]! += tree.value[i]!;
    };
    for (const r of fitRows) apply(r);
    for (const r of valRows) apply(r);
    trees.push(tree);
    gainPerTree.push(treeGain);
    if (valRows.length) {
      const loss = valLoss();
      if (loss < best.loss - 1e-12) best = { round, loss };
      else if (round - best.round >= params.earlyStoppingRounds) break;
    } else best = { round, loss: 0 };
  }
  const roundsRun = Math.min(round, params.maxTrees);
  const kept = trees.slice(0, best.round);
  for (let t = 0; t < kept.length; t++) for (let f = 0; f < F; f++) gainByFeature[f]! += gainPerTree[t]![f]!;
  const totalGain = gainByFeature.reduce((a, b) => a + b, 0) || 1;
  return {
    base,
    features: [...data.names],
    trees: kept,
    bestRound: best.round,
    roundsRun,
    validation: { rows: valRows.length, logLoss: Math.round(best.loss * 1e6) / 1e6 },
    importance: data.names.map((feature, f) => ({ feature, gain: Math.round((gainByFeature[f]! / totalGain) * 1e4) / 1e4 })).sort((a, b) => b.gain - a.gain || a.feature.localeCompare(b.feature)),
  };
}

/**
 * A model's trees packed for fast scoring: each tree padded to a complete binary tree of the model's
 * depth (a leaf above the bottom becomes a node that sends everything left, over copies of the leaf),
 * so that a row walks every tree with the same number of steps and no branch to mispredict:
 * node i's children are 2i+1 and 2i+2.
 */
export interface PackedGbdt {
  base: number;
  depth: number;
  trees: number;
  /** Per tree, 2^depth − 1 internal nodes. */
  feature: Int32Array;
  threshold: Float64Array;
  /** 1 when missing values go right. */
  missingRight: Int32Array;
  /** Per tree, 2^depth leaves. */
  leaf: Float64Array;
}

function depthOf(t: Tree, i = 0): number {
  return t.feature[i]! < 0 ? 0 : 1 + Math.max(depthOf(t, t.left[i]!), depthOf(t, t.right[i]!));
}

export function packGbdt(model: GbdtModel): PackedGbdt {
  const depth = Math.max(0, ...model.trees.map((t) => depthOf(t)));
  const inner = 2 ** depth - 1;
  const leaves = 2 ** depth;
  const T = model.trees.length;
  const p: PackedGbdt = {
    base: model.base,
    depth,
    trees: T,
    feature: new Int32Array(T * inner),
    threshold: new Float64Array(T * inner).fill(Infinity),
    missingRight: new Int32Array(T * inner),
    leaf: new Float64Array(T * leaves),
  };
  model.trees.forEach((t, k) => {
    const fill = (node: number, pos: number, d: number): void => {
      if (d === depth) {
        p.leaf[k * leaves + pos - inner] = t.value[node]!;
        return;
      }
      if (t.feature[node]! < 0) {
        // A leaf above the bottom: threshold +∞ and missing left send every row to the left copy.
        fill(node, 2 * pos + 1, d + 1);
        fill(node, 2 * pos + 2, d + 1);
        return;
      }
      p.feature[k * inner + pos] = t.feature[node]!;
      p.threshold[k * inner + pos] = t.threshold[node]!;
      p.missingRight[k * inner + pos] = t.missingLeft[node] === 1 ? 0 : 1;
      fill(t.left[node]!, 2 * pos + 1, d + 1);
      fill(t.right[node]!, 2 * pos + 2, d + 1);
    };
    fill(0, 0, 0);
  });
  return p;
}

/**
 * P(bad) for n rows; `columns` is indexed by the model's feature order, NaN for missing. Rows are
 * copied in blocks into a row-major buffer, so that walking every tree for one row reads one short,
 * contiguous run of memory.
 */
export function scoreGbdt(model: PackedGbdt, columns: ReadonlyArray<ArrayLike<number>>, n: number): Float64Array {
  const out = new Float64Array(n);
  const { feature, threshold, missingRight, leaf, base, depth, trees } = model;
  const inner = 2 ** depth - 1;
  const leaves = 2 ** depth;
  const F = columns.length;
  const BLOCK = 2048;
  const buf = new Float64Array(BLOCK * F);
  for (let from = 0; from < n; from += BLOCK) {
    const to = Math.min(n, from + BLOCK);
    for (let f = 0; f < F; f++) {
      const col = columns[f]!;
      for (let r = from; r < to; r++) buf[(r - from) * F + f] = col[r]!;
    }
    for (let r = from; r < to; r++) {
      const o = (r - from) * F;
      let z = base;
      for (let t = 0; t < trees; t++) {
        const b = t * inner;
        let i = 0;
        for (let d = 0; d < depth; d++) {
          const k = b + i;
          const v = buf[o + feature[k]!]!;
          // Right when above the threshold, or missing and missing goes right (NaN > x is false).
          i = 2 * i + 1 + (+(v > threshold[k]!) | (+(v !== v) & missingRight[k]!));
        }
        z += leaf[t * leaves + i - inner]!;
      }
      out[r] = sigmoid(z);
    }
  }
  return out;
}
