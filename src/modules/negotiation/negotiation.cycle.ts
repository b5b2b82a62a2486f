/**
 * Negotiation's step of the daily cycle: promises to pay are evaluated, set-based, over a batch of
 * accounts (ids lo..hi) for one business date. Like the ledger's steps it only touches accounts
 * closed through the day before, so it must run before the `close` step, and it serves the catch-up
 * of lagging accounts and single-account replays unchanged.
 *
 * A promise is evaluated on the first date on or after its due date plus grace days: the payments
 * (posted or still pending) whose value date lies in its window, from the date it was made to the
 * due date plus grace, are summed into paid_minor; all of the amount paid is kept, part of it is
 * partly kept, nothing is broken. A payment counts towards every promise whose window holds it.
 *
 * Fair to the debtor: a payment dated inside the window that arrives after the evaluation (a bank
 * file a few days late) evaluates a broken or partly kept promise again, for REEVALUATE_WINDOW_DAYS
 * after its evaluation. Rerunning a date changes nothing: evaluated promises carry that date.
 */
import type { Db } from '../../platform/db.ts';
import type { StepFn } from '../ledger/index.ts';

/** How long after its evaluation a short promise is looked at again when a late payment for its window arrives. */
export const REEVALUATE_WINDOW_DAYS = 30;

/** Parameters: $1 business date, $2 lo, $3 hi, $4 REEVALUATE_WINDOW_DAYS. */
export const PROMISES_SQL = `
WITH cand AS (
  SELECT p.id, p.account_id, p.customer_id, p.amount_minor, p.promised_on, p.due_on + p.grace_days AS window_end
  FROM promises p
  JOIN account_state s ON s.account_id = p.account_id AND s.customer_id = p.customer_id AND s.closed_through = $1::date - 1
  WHERE p.status = 'open' AND p.due_on + p.grace_days <= $1::date AND p.account_id BETWEEN $2 AND $3
  UNION ALL
  SELECT p.id, p.account_id, p.customer_id, p.amount_minor, p.promised_on, p.due_on + p.grace_days
  FROM promises p
  JOIN account_state s ON s.account_id = p.account_id AND s.customer_id = p.customer_id AND s.closed_through = $1::date - 1
  WHERE p.status IN ('broken', 'partly_kept') AND p.account_id BETWEEN $2 AND $3
    AND p.evaluated_on < $1::date AND p.evaluated_on >= $1::date - $4::int
    AND EXISTS (
      SELECT 1 FROM transactions t
      WHERE t.account_id = p.account_id AND t.customer_id = p.customer_id AND t.type = 'payment'
        AND t.received_on > p.evaluated_on AND t.received_on <= $1::date
        AND t.value_date BETWEEN p.promised_on AND p.due_on + p.grace_days)
),
paid AS (
  -- One index range per promise (transactions by account and value date), never a scan of all payments.
  SELECT c.id, c.amount_minor, coalesce(x.paid, 0)::bigint AS paid
  FROM cand c CROSS JOIN LATERAL (
    SELECT sum(t.amount_minor) AS paid FROM transactions t
    WHERE t.account_id = c.account_id AND t.customer_id = c.customer_id AND t.type = 'payment' AND t.status IN ('pending', 'posted')
      AND t.value_date BETWEEN c.promised_on AND c.window_end
  ) x
),
upd AS (
  UPDATE promises p SET
    paid_minor = paid.paid,
    evaluated_on = $1::date,
    status = CASE WHEN paid.paid >= paid.amount_minor THEN 'kept' WHEN paid.paid > 0 THEN 'partly_kept' ELSE 'broken' END
  FROM paid
  WHERE p.id = paid.id
  RETURNING 1
)
SELECT count(*)::int AS n FROM upd`;

export const promisesStep: StepFn = async (tx: Db, ctx) => {
  const [r] = await tx.query<{ n: number }>(PROMISES_SQL, [ctx.date, ctx.lo, ctx.hi, REEVALUATE_WINDOW_DAYS]);
  return r?.n ?? 0;
};
