/**
 * Delinquency steps of the daily cycle (set-based SQL over a batch of accounts for one date):
 * DPD, bucket and arrears of each account in or near arrears, bucket history, and collection cases.
 * DPD on date d is d − the due date of the oldest item due before d that is not settled.
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

const DELINQUENCY_SQL = `
WITH cand AS (
  SELECT s.account_id FROM account_state s
  WHERE (s.overdue_minor > 0 OR s.dpd > 0) AND s.account_id BETWEEN $2 AND $3 AND s.closed_through = $1::date - 1
  UNION
  SELECT s.account_id FROM (SELECT DISTINCT account_id FROM due_items WHERE due_on = $1::date - 1 AND account_id BETWEEN $2 AND $3) di
  JOIN account_state s ON s.account_id = di.account_id
  WHERE s.closed_through = $1::date - 1
),
calc AS (
  SELECT c.account_id,
         coalesce($1::date - min(di.due_on) FILTER (WHERE di.settled_on IS NULL), 0) AS dpd,
         coalesce(sum(di.principal_due_minor - di.principal_paid_minor + di.interest_charged_minor - di.interest_paid_minor
                      + di.penalty_charged_minor - di.penalty_paid_minor + di.fees_charged_minor - di.fees_paid_minor), 0)::bigint AS overdue
  FROM cand c LEFT JOIN due_items di ON di.account_id = c.account_id AND di.due_on < $1::date
  GROUP BY c.account_id
),
b AS (
  SELECT calc.account_id, calc.dpd, calc.overdue, s.bucket AS old_bucket, ob.ordinal AS old_ord, nb.code AS new_bucket, nb.ordinal AS new_ord,
         s.dpd AS old_dpd, s.overdue_minor AS old_overdue
  FROM calc
  JOIN account_state s ON s.account_id = calc.account_id
  JOIN accounts a ON a.id = calc.account_id
  JOIN products p ON p.code = a.product_code AND p.version = a.product_version
  JOIN buckets ob ON ob.policy = p.bucket_policy AND ob.code = s.bucket
  JOIN buckets nb ON nb.policy = p.bucket_policy
   AND (CASE WHEN calc.dpd > p.grace_days THEN calc.dpd ELSE 0 END) >= nb.min_dpd
   AND (nb.max_dpd IS NULL OR (CASE WHEN calc.dpd > p.grace_days THEN calc.dpd ELSE 0 END) <= nb.max_dpd)
),
upd AS (
  UPDATE account_state s SET dpd = b.dpd, bucket = b.new_bucket, overdue_minor = b.overdue
  FROM b WHERE s.account_id = b.account_id AND (b.old_dpd <> b.dpd OR b.old_bucket <> b.new_bucket OR b.old_overdue <> b.overdue)
  RETURNING 1
),
changes AS (
  INSERT INTO bucket_changes (account_id, on_date, from_bucket, to_bucket, dpd, movement)
  SELECT account_id, $1::date, old_bucket, new_bucket, dpd,
         CASE WHEN new_ord = 0 THEN 'cure'
              WHEN new_ord > old_ord THEN 'roll_forward' ELSE 'roll_back' END
  FROM b WHERE new_bucket <> old_bucket
  RETURNING 1
)
SELECT (SELECT count(*) FROM upd)::int AS n`;

export async function delinquencyStep(tx: Db, ctx: StepContext): Promise<number> {
  const [r] = await tx.query<{ n: number }>(DELINQUENCY_SQL, [ctx.date, ctx.lo, ctx.hi]);
  return r?.n ?? 0;
}

/** Opens a case when an account becomes delinquent, keeps open cases current, closes them on cure or pay-off. */
const CASES_SQL = `
WITH ids AS (
  SELECT account_id FROM account_state
  WHERE dpd > 0 AND account_id BETWEEN $2 AND $3 AND closed_through = $1::date - 1
  UNION
  SELECT account_id FROM collection_cases WHERE status = 'open' AND account_id BETWEEN $2 AND $3
),
st AS (
  SELECT s.account_id, s.bucket, s.dpd, s.overdue_minor, bk.ordinal,
         s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor AS total
  FROM ids
  JOIN account_state s ON s.account_id = ids.account_id AND s.closed_through = $1::date - 1
  JOIN accounts a ON a.id = s.account_id
  JOIN products p ON p.code = a.product_code AND p.version = a.product_version
  JOIN buckets bk ON bk.policy = p.bucket_policy AND bk.code = s.bucket
),
opened AS (
  INSERT INTO collection_cases (account_id, status, opened_on, opened_bucket, bucket, dpd, max_dpd, overdue_minor, updated_on)
  SELECT st.account_id, 'open', $1::date, st.bucket, st.bucket, st.dpd, st.dpd, st.overdue_minor, $1::date
  FROM st
  WHERE st.ordinal > 0 AND st.total > 0
    AND NOT EXISTS (SELECT 1 FROM collection_cases c WHERE c.account_id = st.account_id AND c.status = 'open')
  RETURNING 1
),
updated AS (
  UPDATE collection_cases c SET
    bucket = st.bucket, dpd = st.dpd, max_dpd = greatest(c.max_dpd, st.dpd), overdue_minor = st.overdue_minor, updated_on = $1::date,
    status = CASE WHEN st.ordinal = 0 OR st.total <= 0 THEN 'closed' ELSE 'open' END,
    closed_on = CASE WHEN st.ordinal = 0 OR st.total <= 0 THEN $1::date END,
    close_reason = CASE WHEN st.total <= 0 THEN 'paid_off' WHEN st.ordinal = 0 THEN 'cured' END
  FROM st
  WHERE c.account_id = st.account_id AND c.status = 'open'
  RETURNING 1
)
SELECT (SELECT count(*) FROM opened)::int + (SELECT count(*) FROM updated)::int AS n`;

export async function casesStep(tx: Db, ctx: StepContext): Promise<number> {
  const [r] = await tx.query<{ n: number }>(CASES_SQL, [ctx.date, ctx.lo, ctx.hi]);
  return r?.n ?? 0;
}
