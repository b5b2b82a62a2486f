/**
 * The cycle's `bureau-month-end` step: on the last day of a month, the month-end figures of each
 * account being closed through that day (balance, past due, DPD after grace, items past due), in one
 * statement per batch. It runs after the delinquency step and before `close`, so it sees the day's
 * final projection; a replay that closes the day again writes the figures again, so they follow the
 * ledger's current history (and a dispute's correction can be read from them).
 */
import type { StepFn } from '../ledger/index.ts';
import { isMonthEnd } from './bureau.rules.ts';

export const MONTH_END_SQL = `
INSERT INTO bureau_month_ends (account_id, customer_id, period_end, balance_minor, principal_minor, past_due_minor, delinquent_since, dpd, items_past_due)
SELECT s.account_id, s.customer_id, $1::date,
       greatest(s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor, 0),
       s.principal_minor, s.overdue_minor, s.delinquent_since,
       CASE WHEN $1::date - s.delinquent_since > p.grace_days THEN $1::date - s.delinquent_since ELSE 0 END,
       (SELECT count(*) FROM due_items di WHERE di.account_id = s.account_id AND di.customer_id = s.customer_id AND di.due_on < $1::date AND di.settled_on IS NULL)::int
FROM account_state s
JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id
JOIN products p ON p.code = a.product_code AND p.version = a.product_version
WHERE s.account_id BETWEEN $2 AND $3 AND s.closed_through = $1::date - 1
ON CONFLICT (account_id, period_end, customer_id) DO UPDATE SET
  balance_minor = EXCLUDED.balance_minor, principal_minor = EXCLUDED.principal_minor, past_due_minor = EXCLUDED.past_due_minor,
  delinquent_since = EXCLUDED.delinquent_since, dpd = EXCLUDED.dpd, items_past_due = EXCLUDED.items_past_due
RETURNING 1`;

export const monthEndStep: StepFn = async (tx, ctx) => {
  // Every other day of the month the step costs nothing: not even a query.
  if (!isMonthEnd(ctx.date)) return 0;
  const rows = await tx.query(MONTH_END_SQL, [ctx.date, ctx.lo, ctx.hi]);
  return rows.length;
};
