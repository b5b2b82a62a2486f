/**
 * Responses of the agencies routes, which declare no response schema on the server (their shapes are
 * src/modules/agencies/agencies.types.ts, agencies.queries.ts and agencies.commands.ts, and the
 * compliance verdict of compliance.types.ts): typed here by hand until those routes declare one,
 * then generated like the rest. The requests themselves are checked against schema.ts by `api`.
 */
import { api, type RequestOf, type ResponseOf } from './client.ts';

type Bilingual = { 'zh-CN': string; en: string };

export const AGENCY_STATUSES = ['active', 'suspended', 'terminated'] as const;
export const RECALL_REASONS = ['max_days', 'complaints', 'qa_score', 'manual', 'agency_suspended'] as const;
export type RecallReason = (typeof RECALL_REASONS)[number];

export interface Agency {
  id: string;
  name: string;
  status: (typeof AGENCY_STATUSES)[number];
  statusReason: unknown;
  contact: { person?: string; phone?: string; email?: string };
  ipAllowList: string[];
  commission: { basis: 'dpd_at_placement' | 'recovery_rate'; tiers: Array<{ from: number; rateBp: number }> };
  maxDaysPlaced: number;
  complaintThresholdPer10k: number | null;
  minQaScore: number | null;
  breachAction: 'recall_complained' | 'recall_all';
}

export interface PlacementRule {
  code: string;
  priority: number;
  buckets: string[];
  products: string[];
  jurisdictions: string[];
  regions: string[];
  minBalanceMinor: number | null;
  maxBalanceMinor: number | null;
  minDpd: number | null;
  maxDpd: number | null;
  allocations: Array<{ agencyId: string; shareBp: number }>;
  active: boolean;
}

