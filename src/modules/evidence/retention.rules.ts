/**
 * Retention (C9): how long an account's records are kept, and whether a customer's personal data may
 * be anonymised on a business date. Pure: the policy rows and the account facts are passed in.
 *
 * An account that still owes something is never past retention, whatever the policy says: the period
 * counts from the day it stopped owing (`settled`) or from the later of that day and the last contact
 * or call (`last_activity`). A customer is anonymised only when every one of their accounts is past
 * retention and none has an open dispute or complaint.
 */
import { addMonthsClamped } from '../../platform/dates.ts';
import type { RecordKind, RetentionPolicy } from './evidence.types.ts';

export interface AccountRetentionFacts {
  ref: string;
  /** The day the account stopped owing anything; null while it owes. */
  settledOn: string | null;
  /** The last contact, call or money movement on the account; null when there was none. */
  lastActivityOn: string | null;
  /** An open dispute or complaint holds the records. */
  onHold: boolean;
}

export type RetentionVerdict =
  | { purgeable: true; retainUntil: string }
  | { purgeable: false; reason: 'owing' | 'on_hold' | 'no_policy' | 'within_retention'; retainUntil: string | null };

/** The policy row for a jurisdiction: its own, else its country's (US-MA → US); none means keep. */
export function policyFor(jurisdiction: string, kind: RecordKind, policies: readonly RetentionPolicy[]): RetentionPolicy | null {
  const exact = policies.find((p) => p.jurisdiction === jurisdiction && p.recordKind === kind);
  if (exact) return exact;
  const country = jurisdiction.split('-')[0];
  return policies.find((p) => p.jurisdiction === country && p.recordKind === kind) ?? null;
}

/** The last day an account's records must be kept (inclusive), or null while it owes. */
export function retainUntil(facts: AccountRetentionFacts, policy: RetentionPolicy): string | null {
  if (facts.settledOn === null) return null;
  const start = policy.startsFrom === 'last_activity' && facts.lastActivityOn !== null && facts.lastActivityOn > facts.settledOn
    ? facts.lastActivityOn
    : facts.settledOn;
  return addMonthsClamped(start, policy.years * 12);
}

/** Whether an account is past retention on a business date, and why not when it is not. */
export function accountVerdict(facts: AccountRetentionFacts, policy: RetentionPolicy | null, businessDate: string): RetentionVerdict {
  if (facts.settledOn === null) return { purgeable: false, reason: 'owing', retainUntil: null };
  if (!policy) return { purgeable: false, reason: 'no_policy', retainUntil: null };
  const until = retainUntil(facts, policy)!;
  if (facts.onHold) return { purgeable: false, reason: 'on_hold', retainUntil: until };
  if (businessDate <= until) return { purgeable: false, reason: 'within_retention', retainUntil: until };
  return { purgeable: true, retainUntil: until };
}

/** A customer may be anonymised when they have accounts and every one is past retention. */
export function customerPurgeable(accounts: ReadonlyArray<AccountRetentionFacts>, policy: RetentionPolicy | null, businessDate: string): boolean {
  return accounts.length > 0 && accounts.every((a) => accountVerdict(a, policy, businessDate).purgeable);
}
