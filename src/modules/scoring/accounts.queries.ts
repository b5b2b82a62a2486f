/**
 * The `accounts` format: features of live accounts as of a business date D, from the ledger, the
 * delinquency history and the contact history, in one set-based statement (one row per account opened
 * on or before D), and the training target "30+ DPD on some day in (D, D + horizon]".
 *
 * Everything is read as of D from history, not from today's state, so that rows for a past D can be
 * labelled with what happened next: balances are sums of entries valued on or before D, DPD comes from
 * the last bucket change on or before D (it grows one a day while the account stays delinquent),
 * payments and contacts are counted in windows ending on D.
 *
 * The target follows the same history: between two bucket changes the DPD grows a day a day (a cure
 * makes it 0), so the largest DPD in the window is at the end of a segment; the target is 1 when a
 * segment overlapping the window ends at 30 or more. A fall in DPD that does not change the bucket
 * is not recorded in the history, so the target can overstate such an account by up to that fall.
 * Read-only.
 */
import type { Db } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';

/** The export's columns, in order; `dpd30_within_horizon` is the target. */
export const ACCOUNT_COLUMNS = [
  'account_id', 'months_on_book', 'size_minor', 'owed_minor', 'principal_minor', 'utilisation', 'dpd_now', 'max_dpd_180',
  'roll_forwards_180', 'cures_180', 'payments_90', 'paid_90_minor', 'days_since_payment', 'contacts_30', 'inbound_30', 'dpd30_within_horizon',
] as const;

/**
 * The statement, in two forms. `export`: every account opened by D ($1), labelled over $2 days.
 * `score`: the accounts of a batch ($2..$3) that the daily cycle is closing through D (closed through
 * the day before), or has closed through D, and that owe something, without a label: what the cycle's `score` step reads. Both
 * compute the features with the same expressions, so a model trained on an export scores the cycle's
 * rows alike.
 */
function featuresSql(form: 'export' | 'score'): string {
  const batch = (col: string) => (form === 'score' ? ` AND ${col} BETWEEN $2 AND $3` : '');
  const acc =
    form === 'export'
      ? `SELECT a.id, a.customer_id, a.opened_on, coalesce(a.credit_limit_minor, a.principal_minor, 0) AS size_minor
  FROM accounts a WHERE a.opened_on <= $1::date`
      : `SELECT a.id, a.customer_id, a.opened_on, coalesce(a.credit_limit_minor, a.principal_minor, 0) AS size_minor
  FROM accounts a JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
  WHERE a.id BETWEEN $2 AND $3 AND s.account_id BETWEEN $2 AND $3 AND a.opened_on <= $1::date
    AND s.closed_through <= $1::date AND s.closed_through >= $1::date - 1
    AND s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor > 0`;
  const target =
    form === 'export'
      ? `, seg AS (
  SELECT c.account_id, c.customer_id, c.on_date AS start_on, c.to_bucket, c.dpd,
    coalesce(lead(c.on_date) OVER (PARTITION BY c.account_id ORDER BY c.on_date) - 1, $1::date + $2::int) AS stop_on
  FROM bucket_changes c WHERE c.on_date <= $1::date + $2::int
), target AS (
  SELECT s.account_id, s.customer_id, bool_or(s.to_bucket <> 'M0' AND s.dpd + (s.stop_on - s.start_on) >= 30) AS bad
  FROM seg s WHERE s.stop_on > $1::date GROUP BY s.account_id, s.customer_id
)`
      : '';
  return `
WITH acc AS (
  ${acc}
), bal AS (
  SELECT e.account_id, e.customer_id, sum(e.amount_minor) AS owed_minor, coalesce(sum(e.amount_minor) FILTER (WHERE e.component = 'principal'), 0) AS principal_minor
  FROM entries e WHERE e.value_date <= $1::date${batch('e.account_id')} GROUP BY e.account_id, e.customer_id
), last_change AS (
  SELECT DISTINCT ON (c.account_id) c.account_id, c.customer_id, c.on_date, c.to_bucket, c.dpd
  FROM bucket_changes c WHERE c.on_date <= $1::date${batch('c.account_id')} ORDER BY c.account_id, c.on_date DESC
), hist AS (
  SELECT c.account_id, c.customer_id,
    max(c.dpd) FILTER (WHERE c.on_date > $1::date - 180) AS max_dpd_180,
    count(*) FILTER (WHERE c.movement = 'roll_forward' AND c.on_date > $1::date - 180) AS roll_forwards_180,
    count(*) FILTER (WHERE c.movement = 'cure' AND c.on_date > $1::date - 180) AS cures_180
  FROM bucket_changes c WHERE c.on_date <= $1::date${batch('c.account_id')} GROUP BY c.account_id, c.customer_id
), pay AS (
  SELECT t.account_id, t.customer_id,
    count(*) FILTER (WHERE t.value_date > $1::date - 90) AS payments_90,
    coalesce(sum(t.amount_minor) FILTER (WHERE t.value_date > $1::date - 90), 0) AS paid_90_minor,
    $1::date - max(t.value_date) AS days_since_payment
  FROM transactions t WHERE t.type = 'payment' AND t.status = 'posted' AND t.value_date <= $1::date${batch('t.account_id')} GROUP BY t.account_id, t.customer_id
), con AS (
  SELECT h.account_id, h.customer_id, count(*) FILTER (WHERE h.direction = 'outbound') AS contacts_30, count(*) FILTER (WHERE h.direction = 'inbound') AS inbound_30
  FROM contact_history h
  WHERE h.account_id IS NOT NULL AND h.at >= ($1::date - 29)::timestamp AT TIME ZONE 'UTC' AND h.at < ($1::date + 1)::timestamp AT TIME ZONE 'UTC'${batch('h.account_id')}
  GROUP BY h.account_id, h.customer_id
)${target}
SELECT acc.id AS account_id,
  ($1::date - acc.opened_on) / 30 AS months_on_book,
  acc.size_minor,
  coalesce(bal.owed_minor, 0) AS owed_minor,
  coalesce(bal.principal_minor, 0) AS principal_minor,
  CASE WHEN acc.size_minor > 0 THEN round(coalesce(bal.owed_minor, 0)::numeric / acc.size_minor, 4) END AS utilisation,
  CASE WHEN lc.to_bucket IS NULL OR lc.to_bucket = 'M0' THEN 0 ELSE lc.dpd + ($1::date - lc.on_date) END AS dpd_now,
  coalesce(hist.max_dpd_180, 0) AS max_dpd_180,
  coalesce(hist.roll_forwards_180, 0) AS roll_forwards_180,
  coalesce(hist.cures_180, 0) AS cures_180,
  coalesce(pay.payments_90, 0) AS payments_90,
  coalesce(pay.paid_90_minor, 0) AS paid_90_minor,
  pay.days_since_payment,
  coalesce(con.contacts_30, 0) AS contacts_30,
  coalesce(con.inbound_30, 0) AS inbound_30,
  ${form === 'export' ? 'CASE WHEN coalesce(target.bad, false) THEN 1 ELSE 0 END' : 'NULL::int'} AS dpd30_within_horizon
FROM acc
LEFT JOIN bal ON bal.account_id = acc.id AND bal.customer_id = acc.customer_id
LEFT JOIN last_change lc ON lc.account_id = acc.id AND lc.customer_id = acc.customer_id
LEFT JOIN hist ON hist.account_id = acc.id AND hist.customer_id = acc.customer_id
LEFT JOIN pay ON pay.account_id = acc.id AND pay.customer_id = acc.customer_id
LEFT JOIN con ON con.account_id = acc.id AND con.customer_id = acc.customer_id${form === 'export' ? '\nLEFT JOIN target ON target.account_id = acc.id AND target.customer_id = acc.customer_id' : ''}
ORDER BY acc.id`;
}

