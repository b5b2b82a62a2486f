/** Legal escalation (C12): referral under a policy per jurisdiction, four-eyes approval, case status through court, evidence bundles, legal costs. */
export * from './legal.types.ts';
export { checkReferral, checkApprover, checkTransition, admitCost, scheduledCourtFee, contactsPaused, TRANSITIONS, CRITERIA, type Eligibility, type CriterionResult, type ReferralFacts, type CostDecision } from './legal.rules.ts';
export { CN_LEGAL_POLICY, UK_LEGAL_POLICY, DEFAULT_LEGAL_POLICIES, defaultLegalPolicyFor } from './policy.defaults.ts';
export {
  referAccount, acceptLegalRecommendation, approveReferral, rejectReferral, attachEvidence, advanceCase, recordCost, saveLegalPolicy, referralEligibility,
  type LegalDeps, type Caller, type ReferResult, type DecisionResult, type AdvanceResult, type CostResult,
} from './legal.commands.ts';
export { ensureDefaultLegalPolicies, legalPolicyFor, listCases, caseDetail, getCase, listCosts, MAX_CASES_LISTED, type LegalCase, type LegalCostRow } from './legal.store.ts';
export { legalCostsStep } from './legal.cycle.ts';
export { registerLegalRoutes, type LegalRouteDeps } from './legal.routes.ts';
