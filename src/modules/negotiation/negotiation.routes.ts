/**
 * HTTP: plans (preview, commit), deferrals, waivers and settlements, the approval queue with its SLA
 * and the checker's decision (four-eyes), an account's concessions and their agreement PDFs, its
 * promises to pay with the payments that counted, and the
 * debtor's self-service options and acceptance. Bodies are validated with zod, so a bad field is a
 * 400 naming it; the commands check what only the database can tell. Writes need an Idempotency-Key.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { addDays } from '../../platform/dates.ts';
import { ownAccountOr404, type CycleHooks } from '../ledger/index.ts';
import {
  DecisionInputSchema, DeferralInputSchema, PlanInputSchema, PlanPreviewInputSchema, PortalAcceptInputSchema, SettlementInputSchema, WaiverInputSchema,
} from './concessions.types.ts';
import {
  acceptPortalOption, approveConcession, commitPlan, portalOptions, previewPlan, rejectConcession, requestDeferral, requestSettlement, requestWaiver,
} from './concessions.commands.ts';
import { getAgreement, getConcession, listConcessions, listCustomerConcessions, listPending, CONCESSION_KINDS, CONCESSION_SOURCES, CONCESSION_STATUSES, type ConcessionRecord } from './concessions.store.ts';
import { explainRestructure, explainSettlement, explainWaiver, type Bilingual } from './explain.rules.ts';
import type { Restructure } from './plans.rules.ts';
import type { Settlement, Waiver } from './waivers.rules.ts';
import type { Currency } from '../../platform/money.ts';
import { listPromisePayments, listPromises } from './negotiation.store.ts';
import { PROMISE_SOURCES, PROMISE_STATUSES, type PromiseRecord } from './negotiation.types.ts';
import { ACCESS, debtorOf, principalOf, type Principal } from '../../platform/access.ts';
import { withDebtorScope } from '../../platform/debtor-scope.ts';
import { ROLES as POLICY_ROLES, type Role as PolicyRole } from './policy.types.ts';

/** The policy role a signed-in person acts in: their highest role with approval limits. */
function policyRole(p: Principal): PolicyRole {
  if (p.roles.includes('admin')) return 'manager';
  if (p.roles.includes('supervisor')) return 'supervisor';
  if (p.roles.includes('collector')) return 'collector';
  throw new AppError('FORBIDDEN', 'negotiation needs the role collector, supervisor or admin');
}
const maker = (p: Principal) => ({ actor: p.actor, role: policyRole(p) });
const AS_SESSION = { actor: true, role: true } as const;

