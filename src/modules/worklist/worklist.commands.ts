/**
 * Worklist use cases: collectors and queues, case assignment (分案) and recall (撤案), case locks,
 * call outcomes (催记) with their contact history and promise, and call tasks. Every write from a
 * person goes through the command runner (transaction, idempotency key, audit entry); createCallTask
 * runs inside the dispatcher's own transaction.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, invalidField, type FieldIssue, parseInput as parse } from '../../platform/errors.ts';
import { capturePromise, promiseAudit, type PromiseRecord } from '../negotiation/index.ts';
import { decideRecall, planAssignments, UNASSIGNED_REASONS, type CollectorLoad, type UnassignedReason } from './assignment.rules.ts';
import { nextActionFor, OUTCOME_RULES, type NextAction, type OutcomeCode } from './outcomes.rules.ts';
import {
  BusinessDateInputSchema, CallOutcomeInputSchema, CallTaskInputSchema, CollectorInputSchema, CompleteTaskInputSchema, LockInputSchema, QueueInputSchema,
  UnlockInputSchema, LENDER_INITIATOR_ID, type CallTaskInput, type Collector, type Queue, type WorklistAuditEvent,
} from './worklist.types.ts';
import {
  activeAssignment, deleteLock, extendAssignments, findCaseHead, finishTask, getCollector, getLock, getTask, insertAssignments, knownBuckets,
  loadCollectorLoads, loadDueAssignments, loadQueueRules, loadUnassignedCases, recallAssignments, releaseClosedCases, releaseCollectorCases,
  saveCollector, saveQueue, storedBusinessDate, takeLock, TASK_COLUMNS, type CallTaskRow, type LockRow,
} from './worklist.store.ts';

export interface CommandOptions {
  actor: string;
  idempotencyKey: string;
}

/** Cases planned per round of assignment: bounds the memory one round needs, whatever the portfolio. */
export const ASSIGN_CHUNK_CASES = 5_000;
/** Due assignments decided per round of recall. */
export const RECALL_CHUNK_ASSIGNMENTS = 5_000;
/** Unassigned cases listed by id in a result; the rest are only counted. */
export const MAX_LISTED_UNASSIGNED = 100;
/** Serialises assignment runs, so that two runs cannot both fill the same collector's last places. */
const ASSIGN_LOCK_KEY = 7_310_0006;

type Audit = WorklistAuditEvent & { actor: string };


/** NOT_FOUND naming the field that named the missing thing. */
export function notFound(path: string, message: string): AppError {
  return new AppError('NOT_FOUND', `${path}: ${message}`, { issues: [{ path, message }] });
}

function conflict(path: string, message: string, details?: Record<string, unknown>): AppError {
  return new AppError('CONFLICT', `${path}: ${message}`, { issues: [{ path, message }], ...(details ? { details } : {}) });
}

/**
 * Creates or changes a collector. Deactivating one releases their cases (end reason 'released', on
 * the stored business date, or the date of `now` in UTC before the first cycle run), so that the
 * next assignment gives them to someone else.
 */
export async function upsertCollector(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const c = parse(CollectorInputSchema, input);
  return runCommand<{ collector: Collector; released: number }>(db, clock, { command: 'upsertCollector', ...opts, input: c }, async (tx) => {
    const collector = await saveCollector(tx, c, clock.now());
    let released = 0;
    if (!c.active) released = await releaseCollectorCases(tx, c.id, (await storedBusinessDate(tx)) ?? clock.now().slice(0, 10));
    const audit: Audit = { type: 'COLLECTOR_SAVED', actor: opts.actor, subject: `collector:${c.id}`, data: collector };
    return { result: { collector, released }, audit };
  });
}

