/**
 * Quality inspection (质检): the shapes of findings, review items, reviews, scorecards and their inputs.
 */
import { z } from 'zod';

export const QA_CATEGORIES = ['threat', 'insult', 'impersonation', 'third_party_disclosure', 'misleading', 'obscene'] as const;
export type QaCategory = (typeof QA_CATEGORIES)[number];

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Lang = 'zh-CN' | 'en';
export interface Bilingual {
  'zh-CN': string;
  en: string;
}

/** One thing the scanner found in a text: where (in the original text), what, how bad and why. */
export interface QaFinding {
  category: QaCategory;
  severity: Severity;
  lang: Lang;
  /** Offsets in the original text, end exclusive. */
  start: number;
  end: number;
  /** The original characters of the span (with any spacing or punctuation the writer put between them). */
  match: string;
  /** Which lexicon entry fired: `quality:<id>` for this module's lexicon, `compliance:<category>` for the template lint's. */
  rule: string;
  explanation: Bilingual;
}

/** What was scanned: a sent message (outbox row), a call transcript, or a call record without a transcript (reviewed by ear). */
export const ITEM_KINDS = ['message', 'transcript', 'call'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const REVIEW_SOURCES = ['finding', 'sample', 'complaint'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];
export const REVIEW_STATUSES = ['open', 'scored'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date YYYY-MM-DD');
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha256 in 64 lower-case hex digits');

/** A transcript of a call, uploaded as text (the ASR output); the recording is referenced by hash, never stored. */
export const TranscriptInputSchema = z.object({
  callRecordId: z.number().int().positive(),
  language: z.enum(['zh-CN', 'en']),
  text: z.string().min(1, 'required: the transcript text').max(200_000, 'at most 200000 characters'),
  recording: z.object({
    ref: z.string().min(1).max(500).describe('Where the recording is kept (URI or archive key)'),
    sha256: sha256Hex,
  }).optional(),
});
export type TranscriptInput = z.infer<typeof TranscriptInputSchema>;

/** Sampling of items without a high-severity finding: a rate in basis points (1 bp = 0.01 %), overridable per agency and per collector. */
export const SamplingSchema = z.object({
  seed: z.string().min(1).max(100).default('fairdebt-qa'),
  rateBp: z.number().int().min(0).max(10_000).default(200),
  agencyRateBp: z.record(z.string(), z.number().int().min(0).max(10_000)).default({}),
  collectorRateBp: z.record(z.string(), z.number().int().min(0).max(10_000)).default({}),
});
export type Sampling = z.infer<typeof SamplingSchema>;

export const ScanInputSchema = z.object({
  businessDate: isoDate,
  sampling: SamplingSchema.default({ seed: 'fairdebt-qa', rateBp: 200, agencyRateBp: {}, collectorRateBp: {} }),
});
export type ScanInput = z.infer<typeof ScanInputSchema>;

export const ANSWERS = ['met', 'not_met', 'na'] as const;
export type Answer = (typeof ANSWERS)[number];

export const ScoreInputSchema = z.object({
  reviewId: z.number().int().positive(),
  answers: z.record(z.string(), z.enum(ANSWERS)),
  comment: z.string().max(4000).default(''),
});
export type ScoreInput = z.infer<typeof ScoreInputSchema>;

/** Audit events of this module (listed in the audit catalogue, modules/audit/audit.types.ts). */
export type QualityAuditEvent =
  /** A call transcript (ASR text, with the hash of its recording) was attached to a call record. */
  | { type: 'QA_TRANSCRIPT_ATTACHED'; subject: `call:${number}`; data: { transcriptId: number; language: string; textSha256: string; recordingSha256: string | null } }
  /** Sent messages and transcripts were scanned; reviews were opened for high-severity findings and the sample. */
  | { type: 'QA_CONTENT_SCANNED'; subject: `quality:${string}`; data: { businessDate: string; scanned: number; findings: number; highItems: number; reviewsOpened: number; seed: string } }
  /** A review was opened for a complaint, covering the customer's contacts and calls since a date. */
  | { type: 'QA_COMPLAINT_REVIEW_OPENED'; subject: `complaint:${number}`; data: { reviewId: number; items: number; since: string } }
  /** A reviewer scored a review with the scorecard. */
  | { type: 'QA_REVIEW_SCORED'; subject: `qa-review:${number}`; data: { score: number; passed: boolean; failedCritical: string[] } };
