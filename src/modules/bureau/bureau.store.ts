/**
 * Queries on the bureau tables: the figures a run reads (set-based, a chunk of accounts at a time),
 * the bulk insert of a run's rows, notices and disputes.
 */
import type { Db } from '../../platform/db.ts';
import type { NoticeFact } from './bureau.rules.ts';
import type { NoticeChannel, ReportKind, ReportRow } from './bureau.types.ts';

/** What a run needs of one account, read in one statement for a chunk of accounts. */
export interface AccountFigures {
  account_id: number;
  account_ref: string;
  customer_id: string;
  jurisdiction: string;
  product_kind: 'instalment' | 'revolving';
  currency: string;
  opened_on: string;
  maturity_on: string | null;
  term_count: number | null;
  credit_limit_minor: number | null;
  original_minor: number | null;
  scheduled_minor: number;
  actual_payment_minor: number;
  last_payment_on: string | null;
  last_payment_minor: number | null;
  balance_minor: number;
  principal_minor: number;
  past_due_minor: number;
  dpd: number;
  items_past_due: number;
  delinquent_since: string | null;
  debtor_name: string;
  id_number: string | null;
  address: string | null;
  /** The month ends before this one that have figures: [period_end, balance, principal, past due, dpd]. */
  history: Array<[string, number, number, number, number]> | null;
  notices: NoticeFact[] | null;
  reported_negative_before: boolean;
  last_reported_status: string | null;
  open_dispute: boolean;
  kept_mark: boolean;
}

/**
 * The month-end figures of the accounts with figures for $1 (the period's last day), ids after $4,
 * $5 at a time, with what the rules need: history since $3, payments in the month from $2, the
 * notices, disputes and earlier reports of each account. One index probe per account and table.
 */
export const FIGURES_SQL = `
SELECT a.id AS account_id, a.ref AS account_ref, a.customer_id, c.jurisdiction, p.kind AS product_kind, a.currency, a.opened_on,
       CASE WHEN p.kind = 'instalment' THEN (SELECT max(di.due_on) FROM due_items di WHERE di.account_id = a.id AND di.customer_id = a.customer_id AND (di.superseded_on IS NULL OR di.superseded_on > $1::date)) END AS maturity_on,
       a.term_count, a.credit_limit_minor, a.principal_minor AS original_minor,
       coalesce((SELECT sum(CASE WHEN di.kind = 'statement' THEN di.minimum_due_minor ELSE di.principal_due_minor + di.interest_due_minor END)
                 FROM due_items di WHERE di.account_id = a.id AND di.customer_id = a.customer_id AND di.due_on BETWEEN $2::date AND $1::date
                   AND (di.superseded_on IS NULL OR di.superseded_on > $1::date)), 0)::bigint AS scheduled_minor,
       coalesce((SELECT sum(t.amount_minor) FROM transactions t WHERE t.account_id = a.id AND t.customer_id = a.customer_id AND t.type = 'payment' AND t.status = 'posted'
                   AND t.value_date BETWEEN $2::date AND $1::date), 0)::bigint AS actual_payment_minor,
       lp.value_date AS last_payment_on, lp.amount_minor AS last_payment_minor,
       m.balance_minor, m.principal_minor, m.past_due_minor, m.dpd, m.items_past_due, m.delinquent_since,
       c.name AS debtor_name, c.id_number_masked AS id_number, c.address,
       (SELECT json_agg(json_build_array(h.period_end, h.balance_minor, h.principal_minor, h.past_due_minor, h.dpd))
          FROM bureau_month_ends h WHERE h.account_id = a.id AND h.customer_id = a.customer_id AND h.period_end >= $3::date AND h.period_end < $1::date) AS history,
       (SELECT json_agg(json_build_object('status', n.status, 'channel', n.channel, 'sentOn', n.sent_on)) FROM bureau_notices n WHERE n.account_id = a.id AND n.customer_id = a.customer_id) AS notices,
       EXISTS (SELECT 1 FROM bureau_reports r WHERE r.account_id = a.id AND r.customer_id = a.customer_id AND r.kind = 'report' AND r.dpd > 0) AS reported_negative_before,
       (SELECT r.metro2_status FROM bureau_reports r WHERE r.account_id = a.id AND r.customer_id = a.customer_id AND r.kind = 'report' AND r.period < to_char($1::date, 'YYYY-MM')
          ORDER BY r.period DESC, r.id DESC LIMIT 1) AS last_reported_status,
       EXISTS (SELECT 1 FROM bureau_disputes d WHERE d.account_id = a.id AND d.customer_id = a.customer_id AND d.status = 'open') AS open_dispute,
       EXISTS (SELECT 1 FROM bureau_disputes d WHERE d.account_id = a.id AND d.customer_id = a.customer_id AND d.status = 'resolved' AND d.outcome = 'unverifiable' AND d.jurisdiction = 'CN') AS kept_mark
FROM bureau_month_ends m
JOIN accounts a ON a.id = m.account_id AND a.customer_id = m.customer_id
JOIN customers c ON c.id = a.customer_id
JOIN products p ON p.code = a.product_code AND p.version = a.product_version
LEFT JOIN LATERAL (
  SELECT t.value_date, t.amount_minor FROM transactions t
  WHERE t.account_id = a.id AND t.customer_id = a.customer_id AND t.type = 'payment' AND t.status = 'posted' AND t.value_date <= $1::date
  ORDER BY t.value_date DESC, t.id DESC LIMIT 1
) lp ON true
WHERE m.period_end = $1::date AND m.account_id > $4
ORDER BY m.account_id
LIMIT $5`;

