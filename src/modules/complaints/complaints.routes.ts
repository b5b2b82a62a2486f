/**
 * HTTP: complaints intake and handling for staff (list, SLA board, regulator report, acknowledge,
 * assign, extend, close), the dispute workflow, and the debtor portal's own complaints and disputes.
 * Portal routes take the customer from the session only: an account, contact or dispute that is not
 * the debtor's own is "not found" (404), never "forbidden", so that nothing can be enumerated.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { ACCESS, debtorOf, principalOf, type Role } from '../../platform/access.ts';
import { withDebtorScope } from '../../platform/debtor-scope.ts';
import {
  AssignSchema, COMPLAINT_CATEGORIES, COMPLAINT_CHANNELS, COMPLAINT_STATUSES, ComplaintIntakeSchema, DISPUTE_ACTIONS, DISPUTE_STATUSES, DisputeMoveSchema, DisputeOpenSchema,
  ExtendSchema, OUTCOME_CODES, PortalComplaintSchema, REMEDIES, ResolveSchema, type DisputeAction,
} from './complaints.types.ts';
import {
  acknowledgeComplaint, assignComplaint, extendComplaint, intakeComplaint, moveDispute, openDispute, resolveComplaint, submitPortalComplaint,
  type ClosedComplaint, type OpenedDispute, type ReceivedComplaint,
} from './complaints.commands.ts';
import {
  getComplaint, listComplaints, listDisputes, regulatorReport, reportCsv, slaBoard, MAX_COMPLAINTS_LISTED, type ComplaintRecord, type DisputeRecord, type SlaBoard,
} from './complaints.store.ts';
import type { SlaView } from './sla.rules.ts';

/** Who takes complaints and disputes from debtors (hotline, letters, e-mail). */
export const COMPLAINT_INTAKE = ['collector', 'supervisor', 'compliance_officer', 'admin'] as const satisfies readonly Role[];
/** Who decides complaints and disputes: acknowledge, assign, extend, close, move a dispute on. */
export const COMPLAINT_DECIDERS = ['compliance_officer', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** Who may read complaints: those who take or decide them, and auditors. */
export const COMPLAINT_READERS = [...COMPLAINT_INTAKE, 'auditor'] as const satisfies readonly Role[];
/** Who sees the SLA board. */
export const SLA_BOARD_READERS = [...COMPLAINT_DECIDERS, 'auditor'] as const satisfies readonly Role[];

const Result = z.looseObject({});

// ------------------------------------------------------------ response shapes (the UI's types are generated from these)
// The serializer keeps only what a schema declares and refuses (500) an answer that does not fit it, so
// each mirrors its store type field by field (complaints.store.ts, complaints.commands.ts, sla.rules.ts);
// `satisfies` makes a field the store type has and the schema lacks a compile error.

const int = z.number().int();
const BilingualSchema = z.object({ 'zh-CN': z.string(), en: z.string() });
/** Where a complaint stands against its SLA on its asOf date (sla.rules.ts SlaView). */
const SlaViewSchema = z.object({
  stage: z.enum(['acknowledge', 'final_response', 'closed']).describe('Which clock is running: the acknowledgement, the final response, or none (closed)'),
  dueOn: z.string().nullable().describe('The deadline of the running clock (null when closed)'),
  daysLeft: int.nullable().describe('Days from asOf to dueOn: 0 on the due date, negative when overdue'),
  overdue: z.boolean(), dueSoon: z.boolean(),
  acknowledgementMet: z.boolean().nullable(), finalResponseMet: z.boolean().nullable(), slaMet: z.boolean().nullable().describe('true/false once known; null while the clock still runs'),
  daysToResolve: int.nullable().describe('Days from receipt to closing (null while open)'),
}) satisfies z.ZodType<SlaView>;
/** A complaint with its SLA view (complaints.store.ts ComplaintRecord). */
const ComplaintSchema = z.object({
  id: int, customerId: z.string(), accountRef: z.string().nullable(), agencyId: z.string().nullable(), jurisdiction: z.string(), timeZone: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS), regulatorReference: z.string().nullable(), category: z.enum(COMPLAINT_CATEGORIES), summary: z.string(),
  contactReferences: z.array(z.string()), status: z.enum(COMPLAINT_STATUSES), receivedAt: z.string(), receivedOn: z.string(),
  slaPolicy: z.string(), slaVersion: int, acknowledgeBy: z.string(), respondBy: z.string(), summaryBy: z.string().nullable().describe('The last day it may be closed without an acknowledgement (UK summary resolution)'),
  extended: z.boolean(), acknowledgedOn: z.string().nullable(), assignee: z.string().nullable(), closedOn: z.string().nullable(), outcome: z.enum(OUTCOME_CODES).nullable(),
  remedies: z.array(z.enum(REMEDIES)), resolutionNote: z.string().nullable(), disputeId: int.nullable(), disputeStatus: z.enum(DISPUTE_STATUSES).nullable(),
  reviewId: int.nullable(), createdBy: z.string(),
  asOf: z.string().describe('Today in the debtor’s time zone: the date the SLA view is judged on'), sla: SlaViewSchema,
}) satisfies z.ZodType<ComplaintRecord>;
/** The debtor's view of their complaint: no internal assignee or staff names. */
const PortalComplaintViewSchema = ComplaintSchema.pick({
  id: true, category: true, channel: true, accountRef: true, status: true, receivedOn: true, acknowledgeBy: true, respondBy: true, acknowledgedOn: true, closedOn: true,
  outcome: true, remedies: true, resolutionNote: true, disputeId: true, disputeStatus: true,
}).extend({ overdue: z.boolean() });
const SlaCountSchema = { open: int, overdue: int, dueSoon: int };
/** complaints.store.ts SlaBoard. */
const SlaBoardSchema = z.object({
  asOf: z.string(), byStatus: z.record(z.string(), int), open: int, overdue: int, dueSoon: int, overdueAcknowledgements: int,
  byCategory: z.array(z.object({ category: z.string(), ...SlaCountSchema })), byJurisdiction: z.array(z.object({ jurisdiction: z.string(), ...SlaCountSchema })),
  urgent: z.array(ComplaintSchema).describe('The open complaints that are overdue or due soon, the most urgent first'),
  truncated: z.boolean(),
}) satisfies z.ZodType<SlaBoard>;
/** complaints.store.ts DisputeRecord. */
const DisputeSchema = z.object({
  id: int, accountRef: z.string(), customerId: z.string(), status: z.enum(DISPUTE_STATUSES), reason: z.string(), openedAt: z.string(), openedBy: z.string().nullable(),
  closedAt: z.string().nullable(), updatedAt: z.string().nullable(), note: z.string().nullable(), complaintId: int.nullable(),
}) satisfies z.ZodType<DisputeRecord>;
/** What opening a dispute answers (complaints.commands.ts OpenedDispute); `created` is false when the debt was disputed already. */
export const OpenedDisputeSchema = z.object({ disputeId: int, accountRef: z.string(), status: z.string().describe('The dispute’s status: open, or that of the active dispute it joined'), created: z.boolean() }) satisfies z.ZodType<OpenedDispute>;
const PortalComplaintReceiptSchema = z.object({
  complaintId: int, status: z.enum(COMPLAINT_STATUSES), accountRef: z.string().nullable(), receivedOn: z.string(), acknowledgeBy: z.string(), respondBy: z.string(), disputeId: int.nullable(), message: BilingualSchema,
});
const PortalDisputeReceiptSchema = OpenedDisputeSchema.extend({ message: BilingualSchema });
const AcknowledgedSchema = z.object({ complaintId: int, status: z.enum(COMPLAINT_STATUSES), acknowledgedOn: z.string(), withinSla: z.boolean() });
/** complaints.commands.ts ClosedComplaint. */
const ClosedSchema = z.object({
  complaintId: int, status: z.enum(COMPLAINT_STATUSES), outcome: z.string().describe('One of the outcome codes (resolve body)'), closedOn: z.string(), slaMet: z.boolean(), disputeId: int.nullable(), disputeStatus: z.enum(DISPUTE_STATUSES).nullable(),
}) satisfies z.ZodType<ClosedComplaint>;
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const Limit = z.coerce.number().int().min(1).max(MAX_COMPLAINTS_LISTED).default(100);
const tags = ['complaints'];

