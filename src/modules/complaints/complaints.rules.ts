/**
 * PURE: the complaint and dispute state machines, what a closing decision may say, and how a closed
 * complaint moves the dispute it opened. Commands load the row, ask these functions, then write.
 */
import {
  type ClosingStatus, type ComplaintStatus, type DisputeAction, type DisputeStatus, type OutcomeCode, type Remedy,
} from './complaints.types.ts';

export type ComplaintAction = 'acknowledge' | 'assign' | 'extend' | ClosingStatus;

/** A refused step: what the caller asked for and why it cannot be done in the current status. */
export interface Refusal {
  ok: false;
  reason: string;
}
export type Step<T> = { ok: true; to: T } | Refusal;

const OPEN: readonly ComplaintStatus[] = ['received', 'acknowledged', 'investigating'];

/** From which statuses each action may be taken, and the status it leads to (assign and extend keep investigating going). */
export const COMPLAINT_TRANSITIONS: Readonly<Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus | 'same' }>> = {
  acknowledge: { from: ['received'], to: 'acknowledged' },
  assign: { from: OPEN, to: 'investigating' },
  extend: { from: OPEN, to: 'same' },
  resolved: { from: OPEN, to: 'resolved' },
  rejected: { from: OPEN, to: 'rejected' },
  referred: { from: OPEN, to: 'referred' },
};

export function isOpenComplaint(status: ComplaintStatus): boolean {
  return OPEN.includes(status);
}

export function nextComplaintStatus(from: ComplaintStatus, action: ComplaintAction): Step<ComplaintStatus> {
  const t = COMPLAINT_TRANSITIONS[action];
  if (!t.from.includes(from)) {
    const why = isOpenComplaint(from) ? `the complaint is ${from}` : `the complaint is closed (${from})`;
    return { ok: false, reason: `cannot ${action === 'resolved' || action === 'rejected' || action === 'referred' ? `mark it ${action}` : action}: ${why}` };
  }
  return { ok: true, to: t.to === 'same' ? from : t.to };
}

/** The outcomes each closing status allows. */
export const OUTCOMES_BY_STATUS: Readonly<Record<ClosingStatus, readonly OutcomeCode[]>> = {
  resolved: ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'],
  rejected: ['out_of_scope', 'duplicate'],
  referred: ['referred_to_regulator', 'referred_to_other_firm'],
};

/** Outcomes that say we were (partly) wrong, and so must name at least one remedy. */
const UPHELD: ReadonlySet<OutcomeCode> = new Set(['upheld', 'partly_upheld']);

/** One problem with a closing decision, naming its field. */
export interface ResolutionIssue {
  path: 'outcome' | 'remedies';
  message: string;
}

/** Checks a closing decision: an outcome that fits the status; remedies exactly when upheld, no repeats. */
export function checkResolution(status: ClosingStatus, outcome: OutcomeCode, remedies: readonly Remedy[]): ResolutionIssue[] {
  const issues: ResolutionIssue[] = [];
  const allowed = OUTCOMES_BY_STATUS[status];
  if (!allowed.includes(outcome)) issues.push({ path: 'outcome', message: `'${outcome}' does not fit status ${status}; expected one of ${allowed.join(', ')}` });
  if (UPHELD.has(outcome) && remedies.length === 0) issues.push({ path: 'remedies', message: `an ${outcome} complaint names at least one remedy` });
  if (!UPHELD.has(outcome) && remedies.length > 0) issues.push({ path: 'remedies', message: `only an upheld or partly upheld complaint has remedies, not '${outcome}'` });
  const seen = new Set<Remedy>();
  for (const r of remedies) {
    if (seen.has(r)) issues.push({ path: 'remedies', message: `'${r}' is listed twice` });
    seen.add(r);
  }
  return issues;
}

/** Dispute workflow: the statuses each action starts from and the one it leads to. */
export const DISPUTE_TRANSITIONS: Readonly<Record<DisputeAction, { from: readonly DisputeStatus[]; to: DisputeStatus }>> = {
  send_verification: { from: ['open', 'pending'], to: 'verification_sent' },
  verify: { from: ['open', 'pending', 'verification_sent'], to: 'verified' },
  resolve: { from: ['open', 'pending', 'verification_sent', 'verified'], to: 'resolved' },
  reject: { from: ['open', 'pending', 'verification_sent'], to: 'rejected' },
  withdraw: { from: ['open', 'pending', 'verification_sent'], to: 'withdrawn' },
};

/** Statuses in which the dispute still holds collection on its debt (what FD-DISPUTE-01 denies on). */
const HOLDING: ReadonlySet<DisputeStatus> = new Set(['open', 'pending']);
/** Statuses after which nothing more happens to a dispute. */
const FINAL: ReadonlySet<DisputeStatus> = new Set(['resolved', 'rejected', 'withdrawn', 'closed']);

export function disputeHoldsCollection(status: DisputeStatus): boolean {
  return HOLDING.has(status);
}

export function isFinalDispute(status: DisputeStatus): boolean {
  return FINAL.has(status);
}

export function nextDisputeStatus(from: DisputeStatus, action: DisputeAction): Step<DisputeStatus> {
  const t = DISPUTE_TRANSITIONS[action];
  if (!t.from.includes(from)) return { ok: false, reason: `cannot ${action.replace('_', ' ')}: the dispute is ${from}` };
  return { ok: true, to: t.to };
}

/**
 * What closing an amount-dispute complaint does to its dispute: upheld → the dispute is resolved (the
 * amount was corrected), not upheld → the debt is verified, withdrawn → withdrawn. A rejected
 * (duplicate, out of scope) or referred complaint leaves the dispute as it is: the hold stays until
 * someone decides the dispute itself.
 */
export function disputeActionForOutcome(outcome: OutcomeCode): DisputeAction | null {
  switch (outcome) {
    case 'upheld':
    case 'partly_upheld':
      return 'resolve';
    case 'not_upheld':
      return 'verify';
    case 'withdrawn':
      return 'withdraw';
    default:
      return null;
  }
}

/** Categories whose complaint opens a quality review of the contacts it names. */
export const REVIEWED_CATEGORIES = ['harassment', 'third_party_contact', 'agency_conduct'] as const;
/** Categories for which, with no agency given, the agency that sent the contacts complained about is recorded. */
export const AGENCY_ATTRIBUTED_CATEGORIES = ['harassment', 'agency_conduct'] as const;

export function opensReview(category: string): boolean {
  return (REVIEWED_CATEGORIES as readonly string[]).includes(category);
}

export function attributesAgency(category: string): boolean {
  return (AGENCY_ATTRIBUTED_CATEGORIES as readonly string[]).includes(category);
}
