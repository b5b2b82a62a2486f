/**
 * HTTP: furnishing runs and their files, pre-notices, and credit-report disputes (staff list and
 * resolution; the debtor's own dispute through the portal). The portal route takes the customer from
 * the session only: another debtor's account is "not found" (404), like one that does not exist.
 * Writes need an Idempotency-Key.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { ACCESS, debtorOf, principalOf, type Role } from '../../platform/access.ts';
import { DisputeInputSchema, FILE_FORMATS, NoticeInputSchema, ResolveInputSchema, RunInputSchema, type Furnisher } from './bureau.types.ts';
import { disputeView, openBureauDispute, recordBureauNotice, renderRunFiles, resolveBureauDispute, runFurnishing, sendBureauNotices } from './bureau.commands.ts';
import { getRun, listDisputes, listNotices, listRuns, storedBusinessDate } from './bureau.store.ts';

/** Who furnishes and answers credit-report disputes. */
export const BUREAU_WRITERS = ACCESS.compliance;
/** Who may read runs, files and disputes: the writers and auditors. */
export const BUREAU_READERS = ['compliance_officer', 'admin', 'auditor'] as const satisfies readonly Role[];
/** The most runs, notices or disputes listed at once. */
export const MAX_BUREAU_LISTED = 500;

const Result = z.looseObject({});
/** The debtor's receipt for a credit-report dispute, with the date by which it is answered. */
const PortalDisputeReceiptSchema = z.object({
  id: z.number().int(), accountRef: z.string(), periods: z.array(z.string()).describe('The months disputed (YYYY-MM); empty: every period reported so far'),
  receivedOn: z.string(), dueOn: z.string().describe('The date by which the dispute is answered'), status: z.enum(['open', 'resolved']),
  message: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
const IdParams = z.object({ id: z.coerce.number().int().positive() });
const Limit = z.coerce.number().int().min(1).max(MAX_BUREAU_LISTED).default(100);
const tags = ['bureau'];

export interface BureauRouteDeps {
  db: Db;
  clock: Clock;
  furnisher?: Furnisher;
}

/** Content type and file name extension of each format. */
const FILE_TYPES = { csv: ['text/csv; charset=utf-8', 'csv'], pboc: ['text/plain; charset=utf-8', 'txt'], metro2: ['text/plain; charset=us-ascii', 'dat'] } as const;

export function registerBureauRoutes(server: FastifyInstance, deps: BureauRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const businessDate = async () => (await storedBusinessDate(deps.db)) ?? deps.clock.now().slice(0, 10);
  const bdeps = { db: deps.db, clock: deps.clock, ...(deps.furnisher ? { furnisher: deps.furnisher } : {}) };

  r.post('/api/v1/bureau/runs', {
    config: { access: BUREAU_WRITERS },
    schema: { tags, summary: '征信报送: furnish a month (after its last day is closed); a month is furnished once, again it returns the same run', headers: keyHeader, body: RunInputSchema, response: { 200: Result, 201: Result } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await runFurnishing(bdeps, req.body, { actor: p.actor, idempotencyKey: `bureau-run:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed || out.result.repeated ? 200 : 201).send({ ...out.result });
  });

  r.get('/api/v1/bureau/runs', {
    config: { access: BUREAU_READERS },
    schema: { tags, summary: 'Furnishing runs (monthly and corrections), newest first, with counts and the sha256 of each file', querystring: z.object({ limit: Limit }) },
  }, async (req) => ({ items: await listRuns(deps.db, req.query.limit) }));

  r.get('/api/v1/bureau/runs/:id/file', {
    config: { access: BUREAU_READERS },
    schema: { tags, summary: 'A run\'s file: csv (all accounts), pboc (CN, PBOC-like fixed width), metro2 (US, Metro 2 base segments); the same bytes whenever asked', params: IdParams, querystring: z.object({ format: z.enum(FILE_FORMATS).default('csv') }) },
  }, async (req, reply) => {
    const run = await getRun(deps.db, req.params.id);
    if (!run) throw new AppError('NOT_FOUND', `id: no furnishing run ${req.params.id}`, { issues: [{ path: 'id', message: 'no such run' }] });
    const text = (await renderRunFiles(deps.db, run, deps.furnisher))[req.query.format];
    const [type, ext] = FILE_TYPES[req.query.format];
    return reply.header('content-type', type).header('x-sha256', run.files[req.query.format] ?? '')
      .header('content-disposition', `attachment; filename="bureau-${run.period}-${run.kind}-${run.id}.${ext}"`).send(text);
  });

  r.get('/api/v1/bureau/notices', {
    config: { access: BUREAU_READERS },
    schema: { tags, summary: 'Pre-notices before first negative reports: queued, sent (channel, reference, date)', querystring: z.object({ limit: Limit }) },
  }, async (req) => ({ items: await listNotices(deps.db, { limit: req.query.limit }) }));

  r.post('/api/v1/bureau/notices/send', {
    config: { access: BUREAU_WRITERS },
    schema: { tags, summary: 'Send the queued pre-notices to the debtors\' inboxes (站内信), dated the business date', headers: keyHeader, response: { 200: Result, 201: Result } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await sendBureauNotices(bdeps, { businessDate: await businessDate() }, { actor: p.actor, idempotencyKey: `bureau-notices:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send({ ...out.result });
  });

  r.post('/api/v1/bureau/notices', {
    config: { access: BUREAU_WRITERS },
    schema: { tags, summary: 'Record a pre-notice given outside the queue: a call, in person, or a letter', headers: keyHeader, body: NoticeInputSchema, response: { 200: Result, 201: Result } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await recordBureauNotice(bdeps, req.body, { actor: p.actor, idempotencyKey: `bureau-notice:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send({ ...out.result });
  });

  r.get('/api/v1/bureau/disputes', {
    config: { access: BUREAU_READERS },
    schema: { tags, summary: 'Credit-report disputes with their due dates (CN 20 days, US 30) and whether they are overdue, open ones first by due date', querystring: z.object({ status: z.enum(['open', 'resolved']).optional(), limit: Limit }) },
  }, async (req) => {
    const asOf = await businessDate();
    const items = await listDisputes(deps.db, { ...(req.query.status ? { status: req.query.status } : {}), limit: req.query.limit });
    return { asOf, items: items.map((d) => disputeView(d, asOf)) };
  });

  r.post('/api/v1/bureau/disputes', {
    config: { access: BUREAU_WRITERS },
    schema: { tags, summary: '征信异议登记 (staff intake): the account is marked from the next file on', headers: keyHeader, body: DisputeInputSchema, response: { 200: Result, 201: Result } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const out = await openBureauDispute(bdeps, req.body, { source: 'staff', businessDate: await businessDate() }, { actor: p.actor, idempotencyKey: `bureau-dispute:${req.headers['idempotency-key']}` });
    return reply.status(out.replayed ? 200 : 201).send({ ...out.result });
  });

  r.post('/api/v1/bureau/disputes/:id/resolve', {
    config: { access: BUREAU_WRITERS },
    schema: { tags, summary: 'Answer a credit-report dispute: corrected (correction records), deleted, no_error (mark removed), unverifiable (CN: mark kept; US: deleted)', params: IdParams, headers: keyHeader, body: ResolveInputSchema, response: { 200: Result } },
  }, async (req) => {
    const p = principalOf(req);
    const out = await resolveBureauDispute(bdeps, req.params.id, req.body, { businessDate: await businessDate() }, { actor: p.actor, idempotencyKey: `bureau-resolve:${req.headers['idempotency-key']}` });
    return { ...out.result };
  });

  r.post('/api/v1/portal/bureau-disputes', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: '征信异议: dispute what was reported about one of my accounts; answered within 20 days (CN) or 30 (US)', headers: keyHeader, body: DisputeInputSchema, response: { 200: PortalDisputeReceiptSchema, 201: PortalDisputeReceiptSchema, 400: ErrorSchema, 404: ErrorSchema } },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const p = principalOf(req);
    const out = await openBureauDispute(bdeps, req.body, { source: 'portal', customerId, businessDate: await businessDate() }, { actor: p.actor, idempotencyKey: `portal-bureau-dispute:${customerId}:${req.headers['idempotency-key']}` });
    const d = out.result;
    return reply.status(out.replayed ? 200 : 201).send({
      id: d.id, accountRef: d.accountRef, periods: d.periods, receivedOn: d.receivedOn, dueOn: d.dueOn, status: d.status,
      message: {
        'zh-CN': `您的征信异议已于 ${d.receivedOn} 受理，我们将在 ${d.dueOn} 前书面答复。处理期间，报送信息将标注为异议。`,
        en: `Your credit-report dispute was received on ${d.receivedOn}. We will answer in writing by ${d.dueOn}; until then the reported information is marked as disputed.`,
      },
    });
  });
}
