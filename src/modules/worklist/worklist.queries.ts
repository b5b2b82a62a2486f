/**
 * Read models of the worklist: a collector's queue in working order, queue and collector statistics,
 * and an account's call records (催记).
 */
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { isCallable, OUTCOME_RULES, type NextAction, type OutcomeCode } from './outcomes.rules.ts';
import type { WorkOrder } from './worklist.types.ts';

export interface QueueItem {
  caseId: number;
  accountId: number;
  accountRef: string;
  customerId: string;
  customerName: string;
  language: string;
  currency: string;
  bucket: string;
  dpd: number;
  overdueMinor: number;
  queueCode: string;
  assignedOn: string;
  recallOn: string;
  /** The working order of the case's queue. */
  workOrder: WorkOrder;
  /** The risk model's score (0–1000) and expected recovery (minor units) from the cycle's score step; null when unscored. */
  riskScore: number | null;
  expectedRecoveryMinor: number | null;
  lastCall: { at: string; outcome: OutcomeCode; nextAction: NextAction; nextActionOn: string | null } | null;
  /** The case may be called on the date asked for: collection is not stopped and the next action is due. */
  callable: boolean;
  supervisorReview: boolean;
  openTasks: number;
  nextTaskDueAt: string | null;
  lock: { collectorId: string; leaseUntil: string } | null;
}

interface QueueRow {
  caseId: number; accountId: number; accountRef: string; customerId: string; customerName: string; language: string; currency: string;
  bucket: string; ordinal: number; dpd: number; overdueMinor: number; queueCode: string; assignedOn: string; recallOn: string;
  workOrder: WorkOrder; riskScore: number | null; expectedRecoveryMinor: number | null;
  lastAt: string | null; lastOutcome: OutcomeCode | null; nextAction: NextAction | null; nextActionOn: string | null;
  openTasks: number; nextTaskDueAt: string | null; lockCollectorId: string | null; leaseUntil: string | null;
}

/** A collector's open assigned cases with what the queue shows of each ($1: the collector); sorted in myQueue. */
export const MY_QUEUE_SQL = `SELECT ca.case_id AS "caseId", ca.account_id AS "accountId", a.ref AS "accountRef", a.customer_id AS "customerId", cu.name AS "customerName",
          cu.language, a.currency, c.bucket, coalesce(bk.ordinal, 0) AS ordinal,
          coalesce(s.closed_through - s.delinquent_since, 0) AS dpd, s.overdue_minor AS "overdueMinor",
          ca.queue_code AS "queueCode", ca.assigned_on AS "assignedOn", ca.recall_on AS "recallOn",
          coalesce(q.work_order, 'dpd') AS "workOrder", sc.risk_score AS "riskScore", sc.expected_recovery_minor AS "expectedRecoveryMinor",
          lr.at AS "lastAt", lr.outcome AS "lastOutcome", lr.next_action AS "nextAction", lr.next_action_on AS "nextActionOn",
          coalesce(t.n, 0)::int AS "openTasks", t.next_due AS "nextTaskDueAt",
          l.collector_id AS "lockCollectorId", l.lease_until AS "leaseUntil"
   FROM case_assignments ca
   JOIN collection_cases c ON c.id = ca.case_id AND c.status = 'open'
   JOIN accounts a ON a.id = ca.account_id AND a.customer_id = ca.customer_id
   JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
   JOIN customers cu ON cu.id = a.customer_id
   JOIN products p ON p.code = a.product_code AND p.version = a.product_version
   LEFT JOIN buckets bk ON bk.policy = p.bucket_policy AND bk.code = c.bucket
   LEFT JOIN queues q ON q.code = ca.queue_code
   LEFT JOIN account_scores sc ON sc.account_id = ca.account_id AND sc.customer_id = ca.customer_id
   LEFT JOIN LATERAL (
     SELECT r.at, r.outcome, r.next_action, r.next_action_on FROM call_records r WHERE r.case_id = ca.case_id ORDER BY r.at DESC, r.id DESC LIMIT 1
   ) lr ON true
   LEFT JOIN LATERAL (
     SELECT count(*) AS n, min(k.due_at) AS next_due FROM call_tasks k WHERE k.account_id = ca.account_id AND k.customer_id = ca.customer_id AND k.status = 'open' AND k.kind = 'collector'
   ) t ON true
   LEFT JOIN case_locks l ON l.case_id = ca.case_id
   WHERE ca.collector_id = $1 AND ca.ended_on IS NULL`;

/**
 * The open cases assigned to a collector, in working order on `asOf`: cases that can be called first;
 * then, for cases of a queue worked by `dpd`, the worse bucket, the larger overdue amount, the earlier
 * next action (never called: first); for cases of a queue worked by `expected_recovery`, the larger
 * expected recovery (unscored cases last); then the case id. When a collector holds cases of queues of
 * both orders, those of `dpd` queues come before those of `expected_recovery` queues. A collector holds
 * at most max_open_cases cases, which bounds the list.
 */
