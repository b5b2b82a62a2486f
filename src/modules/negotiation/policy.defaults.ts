/**
 * The negotiation policies Fairdebt ships with, one per jurisdiction. They are contract parameters a
 * lender changes by saving a new version, not sourced facts; the CN one follows what the seed articles
 * describe (个性化分期 over a few months with penalty forgiven, a one-time interest waiver, 延期 only
 * when overdue and in hardship, small token payments that do not stop the calls).
 */
import type { NegotiationPolicy } from './policy.types.ts';

const OVERDUE = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'];
/** Loans and revolving lines (花呗-style 分期 on a line's arrears); US_CARD falls back to this policy. */
const PRODUCTS = ['CN_LOAN', 'CN_LINE', 'US_CARD'];

export const CN_POLICY: NegotiationPolicy = {
  code: 'CN_DEFAULT',
  version: 1,
  jurisdiction: 'CN',
  plan: {
    products: PRODUCTS,
    buckets: OVERDUE,
    minTermCount: 2,
    maxTermCount: 12,
    minInstalmentMinor: 10_000,
    interestAnnualBp: 0,
    downPaymentBp: 0,
    firstDueWithinDays: 30,
    waivedByPolicy: ['penalty'],
    brokenAfterDays: 10,
    reAging: 'on_commit',
  },
  deferral: { products: PRODUCTS, minDpd: 1, maxDpd: 90, requiresHardship: true, onceInDays: 365, maxMonths: 3, interestAnnualBp: 0 },
  waiver: { components: ['interest', 'penalty', 'fees'], oneTime: ['interest'] },
  settlement: { minDpd: 91, minShareBp: 6_000, payWithinDays: 30 },
  approval: {
    limits: [
      { role: 'portal', maxAmountMinor: 10_000, maxShareBp: 500 },
      { role: 'collector', maxAmountMinor: 20_000, maxShareBp: 1_000 },
      { role: 'team_lead', maxAmountMinor: 100_000, maxShareBp: 2_500 },
      { role: 'supervisor', maxAmountMinor: 500_000, maxShareBp: 5_000 },
      { role: 'manager', maxAmountMinor: 5_000_000, maxShareBp: 10_000 },
    ],
    slaHours: 24,
  },
  token: { thresholdBp: 1_000 },
};

export const UK_POLICY: NegotiationPolicy = {
  ...CN_POLICY,
  code: 'UK_DEFAULT',
  jurisdiction: 'UK',
  plan: { ...CN_POLICY.plan, products: ['UK_LOAN'], maxTermCount: 24, minInstalmentMinor: 1_000, waivedByPolicy: ['fees'], brokenAfterDays: 14 },
  deferral: { ...CN_POLICY.deferral, products: ['UK_LOAN'], minDpd: 0, onceInDays: 180 },
};

export const DEFAULT_POLICIES: readonly NegotiationPolicy[] = [CN_POLICY, UK_POLICY];

/** The shipped policy for a jurisdiction (CN when none is shipped for it). */
export function defaultPolicyFor(jurisdiction: string): NegotiationPolicy {
  return DEFAULT_POLICIES.find((p) => p.jurisdiction === jurisdiction) ?? CN_POLICY;
}
