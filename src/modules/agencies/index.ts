/** Agencies (C10): placement by rules and by hand, recall (days placed, complaints, QA), commission, scorecards, and agency users' scoped reads. */
export * from './agencies.types.ts';
export {
  ipAllowed, isCidr, parseCidr, maskIdNumber, regionOf, planPlacements, ruleMatches, tierFor, commissionMinor, commissionStatement, recoveryRateBp, complaintsPer10k, agencyBreaches,
  type AccountForPlacement, type PlannedPlacement, type UnplacedReason, type StatementLine, type Breach, type AgencyHealth,
} from './agencies.rules.ts';
export { withAgencyScope, AGENCY_DB_ROLE, AGENCY_SETTING } from './agencies.scope.ts';
export {
  upsertAgency, upsertPlacementRule, placeAccounts, placeAccount, acceptAgencyRecommendation, recallAccount, recallPlacements, HEALTH_WINDOW_DAYS,
  type CommandOptions, type PlaceResult, type RecallRunResult, type RecalledPlacement, type AgencyCheck, type QaScoreSource,
} from './agencies.commands.ts';
export {
  placedAccounts, placedAccount, placedAccountContacts, isPlacedWith, commissionStatementFor, agencyScorecard, MAX_AGENCY_ACCOUNTS_LISTED, MAX_AGENCY_CONTACTS_LISTED,
  type PlacedAccount, type PlacedAccountDetail, type AgencyContactRow, type CommissionStatement, type Scorecard,
} from './agencies.queries.ts';
export { getAgency, listAgencies, listPlacementRules, listPlacements } from './agencies.store.ts';
export { registerAgencyRoutes, registerAgencyGuards, agencyIpAllowed, qualityQaScores, MAX_PLACEMENTS_LISTED } from './agencies.routes.ts';
