/**
 * HTTP: the debtor assistant in the portal (signed-in debtors only, their own data only) and the
 * hand-offs for staff.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { ACCESS, debtorOf, principalOf } from '../../platform/access.ts';
import { withDebtorScope } from '../../platform/debtor-scope.ts';
import { AnswerSchema, AskInputSchema, HANDOFF_STATUSES, HandoffInputSchema, HandoffSchema, SessionSchema } from './assistant.types.ts';
import { askAssistant, closeHandoff, requestHandoff, type AssistantDeps } from './assistant.commands.ts';
import { getSession, listHandoffs, MAX_HANDOFFS_LISTED } from './assistant.store.ts';

const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(200).describe('Required: a retry with the same key returns the first answer') });
const tags = ['assistant'];

export function registerAssistantRoutes(server: FastifyInstance, deps: AssistantDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/portal/assistant/messages', { config: { access: ACCESS.debtor },
    schema: {
      summary: 'Ask the assistant about my own accounts (how much, why, by when, options, rights, complaints, is a call genuine); answered from the ledger and the policies, logged',
      tags: ['portal', ...tags], headers: keyHeader, body: AskInputSchema,
      response: { 200: AnswerSchema, 201: AnswerSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 429: ErrorSchema },
    },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const out = await askAssistant(deps, customerId, req.body, { idempotencyKey: `assistant:${customerId}:${req.headers['idempotency-key']}` });
    reply.header('idempotent-replayed', String(out.replayed));
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });

  r.get('/api/v1/portal/assistant/sessions/:id', { config: { access: ACCESS.debtor },
    schema: {
      summary: 'One of my conversations with the assistant: every message and answer, and its hand-off if any',
      tags: ['portal', ...tags], params: z.object({ id: z.string().min(1).max(64) }),
      response: { 200: SessionSchema, 404: ErrorSchema },
    },
  }, async (req) => {
    const s = await withDebtorScope(deps.db, debtorOf(req), (db) => getSession(db, req.params.id));
    if (!s || s.customerId !== debtorOf(req)) throw new AppError('NOT_FOUND', `id: no conversation '${req.params.id}'`, { issues: [{ path: 'id', message: 'no such conversation' }] });
    const { customerId: _c, ...session } = s;
    return session;
  });

  r.post('/api/v1/portal/assistant/handoffs', { config: { access: ACCESS.debtor },
    schema: {
      summary: 'Talk to a person: the conversation so far goes to staff, who contact me',
      tags: ['portal', ...tags], headers: keyHeader, body: HandoffInputSchema,
      response: { 200: HandoffSchema, 201: HandoffSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const out = await requestHandoff(deps, customerId, req.body, { idempotencyKey: `assistant-handoff:${customerId}:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });

  r.get('/api/v1/assistant/handoffs', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'Conversations the assistant handed to a person, with their transcripts (open ones oldest first)',
      tags, querystring: z.object({
        status: z.enum(HANDOFF_STATUSES).default('open'),
        customerId: z.string().min(1).max(64).optional(),
        limit: z.coerce.number().int().min(1).max(MAX_HANDOFFS_LISTED).default(50),
      }),
      response: { 200: z.object({ items: z.array(HandoffSchema) }), 400: ErrorSchema },
    },
  }, async (req) => ({ items: await listHandoffs(deps.db, req.query) }));

  r.post('/api/v1/assistant/handoffs/:id/close', { config: { access: ACCESS.caseWork },
    schema: {
      summary: 'Close a hand-off once the debtor has been helped',
      tags, headers: keyHeader, params: z.object({ id: z.coerce.number().int().positive() }),
      response: { 200: HandoffSchema, 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
    },
  }, async (req) => (await closeHandoff(deps, req.params.id, { actor: principalOf(req).actor, idempotencyKey: `assistant-close:${req.headers['idempotency-key']}` })).result);
}
