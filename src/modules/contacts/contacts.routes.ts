/**
 * HTTP: verify codes (public, rate-limited, no personal data), templates, registered senders,
 * disputes, and what was planned and sent for an account or a debtor.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { PROVIDER_CHANNELS } from './providers/provider.types.ts';
import { DisputeInputSchema, LANGUAGES, OUTBOX_STATUSES, SenderInputSchema } from './contacts.types.ts';
import { checkCallNow, openDispute, registerSender, saveTemplate, verifyCode, type VerifyAnswer } from './contacts.commands.ts';
import { VerdictSchema, type CompiledPack } from '../compliance/index.ts';
import { OpenedDisputeSchema } from '../complaints/index.ts';
import type { LenderProfile } from './contacts.dispatch.ts';
import { ACCESS, debtorOf, principalOf } from '../../platform/access.ts';
import { withDebtorScope } from '../../platform/debtor-scope.ts';
import { hitRateLimit } from '../../platform/rate-limit.ts';

/** Verify-code lookups allowed per client address per minute: enough for a person, too few to guess codes. */
export const VERIFY_LOOKUPS_PER_MINUTE = 10;

const Bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });
const VerifySchema = z.object({
  code: z.string(), genuine: z.boolean(), sender: z.object({ kind: z.enum(['lender', 'agency']), name: z.string() }).optional(), channel: z.string().optional(),
  sentAt: z.string().nullable().optional(), scheduledFor: z.string().optional(), status: z.string().optional(), message: Bilingual, howToReport: Bilingual.optional(),
});
const int = z.number().int();
/**
 * A compliance verdict as stored with a planned contact (gate.rules.ts storedVerdict): the rules that
 * passed by id, the failed and flagged ones in full. Planning's own denial (no usable channel) stores
 * only the decision, the denying rule and a reason.
 */
const StoredVerdictSchema = VerdictSchema.pick({ decision: true, denyingRules: true }).extend({
  ...VerdictSchema.pick({ jurisdiction: true, packs: true, now: true, requiredActions: true, flags: true, trace: true }).partial().shape,
  nextAllowedAt: VerdictSchema.shape.nextAllowedAt,
  passed: z.array(z.string()).optional().describe('Ids of the rules that passed (rule:check where a rule has several checks)'),
  notApplicable: int.optional().describe('How many rules did not apply to this contact'),
  reason: z.string().optional().describe("Planning's own denial: why no contact could be planned"),
});
/** A planned or sent contact of an account with its verdicts (the contacts_outbox columns the route selects). */
const AccountContactSchema = z.object({
  reference: z.string(), businessDate: z.string(), action: z.string(), channel: z.enum(PROVIDER_CHANNELS), template: z.string().nullable(), language: z.string(),
  status: z.enum(OUTBOX_STATUSES), scheduledAt: z.string(), sentAt: z.string().nullable(), deliveredAt: z.string().nullable(), verifyCode: z.string(),
  initiatorKind: z.string(), initiatorId: z.string(), strategyVersion: int.nullable(), strategyRow: z.string().nullable(), experiment: z.string().nullable(), arm: z.string().nullable(),
  text: z.string().nullable().describe('The text as rendered when sent'), reason: z.string().nullable().describe('The last error or why it was not sent'),
  planDecision: VerdictSchema.shape.decision.nullable(), dispatchDecision: VerdictSchema.shape.decision.nullable(),
  planVerdict: StoredVerdictSchema, dispatchVerdict: StoredVerdictSchema.nullable().describe('The verdict at the moment of sending (null until then)'),
});
/** One contact with the debtor, either direction, whoever made it (contact_history). */
const ContactHistorySchema = z.object({
  at: z.string(), channel: z.string(), direction: z.enum(['outbound', 'inbound']), recipientRole: z.string(), outcome: z.string(), initiatorKind: z.string(), initiatorId: z.string(),
  accountRef: z.string().nullable(), reference: z.string().nullable().describe('The outbox reference of a planned contact'), verifyCode: z.string().nullable(),
});
const OutboxStatsSchema = z.object({
  byStatus: z.array(z.object({ businessDate: z.string(), channel: z.string(), status: z.string(), n: int })),
  blockedByRule: z.array(z.object({ rule: z.string(), n: int })),
});
const idemHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).describe('Required: a retry with the same key returns the first result') });