const errors = { 400: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
/** Results are documented in docs/negotiation.md; the schema keeps every field the command returns. */
const Result = z.looseObject({});
const ok = { 200: Result, 201: Result, ...errors };

// ------------------------------------------------------------ response shapes (the UI's types are generated from these)

const int = z.number().int();
const BilingualSchema = z.object({ 'zh-CN': z.string(), en: z.string() });
const ComponentsSchema = z.object({ fees: int, penalty: int, interest: int, principal: int });
const WAIVABLE = ['interest', 'penalty', 'fees'] as const;
/** A plan's or deferral's new schedule and its figures (plans.rules.ts Restructure). */
const RestructureSchema = z.object({
  kind: z.enum(['plan', 'deferral']), today: z.string(), supersededSeqs: z.array(int),
  outstanding: ComponentsSchema.describe('What the superseded items owe now, by component'),
  waived: ComponentsSchema.describe('What is forgiven, by component'),
  discretionaryMinor: int.describe("Of the waived amount, what was asked for beyond the policy's own waivers"),
  balanceMinor: int.describe('The restructured balance: outstanding − waived'),
  items: z.array(z.object({
    n: int, dueOn: z.string(), periodStart: z.string(), principalMinor: int,
    carried: z.object({ interest: int, penalty: int, fees: int }).describe('Interest, penalty and fees moved onto this item from the superseded ones'),
    interestMinor: int, interestBaseMinor: int, interestDays: int, amountMinor: int.describe('What the debtor pays on the due date'),
  })),
  costMinor: int, totalPayableMinor: int, annualRateBp: z.number().describe('Annualised rate of the schedule, in basis points to two decimals (an IRR, so not a whole number)'),
  costCap: z.object({ annualBp: int.nullable(), withinCap: z.boolean(), reason: z.string().nullable() }),
  oneTimeFlags: z.array(z.string()),
});
const WaiverSchema = z.object({
  component: z.enum(WAIVABLE), amountMinor: int,
  lines: z.array(z.object({ itemSeq: int, component: z.enum(WAIVABLE), amountMinor: int })), oneTimeFlags: z.array(z.string()),
});
const SettlementSchema = z.object({ amountMinor: int, payByOn: z.string(), balanceMinor: int, discountMinor: int });
const TermsSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.enum(['plan', 'deferral']), restructure: RestructureSchema }),
  z.object({ kind: z.literal('waiver'), waiver: WaiverSchema }),
  z.object({ kind: z.literal('settlement'), settlement: SettlementSchema }),
]);
/** What a plan, deferral, waiver or settlement request (or its approval) answers (concessions.commands.ts ConcessionResult). */
const ConcessionResultSchema = z.object({
  concessionId: int, accountRef: z.string(), kind: z.enum(CONCESSION_KINDS), status: z.enum(['active', 'pending_approval']), effectiveOn: z.string().nullable(),
  concessionMinor: int, terms: TermsSchema, explanation: BilingualSchema,
  approval: z.object({ needsRole: z.enum(POLICY_ROLES).nullable(), reason: z.string(), slaDueAt: z.string() }).nullable()
    .describe("Above the maker's limit: the lowest role that may approve it, why, and by when"),
  agreementSha256: z.record(z.string(), z.string()).nullable(),
});
const PlanPreviewSchema = z.object({ accountRef: z.string(), asOf: z.string(), policy: z.string(), plan: RestructureSchema, explanation: BilingualSchema, approvalNeededAbove: int });
/** A stored concession of an account (concessions.store.ts ConcessionRecord). */
const ConcessionSchema = z.object({
  id: int, accountId: int, accountRef: z.string(), customerId: z.string(), kind: z.enum(CONCESSION_KINDS), status: z.enum(CONCESSION_STATUSES),
  policyCode: z.string(), policyVersion: int, requestedOn: z.string(), effectiveOn: z.string().nullable(), currency: z.string(), concessionMinor: int,
  terms: z.looseObject({
    kind: z.enum(CONCESSION_KINDS).optional(), restructure: RestructureSchema.optional(), waiver: WaiverSchema.optional(), settlement: SettlementSchema.optional(),
    request: z.record(z.string(), z.unknown()).optional().describe("The maker's request as the rules took it"),
    waivedComponents: z.array(z.enum(WAIVABLE)).optional().describe("A plan's components waived in full on the superseded items"),
    brokenAfterDays: int.optional().describe('Days an instalment may stay unpaid before the plan counts as broken'),
    planSeqs: z.array(int).optional().describe("The plan items' seqs, once created"),
  }).describe('The terms as stored (concessions.ledger.ts RestructureTerms, WaiverTerms, SettlementTerms)'),
  reason: z.string(), oneTimeFlag: z.string().nullable(), source: z.enum(CONCESSION_SOURCES), maker: z.string(), makerRole: z.string(),
  checker: z.string().nullable(), checkerRole: z.string().nullable(), decisionNote: z.string().nullable(), requestedAt: z.string(), slaDueAt: z.string().nullable(),
  decidedAt: z.string().nullable(), endedOn: z.string().nullable(),
});
const concessionAnswer = { 200: ConcessionResultSchema, 201: ConcessionResultSchema, ...errors };
/** A concession waiting for a checker, with whether its approval deadline has passed. */
const PendingConcessionSchema = ConcessionSchema.extend({ slaOverdue: z.boolean().describe('The approval deadline (slaDueAt) has passed') });
/** A promise to pay as recorded (negotiation.types.ts PromiseRecord). */
const PromiseRecordSchema = z.object({
  id: int, accountId: int, caseId: int.nullable(), customerId: z.string(), amountMinor: int, currency: z.string(), promisedOn: z.string(), dueOn: z.string(), graceDays: int,
  status: z.enum(PROMISE_STATUSES), paidMinor: int, evaluatedOn: z.string().nullable(), source: z.enum(PROMISE_SOURCES), createdBy: z.string(), createdAt: z.string(),
}) satisfies z.ZodType<PromiseRecord>;
/** One self-service option (concessions.commands.ts PortalOption): what to send back to accept it, explained, and its terms. */
const optionOf = <K extends string, C extends z.ZodRawShape, T extends z.ZodType>(kind: K, choice: C, terms: T) => z.object({
  kind: z.literal(kind), choice: z.object({ kind: z.literal(kind), ...choice }), explanation: BilingualSchema,
  instant: z.boolean().describe("Within the portal's own limit: takes effect when accepted; otherwise it goes to a reviewer"), terms,
});
const PortalOptionsSchema = z.object({
  accountRef: z.string(), asOf: z.string(),
  options: z.array(z.union([
    optionOf('plan', { termCount: int }, z.object({ kind: z.literal('plan'), restructure: RestructureSchema })),
    optionOf('deferral', { months: int, hardship: z.string().optional().describe('Present when the policy asks for evidence of hardship') }, z.object({ kind: z.literal('deferral'), restructure: RestructureSchema })),
    optionOf('promise', { amountMinor: int, dueOn: z.string() }, z.object({ minimumMinor: int, latestDueOn: z.string() })),
  ])),
  notOffered: z.array(z.object({ kind: z.string(), reason: BilingualSchema })),
});
/** What accepting an option answers: the concession (plan, deferral) or the promise recorded. */
const PortalAcceptSchema = z.union([
  z.object({ kind: z.enum(['plan', 'deferral']), replayed: z.boolean(), concession: ConcessionResultSchema }),
  z.object({ kind: z.literal('promise'), replayed: z.boolean(), promise: PromiseRecordSchema }),
]);
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
/** A promise as the account page lists it, with the payments that counted towards it. */
const PromiseViewSchema = z.object({
  id: z.number().int(), caseId: z.number().int().nullable(), amountMinor: z.number().int(), currency: z.string(),
  promisedOn: z.string(), dueOn: z.string(), graceDays: z.number().int(), windowEndsOn: z.string().describe('The last date a payment counts: the due date plus the grace days'),
  status: z.enum(PROMISE_STATUSES), paidMinor: z.number().int().describe('What the cycle counted when it evaluated the promise (0 while open)'),
  evaluatedOn: z.string().nullable(), source: z.enum(PROMISE_SOURCES), createdBy: z.string(), createdAt: z.string(),
  payments: z.array(z.object({ transactionId: z.number().int(), ref: z.string(), amountMinor: z.number().int(), valueDate: z.string(), receivedOn: z.string(), status: z.enum(['pending', 'posted']) })),
});
/** The most pending requests listed at once. */
export const MAX_PENDING_LISTED = 500;

