/**
 * HTTP: collectors and queues, assignment (分案) and recall (撤案), a collector's queue, case locks,
 * call outcomes (催记) and an account's call records. Requests are validated here with zod, so a bad
 * field is a 400 naming it; the commands check what only the database can tell.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../main.ts';
import { invalidField, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { PROMISE_SOURCES, PROMISE_STATUSES } from '../negotiation/index.ts';
import { NEXT_ACTIONS, OUTCOME_CODES } from './outcomes.rules.ts';
import { UNASSIGNED_REASONS } from './assignment.rules.ts';
import { CallOutcomeFieldsSchema, CollectorInputSchema, QueueInputSchema, isoDate, LOCK_LEASE_MINUTES, MAX_LOCK_LEASE_MINUTES, WORK_ORDERS } from './worklist.types.ts';
import { assignCases, completeCallTask, lockCase, notFound, recallCases, recordCallOutcome, unlockCase, upsertCollector, upsertQueue } from './worklist.commands.ts';
import { listCallRecords, myQueue, queueStats, MAX_CALL_RECORDS_LISTED } from './worklist.queries.ts';
import { getCollector, getQueue, listCollectors, listQueues, storedBusinessDate } from './worklist.store.ts';
import { ACCESS, hasRole, principalOf } from '../../platform/access.ts';
import { AppError } from '../../platform/errors.ts';

/** A collector acts only as themself (their user id is their collector id); supervisors and admins for anyone. */
function actingCollector(req: FastifyRequest, collectorId: string): string {
  const p = principalOf(req);
  if (!hasRole(p, ACCESS.supervisors) && p.userId !== collectorId) {
    throw new AppError('FORBIDDEN', `collectorId: you act only as yourself (${p.userId ?? p.actor})`, { issues: [{ path: 'collectorId', message: 'not you' }] });
  }
  return p.actor;
}

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const int = z.number().int();
const CollectorSchema = z.object({
  id: z.string(), name: z.string(), team: z.string(), agencyId: z.string().nullable(), skills: z.array(z.string()), languages: z.array(z.string()),
  maxOpenCases: int, active: z.boolean(),
});
const QueueSchema = z.object({
  code: z.string(), name: z.string(), buckets: z.array(z.string()), skill: z.string().nullable(), language: z.string().nullable(), agencyId: z.string().nullable(),
  recallAfterDays: int, priority: int, active: z.boolean(),
  workOrder: z.enum(WORK_ORDERS).describe('How collectors work the queue\'s cases: dpd (worse bucket, larger overdue amount first) or expected_recovery (larger P(payment) × amount owed first)'),
});
const CollectorSavedSchema = z.object({ collector: CollectorSchema, released: int.describe('Cases released because the collector was deactivated') });
const AssignResultSchema = z.object({
  businessDate: z.string(), assigned: int, closedReleased: int,
  unassigned: z.object(Object.fromEntries(UNASSIGNED_REASONS.map((r) => [r, int])) as Record<(typeof UNASSIGNED_REASONS)[number], typeof int>),
  unassignedCases: z.array(z.object({ caseId: int, reason: z.enum(UNASSIGNED_REASONS as [string, ...string[]]), queueCode: z.string().nullable() })),
  load: z.record(z.string(), z.object({ openCases: int, maxOpenCases: int })),
});
const RecallResultSchema = z.object({ businessDate: z.string(), recalled: int, extended: int, closedReleased: int });
const LockSchema = z.object({ caseId: int, collectorId: z.string(), lockedAt: z.string(), leaseUntil: z.string(), renewed: z.boolean() });
const PromiseSchema = z.object({
  id: int, accountId: int, caseId: int.nullable(), customerId: z.string(), amountMinor: int, currency: z.string(), promisedOn: z.string(), dueOn: z.string(),
  graceDays: int, status: z.enum(PROMISE_STATUSES), paidMinor: int, evaluatedOn: z.string().nullable(), source: z.enum(PROMISE_SOURCES), createdBy: z.string(), createdAt: z.string(),
});
/** What recording a call outcome answers (also on the agency's route). */
export const CallOutcomeResultSchema = z.object({
  callRecordId: int, contactHistoryId: int, caseId: int.nullable(), accountId: int, accountRef: z.string(), outcome: z.enum(OUTCOME_CODES), at: z.string(),
  nextAction: z.enum(NEXT_ACTIONS), nextActionOn: z.string().nullable(), promise: PromiseSchema.nullable(), taskId: int.nullable(),
});
const QueueItemSchema = z.object({
  caseId: int, accountId: int, accountRef: z.string(), customerId: z.string(), customerName: z.string(), language: z.string(), currency: z.string(),
  bucket: z.string(), dpd: int, overdueMinor: int, queueCode: z.string(), assignedOn: z.string(), recallOn: z.string(),
  workOrder: z.enum(WORK_ORDERS), riskScore: int.nullable().describe('The risk model\'s score 0–1000 (P(default) per mille); null when unscored'),
  expectedRecoveryMinor: int.nullable().describe('P(payment) × amount owed, minor units; null when unscored'),
  lastCall: z.object({ at: z.string(), outcome: z.enum(OUTCOME_CODES), nextAction: z.enum(NEXT_ACTIONS), nextActionOn: z.string().nullable() }).nullable(),
  callable: z.boolean(), supervisorReview: z.boolean(), openTasks: int, nextTaskDueAt: z.string().nullable(),
  lock: z.object({ collectorId: z.string(), leaseUntil: z.string() }).nullable(),
});
const StatsSchema = z.object({
  asOf: z.string(), unassignedOpenCases: int,
  queues: z.array(z.object({ code: z.string(), name: z.string(), priority: int, active: z.boolean(), activeAssignments: int, dueForRecall: int, collectors: int, capacity: int })),
  collectors: z.array(z.object({ id: z.string(), name: z.string(), team: z.string(), agencyId: z.string().nullable(), active: z.boolean(), openCases: int, maxOpenCases: int })),
});
const CallRecordSchema = z.object({
  id: int, caseId: int.nullable(), taskId: int.nullable(), collectorId: z.string(), at: z.string(), contactPoint: z.string(), outcome: z.enum(OUTCOME_CODES),
  promiseId: int.nullable(), note: z.string(), nextAction: z.enum(NEXT_ACTIONS), nextActionOn: z.string().nullable(),
});
const TaskSchema = z.object({
  id: int, reference: z.string().nullable(), accountId: int, caseId: int.nullable(), customerId: z.string(), kind: z.enum(['collector', 'robot']), dueAt: z.string(),
  status: z.enum(['open', 'done', 'cancelled']), verifyCode: z.string().nullable(), createdAt: z.string(), doneAt: z.string().nullable(),
});

