/**
 * The agencies routes' calls, typed from their response schemas (schema.ts, generated from the
 * server's OpenAPI document). The agency's call-outcome route declares no response schema yet: it
 * answers the worklist's call outcome, so it takes the generated type of the lender's call-outcome route.
 */
import { api, type RequestOf, type ResponseOf } from './client.ts';

export const AGENCY_STATUSES = ['active', 'suspended', 'terminated'] as const;
export const RECALL_REASONS = ['max_days', 'complaints', 'qa_score', 'manual', 'agency_suspended'] as const;

export type Agency = ResponseOf<'GET /api/v1/agencies'>['items'][number];
export type PlacementRule = ResponseOf<'GET /api/v1/placement-rules'>['items'][number];
export type Placement = ResponseOf<'GET /api/v1/placements'>['items'][number];
export type RecallReason = NonNullable<Placement['endReason']>;
export type PlaceRunResult = ResponseOf<'POST /api/v1/placements/run'>;
export type RecalledPlacement = ResponseOf<'POST /api/v1/placements/recall'>;
export type RecallRunResult = ResponseOf<'POST /api/v1/placements/recall-run'>;
export type Scorecard = ResponseOf<'GET /api/v1/agencies/{id}/scorecard'>;
export type CommissionStatement = ResponseOf<'GET /api/v1/agencies/{id}/statements/{month}'>;
/** The strategy's open agency recommendation of an account not placed now. */
export type Recommendation = ResponseOf<'GET /api/v1/placements/recommendations'>['items'][number];
/** An account placed with the caller's agency, as the agency sees it: the customer masked, the region only. */
export type PlacedAccount = ResponseOf<'GET /api/v1/agency/accounts'>['items'][number];
export type PlacedAccountDetail = ResponseOf<'GET /api/v1/agency/accounts/{ref}'>;
export type AgencyContactRow = ResponseOf<'GET /api/v1/agency/accounts/{ref}/contacts'>['items'][number];

/** The compliance gate's verdict on a call now, with its trace. */
export type CallVerdict = ResponseOf<'POST /api/v1/agency/accounts/{ref}/call-check'>;

/** A call outcome as the worklist records it (the generated type of the lender's own route). */
export type CallOutcomeResult = ResponseOf<'POST /api/v1/cases/{id}/call-outcomes'>;

const keyed = (key: string) => ({ 'idempotency-key': key });

// ------------------------------------------------------------ lender side

export const agencies = (signal?: AbortSignal) => api('GET /api/v1/agencies', { signal });
export const scorecard = (id: string, period: { from: string; to: string }, signal?: AbortSignal) =>
  api('GET /api/v1/agencies/{id}/scorecard', { path: { id }, query: period, signal });
export const statement = (id: string, month: string, signal?: AbortSignal) =>
  api('GET /api/v1/agencies/{id}/statements/{month}', { path: { id, month }, signal });
export const placementRules = (signal?: AbortSignal) => api('GET /api/v1/placement-rules', { signal });
export const savePlacementRule = (rule: PlacementRule, key: string) => {
  const { code, ...body } = rule;
  return api('PUT /api/v1/placement-rules/{code}', { path: { code }, headers: keyed(key), body });
};
export const placements = (query: RequestOf<'GET /api/v1/placements'>['query'], signal?: AbortSignal) =>
  api('GET /api/v1/placements', { query, signal });
export const placeAccount = (body: { accountRef: string; agencyId: string; businessDate: string; note?: string }, key: string) =>
  api('POST /api/v1/placements', { headers: keyed(key), body });
export const runPlacement = (businessDate: string, key: string) => api('POST /api/v1/placements/run', { headers: keyed(key), body: { businessDate } });
export const recallPlacement = (body: { accountRef: string; businessDate: string; note: string }, key: string) =>
  api('POST /api/v1/placements/recall', { headers: keyed(key), body });
export const runRecall = (businessDate: string, key: string) => api('POST /api/v1/placements/recall-run', { headers: keyed(key), body: { businessDate } });
export const recommendations = (signal?: AbortSignal) => api('GET /api/v1/placements/recommendations', { signal });
export const acceptRecommendation = (body: { accountRef: string; recommendedOn: string; agencyId?: string; businessDate: string }, key: string) =>
  api('POST /api/v1/placements/accept-recommendation', { headers: keyed(key), body });

// ------------------------------------------------------------ the agency's own

export const agencyAccounts = (signal?: AbortSignal) => api('GET /api/v1/agency/accounts', { signal });
export const agencyAccount = (ref: string, signal?: AbortSignal) => api('GET /api/v1/agency/accounts/{ref}', { path: { ref }, signal });
export const agencyAccountContacts = (ref: string, signal?: AbortSignal) =>
  api('GET /api/v1/agency/accounts/{ref}/contacts', { path: { ref }, signal });
export const agencyCallCheck = (ref: string, body: { contactPoint: string; callerNumber: string }) => api('POST /api/v1/agency/accounts/{ref}/call-check', { path: { ref }, body });
export const agencyCallOutcome = (ref: string, body: RequestOf<'POST /api/v1/agency/accounts/{ref}/call-outcomes'>['body'], key: string) =>
  api('POST /api/v1/agency/accounts/{ref}/call-outcomes', { path: { ref }, headers: keyed(key), body });
