/**
 * HTTP: agencies, placement rules, placement and recall, commission statements and scorecards (lender
 * staff), and the agency users' own routes under /api/v1/agency, which read only through the agency
 * scope of the caller's session (principal.agencyId) and answer 404 for any account not placed with
 * that agency. `registerAgencyGuards` refuses agency users calling from outside their agency's IP
 * allow-list.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../main.ts';
import type { Db } from '../../platform/db.ts';
import { ACCESS, principalOf } from '../../platform/access.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { checkCallNow } from '../contacts/index.ts';
import { VerdictSchema, type CompiledPack } from '../compliance/index.ts';
import { getCollector, lockCase, recordCallOutcome, CallOutcomeFieldsSchema, CallOutcomeResultSchema } from '../worklist/index.ts';
import { qaScores } from '../quality/index.ts';
import { ipAllowed } from './agencies.rules.ts';
import { agencyAllowList, getAgency, listAgencies, listOpenRecommendations, listPlacementRules, listPlacements } from './agencies.store.ts';
import {
  acceptAgencyRecommendation, placeAccount, placeAccounts, recallAccount, recallPlacements, upsertAgency, upsertPlacementRule, type QaScoreSource,
} from './agencies.commands.ts';
import { agencyScorecard, commissionStatementFor, isPlacedWith, placedAccount, placedAccountContacts, placedAccounts } from './agencies.queries.ts';
import {
  AcceptRecommendationInputSchema, AgencyInputSchema, PlaceAccountInputSchema, PlacementRuleInputSchema, RecallAccountInputSchema, isoDate,
  AGENCY_STATUSES, BREACH_ACTIONS, COMMISSION_BASES, PLACEMENT_SOURCES, RECALL_REASONS,
} from './agencies.types.ts';

/** Placements listed at most by one request. */
export const MAX_PLACEMENTS_LISTED = 500;
/** Open agency recommendations listed at most by one request. */
export const MAX_RECOMMENDATIONS_LISTED = 500;

// ------------------------------------------------------------ response shapes (the UI's types are generated from these)

