/** Evidence (C9): audit verification, evidence bundles per account, retention and the purge. */
export * from './evidence.types.ts';
export { buildEvidenceBundle, saveRetentionPolicy, type EvidenceBundle } from './evidence.commands.ts';
export { verifyBundle, assembleBundle } from './evidence.bundle.ts';
export { purgeRetention, PURGE_BATCH_CUSTOMERS, ANONYMISED_NAME, type PurgeResult } from './evidence.purge.ts';
export { listAudit, findExport, loadPolicies } from './evidence.store.ts';
export { policyFor, retainUntil, accountVerdict, customerPurgeable } from './retention.rules.ts';
export { registerEvidenceRoutes, EVIDENCE_EXPORTERS } from './evidence.routes.ts';
export { matchBundle, type BundleMatch } from './evidence.match.ts';
