/**
 * The account page's negotiation, promise, complaint and dispute calls, typed from the routes'
 * response schemas (schema.ts, generated from the server's OpenAPI document).
 */
import { api, type RequestOf, type ResponseOf } from '../../../shared/api/client.ts';

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

/** A dispute of a debt, with who opened it and where it stands. */
export type Dispute = ResponseOf<'GET /api/v1/disputes'>['items'][number];
/** What opening a dispute answers; `created` is false when the account was disputed already (the request joined the open dispute). */
export type OpenedDispute = ResponseOf<'POST /api/v1/disputes'>;

export const accountPromises = (ref: string, signal?: AbortSignal) => api('GET /api/v1/accounts/{id}/promises', { path: { id: ref }, signal });
export const accountConcessions = (ref: string, signal?: AbortSignal) => api('GET /api/v1/accounts/{id}/concessions', { path: { id: ref }, signal });
export const accountComplaints = (ref: string, signal?: AbortSignal) => api('GET /api/v1/complaints', { query: { accountRef: ref, limit: 200 }, signal });
export const accountDisputes = (ref: string, signal?: AbortSignal) => api('GET /api/v1/disputes', { query: { accountRef: ref, limit: 200 }, signal });

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
export const openDispute = (body: { accountRef: string; reason: string }, headers: Key) => api('POST /api/v1/disputes', { body, headers });

/** Where the agreement PDF of a concession is served, in a language. */
export const agreementUrl = (id: number, lang: 'zh-CN' | 'en') => `/api/v1/concessions/${id}/agreement?lang=${encodeURIComponent(lang)}`;
