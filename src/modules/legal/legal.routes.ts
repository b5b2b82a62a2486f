/**
 * HTTP: legal referrals and cases. Writes (refer, accept a recommendation, approve, reject, status,
 * costs, evidence) are for the legal roles and need an Idempotency-Key; reads are for every lender
 * role. Who acts is the session's principal, never a field of the body. Bodies are validated with
 * zod, so a bad field is a 400 naming it; the commands check what only the database can tell.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { ACCESS, principalOf } from '../../platform/access.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import type { CycleHooks } from '../ledger/index.ts';
import { AdvanceInputSchema, CASE_STATUSES, CostInputSchema, DecisionInputSchema, EvidenceInputSchema, LegalPolicySchema, ReferInputSchema } from './legal.types.ts';
import {
  acceptLegalRecommendation, advanceCase, approveReferral, attachEvidence, recordCost, referAccount, referralEligibility, rejectReferral, saveLegalPolicy, type Caller,
} from './legal.commands.ts';
import { caseDetail, listCases, MAX_CASES_LISTED } from './legal.store.ts';

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
/** Results are documented in docs/legal.md; the schema keeps every field the command returns. */
const Result = z.looseObject({});
const ok = { 200: Result, 201: Result, ...errors };
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
const caseParams = z.object({ id: z.coerce.number().int().positive() });

export interface LegalRouteDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
}

const callerOf = (req: FastifyRequest): Caller => {
  const p = principalOf(req);
  return { actor: p.actor, roles: p.roles };
};

