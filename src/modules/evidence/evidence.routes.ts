/**
 * HTTP: audit verification and the audit log by subject and time; evidence bundles of an account for
 * staff and of the debtor's own account in the portal; retention policies and the purge. Every route
 * declares who may call it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { ACCESS, debtorOf, principalOf, type Role } from '../../platform/access.ts';
import { checkAuditAnchor, verifyAuditChain } from '../../platform/audit-chain.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { ownAccountOr404 } from '../ledger/index.ts';
import { AuditQuerySchema, PurgeInputSchema, RECORD_KINDS, RetentionPolicySchema } from './evidence.types.ts';
import { buildEvidenceBundle, saveRetentionPolicy } from './evidence.commands.ts';
import { purgeRetention } from './evidence.purge.ts';
import { listAudit, loadPolicies } from './evidence.store.ts';

/** Who may export an account's evidence bundle. */
export const EVIDENCE_EXPORTERS: readonly Role[] = ['supervisor', 'compliance_officer', 'legal', 'auditor', 'admin'];

const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
const Result = z.looseObject({});
/** What the audit chain's check answers (platform/audit-chain.ts ChainVerdict, and the anchor when one was given). */
const AuditVerificationSchema = z.object({
  ok: z.boolean().describe('The chain is intact (and the anchor, when given, matches)'),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().nullable().describe('The first entry whose hash does not follow from the one before'),
  reason: z.string().nullable(),
  kind: z.enum(['edited', 'deleted', 'reordered', 'truncated']).nullable().describe('What the break looks like'),
  anchor: z.object({ seq: z.number().int(), hash: z.string(), matches: z.boolean(), hashInLog: z.string().nullable() }).optional()
    .describe('With ?anchor=SEQ:HASH: whether entry SEQ still has the hash recorded elsewhere'),
});

export interface EvidenceRouteDeps {
  db: Db;
  clock: Clock;
}

function sendBundle(reply: FastifyReply, ref: string, b: { zip: Uint8Array; sha256: string; manifestSha256: string }) {
  return reply
    .header('content-type', 'application/zip')
    .header('content-disposition', `attachment; filename="evidence-${ref.replace(/[^A-Za-z0-9._-]/g, '_')}.zip"`)
    .header('x-evidence-sha256', b.sha256)
    .header('x-manifest-sha256', b.manifestSha256)
    .send(Buffer.from(b.zip));
}

export function registerEvidenceRoutes(server: FastifyInstance, deps: EvidenceRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['evidence'];

  r.get('/api/v1/audit/verify', {
    config: { access: ACCESS.audit },
    schema: {
      tags, summary: 'Recomputes the audit hash chain: ok, or the first broken entry and what broke it (edited, deleted, reordered, truncated); with anchor=SEQ:HASH, also whether entry SEQ still has that hash',
      querystring: z.object({ anchor: z.string().regex(/^\d+:[0-9a-f]{64}$/, 'expected SEQ:HASH (a number, a colon and 64 lowercase hex digits)').optional() }),
      response: { 200: AuditVerificationSchema },
    },
  }, async (req) => {
    const v = await verifyAuditChain(deps.db);
    const [seq, hash] = req.query.anchor ? req.query.anchor.split(':') : [];
    const anchor = seq && hash ? { seq: Number(seq), hash, ...(await checkAuditAnchor(deps.db, { seq: Number(seq), hash })) } : null;
    return { ok: v.ok && (anchor?.matches ?? true), entries: v.entries, firstBrokenSeq: v.firstBrokenSeq ?? null, reason: v.reason ?? null, kind: v.kind ?? null, ...(anchor ? { anchor } : {}) };
  });

  r.get('/api/v1/audit', {
    config: { access: ACCESS.audit },
    schema: { tags, summary: 'Audit entries in seq order, by subject (e.g. account:A0001) and time, a page at a time (afterSeq)', querystring: AuditQuerySchema },
  }, async (req) => {
    const items = await listAudit(deps.db, req.query);
    return { items, nextAfterSeq: items.length === req.query.limit ? items[items.length - 1]!.seq : null };
  });

  r.get('/api/v1/accounts/:ref/evidence', {
    config: { access: EVIDENCE_EXPORTERS },
    schema: { tags, summary: 'The evidence bundle of an account (zip with manifest.json and manifest.sha256); the export is recorded in the audit log with the bundle\'s sha256', params: z.object({ ref: z.string().min(1).max(64) }) },
  }, async (req, reply) => {
    const b = await buildEvidenceBundle(deps.db, { accountRef: req.params.ref, actor: principalOf(req).actor, at: deps.clock.now() });
    return sendBundle(reply, b.manifest.accountRef, b);
  });

  r.get('/api/v1/portal/evidence', {
    config: { access: ACCESS.debtor },
    schema: { tags: ['portal'], summary: '我的证据包: the evidence bundle of one of the signed-in debtor\'s own accounts', querystring: z.object({ account: z.string().min(1).max(64) }) },
  }, async (req, reply) => {
    const customerId = debtorOf(req);
    const acct = await ownAccountOr404(deps.db, req.query.account, customerId, 'account');
    const b = await buildEvidenceBundle(deps.db, { accountRef: acct.ref, actor: principalOf(req).actor, at: deps.clock.now() });
    return sendBundle(reply, acct.ref, b);
  });

  r.get('/api/v1/retention/policies', {
    config: { access: ACCESS.audit },
    schema: { tags, summary: 'Retention policies per jurisdiction and kind of record, with the rule each follows (or that it is company policy)' },
  }, async () => ({ items: await loadPolicies(deps.db) }));

  r.put('/api/v1/retention/policies/:jurisdiction/:recordKind', {
    config: { access: ACCESS.admin },
    schema: {
      tags, summary: 'Saves a retention policy row (admin)', headers: keyHeader,
      params: z.object({ jurisdiction: RetentionPolicySchema.shape.jurisdiction, recordKind: z.enum(RECORD_KINDS) }),
      body: RetentionPolicySchema.omit({ jurisdiction: true, recordKind: true }),
      response: { 200: Result },
    },
  }, async (req) => {
    const out = await saveRetentionPolicy(deps, { ...req.body, ...req.params }, { actor: principalOf(req).actor, idempotencyKey: `retention-policy:${req.headers['idempotency-key']}` });
    return { ...out.result };
  });

  r.post('/api/v1/retention/purge', {
    config: { access: ACCESS.admin },
    schema: {
      tags, summary: 'Anonymises customers whose accounts are all past retention on the business date (dryRun: only lists them); hashes of what is removed are kept; a second run changes nothing',
      headers: keyHeader, body: PurgeInputSchema, response: { 200: Result },
    },
  }, async (req) => ({ ...(await purgeRetention(deps, { ...req.body, actor: principalOf(req).actor })) }));
}
