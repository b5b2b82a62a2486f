/**
 * Which items go to human review. PURE and deterministic: the same seed, business date and item always
 * give the same answer, so a sample can be re-drawn and audited; nothing here reads a random source.
 *
 * Every item with a high-severity finding is reviewed. Of the others, a share is drawn: the rate of the
 * item's collector if one is set, else of its agency, else the default (basis points, 1 bp = 0.01 %).
 */
import type { Sampling, Severity } from './quality.types.ts';
import { hash32 } from '../../platform/hash.rules.ts';

export const BP_PER_UNIT = 10_000;

export function sampleRateBp(policy: Sampling, who: { agencyId: string | null; collectorId: string | null }): number {
  if (who.collectorId !== null && policy.collectorRateBp[who.collectorId] !== undefined) return policy.collectorRateBp[who.collectorId]!;
  if (who.agencyId !== null && policy.agencyRateBp[who.agencyId] !== undefined) return policy.agencyRateBp[who.agencyId]!;
  return policy.rateBp;
}

export interface SampleCandidate {
  /** Stable key of the item, e.g. 'message:42' or 'transcript:7'. */
  key: string;
  agencyId: string | null;
  collectorId: string | null;
  maxSeverity: Severity | null;
}

export type ReviewReason = 'finding' | 'sample' | null;

/** Why an item goes to review, or null when it does not. */
export function reviewReason(policy: Sampling, businessDate: string, item: SampleCandidate): ReviewReason {
  if (item.maxSeverity === 'high') return 'finding';
  const draw = hash32(`${policy.seed}|${businessDate}|${item.key}`) % BP_PER_UNIT;
  return draw < sampleRateBp(policy, item) ? 'sample' : null;
}