const int = z.number().int();
const bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });
const reasonCounts = <T extends readonly [string, ...string[]]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, int])) as Record<T[number], typeof int>);
const AgencySchema = z.object({
  id: z.string(), name: z.string(), status: z.enum(AGENCY_STATUSES), statusReason: z.unknown(),
  contact: z.object({ person: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }),
  ipAllowList: z.array(z.string()),
  commission: z.object({ basis: z.enum(COMMISSION_BASES), tiers: z.array(z.object({ from: int, rateBp: int })) }),
  maxDaysPlaced: int, complaintThresholdPer10k: int.nullable(), minQaScore: int.nullable(), breachAction: z.enum(BREACH_ACTIONS),
});
const PlacementRuleSchema = z.object({
  code: z.string(), priority: int, buckets: z.array(z.string()), products: z.array(z.string()), jurisdictions: z.array(z.string()), regions: z.array(z.string()),
  minBalanceMinor: int.nullable(), maxBalanceMinor: int.nullable(), minDpd: int.nullable(), maxDpd: int.nullable(),
  allocations: z.array(z.object({ agencyId: z.string(), shareBp: int })), active: z.boolean(),
});
const PlacementSchema = z.object({
  id: int, accountId: int, accountRef: z.string(), agencyId: z.string(), placedOn: z.string(), source: z.enum(PLACEMENT_SOURCES), ruleCode: z.string().nullable(),
  placedBy: z.string(), balanceAtPlacementMinor: int, dpdAtPlacement: int, recallDueOn: z.string(), endedOn: z.string().nullable(),
  endReason: z.enum(RECALL_REASONS).nullable(), endDetails: z.unknown(), endedBy: z.string().nullable(),
});
const PlaceRunSchema = z.object({
  businessDate: z.string(), placed: int, byAgency: z.record(z.string(), int), unplaced: reasonCounts(['no_rule', 'no_agency_available'] as const),
  handedOver: int.describe("Placed cases the agencies' collectors took in the worklist"),
});
const RecalledSchema = z.object({ placementId: int, accountRef: z.string(), agencyId: z.string(), reason: z.enum(RECALL_REASONS) });
const RecallRunSchema = z.object({
  businessDate: z.string(),
  recalled: z.array(RecalledSchema),
  agencies: z.array(z.object({
    agencyId: z.string(), window: z.object({ from: z.string(), to: z.string() }), complaints: int, contacts: int, qaScore: z.number().nullable(),
    breaches: z.array(z.object({ reason: z.enum(['complaints', 'qa_score']), value: z.number().nullable(), threshold: z.number(), message: bilingual })),
    suspended: z.boolean(),
  })),
});
const ScorecardSchema = z.object({
  agencyId: z.string(), period: z.object({ from: z.string(), to: z.string() }), placedAccounts: int, newPlacements: int, baseMinor: int, recoveredMinor: int,
  recoveryRateBp: int, contacts: int, complaints: int, complaintsByCategory: z.record(z.string(), int),
  complaintsPer10k: int.nullable().describe('Complaints per 10,000 contacts, rounded down; null when there were complaints and no contacts'),
  qaScore: z.number().nullable(), recalls: reasonCounts(RECALL_REASONS),
});
const StatementSchema = z.object({
  agencyId: z.string(), month: z.string(), period: z.object({ from: z.string(), to: z.string() }), basis: z.enum(COMMISSION_BASES), currency: z.string(),
  placements: int, baseMinor: int, recoveredMinor: int, recoveryRateBp: int, commissionMinor: int,
  lines: z.array(z.object({ placementId: int, accountRef: z.string(), dpdAtPlacement: int, balanceAtPlacementMinor: int, recoveredMinor: int, rateBp: int, commissionMinor: int })),
});
const RecommendationSchema = z.object({
  accountRef: z.string(), recommendedOn: z.string().describe('The business date of the recommendation: accept it with this date'),
  strategyVersion: int.nullable(), strategyRow: z.string().nullable(), productCode: z.string(), jurisdiction: z.string(), currency: z.string(),
  bucket: z.string(), dpd: int, overdueMinor: int, balanceMinor: int,
});
const PlacedAccountSchema = z.object({
  accountRef: z.string(), productCode: z.string(), currency: z.string(), placedOn: z.string(), recallDueOn: z.string(), closedThrough: z.string(),
  dpd: int, bucket: z.string(), overdueMinor: int, outstandingMinor: int, customerName: z.string(), region: z.string().nullable(),
});
const PlacedAccountDetailSchema = PlacedAccountSchema.extend({
  owed: z.object({ principalMinor: int, interestMinor: int, penaltyMinor: int, feesMinor: int, creditMinor: int }),
  customer: z.object({ name: z.string(), idNumberMasked: z.string().nullable(), region: z.string().nullable(), phones: z.array(z.string()), language: z.string(), timeZone: z.string(), jurisdiction: z.string() }),
  dueItems: z.array(z.object({ seq: int, kind: z.string(), dueOn: z.string(), principalOwedMinor: int, interestOwedMinor: int, penaltyOwedMinor: int, feesOwedMinor: int, settledOn: z.string().nullable() })),
});
const AgencyContactSchema = z.object({
  at: z.string(), channel: z.string(), direction: z.string(), recipientRole: z.string(), outcome: z.string(), initiatorKind: z.string(), initiatorId: z.string(),
  contactPoint: z.string().nullable(), collectorId: z.string().nullable(),
});

const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
const refParams = z.object({ ref: z.string().min(1).max(64) });
const idParams = z.object({ id: z.string().min(1).max(64) });

/** The quality module's average review score per agency, as the recall loop and the scorecard take it. */
export const qualityQaScores: QaScoreSource = async (db, period) =>
  (await qaScores(db, period)).agencies.flatMap((a) => (a.agencyId === null ? [] : [{ agencyId: a.agencyId, averageScore: a.averageScore }]));

