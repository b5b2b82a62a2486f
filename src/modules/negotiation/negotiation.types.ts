/**
 * Negotiation types and input schemas: promises to pay (承诺还款) here; plans, deferrals, waivers and
 * settlements in concessions.types.ts and policy.types.ts. Types are inferred from the zod schemas.
 */
import { z } from 'zod';
import type { ConcessionAuditEvent } from './concessions.types.ts';
import { isIsoDate } from '../../platform/dates.ts';

export const PROMISE_SOURCES = ['collector', 'portal', 'robot'] as const;
export type PromiseSource = (typeof PROMISE_SOURCES)[number];

export const PROMISE_STATUSES = ['open', 'kept', 'partly_kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

/** Upper bounds on what a policy may say, so that a typo in a policy cannot allow a promise a year out. */
export const MAX_POLICY_DAYS_AHEAD = 90;
export const MAX_POLICY_GRACE_DAYS = 30;
export const MAX_POLICY_OPEN_PROMISES = 10;

/**
 * The promise policy, as data. The minimum amount is the larger of an absolute amount and a share of
 * the overdue amount, but never more than the overdue amount itself (paying all arrears is always an
 * acceptable promise).
 */
export const PromisePolicySchema = z.object({
  version: z.number().int().min(1),
  /** Absolute minimum in minor units of the account's currency; 0 = none. */
  minAmountMinor: z.number().int().min(0).refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' }),
  /** Minimum as basis points of the overdue amount (1000 = 10 %); 0 = none. */
  minOverdueBp: z.number().int().min(0).max(10_000),
  /** The due date may be at most this many days after the business date the promise is made on. */
  maxDaysAhead: z.number().int().min(0).max(MAX_POLICY_DAYS_AHEAD),
  /** Open promises an account may have at once. */
  maxOpenPerAccount: z.number().int().min(1).max(MAX_POLICY_OPEN_PROMISES),
  /** Days after the due date that a payment still counts towards the promise. */
  graceDays: z.number().int().min(0).max(MAX_POLICY_GRACE_DAYS),
});
export type PromisePolicy = z.infer<typeof PromisePolicySchema>;

const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });
const positiveMinor = z
  .number()
  .int()
  .refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' })
  .refine((n) => n > 0, { message: 'must be greater than 0' });

/** A promise as a caller states it: how much, by when. */
export const PromiseTermsSchema = z.object({
  amountMinor: positiveMinor,
  dueOn: isoDate,
});
export type PromiseTerms = z.infer<typeof PromiseTermsSchema>;

/** recordPromiseToPay: a promise made through the portal, a robot call or a collector outside a call record. */
export const PromiseInputSchema = PromiseTermsSchema.extend({
  accountRef: z.string().min(1).max(64),
  source: z.enum(PROMISE_SOURCES),
});
export type PromiseInput = z.infer<typeof PromiseInputSchema>;

/** A stored promise. */
export interface PromiseRecord {
  id: number;
  accountId: number;
  caseId: number | null;
  customerId: string;
  amountMinor: number;
  currency: string;
  promisedOn: string;
  dueOn: string;
  graceDays: number;
  status: PromiseStatus;
  paidMinor: number;
  evaluatedOn: string | null;
  source: PromiseSource;
  createdBy: string;
  createdAt: string;
}

/** Audit events of this module (to be listed in the audit catalogue, modules/audit/audit.types.ts). */
export type NegotiationAuditEvent =
  /** A promise to pay was captured within policy. */
  | { type: 'PROMISE_CAPTURED'; subject: `account:${string}`; data: { promiseId: number; amountMinor: number; currency: string; dueOn: string; source: PromiseSource } }
  | ConcessionAuditEvent;