export interface ComplaintRouteDeps {
  db: Db;
  clock: Clock;
}

/** What the portal tells the debtor once a complaint is received, in both languages. */
function receiptMessage(c: ReceivedComplaint): { 'zh-CN': string; en: string } {
  return {
    'zh-CN': `您的投诉（编号 ${c.complaintId}）已于 ${c.receivedOn} 受理。我们将在 ${c.acknowledgeBy} 前确认，并在 ${c.respondBy} 前给出处理结果。${c.disputeId !== null ? '争议核实完成前，我们暂停对该笔债务的催收。' : ''}`,
    en: `Your complaint (no. ${c.complaintId}) was received on ${c.receivedOn}. We will acknowledge it by ${c.acknowledgeBy} and give you our answer by ${c.respondBy}.${c.disputeId !== null ? ' Collection of the disputed debt is paused until it has been checked.' : ''}`,
  };
}

/** The debtor's view of their complaint: no internal assignee or staff names. */
function portalView(c: ComplaintRecord): z.infer<typeof PortalComplaintViewSchema> {
  return {
    id: c.id, category: c.category, channel: c.channel, accountRef: c.accountRef, status: c.status, receivedOn: c.receivedOn, acknowledgeBy: c.acknowledgeBy,
    respondBy: c.respondBy, acknowledgedOn: c.acknowledgedOn, closedOn: c.closedOn, outcome: c.outcome, remedies: c.remedies, resolutionNote: c.resolutionNote,
    disputeId: c.disputeId, disputeStatus: c.disputeStatus, overdue: c.sla.overdue,
  };
}

