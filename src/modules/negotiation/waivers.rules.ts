/**
 * Waivers (减免), settlements (和解) and who may approve them, pure.
 *
 * Four-eyes: a concession within its maker's limit takes effect at once; above it, it waits for a
 * checker — a different person whose role's limit covers it. A role's limit is an amount and a share
 * of the account's balance; both must hold. Roles and limits are policy data.
 */
import { addDays } from '../../platform/dates.ts';
import type { NegotiationPolicy, Role, Waivable } from './policy.types.ts';
import { supersedable, outstandingTotal, sumOf, type AccountView, type Issue, type ItemView, type Verdict } from './plans.rules.ts';

export const BASIS_POINTS = 10_000;

export type ApprovalVerdict = { ok: true } | { ok: false; reason: string };

/** Whether a role may concede an amount on an account with the given balance on its own. */
export function canApprove(role: Role, amountMinor: number, balanceMinor: number, policy: NegotiationPolicy): ApprovalVerdict {
  const limit = policy.approval.limits.find((l) => l.role === role);
  if (!limit) return { ok: false, reason: `role ${role} has no approval limit under ${policy.code} v${policy.version}` };
  if (amountMinor > limit.maxAmountMinor) return { ok: false, reason: `${amountMinor} minor units is above the ${role} limit of ${limit.maxAmountMinor}` };
  // share = amount / balance, compared without division: amount × 10000 > maxShareBp × balance.
  if (amountMinor > 0 && BigInt(amountMinor) * BigInt(BASIS_POINTS) > BigInt(limit.maxShareBp) * BigInt(Math.max(balanceMinor, 0))) {
    return { ok: false, reason: `${amountMinor} minor units is more than ${limit.maxShareBp / 100} % of the balance ${balanceMinor}, the ${role} limit` };
  }
  return { ok: true };
}

/** The lowest role whose limit covers an amount (for telling a maker who must check), or null. */
export function lowestRoleFor(amountMinor: number, balanceMinor: number, policy: NegotiationPolicy): Role | null {
  const sorted = [...policy.approval.limits].sort((a, b) => a.maxAmountMinor - b.maxAmountMinor || a.maxShareBp - b.maxShareBp);
  return sorted.find((l) => canApprove(l.role, amountMinor, balanceMinor, policy).ok)?.role ?? null;
}

/** Four-eyes check of a checker: another person, with a role whose limit covers the concession. */
export function checkChecker(c: { maker: string; checker: string; checkerRole: Role; amountMinor: number; balanceMinor: number }, policy: NegotiationPolicy): ApprovalVerdict {
  if (c.checker === c.maker) return { ok: false, reason: 'four-eyes: the checker must be a different person from the maker' };
  return canApprove(c.checkerRole, c.amountMinor, c.balanceMinor, policy);
}

/** One line of a waiver: so much of a component of one item. */
export interface WaiverLine {
  itemSeq: number;
  component: Waivable;
  amountMinor: number;
}

export interface Waiver {
  component: Waivable;
  amountMinor: number;
  lines: WaiverLine[];
  oneTimeFlags: string[];
}

const owed = (i: ItemView, c: Waivable): number =>
  c === 'interest' ? i.interestChargedMinor - i.interestPaidMinor : c === 'penalty' ? i.penaltyChargedMinor - i.penaltyPaidMinor : i.feesChargedMinor - i.feesPaidMinor;

/**
 * Spreads a waiver of one component over the items that owe it, oldest due first; never more than an
 * item owes. Used when the waiver is decided and again whenever its postings are made (replay), so
 * an amount already paid by then is not waived twice.
 */
export function waiverLines(component: Waivable, amountMinor: number, items: readonly ItemView[]): WaiverLine[] {
  const lines: WaiverLine[] = [];
  let left = amountMinor;
  for (const i of supersedable(items)) {
    if (left === 0) break;
    const take = Math.min(left, owed(i, component));
    if (take > 0) lines.push({ itemSeq: i.seq, component, amountMinor: take });
    left -= take;
  }
  return lines;
}

/** A waiver as asked for: one component, an amount (all of it when omitted). */
export interface WaiverRequest {
  component: Waivable;
  amountMinor?: number | undefined;
}

export function buildWaiver(req: WaiverRequest, acct: AccountView, policy: NegotiationPolicy): Verdict<Waiver> {
  const issues: Issue[] = [];
  if (!policy.waiver.components.includes(req.component)) issues.push({ field: 'component', message: `the policy ${policy.code} v${policy.version} does not allow waiving ${req.component}` });
  const flag = `${req.component}_waiver`;
  const oneTime = policy.waiver.oneTime.includes(req.component);
  if (oneTime && acct.usedOneTimeFlags.includes(flag)) {
    issues.push({ field: 'component', message: `a ${req.component} waiver is once per customer under ${policy.code} and this customer has had it already (one-time flag '${flag}')` });
  }
  const available = outstandingTotal(supersedable(acct.items))[req.component];
  const amount = req.amountMinor ?? available;
  if (available <= 0) issues.push({ field: 'component', message: `no ${req.component} is owed on this account` });
  else if (amount > available) issues.push({ field: 'amountMinor', message: `at most the ${req.component} owed, ${available} minor units` });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { component: req.component, amountMinor: amount, lines: waiverLines(req.component, amount, acct.items), oneTimeFlags: oneTime ? [flag] : [] } };
}

/** A settlement: pay this much by that date and the rest is forgiven. */
export interface Settlement {
  amountMinor: number;
  payByOn: string;
  balanceMinor: number;
  discountMinor: number;
}

export interface SettlementRequest {
  amountMinor: number;
  payByOn?: string | undefined;
}

export function buildSettlement(req: SettlementRequest, acct: AccountView, policy: NegotiationPolicy): Verdict<Settlement> {
  const s = policy.settlement;
  const issues: Issue[] = [];
  const open = acct.openRestructures.filter((o) => o.status === 'active' || o.status === 'pending_approval');
  if (open.length) issues.push({ field: 'account', message: `the account already has ${open.map((o) => `a ${o.status === 'active' ? 'running' : 'pending'} ${o.kind} (#${o.id})`).join(', ')}` });
  if (acct.dpd < s.minDpd) issues.push({ field: 'account', message: `a settlement needs at least ${s.minDpd} days past due; the account is at ${acct.dpd}` });
  const balance = sumOf(outstandingTotal(supersedable(acct.items)));
  const minimum = Number((BigInt(balance) * BigInt(s.minShareBp) + BigInt(BASIS_POINTS - 1)) / BigInt(BASIS_POINTS));
  if (req.amountMinor < minimum) issues.push({ field: 'amountMinor', message: `at least ${minimum} minor units (${s.minShareBp / 100} % of the balance ${balance})` });
  else if (req.amountMinor >= balance) issues.push({ field: 'amountMinor', message: `less than the balance ${balance}; paying it all needs no settlement` });
  const latest = addDays(acct.today, s.payWithinDays);
  const payByOn = req.payByOn ?? latest;
  if (payByOn < acct.today || payByOn > latest) issues.push({ field: 'payByOn', message: `between ${acct.today} and ${latest}` });
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { amountMinor: req.amountMinor, payByOn, balanceMinor: balance, discountMinor: balance - req.amountMinor } };
}