export function registerLegalRoutes(server: FastifyInstance, deps: LegalRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['legal'];
  const key = (verb: string, req: FastifyRequest) => `legal-${verb}:${String(req.headers['idempotency-key'])}`;
  const created = <T extends object>(out: { replayed: boolean; result: T }, reply: FastifyReply): FastifyReply => {
    reply.header('idempotent-replayed', String(out.replayed));
    return reply.status(out.replayed ? 200 : 201).send({ ...out.result });
  };

  r.get('/api/v1/legal/eligibility/:accountRef', {
    config: { access: ACCESS.staff },
    schema: { summary: 'Whether an account may be referred to legal action now: every criterion of the policy with its reason (zh-CN, en); writes nothing', tags, params: z.object({ accountRef: z.string().min(1).max(64) }), response: ok },
  }, async (req) => ({ ...(await referralEligibility(deps, req.params.accountRef)) }));

  r.post('/api/v1/legal/referrals', {
    config: { access: ACCESS.legal },
    schema: { summary: '起诉申请: refer an account (a proposed case with its eligibility trace, waiting for a second person); refused with the reasons when a criterion fails', tags, headers: keyHeader, body: ReferInputSchema, response: ok },
  }, async (req, reply) => created(await referAccount(deps, req.body, callerOf(req), { idempotencyKey: key('refer', req), source: 'staff' }), reply));

  r.post('/api/v1/legal/recommendations/accept', {
    config: { access: ACCESS.legal },
    schema: { summary: 'Accept the strategy\'s open recommend_legal for an account: refers it (refused, the recommendation left open, when not eligible)', tags, headers: keyHeader, body: ReferInputSchema, response: ok },
  }, async (req, reply) => created(await acceptLegalRecommendation(deps, req.body, callerOf(req), { idempotencyKey: key('accept', req) }), reply));

  r.post('/api/v1/legal/cases/:id/approve', {
    config: { access: ACCESS.legal },
    schema: {
      summary: 'Four-eyes: another person whose role limit covers the claim approves the referral (the case is prepared); optionally attaches the evidence bundle',
      tags, params: caseParams, headers: keyHeader, body: DecisionInputSchema.extend({ attachEvidence: z.boolean().default(false) }), response: ok,
    },
  }, async (req) => {
    const { attachEvidence: attach, ...body } = req.body;
    return { ...(await approveReferral(deps, req.params.id, body, callerOf(req), { idempotencyKey: key('approve', req), attachEvidence: attach })).result };
  });

  r.post('/api/v1/legal/cases/:id/reject', {
    config: { access: ACCESS.legal },
    schema: { summary: 'Another person rejects the referral', tags, params: caseParams, headers: keyHeader, body: DecisionInputSchema, response: ok },
  }, async (req) => ({ ...(await rejectReferral(deps, req.params.id, req.body, callerOf(req), { idempotencyKey: key('reject', req) })).result }));

  r.post('/api/v1/legal/cases/:id/status', {
    config: { access: ACCESS.legal },
    schema: { summary: 'Move the case on: filed (court, case number), hearing (date), judgment (amount, costs awarded), enforcement, settled, withdrawn, closed', tags, params: caseParams, headers: keyHeader, body: AdvanceInputSchema, response: ok },
  }, async (req) => ({ ...(await advanceCase(deps, req.params.id, req.body, callerOf(req), { idempotencyKey: key('status', req) })).result }));

  r.post('/api/v1/legal/cases/:id/costs', {
    config: { access: ACCESS.legal },
    schema: { summary: 'Record a legal cost: the debtor bears what the policy and the cost cap allow (a LEGAL_COST or LEGAL_FEE ledger entry), the lender the rest', tags, params: caseParams, headers: keyHeader, body: CostInputSchema, response: ok },
  }, async (req, reply) => created(await recordCost(deps, req.params.id, req.body, callerOf(req), { idempotencyKey: key('cost', req) }), reply));

  r.post('/api/v1/legal/cases/:id/evidence', {
    config: { access: ACCESS.legal },
    schema: { summary: 'Attach the account\'s evidence bundle (approval or filing stage); its sha256 goes into the audit log', tags, params: caseParams, headers: keyHeader, body: EvidenceInputSchema, response: ok },
  }, async (req, reply) => created(await attachEvidence(deps, req.params.id, req.body, callerOf(req), { idempotencyKey: key('evidence', req) }), reply));

  r.get('/api/v1/legal/cases', {
    config: { access: ACCESS.staff },
    schema: {
      summary: 'Legal cases, newest first', tags,
      querystring: z.object({ status: z.enum(CASE_STATUSES).optional(), accountRef: z.string().min(1).max(64).optional(), limit: z.coerce.number().int().min(1).max(MAX_CASES_LISTED).default(100) }),
    },
  }, async (req) => ({ items: await listCases(deps.db, req.query) }));

  r.get('/api/v1/legal/cases/:id', {
    config: { access: ACCESS.staff },
    schema: { summary: 'A case with its steps, evidence bundles (hashes) and costs', tags, params: caseParams },
  }, async (req) => {
    const c = await caseDetail(deps.db, req.params.id);
    if (!c) throw new AppError('NOT_FOUND', `id: no legal case ${req.params.id}`, { issues: [{ path: 'id', message: 'no such case' }] });
    return c;
  });

  r.get('/api/v1/legal/cases/:id/evidence/:evidenceId', {
    config: { access: ACCESS.legal },
    schema: { summary: 'An attached evidence bundle (zip); its sha256 is in the x-sha256 header and the audit log', tags, params: caseParams.extend({ evidenceId: z.coerce.number().int().positive() }) },
  }, async (req, reply) => {
    const [e] = await deps.db.query<{ sha256: string; bundle: Uint8Array }>('SELECT sha256, bundle FROM legal_evidence WHERE id = $1 AND case_id = $2', [req.params.evidenceId, req.params.id]);
    if (!e) throw new AppError('NOT_FOUND', `evidenceId: no bundle ${req.params.evidenceId} on case ${req.params.id}`, { issues: [{ path: 'evidenceId', message: 'no such bundle' }] });
    return reply.header('content-type', 'application/zip').header('x-sha256', e.sha256).send(Buffer.from(e.bundle));
  });

  r.post('/api/v1/legal/policies', {
    config: { access: ACCESS.admin },
    schema: { summary: 'Save a legal policy version (criteria, approval limits, cost rules, contact pause)', tags, headers: keyHeader, body: LegalPolicySchema, response: ok },
  }, async (req, reply) => created(await saveLegalPolicy(deps, req.body, callerOf(req), { idempotencyKey: key('policy', req) }), reply));
}
