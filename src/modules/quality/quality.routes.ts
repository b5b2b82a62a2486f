/**
 * HTTP: the review queue and scoring (compliance officers, supervisors, admins), the scan of a business
 * date, QA figures per agency and collector, and call transcripts, which collectors and agency agents
 * attach to their own calls.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../main.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { hasRole, principalOf, type Principal, type Role } from '../../platform/access.ts';
import { ANSWERS, ITEM_KINDS, QA_CATEGORIES, REVIEW_SOURCES, REVIEW_STATUSES, SEVERITIES, SamplingSchema, TranscriptInputSchema, isoDate } from './quality.types.ts';
import { attachTranscript, scanContent, scoreReview, type Caller } from './quality.commands.ts';
import { getReview, listReviews, MAX_REVIEWS_LISTED } from './quality.store.ts';
import { qaScores } from './quality.queries.ts';
import { PASS_MARK, SCORECARD, SCORECARD_VERSION } from './scorecard.rules.ts';

/** Who works the review queue. */
export const QA_REVIEWERS = ['compliance_officer', 'supervisor', 'admin'] as const satisfies readonly Role[];
/** Who may read the QA figures. */
const QA_READERS = ['compliance_officer', 'supervisor', 'auditor', 'admin'] as const satisfies readonly Role[];
/** Who may attach a transcript: the people who make calls, and those who may act on anyone's. */
const TRANSCRIBERS = ['collector', 'agency_agent', 'agency_admin', 'supervisor', 'compliance_officer', 'admin'] as const satisfies readonly Role[];

const errors = { 400: ErrorSchema, 401: ErrorSchema, 403: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
const int = z.number().int();
const Bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });

const ReviewSummarySchema = z.object({
  id: int, source: z.enum(REVIEW_SOURCES), status: z.enum(REVIEW_STATUSES), businessDate: z.string(), customerId: z.string(), accountId: int.nullable(),
  complaintId: int.nullable(), agencyId: z.string().nullable(), collectorId: z.string().nullable(), items: int, highFindings: int, openedAt: z.string(),
  score: int.nullable(), passed: z.boolean().nullable(), reviewer: z.string().nullable(), scoredAt: z.string().nullable(),
});
const FindingSchema = z.object({
  category: z.enum(QA_CATEGORIES), severity: z.enum(SEVERITIES), lang: z.string(), start: int, end: int, match: z.string(), rule: z.string(), explanation: Bilingual,
});
const ReviewDetailSchema = ReviewSummarySchema.extend({
  answers: z.record(z.string(), z.string()).nullable(), failedCritical: z.array(z.string()).nullable(), comment: z.string().nullable(),
  itemsDetail: z.array(z.object({
    itemId: int, kind: z.enum(ITEM_KINDS), sourceId: int, channel: z.string(), contactAt: z.string(), agencyId: z.string().nullable(), collectorId: z.string().nullable(),
    callRecordId: int.nullable(), contactReference: z.string().nullable(), text: z.string().nullable(),
    recording: z.object({ ref: z.string(), sha256: z.string() }).nullable(), findings: z.array(FindingSchema),
  })),
});
const ScoreRowSchema = z.object({
  agencyId: z.string().nullable(), collectorId: z.string().nullable(), reviews: int, failedReviews: int, averageScore: z.number().nullable(),
  contacts: int, highFindings: int, highFindingsPer1000: z.number().nullable(),
});
const ScanResultSchema = z.object({
  businessDate: z.string(), scanned: int, findings: int, highItems: int, reviewsOpened: int, bySource: z.object({ finding: int, sample: int }), more: z.boolean(),
});
const TranscriptSchema = z.object({
  transcript: z.object({
    id: int, callRecordId: int.nullable(), language: z.string(), textSha256: z.string(), recordingRef: z.string().nullable(), recordingSha256: z.string().nullable(),
    uploadedBy: z.string(), createdAt: z.string(),
  }),
  created: z.boolean(),
});

function callerOf(p: Principal): Caller {
  const scope = hasRole(p, ['supervisor', 'compliance_officer', 'admin']) ? 'any' : hasRole(p, ['agency_admin']) ? 'agency' : 'own';
  return { actor: p.actor, userId: p.userId, scope, agencyId: p.agencyId };
}