export interface Placement {
  id: number;
  accountId: number;
  accountRef: string;
  agencyId: string;
  placedOn: string;
  source: 'rule' | 'manual' | 'recommendation';
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

export interface PlaceRunResult {
  businessDate: string;
  placed: number;
  byAgency: Record<string, number>;
  unplaced: Record<'no_rule' | 'no_agency_available', number>;
  handedOver: number;
}

export interface RecalledPlacement {
  placementId: number;
  accountRef: string;
  agencyId: string;
  reason: RecallReason;
}

export interface RecallRunResult {
  businessDate: string;
  recalled: RecalledPlacement[];
  agencies: Array<{
    agencyId: string;
    window: { from: string; to: string };
    complaints: number;
    contacts: number;
    qaScore: number | null;
    breaches: Array<{ reason: 'complaints' | 'qa_score'; value: number | null; threshold: number; message: Bilingual }>;
    suspended: boolean;
  }>;
}

export interface Scorecard {
  agencyId: string;
  period: { from: string; to: string };
  placedAccounts: number;
  newPlacements: number;
  baseMinor: number;
  recoveredMinor: number;
  recoveryRateBp: number;
  contacts: number;
  complaints: number;
  complaintsByCategory: Record<string, number>;
  complaintsPer10k: number | null;
  qaScore: number | null;
  recalls: Record<RecallReason, number>;
}

export interface CommissionStatement {
  agencyId: string;
  month: string;
  period: { from: string; to: string };
  basis: Agency['commission']['basis'];
  currency: string;
  placements: number;
  baseMinor: number;
  recoveredMinor: number;
  recoveryRateBp: number;
  commissionMinor: number;
  lines: Array<{ placementId: number; accountRef: string; dpdAtPlacement: number; balanceAtPlacementMinor: number; recoveredMinor: number; rateBp: number; commissionMinor: number }>;
}

/** An account placed with the caller's agency, as the agency sees it: the customer masked, the region only. */
export interface PlacedAccount {
  accountRef: string;
  productCode: string;
  currency: string;
  placedOn: string;
  recallDueOn: string;
  closedThrough: string;
  dpd: number;
  bucket: string;
  overdueMinor: number;
  outstandingMinor: number;
  customerName: string;
  region: string | null;
}

export interface PlacedAccountDetail extends PlacedAccount {
  owed: { principalMinor: number; interestMinor: number; penaltyMinor: number; feesMinor: number; creditMinor: number };
  customer: { name: string; idNumberMasked: string | null; region: string | null; phones: string[]; language: string; timeZone: string; jurisdiction: string };
  dueItems: Array<{ seq: number; kind: string; dueOn: string; principalOwedMinor: number; interestOwedMinor: number; penaltyOwedMinor: number; feesOwedMinor: number; settledOn: string | null }>;
}

export interface AgencyContactRow {
  at: string;
  channel: string;
  direction: string;
  recipientRole: string;
  outcome: string;
  initiatorKind: string;
  initiatorId: string;
  contactPoint: string | null;
  collectorId: string | null;
}

/** The compliance gate's verdict on a call now (compliance.types.ts VerdictSchema). */
export interface CallVerdict {
  decision: 'allow' | 'deny' | 'allow_with_flag' | 'require_action';
  jurisdiction: string;
  now: string;
  nextAllowedAt?: string;
  denyingRules: string[];
  requiredActions: Array<{ ruleId: string; action: string; reason: Bilingual }>;
  flags: Array<{ ruleId: string; reason: Bilingual }>;
  trace: Array<{ ruleId: string; outcome: string; reason: Bilingual }>;
}

/** A call outcome as the worklist records it (the generated type of the lender's own route). */
export type CallOutcomeResult = ResponseOf<'POST /api/v1/cases/{id}/call-outcomes'>;

const keyed = (key: string) => ({ 'idempotency-key': key });

// ------------------------------------------------------------ lender side

export const agencies = async (signal?: AbortSignal) => (await api('GET /api/v1/agencies', { signal })) as { items: Agency[] };
export const scorecard = async (id: string, period: { from: string; to: string }, signal?: AbortSignal) =>
  (await api('GET /api/v1/agencies/{id}/scorecard', { path: { id }, query: period, signal })) as Scorecard;
export const statement = async (id: string, month: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/agencies/{id}/statements/{month}', { path: { id, month }, signal })) as CommissionStatement;
export const placementRules = async (signal?: AbortSignal) => (await api('GET /api/v1/placement-rules', { signal })) as { items: PlacementRule[] };
export const savePlacementRule = async (rule: PlacementRule, key: string) => {
  const { code, ...body } = rule;
  return (await api('PUT /api/v1/placement-rules/{code}', { path: { code }, headers: keyed(key), body })) as PlacementRule;
};
export const placements = async (query: RequestOf<'GET /api/v1/placements'>['query'], signal?: AbortSignal) =>
  (await api('GET /api/v1/placements', { query, signal })) as { items: Placement[] };
export const placeAccount = async (body: { accountRef: string; agencyId: string; businessDate: string; note?: string }, key: string) =>
  (await api('POST /api/v1/placements', { headers: keyed(key), body })) as Placement;
export const runPlacement = async (businessDate: string, key: string) => (await api('POST /api/v1/placements/run', { headers: keyed(key), body: { businessDate } })) as PlaceRunResult;
export const recallPlacement = async (body: { accountRef: string; businessDate: string; note: string }, key: string) =>
  (await api('POST /api/v1/placements/recall', { headers: keyed(key), body })) as RecalledPlacement;
export const runRecall = async (businessDate: string, key: string) => (await api('POST /api/v1/placements/recall-run', { headers: keyed(key), body: { businessDate } })) as RecallRunResult;
export const acceptRecommendation = async (body: { accountRef: string; recommendedOn: string; agencyId?: string; businessDate: string }, key: string) =>
  (await api('POST /api/v1/placements/accept-recommendation', { headers: keyed(key), body })) as Placement;

// ------------------------------------------------------------ the agency's own

export const agencyAccounts = async (signal?: AbortSignal) => (await api('GET /api/v1/agency/accounts', { signal })) as { items: PlacedAccount[] };
export const agencyAccount = async (ref: string, signal?: AbortSignal) => (await api('GET /api/v1/agency/accounts/{ref}', { path: { ref }, signal })) as PlacedAccountDetail;
export const agencyAccountContacts = async (ref: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/agency/accounts/{ref}/contacts', { path: { ref }, signal })) as { items: AgencyContactRow[] };
export const agencyCallCheck = async (ref: string, body: { contactPoint: string; callerNumber: string }) =>
  (await api('POST /api/v1/agency/accounts/{ref}/call-check', { path: { ref }, body })) as CallVerdict;
export const agencyCallOutcome = async (ref: string, body: RequestOf<'POST /api/v1/agency/accounts/{ref}/call-outcomes'>['body'], key: string) =>
  (await api('POST /api/v1/agency/accounts/{ref}/call-outcomes', { path: { ref }, headers: keyed(key), body })) as CallOutcomeResult;