/** Creates or changes a queue; every bucket it names must exist in a bucket policy. */
export async function upsertQueue(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const q = parse(QueueInputSchema, input);
  return runCommand<Queue>(db, clock, { command: 'upsertQueue', ...opts, input: q }, async (tx) => {
    const known = await knownBuckets(tx);
    const issues: FieldIssue[] = q.buckets.flatMap((b, i) => (known.has(b) ? [] : [{ path: `buckets.${i}`, message: `unknown bucket '${b}' (known: ${[...known].sort().join(', ')})` }]));
    if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    const queue = await saveQueue(tx, q, clock.now());
    const audit: Audit = { type: 'QUEUE_SAVED', actor: opts.actor, subject: `queue:${q.code}`, data: queue };
    return { result: queue, audit };
  });
}

export interface AssignResult {
  businessDate: string;
  assigned: number;
  /** Assignments ended because their case had closed. */
  closedReleased: number;
  unassigned: Record<UnassignedReason, number>;
  /** The first unassigned cases with their reason (at most MAX_LISTED_UNASSIGNED). */
  unassignedCases: Array<{ caseId: number; reason: UnassignedReason; queueCode: string | null }>;
  /** Open cases per active collector after the run. */
  load: Record<string, { openCases: number; maxOpenCases: number }>;
}

/**
 * 分案: gives every open case without an active assignment to a collector (assignment.rules.ts),
 * after ending the assignments of cases that closed. The cases are read and the assignments written
 * in chunks of set-based statements; the distribution itself is the pure rule. Running it again
 * assigns only what is still unassigned.
 */
export async function assignCases(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const { businessDate } = parse(BusinessDateInputSchema, input);
  return runCommand<AssignResult>(db, clock, { command: 'assignCases', ...opts, input: { businessDate } }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ASSIGN_LOCK_KEY]);
    const closedReleased = await releaseClosedCases(tx, businessDate);
    const queues = await loadQueueRules(tx);
    let collectors: CollectorLoad[] = await loadCollectorLoads(tx);
    const unassigned = Object.fromEntries(UNASSIGNED_REASONS.map((r) => [r, 0])) as Record<UnassignedReason, number>;
    const unassignedCases: AssignResult['unassignedCases'] = [];
    let assigned = 0;
    let after: { overdueMinor: number; caseId: number } | null = null;
    for (;;) {
      const chunk = await loadUnassignedCases(tx, after, ASSIGN_CHUNK_CASES);
      if (chunk.length === 0) break;
      const plan = planAssignments(chunk, queues, collectors);
      assigned += await insertAssignments(tx, plan.assignments, businessDate);
      collectors = collectors.map((c) => ({ ...c, openCases: plan.openCases[c.id] ?? c.openCases }));
      for (const u of plan.unassigned) {
        unassigned[u.reason]++;
        if (unassignedCases.length < MAX_LISTED_UNASSIGNED) unassignedCases.push(u);
      }
      const last = chunk.at(-1)!;
      after = { overdueMinor: last.overdueMinor, caseId: last.caseId };
      if (chunk.length < ASSIGN_CHUNK_CASES) break;
    }
    const load = Object.fromEntries(collectors.map((c) => [c.id, { openCases: c.openCases, maxOpenCases: c.maxOpenCases }]));
    const audit: Audit = { type: 'CASES_ASSIGNED', actor: opts.actor, subject: `worklist:${businessDate}`, data: { businessDate, assigned, closedReleased, unassigned } };
    return { result: { businessDate, assigned, closedReleased, unassigned, unassignedCases, load }, audit };
  });
}

export interface RecallResult {
  businessDate: string;
  recalled: number;
  extended: number;
  closedReleased: number;
}

/**
 * 撤案 (recall): every active assignment at or past its recall date is recalled, unless its period saw a
 * payment or a kept promise, which earns the collector another period (assignment.rules.ts). The
 * recalled cases are unassigned until the next assignment run, which prefers another collector.
 */