export function registerQualityRoutes(server: FastifyInstance, app: Pick<App, 'db' | 'clock'>): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const tags = ['quality'];

  r.get('/api/v1/quality/reviews', {
    config: { access: QA_REVIEWERS },
    schema: {
      summary: 'The review queue: open reviews first (high findings, then complaints, then samples), oldest first', tags,
      querystring: z.object({
        status: z.enum(REVIEW_STATUSES).optional(), agencyId: z.string().min(1).max(64).optional(), source: z.enum(REVIEW_SOURCES).optional(),
        limit: z.coerce.number().int().min(1).max(MAX_REVIEWS_LISTED).optional(),
      }),
      response: { 200: z.object({ items: z.array(ReviewSummarySchema) }), ...errors },
    },
  }, async (req) => ({ items: await listReviews(app.db, req.query) }));

  r.get('/api/v1/quality/reviews/:id', {
    config: { access: QA_REVIEWERS },
    schema: { summary: 'One review: its items with their text, recording reference and findings', tags, params: z.object({ id: z.coerce.number().int().positive() }), response: { 200: ReviewDetailSchema, ...errors } },
  }, async (req) => {
    const review = await getReview(app.db, req.params.id);
    if (!review) throw new AppError('NOT_FOUND', `id: no review ${req.params.id}`, { issues: [{ path: 'id', message: 'no such review' }] });
    return review;
  });

  r.get('/api/v1/quality/scorecard', {
    config: { access: QA_REVIEWERS },
    schema: {
      summary: 'The scorecard reviewers fill in: criteria, weights, which are critical, labels in zh-CN and en', tags,
      response: { 200: z.object({ version: int, passMark: int, answers: z.array(z.enum(ANSWERS)), criteria: z.array(z.object({ code: z.string(), weight: int, critical: z.boolean(), label: Bilingual })) }) },
    },
  }, async () => ({ version: SCORECARD_VERSION, passMark: PASS_MARK, answers: [...ANSWERS], criteria: SCORECARD.map((c) => ({ ...c })) }));

  r.post('/api/v1/quality/reviews/:id/score', {
    config: { access: QA_REVIEWERS },
    schema: {
      summary: 'Score an open review with the scorecard (not a review of your own calls)', tags, params: z.object({ id: z.coerce.number().int().positive() }), headers: keyHeader,
      body: z.object({ answers: z.record(z.string(), z.enum(ANSWERS)), comment: z.string().max(4000).default('') }),
      response: { 200: z.object({ reviewId: int, score: int, passed: z.boolean(), failedCritical: z.array(z.string()), reviewer: z.string(), scoredAt: z.string() }), ...errors },
    },
  }, async (req) => {
    const p = principalOf(req);
    const out = await scoreReview(app.db, app.clock, { reviewId: req.params.id, ...req.body }, { actor: p.actor, userId: p.userId }, { idempotencyKey: `scoreReview:${req.headers['idempotency-key']}` });
    return out.result;
  });

  r.post('/api/v1/quality/scan', {
    config: { access: QA_REVIEWERS },
    schema: {
      summary: 'Scan the sent messages and transcripts not scanned yet; open reviews for high-severity findings and the sample of the date', tags, headers: keyHeader,
      body: z.object({ businessDate: isoDate, sampling: SamplingSchema.optional() }),
      response: { 200: ScanResultSchema, ...errors },
    },
  }, async (req) => {
    const p = principalOf(req);
    return (await scanContent(app.db, app.clock, req.body, { actor: p.actor, idempotencyKey: `scanContent:${req.headers['idempotency-key']}` })).result;
  });

  r.get('/api/v1/quality/scores', {
    config: { access: QA_READERS },
    schema: {
      summary: 'QA figures per agency (agencyId null: the lender\'s own work) and per collector: reviews, average score, high-severity findings per 1,000 contacts', tags,
      querystring: z.object({ from: isoDate, to: isoDate }),
      response: { 200: z.object({ from: z.string(), to: z.string(), agencies: z.array(ScoreRowSchema), collectors: z.array(ScoreRowSchema) }), ...errors },
    },
  }, async (req) => qaScores(app.db, req.query));

  r.post('/api/v1/call-records/:id/transcript', {
    config: { access: TRANSCRIBERS },
    schema: {
      summary: 'Attach the ASR transcript of a call (the recording by reference and sha256); collectors and agency agents for their own calls', tags, headers: keyHeader,
      params: z.object({ id: z.coerce.number().int().positive() }), body: TranscriptInputSchema.omit({ callRecordId: true }),
      response: { 200: TranscriptSchema, 201: TranscriptSchema, ...errors },
    },
  }, async (req, reply) => {
    const out = await attachTranscript(app.db, app.clock, { ...req.body, callRecordId: req.params.id }, callerOf(principalOf(req)), { idempotencyKey: `attachTranscript:${req.headers['idempotency-key']}` });
    return reply.status(out.result.created && !out.replayed ? 201 : 200).send(out.result);
  });
}
