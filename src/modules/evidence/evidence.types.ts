/**
 * Evidence (C9): the manifest of an evidence bundle, retention policies, the audit-log query, and the
 * audit events this module writes.
 */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.ts';

/** The bundle format; a verifier refuses versions it does not know. */
export const BUNDLE_FORMAT = 'fairdebt-evidence/1';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex sha256');
const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

/** What one file of a bundle is: the manifest lists every file but itself and manifest.sha256. */
export const ManifestItemSchema = z.object({
  path: z.string().min(1),
  mediaType: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256,
  /** What the file is, in both languages. */
  description: z.object({ 'zh-CN': z.string(), en: z.string() }),
});
export type ManifestItem = z.infer<typeof ManifestItemSchema>;

export const ManifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  accountRef: z.string().min(1),
  customerId: z.string().min(1),
  generatedAt: z.string().min(1),
  /** The last audit entry when the bundle was cut: the audit entries item ends here. */
  auditHead: z.object({ seq: z.number().int().nonnegative(), hash: sha256 }),
  items: z.array(ManifestItemSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** The outcome of checking a bundle: one line per problem; ok when there is none. */
export interface BundleCheck {
  ok: boolean;
  accountRef: string | null;
  manifestSha256: string | null;
  items: number;
  missing: string[];
  extra: string[];
  changed: Array<{ path: string; expectedSha256: string; actualSha256: string; expectedSize: number; actualSize: number }>;
  /** Problems with the manifest itself (unreadable, hash mismatch, unknown format). */
  manifestProblems: string[];
}

export const RECORD_KINDS = ['collection_records', 'call_recordings'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];
export const RETENTION_STARTS = ['settled', 'last_activity'] as const;

export const RetentionPolicySchema = z.object({
  jurisdiction: z.string().min(2).max(16).regex(/^[A-Z]{2}(-[A-Z]{2,3})?$/, 'expected a jurisdiction such as CN, US or US-MA'),
  recordKind: z.enum(RECORD_KINDS),
  years: z.number().int().min(1).max(100),
  startsFrom: z.enum(RETENTION_STARTS),
  source: z.string().min(1).max(500),
  isPolicy: z.boolean().default(false),
});
export type RetentionPolicyInput = z.input<typeof RetentionPolicySchema>;
export type RetentionPolicy = z.infer<typeof RetentionPolicySchema>;

export const PurgeInputSchema = z.object({
  businessDate: isoDate,
  dryRun: z.boolean().default(false),
});

export const AuditQuerySchema = z.object({
  subject: z.string().min(1).max(200).optional(),
  from: z.iso.datetime({ offset: true, message: 'expected an instant such as 2026-05-01T00:00:00Z' }).or(isoDate).optional(),
  to: z.iso.datetime({ offset: true, message: 'expected an instant such as 2026-05-01T00:00:00Z' }).or(isoDate).optional(),
  afterSeq: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** The audit events of this module (joined into the catalogue in modules/audit/audit.types.ts). */
export type EvidenceAuditEvent =
  /** An evidence bundle was exported: its sha256 and its manifest's, so that a bundle can be matched to its export. */
  | { type: 'EVIDENCE_EXPORTED'; subject: `account:${string}`; data: { sha256: string; manifestSha256: string; items: number; bytes: number; auditHeadSeq: number; generatedAt: string } }
  /** A retention policy row was saved by an admin. */
  | { type: 'RETENTION_POLICY_SAVED'; subject: `retention:${string}`; data: RetentionPolicy }
  /** A batch of customers past retention was anonymised: their ids and how many texts and documents were removed (hashes kept). */
  | { type: 'RETENTION_PURGED'; subject: `retention:${string}`; data: { businessDate: string; customers: string[]; accounts: number; valuesRemoved: number } };
