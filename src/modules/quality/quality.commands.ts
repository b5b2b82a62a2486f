/**
 * Use cases of quality inspection: attach a call transcript, scan what was sent and said, open a review
 * for a complaint, score a review. Writes go through the command runner (one transaction, idempotency
 * key, audit entry); openComplaintReview runs inside the caller's command.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { AppError, invalidField, parseInput as parse } from '../../platform/errors.ts';
import { lintText } from '../compliance/index.ts';
import { maxSeverity, scanText, type BaseLint } from './scan.rules.ts';
import { reviewReason } from './sampling.rules.ts';
import { scoreAnswers } from './scorecard.rules.ts';
import {
  ScanInputSchema, ScoreInputSchema, TranscriptInputSchema, type QualityAuditEvent, type ScanInput,
} from './quality.types.ts';
import {
  callRecordOwner, complaintCandidates, getReview, insertReviews, insertTranscript, reviewOfComplaint, saveItems, saveScore, transcriptOfCall,
  unscannedMessages, unscannedTranscripts, type Candidate, type NewReview, type ScannedItem, type TranscriptRow,
} from './quality.store.ts';

/** Items read and scanned per statement; the scan of a day goes on in chunks of this size. */
export const SCAN_CHUNK_ITEMS = 500;
/** Items one run of scanContent looks at; a larger backlog is left for the next run (`more: true`). */
export const MAX_SCAN_ITEMS_PER_RUN = 20_000;

/** The compliance module's template lint, which the scanner maps to its own categories. */
export const complianceLint: BaseLint = (text, opts) => lintText(text, { thirdParty: opts.thirdParty }).findings;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');


export function scanCandidate(c: Candidate): ScannedItem {
  if (c.text === null) return { candidate: c, textSha256: null, findings: [], maxSeverity: null };
  const findings = scanText(c.text, complianceLint, { thirdParty: c.thirdParty });
  return { candidate: c, textSha256: sha256(c.text), findings, maxSeverity: maxSeverity(findings) };
}

export interface CommandOptions {
  idempotencyKey: string;
  actor: string;
}

export interface ScanResult {
  businessDate: string;
  scanned: number;
  findings: number;
  highItems: number;
  reviewsOpened: number;
  bySource: { finding: number; sample: number };
  /** More unscanned items were waiting than one run takes: run again. */
  more: boolean;
}

/**
 * Scans the sent messages and transcripts not scanned yet, records what it finds, and opens a review for
 * each item with a high-severity finding and for each item the sample draws. Idempotent: an item is
 * scanned once, so a second run finds nothing new.
 */
export async function scanContent(db: Db, clock: Clock, input: unknown, opts: CommandOptions) {
  const s: ScanInput = parse(ScanInputSchema, input);
  return runCommand<ScanResult>(db, clock, { command: 'scanContent', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: s }, async (tx) => {
    const now = clock.now();
    const result: ScanResult = { businessDate: s.businessDate, scanned: 0, findings: 0, highItems: 0, reviewsOpened: 0, bySource: { finding: 0, sample: 0 }, more: false };
    const sources: Array<(tx: Db, after: number, limit: number) => Promise<Candidate[]>> = [unscannedMessages, unscannedTranscripts];
    for (const read of sources) {
      let after = 0;
      for (;;) {
        if (result.scanned >= MAX_SCAN_ITEMS_PER_RUN) {
          result.more = (await read(tx, after, 1)).length > 0 || result.more;
          break;
        }
        const chunk = await read(tx, after, Math.min(SCAN_CHUNK_ITEMS, MAX_SCAN_ITEMS_PER_RUN - result.scanned));
        if (chunk.length === 0) break;
        after = chunk[chunk.length - 1]!.sourceId;
        const scanned = chunk.map(scanCandidate);
        const ids = await saveItems(tx, scanned, s.businessDate, now);
        const reviews: NewReview[] = [];
        for (const it of scanned) {
          const saved = ids.get(`${it.candidate.kind}:${it.candidate.sourceId}`);
          if (!saved?.isNew) continue;
          result.scanned++;
          result.findings += it.findings.length;
          if (it.maxSeverity === 'high') result.highItems++;
          const reason = reviewReason(s.sampling, s.businessDate, {
            key: `${it.candidate.kind}:${it.candidate.sourceId}`, agencyId: it.candidate.agencyId, collectorId: it.candidate.collectorId, maxSeverity: it.maxSeverity,
          });
          if (reason === null) continue;
          result.bySource[reason]++;
          reviews.push({ source: reason, businessDate: s.businessDate, customerId: it.candidate.customerId, accountId: it.candidate.accountId, complaintId: null, itemIds: [saved.id] });
        }
        result.reviewsOpened += (await insertReviews(tx, reviews, now)).length;
      }
    }
    const audit: QualityAuditEvent = {
      type: 'QA_CONTENT_SCANNED', subject: `quality:${s.businessDate}`,
      data: { businessDate: s.businessDate, scanned: result.scanned, findings: result.findings, highItems: result.highItems, reviewsOpened: result.reviewsOpened, seed: s.sampling.seed },
    };
    return { result, audit: { ...audit, actor: opts.actor } };
  });
}

