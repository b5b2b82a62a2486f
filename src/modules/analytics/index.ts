/** Analytics (C15): roll rates, cure curves, promises kept, right-party contact, recovery, complaints per 10k contacts, compliance blocks. Read-only. */
export * from './analytics.rules.ts';
export {
  rollRates, cureRates, promiseKeptRates, rightPartyContactRates, recoveryByStrategy, recoveryByAgency, complaintRates, complianceBlocks, analyticsFilters, RPC_OUTCOMES,
  type AnalyticsFilter,
} from './analytics.queries.ts';
export { registerAnalyticsRoutes, AnalyticsQuerySchema } from './analytics.routes.ts';
