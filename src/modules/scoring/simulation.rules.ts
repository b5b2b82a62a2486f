/**
 * The queue-order simulation (`npm run bench -- recovery`): how much money collectors with a fixed
 * capacity bring in over K days when they work the delinquent accounts in one order or another. PURE.
 *
 * The outcome model, stated: each account's payments in the window are what it actually paid (the
 * demo's simulated payers, read from history); the collectors make `callsPerDay` calls a day, each to
 * the next account of the queue not yet called (every account is called at most once); a call on day t
 * is credited with what the account pays from day t to the end of the window, and an account never
 * called is credited with nothing. So the figure measures how well an order puts the accounts that are
 * about to pay, and pay much, at the front of the queue: it does not model a call making someone pay who
 * would not have, which no data here can measure, and it is the same for every order compared.
 *
 * Orders: `dpd` — the worklist's delinquency order: worse bucket (30-day bands of DPD, M1 … M6+), then
 * larger overdue amount, then id; `expected_recovery` — larger P(payment) × owed first, then id;
 * `random` — a seeded shuffle; `oracle` — larger actual payment in the window first (an upper bound no
 * order can reach without knowing the future).
 */
import { invalidField } from '../../platform/errors.ts';
import { seededRandom } from './split.rules.ts';

export const SIM_ORDERS = ['dpd', 'expected_recovery', 'random', 'oracle'] as const;
export type SimOrder = (typeof SIM_ORDERS)[number];

export interface SimAccount {
  id: number;
  dpd: number;
  overdueMinor: number;
  expectedRecoveryMinor: number;
  /** Payments in the window by day (1 … days). */
  payments: ReadonlyArray<{ day: number; amountMinor: number }>;
}

export interface SimResult {
  order: SimOrder;
  calls: number;
  recoveredMinor: number;
  /** Called accounts that paid something after their call. */
  payingCalls: number;
}

/** The bucket ordinal the worklist sorts by: 0 current, 1 for DPD 1–30 (M1) … 7 for 181+ (M6+). */
export function bucketOrdinal(dpd: number): number {
  return dpd <= 0 ? 0 : Math.min(7, Math.ceil(dpd / 30));
}

const paidInWindow = (a: SimAccount) => a.payments.reduce((s, p) => s + p.amountMinor, 0);

/** The accounts in the order a queue would be worked. */
export function queueOrder(accounts: readonly SimAccount[], order: SimOrder, seed = 1): SimAccount[] {
  const xs = [...accounts];
  switch (order) {
    case 'dpd':
      return xs.sort((a, b) => bucketOrdinal(b.dpd) - bucketOrdinal(a.dpd) || b.overdueMinor - a.overdueMinor || a.id - b.id);
    case 'expected_recovery':
      return xs.sort((a, b) => b.expectedRecoveryMinor - a.expectedRecoveryMinor || a.id - b.id);
    case 'oracle':
      return xs.sort((a, b) => paidInWindow(b) - paidInWindow(a) || a.id - b.id);
    case 'random': {
      const r = seededRandom(seed);
      xs.sort((a, b) => a.id - b.id);
      for (let i = xs.length - 1; i > 0; i--) {
        const j = Math.floor(r() * (i + 1));
        [xs[i], xs[j]] = [xs[j]!, xs[i]!];
      }
      return xs;
    }
    default:
      throw invalidField('order', `unknown order '${String(order)}': expected one of ${SIM_ORDERS.join(', ')}`);
  }
}

/** Works the queue in the given order for `days` days at `callsPerDay` calls a day (see the file comment). */
export function simulateRecovery(accounts: readonly SimAccount[], opts: { order: SimOrder; callsPerDay: number; days: number; seed?: number }): SimResult {
  if (!Number.isInteger(opts.callsPerDay) || opts.callsPerDay < 1) throw invalidField('calls', `expected a whole number of calls a day ≥ 1, got ${opts.callsPerDay}`);
  if (!Number.isInteger(opts.days) || opts.days < 1) throw invalidField('days', `expected whole days ≥ 1, got ${opts.days}`);
  const queue = queueOrder(accounts, opts.order, opts.seed);
  let next = 0;
  let recovered = 0;
  let paying = 0;
  for (let day = 1; day <= opts.days && next < queue.length; day++) {
    for (let k = 0; k < opts.callsPerDay && next < queue.length; k++) {
      const a = queue[next++]!;
      let got = 0;
      for (const p of a.payments) if (p.day >= day && p.day <= opts.days) got += p.amountMinor;
      recovered += got;
      if (got > 0) paying++;
    }
  }
  return { order: opts.order, calls: next, recoveredMinor: recovered, payingCalls: paying };
}