export interface ComplaintReviewInput {
  complaintId: number;
  accountId: number | null;
  customerId: string;
  contactReferences: string[];
  /** An ISO date (midnight UTC) or instant: contacts and calls from then on are covered. */
  since: string;
}

/**
 * Opens the quality review of a complaint, inside the caller's transaction: the contacts the complaint
 * names plus every message sent to the customer and every call on their accounts since `since`, each
 * scanned now if it had not been. One review per complaint: calling again returns the same review.
 * References that match no contact are returned in `unknownReferences` rather than refused, so that a
 * complaint is never lost over a mistyped reference.
 */
export async function openComplaintReview(tx: Db, clock: Clock, input: ComplaintReviewInput): Promise<{ reviewId: number; items: number; unknownReferences: string[] }> {
  if (!Number.isSafeInteger(input.complaintId) || input.complaintId <= 0) throw invalidField('complaintId', 'expected a positive whole number');
  if (!input.customerId) throw invalidField('customerId', 'required');
  if (!/^\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(input.since) || Number.isNaN(Date.parse(input.since))) {
    throw invalidField('since', `expected an ISO date or instant, got '${input.since}'`);
  }
  const existing = await reviewOfComplaint(tx, input.complaintId);
  if (existing) return { reviewId: existing.id, items: existing.items, unknownReferences: [] };
  const now = clock.now();
  const candidates = await complaintCandidates(tx, input.customerId, input.contactReferences, input.since);
  const seenRefs = new Set(candidates.map((c) => c.contactReference));
  const unknownReferences = input.contactReferences.filter((r) => !seenRefs.has(r));
  const scanned = candidates.map(scanCandidate);
  const today = now.slice(0, 10);
  const ids = await saveItems(tx, scanned, today, now);
  const itemIds = [...new Set([...ids.values()].map((v) => v.id))];
  const [reviewId] = await insertReviews(tx, [{ source: 'complaint', businessDate: today, customerId: input.customerId, accountId: input.accountId, complaintId: input.complaintId, itemIds }], now);
  const event: QualityAuditEvent = { type: 'QA_COMPLAINT_REVIEW_OPENED', subject: `complaint:${input.complaintId}`, data: { reviewId: reviewId!, items: itemIds.length, since: input.since } };
  await appendAudit(tx, now, { ...event, actor: 'system:quality', commandKey: `complaint-review:${input.complaintId}` });
  return { reviewId: reviewId!, items: itemIds.length, unknownReferences };
}

/** Who attaches a transcript or scores a review, as the routes and the CLI know them. */
export interface Caller {
  actor: string;
  /** The user id; a collector's user id is their collector id. */
  userId: string | null;
  /** Whose calls they may act on: anyone's (supervisors, compliance, admin), their agency's (agency admins), their own. */
  scope: 'any' | 'agency' | 'own';
  agencyId: string | null;
}

export interface TranscriptResult {
  transcript: TranscriptRow;
  created: boolean;
}