export function registerComplaintRoutes(server: FastifyInstance, deps: ComplaintRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const now = () => deps.clock.now();

  // --- staff -------------------------------------------------------------------------------------

  r.post('/api/v1/complaints', {
    config: { access: COMPLAINT_INTAKE },
    schema: { tags, summary: '投诉登记: take a complaint from the hotline, an e-mail or a regulator’s referral; SLA deadlines are set from the debtor’s jurisdiction', headers: keyHeader, body: ComplaintIntakeSchema, response: { 200: Result, 201: Result } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await intakeComplaint(deps.db, deps.clock, req.body, { actor: p.actor, idempotencyKey: `complaint:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send({ ...out.result });
  });

  r.get('/api/v1/complaints', {
    config: { access: COMPLAINT_READERS },
    schema: {
      tags, summary: 'Complaints with their SLA clocks (due date, days left, overdue), the most urgent first',
      querystring: z.object({
        status: z.enum([...COMPLAINT_STATUSES, 'open', 'closed']).optional(), category: z.enum(COMPLAINT_CATEGORIES).optional(), channel: z.enum(COMPLAINT_CHANNELS).optional(),
        jurisdiction: z.string().min(2).max(10).optional(), agencyId: z.string().min(1).max(64).optional(), customerId: z.string().min(1).max(64).optional(),
        accountRef: z.string().min(1).max(64).optional(), assignee: z.string().min(1).max(64).optional(), overdue: Bool.optional(),
        from: z.iso.date().optional().describe('received on or after'), to: z.iso.date().optional().describe('received on or before'), limit: Limit,
      }),
      response: { 200: z.object({ asOf: z.string(), items: z.array(ComplaintSchema) }), 400: ErrorSchema },
    },
  }, async (req) => {
    const q = req.query;
    return { asOf: now(), items: await listComplaints(deps.db, now(), { ...q, receivedFrom: q.from, receivedTo: q.to }) };
  });

  r.get('/api/v1/complaints/sla-board', {
    config: { access: SLA_BOARD_READERS },
    schema: { tags, summary: 'SLA board: complaints by status; open ones overdue and due soon, by category and jurisdiction; the most urgent listed', response: { 200: SlaBoardSchema } },
  }, async () => slaBoard(deps.db, now()));

  r.get('/api/v1/complaints/regulator-report', {
    config: { access: ACCESS.audit },
    schema: {
      tags, summary: 'Regulator report: one row per complaint received in the period (docs/complaints.md lists the columns)',
      querystring: z.object({ from: z.iso.date(), to: z.iso.date(), format: z.enum(['csv', 'json']).default('csv'), headers: z.enum(['en', 'zh-CN']).default('en').describe('zh-CN adds a row of Chinese headers under the machine headers') }),
    },
  }, async (req, reply) => {
    const { from, to, format, headers } = req.query;
    if (from > to) throw new AppError('VALIDATION_FAILED', `to: ${to} is before from (${from})`, { issues: [{ path: 'querystring.to', message: 'before from' }] });
    const rows = await regulatorReport(deps.db, now(), from, to);
    if (format === 'json') return { from, to, rows };
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="complaints-${from}-${to}.csv"`)
      .send(`${headers === 'zh-CN' ? '\uFEFF' : ''}${reportCsv(rows, headers === 'zh-CN')}`);
  });

  r.get('/api/v1/complaints/:id', {
    config: { access: COMPLAINT_READERS },
    schema: { tags, summary: 'One complaint with its SLA clock', params: IdParams, response: { 200: ComplaintSchema, 400: ErrorSchema, 404: ErrorSchema } },
  }, async (req) => {
    const c = await getComplaint(deps.db, req.params.id, now());
    if (!c) throw new AppError('NOT_FOUND', `id: no complaint ${req.params.id}`, { issues: [{ path: 'id', message: 'no such complaint' }] });
    return c;
  });

  r.post('/api/v1/complaints/:id/acknowledge', {
    config: { access: COMPLAINT_DECIDERS },
    schema: { tags, summary: 'Acknowledge a complaint to the complainant (stops the acknowledgement clock)', params: IdParams, headers: keyHeader, response: { 200: AcknowledgedSchema, ...errors } },
  }, async (req) => (await acknowledgeComplaint(deps.db, deps.clock, req.params.id, { actor: principalOf(req).actor, idempotencyKey: `complaint-ack:${req.headers['idempotency-key']}` })).result);

  r.post('/api/v1/complaints/:id/assign', {
    config: { access: COMPLAINT_DECIDERS },
    schema: { tags, summary: 'Give a complaint to an investigator', params: IdParams, headers: keyHeader, body: AssignSchema },
  }, async (req) => (await assignComplaint(deps.db, deps.clock, req.params.id, req.body, { actor: principalOf(req).actor, idempotencyKey: `complaint-assign:${req.headers['idempotency-key']}` })).result);

  r.post('/api/v1/complaints/:id/extend', {
    config: { access: COMPLAINT_DECIDERS },
    schema: { tags, summary: 'Extend the final-response deadline once, where the jurisdiction allows it (CN: +15 days for a complex case)', params: IdParams, headers: keyHeader, body: ExtendSchema },
  }, async (req) => (await extendComplaint(deps.db, deps.clock, req.params.id, req.body, { actor: principalOf(req).actor, idempotencyKey: `complaint-extend:${req.headers['idempotency-key']}` })).result);

  r.post('/api/v1/complaints/:id/resolve', {
    config: { access: COMPLAINT_DECIDERS },
    schema: { tags, summary: 'Close a complaint: resolved, rejected or referred, with an outcome code, remedies when upheld, and a note', params: IdParams, headers: keyHeader, body: ResolveSchema, response: { 200: ClosedSchema, ...errors } },
  }, async (req) => (await resolveComplaint(deps.db, deps.clock, req.params.id, req.body, { actor: principalOf(req).actor, idempotencyKey: `complaint-resolve:${req.headers['idempotency-key']}` })).result);

  r.get('/api/v1/disputes', {
    config: { access: COMPLAINT_READERS },
    schema: {
      tags, summary: 'Disputes of debts, newest first',
      querystring: z.object({ status: z.enum([...DISPUTE_STATUSES, 'active']).optional(), customerId: z.string().min(1).max(64).optional(), accountRef: z.string().min(1).max(64).optional(), limit: Limit }),
      response: { 200: z.object({ items: z.array(DisputeSchema) }), 400: ErrorSchema },
    },
  }, async (req) => ({ items: await listDisputes(deps.db, req.query) }));

  r.post('/api/v1/disputes/:id/:action', {
    config: { access: COMPLAINT_DECIDERS },
    schema: {
      tags, summary: 'Move a dispute on: send_verification or verify (the hold is lifted), resolve, reject, withdraw',
      params: IdParams.extend({ action: z.enum(DISPUTE_ACTIONS) }), headers: keyHeader, body: DisputeMoveSchema.optional(),
    },
  }, async (req) => (await moveDispute(deps.db, deps.clock, req.params.id, req.params.action as DisputeAction, req.body ?? {}, {
    actor: principalOf(req).actor, idempotencyKey: `dispute-${req.params.action}:${req.headers['idempotency-key']}`,
  })).result);

  // --- debtor portal -------------------------------------------------------------------------------

  r.post('/api/v1/portal/complaints', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: '我要投诉: complain about a contact, an amount, an agency …; an amount dispute pauses collection of that debt', headers: keyHeader, body: PortalComplaintSchema, response: { 200: PortalComplaintReceiptSchema, 201: PortalComplaintReceiptSchema, 400: ErrorSchema, 404: ErrorSchema } },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const out = await submitPortalComplaint(deps.db, deps.clock, customerId, req.body, { actor: principalOf(req).actor, idempotencyKey: `portal-complaint:${customerId}:${req.headers['idempotency-key']}` });
    const c = out.result;
    return reply.status(out.replayed ? 200 : 201).send({
      complaintId: c.complaintId, status: c.status, accountRef: c.accountRef, receivedOn: c.receivedOn, acknowledgeBy: c.acknowledgeBy, respondBy: c.respondBy,
      disputeId: c.disputeId, message: receiptMessage(c),
    });
  });

  r.get('/api/v1/portal/complaints', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: 'My complaints and where each stands', querystring: z.object({ limit: Limit }), response: { 200: z.object({ items: z.array(PortalComplaintViewSchema) }), 400: ErrorSchema } },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), async (db) => ({ items: (await listComplaints(db, now(), { customerId: debtorOf(req), limit: req.query.limit })).map(portalView) })));

  r.post('/api/v1/portal/disputes', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: '金额异议: dispute a debt of mine; collection of it stops until it has been checked', headers: keyHeader, body: DisputeOpenSchema, response: { 200: PortalDisputeReceiptSchema, 201: PortalDisputeReceiptSchema, 400: ErrorSchema, 404: ErrorSchema } },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const out = await openDispute(deps.db, deps.clock, req.body, { actor: principalOf(req).actor, customerId, idempotencyKey: `portal-dispute:${customerId}:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send({
      ...out.result,
      message: {
        'zh-CN': `已收到您对 ${out.result.accountRef} 的异议。核实完成前，我们不会就该笔债务向您催收。`,
        en: `We have your dispute of ${out.result.accountRef}. We will not ask you to pay this debt until it has been checked.`,
      },
    });
  });

  r.get('/api/v1/portal/disputes', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: 'My disputes and their status', querystring: z.object({ limit: Limit }), response: { 200: z.object({ items: z.array(DisputeSchema.omit({ openedBy: true })) }), 400: ErrorSchema } },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), async (db) => ({ items: (await listDisputes(db, { customerId: debtorOf(req), limit: req.query.limit })).map(({ openedBy: _by, ...d }) => d) })));

  r.post('/api/v1/portal/disputes/:id/withdraw', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: 'Withdraw my dispute (collection of the debt may resume)', params: IdParams, headers: keyHeader },
  }, async (req) => {
    const customerId = debtorOf(req);
    return (await moveDispute(deps.db, deps.clock, req.params.id, 'withdraw', {}, { actor: principalOf(req).actor, customerId, idempotencyKey: `portal-dispute-withdraw:${customerId}:${req.headers['idempotency-key']}` })).result;
  });
}
