export * from './negotiation.types.ts';
export { DEFAULT_PROMISE_POLICY, checkPromise, minimumPromiseMinor, type PromiseContext, type PromiseIssue } from './promises.rules.ts';
export { capturePromise, recordPromiseToPay, promiseAudit, type CaptureInput, type CaptureOptions } from './negotiation.commands.ts';
export { listPromises, listPromisePayments, type PromisePayment } from './negotiation.store.ts';
export { promisesStep, REEVALUATE_WINDOW_DAYS } from './negotiation.cycle.ts';
export { concessionsStep, plansStep, tokenPaymentsStep } from './concessions.cycle.ts';
export * from './policy.types.ts';
export * from './concessions.types.ts';
export { DEFAULT_POLICIES, CN_POLICY, UK_POLICY, defaultPolicyFor } from './policy.defaults.ts';
export {
  previewPlan, commitPlan, requestDeferral, requestWaiver, requestSettlement, approveConcession, rejectConcession, portalOptions, acceptPortalOption,
  PORTAL_PLAN_TERMS, type NegotiationDeps, type ConcessionResult, type PortalOption,
} from './concessions.commands.ts';
export {
  ensureDefaultPolicies, policyFor, listConcessions, listPending, getConcession, getAgreement,
  CONCESSION_KINDS, CONCESSION_STATUSES, CONCESSION_SOURCES, type ConcessionRecord, type ConcessionKind, type ConcessionStatus,
} from './concessions.store.ts';
export { registerNegotiationRoutes } from './negotiation.routes.ts';