export function registerContactRoutes(server: FastifyInstance, deps: { db: Db; clock: Clock; lender: LenderProfile; packs: Record<string, CompiledPack> }): void {
  const r = server.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/verify/:code', { config: { access: 'public' },
    schema: {
      tags: ['contacts'],
      summary: 'Is this call or message genuine? Tells who sent it, when and how; never personal data.',
      params: z.object({ code: z.string().min(1).max(32) }),
      response: { 200: VerifySchema },
    },
  }, async (req) => {
    // Counted in the database, so the limit holds across processes; a verify code must not be guessable by trying.
    await hitRateLimit(deps.db, deps.clock, 'verify_ip', req.ip, { limit: VERIFY_LOOKUPS_PER_MINUTE, windowSeconds: 60 });
    const answer: VerifyAnswer = await verifyCode(deps.db, deps.lender, req.params.code);
    return answer;
  });

  r.post('/api/v1/templates', { config: { access: ACCESS.compliance },
    schema: {
      tags: ['contacts'], summary: 'Save a template version (variables checked, content lint on save)', headers: idemHeaders,
      body: z.object({ code: z.string(), language: z.enum(LANGUAGES), channel: z.enum(PROVIDER_CHANNELS), subject: z.string().optional(), body: z.string() }),
    },
  }, async (req) => (await saveTemplate(deps.db, deps.clock, req.body, { actor: principalOf(req).actor, idempotencyKey: `template:${req.headers['idempotency-key']}` })).result);

  r.get('/api/v1/templates', { config: { access: ACCESS.staff }, schema: { tags: ['contacts'], summary: 'Latest version of every template' } }, async () =>
    deps.db.query(`SELECT DISTINCT ON (code, language) code, language, version, channel, subject, body, created_at AS "createdAt", created_by AS "createdBy" FROM templates ORDER BY code, language, version DESC`));

  r.post('/api/v1/senders', { config: { access: ACCESS.compliance }, schema: { tags: ['contacts'], summary: 'Register a sender number, caller id or address to the lender or an agency', headers: idemHeaders, body: SenderInputSchema } },
    async (req) => (await registerSender(deps.db, deps.clock, req.body, { actor: principalOf(req).actor, idempotencyKey: `sender:${req.headers['idempotency-key']}` })).result);

  r.get('/api/v1/senders', { config: { access: ACCESS.staff }, schema: { tags: ['contacts'], summary: 'Registered senders' } }, async () =>
    deps.db.query('SELECT id, owner_kind AS "ownerKind", owner_id AS "ownerId", channel, value, registered_on AS "registeredOn", active FROM sender_ids ORDER BY id'));

  r.post('/api/v1/disputes', {
    config: { access: ACCESS.complaintIntake },
    schema: { tags: ['contacts'], summary: 'Dispute a debt: collection on it is held until resolved', headers: idemHeaders, body: DisputeInputSchema, response: { 200: OpenedDisputeSchema, 400: ErrorSchema, 404: ErrorSchema } },
  },
    async (req) => (await openDispute(deps.db, deps.clock, req.body, { actor: principalOf(req).actor, idempotencyKey: `dispute:${req.headers['idempotency-key']}` })).result);

  r.post('/api/v1/contacts/call-check', { config: { access: ACCESS.caseWork },
    schema: {
      tags: ['contacts'],
      summary: 'May this call be made now? The compliance verdict with its trace, before a collector dials',
      body: z.object({
        accountRef: z.string().min(1).max(64),
        initiatorKind: z.enum(['lender', 'agency']),
        initiatorId: z.string().min(1).max(64),
        contactPoint: z.string().min(3).max(40),
        callerNumber: z.string().min(3).max(40),
        at: z.string().datetime({ offset: true }).optional().describe('default: now'),
      }),
    },
  }, async (req) => checkCallNow(deps.db, deps.packs, { ...req.body, at: req.body.at ?? deps.clock.now() }));

  r.get('/api/v1/accounts/:ref/contacts', { config: { access: ACCESS.staff },
    schema: {
      tags: ['contacts'], summary: 'Planned and sent contacts of an account, each with its compliance verdicts',
      params: z.object({ ref: z.string().min(1).max(64) }), querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: { 200: z.array(AccountContactSchema), 400: ErrorSchema, 404: ErrorSchema },
    },
  }, async (req) => {
    const [acct] = await deps.db.query<{ id: number }>('SELECT id FROM accounts WHERE ref = $1', [req.params.ref]);
    if (!acct) throw new AppError('NOT_FOUND', `ref: no account '${req.params.ref}'`, { issues: [{ path: 'ref', message: 'no such account' }] });
    return deps.db.query<z.infer<typeof AccountContactSchema>>(
      `SELECT reference, business_date AS "businessDate", action, channel, template_code AS "template", language, status, scheduled_at AS "scheduledAt", sent_at AS "sentAt",
              delivered_at AS "deliveredAt", verify_code AS "verifyCode", initiator_kind AS "initiatorKind", initiator_id AS "initiatorId", strategy_version AS "strategyVersion",
              strategy_row AS "strategyRow", experiment, arm, rendered_text AS "text", last_error AS "reason",
              plan_verdict->>'decision' AS "planDecision", dispatch_verdict->>'decision' AS "dispatchDecision", plan_verdict AS "planVerdict", dispatch_verdict AS "dispatchVerdict"
       FROM contacts_outbox WHERE account_id = $1 ORDER BY scheduled_at DESC, id DESC LIMIT $2`,
      [acct.id, req.query.limit],
    );
  });

  const inbox = (customerId: string, db: Db = deps.db) => db.query(
    `SELECT reference, kind, title, body, verify_code AS "verifyCode", created_at AS "createdAt", read_at AS "readAt" FROM inbox_messages WHERE customer_id = $1 ORDER BY created_at DESC, id DESC LIMIT 200`,
    [customerId],
  );
  const history = (customerId: string, db: Db = deps.db) => db.query<z.infer<typeof ContactHistorySchema>>(
    `SELECT h.at, h.channel, h.direction, h.recipient_role AS "recipientRole", h.outcome, h.initiator_kind AS "initiatorKind", h.initiator_id AS "initiatorId", a.ref AS "accountRef", o.reference, o.verify_code AS "verifyCode"
     FROM contact_history h LEFT JOIN accounts a ON a.id = h.account_id AND a.customer_id = h.customer_id LEFT JOIN contacts_outbox o ON o.id = h.outbox_id
     WHERE h.customer_id = $1 ORDER BY h.at DESC, h.id DESC LIMIT 500`,
    [customerId],
  );

  r.get('/api/v1/customers/:id/inbox', { config: { access: ACCESS.staff },
    schema: { tags: ['contacts'], summary: 'The debtor’s in-app messages and push notices', params: z.object({ id: z.string().min(1).max(64) }) },
  }, async (req) => inbox(req.params.id));

  r.get('/api/v1/customers/:id/contact-history', { config: { access: ACCESS.staff },
    schema: { tags: ['contacts'], summary: 'Every contact with the debtor, both directions, whoever made it', params: z.object({ id: z.string().min(1).max(64) }) },
  }, async (req) => history(req.params.id));

  r.get('/api/v1/portal/inbox', { config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: 'The signed-in debtor’s in-app messages and push notices' },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), (db) => inbox(debtorOf(req), db)));

  r.get('/api/v1/portal/contact-history', { config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: 'Every contact with the signed-in debtor, with the verify code of each, whoever made it', response: { 200: z.array(ContactHistorySchema) } },
  }, async (req) => withDebtorScope(deps.db, debtorOf(req), (db) => history(debtorOf(req), db)));

  r.get('/api/v1/outbox/stats', { config: { access: ACCESS.staff },
    schema: { tags: ['contacts'], summary: 'Planned contacts by business date, channel and status; blocks by rule', querystring: z.object({ from: z.string().optional(), to: z.string().optional() }), response: { 200: OutboxStatsSchema } },
  }, async (req) => ({
    byStatus: await deps.db.query<{ businessDate: string; channel: string; status: string; n: number }>(
      `SELECT business_date AS "businessDate", channel, status, count(*)::int AS n FROM contacts_outbox
       WHERE ($1::date IS NULL OR business_date >= $1::date) AND ($2::date IS NULL OR business_date <= $2::date)
       GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2, 3 LIMIT 2000`, [req.query.from ?? null, req.query.to ?? null]),
    blockedByRule: await deps.db.query<{ rule: string; n: number }>(
      `SELECT rule, count(*)::int AS n FROM (
         SELECT jsonb_array_elements_text(coalesce(dispatch_verdict->'denyingRules', plan_verdict->'denyingRules', '[]'::jsonb)) AS rule FROM contacts_outbox WHERE status = 'blocked'
       ) x GROUP BY rule ORDER BY n DESC`),
  }));
}
