/**
 * The catalogue of audit events: every command appends one or more of these to the hash-chained
 * audit log (platform/audit-chain.ts). One line per type says what it records.
 */
import type { WorklistAuditEvent } from '../worklist/index.ts';
import type { NegotiationAuditEvent } from '../negotiation/index.ts';
import type { QualityAuditEvent } from '../quality/index.ts';
import type { EvidenceAuditEvent } from '../evidence/index.ts';
import type { LegalAuditEvent } from '../legal/index.ts';
import type { BureauAuditEvent } from '../bureau/index.ts';
import type { ComplaintsAuditEvent } from '../complaints/index.ts';
import type { AgencyAuditEvent } from '../agencies/index.ts';
import type { IdNumberAuditEvent } from '../ledger/index.ts';
import type { AssistantAuditEvent } from '../assistant/index.ts';

export type AuditEvent =
  /** A product version was created (terms are data; a change is a new version). */
  | { type: 'PRODUCT_VERSION_CREATED'; subject: `product:${string}`; data: { code: string; version: number } }
  /** Customers were created (one event per command, with the ids). */
  | { type: 'CUSTOMERS_CREATED'; subject: string; data: { count: number; ids: string[] } }
  /** Accounts were opened with their schedules. */
  | { type: 'ACCOUNTS_OPENED'; subject: string; data: { count: number; refs: string[] } }
  /** A payment or drawdown was received; `backdated` when it re-derived history. */
  | { type: 'TRANSACTION_RECEIVED'; subject: `account:${string}`; data: { ref: string; type: string; amountMinor: number; currency: string; valueDate: string; backdated: boolean; reversedEntries: number } }
  /** An import file was applied (counts; rejects are in the reject file). */
  | { type: 'IMPORT_APPLIED'; subject: `import:${string}`; data: { kind: string; file: string; sha256: string; rows: number; created: number; skipped: number; rejected: number } }
  /** A run of the daily cycle closed business dates up to its target. */
  | { type: 'CYCLE_CLOSED'; subject: `cycle:${string}`; data: { fromDate: string; targetDate: string; replay: boolean; rows: Record<string, number> } }
  /** Contacts were planned for a batch of accounts by the daily cycle (digest: sha256 of each reference with its verdict). */
  | { type: 'CONTACTS_PLANNED'; subject: `cycle:${string}`; data: { batch: [number, number]; planned: number; blockedAtPlanning: number; recommendations: number; digest: string } }
  /** A batch of planned contacts was dispatched: each reference with what happened to it and why. */
  | { type: 'CONTACTS_DISPATCHED'; subject: 'dispatch'; data: { items: Array<{ reference: string; status: string; decision?: string; rules?: string[]; providerMessageId?: string }> } }
  /** A message template version was saved after the content lint passed. */
  | { type: 'TEMPLATE_SAVED'; subject: `template:${string}`; data: { code: string; language: string; version: number } }
  /** A sender number or address was registered to the lender or an agency. */
  | { type: 'SENDER_REGISTERED'; subject: `sender:${string}`; data: { ownerKind: string; ownerId: string; channel: string; value: string } }
  /** A debtor saved their contact preferences in the portal (media stopped, inconvenient hours, no third-party contact, cease request). */
  | { type: 'CONTACT_PREFERENCES_SAVED'; subject: `customer:${string}`; data: { source: 'portal'; optOuts: string[]; quietHours: number; noThirdPartyContact: boolean; ceaseRequested: boolean } }
  /** A debtor paid from the portal through the payment provider (sandbox: no real money), after the ledger's TRANSACTION_RECEIVED. */
  | { type: 'PORTAL_PAYMENT_TAKEN'; subject: `account:${string}`; data: { amountMinor: number; currency: string; method: string; provider: string; providerRef: string; sandbox: boolean; valueDate: string } }
  /** A debtor disputed a debt: collection on it is held until the dispute is resolved. */
  | { type: 'DISPUTE_OPENED'; subject: `account:${string}`; data: { disputeId: number; reason: string } }
  /** A decision table version was saved as a draft; `findings` counts what the validator reported (none invalid). */
  | { type: 'STRATEGY_TABLE_SAVED'; subject: `strategy:${string}`; data: { code: string; version: number; jurisdiction: string; rows: number; findings: number } }
  /** A decision table version was put in force; the versions it replaced (same code or same jurisdiction) were retired. */
  | { type: 'STRATEGY_TABLE_PUBLISHED'; subject: `strategy:${string}`; data: { code: string; version: number; jurisdiction: string; retired: Array<{ code: string; version: number }>; shipped: boolean } }
  /** A champion/challenger experiment started on a table. */
  | { type: 'STRATEGY_EXPERIMENT_STARTED'; subject: `experiment:${string}`; data: { code: string; tableCode: string; championVersion: number; challengerVersion: number; holdoutBp: number; challengerBp: number; guardrails: number; startedOn: string } }
  /** An experiment stopped: by hand with a reason, or because a harm guardrail was crossed (the reasons are in `reason`). */
  | { type: 'STRATEGY_EXPERIMENT_STOPPED'; subject: `experiment:${string}`; data: { code: string; status: 'stopped' | 'completed'; stoppedOn: string; reason: unknown } }
  /** The guardrails of the running experiments were judged for a business date. */
  | { type: 'STRATEGY_GUARDRAILS_CHECKED'; subject: `guardrails:${string}`; data: { businessDate: string; experiments: Array<{ code: string; stopped: boolean; reasons: number }> } }
  /** A trained risk model was put in force for its purpose (the artefact is stored whole); the models it replaced were retired. */
  | { type: 'MODEL_REGISTERED'; subject: `model:${number}`; data: { id: number; purpose: string; name: string; method: string; artefactSha256: string; dataSha256: string; retired: number[]; auc: number | null } }
  /** The demo portfolio was generated. */
  | { type: 'DEMO_SEEDED'; subject: 'demo'; data: { accounts: number; seed: number; today: string } };

/** Every event of the log: the core catalogue above and the events the modules declare with their types. */
export type AnyAuditEvent = AuditEvent | WorklistAuditEvent | NegotiationAuditEvent | EvidenceAuditEvent | LegalAuditEvent | QualityAuditEvent | BureauAuditEvent | ComplaintsAuditEvent | AgencyAuditEvent | AssistantAuditEvent | IdNumberAuditEvent;

export type AuditEventType = AnyAuditEvent['type'];
