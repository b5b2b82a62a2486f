/**
 * The promise policy and the pure check of a promise against it. The business date is passed in;
 * what the account owes comes from the caller (the account projection), so this file reads nothing.
 *
 * A promise's window runs from the date it was made to its due date plus the grace days; the daily
 * cycle (negotiation.cycle.ts) sums the payments dated in that window: all of the amount is kept,
 * some of it is partly kept, none is broken.
 */
import { addDays } from '../../platform/dates.ts';
import type { PromisePolicy, PromiseTerms } from './negotiation.types.ts';

export const BASIS_POINTS = 10_000;

/** Shipped policy: at least ¥50.00 or 10 % of the arrears, due within 14 days, one open promise, 1 grace day. */
export const DEFAULT_PROMISE_POLICY: PromisePolicy = Object.freeze({
  version: 1,
  minAmountMinor: 5_000,
  minOverdueBp: 1_000,
  maxDaysAhead: 14,
  maxOpenPerAccount: 1,
  graceDays: 1,
});

/** What the check needs to know about the account on the business date. */
export interface PromiseContext {
  /** The business date the promise is made on (the account's open business date). */
  today: string;
  overdueMinor: number;
  /** Everything the account owes, due or not: a promise above it cannot be kept in full. */
  balanceMinor: number;
  /** Open promises of the account, with their due dates. */
  openPromises: ReadonlyArray<{ id: number; dueOn: string }>;
}

/** One problem: `account` when the account as a whole cannot take a promise now. */
export interface PromiseIssue {
  field: 'amountMinor' | 'dueOn' | 'account';
  message: string;
}

/** The smallest acceptable promise for an overdue amount under a policy. */
export function minimumPromiseMinor(overdueMinor: number, policy: PromisePolicy): number {
  // Rounded up: a minimum of 10 % of 1,005 fen is 101 fen, never 100.
  const share = Number((BigInt(overdueMinor) * BigInt(policy.minOverdueBp) + BigInt(BASIS_POINTS - 1)) / BigInt(BASIS_POINTS));
  return Math.min(overdueMinor, Math.max(policy.minAmountMinor, share));
}

/** Every way in which a promise breaks the policy; empty when it may be captured. */
export function checkPromise(terms: PromiseTerms, ctx: PromiseContext, policy: PromisePolicy): PromiseIssue[] {
  const issues: PromiseIssue[] = [];
  if (ctx.overdueMinor <= 0) {
    issues.push({ field: 'account', message: 'nothing is overdue on this account; a promise to pay covers arrears' });
    return issues;
  }
  if (ctx.openPromises.length >= policy.maxOpenPerAccount) {
    const list = ctx.openPromises.map((p) => `#${p.id} due ${p.dueOn}`).join(', ');
    issues.push({ field: 'account', message: `the account already has ${ctx.openPromises.length} open promise${ctx.openPromises.length === 1 ? '' : 's'} (${list}); at most ${policy.maxOpenPerAccount} may be open` });
  }
  const minimum = minimumPromiseMinor(ctx.overdueMinor, policy);
  if (terms.amountMinor < minimum) {
    issues.push({
      field: 'amountMinor',
      message: `at least ${minimum} minor units (the larger of ${policy.minAmountMinor} and ${policy.minOverdueBp / 100} % of the overdue ${ctx.overdueMinor}, at most the overdue amount)`,
    });
  } else if (terms.amountMinor > ctx.balanceMinor) {
    issues.push({ field: 'amountMinor', message: `more than the account's balance of ${ctx.balanceMinor} minor units` });
  }
  const latest = addDays(ctx.today, policy.maxDaysAhead);
  if (terms.dueOn < ctx.today) issues.push({ field: 'dueOn', message: `before the business date ${ctx.today}` });
  else if (terms.dueOn > latest) issues.push({ field: 'dueOn', message: `more than ${policy.maxDaysAhead} days after ${ctx.today} (at most ${latest})` });
  return issues;
}
