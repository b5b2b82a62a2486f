/**
 * Queries for the worklist's commands: its own tables (collectors, queues, case_assignments,
 * case_locks, call_tasks, call_records), the contact_history row every call adds, and read-only
 * lookups of cases, accounts, customers, payments and promises that assignment and recall depend on.
 */
import type { Db } from '../../platform/db.ts';
import type { CaseToAssign, CollectorLoad, PlannedAssignment, QueueRule } from './assignment.rules.ts';
import type { Collector, CollectorInput, Queue, QueueInput } from './worklist.types.ts';

const COLLECTOR_COLUMNS = `id, name, team, agency_id AS "agencyId", skills, languages, max_open_cases AS "maxOpenCases", active`;
const QUEUE_COLUMNS = `code, name, buckets, skill, language, agency_id AS "agencyId", recall_after_days AS "recallAfterDays", priority, active, work_order AS "workOrder"`;

/** The business date the daily cycle left for today (settings), or null before the first run. */
export async function storedBusinessDate(db: Db): Promise<string | null> {
  const [r] = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = 'business_date'`);
  return r?.value ?? null;
}

export async function saveCollector(tx: Db, c: CollectorInput, now: string): Promise<Collector> {
  const [row] = await tx.query<Collector>(
    `INSERT INTO collectors (id, name, team, agency_id, skills, languages, max_open_cases, active, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, $9)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, team = EXCLUDED.team, agency_id = EXCLUDED.agency_id, skills = EXCLUDED.skills,
       languages = EXCLUDED.languages, max_open_cases = EXCLUDED.max_open_cases, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
     RETURNING ${COLLECTOR_COLUMNS}`,
    [c.id, c.name, c.team, c.agencyId, c.skills, c.languages, c.maxOpenCases, c.active, now],
  );
  return row!;
}

export async function saveQueue(tx: Db, q: QueueInput, now: string): Promise<Queue> {
  const [row] = await tx.query<Queue>(
    `INSERT INTO queues (code, name, buckets, skill, language, agency_id, recall_after_days, priority, active, created_at, updated_at, work_order)
     VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $8, $9, $10, $10, coalesce($11, 'dpd'))
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, buckets = EXCLUDED.buckets, skill = EXCLUDED.skill, language = EXCLUDED.language,
       agency_id = EXCLUDED.agency_id, recall_after_days = EXCLUDED.recall_after_days, priority = EXCLUDED.priority, active = EXCLUDED.active,
       updated_at = EXCLUDED.updated_at, work_order = coalesce($11, queues.work_order)
     RETURNING ${QUEUE_COLUMNS}`,
    [q.code, q.name, q.buckets, q.skill, q.language, q.agencyId, q.recallAfterDays, q.priority, q.active, now, q.workOrder ?? null],
  );
  return row!;
}

export async function getCollector(db: Db, id: string): Promise<Collector | undefined> {
  const [row] = await db.query<Collector>(`SELECT ${COLLECTOR_COLUMNS} FROM collectors WHERE id = $1`, [id]);
  return row;
}

export function listCollectors(db: Db): Promise<Collector[]> {
  return db.query<Collector>(`SELECT ${COLLECTOR_COLUMNS} FROM collectors ORDER BY id`);
}

export async function getQueue(db: Db, code: string): Promise<Queue | undefined> {
  const [row] = await db.query<Queue>(`SELECT ${QUEUE_COLUMNS} FROM queues WHERE code = $1`, [code]);
  return row;
}

export function listQueues(db: Db): Promise<Queue[]> {
  return db.query<Queue>(`SELECT ${QUEUE_COLUMNS} FROM queues ORDER BY priority, code`);
}

/** Every bucket code of every bucket policy. */
export async function knownBuckets(db: Db): Promise<Set<string>> {
  return new Set((await db.query<{ code: string }>('SELECT DISTINCT code FROM buckets')).map((r) => r.code));
}

/** Ends the active assignments of a collector (deactivated): their cases go back to the pool. */
export async function releaseCollectorCases(tx: Db, collectorId: string, date: string): Promise<number> {
  const rows = await tx.query(
    `UPDATE case_assignments SET ended_on = $2, end_reason = 'released' WHERE collector_id = $1 AND ended_on IS NULL RETURNING 1`,
    [collectorId, date],
  );
  return rows.length;
}

/** Ends the active assignments of cases that are no longer open (cured, paid off, voided). */
export async function releaseClosedCases(tx: Db, date: string): Promise<number> {
  const rows = await tx.query(
    `UPDATE case_assignments ca SET ended_on = $1, end_reason = 'case_closed'
     FROM collection_cases c
     WHERE c.id = ca.case_id AND ca.ended_on IS NULL AND c.status <> 'open'
     RETURNING 1`,
    [date],
  );
  return rows.length;
}

export async function loadQueueRules(tx: Db): Promise<Array<QueueRule & { recallAfterDays: number }>> {
  return tx.query(`SELECT code, buckets, skill, language, agency_id AS "agencyId", priority, recall_after_days AS "recallAfterDays" FROM queues WHERE active`);
}

/** Active collectors with the number of cases they hold now. */
export async function loadCollectorLoads(tx: Db): Promise<CollectorLoad[]> {
  return tx.query<CollectorLoad>(
    `SELECT c.id, c.agency_id AS "agencyId", c.skills, c.languages, c.max_open_cases AS "maxOpenCases",
            (SELECT count(*) FROM case_assignments a WHERE a.collector_id = c.id AND a.ended_on IS NULL)::int AS "openCases"
     FROM collectors c WHERE c.active ORDER BY c.id`,
  );
}

/**
 * Open cases without an active assignment, largest arrears first, in chunks: `after` is the last case
 * of the previous chunk.
 */
export async function loadUnassignedCases(tx: Db, after: { overdueMinor: number; caseId: number } | null, limit: number): Promise<CaseToAssign[]> {
  return tx.query<CaseToAssign>(
    `SELECT c.id AS "caseId", c.account_id AS "accountId", c.bucket, cu.language, c.overdue_minor AS "overdueMinor",
            CASE WHEN prev.end_reason = 'recalled' THEN prev.collector_id END AS "previousCollectorId",
            (SELECT pl.agency_id FROM agency_placements pl WHERE pl.account_id = c.account_id AND pl.customer_id = c.customer_id AND pl.ended_on IS NULL LIMIT 1) AS "placedWith"
     FROM collection_cases c
     JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id
     JOIN customers cu ON cu.id = a.customer_id
     LEFT JOIN LATERAL (SELECT p.collector_id, p.end_reason FROM case_assignments p WHERE p.case_id = c.id ORDER BY p.id DESC LIMIT 1) prev ON true
     WHERE c.status = 'open'
       AND NOT EXISTS (SELECT 1 FROM case_assignments x WHERE x.case_id = c.id AND x.ended_on IS NULL)
       AND ($1::bigint IS NULL OR c.overdue_minor < $1 OR (c.overdue_minor = $1 AND c.id > $2))
     ORDER BY c.overdue_minor DESC, c.id
     LIMIT $3`,
    [after?.overdueMinor ?? null, after?.caseId ?? null, limit],
  );
}

/** Writes planned assignments; each starts its first recall period on `date`. */
export async function insertAssignments(tx: Db, rows: readonly PlannedAssignment[], date: string): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.query(
    `INSERT INTO case_assignments (case_id, account_id, customer_id, collector_id, queue_code, assigned_on, period_from, recall_on)
     SELECT u.case_id, u.account_id, c.customer_id, u.collector_id, u.queue_code, $5::date, $5::date, $5::date + q.recall_after_days
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(case_id, account_id, collector_id, queue_code)
     JOIN collection_cases c ON c.id = u.case_id
     JOIN queues q ON q.code = u.queue_code
     RETURNING 1`,
    [rows.map((r) => r.caseId), rows.map((r) => r.accountId), rows.map((r) => r.collectorId), rows.map((r) => r.queueCode), date],
  );
  return inserted.length;
}

export interface DueAssignment {
  id: number;
  caseId: number;
  collectorId: string;
  periodFrom: string;
  recallOn: string;
  recallAfterDays: number;
  paymentInPeriod: boolean;
  promiseKeptInPeriod: boolean;
}

/**
 * Active assignments at or past their recall date, with what their current period saw: a payment
 * (posted or pending) with a value date in it that the cycle did not assess as a token payment
 * (negotiation's token-payment policy: a token payment does not pause escalation), or a promise
 * evaluated as kept in it. Chunked by id.
 */
export async function loadDueAssignments(tx: Db, date: string, afterId: number, limit: number): Promise<DueAssignment[]> {
  return tx.query<DueAssignment>(
    `SELECT ca.id, ca.case_id AS "caseId", ca.collector_id AS "collectorId", ca.period_from::text AS "periodFrom", ca.recall_on::text AS "recallOn",
            q.recall_after_days AS "recallAfterDays",
            EXISTS (SELECT 1 FROM transactions t WHERE t.account_id = ca.account_id AND t.customer_id = ca.customer_id AND t.type = 'payment' AND t.value_date BETWEEN ca.period_from AND $1::date
                    AND NOT EXISTS (SELECT 1 FROM payment_assessments pa WHERE pa.transaction_id = t.id AND pa.token)) AS "paymentInPeriod",
            EXISTS (SELECT 1 FROM promises p WHERE p.account_id = ca.account_id AND p.customer_id = ca.customer_id AND p.status = 'kept' AND p.evaluated_on BETWEEN ca.period_from AND $1::date) AS "promiseKeptInPeriod"
     FROM case_assignments ca JOIN queues q ON q.code = ca.queue_code
     WHERE ca.ended_on IS NULL AND ca.recall_on <= $1::date AND ca.id > $2
     ORDER BY ca.id LIMIT $3`,
    [date, afterId, limit],
  );
}

/** Ends recalled assignments and drops the recalled collector's locks on those cases. */
export async function recallAssignments(tx: Db, ids: readonly number[], date: string): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.query<{ case_id: number; collector_id: string }>(
    `UPDATE case_assignments SET ended_on = $2, end_reason = 'recalled' WHERE id = ANY($1::bigint[]) AND ended_on IS NULL RETURNING case_id, collector_id`,
    [ids, date],
  );
  if (rows.length) {
    await tx.query(
      `DELETE FROM case_locks l USING unnest($1::bigint[], $2::text[]) AS u(case_id, collector_id) WHERE l.case_id = u.case_id AND l.collector_id = u.collector_id`,
      [rows.map((r) => r.case_id), rows.map((r) => r.collector_id)],
    );
  }
  return rows.length;
}

/** Starts a new recall period for assignments whose period showed progress. */
export async function extendAssignments(tx: Db, rows: ReadonlyArray<{ id: number; periodFrom: string; recallOn: string }>): Promise<number> {
  if (rows.length === 0) return 0;
  const updated = await tx.query(
    `UPDATE case_assignments ca SET period_from = u.period_from, recall_on = u.recall_on
     FROM unnest($1::bigint[], $2::date[], $3::date[]) AS u(id, period_from, recall_on)
     WHERE ca.id = u.id RETURNING 1`,
    [rows.map((r) => r.id), rows.map((r) => r.periodFrom), rows.map((r) => r.recallOn)],
  );
  return updated.length;
}

export interface CaseHead {
  caseId: number | null;
  caseStatus: string | null;
  accountId: number;
  accountRef: string;
  customerId: string;
  /** The account's open business date: the day after the date it is closed through. */
  today: string;
}

/** A case and its account, or an account and its open case (if any). */
export async function findCaseHead(db: Db, by: { caseId: number } | { accountId: number }): Promise<CaseHead | undefined> {
  const where = 'caseId' in by ? 'c.id = $1' : 'a.id = $1';
  const join = 'caseId' in by ? 'JOIN collection_cases c ON c.account_id = a.id AND c.customer_id = a.customer_id' : `LEFT JOIN collection_cases c ON c.account_id = a.id AND c.customer_id = a.customer_id AND c.status = 'open'`;
  const [row] = await db.query<CaseHead>(
    `SELECT c.id AS "caseId", c.status AS "caseStatus", a.id AS "accountId", a.ref AS "accountRef", a.customer_id AS "customerId",
            (s.closed_through + 1)::text AS today
     FROM accounts a ${join} JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
     WHERE ${where}`,
    ['caseId' in by ? by.caseId : by.accountId],
  );
  return row;
}

export interface LockRow {
  caseId: number;
  collectorId: string;
  lockedAt: string;
  leaseUntil: string;
}

const LOCK_COLUMNS = `case_id AS "caseId", collector_id AS "collectorId", locked_at AS "lockedAt", lease_until AS "leaseUntil"`;

/**
 * Takes a case's lock for a collector, or renews it: succeeds when the case is unlocked, its lease
 * has lapsed, or the collector holds it already. One statement, so two collectors racing for the
 * same case cannot both win. Returns undefined when someone else holds a live lease.
 */
export async function takeLock(tx: Db, caseId: number, collectorId: string, now: string, leaseUntil: string): Promise<(LockRow & { renewed: boolean }) | undefined> {
  const [row] = await tx.query<LockRow & { renewed: boolean }>(
    `INSERT INTO case_locks AS l (case_id, customer_id, collector_id, locked_at, lease_until)
     SELECT c.id, c.customer_id, $2, $3::timestamptz, $4::timestamptz FROM collection_cases c WHERE c.id = $1
     ON CONFLICT (case_id, customer_id) DO UPDATE SET
       collector_id = EXCLUDED.collector_id,
       locked_at = CASE WHEN l.collector_id = EXCLUDED.collector_id AND l.lease_until > EXCLUDED.locked_at THEN l.locked_at ELSE EXCLUDED.locked_at END,
       lease_until = EXCLUDED.lease_until
     WHERE l.collector_id = EXCLUDED.collector_id OR l.lease_until <= EXCLUDED.locked_at
     RETURNING ${LOCK_COLUMNS}, locked_at < $3::timestamptz AS renewed`,
    [caseId, collectorId, now, leaseUntil],
  );
  return row;
}

export async function getLock(tx: Db, caseId: number, forUpdate = false): Promise<LockRow | undefined> {
  const [row] = await tx.query<LockRow>(`SELECT ${LOCK_COLUMNS} FROM case_locks WHERE case_id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [caseId]);
  return row;
}