const caseParams = z.object({ id: z.coerce.number().int().positive() });
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).optional().describe('A retry with the same key returns the first result') });
const businessDateBody = z.object({ businessDate: isoDate.optional().describe('Defaults to the stored business date') }).default({});

/** The caller's idempotency key, or a fresh one for this request alone (these writes are safe to repeat anyway). */
const keyOf = (req: FastifyRequest, command: string) => `${command}:${(req.headers['idempotency-key'] as string | undefined) ?? `once:${randomUUID()}`}`;

async function businessDateOr(app: Pick<App, 'db'>, given: string | undefined, field: string): Promise<string> {
  if (given) return given;
  const stored = await storedBusinessDate(app.db);
  if (!stored) throw invalidField(field, 'required: no business date is stored yet (run the daily cycle first)');
  return stored;
}

export function registerWorklistRoutes(server: FastifyInstance, app: Pick<App, 'db' | 'clock'>): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['worklist'];
  const collectorOr404 = async (id: string) => {
    const c = await getCollector(app.db, id);
    if (!c) throw notFound('id', `no collector '${id}'`);
    return c;
  };
  const queueOr404 = async (code: string) => {
    const q = await getQueue(app.db, code);
    if (!q) throw notFound('code', `no queue '${code}'`);
    return q;
  };

  r.get('/api/v1/worklist/collectors', { config: { access: ACCESS.staff },
    schema: { summary: 'List collectors', tags, response: { 200: z.object({ items: z.array(CollectorSchema) }) } },
  }, async () => ({ items: await listCollectors(app.db) }));

  r.get('/api/v1/worklist/collectors/:id', { config: { access: ACCESS.staff },
    schema: { summary: 'One collector', tags, params: z.object({ id: z.string().min(1).max(64) }), response: { 200: CollectorSchema, ...errors } },
  }, async (req) => collectorOr404(req.params.id));

  r.put('/api/v1/worklist/collectors/:id', { config: { access: ACCESS.supervisors },
    schema: {
      summary: 'Create or change a collector (deactivating one releases their cases)', tags,
      params: z.object({ id: z.string().min(1).max(64) }), headers: keyHeader, body: CollectorInputSchema.omit({ id: true }),
      response: { 200: CollectorSavedSchema, ...errors },
    },
  }, async (req) => (await upsertCollector(app.db, app.clock, { ...req.body, id: req.params.id }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'upsertCollector') })).result);

  r.delete('/api/v1/worklist/collectors/:id', { config: { access: ACCESS.supervisors },
    schema: { summary: 'Deactivate a collector and release their cases (past work keeps naming them)', tags, params: z.object({ id: z.string().min(1).max(64) }), headers: keyHeader, response: { 200: CollectorSavedSchema, ...errors } },
  }, async (req) => {
    const c = await collectorOr404(req.params.id);
    return (await upsertCollector(app.db, app.clock, { ...c, active: false }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'deactivateCollector') })).result;
  });

  r.get('/api/v1/worklist/queues', { config: { access: ACCESS.staff },
    schema: { summary: 'List queues in the order they are tried', tags, response: { 200: z.object({ items: z.array(QueueSchema) }) } },
  }, async () => ({ items: await listQueues(app.db) }));

  r.get('/api/v1/worklist/queues/:code', { config: { access: ACCESS.staff },
    schema: { summary: 'One queue', tags, params: z.object({ code: z.string().min(1).max(40) }), response: { 200: QueueSchema, ...errors } },
  }, async (req) => queueOr404(req.params.code));

  r.put('/api/v1/worklist/queues/:code', { config: { access: ACCESS.supervisors },
    schema: {
      summary: 'Create or change a queue', tags, params: z.object({ code: z.string().min(1).max(40) }), headers: keyHeader, body: QueueInputSchema.omit({ code: true }),
      response: { 200: QueueSchema, ...errors },
    },
  }, async (req) => (await upsertQueue(app.db, app.clock, { ...req.body, code: req.params.code }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'upsertQueue') })).result);

  r.delete('/api/v1/worklist/queues/:code', { config: { access: ACCESS.supervisors },
    schema: { summary: 'Switch a queue off (its assignments run until recall; past assignments keep naming it)', tags, params: z.object({ code: z.string().min(1).max(40) }), headers: keyHeader, response: { 200: QueueSchema, ...errors } },
  }, async (req) => {
    const q = await queueOr404(req.params.code);
    return (await upsertQueue(app.db, app.clock, { ...q, active: false }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'deactivateQueue') })).result;
  });

  r.get('/api/v1/worklist/stats', { config: { access: ACCESS.staff },
    schema: { summary: 'Queues, collectors\' load and unassigned open cases', tags, querystring: z.object({ asOf: isoDate.optional() }), response: { 200: StatsSchema, ...errors } },
  }, async (req) => queueStats(app.db, await businessDateOr(app, req.query.asOf, 'querystring.asOf')));

  r.post('/api/v1/worklist/assign', { config: { access: ACCESS.supervisors },
    schema: { summary: '分案: give unassigned open cases to collectors by queue, load-balanced within capacity', tags, headers: keyHeader, body: businessDateBody, response: { 200: AssignResultSchema, ...errors } },
  }, async (req) => {
    const businessDate = await businessDateOr(app, req.body.businessDate, 'body.businessDate');
    return (await assignCases(app.db, app.clock, { businessDate }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'assignCases') })).result;
  });

  r.post('/api/v1/worklist/recall', { config: { access: ACCESS.supervisors },
    schema: { summary: '撤案: recall assignments past their recall date that saw no payment or kept promise', tags, headers: keyHeader, body: businessDateBody, response: { 200: RecallResultSchema, ...errors } },
  }, async (req) => {
    const businessDate = await businessDateOr(app, req.body.businessDate, 'body.businessDate');
    return (await recallCases(app.db, app.clock, { businessDate }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'recallCases') })).result;
  });

  r.get('/api/v1/worklist/collectors/:id/queue', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'A collector\'s open cases in working order', tags, params: z.object({ id: z.string().min(1).max(64) }), querystring: z.object({ asOf: isoDate.optional() }),
      response: { 200: z.object({ collectorId: z.string(), asOf: z.string(), items: z.array(QueueItemSchema) }), ...errors },
    },
  }, async (req) => {
    actingCollector(req, req.params.id);
    await collectorOr404(req.params.id);
    const asOf = await businessDateOr(app, req.query.asOf, 'querystring.asOf');
    return { collectorId: req.params.id, asOf, items: await myQueue(app.db, req.params.id, asOf) };
  });

  r.post('/api/v1/cases/:id/lock', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'Take or renew the lock of a case (a lease); another collector\'s live lease is a 409 naming them', tags: ['cases'], params: caseParams, headers: keyHeader,
      body: z.object({ collectorId: z.string().min(1).max(64), leaseMinutes: z.number().int().min(1).max(MAX_LOCK_LEASE_MINUTES).default(LOCK_LEASE_MINUTES) }),
      response: { 200: LockSchema, ...errors },
    },
  }, async (req) => (await lockCase(app.db, app.clock, { caseId: req.params.id, ...req.body }, { actor: actingCollector(req, req.body.collectorId), idempotencyKey: keyOf(req, 'lockCase') })).result);

  r.delete('/api/v1/cases/:id/lock', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'Give up the lock of a case', tags: ['cases'], params: caseParams, headers: keyHeader, querystring: z.object({ collectorId: z.string().min(1).max(64) }),
      response: { 200: z.object({ caseId: int, released: z.boolean() }), ...errors },
    },
  }, async (req) => (await unlockCase(app.db, app.clock, { caseId: req.params.id, collectorId: req.query.collectorId }, { actor: actingCollector(req, req.query.collectorId), idempotencyKey: keyOf(req, 'unlockCase') })).result);

  r.post('/api/v1/cases/:id/call-outcomes', { config: { access: ACCESS.caseWork },
    schema: {
      summary: '催记: record a call\'s outcome (the caller must hold the case\'s lock); a ptp outcome carries its promise', tags: ['cases'], params: caseParams,
      headers: z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') }),
      body: CallOutcomeFieldsSchema,
      response: { 200: CallOutcomeResultSchema, 201: CallOutcomeResultSchema, ...errors },
    },
  }, async (req, reply) => {
    actingCollector(req, req.body.collectorId);
    const out = await recordCallOutcome(app.db, app.clock, { ...req.body, caseId: req.params.id }, { idempotencyKey: `recordCallOutcome:${req.headers['idempotency-key']}` });
    reply.header('idempotent-replayed', String(out.replayed));
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });

  r.post('/api/v1/worklist/tasks/:id/complete', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'Mark a call task done or cancelled', tags, params: caseParams, headers: keyHeader, body: z.object({ status: z.enum(['done', 'cancelled']).default('done') }).default({ status: 'done' }),
      response: { 200: TaskSchema, ...errors },
    },
  }, async (req) => (await completeCallTask(app.db, app.clock, { taskId: req.params.id, status: req.body.status }, { actor: principalOf(req).actor, idempotencyKey: keyOf(req, 'completeCallTask') })).result);

  r.get('/api/v1/accounts/:ref/call-records', { config: { access: ACCESS.staff },
    schema: {
      summary: 'An account\'s call records (催记), newest first', tags: ['accounts'], params: z.object({ ref: z.string().min(1).max(64) }),
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(MAX_CALL_RECORDS_LISTED).default(100),
        before: z.coerce.number().int().positive().optional().describe('Cursor: the last id of the previous page'),
      }),
      response: { 200: z.object({ items: z.array(CallRecordSchema), nextBefore: int.nullable() }), ...errors },
    },
  }, async (req) => {
    const items = await listCallRecords(app.db, req.params.ref, { limit: req.query.limit, before: req.query.before });
    return { items, nextBefore: items.length === req.query.limit ? items.at(-1)!.id : null };
  });
}
