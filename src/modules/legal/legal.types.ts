/**
 * Legal escalation (C12): the legal policy as data, the inputs of the legal commands and the audit
 * events they append. Types are inferred from the schemas.
 */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.ts';

const minor = z.number().int().min(0).refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' });
const positiveMinor = minor.refine((n) => n > 0, { message: 'must be greater than 0' });
const bp = z.number().int().min(0).max(10_000);
const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });

/** Case statuses, in the order a case normally passes them; settled and withdrawn end in closed. */
export const CASE_STATUSES = ['proposed', 'rejected', 'prepared', 'filed', 'hearing', 'judgment', 'enforcement', 'settled', 'withdrawn', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Kinds of legal cost a case incurs. */
export const COST_TYPES = ['court_fee', 'lawyer_fee', 'enforcement_fee', 'other'] as const;
export type CostType = (typeof COST_TYPES)[number];

/**
 * Whether a cost type may be charged to the debtor: never; only once a judgment ordered the debtor
 * to bear the costs of the case; or always (where the contract validly provides for it).
 */
export const CHARGEABILITY = ['never', 'if_awarded', 'always'] as const;
export type Chargeability = (typeof CHARGEABILITY)[number];

/** Lender roles that may approve a referral (a subset of the access roles; limits are policy data). */
export const APPROVER_ROLES = ['legal', 'supervisor', 'admin'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** A band of a court-fee schedule: the part of the claim above `fromMinor` (up to the next band) pays `rateBp`, plus `fixedMinor` once. */
export const FeeBandSchema = z.object({
  fromMinor: minor,
  rateBp: bp,
  fixedMinor: minor,
});
export type FeeBand = z.infer<typeof FeeBandSchema>;

export const CostRuleSchema = z.object({
  chargeable: z.enum(CHARGEABILITY),
  /** Lawyer and other fees: the most the debtor may bear, as a share of the claim (all such costs of the case together). */
  capBpOfClaim: bp.nullable(),
  /**
   * The cost counts toward the product's total-cost cap: posted as LEGAL_FEE, a cost of credit the
   * cap may cut. Otherwise (costs a court orders the debtor to bear) it is posted as LEGAL_COST, outside the cap.
   */
  withinCostCap: z.boolean(),
});
export type CostRule = z.infer<typeof CostRuleSchema>;

/** Upper bounds on what a policy may say. */
export const MAX_MIN_DPD = 3_650;
export const MAX_FEE_BANDS = 20;

export const LegalPolicySchema = z
  .object({
    code: z.string().regex(/^[A-Z][A-Z0-9_]{1,29}$/, 'expected 2–30 capital letters, digits or _'),
    version: z.number().int().min(1),
    jurisdiction: z.string().min(2),
    referral: z.object({
      /** Days past due at least. */
      minDpd: z.number().int().min(0).max(MAX_MIN_DPD),
      /** Balance (everything owed) at least, in minor units of the account's currency. */
      minBalanceMinor: minor,
      /** Outbound contact attempts about the account at least (any channel, any outcome). */
      minContactAttempts: z.number().int().min(0).max(1_000),
      /** Right-party contacts (a connected call or an answer from the debtor) at least. */
      minRightPartyContacts: z.number().int().min(0).max(1_000),
      /** Debtor statuses that rule a referral out (breathing space, deceased, bankruptcy, …). */
      blockingStatuses: z.array(z.string().min(1)).max(30),
      /** An open dispute or complaint on the account rules a referral out. */
      noOpenDispute: z.literal(true),
      /** An active plan, deferral or settlement on the account rules a referral out. */
      noActivePlan: z.literal(true),
    }),
    approval: z.object({
      /** The largest claim each role may approve; the approver is always another person than the referrer. */
      limits: z.array(z.object({ role: z.enum(APPROVER_ROLES), maxClaimMinor: minor })).min(1),
    }),
    costs: z.object({
      court_fee: CostRuleSchema,
      lawyer_fee: CostRuleSchema,
      enforcement_fee: CostRuleSchema,
      other: CostRuleSchema,
      /** The court's fee schedule by claim (bands in ascending order); a court fee charged is at most this. */
      courtFeeSchedule: z.array(FeeBandSchema).min(1).max(MAX_FEE_BANDS),
    }),
    pause: z.object({
      /** Statuses during which collection contacts about the account are held; empty = never. */
      statuses: z.array(z.enum(CASE_STATUSES)).max(CASE_STATUSES.length),
      /** 'automated': messages, letters and robot calls are held, a collector's own call is not; 'all': every collection contact. */
      scope: z.enum(['automated', 'all']),
    }),
  })
  .superRefine((p, ctx) => {
    const roles = p.approval.limits.map((l) => l.role);
    if (new Set(roles).size !== roles.length) ctx.addIssue({ code: 'custom', path: ['approval', 'limits'], message: 'each role at most once' });
    const bands = p.costs.courtFeeSchedule;
    if (bands[0]!.fromMinor !== 0) ctx.addIssue({ code: 'custom', path: ['costs', 'courtFeeSchedule', 0, 'fromMinor'], message: 'the first band must start at 0' });
    for (let i = 1; i < bands.length; i++) {
      if (bands[i]!.fromMinor <= bands[i - 1]!.fromMinor) ctx.addIssue({ code: 'custom', path: ['costs', 'courtFeeSchedule', i, 'fromMinor'], message: 'bands must be in ascending order' });
    }
    for (const s of p.pause.statuses) {
      if (s === 'proposed' || s === 'rejected' || s === 'closed') ctx.addIssue({ code: 'custom', path: ['pause', 'statuses'], message: `a ${s} case cannot hold contacts` });
    }
  });
export type LegalPolicy = z.infer<typeof LegalPolicySchema>;

const accountRef = z.string().min(1).max(64);
const note = z.string().min(1).max(500);

export const ReferInputSchema = z.object({
  accountRef,
  reason: note.describe('Why the account is referred'),
});

export const DecisionInputSchema = z.object({
  note: z.string().max(500).optional(),
});

export const AdvanceInputSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('filed'), onDate: isoDate, court: z.string().min(1).max(200), caseNumber: z.string().min(1).max(100), attachEvidence: z.boolean().default(false) }),
  z.object({ status: z.literal('hearing'), onDate: isoDate, hearingOn: isoDate.describe('The date of the hearing (may lie ahead)') }),
  z.object({ status: z.literal('judgment'), onDate: isoDate, judgmentMinor: minor, costsAwarded: z.boolean().describe('The judgment orders the debtor to bear the costs of the case') }),
  z.object({ status: z.literal('enforcement'), onDate: isoDate, note: note.optional() }),
  z.object({ status: z.literal('settled'), onDate: isoDate, note: note.optional() }),
  z.object({ status: z.literal('withdrawn'), onDate: isoDate, note }),
  z.object({ status: z.literal('closed'), onDate: isoDate, note }),
]);
export type AdvanceInput = z.infer<typeof AdvanceInputSchema>;