export async function loadFigures(db: Db, o: { periodEnd: string; periodStart: string; historyFrom: string; afterId: number; limit: number; accountIds?: readonly number[] }): Promise<AccountFigures[]> {
  const sql = o.accountIds ? FIGURES_SQL.replace('WHERE m.period_end = $1::date AND m.account_id > $4', 'WHERE m.period_end = $1::date AND m.account_id > $4 AND m.account_id = ANY($6::bigint[])') : FIGURES_SQL;
  const params: unknown[] = [o.periodEnd, o.periodStart, o.historyFrom, o.afterId, o.limit];
  if (o.accountIds) params.push(o.accountIds);
  return db.query<AccountFigures>(sql, params);
}

/** Accounts opened by the period's last day that the cycle has not closed through it (no figures). */
export async function accountsWithoutFigures(db: Db, periodEnd: string): Promise<{ count: number; sample: string[] }> {
  const rows = await db.query<{ ref: string }>(
    `SELECT a.ref FROM accounts a WHERE a.opened_on <= $1::date
       AND NOT EXISTS (SELECT 1 FROM bureau_month_ends m WHERE m.account_id = a.id AND m.customer_id = a.customer_id AND m.period_end = $1::date)
     ORDER BY a.id LIMIT 6`,
    [periodEnd],
  );
  if (rows.length === 0) return { count: 0, sample: [] };
  const [n] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM accounts a WHERE a.opened_on <= $1::date
       AND NOT EXISTS (SELECT 1 FROM bureau_month_ends m WHERE m.account_id = a.id AND m.customer_id = a.customer_id AND m.period_end = $1::date)`,
    [periodEnd],
  );
  return { count: n?.n ?? rows.length, sample: rows.slice(0, 5).map((r) => r.ref) };
}

export interface RunRecord {
  id: number;
  kind: 'monthly' | 'correction';
  period: string;
  periodEnd: string;
  createdAt: string;
  createdBy: string;
  disputeId: number | null;
  reported: number;
  withheld: number;
  noticesQueued: number;
  files: Record<string, string>;
}

const RUN_COLUMNS = `id, kind, period, period_end AS "periodEnd", created_at AS "createdAt", created_by AS "createdBy", dispute_id AS "disputeId",
  reported, withheld, notices_queued AS "noticesQueued", files`;

export async function insertRun(tx: Db, r: { kind: 'monthly' | 'correction'; period: string; periodEnd: string; createdAt: string; createdBy: string; disputeId: number | null }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO bureau_runs (kind, period, period_end, created_at, created_by, dispute_id, reported, withheld, notices_queued, files)
     VALUES ($1, $2, $3, $4, $5, $6, 0, 0, 0, '{}') RETURNING id`,
    [r.kind, r.period, r.periodEnd, r.createdAt, r.createdBy, r.disputeId],
  );
  return row!.id;
}

export async function finishRun(tx: Db, id: number, r: { reported: number; withheld: number; noticesQueued: number; files: Record<string, string> }): Promise<void> {
  await tx.query('UPDATE bureau_runs SET reported = $2, withheld = $3, notices_queued = $4, files = $5 WHERE id = $1', [id, r.reported, r.withheld, r.noticesQueued, JSON.stringify(r.files)]);
}

