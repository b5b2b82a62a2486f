export type { AuditEvent, AuditEventType } from './audit.types.ts';
export { verifyAuditChain } from '../../platform/audit-chain.ts';
