/**
 * The account page's negotiation, promise, complaint and dispute calls. The negotiation answers and
 * the promises list are typed from the routes' response schemas (schema.ts, generated); the complaint
 * and dispute lists declare no response schema on the server yet, so those are typed here by hand
 * from complaints.store.ts DisputeRecord.
 */
import { api, type RequestOf, type ResponseOf } from '../../../shared/api/client.ts';
import type { Complaint } from '../../../shared/api/governance.ts';

export type PromiseView = ResponseOf<'GET /api/v1/accounts/{id}/promises'>['items'][number];

/** What a plan, deferral, waiver or settlement request answers at once (generated from the route's response schema). */
export type ConcessionResult = ResponseOf<'POST /api/v1/plans'>;
export type PlanPreview = ResponseOf<'POST /api/v1/plans/preview'>;
/** A plan's or deferral's figures and new instalments. */
export type Restructure = PlanPreview['plan'];
/** One instalment of a plan or deferral. */
export type NewItem = Restructure['items'][number];
/** A stored concession of the account. */
export type Concession = ResponseOf<'GET /api/v1/accounts/{id}/concessions'>['items'][number];
export type ConcessionKind = Concession['kind'];
export type ConcessionStatus = Concession['status'];
/** The policy roles a concession's maker or checker acts in. */
export type PolicyRole = NonNullable<NonNullable<ConcessionResult['approval']>['needsRole']>;
export type Waivable = NonNullable<RequestOf<'POST /api/v1/waivers'>['body']>['component'];

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
export const accountConcessions = (ref: string, signal?: AbortSignal) => api('GET /api/v1/accounts/{id}/concessions', { path: { id: ref }, signal });
export const accountComplaints = async (ref: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/complaints', { query: { accountRef: ref, limit: 200 }, signal })) as { asOf: string; items: Complaint[] };
export const accountDisputes = async (ref: string, signal?: AbortSignal) =>
  (await api('GET /api/v1/disputes', { query: { accountRef: ref, limit: 200 }, signal })) as { items: Dispute[] };

export const previewPlan = (body: { accountRef: string; termCount: number; firstDueOn?: string; waive?: Waivable[] }) => api('POST /api/v1/plans/preview', { body });

type Key = { 'idempotency-key': string };
export const commitPlan = (body: { accountRef: string; termCount: number; firstDueOn?: string; waive?: Waivable[]; reason: string }, headers: Key) =>
  api('POST /api/v1/plans', { body, headers });
export const requestDeferral = (body: { accountRef: string; months: number; hardship?: { kind: string; reference: string }; reason: string }, headers: Key) =>
  api('POST /api/v1/deferrals', { body, headers });
export const requestWaiver = (body: { accountRef: string; component: Waivable; amountMinor?: number; reason: string }, headers: Key) =>
  api('POST /api/v1/waivers', { body, headers });
export const requestSettlement = (body: { accountRef: string; amountMinor: number; payByOn?: string; reason: string }, headers: Key) =>
  api('POST /api/v1/settlements', { body, headers });
export const openDispute = async (body: { accountRef: string; reason: string }, headers: Key) =>
  (await api('POST /api/v1/disputes', { body, headers })) as OpenedDispute;

/** Where the agreement PDF of a concession is served, in a language. */
export const agreementUrl = (id: number, lang: 'zh-CN' | 'en') => `/api/v1/concessions/${id}/agreement?lang=${encodeURIComponent(lang)}`;