/** Attaches the ASR transcript of a call record. The same text again is a no-op; a different text for the same call is a conflict. */
export async function attachTranscript(db: Db, clock: Clock, input: unknown, caller: Caller, opts: { idempotencyKey: string }) {
  const t = parse(TranscriptInputSchema, input);
  return runCommand<TranscriptResult>(db, clock, { command: 'attachTranscript', idempotencyKey: opts.idempotencyKey, actor: caller.actor, input: t }, async (tx) => {
    const owner = await callRecordOwner(tx, t.callRecordId);
    if (!owner) throw new AppError('NOT_FOUND', `callRecordId: no call record ${t.callRecordId}`, { issues: [{ path: 'callRecordId', message: 'no such call record' }] });
    if (caller.scope !== 'any' && caller.agencyId !== null && caller.agencyId !== owner.agencyId) {
      throw new AppError('FORBIDDEN', `callRecordId: call record ${t.callRecordId} is not a call of your agency`);
    }
    if (caller.scope === 'agency' && caller.agencyId === null) throw new AppError('FORBIDDEN', 'callRecordId: only agency users act on their agency\'s calls');
    if (caller.scope === 'own' && caller.userId !== owner.collectorId) {
      throw new AppError('FORBIDDEN', `callRecordId: call record ${t.callRecordId} is a call of collector ${owner.collectorId}, not yours`);
    }
    const textSha256 = sha256(t.text);
    const prior = await transcriptOfCall(tx, t.callRecordId);
    if (prior) {
      if (prior.textSha256 !== textSha256) throw new AppError('CONFLICT', `callRecordId: call record ${t.callRecordId} already has a different transcript (${prior.textSha256})`, { issues: [{ path: 'callRecordId', message: 'already has a transcript' }] });
      const event: QualityAuditEvent = { type: 'QA_TRANSCRIPT_ATTACHED', subject: `call:${t.callRecordId}`, data: { transcriptId: prior.id, language: prior.language, textSha256, recordingSha256: prior.recordingSha256 } };
      return { result: { transcript: prior, created: false }, audit: { ...event, actor: caller.actor } };
    }
    const row = await insertTranscript(tx, {
      callRecordId: t.callRecordId, language: t.language, text: t.text, textSha256, recordingRef: t.recording?.ref ?? null, recordingSha256: t.recording?.sha256 ?? null,
      uploadedBy: caller.actor, now: clock.now(),
    });
    const event: QualityAuditEvent = { type: 'QA_TRANSCRIPT_ATTACHED', subject: `call:${t.callRecordId}`, data: { transcriptId: row.id, language: t.language, textSha256, recordingSha256: row.recordingSha256 } };
    return { result: { transcript: row, created: true }, audit: { ...event, actor: caller.actor } };
  });
}

export interface ScoreResultOut {
  reviewId: number;
  score: number;
  passed: boolean;
  failedCritical: string[];
  reviewer: string;
  scoredAt: string;
}

/** Scores an open review with the scorecard. A reviewer may not score a review of their own calls. */
export async function scoreReview(db: Db, clock: Clock, input: unknown, reviewer: { actor: string; userId: string | null }, opts: { idempotencyKey: string }) {
  const s = parse(ScoreInputSchema, input);
  const verdict = scoreAnswers(s.answers);
  return runCommand<ScoreResultOut>(db, clock, { command: 'scoreReview', idempotencyKey: opts.idempotencyKey, actor: reviewer.actor, input: s }, async (tx) => {
    const review = await getReview(tx, s.reviewId, true);
    if (!review) throw new AppError('NOT_FOUND', `reviewId: no review ${s.reviewId}`, { issues: [{ path: 'reviewId', message: 'no such review' }] });
    if (review.status !== 'open') throw new AppError('CONFLICT', `reviewId: review ${s.reviewId} was scored already by ${review.reviewer}`, { issues: [{ path: 'reviewId', message: 'scored already' }] });
    const own = review.itemsDetail.find((i) => i.collectorId !== null && i.collectorId === reviewer.userId);
    if (own) throw new AppError('FORBIDDEN', `reviewId: review ${s.reviewId} covers your own call (${own.kind} ${own.sourceId}); another reviewer must score it`);
    const now = clock.now();
    await saveScore(tx, s.reviewId, { ...verdict, answers: s.answers, comment: s.comment, reviewer: reviewer.actor, now });
    const event: QualityAuditEvent = { type: 'QA_REVIEW_SCORED', subject: `qa-review:${s.reviewId}`, data: { score: verdict.score, passed: verdict.passed, failedCritical: verdict.failedCritical } };
    return { result: { reviewId: s.reviewId, score: verdict.score, passed: verdict.passed, failedCritical: verdict.failedCritical, reviewer: reviewer.actor, scoredAt: now }, audit: { ...event, actor: reviewer.actor } };
  });
}
