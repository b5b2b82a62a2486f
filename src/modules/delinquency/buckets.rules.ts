/**
 * Delinquency buckets are data (Fineract's delinquency ranges): a policy lists contiguous DPD ranges.
 * DPD within the product's grace days counts as current for bucketing: the first bucket, ordinal 0.
 */
import type { Bucket, Movement } from './delinquency.types.ts';

/** Checks that a policy's buckets start at 0, are contiguous, do not overlap, and the last is open-ended. */
export function validateBuckets(buckets: readonly Bucket[]): string[] {
  const problems: string[] = [];
  const sorted = [...buckets].sort((a, b) => a.ordinal - b.ordinal);
  if (sorted.length === 0) return ['a policy needs at least one bucket'];
  if (sorted[0]!.minDpd !== 0) problems.push(`${sorted[0]!.code}: the first bucket must start at DPD 0`);
  if (sorted[0]!.ordinal !== 0) problems.push(`${sorted[0]!.code}: the first bucket (current) must have ordinal 0`);
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i]!;
    const next = sorted[i + 1];
    if (b.maxDpd !== null && b.maxDpd < b.minDpd) problems.push(`${b.code}: maxDpd ${b.maxDpd} is below minDpd ${b.minDpd}`);
    if (next) {
      if (b.maxDpd === null) problems.push(`${b.code}: only the last bucket may be open-ended`);
      else if (next.minDpd !== b.maxDpd + 1) problems.push(`${next.code}: must start at DPD ${b.maxDpd + 1} (gap or overlap after ${b.code})`);
    } else if (b.maxDpd !== null) problems.push(`${b.code}: the last bucket must be open-ended (maxDpd null)`);
  }
  return problems;
}

export function bucketFor(dpd: number, graceDays: number, buckets: readonly Bucket[]): Bucket {
  const effective = dpd > graceDays ? dpd : 0;
  const b = buckets.find((x) => effective >= x.minDpd && (x.maxDpd === null || effective <= x.maxDpd));
  if (!b) throw new RangeError(`no bucket covers DPD ${effective}`);
  return b;
}

export function movement(from: Bucket, to: Bucket, first: Bucket): Movement | null {
  if (from.code === to.code) return null;
  if (to.code === first.code) return 'cure';
  return to.ordinal > from.ordinal ? 'roll_forward' : 'roll_back';
}
