/**
 * The account page's negotiation, promise, complaint and dispute calls. The negotiation writes and
 * the complaint and dispute lists declare no response schema on the server, so their answers are
 * typed here by hand from the server's own types (concessions.commands.ts ConcessionResult,
 * plans.rules.ts Restructure, waivers.rules.ts Waiver and Settlement, concessions.store.ts
 * ConcessionRecord, complaints.store.ts DisputeRecord); the promises list is generated.
 */
import { api, type ResponseOf } from '../../../shared/api/client.ts';
import type { Bilingual, Complaint } from '../../../shared/api/governance.ts';

export type PromiseView = ResponseOf<'GET /api/v1/accounts/{id}/promises'>['items'][number];

/** The policy roles a concession's maker or checker acts in (policy.types.ts ROLES). */
export type PolicyRole = 'portal' | 'collector' | 'team_lead' | 'supervisor' | 'manager';
export type Waivable = 'interest' | 'penalty' | 'fees';
export type ConcessionKind = 'plan' | 'deferral' | 'waiver' | 'settlement';
export type ConcessionStatus = 'pending_approval' | 'active' | 'completed' | 'broken' | 'rejected' | 'expired';

type Components = Record<'fees' | 'penalty' | 'interest' | 'principal', number>;

/** One instalment of a plan or deferral (plans.rules.ts NewItem). */
export interface NewItem {
  n: number;
  dueOn: string;
  principalMinor: number;
  carried: { interest: number; penalty: number; fees: number };
  interestMinor: number;
  amountMinor: number;
}

export interface Restructure {
  kind: 'plan' | 'deferral';
  today: string;
  supersededSeqs: number[];
  outstanding: Components;
  waived: Components;
  discretionaryMinor: number;
  balanceMinor: number;
  items: NewItem[];
  costMinor: number;
  totalPayableMinor: number;
  annualRateBp: number;
  costCap: { annualBp: number | null; withinCap: boolean; reason: string | null };
}

export interface Waiver {
  component: Waivable;
  amountMinor: number;
}

export interface Settlement {
  amountMinor: number;
  payByOn: string;
  balanceMinor: number;
  discountMinor: number;
}

export type ConcessionTerms =
  | { kind: 'plan' | 'deferral'; restructure: Restructure }
  | { kind: 'waiver'; waiver: Waiver }
  | { kind: 'settlement'; settlement: Settlement };

/** What a plan, deferral, waiver or settlement request answers at once. */
export interface ConcessionResult {
  concessionId: number;
  accountRef: string;
  kind: ConcessionKind;
  status: 'active' | 'pending_approval';
  effectiveOn: string | null;
  concessionMinor: number;
  terms: ConcessionTerms;
  explanation: Bilingual;
  /** Above the maker's limit: the lowest role that may approve it, why, and by when. */
  approval: { needsRole: PolicyRole | null; reason: string; slaDueAt: string } | null;
  agreementSha256: Record<string, string> | null;
}

export interface PlanPreview {
  accountRef: string;
  asOf: string;
  policy: string;
  plan: Restructure;
  explanation: Bilingual;
  approvalNeededAbove: number;
}

/** A stored concession of the account (concessions.store.ts ConcessionRecord). */
export interface Concession {
  id: number;
  accountRef: string;
  kind: ConcessionKind;
  status: ConcessionStatus;
  policyCode: string;
  policyVersion: number;
  requestedOn: string;
  effectiveOn: string | null;
  currency: string;
  concessionMinor: number;
  terms: { restructure?: Restructure; waiver?: Waiver; settlement?: Settlement };
  reason: string;
  source: string;
  maker: string;
  makerRole: string;
  checker: string | null;
  checkerRole: string | null;
  decisionNote: string | null;
  requestedAt: string;
  slaDueAt: string | null;
  decidedAt: string | null;
  endedOn: string | null;
}

export interface Dispute {
  id: number;
  accountRef: string;
  customerId: string;
  status: string;
  reason: string;
  openedAt: string;
  openedBy: string | null;
  closedAt: string | null;
  note: string | null;
  complaintId: number | null;
}

export interface OpenedDispute {
  disputeId: number;
  accountRef: string;
  status: string;
  /** False when the account was disputed already: the request joined the open dispute. */
  created: boolean;
}

export const accountPromises = (ref: string, signal?: AbortSignal) => api('GET /api/v1/accounts/{id}/promises', { path: { id: ref }, signal });
export const accountConcessions = async (ref: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/accounts/{id}/concessions', { path: { id: ref }, signal })) as { items: Concession[] };
export const accountComplaints = async (ref: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/complaints', { query: { accountRef: ref, limit: 200 }, signal })) as { asOf: string; items: Complaint[] };
export const accountDisputes = async (ref: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/disputes', { query: { accountRef: ref, limit: 200 }, signal })) as { items: Dispute[] };

export const previewPlan = async (body: { accountRef: string; termCount: number; firstDueOn?: string; waive?: Waivable[] }) =>
  (await api('POST /api/v1/plans/preview', { body })) as unknown as PlanPreview;

type Key = { 'idempotency-key': string };
export const commitPlan = async (body: { accountRef: string; termCount: number; firstDueOn?: string; waive?: Waivable[]; reason: string }, headers: Key) =>
  (await api('POST /api/v1/plans', { body, headers })) as unknown as ConcessionResult;
export const requestDeferral = async (body: { accountRef: string; months: number; hardship?: { kind: string; reference: string }; reason: string }, headers: Key) =>
  (await api('POST /api/v1/deferrals', { body, headers })) as unknown as ConcessionResult;
export const requestWaiver = async (body: { accountRef: string; component: Waivable; amountMinor?: number; reason: string }, headers: Key) =>
  (await api('POST /api/v1/waivers', { body, headers })) as unknown as ConcessionResult;
export const requestSettlement = async (body: { accountRef: string; amountMinor: number; payByOn?: string; reason: string }, headers: Key) =>
  (await api('POST /api/v1/settlements', { body, headers })) as unknown as ConcessionResult;
export const openDispute = async (body: { accountRef: string; reason: string }, headers: Key) =>
  (await api('POST /api/v1/disputes', { body, headers })) as OpenedDispute;

/** Where the agreement PDF of a concession is served, in a language. */
export const agreementUrl = (id: number, lang: 'zh-CN' | 'en') => `/api/v1/concessions/${id}/agreement?lang=${encodeURIComponent(lang)}`;
