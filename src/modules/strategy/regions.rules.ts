/**
 * Exact set arithmetic over boxes of integers, for the table validator. PURE.
 *
 * A dimension's value set is a sorted list of disjoint inclusive integer intervals, flattened as
 * [lo0, hi0, lo1, hi1, …]; enumerations are integer ranges of their indices, booleans 0..1, and null is one
 * integer below a nullable fact's smallest value. A box is one value set per dimension (their product); a
 * region is a list of pairwise disjoint boxes. Subtracting a box from a box gives at most one piece per
 * dimension, so the validator's answers are exact rather than sampled.
 */

/** Sorted, disjoint, inclusive intervals flattened as [lo, hi, lo, hi, …]. */
export type IntervalSet = readonly number[];
export type Box = readonly IntervalSet[];

/** Most boxes a region may grow to while a table is analysed; beyond it the table is refused as too complex. */
export const MAX_REGION_BOXES = 20_000;

export class RegionTooComplex extends Error {
  constructor() {
    super(`more than ${MAX_REGION_BOXES} boxes`);
  }
}

export function interval(lo: number, hi: number): IntervalSet {
  return lo <= hi ? [lo, hi] : [];
}

/** The set of the given integers (any order, duplicates allowed). */
export function pointsSet(values: readonly number[]): IntervalSet {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    if (out.length > 0 && out[out.length - 1] === v - 1) out[out.length - 1] = v;
    else out.push(v, v);
  }
  return out;
}

export function union(a: IntervalSet, b: IntervalSet): IntervalSet {
  const all: Array<[number, number]> = [];
  for (let i = 0; i < a.length; i += 2) all.push([a[i]!, a[i + 1]!]);
  for (let i = 0; i < b.length; i += 2) all.push([b[i]!, b[i + 1]!]);
  all.sort((x, y) => x[0] - y[0]);
  const out: number[] = [];
  for (const [lo, hi] of all) {
    const n = out.length;
    if (n > 0 && lo <= out[n - 1]! + 1) out[n - 1] = Math.max(out[n - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function intersect(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

export function subtract(a: IntervalSet, b: IntervalSet): IntervalSet {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let lo = a[i]!;
    const hi = a[i + 1]!;
    while (j < b.length && b[j + 1]! < lo) j += 2;
    let k = j;
    while (k < b.length && b[k]! <= hi && lo <= hi) {
      if (b[k]! > lo) out.push(lo, b[k]! - 1);
      lo = Math.max(lo, b[k + 1]! + 1);
      k += 2;
    }
    if (lo <= hi) out.push(lo, hi);
  }
  return out;
}

export function sameSet(a: IntervalSet, b: IntervalSet): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function contains(set: IntervalSet, v: number): boolean {
  for (let i = 0; i < set.length; i += 2) if (v >= set[i]! && v <= set[i + 1]!) return true;
  return false;
}

/** The intersection of two boxes, or null when it is empty. */
export function boxIntersect(a: Box, b: Box): Box | null {
  const out: IntervalSet[] = [];
  for (let d = 0; d < a.length; d++) {
    const s = intersect(a[d]!, b[d]!);
    if (s.length === 0) return null;
    out.push(s);
  }
  return out;
}

/** a − b as disjoint boxes: one piece per dimension where b does not contain a. */
export function boxSubtract(a: Box, b: Box): Box[] {
  if (boxIntersect(a, b) === null) return [a];
  const pieces: Box[] = [];
  const cur = [...a];
  for (let d = 0; d < a.length; d++) {
    const outside = subtract(cur[d]!, b[d]!);
    if (outside.length > 0) {
      const piece = [...cur];
      piece[d] = outside;
      pieces.push(piece);
    }
    cur[d] = intersect(cur[d]!, b[d]!);
  }
  return pieces;
}

/** region − box, keeping the result disjoint; throws RegionTooComplex beyond MAX_REGION_BOXES. */
export function regionSubtract(region: readonly Box[], b: Box): Box[] {
  const out: Box[] = [];
  for (const a of region) {
    for (const p of boxSubtract(a, b)) out.push(p);
    if (out.length > MAX_REGION_BOXES) throw new RegionTooComplex();
  }
  return out;
}

/**
 * region − every box. The result does not depend on the order of subtraction, but its cost does: boxes
 * that constrain fewer dimensions go first, because they remove most and split least.
 */
export function regionSubtractAll(region: readonly Box[], boxes: readonly Box[], full?: Box): Box[] {
  let rest = [...region];
  const order = full ? [...boxes].sort((a, b) => narrowDims(a, full) - narrowDims(b, full)) : boxes;
  for (const b of order) {
    if (rest.length === 0) break;
    rest = regionSubtract(rest, b);
  }
  return rest;
}

/** How many dimensions of the box are narrower than the full space. */
function narrowDims(box: Box, full: Box): number {
  let n = 0;
  for (let d = 0; d < box.length; d++) if (!sameSet(box[d]!, full[d]!)) n++;
  return n;
}

/** The first non-empty intersection of a box of one region with a box of the other, or null. */
export function regionsMeet(a: readonly Box[], b: readonly Box[]): Box | null {
  for (const x of a) {
    for (const y of b) {
      const m = boxIntersect(x, y);
      if (m) return m;
    }
  }
  return null;
}