const EXPORT_SQL = featuresSql('export');
const SCORE_SQL = featuresSql('score');

export type AccountFeatureRow = Record<(typeof ACCOUNT_COLUMNS)[number], number | null>;

const toRow = (r: Record<string, unknown>): AccountFeatureRow =>
  Object.fromEntries(ACCOUNT_COLUMNS.map((c) => [c, r[c] === null || r[c] === undefined ? null : Number(r[c])])) as AccountFeatureRow;

/**
 * The features, as of `date`, of the accounts of a batch (ids lo..hi) that the cycle is closing (or has
 * closed) through `date` and that owe something; the label column is null. Read by the cycle's `score` step.
 */
export async function closingAccountFeatures(tx: Db, date: string, lo: number, hi: number): Promise<AccountFeatureRow[]> {
  return (await tx.query<Record<string, unknown>>(SCORE_SQL, [date, lo, hi])).map(toRow);
}

/**
 * One row per account as of `asOf`, labelled with the next `horizonDays`. `lastClosed` is the cycle's
 * last closed date: the window must be closed, or the label would count days that have not happened.
 */
export async function accountFeatures(db: Db, opts: { asOf: string; horizonDays: number; lastClosed: string | null }): Promise<AccountFeatureRow[]> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(opts.asOf)) throw invalidField('as-of', `expected a date YYYY-MM-DD, got '${opts.asOf}'`);
  if (!Number.isInteger(opts.horizonDays) || opts.horizonDays < 1 || opts.horizonDays > 365) throw invalidField('horizon', `expected whole days 1–365, got ${opts.horizonDays}`);
  const end = new Date(`${opts.asOf}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + opts.horizonDays);
  const windowEnd = end.toISOString().slice(0, 10);
  if (opts.lastClosed === null || windowEnd > opts.lastClosed)
    throw invalidField('as-of', `the window ${opts.asOf} + ${opts.horizonDays} days ends ${windowEnd}, after the last closed business date (${opts.lastClosed ?? 'none'}): its outcome is not known yet`);
  const rows = await db.query<Record<string, unknown>>(EXPORT_SQL, [opts.asOf, opts.horizonDays]);
  return rows.map(toRow);
}

/** The rows as CSV in the `accounts` format (missing values as NA). */
export function accountFeaturesCsv(rows: readonly AccountFeatureRow[]): string {
  return [ACCOUNT_COLUMNS.join(','), ...rows.map((r) => ACCOUNT_COLUMNS.map((c) => (r[c] === null ? 'NA' : String(r[c]))).join(','))].join('\n') + '\n';
}
