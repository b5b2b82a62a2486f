export * from './ledger.types.ts';
export { postDueStep, allocateStep, accrueStep, closeStep, type StepFn, type StepContext } from './ledger.cycle.ts';
export { rewindAccounts, rebuildProjection, loadLedgerRows } from './ledger.replay.ts';
export { deriveState, type DerivedState, type EntryRow } from './projection.rules.ts';
export { allocatePayment } from './allocation.rules.ts';
export { buildInstalmentSchedule } from './schedule.rules.ts';
export { getAccountDetail, listAccounts, accountsQuery, type AccountSummary, type AccountDetail, type Balances } from './ledger.queries.ts';
export {
  saveProduct, ensureDefaultProducts, createCustomers, checkAccounts, openAccounts, receiveTransaction, createCustomer, openAccount,
  checkTransactions, insertTransactions,
  type CycleHooks, type ReceiveResult, type RowIssue, type BulkResult,
} from './ledger.commands.ts';
export { latestProducts, findAccount, ownAccountOr404, type ProductRow } from './ledger.store.ts';
export { DEFAULT_PRODUCTS } from './products/default-products.ts';
export { explainEntries, type Explanation } from './explain.rules.ts';
export {
  loadItemViews, addPlanItems, supersedeItems, hasLivePostings, postConcessionLines,
  type ConcessionLine, type ConcessionEntryKind, type ItemView, type PlanItemInput,
} from './ledger.concessions.ts';
export { postLegalCharge, hasLiveLegalPosting, type LegalEntryKind } from './ledger.legal.ts';
export { createSandboxPaymentProvider, PORTAL_PAYMENT_METHODS, type PaymentProvider, type ChargeRequest, type ChargeOutcome, type PortalPaymentMethod } from './payment-provider.ts';
export { payFromPortal, PortalPaymentInputSchema, type PortalPaymentResult, type PortalPaymentAuditEvent } from './portal-payments.ts';
export { registerPortalPaymentRoutes } from './portal-payments.routes.ts';
export { readIdNumber, resealIdNumbers, sealedByKey, idKeyProblem, type IdNumberAuditEvent, type ResealResult } from './id-numbers.ts';
export { maskIdNumber, ID_NUMBER_PATTERN } from './id-number.rules.ts';