export async function myQueue(db: Db, collectorId: string, asOf: string): Promise<QueueItem[]> {
  const rows = await db.query<QueueRow>(
    MY_QUEUE_SQL,
    // Prepared: planning this ten-table join took longer than running it for a queue of 100 cases.
    [collectorId], { prepare: true },
  );
  const items = rows.map((r) => {
    const last = r.lastOutcome ? { at: r.lastAt!, outcome: r.lastOutcome, nextAction: r.nextAction!, nextActionOn: r.nextActionOn } : null;
    return {
      row: r,
      item: {
        caseId: r.caseId, accountId: r.accountId, accountRef: r.accountRef, customerId: r.customerId, customerName: r.customerName, language: r.language,
        currency: r.currency, bucket: r.bucket, dpd: r.dpd, overdueMinor: r.overdueMinor, queueCode: r.queueCode, assignedOn: r.assignedOn, recallOn: r.recallOn,
        workOrder: r.workOrder, riskScore: r.riskScore === null ? null : Number(r.riskScore), expectedRecoveryMinor: r.expectedRecoveryMinor === null ? null : Number(r.expectedRecoveryMinor),
        lastCall: last, callable: isCallable(last, asOf), supervisorReview: last ? OUTCOME_RULES[last.outcome].supervisorReview : false,
        openTasks: r.openTasks, nextTaskDueAt: r.nextTaskDueAt, lock: r.lockCollectorId ? { collectorId: r.lockCollectorId, leaseUntil: r.leaseUntil! } : null,
      } satisfies QueueItem,
    };
  });
  items.sort((x, y) => {
    const a = x.row;
    const b = y.row;
    if (x.item.callable !== y.item.callable) return x.item.callable ? -1 : 1;
    if (a.workOrder !== b.workOrder) return a.workOrder === 'dpd' ? -1 : 1;
    if (a.workOrder === 'expected_recovery') {
      const ea = x.item.expectedRecoveryMinor;
      const eb = y.item.expectedRecoveryMinor;
      if (ea !== eb) return ea === null ? 1 : eb === null ? -1 : eb - ea;
      return a.caseId - b.caseId;
    }
    if (a.ordinal !== b.ordinal) return b.ordinal - a.ordinal;
    if (a.overdueMinor !== b.overdueMinor) return b.overdueMinor - a.overdueMinor;
    if (a.nextActionOn !== b.nextActionOn) return a.nextActionOn === null ? -1 : b.nextActionOn === null ? 1 : a.nextActionOn < b.nextActionOn ? -1 : 1;
    return a.caseId - b.caseId;
  });
  return items.map((x) => x.item);
}

export interface QueueStats {
  asOf: string;
  unassignedOpenCases: number;
  queues: Array<{ code: string; name: string; priority: number; active: boolean; activeAssignments: number; dueForRecall: number; collectors: number; capacity: number }>;
  collectors: Array<{ id: string; name: string; team: string; agencyId: string | null; active: boolean; openCases: number; maxOpenCases: number }>;
}

/**
 * Per queue: active assignments, those due for recall on `asOf`, and the active collectors able to
 * serve it (agency and skill; language depends on each case) with their total capacity. Per
 * collector: open cases against capacity. And the open cases nobody holds.
 */
export async function queueStats(db: Db, asOf: string): Promise<QueueStats> {
  const queues = await db.query<QueueStats['queues'][number]>(
    `SELECT q.code, q.name, q.priority, q.active,
            (SELECT count(*) FROM case_assignments a WHERE a.queue_code = q.code AND a.ended_on IS NULL)::int AS "activeAssignments",
            (SELECT count(*) FROM case_assignments a WHERE a.queue_code = q.code AND a.ended_on IS NULL AND a.recall_on <= $1::date)::int AS "dueForRecall",
            count(c.id)::int AS collectors, coalesce(sum(c.max_open_cases), 0)::int AS capacity
     FROM queues q
     LEFT JOIN collectors c ON c.active AND c.agency_id IS NOT DISTINCT FROM q.agency_id AND (q.skill IS NULL OR q.skill = ANY(c.skills))
     GROUP BY q.code ORDER BY q.priority, q.code`,
    [asOf],
  );
  const collectors = await db.query<QueueStats['collectors'][number]>(
    `SELECT c.id, c.name, c.team, c.agency_id AS "agencyId", c.active, c.max_open_cases AS "maxOpenCases",
            (SELECT count(*) FROM case_assignments a WHERE a.collector_id = c.id AND a.ended_on IS NULL)::int AS "openCases"
     FROM collectors c ORDER BY c.id`,
  );
  const [u] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM collection_cases c WHERE c.status = 'open' AND NOT EXISTS (SELECT 1 FROM case_assignments a WHERE a.case_id = c.id AND a.ended_on IS NULL)`,
  );
  return { asOf, unassignedOpenCases: u?.n ?? 0, queues, collectors };
}

export interface CallRecord {
  id: number;
  caseId: number | null;
  taskId: number | null;
  collectorId: string;
  at: string;
  contactPoint: string;
  outcome: OutcomeCode;
  promiseId: number | null;
  note: string;
  nextAction: NextAction;
  nextActionOn: string | null;
}

/** Most call records listed at once. */
export const MAX_CALL_RECORDS_LISTED = 1_000;

/** An account's call records, newest first; `before` is the id of the last record of the previous page. */
export async function listCallRecords(db: Db, accountRef: string, opts: { limit: number; before?: number | undefined }): Promise<CallRecord[]> {
  const [acct] = await db.query<{ id: number }>('SELECT id FROM accounts WHERE ref = $1', [accountRef]);
  if (!acct) throw new AppError('NOT_FOUND', `ref: no account '${accountRef}'`, { issues: [{ path: 'ref', message: 'no such account' }] });
  return db.query<CallRecord>(
    `SELECT id, case_id AS "caseId", task_id AS "taskId", collector_id AS "collectorId", at, contact_point AS "contactPoint", outcome,
            promise_id AS "promiseId", note, next_action AS "nextAction", next_action_on AS "nextActionOn"
     FROM call_records WHERE account_id = $1 AND ($2::bigint IS NULL OR id < $2)
     ORDER BY id DESC LIMIT $3`,
    [acct.id, opts.before ?? null, Math.min(opts.limit, MAX_CALL_RECORDS_LISTED)],
  );
}
