/**
 * The analytics routes (C15) as the workbench calls them: every metric takes the same filter, which
 * the screen keeps in its URL. Types come from the generated schema.
 */
import { api, type ResponseOf } from './client.ts';

export interface AnalyticsFilter {
  from: string;
  to: string;
  product?: string | undefined;
  jurisdiction?: string | undefined;
  /** An agency id, or 'in_house'. */
  agency?: string | undefined;
  period?: 'month' | 'week' | undefined;
}

export type AnalyticsFilters = ResponseOf<'GET /api/v1/analytics/filters'>;
export type RollRates = ResponseOf<'GET /api/v1/analytics/roll-rates'>;
export type CureCurves = ResponseOf<'GET /api/v1/analytics/cure-curves'>;
export type PromiseRates = ResponseOf<'GET /api/v1/analytics/promises'>;
export type RpcRates = ResponseOf<'GET /api/v1/analytics/right-party-contact'>;
export type StrategyRecovery = ResponseOf<'GET /api/v1/analytics/recovery/strategies'>;
export type AgencyRecovery = ResponseOf<'GET /api/v1/analytics/recovery/agencies'>;
export type ComplaintRates = ResponseOf<'GET /api/v1/analytics/complaints'>;
export type ComplianceBlocks = ResponseOf<'GET /api/v1/analytics/compliance-blocks'>;
export type Ratio = PromiseRates['series'][number]['keptRate'];

/** The metrics by the last part of their route, each fetched with the screen's filter. */
export const analytics = {
  filters: (signal?: AbortSignal) => api('GET /api/v1/analytics/filters', { signal }),
  rollRates: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/roll-rates', { query, signal }),
  cureCurves: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/cure-curves', { query, signal }),
  promises: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/promises', { query, signal }),
  rightPartyContact: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/right-party-contact', { query, signal }),
  recoveryByStrategy: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/recovery/strategies', { query, signal }),
  recoveryByAgency: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/recovery/agencies', { query, signal }),
  complaints: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/complaints', { query, signal }),
  complianceBlocks: (query: AnalyticsFilter, signal?: AbortSignal) => api('GET /api/v1/analytics/compliance-blocks', { query, signal }),
};