export async function deleteLock(tx: Db, caseId: number): Promise<void> {
  await tx.query('DELETE FROM case_locks WHERE case_id = $1', [caseId]);
}

/** The agency of the collector currently assigned the case, and whether it is assigned at all. */
export async function activeAssignment(tx: Db, caseId: number): Promise<{ collectorId: string; agencyId: string | null } | undefined> {
  const [row] = await tx.query<{ collectorId: string; agencyId: string | null }>(
    `SELECT ca.collector_id AS "collectorId", c.agency_id AS "agencyId" FROM case_assignments ca JOIN collectors c ON c.id = ca.collector_id
     WHERE ca.case_id = $1 AND ca.ended_on IS NULL`,
    [caseId],
  );
  return row;
}

export interface CallTaskRow {
  id: number;
  reference: string | null;
  accountId: number;
  caseId: number | null;
  customerId: string;
  kind: 'collector' | 'robot';
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
  verifyCode: string | null;
  createdAt: string;
  doneAt: string | null;
}

export const TASK_COLUMNS = `id, reference, account_id AS "accountId", case_id AS "caseId", customer_id AS "customerId", kind, due_at AS "dueAt", status,
  verify_code AS "verifyCode", created_at AS "createdAt", done_at AS "doneAt"`;

export async function getTask(tx: Db, id: number, forUpdate = false): Promise<CallTaskRow | undefined> {
  const [row] = await tx.query<CallTaskRow>(`SELECT ${TASK_COLUMNS} FROM call_tasks WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
  return row;
}

export async function finishTask(tx: Db, id: number, status: 'done' | 'cancelled', now: string): Promise<void> {
  await tx.query(`UPDATE call_tasks SET status = $2, done_at = $3 WHERE id = $1`, [id, status, now]);
}