/** The most of a debtor's own requests listed at once. */
export const MAX_PORTAL_REQUESTS_LISTED = 200;

const PortalConcessionSchema = z.object({
  id: z.number().int(), accountRef: z.string(), kind: z.string(), status: z.string(), requestedOn: z.string(), requestedAt: z.string(),
  slaDueAt: z.string().nullable(), decidedAt: z.string().nullable(), effectiveOn: z.string().nullable(), currency: z.string(), concessionMinor: z.number().int(),
  decisionNote: z.string().nullable(), explanation: z.object({ 'zh-CN': z.string(), en: z.string() }).nullable(),
  schedule: z.array(z.object({ n: z.number().int(), dueOn: z.string(), amountMinor: z.number().int() })), totalPayableMinor: z.number().int().nullable(),
  hasAgreement: z.boolean(),
});

/** A concession as the debtor sees it: its terms explained in both languages and, for plans and deferrals, the new schedule. */
function portalConcession(c: ConcessionRecord): z.infer<typeof PortalConcessionSchema> {
  const currency = c.currency as Currency;
  const t = c.terms as { restructure?: Restructure; waiver?: Waiver; settlement?: Settlement };
  let explanation: Bilingual | null = null;
  if (t.restructure) explanation = explainRestructure(t.restructure, currency);
  else if (t.waiver) explanation = explainWaiver(t.waiver, currency);
  else if (t.settlement) explanation = explainSettlement(t.settlement, currency);
  return {
    id: c.id, accountRef: c.accountRef, kind: c.kind, status: c.status, requestedOn: c.requestedOn, requestedAt: c.requestedAt, slaDueAt: c.slaDueAt, decidedAt: c.decidedAt,
    effectiveOn: c.effectiveOn, currency: c.currency, concessionMinor: c.concessionMinor, decisionNote: c.decisionNote, explanation,
    schedule: (t.restructure?.items ?? []).map((i) => ({ n: i.n, dueOn: i.dueOn, amountMinor: i.amountMinor })),
    totalPayableMinor: t.restructure?.totalPayableMinor ?? null,
    hasAgreement: c.status !== 'pending_approval' && c.status !== 'rejected',
  };
}

export interface NegotiationRouteDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
}