export async function getRun(db: Db, id: number): Promise<RunRecord | undefined> {
  const [r] = await db.query<RunRecord>(`SELECT ${RUN_COLUMNS} FROM bureau_runs WHERE id = $1`, [id]);
  return r;
}

export async function findMonthlyRun(db: Db, period: string): Promise<RunRecord | undefined> {
  const [r] = await db.query<RunRecord>(`SELECT ${RUN_COLUMNS} FROM bureau_runs WHERE kind = 'monthly' AND period = $1`, [period]);
  return r;
}

export async function listRuns(db: Db, limit: number): Promise<RunRecord[]> {
  return db.query<RunRecord>(`SELECT ${RUN_COLUMNS} FROM bureau_runs ORDER BY id DESC LIMIT $1`, [limit]);
}

/** A run's rows as the bulk insert takes them (snake_case, one JSON document). */
export type NewReport = Pick<AccountFigures,
  | 'account_id' | 'account_ref' | 'customer_id' | 'jurisdiction' | 'currency' | 'opened_on' | 'maturity_on' | 'term_count' | 'credit_limit_minor'
  | 'original_minor' | 'scheduled_minor' | 'actual_payment_minor' | 'last_payment_on' | 'last_payment_minor' | 'balance_minor' | 'past_due_minor'
  | 'dpd' | 'items_past_due' | 'debtor_name' | 'id_number' | 'address'> & {
  period: string;
  kind: ReportKind;
  corrects_id: number | null;
  withheld_reason: string | null;
  product_kind: string;
  first_delinquency_on: string | null;
  closed_on: string | null;
  metro2_status: string;
  payment_rating: string;
  metro2_history: string;
  pboc_status: string;
  pboc_history: string;
  five_class: string;
  special_comment: string;
  compliance_code: string;
  disputed: boolean;
};

const REPORT_FIELDS = `account_id bigint, period text, kind text, corrects_id bigint, withheld_reason text, account_ref text, customer_id text, jurisdiction text,
  product_kind text, currency text, opened_on date, maturity_on date, term_count int, credit_limit_minor bigint, original_minor bigint, scheduled_minor bigint,
  actual_payment_minor bigint, last_payment_on date, last_payment_minor bigint, balance_minor bigint, past_due_minor bigint, dpd int, items_past_due int,
  first_delinquency_on date, closed_on date, metro2_status text, payment_rating text, metro2_history text, pboc_status text, pboc_history text, five_class text,
  special_comment text, compliance_code text, disputed boolean, debtor_name text, id_number text, address text`;
const REPORT_COLUMNS = REPORT_FIELDS.split(',').map((f) => f.trim().split(' ')[0]).join(', ');

