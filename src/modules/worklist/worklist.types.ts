/**
 * Worklist types and input schemas: collectors, queues, case assignment (分案) and recall (撤案),
 * case locks, call tasks and call records (催记). Types are inferred from the zod schemas.
 */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.ts';
import { PromiseTermsSchema } from '../negotiation/index.ts';
import { OUTCOME_CODES } from './outcomes.rules.ts';

/** The most open cases one collector may be given; a guard against a typo, not a staffing rule. */
export const MAX_OPEN_CASES_LIMIT = 10_000;
/** The longest recall period a queue may have, in days. */
export const MAX_RECALL_AFTER_DAYS = 365;
/** Default and longest lease of a case lock, in minutes. */
export const LOCK_LEASE_MINUTES = 15;
export const MAX_LOCK_LEASE_MINUTES = 120;
/** Longest note on a call record, in characters. */
export const MAX_NOTE_CHARS = 2_000;
/** The lender's own id as the initiator of a contact made by in-house collectors. */
export const LENDER_INITIATOR_ID = 'lender';

const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only');
const tag = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'expected lower-case letters, digits and _ (1–40 characters)');
const language = z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'expected a language tag such as zh-CN or en');
export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** An ISO-8601 instant with an offset; stored as timestamptz. */
export const instant = z
  .string()
  .refine((s) => INSTANT.test(s) && !Number.isNaN(Date.parse(s)), { message: 'expected an ISO-8601 date-time with offset, e.g. 2026-03-10T10:15:00+08:00' });

export const CollectorInputSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  team: z.string().min(1).max(100),
  /** The agency the collector works for; null for in-house staff. */
  agencyId: id.nullable().default(null),
  skills: z.array(tag).max(20).default([]),
  languages: z.array(language).min(1).max(10),
  maxOpenCases: z.number().int().min(0).max(MAX_OPEN_CASES_LIMIT),
  active: z.boolean().default(true),
});
export type CollectorInput = z.infer<typeof CollectorInputSchema>;

export const QueueInputSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_-]{1,39}$/, 'expected 2–40 capital letters, digits, - or _'),
  name: z.string().min(1).max(200),
  buckets: z.array(z.string().min(1).max(10)).min(1).max(20),
  /** A skill the collectors of this queue must have; null for none. */
  skill: tag.nullable().default(null),
  /** Only customers speaking this language; null for any. */
  language: language.nullable().default(null),
  /** Served by this agency's collectors; null for in-house collectors. */
  agencyId: id.nullable().default(null),
  recallAfterDays: z.number().int().min(1).max(MAX_RECALL_AFTER_DAYS),
  /** When several queues match a case, the lower number is tried first. */
  priority: z.number().int().min(0).max(1_000),
  active: z.boolean().default(true),
  /** How a collector's cases of this queue are worked; left out: `dpd` for a new queue, unchanged for an existing one. */
  workOrder: z.enum(['dpd', 'expected_recovery']).optional(),
});
export type QueueInput = z.infer<typeof QueueInputSchema>;

export const BusinessDateInputSchema = z.object({ businessDate: isoDate });

export const LockInputSchema = z.object({
  caseId: z.number().int().positive(),
  collectorId: id,
  leaseMinutes: z.number().int().min(1).max(MAX_LOCK_LEASE_MINUTES).default(LOCK_LEASE_MINUTES),
});
export type LockInput = z.infer<typeof LockInputSchema>;

export const UnlockInputSchema = z.object({ caseId: z.number().int().positive(), collectorId: id });
export type UnlockInput = z.infer<typeof UnlockInputSchema>;

/** What a collector states about a call; the case or account comes from the route or the caller. */
export const CallOutcomeFieldsSchema = z.object({
  collectorId: id,
  outcome: z.enum(OUTCOME_CODES),
  /** The number dialled. */
  contactPoint: z.string().trim().min(3).max(100),
  promise: PromiseTermsSchema.optional(),
  note: z.string().max(MAX_NOTE_CHARS).default(''),
  /** When the call took place; defaults to the time it is recorded. */
  at: instant.optional(),
  /** The call task this call carried out, if any. */
  taskId: z.number().int().positive().optional(),
});