export const CostInputSchema = z.object({
  costType: z.enum(COST_TYPES),
  amountMinor: positiveMinor,
  incurredOn: isoDate,
  description: note,
  /** 'policy': the debtor bears what the policy allows, the lender the rest; 'debtor': refuse unless the policy allows all of it; 'lender': an expense only. */
  chargeTo: z.enum(['policy', 'debtor', 'lender']).default('policy'),
});
export type CostInput = z.infer<typeof CostInputSchema>;

export const EvidenceInputSchema = z.object({
  stage: z.enum(['approval', 'filing']),
});

/** Audit events of the legal module (listed in the catalogue's AnyAuditEvent). */
export type LegalAuditEvent =
  /** An account was referred to legal action: a case 'proposed' with its eligibility trace, waiting for a checker. */
  | { type: 'LEGAL_REFERRED'; subject: `account:${string}`; data: { caseId: number; claimMinor: number; policy: string; maker: string; makerRole: string; source: string; recommendation: string | null } }
  /** A checker (another person whose limit covers the claim) approved a referral: the case is prepared. */
  | { type: 'LEGAL_APPROVED'; subject: `account:${string}`; data: { caseId: number; checker: string; checkerRole: string; claimMinor: number } }
  /** A checker rejected a referral. */
  | { type: 'LEGAL_REJECTED'; subject: `account:${string}`; data: { caseId: number; checker: string; checkerRole: string; note: string | null } }
  /** A case moved to another status on a business date (court, case number, hearing date, judgment as recorded). */
  | { type: 'LEGAL_STATUS_CHANGED'; subject: `account:${string}`; data: { caseId: number; from: string; to: string; onDate: string; details: Record<string, unknown>; contactsPaused: boolean } }
  /** An evidence bundle was attached to a case; its sha256 and size. */
  | { type: 'LEGAL_EVIDENCE_ATTACHED'; subject: `account:${string}`; data: { caseId: number; stage: string; sha256: string; sizeBytes: number } }
  /** A legal cost was recorded: what the debtor bears (posted as LEGAL_COST), what the cap removed and the lender's expense. */
  | { type: 'LEGAL_COST_RECORDED'; subject: `account:${string}`; data: { caseId: number; costId: number; costType: string; amountMinor: number; chargedMinor: number; cappedMinor: number; lenderExpenseMinor: number; policy: string } }
  /** A legal policy version was saved. */
  | { type: 'LEGAL_POLICY_SAVED'; subject: `legal-policy:${string}`; data: { code: string; version: number; jurisdiction: string } };