export function registerNegotiationRoutes(server: FastifyInstance, deps: NegotiationRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['negotiation'];

  r.post('/api/v1/plans/preview', { config: { access: ACCESS.caseWork },
    schema: { summary: '分期试算: a plan as it would be committed now (schedule, cost, annualised rate, what is waived); writes nothing', tags, body: PlanPreviewInputSchema, response: { 200: PlanPreviewSchema, ...errors } },
  }, async (req) => previewPlan(deps, req.body));

  const writes = [
    ['/api/v1/plans', '分期: commit a plan (within the maker\'s limit at once, otherwise to the approval queue)', PlanInputSchema.omit(AS_SESSION), commitPlan],
    ['/api/v1/deferrals', '延期: ask for a deferral (eligibility by policy)', DeferralInputSchema.omit(AS_SESSION), requestDeferral],
    ['/api/v1/waivers', '减免: ask for an interest, penalty or fee waiver', WaiverInputSchema.omit(AS_SESSION), requestWaiver],
    ['/api/v1/settlements', '和解: ask for a settlement (pay an amount by a date, the rest forgiven)', SettlementInputSchema.omit(AS_SESSION), requestSettlement],
  ] as const;
  for (const [path, summary, body, run] of writes) {
    r.post(path, { config: { access: ACCESS.caseWork }, schema: { summary, tags, headers: keyHeader, body, response: concessionAnswer } }, async (req, reply) => {
      const out = await run({ ...deps }, { ...req.body, ...maker(principalOf(req)) }, { idempotencyKey: `${path}:${req.headers['idempotency-key']}`, source: 'api' });
      reply.header('idempotent-replayed', String(out.replayed));
      return reply.status(out.replayed ? 200 : 201).send({ ...out.result });
    });
  }

  r.get('/api/v1/concessions/pending', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'The approval queue: pending concessions, the one whose SLA ends first first, with whether it is overdue', tags, querystring: z.object({ limit: z.coerce.number().int().min(1).max(MAX_PENDING_LISTED).default(100) }),
      response: { 200: z.object({ asOf: z.string(), items: z.array(PendingConcessionSchema) }), 400: ErrorSchema },
    },
  }, async (req) => {
    const now = deps.clock.now();
    const items = await listPending(deps.db, req.query.limit);
    return { asOf: now, items: items.map((c) => ({ ...c, slaOverdue: c.slaDueAt !== null && c.slaDueAt < now })) };
  });

  for (const [verb, run] of [['approve', approveConcession], ['reject', rejectConcession]] as const) {
    r.post(`/api/v1/concessions/:id/${verb}`, { config: { access: ACCESS.caseWork },
      schema: {
        summary: verb === 'approve' ? 'Four-eyes: a checker (another person whose role limit covers it) approves a pending concession' : 'A checker rejects a pending concession',
        tags, params: z.object({ id: z.coerce.number().int().positive() }), headers: keyHeader, body: DecisionInputSchema.omit({ concessionId: true, ...AS_SESSION }), response: verb === 'approve' ? concessionAnswer : ok,
      },
    }, async (req) => {
      const out = await run({ ...deps }, { ...req.body, ...maker(principalOf(req)), concessionId: req.params.id }, { idempotencyKey: `concession-${verb}:${req.headers['idempotency-key']}` });
      return { ...out.result };
    });
  }

  r.get('/api/v1/accounts/:id/concessions', { config: { access: ACCESS.staff },
    schema: { summary: 'An account\'s plans, deferrals, waivers and settlements, newest first', tags, params: z.object({ id: z.string().min(1).max(64) }), response: { 200: z.object({ items: z.array(ConcessionSchema) }), 404: ErrorSchema } },
  }, async (req) => {
    const [a] = await deps.db.query<{ id: number }>('SELECT id FROM accounts WHERE ref = $1', [req.params.id]);
    if (!a) throw new AppError('NOT_FOUND', `id: no account '${req.params.id}'`, { issues: [{ path: 'id', message: 'no such account' }] });
    return { items: await listConcessions(deps.db, a.id) };
  });

  r.get('/api/v1/accounts/:id/promises', { config: { access: ACCESS.staff },
    schema: {
      summary: 'An account\'s promises to pay (承诺还款), newest first: status (open, kept, partly kept, broken), what was paid, and the payments dated in each promise\'s window that counted',
      tags, params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: z.object({ items: z.array(PromiseViewSchema) }), 404: ErrorSchema },
    },
  }, async (req) => {
    const [a] = await deps.db.query<{ id: number }>('SELECT id FROM accounts WHERE ref = $1', [req.params.id]);
    if (!a) throw new AppError('NOT_FOUND', `id: no account '${req.params.id}'`, { issues: [{ path: 'id', message: 'no such account' }] });
    const [promises, payments] = await Promise.all([listPromises(deps.db, a.id), listPromisePayments(deps.db, a.id)]);
    return {
      items: promises.map((p) => ({
        id: p.id, caseId: p.caseId, amountMinor: p.amountMinor, currency: p.currency, promisedOn: p.promisedOn, dueOn: p.dueOn, graceDays: p.graceDays,
        windowEndsOn: addDays(p.dueOn, p.graceDays), status: p.status, paidMinor: p.paidMinor, evaluatedOn: p.evaluatedOn, source: p.source,
        createdBy: p.createdBy, createdAt: p.createdAt,
        payments: payments.filter((x) => x.promiseId === p.id).map(({ promiseId: _p, ...x }) => x),
      })),
    };
  });

  r.get('/api/v1/concessions/:id/agreement', { config: { access: ACCESS.staff },
    schema: { summary: 'The agreement of a concession as PDF; its sha256 is in the audit log', tags, params: z.object({ id: z.coerce.number().int().positive() }), querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }) },
  }, async (req, reply) => {
    const c = await getConcession(deps.db, req.params.id);
    const a = c && (await getAgreement(deps.db, c.id, req.query.lang));
    if (!a) throw new AppError('NOT_FOUND', `id: no agreement for concession ${req.params.id}`, { issues: [{ path: 'id', message: 'no agreement' }] });
    return reply.header('content-type', 'application/pdf').header('x-sha256', a.sha256).send(a.pdf);
  });

  r.post('/api/v1/portal/options', { config: { access: ACCESS.debtor },
    schema: { summary: '自助协商: the options this account is eligible for, each computed within policy and explained in zh-CN and en', tags: ['portal'], body: PortalAcceptInputSchema.pick({ accountRef: true }), response: { 200: PortalOptionsSchema, ...errors } },
  }, async (req) => {
    await ownAccountOr404(deps.db, req.body.accountRef, debtorOf(req), 'accountRef');
    // PortalOption types its choice and terms loosely; PortalOptionsSchema is their exact shape, which the serializer checks.
    return (await portalOptions(deps, req.body)) as z.infer<typeof PortalOptionsSchema>;
  });

  r.post('/api/v1/portal/accept', { config: { access: ACCESS.debtor },
    schema: { summary: 'The debtor accepts an option: inside the auto-approve limit at once, above it to the approval queue with an SLA', tags: ['portal'], headers: keyHeader, body: PortalAcceptInputSchema, response: { 200: PortalAcceptSchema, 201: PortalAcceptSchema, ...errors } },
  }, async (req, reply) => {
    await ownAccountOr404(deps.db, req.body.accountRef, debtorOf(req), 'accountRef');
    const out = await acceptPortalOption(deps, req.body, { idempotencyKey: `portal-accept:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send(out);
  });

  r.get('/api/v1/portal/concessions', { config: { access: ACCESS.debtor },
    schema: { summary: '我的申请: the debtor\'s own plans, deferrals, waivers and settlements on all their accounts, newest first, with status, decision and schedule', tags: ['portal'], querystring: z.object({ limit: z.coerce.number().int().min(1).max(MAX_PORTAL_REQUESTS_LISTED).default(50) }), response: { 200: z.object({ items: z.array(PortalConcessionSchema) }) } },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), async (db) => ({ items: (await listCustomerConcessions(db, debtorOf(req), req.query.limit)).map(portalConcession) })));

  r.get('/api/v1/portal/concessions/:id/agreement', { config: { access: ACCESS.debtor },
    schema: { summary: 'The agreement of one of my concessions as PDF', tags: ['portal'], params: z.object({ id: z.coerce.number().int().positive() }), querystring: z.object({ lang: z.enum(['zh-CN', 'en']).default('zh-CN') }) },
  }, async (req, reply) => {
    const a = await withDebtorScope(deps.db, debtorOf(req), async (db) => {
      const c = await getConcession(db, req.params.id);
      return c && c.customerId === debtorOf(req) ? getAgreement(db, c.id, req.query.lang) : undefined;
    });
    if (!a) throw new AppError('NOT_FOUND', `id: no agreement for concession ${req.params.id}`, { issues: [{ path: 'id', message: 'no agreement' }] });
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="agreement-${req.params.id}-${req.query.lang}.pdf"`).send(a.pdf);
  });
}