export async function insertReports(tx: Db, runId: number, rows: readonly NewReport[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO bureau_reports (run_id, ${REPORT_COLUMNS})
     SELECT $1, ${REPORT_COLUMNS} FROM jsonb_to_recordset($2::jsonb) AS x(${REPORT_FIELDS})`,
    [runId, JSON.stringify(rows)],
  );
}

const ROW_SELECT = `id, kind, period, account_ref AS "accountRef", customer_id AS "customerId", jurisdiction, product_kind AS "productKind", currency,
  opened_on AS "openedOn", maturity_on AS "maturityOn", term_count AS "termCount", credit_limit_minor AS "creditLimitMinor", original_minor AS "originalMinor",
  scheduled_minor AS "scheduledMinor", actual_payment_minor AS "actualPaymentMinor", last_payment_on AS "lastPaymentOn", last_payment_minor AS "lastPaymentMinor",
  balance_minor AS "balanceMinor", past_due_minor AS "pastDueMinor", dpd, items_past_due AS "itemsPastDue", first_delinquency_on AS "firstDelinquencyOn",
  closed_on AS "closedOn", metro2_status AS "metro2Status", payment_rating AS "paymentRating", metro2_history AS "metro2History", pboc_status AS "pbocStatus",
  pboc_history AS "pbocHistory", five_class AS "fiveClass", special_comment AS "specialComment", compliance_code AS "complianceCode", disputed,
  debtor_name AS "debtorName", id_number AS "idNumber", address`;

/** The rows of a run that go into files (not the withheld ones), in file order. */
export async function loadFileRows(db: Db, runId: number): Promise<ReportRow[]> {
  return db.query<ReportRow>(`SELECT ${ROW_SELECT} FROM bureau_reports WHERE run_id = $1 AND kind <> 'withheld' ORDER BY account_ref, period, id`, [runId]);
}

/** Every row of a run, the withheld ones with their reason. */
export async function loadRunRows(db: Db, runId: number): Promise<Array<ReportRow & { withheldReason: string | null }>> {
  return db.query<ReportRow & { withheldReason: string | null }>(`SELECT ${ROW_SELECT}, withheld_reason AS "withheldReason" FROM bureau_reports WHERE run_id = $1 ORDER BY account_ref, period, id`, [runId]);
}

/** The reports of an account that a dispute concerns: the latest report of each period (all periods when none are named). */
export async function loadReportedPeriods(db: Db, accountId: number, periods: readonly string[]): Promise<Array<{ id: number; period: string }>> {
  return db.query<{ id: number; period: string }>(
    `SELECT DISTINCT ON (period) id, period FROM bureau_reports
     WHERE account_id = $1 AND kind IN ('report', 'correction') AND (cardinality($2::text[]) = 0 OR period = ANY($2::text[]))
     ORDER BY period, id DESC`,
    [accountId, periods],
  );
}

// ---------------------------------------------------------------------------------------------
// Notices

export async function queueNotices(tx: Db, runId: number, accounts: ReadonlyArray<{ accountId: number; customerId: string }>, now: string): Promise<number> {
  if (accounts.length === 0) return 0;
  const rows = await tx.query(
    `INSERT INTO bureau_notices (account_id, customer_id, status, queued_by_run, created_at)
     SELECT x.account_id, x.customer_id, 'pending', $1, $2 FROM jsonb_to_recordset($3::jsonb) AS x(account_id bigint, customer_id text)
     ON CONFLICT (account_id, customer_id) WHERE status = 'pending' DO NOTHING RETURNING 1`,
    [runId, now, JSON.stringify(accounts.map((a) => ({ account_id: a.accountId, customer_id: a.customerId })))],
  );
  return rows.length;
}

export interface PendingNotice {
  id: number;
  accountId: number;
  accountRef: string;
  customerId: string;
  language: string;
  jurisdiction: string;
  currency: string;
}

export async function pendingNotices(db: Db, limit: number): Promise<PendingNotice[]> {
  return db.query<PendingNotice>(
    `SELECT n.id, n.account_id AS "accountId", a.ref AS "accountRef", n.customer_id AS "customerId", c.language, c.jurisdiction, a.currency
     FROM bureau_notices n JOIN accounts a ON a.id = n.account_id AND a.customer_id = n.customer_id JOIN customers c ON c.id = n.customer_id
     WHERE n.status = 'pending' ORDER BY n.id LIMIT $1 FOR UPDATE OF n SKIP LOCKED`,
    [limit],
  );
}

export async function markNoticeSent(tx: Db, id: number, n: { channel: NoticeChannel; reference: string; sentOn: string; sentAt: string; recordedBy: string }): Promise<void> {
  await tx.query(
    `UPDATE bureau_notices SET status = 'sent', channel = $2, reference = $3, sent_on = $4, sent_at = $5, recorded_by = $6 WHERE id = $1`,
    [id, n.channel, n.reference, n.sentOn, n.sentAt, n.recordedBy],
  );
}

/** A notice staff gave outside the queue (a call, in person, a letter sent by hand); it also settles a pending one. */
export async function recordNotice(tx: Db, n: { accountId: number; customerId: string; channel: NoticeChannel; reference: string; sentOn: string; sentAt: string; recordedBy: string }): Promise<number> {
  const [pending] = await tx.query<{ id: number }>(`SELECT id FROM bureau_notices WHERE account_id = $1 AND status = 'pending'`, [n.accountId]);
  if (pending) {
    await markNoticeSent(tx, pending.id, n);
    return pending.id;
  }
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO bureau_notices (account_id, customer_id, status, channel, reference, sent_on, sent_at, recorded_by, created_at)
     VALUES ($1, $2, 'sent', $3, $4, $5, $6, $7, $6) RETURNING id`,
    [n.accountId, n.customerId, n.channel, n.reference, n.sentOn, n.sentAt, n.recordedBy],
  );
  return row!.id;
}

export interface NoticeRecord {
  id: number;
  accountRef: string;
  status: string;
  channel: string | null;
  reference: string | null;
  sentOn: string | null;
  queuedByRun: number | null;
}

