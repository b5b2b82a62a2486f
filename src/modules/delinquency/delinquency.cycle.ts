/**
 * Delinquency steps of the daily cycle (set-based SQL over a batch of accounts for one date):
 * delinquent_since, bucket and arrears of the accounts that changed, bucket history, and collection
 * cases. DPD on date d is d − the due date of the oldest item due before d that is not settled.
 */
import type { Db } from '../../platform/db.ts';
import type { Bucket } from './delinquency.types.ts';

export interface StepContext {
  date: string;
  postedOn: string;
  lo: number;
  hi: number;
}

export async function loadBuckets(db: Db, policy: string): Promise<Bucket[]> {
  const rows = await db.query<{ code: string; ordinal: number; min_dpd: number; max_dpd: number | null }>(
    'SELECT code, ordinal, min_dpd, max_dpd FROM buckets WHERE policy = $1 ORDER BY ordinal',
    [policy],
  );
  return rows.map((r) => ({ code: r.code, ordinal: r.ordinal, minDpd: r.min_dpd, maxDpd: r.max_dpd }));
}

/**
 * Accounts whose delinquency can have changed on date $1: money posted today (a payment may settle
 * items), an item that fell due yesterday and was not paid in full by then, or DPD reaching a bucket
 * boundary today ($4: the dates
 * whose delinquent_since puts DPD on a boundary), or a concession posted today (a plan, deferral or
 * waiver can settle items). Every other account keeps its delinquent_since and
 * bucket; its DPD moves on by itself, because it is computed as closed date − delinquent_since.
 */
const CHANGED_ACCOUNTS = `
  SELECT s.account_id, s.customer_id FROM (
    SELECT account_id, customer_id FROM transactions WHERE value_date = $1::date AND status = 'posted' AND account_id BETWEEN $2 AND $3
    UNION SELECT account_id, customer_id FROM due_items
          WHERE due_on = $1::date - 1 AND account_id BETWEEN $2 AND $3 AND (settled_on IS NULL OR principal_paid_minor < principal_due_minor)
    UNION SELECT account_id, customer_id FROM account_state WHERE delinquent_since = ANY($4::date[]) AND account_id BETWEEN $2 AND $3
    UNION SELECT account_id, customer_id FROM entries WHERE value_date = $1::date AND concession_id IS NOT NULL AND account_id BETWEEN $2 AND $3
  ) c JOIN account_state s ON s.account_id = c.account_id AND s.customer_id = c.customer_id
  WHERE s.closed_through = $1::date - 1`;

export const DELINQUENCY_SQL = `
WITH cand AS (${CHANGED_ACCOUNTS}),
calc AS (
  -- One index lookup per changed account (LATERAL), never a scan of all due items.
  SELECT c.account_id, c.customer_id, x.since, x.accruing, x.overdue
  FROM cand c CROSS JOIN LATERAL (
    SELECT min(di.due_on) FILTER (WHERE di.settled_on IS NULL) AS since,
           coalesce(bool_or(di.settled_on IS NULL OR di.principal_paid_minor < di.principal_due_minor), false) AS accruing,
           coalesce(sum(di.principal_due_minor - di.principal_paid_minor + di.interest_charged_minor - di.interest_paid_minor
                        + di.penalty_charged_minor - di.penalty_paid_minor + di.fees_charged_minor - di.fees_paid_minor), 0)::bigint AS overdue
    FROM due_items di WHERE di.account_id = c.account_id AND di.customer_id = c.customer_id AND di.due_on < $1::date
  ) x
),
b AS (
  SELECT calc.account_id, calc.customer_id, calc.since, coalesce($1::date - calc.since, 0) AS dpd, calc.overdue, calc.accruing, s.accruing AS old_accruing,
         s.bucket AS old_bucket, ob.ordinal AS old_ord, nb.code AS new_bucket, nb.ordinal AS new_ord,
         s.delinquent_since AS old_since, s.overdue_minor AS old_overdue
  FROM calc
  JOIN account_state s ON s.account_id = calc.account_id AND s.customer_id = calc.customer_id
  JOIN accounts a ON a.id = calc.account_id AND a.customer_id = calc.customer_id
  JOIN products p ON p.code = a.product_code AND p.version = a.product_version
  JOIN buckets ob ON ob.policy = p.bucket_policy AND ob.code = s.bucket
  JOIN buckets nb ON nb.policy = p.bucket_policy
   AND (CASE WHEN coalesce($1::date - calc.since, 0) > p.grace_days THEN $1::date - calc.since ELSE 0 END) >= nb.min_dpd
   AND (nb.max_dpd IS NULL OR (CASE WHEN coalesce($1::date - calc.since, 0) > p.grace_days THEN $1::date - calc.since ELSE 0 END) <= nb.max_dpd)
),
upd AS (
  UPDATE account_state s SET delinquent_since = b.since, bucket = b.new_bucket, overdue_minor = b.overdue, accruing = b.accruing
  FROM b WHERE s.account_id = b.account_id AND s.customer_id = b.customer_id
    AND (b.old_since IS DISTINCT FROM b.since OR b.old_bucket <> b.new_bucket OR b.old_overdue <> b.overdue OR b.old_accruing <> b.accruing)
  RETURNING 1
),
changes AS (
  INSERT INTO bucket_changes (account_id, customer_id, on_date, from_bucket, to_bucket, dpd, movement)
  SELECT account_id, customer_id, $1::date, old_bucket, new_bucket, dpd,
         CASE WHEN new_ord = 0 THEN 'cure' WHEN new_ord > old_ord THEN 'roll_forward' ELSE 'roll_back' END
  FROM b WHERE new_bucket <> old_bucket
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd)::int AS n`;