/** Whether an address may reach the API as a user of the agency (an unknown agency: no). */
export async function agencyIpAllowed(db: Db, agencyId: string, ip: string): Promise<boolean> {
  const list = await agencyAllowList(db, agencyId);
  return list !== null && ipAllowed(list, ip);
}

/**
 * Refuses (403) every request of an agency user whose address is not in the agency's IP allow-list.
 * Registered after the access control, whose onRequest hook sets the principal.
 */
export async function registerAgencyGuards(server: FastifyInstance, app: Pick<App, 'db'>): Promise<void> {
  server.addHook('onRequest', async (req) => {
    const agencyId = req.principal?.agencyId;
    if (!agencyId) return;
    if (!(await agencyIpAllowed(app.db, agencyId, req.ip))) {
      throw new AppError('FORBIDDEN', `your address ${req.ip} is not in the IP allow-list of agency ${agencyId}: ask the lender to add your office network`);
    }
  });
}

function agencyOf(req: FastifyRequest): string {
  const p = principalOf(req);
  if (!p.agencyId) throw new AppError('FORBIDDEN', 'only agency users may use the agency routes');
  return p.agencyId;
}

const key = (req: FastifyRequest) => req.headers['idempotency-key'] as string;

export function registerAgencyRoutes(server: FastifyInstance, app: Pick<App, 'db' | 'clock'>, deps: { packs: Record<string, CompiledPack> }): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['agencies'];
  const { db, clock } = app;

  // ------------------------------------------------------------ lender staff

  r.get('/api/v1/agencies', { config: { access: ACCESS.staff }, schema: { summary: 'List agencies', tags, response: { 200: z.object({ items: z.array(AgencySchema) }) } } }, async () => ({ items: await listAgencies(db) }));

  r.get('/api/v1/agencies/:id', { config: { access: ACCESS.staff }, schema: { summary: 'One agency', tags, params: idParams, response: { 200: AgencySchema } } }, async (req) => {
    const a = await getAgency(db, req.params.id);
    if (!a) throw new AppError('NOT_FOUND', `id: no agency '${req.params.id}'`, { issues: [{ path: 'id', message: 'no such agency' }] });
    return a;
  });

  r.put('/api/v1/agencies/:id', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'Create or change an agency (status, IP allow-list, commission tiers, recall policy)', tags, params: idParams, headers: keyHeader, body: AgencyInputSchema.omit({ id: true }), response: { 200: AgencySchema } },
  }, async (req) => (await upsertAgency(db, clock, { ...req.body, id: req.params.id }, { actor: principalOf(req).actor, idempotencyKey: key(req) })).result);

  r.get('/api/v1/placement-rules', { config: { access: ACCESS.staff }, schema: { summary: 'Placement rules, in the order they are tried', tags, response: { 200: z.object({ items: z.array(PlacementRuleSchema) }) } } }, async () => ({ items: await listPlacementRules(db) }));

  r.put('/api/v1/placement-rules/:code', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'Create or change a placement rule', tags, params: z.object({ code: z.string().min(1).max(64) }), headers: keyHeader, body: z.record(z.string(), z.unknown()), response: { 200: PlacementRuleSchema } },
  }, async (req) => {
    const parsed = PlacementRuleInputSchema.safeParse({ ...req.body, code: req.params.code });
    if (!parsed.success) throw new AppError('VALIDATION_FAILED', parsed.error.issues.map((i) => `body.${i.path.join('.')}: ${i.message}`).join('; '), { issues: parsed.error.issues.map((i) => ({ path: `body.${i.path.join('.')}`, message: i.message })) });
    return (await upsertPlacementRule(db, clock, parsed.data, { actor: principalOf(req).actor, idempotencyKey: key(req) })).result;
  });

  r.get('/api/v1/placements', {
    config: { access: ACCESS.staff },
    schema: { summary: 'Placements, newest first (history included)', tags, querystring: z.object({ agencyId: z.string().max(64).optional(), accountRef: z.string().max(64).optional(), active: z.enum(['true', 'false']).optional() }), response: { 200: z.object({ items: z.array(PlacementSchema) }) } },
  }, async (req) => ({
    items: await listPlacements(db, { ...(req.query.agencyId ? { agencyId: req.query.agencyId } : {}), ...(req.query.accountRef ? { accountRef: req.query.accountRef } : {}), activeOnly: req.query.active === 'true' }, MAX_PLACEMENTS_LISTED),
  }));

  r.post('/api/v1/placements/run', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'Place every unplaced account with an open case by the placement rules', tags, headers: keyHeader, body: z.object({ businessDate: isoDate }), response: { 200: PlaceRunSchema } },
  }, async (req) => (await placeAccounts(db, clock, req.body, { actor: principalOf(req).actor, idempotencyKey: key(req) })).result);

  r.post('/api/v1/placements', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'Place one account with an agency by hand', tags, headers: keyHeader, body: PlaceAccountInputSchema, response: { 200: PlacementSchema, 201: PlacementSchema } },
  }, async (req, reply) => {
    const out = await placeAccount(db, clock, req.body, { actor: principalOf(req).actor, idempotencyKey: key(req) });
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });

  r.post('/api/v1/placements/recall', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'Recall one account from its agency, saying why', tags, headers: keyHeader, body: RecallAccountInputSchema, response: { 200: RecalledSchema } },
  }, async (req) => (await recallAccount(db, clock, req.body, { actor: principalOf(req).actor, idempotencyKey: key(req) })).result);

  r.post('/api/v1/placements/recall-run', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'The recall loop of a date: days placed, complaints per 10k contacts, QA scores', tags, headers: keyHeader, body: z.object({ businessDate: isoDate }), response: { 200: RecallRunSchema } },
  }, async (req) => (await recallPlacements(db, clock, req.body, { actor: principalOf(req).actor, idempotencyKey: key(req) }, { qaScores: qualityQaScores })).result);

  r.get('/api/v1/placements/recommendations', {
    config: { access: ACCESS.supervisors },
    schema: {
      summary: "The strategy's open agency recommendations of accounts not placed now (the latest per account), newest first", tags,
      response: { 200: z.object({ items: z.array(RecommendationSchema) }) },
    },
  }, async () => ({ items: await listOpenRecommendations(db, MAX_RECOMMENDATIONS_LISTED) }));

  r.post('/api/v1/placements/accept-recommendation', {
    config: { access: ACCESS.supervisors },
    schema: { summary: "Accept the strategy's agency recommendation: the account is placed", tags, headers: keyHeader, body: AcceptRecommendationInputSchema, response: { 200: PlacementSchema } },
  }, async (req) => (await acceptAgencyRecommendation(db, clock, req.body, { actor: principalOf(req).actor, idempotencyKey: key(req) })).result);

  r.get('/api/v1/agencies/:id/statements/:month', {
    config: { access: ACCESS.supervisors },
    schema: { summary: 'Commission statement of a month (payments while placed × tier rate, half up per line)', tags, params: z.object({ id: z.string().min(1).max(64), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM') }), response: { 200: StatementSchema } },
  }, async (req) => commissionStatementFor(db, req.params.id, req.params.month));

  r.get('/api/v1/agencies/:id/scorecard', {
    config: { access: ACCESS.staff },
    schema: { summary: 'Performance: placed accounts, recovered, recovery rate, contacts, complaints per 10k contacts, QA score, recalls', tags, params: idParams, querystring: z.object({ from: isoDate, to: isoDate }), response: { 200: ScorecardSchema } },
  }, async (req) => {
    if (req.query.to < req.query.from) throw new AppError('VALIDATION_FAILED', `querystring.to: must not be before from (${req.query.from})`, { issues: [{ path: 'querystring.to', message: 'before from' }] });
    return agencyScorecard(db, req.params.id, req.query, { qaScores: qualityQaScores });
  });

  // ------------------------------------------------------------ agency users

  const agencyTags = ['agency'];

  r.get('/api/v1/agency/accounts', {
    config: { access: ACCESS.agency },
    schema: { summary: 'The accounts placed with my agency (masked customer fields)', tags: agencyTags, querystring: z.object({ bucket: z.string().max(10).optional() }), response: { 200: z.object({ items: z.array(PlacedAccountSchema) }) } },
  }, async (req) => ({ items: await placedAccounts(db, agencyOf(req), { bucket: req.query.bucket }) }));

  r.get('/api/v1/agency/accounts/:ref', {
    config: { access: ACCESS.agency },
    schema: { summary: 'One placed account: what is owed, item by item, and the masked customer', tags: agencyTags, params: refParams, response: { 200: PlacedAccountDetailSchema } },
  }, async (req) => placedAccount(db, agencyOf(req), req.params.ref));

  r.get('/api/v1/agency/accounts/:ref/contacts', {
    config: { access: ACCESS.agency },
    schema: { summary: 'Contact history of a placed account', tags: agencyTags, params: refParams, response: { 200: z.object({ items: z.array(AgencyContactSchema) }) } },
  }, async (req) => ({ items: await placedAccountContacts(db, agencyOf(req), req.params.ref) }));

  const placedOr404 = async (agencyId: string, ref: string) => {
    if (!(await isPlacedWith(db, agencyId, ref))) {
      throw new AppError('NOT_FOUND', `accountRef: no account '${ref}' is placed with your agency`, { issues: [{ path: 'accountRef', message: 'not placed with your agency' }] });
    }
  };

  r.post('/api/v1/agency/accounts/:ref/call-check', {
    config: { access: ACCESS.agency },
    schema: {
      summary: 'Ask the compliance gate whether my agency may call the debtor now (same gate, cross-agency caps)', tags: agencyTags, params: refParams,
      body: z.object({ contactPoint: z.string().min(1).max(100), callerNumber: z.string().min(1).max(40) }),
      response: { 200: VerdictSchema },
    },
  }, async (req) => {
    const agencyId = agencyOf(req);
    await placedOr404(agencyId, req.params.ref);
    return checkCallNow(db, deps.packs, { accountRef: req.params.ref, initiatorKind: 'agency', initiatorId: agencyId, contactPoint: req.body.contactPoint, callerNumber: req.body.callerNumber, at: clock.now() });
  });

  r.post('/api/v1/agency/accounts/:ref/call-outcomes', {
    config: { access: ACCESS.agency },
    schema: {
      summary: 'Record a call outcome (催记) on a placed account, as one of my agency’s collectors', tags: agencyTags, params: refParams, headers: keyHeader,
      body: CallOutcomeFieldsSchema,
      response: { 200: CallOutcomeResultSchema, 201: CallOutcomeResultSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  }, async (req, reply) => {
    const agencyId = agencyOf(req);
    await placedOr404(agencyId, req.params.ref);
    const collector = await getCollector(db, req.body.collectorId);
    if (!collector || collector.agencyId !== agencyId) {
      throw new AppError('NOT_FOUND', `body.collectorId: no collector '${req.body.collectorId}' in your agency`, { issues: [{ path: 'body.collectorId', message: 'not a collector of your agency' }] });
    }
    const [acct] = await db.query<{ id: number; case_id: number | null }>(
      `SELECT a.id, c.id AS case_id FROM accounts a LEFT JOIN collection_cases c ON c.account_id = a.id AND c.customer_id = a.customer_id AND c.status = 'open' WHERE a.ref = $1`, [req.params.ref]);
    const actor = principalOf(req).actor;
    // The worklist's own checks apply: the case must be assigned to this agency, and locked by the collector.
    if (acct!.case_id !== null) await lockCase(db, clock, { caseId: acct!.case_id, collectorId: collector.id }, { actor, idempotencyKey: `${key(req)}:lock` });
    const { collectorId, ...fields } = req.body;
    const out = await recordCallOutcome(db, clock, { ...fields, collectorId, accountId: acct!.id }, { actor, idempotencyKey: `agency:${agencyId}:${key(req)}` });
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });
}
