/**
 * The portal's self-service calls whose answers the server documents loosely (the negotiation
 * module's options and acceptance, the bureau's dispute receipt): typed here by hand from
 * concessions.commands.ts (PortalOption, ConcessionResult) and bureau.routes.ts. The other
 * self-service routes (my requests, payments, preferences) are generated in schema.ts.
 */
import { api, type ResponseOf } from './client.ts';
import type { Bilingual } from './governance.ts';

export type { Bilingual };

export interface ScheduleItem {
  n: number;
  dueOn: string;
  principalMinor: number;
  interestMinor: number;
  amountMinor: number;
}

export interface Restructure {
  kind: 'plan' | 'deferral';
  items: ScheduleItem[];
  totalPayableMinor: number;
  costMinor: number;
  balanceMinor: number;
  annualRateBp: number;
}

export type PortalChoice =
  | { kind: 'plan'; termCount: number; waive?: Array<'interest' | 'penalty' | 'fees'> }
  | { kind: 'deferral'; months: number; hardship?: { kind: string; reference: string } }
  | { kind: 'promise'; amountMinor: number; dueOn: string };

export interface PortalOption {
  kind: 'plan' | 'deferral' | 'promise';
  /** What to send back to accept it; a deferral that needs hardship says so with a string here. */
  choice: { kind: 'plan'; termCount: number } | { kind: 'deferral'; months: number; hardship?: string } | { kind: 'promise'; amountMinor: number; dueOn: string };
  explanation: Bilingual;
  /** Within the portal's own limit: takes effect when accepted. */
  instant: boolean;
  terms: { kind: 'plan' | 'deferral'; restructure: Restructure } | { minimumMinor: number; latestDueOn: string };
}

export interface PortalOptions {
  accountRef: string;
  asOf: string;
  options: PortalOption[];
  notOffered: Array<{ kind: string; reason: Bilingual }>;
}

export interface ConcessionAnswer {
  concessionId: number;
  accountRef: string;
  kind: string;
  status: 'active' | 'pending_approval';
  effectiveOn: string | null;
  terms: { kind: string; restructure?: Restructure };
  explanation: Bilingual;
  approval: { needsRole: string | null; reason: string; slaDueAt: string } | null;
}

export type AcceptAnswer =
  | { kind: 'plan' | 'deferral'; replayed: boolean; concession: ConcessionAnswer }
  | { kind: 'promise'; replayed: boolean; promise: { promiseId?: number; amountMinor: number; dueOn: string } };

export interface BureauDisputeReceipt {
  id: number;
  accountRef: string;
  periods: string[];
  receivedOn: string;
  dueOn: string;
  status: string;
  message: Bilingual;
}

export type MyRequest = ResponseOf<'GET /api/v1/portal/concessions'>['items'][number];
export type MyPreferences = ResponseOf<'GET /api/v1/portal/preferences'>;

export async function portalOptions(accountRef: string, signal?: AbortSignal): Promise<PortalOptions> {
  return (await api('POST /api/v1/portal/options', { body: { accountRef }, signal })) as unknown as PortalOptions;
}

export async function acceptOption(accountRef: string, choice: PortalChoice, key: string): Promise<AcceptAnswer> {
  return (await api('POST /api/v1/portal/accept', { headers: { 'idempotency-key': key }, body: { accountRef, choice } })) as unknown as AcceptAnswer;
}

export async function openBureauDispute(body: { accountRef: string; reason: string; periods: string[] }, key: string): Promise<BureauDisputeReceipt> {
  return (await api('POST /api/v1/portal/bureau-disputes', { headers: { 'idempotency-key': key }, body })) as unknown as BureauDisputeReceipt;
}