export const CallOutcomeInputSchema = CallOutcomeFieldsSchema.extend({
  caseId: z.number().int().positive().optional(),
  accountId: z.number().int().positive().optional(),
}).superRefine((c, ctx) => {
  if (c.caseId === undefined && c.accountId === undefined) ctx.addIssue({ code: 'custom', path: ['caseId'], message: 'caseId or accountId is required' });
});
export type CallOutcomeInput = z.infer<typeof CallOutcomeInputSchema>;

export const CALL_TASK_KINDS = ['collector', 'robot'] as const;
export type CallTaskKind = (typeof CALL_TASK_KINDS)[number];

export const CallTaskInputSchema = z.object({
  /** The contacts outbox reference; null for a collector's own follow-up. */
  reference: z.string().min(1).max(200).nullable().default(null),
  accountId: z.number().int().positive(),
  caseId: z.number().int().positive().nullable().default(null),
  customerId: z.string().min(1).max(64),
  kind: z.enum(CALL_TASK_KINDS),
  dueAt: instant,
  verifyCode: z.string().min(1).max(40).nullable().default(null),
});
export type CallTaskInput = z.input<typeof CallTaskInputSchema>;

export const CompleteTaskInputSchema = z.object({
  taskId: z.number().int().positive(),
  status: z.enum(['done', 'cancelled']).default('done'),
});

export interface Collector {
  id: string;
  name: string;
  team: string;
  agencyId: string | null;
  skills: string[];
  languages: string[];
  maxOpenCases: number;
  active: boolean;
}

export interface Queue {
  code: string;
  name: string;
  buckets: string[];
  skill: string | null;
  language: string | null;
  agencyId: string | null;
  recallAfterDays: number;
  priority: number;
  active: boolean;
  workOrder: WorkOrder;
}

/**
 * How a collector's cases of a queue are worked: `dpd`, the worse bucket and the larger overdue amount
 * first; `expected_recovery`, the larger expected recovery (P(payment) × amount owed, written by the
 * daily cycle's score step) first.
 */
export const WORK_ORDERS = ['dpd', 'expected_recovery'] as const;
export type WorkOrder = (typeof WORK_ORDERS)[number];

/** Audit events of this module (to be listed in the audit catalogue, modules/audit/audit.types.ts). */
export type WorklistAuditEvent =
  /** A collector was created or changed (deactivated: active false). */
  | { type: 'COLLECTOR_SAVED'; subject: `collector:${string}`; data: Collector }
  /** A queue was created or changed. */
  | { type: 'QUEUE_SAVED'; subject: `queue:${string}`; data: Queue }
  /** Unassigned open cases were given to collectors (counts; the assignments are rows of case_assignments). */
  | { type: 'CASES_ASSIGNED'; subject: `worklist:${string}`; data: { businessDate: string; assigned: number; closedReleased: number; unassigned: Record<string, number> } }
  /** Assignments due for recall were recalled or given a new period. */
  | { type: 'CASES_RECALLED'; subject: `worklist:${string}`; data: { businessDate: string; recalled: number; extended: number } }
  /** A collector took or renewed the lock of a case. */
  | { type: 'CASE_LOCKED'; subject: `case:${number}`; data: { collectorId: string; leaseUntil: string } }
  /** A collector gave up the lock of a case. */
  | { type: 'CASE_UNLOCKED'; subject: `case:${number}`; data: { collectorId: string } }
  /** A collector recorded the outcome of a call (催记). */
  | { type: 'CALL_OUTCOME_RECORDED'; subject: `account:${string}`; data: { callRecordId: number; caseId: number | null; collectorId: string; outcome: string; nextAction: string; nextActionOn: string | null; promiseId: number | null } }
  /** A call task was done or cancelled. */
  | { type: 'CALL_TASK_COMPLETED'; subject: `account:${string}`; data: { taskId: number; status: 'done' | 'cancelled' } };
