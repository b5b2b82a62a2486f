/**
 * Agencies (委外催收) types and input schemas: agencies with their IP allow-list, commission and
 * recall policy; placement rules; placements; statements and scorecards. Types come from the schemas.
 */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.ts';
import { isCidr } from './agencies.rules.ts';

/** Longest placement an agency may be given, in days. */
export const MAX_DAYS_PLACED_LIMIT = 730;
/** Most CIDR blocks in one agency's allow-list. */
export const MAX_ALLOW_LIST_ENTRIES = 100;
/** Most tiers in one commission schedule. */
export const MAX_COMMISSION_TIERS = 20;
/** Most agencies sharing one placement rule. */
export const MAX_RULE_ALLOCATIONS = 20;
/** Basis points in a whole. */
export const BP = 10_000;

export const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });
const id = z.string().regex(/^[A-Za-z0-9._-]{2,64}$/, 'expected 2–64 letters, digits, . _ or -');
const code = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected 1–64 letters, digits, . _ or -');
const bp = z.number().int().min(0).max(BP);
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const AGENCY_STATUSES = ['active', 'suspended', 'terminated'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];
export const COMMISSION_BASES = ['dpd_at_placement', 'recovery_rate'] as const;
export const BREACH_ACTIONS = ['recall_complained', 'recall_all'] as const;
export const PLACEMENT_SOURCES = ['rule', 'manual', 'recommendation'] as const;
export const RECALL_REASONS = ['max_days', 'complaints', 'qa_score', 'manual', 'agency_suspended'] as const;
export type RecallReason = (typeof RECALL_REASONS)[number];

/**
 * Commission tiers: `from` is the lower bound of the tier (days past due at placement, or the month's
 * recovery rate in basis points); the first tier starts at 0 and bounds rise strictly.
 */
export const CommissionSchema = z
  .object({
    basis: z.enum(COMMISSION_BASES),
    tiers: z.array(z.object({ from: z.number().int().min(0), rateBp: bp })).min(1).max(MAX_COMMISSION_TIERS),
  })
  .superRefine((c, ctx) => {
    // zod runs this even when the array's own checks failed: an empty list is already reported (min 1).
    if (c.tiers.length === 0) return;
    if (c.tiers[0]!.from !== 0) ctx.addIssue({ code: 'custom', path: ['tiers', 0, 'from'], message: 'the first tier must start at 0' });
    for (let i = 1; i < c.tiers.length; i++) {
      if (c.tiers[i]!.from <= c.tiers[i - 1]!.from) ctx.addIssue({ code: 'custom', path: ['tiers', i, 'from'], message: `must be above the previous tier's ${c.tiers[i - 1]!.from}` });
    }
  });
export type Commission = z.infer<typeof CommissionSchema>;

export const AgencyInputSchema = z.object({
  id,
  name: z.string().min(1).max(200),
  status: z.enum(AGENCY_STATUSES).default('active'),
  contact: z.object({ person: z.string().max(200).optional(), phone: z.string().max(40).optional(), email: z.string().max(200).optional() }).default({}),
  ipAllowList: z.array(z.string().refine(isCidr, { message: 'expected an IPv4 or IPv6 address or CIDR block, e.g. 203.0.113.0/24 or 2001:db8::/32' })).max(MAX_ALLOW_LIST_ENTRIES).default([]),
  commission: CommissionSchema,
  maxDaysPlaced: z.number().int().min(1).max(MAX_DAYS_PLACED_LIMIT),
  /** Complaints per 10,000 contacts above which the breach action runs; null for none. */
  complaintThresholdPer10k: z.number().int().min(0).max(BP).nullable().default(null),
  /** Average QA score (0–100) below which the breach action runs; null for none. */
  minQaScore: z.number().int().min(0).max(100).nullable().default(null),
  breachAction: z.enum(BREACH_ACTIONS).default('recall_complained'),
});
export type AgencyInput = z.infer<typeof AgencyInputSchema>;

export interface Agency extends AgencyInput {
  statusReason: unknown;
}

