/**
 * The legal policies Fairdebt ships with, one per jurisdiction. They are parameters a lender changes
 * by saving a new version (after its lawyers have read them), not legal advice; docs/legal.md says
 * where each figure comes from and how sure it is.
 *
 * CN is conservative about costs: the court fee (诉讼费) and the enforcement application fee are the
 * debtor's only when the judgment orders it, lawyer fees and anything else stay the lender's expense
 * (the notice of the regulators forbids charging fees in the name of collection; a lender whose
 * contracts validly provide for lawyer fees saves a version that says so).
 */
import type { FeeBand, LegalPolicy } from './legal.types.ts';

const BLOCKING = ['breathing_space', 'deceased', 'bankrupt', 'mental_health_crisis', 'incapacitated', 'minor', 'identity_theft'];

/**
 * 《诉讼费用交纳办法》第十三条 for claims of property: ¥50 up to ¥10,000, then 2.5 % of the part to
 * ¥100,000, 2 % to ¥200,000, 1.5 % to ¥500,000, 1 % to ¥1m, 0.9 % to ¥2m, 0.8 % to ¥5m, 0.7 % to
 * ¥10m, 0.6 % to ¥20m and 0.5 % above. Each band's fixed part is the fee at its start, in fen.
 */
export const CN_COURT_FEES: FeeBand[] = [
  { fromMinor: 0, rateBp: 0, fixedMinor: 5_000 },
  { fromMinor: 1_000_000, rateBp: 250, fixedMinor: 5_000 },
  { fromMinor: 10_000_000, rateBp: 200, fixedMinor: 230_000 },
  { fromMinor: 20_000_000, rateBp: 150, fixedMinor: 430_000 },
  { fromMinor: 50_000_000, rateBp: 100, fixedMinor: 880_000 },
  { fromMinor: 100_000_000, rateBp: 90, fixedMinor: 1_380_000 },
  { fromMinor: 200_000_000, rateBp: 80, fixedMinor: 2_280_000 },
  { fromMinor: 500_000_000, rateBp: 70, fixedMinor: 4_680_000 },
  { fromMinor: 1_000_000_000, rateBp: 60, fixedMinor: 8_180_000 },
  { fromMinor: 2_000_000_000, rateBp: 50, fixedMinor: 14_180_000 },
];

/** County Court money-claim issue fees by claim band, in pence (unverified figures: the lender keeps them current). */
export const UK_COURT_FEES: FeeBand[] = [
  { fromMinor: 0, rateBp: 0, fixedMinor: 3_500 },
  { fromMinor: 30_000, rateBp: 0, fixedMinor: 5_000 },
  { fromMinor: 50_000, rateBp: 0, fixedMinor: 7_000 },
  { fromMinor: 100_000, rateBp: 0, fixedMinor: 8_000 },
  { fromMinor: 150_000, rateBp: 0, fixedMinor: 11_500 },
  { fromMinor: 300_000, rateBp: 0, fixedMinor: 20_500 },
  { fromMinor: 500_000, rateBp: 0, fixedMinor: 45_500 },
  { fromMinor: 1_000_000, rateBp: 500, fixedMinor: 50_000 },
  { fromMinor: 20_000_000, rateBp: 0, fixedMinor: 1_000_000 },
];

export const CN_LEGAL_POLICY: LegalPolicy = {
  code: 'CN_LEGAL',
  version: 1,
  jurisdiction: 'CN',
  referral: {
    minDpd: 90,
    minBalanceMinor: 100_000,
    minContactAttempts: 3,
    minRightPartyContacts: 1,
    blockingStatuses: BLOCKING,
    noOpenDispute: true,
    noActivePlan: true,
  },
  approval: {
    limits: [
      { role: 'legal', maxClaimMinor: 5_000_000 },
      { role: 'supervisor', maxClaimMinor: 20_000_000 },
      { role: 'admin', maxClaimMinor: 1_000_000_000 },
    ],
  },
  costs: {
    court_fee: { chargeable: 'if_awarded', capBpOfClaim: null, withinCostCap: false },
    lawyer_fee: { chargeable: 'never', capBpOfClaim: null, withinCostCap: true },
    enforcement_fee: { chargeable: 'if_awarded', capBpOfClaim: null, withinCostCap: false },
    other: { chargeable: 'never', capBpOfClaim: null, withinCostCap: true },
    courtFeeSchedule: CN_COURT_FEES,
  },
  pause: { statuses: ['filed', 'hearing', 'judgment', 'enforcement'], scope: 'automated' },
};

export const UK_LEGAL_POLICY: LegalPolicy = {
  ...CN_LEGAL_POLICY,
  code: 'UK_LEGAL',
  jurisdiction: 'UK',
  referral: { ...CN_LEGAL_POLICY.referral, minBalanceMinor: 10_000, blockingStatuses: [...BLOCKING, 'financial_difficulty'] },
  costs: {
    court_fee: { chargeable: 'if_awarded', capBpOfClaim: null, withinCostCap: false },
    lawyer_fee: { chargeable: 'if_awarded', capBpOfClaim: 1_000, withinCostCap: false },
    enforcement_fee: { chargeable: 'if_awarded', capBpOfClaim: null, withinCostCap: false },
    other: { chargeable: 'never', capBpOfClaim: null, withinCostCap: true },
    courtFeeSchedule: UK_COURT_FEES,
  },
};

export const DEFAULT_LEGAL_POLICIES: readonly LegalPolicy[] = [CN_LEGAL_POLICY, UK_LEGAL_POLICY];

/** The shipped policy for a jurisdiction, or undefined: a jurisdiction without one cannot refer accounts. */
export function defaultLegalPolicyFor(jurisdiction: string): LegalPolicy | undefined {
  return DEFAULT_LEGAL_POLICIES.find((p) => p.jurisdiction === jurisdiction);
}