export async function recallCases(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const { businessDate } = parse(BusinessDateInputSchema, input);
  return runCommand<RecallResult>(db, clock, { command: 'recallCases', ...opts, input: { businessDate } }, async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [ASSIGN_LOCK_KEY]);
    const closedReleased = await releaseClosedCases(tx, businessDate);
    let recalled = 0;
    let extended = 0;
    let afterId = 0;
    for (;;) {
      const due = await loadDueAssignments(tx, businessDate, afterId, RECALL_CHUNK_ASSIGNMENTS);
      if (due.length === 0) break;
      const recall: number[] = [];
      const extend: Array<{ id: number; periodFrom: string; recallOn: string }> = [];
      for (const a of due) {
        const d = decideRecall(a, businessDate);
        if (d.action === 'recall') recall.push(a.id);
        else if (d.action === 'extend') extend.push({ id: a.id, periodFrom: d.periodFrom, recallOn: d.recallOn });
      }
      recalled += await recallAssignments(tx, recall, businessDate);
      extended += await extendAssignments(tx, extend);
      afterId = due.at(-1)!.id;
      if (due.length < RECALL_CHUNK_ASSIGNMENTS) break;
    }
    const audit: Audit = { type: 'CASES_RECALLED', actor: opts.actor, subject: `worklist:${businessDate}`, data: { businessDate, recalled, extended } };
    return { result: { businessDate, recalled, extended, closedReleased }, audit };
  });
}

async function activeCollector(tx: Db, id: string): Promise<Collector> {
  const c = await getCollector(tx, id);
  if (!c) throw notFound('collectorId', `no collector '${id}'`);
  if (!c.active) throw invalidField('collectorId', `collector '${id}' is not active`);
  return c;
}

/** Instants are compared as instants: a clock may write them with any offset. */
function leaseLives(lock: LockRow, now: string): boolean {
  return Date.parse(lock.leaseUntil) > Date.parse(now);
}

function heldByOther(caseId: number, lock: LockRow): AppError {
  return conflict('caseId', `case ${caseId} is locked by collector ${lock.collectorId} until ${lock.leaseUntil}`, { collectorId: lock.collectorId, leaseUntil: lock.leaseUntil });
}

export interface LockResult extends LockRow {
  /** The collector held the lock already and extended it. */
  renewed: boolean;
}

/**
 * Takes (or renews) the lock of a case for a collector, as a lease of `leaseMinutes`. A live lease of
 * another collector is a CONFLICT naming who holds it and until when; a lapsed lease is simply taken.
 * Agency staff may lock only cases assigned to their own agency.
 */
export async function lockCase(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const l = parse(LockInputSchema, input);
  return runCommand<LockResult>(db, clock, { command: 'lockCase', ...opts, input: l }, async (tx) => {
    const collector = await activeCollector(tx, l.collectorId);
    const head = await findCaseHead(tx, { caseId: l.caseId });
    if (!head) throw notFound('caseId', `no case ${l.caseId}`);
    if (head.caseStatus !== 'open') throw conflict('caseId', `case ${l.caseId} is ${head.caseStatus}`);
    if (collector.agencyId !== null) {
      const a = await activeAssignment(tx, l.caseId);
      if (a?.agencyId !== collector.agencyId) throw new AppError('FORBIDDEN', `caseId: case ${l.caseId} is not assigned to agency ${collector.agencyId}`, { issues: [{ path: 'caseId', message: `not assigned to agency ${collector.agencyId}` }] });
    }
    const now = clock.now();
    const leaseUntil = new Date(Date.parse(now) + l.leaseMinutes * 60_000).toISOString();
    const taken = await takeLock(tx, l.caseId, l.collectorId, now, leaseUntil);
    if (!taken) throw heldByOther(l.caseId, (await getLock(tx, l.caseId))!);
    const audit: Audit = { type: 'CASE_LOCKED', actor: opts.actor, subject: `case:${l.caseId}`, data: { collectorId: l.collectorId, leaseUntil: taken.leaseUntil } };
    return { result: taken, audit };
  });
}

/** Gives up a case's lock. Only its holder may, while the lease lives; a lapsed or absent lock needs nothing. */
export async function unlockCase(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const u = parse(UnlockInputSchema, input);
  return runCommand<{ caseId: number; released: boolean }>(db, clock, { command: 'unlockCase', ...opts, input: u }, async (tx) => {
    const lock = await getLock(tx, u.caseId, true);
    const live = lock !== undefined && leaseLives(lock, clock.now());
    if (live && lock.collectorId !== u.collectorId) throw heldByOther(u.caseId, lock);
    if (lock) await deleteLock(tx, u.caseId);
    const audit: Audit = { type: 'CASE_UNLOCKED', actor: opts.actor, subject: `case:${u.caseId}`, data: { collectorId: u.collectorId } };
    return { result: { caseId: u.caseId, released: live }, audit };
  });
}