export async function listNotices(db: Db, o: { accountId?: number; limit: number }): Promise<NoticeRecord[]> {
  return db.query<NoticeRecord>(
    `SELECT n.id, a.ref AS "accountRef", n.status, n.channel, n.reference, n.sent_on AS "sentOn", n.queued_by_run AS "queuedByRun"
     FROM bureau_notices n JOIN accounts a ON a.id = n.account_id AND a.customer_id = n.customer_id
     WHERE ($1::bigint IS NULL OR n.account_id = $1) ORDER BY n.id DESC LIMIT $2`,
    [o.accountId ?? null, o.limit],
  );
}

// ---------------------------------------------------------------------------------------------
// Disputes

export interface DisputeRecord {
  id: number;
  accountId: number;
  accountRef: string;
  customerId: string;
  jurisdiction: string;
  source: 'portal' | 'staff';
  reason: string;
  periods: string[];
  receivedOn: string;
  dueOn: string;
  status: 'open' | 'resolved';
  outcome: string | null;
  resolutionNote: string | null;
  resolvedOn: string | null;
  resolvedBy: string | null;
  correctionRunId: number | null;
}

const DISPUTE_SELECT = `d.id, d.account_id AS "accountId", a.ref AS "accountRef", d.customer_id AS "customerId", d.jurisdiction, d.source, d.reason, d.periods,
  d.received_on AS "receivedOn", d.due_on AS "dueOn", d.status, d.outcome, d.resolution_note AS "resolutionNote", d.resolved_on AS "resolvedOn",
  d.resolved_by AS "resolvedBy", d.correction_run_id AS "correctionRunId"`;

export async function insertDispute(tx: Db, d: { accountId: number; customerId: string; jurisdiction: string; source: 'portal' | 'staff'; reason: string; periods: readonly string[]; receivedOn: string; dueOn: string; now: string }): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO bureau_disputes (account_id, customer_id, jurisdiction, source, reason, periods, received_on, due_on, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, 'open', $9) RETURNING id`,
    [d.accountId, d.customerId, d.jurisdiction, d.source, d.reason, d.periods, d.receivedOn, d.dueOn, d.now],
  );
  return row!.id;
}

export async function getDispute(db: Db, id: number, lock = false): Promise<DisputeRecord | undefined> {
  const [r] = await db.query<DisputeRecord>(`SELECT ${DISPUTE_SELECT} FROM bureau_disputes d JOIN accounts a ON a.id = d.account_id AND a.customer_id = d.customer_id WHERE d.id = $1${lock ? ' FOR UPDATE OF d' : ''}`, [id]);
  return r;
}

export async function listDisputes(db: Db, o: { status?: 'open' | 'resolved'; customerId?: string; limit: number }): Promise<DisputeRecord[]> {
  return db.query<DisputeRecord>(
    `SELECT ${DISPUTE_SELECT} FROM bureau_disputes d JOIN accounts a ON a.id = d.account_id AND a.customer_id = d.customer_id
     WHERE ($1::text IS NULL OR d.status = $1) AND ($2::text IS NULL OR d.customer_id = $2)
     ORDER BY d.status, d.due_on, d.id LIMIT $3`,
    [o.status ?? null, o.customerId ?? null, o.limit],
  );
}

export async function resolveDisputeRow(tx: Db, id: number, r: { outcome: string; note: string; resolvedOn: string; resolvedBy: string; correctionRunId: number | null }): Promise<void> {
  await tx.query(
    `UPDATE bureau_disputes SET status = 'resolved', outcome = $2, resolution_note = $3, resolved_on = $4, resolved_by = $5, correction_run_id = $6 WHERE id = $1`,
    [id, r.outcome, r.note, r.resolvedOn, r.resolvedBy, r.correctionRunId],
  );
}

/** An account by reference with its customer and jurisdiction. */
export async function findAccountRef(db: Db, ref: string): Promise<{ id: number; ref: string; customerId: string; jurisdiction: string } | undefined> {
  const [r] = await db.query<{ id: number; ref: string; customerId: string; jurisdiction: string }>(
    `SELECT a.id, a.ref, a.customer_id AS "customerId", c.jurisdiction FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.ref = $1`,
    [ref],
  );
  return r;
}

/** The stored business date (the last date the cycle closed), if any. */
export async function storedBusinessDate(db: Db): Promise<string | null> {
  const [r] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'business_date'`);
  return r?.value ?? null;
}