/** DPD values at which an account can change bucket: each bucket's first day, and the day after grace. */
async function boundaryDates(tx: Db, date: string): Promise<string[]> {
  const rows = await tx.query<{ d: string }>(
    `SELECT DISTINCT ($1::date - t)::text AS d FROM (
       SELECT min_dpd AS t FROM buckets WHERE min_dpd > 0
       UNION SELECT grace_days + 1 FROM products
     ) x`,
    [date],
  );
  return rows.map((r) => r.d);
}

export async function delinquencyStep(tx: Db, ctx: StepContext): Promise<number> {
  const [r] = await tx.query<{ n: number }>(DELINQUENCY_SQL, [ctx.date, ctx.lo, ctx.hi, await boundaryDates(tx, ctx.date)]);
  return r?.n ?? 0;
}

/**
 * Opens a case when an account becomes delinquent, updates it when its bucket changes or money
 * arrives, and closes it on cure or pay-off. Only accounts with such a change today are visited.
 */
const CASES_SQL = `
WITH ids AS (
  SELECT account_id, customer_id FROM bucket_changes WHERE on_date = $1::date AND account_id BETWEEN $2 AND $3
  UNION
  SELECT t.account_id, t.customer_id FROM transactions t
  WHERE t.value_date = $1::date AND t.status = 'posted' AND t.account_id BETWEEN $2 AND $3
    AND EXISTS (SELECT 1 FROM collection_cases c WHERE c.account_id = t.account_id AND c.customer_id = t.customer_id AND c.status = 'open')
),
st AS (
  SELECT s.account_id, s.customer_id, s.bucket, s.delinquent_since, coalesce($1::date - s.delinquent_since, 0) AS dpd, s.overdue_minor, bk.ordinal,
         s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor AS total
  FROM ids
  JOIN account_state s ON s.account_id = ids.account_id AND s.customer_id = ids.customer_id AND s.closed_through = $1::date - 1
  JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id
  JOIN products p ON p.code = a.product_code AND p.version = a.product_version
  JOIN buckets bk ON bk.policy = p.bucket_policy AND bk.code = s.bucket
),
opened AS (
  INSERT INTO collection_cases (account_id, customer_id, status, opened_on, opened_bucket, bucket, delinquent_since, dpd, max_dpd, overdue_minor, updated_on)
  SELECT st.account_id, st.customer_id, 'open', $1::date, st.bucket, st.bucket, st.delinquent_since, st.dpd, st.dpd, st.overdue_minor, $1::date
  FROM st
  WHERE st.ordinal > 0 AND st.total > 0
    AND NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.account_id = st.account_id AND c.customer_id = st.customer_id AND c.status = 'open')
  RETURNING 1
),
updated AS (
  UPDATE collection_cases c SET
    bucket = st.bucket, delinquent_since = st.delinquent_since, dpd = st.dpd, overdue_minor = st.overdue_minor, updated_on = $1::date,
    -- The highest DPD: what the case had reached by yesterday under its previous delinquent_since, or today's.
    max_dpd = greatest(c.max_dpd, st.dpd, coalesce(($1::date - 1) - c.delinquent_since, 0)),
    status = CASE WHEN st.ordinal = 0 OR st.total <= 0 THEN 'closed' ELSE 'open' END,
    closed_on = CASE WHEN st.ordinal = 0 OR st.total <= 0 THEN $1::date END,
    close_reason = CASE WHEN st.total <= 0 THEN 'paid_off' WHEN st.ordinal = 0 THEN 'cured' END
  FROM st
  WHERE c.account_id = st.account_id AND c.customer_id = st.customer_id AND c.status = 'open'
  RETURNING 1
)
SELECT (SELECT count(*) FROM opened)::int + (SELECT count(*) FROM updated)::int AS n`;

export async function casesStep(tx: Db, ctx: StepContext): Promise<number> {
  const [r] = await tx.query<{ n: number }>(CASES_SQL, [ctx.date, ctx.lo, ctx.hi]);
  return r?.n ?? 0;
}