export interface CallOutcomeResult {
  callRecordId: number;
  contactHistoryId: number;
  caseId: number | null;
  accountId: number;
  accountRef: string;
  outcome: OutcomeCode;
  at: string;
  nextAction: NextAction;
  nextActionOn: string | null;
  promise: PromiseRecord | null;
  taskId: number | null;
}

/**
 * 催记: records what a collector's call achieved, in one transaction: the call record, the
 * contact_history row the compliance gate reads (channel call, outbound, the outcome's compliance
 * outcome and recipient, initiated by the lender or the collector's agency), the promise to pay of a
 * `ptp` call (checked against the promise policy), and the call task it carried out.
 *
 * When the call is about a case (the case named, or the open case of the account named), the
 * collector must hold the case's lock. A call already made is recorded whatever the compliance gate
 * would say now: the record is evidence, not a request.
 */
export async function recordCallOutcome(db: Db, clock: Clock, input: unknown, opts: { idempotencyKey: string; actor?: string }) {
  const c = parse(CallOutcomeInputSchema, input);
  const rule = OUTCOME_RULES[c.outcome];
  if (rule.promise === 'required' && !c.promise) throw invalidField('promise', `required with outcome ${c.outcome} (amountMinor and dueOn)`);
  if (rule.promise === 'forbidden' && c.promise) throw invalidField('promise', `only with outcome ptp, not ${c.outcome}`);
  const actor = opts.actor ?? `collector:${c.collectorId}`;
  return runCommand<CallOutcomeResult>(db, clock, { command: 'recordCallOutcome', idempotencyKey: opts.idempotencyKey, actor, input: c }, async (tx) => {
    const now = clock.now();
    const at = c.at ? new Date(c.at).toISOString() : now;
    const collector = await activeCollector(tx, c.collectorId);
    const head = await findCaseHead(tx, c.caseId !== undefined ? { caseId: c.caseId } : { accountId: c.accountId! });
    if (!head) throw c.caseId !== undefined ? notFound('caseId', `no case ${c.caseId}`) : notFound('accountId', `no account ${c.accountId}`);
    if (c.accountId !== undefined && c.accountId !== head.accountId) throw invalidField('accountId', `case ${c.caseId} is a case of account ${head.accountId}, not ${c.accountId}`);
    if (head.caseId !== null) {
      const lock = await getLock(tx, head.caseId, true);
      if (!lock || !leaseLives(lock, now)) throw conflict('caseId', `lock case ${head.caseId} before recording a call on it`);
      if (lock.collectorId !== c.collectorId) throw heldByOther(head.caseId, lock);
    }
    let taskId: number | null = null;
    if (c.taskId !== undefined) {
      const task = await getTask(tx, c.taskId, true);
      if (!task) throw notFound('taskId', `no call task ${c.taskId}`);
      if (task.accountId !== head.accountId) throw invalidField('taskId', `call task ${c.taskId} is for account ${task.accountId}, not ${head.accountId}`);
      if (task.status !== 'open') throw conflict('taskId', `call task ${c.taskId} is ${task.status} already`);
      await finishTask(tx, task.id, 'done', now);
      taskId = task.id;
    }
    const promise = c.promise
      ? await capturePromise(tx, { accountId: head.accountId, caseId: head.caseId, amountMinor: c.promise.amountMinor, dueOn: c.promise.dueOn, source: 'collector', createdBy: c.collectorId }, { now, fieldPrefix: 'promise' })
      : null;
    const next = nextActionFor(c.outcome, { today: head.today, promiseDueOn: c.promise?.dueOn });
    const [history] = await tx.query<{ id: number }>(
      `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, person_id, contact_point, outcome, initiator_kind, initiator_id, collector_id, note)
       VALUES ($1, $2, $3, 'call', 'outbound', $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        head.customerId, head.accountId, at, rule.history.recipientRole, rule.history.recipientRole === 'debtor' ? head.customerId : null, c.contactPoint,
        rule.history.outcome, collector.agencyId === null ? 'lender' : 'agency', collector.agencyId ?? LENDER_INITIATOR_ID, c.collectorId, `call outcome ${c.outcome}`,
      ],
    );
    const [record] = await tx.query<{ id: number }>(
      `INSERT INTO call_records (account_id, case_id, task_id, collector_id, at, contact_point, outcome, promise_id, contact_history_id, note, next_action, next_action_on, customer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [head.accountId, head.caseId, taskId, c.collectorId, at, c.contactPoint, c.outcome, promise?.id ?? null, history!.id, c.note, next.nextAction, next.nextActionOn, head.customerId],
    );
    const result: CallOutcomeResult = {
      callRecordId: record!.id, contactHistoryId: history!.id, caseId: head.caseId, accountId: head.accountId, accountRef: head.accountRef, outcome: c.outcome, at,
      nextAction: next.nextAction, nextActionOn: next.nextActionOn, promise, taskId,
    };
    const audit: Array<Audit | ReturnType<typeof promiseAudit>> = [{
      type: 'CALL_OUTCOME_RECORDED', actor, subject: `account:${head.accountRef}`,
      data: { callRecordId: result.callRecordId, caseId: head.caseId, collectorId: c.collectorId, outcome: c.outcome, nextAction: next.nextAction, nextActionOn: next.nextActionOn, promiseId: promise?.id ?? null },
    }];
    if (promise) audit.push(promiseAudit(head.accountRef, promise, actor));
    return { result, audit };
  });
}

/**
 * A call to make, from the contacts dispatcher (collector and robot calls it planned) or a collector's
 * own follow-up. Runs inside the caller's transaction. Idempotent by reference: a task whose
 * reference exists already is not created again, and the existing task's id is returned. Without a
 * case id, the account's open case (if any) is taken.
 */
export async function createCallTask(tx: Db, input: CallTaskInput & { createdAt: string }): Promise<{ task: CallTaskRow; created: boolean }> {
  const t = parse(CallTaskInputSchema, input);
  const [row] = await tx.query<CallTaskRow>(
    `INSERT INTO call_tasks (reference, account_id, case_id, customer_id, kind, due_at, verify_code, created_at)
     VALUES ($1, $2, coalesce($3, (SELECT id FROM collection_cases WHERE account_id = $2 AND status = 'open')), $4, $5, $6, $7, $8)
     ON CONFLICT (reference) DO NOTHING
     RETURNING ${TASK_COLUMNS}`,
    [t.reference, t.accountId, t.caseId, t.customerId, t.kind, t.dueAt, t.verifyCode, input.createdAt],
  );
  if (row) return { task: row, created: true };
  const [existing] = await tx.query<CallTaskRow>(`SELECT ${TASK_COLUMNS} FROM call_tasks WHERE reference = $1`, [t.reference]);
  return { task: existing!, created: false };
}

/** Marks a call task done or cancelled (a call made without a call record, or no longer needed). */
export async function completeCallTask(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const t = parse(CompleteTaskInputSchema, input);
  return runCommand<CallTaskRow>(db, clock, { command: 'completeCallTask', ...opts, input: t }, async (tx) => {
    const task = await getTask(tx, t.taskId, true);
    if (!task) throw notFound('taskId', `no call task ${t.taskId}`);
    if (task.status !== 'open') throw conflict('taskId', `call task ${t.taskId} is ${task.status} already`);
    await finishTask(tx, task.id, t.status, clock.now());
    const [{ ref }] = (await tx.query<{ ref: string }>('SELECT ref FROM accounts WHERE id = $1', [task.accountId])) as [{ ref: string }];
    const audit: Audit = { type: 'CALL_TASK_COMPLETED', actor: opts.actor, subject: `account:${ref}`, data: { taskId: task.id, status: t.status } };
    return { result: (await getTask(tx, task.id))!, audit };
  });
}
