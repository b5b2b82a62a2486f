/**
 * Seeded randomness and the deterministic train/hold-out split. PURE: the same seed and the same
 * labels always give the same rows, so a model's reported hold-out figures can be recomputed by anyone
 * holding the file and the seed.
 */
import { invalidField } from '../../platform/errors.ts';

/** mulberry32: a small, fast 32-bit generator; returns draws in [0, 1). */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates shuffle of a copy, driven by `random`. */
export function shuffled(items: ArrayLike<number>, random: () => number): Uint32Array {
  const out = Uint32Array.from(items as ArrayLike<number>);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

export interface Split {
  /** Row indexes, ascending. */
  train: Uint32Array;
  test: Uint32Array;
}

/**
 * Stratified split: within each class, a seeded shuffle puts round(share × class size) rows in `test`
 * and the rest in `train`, so both parts keep the file's bad rate. `rows` limits the split to a subset
 * (e.g. to carve a validation part out of the training rows).
 */
export function stratifiedSplit(y: ArrayLike<number>, testShare: number, seed: number, rows?: ArrayLike<number>): Split {
  if (!(testShare >= 0 && testShare < 1)) throw invalidField('holdout', `expected a share in [0, 1), got ${testShare}`);
  const all = rows ?? Uint32Array.from({ length: y.length }, (_, i) => i);
  const random = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let k = 0; k < all.length; k++) if (y[all[k]!] === cls) members.push(all[k]!);
    const order = shuffled(members, random);
    const cut = Math.round(order.length * testShare);
    for (let k = 0; k < order.length; k++) (k < cut ? test : train).push(order[k]!);
  }
  return { train: Uint32Array.from(train).sort(), test: Uint32Array.from(test).sort() };
}