export const PlacementRuleInputSchema = z
  .object({
    code,
    priority: z.number().int().min(0).max(1_000),
    buckets: z.array(z.string().min(1).max(10)).max(20).default([]),
    products: z.array(z.string().min(1).max(40)).max(50).default([]),
    jurisdictions: z.array(z.string().min(1).max(20)).max(50).default([]),
    /** Region prefixes (province or city as the masked address shows it, e.g. 广东省 or 北京市). */
    regions: z.array(z.string().min(1).max(40)).max(100).default([]),
    minBalanceMinor: minor.nullable().default(null),
    maxBalanceMinor: minor.nullable().default(null),
    minDpd: z.number().int().min(0).max(100_000).nullable().default(null),
    maxDpd: z.number().int().min(0).max(100_000).nullable().default(null),
    allocations: z.array(z.object({ agencyId: id, shareBp: bp.min(1) })).min(1).max(MAX_RULE_ALLOCATIONS),
    active: z.boolean().default(true),
  })
  .superRefine((r, ctx) => {
    const total = r.allocations.reduce((s, a) => s + a.shareBp, 0);
    if (total !== BP) ctx.addIssue({ code: 'custom', path: ['allocations'], message: `shares must add up to ${BP} basis points, not ${total}` });
    const seen = new Set<string>();
    r.allocations.forEach((a, i) => {
      if (seen.has(a.agencyId)) ctx.addIssue({ code: 'custom', path: ['allocations', i, 'agencyId'], message: `agency '${a.agencyId}' appears twice` });
      seen.add(a.agencyId);
    });
    if (r.minBalanceMinor !== null && r.maxBalanceMinor !== null && r.minBalanceMinor > r.maxBalanceMinor) {
      ctx.addIssue({ code: 'custom', path: ['maxBalanceMinor'], message: 'must not be below minBalanceMinor' });
    }
    if (r.minDpd !== null && r.maxDpd !== null && r.minDpd > r.maxDpd) ctx.addIssue({ code: 'custom', path: ['maxDpd'], message: 'must not be below minDpd' });
  });
export type PlacementRuleInput = z.infer<typeof PlacementRuleInputSchema>;
export type PlacementRule = PlacementRuleInput;

export const BusinessDateInputSchema = z.object({ businessDate: isoDate });

export const PlaceAccountInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  agencyId: id,
  businessDate: isoDate,
  note: z.string().max(500).default(''),
});
export type PlaceAccountInput = z.infer<typeof PlaceAccountInputSchema>;

export const RecallAccountInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  businessDate: isoDate,
  note: z.string().min(1, 'say why the account is recalled').max(500),
});

export const AcceptRecommendationInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  recommendedOn: isoDate,
  agencyId: id.optional(),
  businessDate: isoDate,
});

export const StatementInputSchema = z.object({ agencyId: id, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month YYYY-MM') });
export const PeriodSchema = z.object({ from: isoDate, to: isoDate }).refine((p) => p.from <= p.to, { message: 'from must not be after to', path: ['to'] });

export interface Placement {
  id: number;
  accountId: number;
  accountRef: string;
  agencyId: string;
  placedOn: string;
  source: (typeof PLACEMENT_SOURCES)[number];
  ruleCode: string | null;
  placedBy: string;
  balanceAtPlacementMinor: number;
  dpdAtPlacement: number;
  recallDueOn: string;
  endedOn: string | null;
  endReason: RecallReason | null;
  endDetails: unknown;
  endedBy: string | null;
}

export type AgencyAuditEvent =
  /** An agency was created or changed (status, allow-list, commission, recall policy). */
  | { type: 'AGENCY_SAVED'; subject: `agency:${string}`; data: { id: string; status: string; ipAllowList: string[]; maxDaysPlaced: number; complaintThresholdPer10k: number | null; minQaScore: number | null } }
  /** A placement rule was created or changed. */
  | { type: 'PLACEMENT_RULE_SAVED'; subject: `placement-rule:${string}`; data: PlacementRule }
  /** Accounts were placed with agencies by the placement rules (counts per agency; the placements are rows). */
  | { type: 'ACCOUNTS_PLACED'; subject: `placement:${string}`; data: { businessDate: string; placed: number; byAgency: Record<string, number>; unplaced: Record<string, number> } }
  /** One account was placed with an agency by hand or by accepting a recommendation. */
  | { type: 'ACCOUNT_PLACED'; subject: `account:${string}`; data: { placementId: number; agencyId: string; source: string; placedOn: string } }
  /** Placements were ended, each with its reason (max days, complaints, QA score, by hand). */
  | { type: 'PLACEMENTS_RECALLED'; subject: `agency:${string}` | `account:${string}` | `recall:${string}`; data: { businessDate: string; recalled: Array<{ placementId: number; accountRef: string; agencyId: string; reason: RecallReason }> } }
  /** An agency stopped receiving placements because it crossed a threshold of its recall policy. */
  | { type: 'AGENCY_SUSPENDED'; subject: `agency:${string}`; data: { businessDate: string; reasons: unknown } };
