/**
 * The negotiation policy as data: what plans, deferrals, waivers and settlements a lender offers, the
 * approval limits of each role, and what counts as a token payment. One document per code and
 * version; every concession records the version it was decided under, so a past decision can be
 * explained with the policy of its day. Shipped defaults per jurisdiction are in policy.defaults.ts.
 */
import { z } from 'zod';

const minor = z.number().int().min(0).refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' });
const bp = z.number().int().min(0).max(10_000);

/** Roles that may make or check a concession, lowest first; a role's limits are data, not the order. */
export const ROLES = ['portal', 'collector', 'team_lead', 'supervisor', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Components a waiver may forgive. Principal is forgiven only by a settlement. */
export const WAIVABLE = ['interest', 'penalty', 'fees'] as const;
export type Waivable = (typeof WAIVABLE)[number];

/** Upper bounds on what a policy may say, so that a typo cannot offer a 20-year plan. */
export const MAX_PLAN_TERMS = 60;
export const MAX_DEFERRAL_MONTHS = 12;
export const MAX_SLA_HOURS = 24 * 14;

export const RoleLimitSchema = z.object({
  role: z.enum(ROLES),
  /** The most this role may concede on its own in one request, in minor units. */
  maxAmountMinor: minor,
  /** …and as a share of the account's balance, in basis points. Both must hold. */
  maxShareBp: bp,
});
export type RoleLimit = z.infer<typeof RoleLimitSchema>;

export const NegotiationPolicySchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'expected 2–30 capital letters, digits or _'),
    version: z.number().int().min(1),
    jurisdiction: z.string().min(2),
    plan: z.object({
      /** Product codes whose accounts may restructure (instalment products: see docs/negotiation.md). */
      products: z.array(z.string().min(1)).min(1),
      /** Buckets an account must be in to be offered a plan. */
      buckets: z.array(z.string().min(1)).min(1),
      minTermCount: z.number().int().min(1).max(MAX_PLAN_TERMS),
      maxTermCount: z.number().int().min(1).max(MAX_PLAN_TERMS),
      /** Each instalment (interest included) must be at least this much. */
      minInstalmentMinor: minor,
      /** Interest on the plan's principal, simple, per year in basis points (0 = interest-free). */
      interestAnnualBp: z.number().int().min(0).max(100_000),
      /** A down payment as a share of the restructured balance, due as the first instalment; 0 = none. */
      downPaymentBp: bp,
      /** The first instalment falls due at most this many days after the plan is committed. */
      firstDueWithinDays: z.number().int().min(1).max(90),
      /** Components forgiven by the policy itself when a plan is committed (no approval needed). */
      waivedByPolicy: z.array(z.enum(WAIVABLE)),
      /** A plan instalment unpaid this many days after its due date breaks the plan. */
      brokenAfterDays: z.number().int().min(0).max(90),
      /**
       * How a plan changes delinquency. 'on_commit': the superseded items count as settled the day
       * the plan is committed, so DPD returns to 0 and the case is cured; a broken plan makes the
       * account delinquent again from the missed instalment's due date. (See docs/negotiation.md.)
       */
      reAging: z.literal('on_commit'),
    }),
    deferral: z.object({
      products: z.array(z.string().min(1)).min(1),
      minDpd: z.number().int().min(0),
      maxDpd: z.number().int().min(0),
      requiresHardship: z.boolean(),
      /** At most one deferral per account in this many days. */
      onceInDays: z.number().int().min(0).max(3650),
      maxMonths: z.number().int().min(1).max(MAX_DEFERRAL_MONTHS),
      /** Interest on the deferred principal for the months it is deferred, per year in basis points. */
      interestAnnualBp: z.number().int().min(0).max(100_000),
    }),
    waiver: z.object({
      /** Components a collector or the portal may ask to waive. */
      components: z.array(z.enum(WAIVABLE)).min(1),
      /** Waivers of these components are once per customer (the one-time flag is '<component>_waiver'). */
      oneTime: z.array(z.enum(WAIVABLE)),
    }),
    settlement: z.object({
      minDpd: z.number().int().min(0),
      /** The settlement amount must be at least this share of the balance. */
      minShareBp: bp,
      /** …and paid within this many days of the agreement. */
      payWithinDays: z.number().int().min(1).max(180),
    }),
    approval: z.object({
      limits: z.array(RoleLimitSchema).min(1),
      /** A request above its maker's limit waits in the approval queue at most this long. */
      slaHours: z.number().int().min(1).max(MAX_SLA_HOURS),
    }),
    token: z.object({
      /** A payment below this share of the amount due is a token payment: escalation is not paused. */
      thresholdBp: bp,
    }),
  })
  .superRefine((p, ctx) => {
    if (p.plan.minTermCount > p.plan.maxTermCount) ctx.addIssue({ code: 'custom', path: ['plan', 'minTermCount'], message: 'must not exceed maxTermCount' });
    if (p.deferral.minDpd > p.deferral.maxDpd) ctx.addIssue({ code: 'custom', path: ['deferral', 'minDpd'], message: 'must not exceed maxDpd' });
    const roles = p.approval.limits.map((l) => l.role);
    if (new Set(roles).size !== roles.length) ctx.addIssue({ code: 'custom', path: ['approval', 'limits'], message: 'each role at most once' });
  });
export type NegotiationPolicy = z.infer<typeof NegotiationPolicySchema>;
