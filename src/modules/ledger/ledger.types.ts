/**
 * Ledger domain types and input schemas. Types are inferred from the zod schemas so that what is
 * validated at the edge and what the code works with cannot drift apart.
 */
import { z } from 'zod';
import { CURRENCIES } from '../../platform/money.ts';
import { isIsoDate, isTimeZone } from '../../platform/dates.ts';
import { ID_NUMBER_PATTERN, maskIdNumber } from './id-number.rules.ts';

export const COMPONENTS = ['fees', 'penalty', 'interest', 'principal'] as const;
export type Component = (typeof COMPONENTS)[number];

export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });
export const minor = z.number().int().refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' });
export const positiveMinor = minor.refine((n) => n > 0, { message: 'must be greater than 0' });
const ppm = z.number().int().min(0).max(100_000);

export const WaterfallSchema = z
  .object({
    /** component_first: all fees (oldest first), then all penalty, …; item_first: the oldest item fully, then the next. */
    order: z.enum(['component_first', 'item_first']),
    components: z.array(z.enum(COMPONENTS)).length(4),
  })
  .refine((w) => new Set(w.components).size === 4, { message: 'components must list fees, penalty, interest and principal once each', path: ['components'] });
export type Waterfall = z.infer<typeof WaterfallSchema>;

export const DEFAULT_WATERFALL: Waterfall = { order: 'component_first', components: ['fees', 'penalty', 'interest', 'principal'] };

export const ProductTermsSchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_-]{1,19}$/, 'expected 2–20 capital letters, digits, - or _'),
    kind: z.enum(['revolving', 'instalment']),
    currency: z.enum(CURRENCIES),
    jurisdiction: z.string().min(2),
    name: z.object({ 'zh-CN': z.string().min(1), en: z.string().min(1) }),
    /** Contractual daily interest in parts per million (400 = 0.04 % a day). */
    interestDailyRatePpm: ppm,
    /** Daily interest on principal past its due date (revolving lines: 0.05 % = 500). */
    overdueInterestDailyRatePpm: ppm,
    /** Penalty interest (罚息) per day on delinquent principal. */
    penaltyDailyRatePpm: ppm,
    /** One-off late fee when an item becomes delinquent after the grace days. */
    lateFeeMinor: minor.refine((n) => n >= 0, { message: 'must not be negative' }),
    graceDays: z.number().int().min(0).max(30),
    /** Annualised total-cost cap in basis points (2400 = 24 %), or null for none. */
    costCapAnnualBp: z.number().int().min(1).max(100_000).nullable(),
    waterfall: WaterfallSchema,
    bucketPolicy: z.string().default('default'),
    revolving: z
      .object({
        statementDay: z.number().int().min(1).max(28),
        dueDay: z.number().int().min(1).max(28),
        minPaymentBp: z.number().int().min(1).max(10_000),
        minPaymentFloorMinor: minor.refine((n) => n >= 0, { message: 'must not be negative' }),
      })
      .optional(),
    instalment: z
      .object({
        methods: z.array(z.enum(['equal_instalment', 'equal_principal'])).min(1),
        maxTermCount: z.number().int().min(1).max(120),
      })
      .optional(),
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'revolving' && !p.revolving) ctx.addIssue({ code: 'custom', path: ['revolving'], message: 'required for a revolving product' });
    if (p.kind === 'instalment' && !p.instalment) ctx.addIssue({ code: 'custom', path: ['instalment'], message: 'required for an instalment product' });
    if (p.costCapAnnualBp !== null && p.interestDailyRatePpm * 365 > p.costCapAnnualBp * 100) {
      ctx.addIssue({ code: 'custom', path: ['interestDailyRatePpm'], message: 'the contractual rate alone exceeds the total-cost cap' });
    }
  });
export type ProductTerms = z.infer<typeof ProductTermsSchema>;

export const CustomerInputSchema = z.object({
  id: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only'),
  name: z.string().min(1).max(200),
  idNumberMasked: z
    .string()
    .max(40)
    .regex(/^[0-9A-Za-z*]+$/, 'digits, letters and * only')
    .refine((s) => s.includes('*'), { message: 'must be masked (contain *); a full ID number goes in idNumber' })
    .optional(),
  /** The full ID number: stored only sealed with the server's ID key; the masked form is derived from it. */
  idNumber: z.string().regex(ID_NUMBER_PATTERN, '5–40 letters and digits').optional(),
  phones: z.array(z.string().regex(/^\+?[0-9 -]{5,20}$/, 'expected a phone number')).max(10).default([]),
  emails: z.array(z.email()).max(10).default([]),
  address: z.string().max(500).optional(),
  timeZone: z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as Asia/Shanghai' }),
  jurisdiction: z.enum(['CN', 'US', 'US-MA', 'US-WA', 'US-NYC', 'UK', 'EU']),
  language: z.enum(['zh-CN', 'en']),
}).superRefine((c, ctx) => {
  if (c.idNumber !== undefined && c.idNumberMasked !== undefined && c.idNumberMasked !== maskIdNumber(c.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['idNumberMasked'], message: 'does not match idNumber (leave it out: it is derived from idNumber)' });
  }
});
export type CustomerInput = z.infer<typeof CustomerInputSchema>;

export const AccountInputSchema = z
  .object({
    ref: z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits, _ . : - only'),
    customerId: z.string().min(1),
    productCode: z.string().min(1),
    openedOn: isoDate,
    creditLimitMinor: positiveMinor.optional(),
    principalMinor: positiveMinor.optional(),
    termCount: z.number().int().min(1).max(120).optional(),
    scheduleMethod: z.enum(['equal_instalment', 'equal_principal']).optional(),
    firstDueOn: isoDate.optional(),
  })
  .superRefine((a, ctx) => {
    if (a.firstDueOn && a.firstDueOn <= a.openedOn) ctx.addIssue({ code: 'custom', path: ['firstDueOn'], message: 'must be after openedOn' });
  });
export type AccountInput = z.infer<typeof AccountInputSchema>;

export const TransactionInputSchema = z.object({
  accountRef: z.string().min(1),
  type: z.enum(['payment', 'drawdown']),
  ref: z.string().min(1).max(200),
  amountMinor: positiveMinor,
  currency: z.enum(CURRENCIES),
  valueDate: isoDate,
  channel: z.string().max(40).optional(),
});
export type TransactionInput = z.infer<typeof TransactionInputSchema>;

/** Balances of one due item, as allocation and explanation see them. */
export const ITEM_KINDS = ['instalment', 'statement', 'plan'] as const;
/** instalment: the loan contract's; statement: a revolving line's; plan: an instalment of a repayment plan or deferral (negotiation). */
export type ItemKind = (typeof ITEM_KINDS)[number];

export interface ItemBalance {
  seq: number;
  kind: ItemKind;
  dueOn: string;
  createdOn: string;
  principalDueMinor: number;
  interestDueMinor: number;
  minimumDueMinor: number;
  principalPaidMinor: number;
  interestChargedMinor: number;
  interestPaidMinor: number;
  penaltyChargedMinor: number;
  penaltyPaidMinor: number;
  feesChargedMinor: number;
  feesPaidMinor: number;
  settledOn: string | null;
}
