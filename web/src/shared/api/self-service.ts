/**
 * The portal's self-service calls and answers (the options an account qualifies for and accepting
 * one, my requests, contact preferences, the credit-report dispute), typed from the routes' response
 * schemas (schema.ts, generated from the server's OpenAPI document).
 */
import { api, type RequestOf, type ResponseOf } from './client.ts';
import type { Bilingual } from './governance.ts';

export type { Bilingual };

export type PortalOptions = ResponseOf<'POST /api/v1/portal/options'>;
/** One option: what to send back to accept it, its explanation, whether it takes effect at once, and its terms. */
export type PortalOption = PortalOptions['options'][number];
/** A plan's or deferral's new schedule and its figures. */
export type Restructure = Extract<PortalOption['terms'], { restructure: unknown }>['restructure'];
export type ScheduleItem = Restructure['items'][number];
/** What the debtor accepts: an option's choice, adjusted within what the API takes. */
export type PortalChoice = RequestOf<'POST /api/v1/portal/accept'>['body']['choice'];
export type AcceptAnswer = ResponseOf<'POST /api/v1/portal/accept'>;
export type ConcessionAnswer = Extract<AcceptAnswer, { concession: unknown }>['concession'];
export type BureauDisputeReceipt = ResponseOf<'POST /api/v1/portal/bureau-disputes'>;

export type MyRequest = ResponseOf<'GET /api/v1/portal/concessions'>['items'][number];
export type MyPreferences = ResponseOf<'GET /api/v1/portal/preferences'>;

export const portalOptions = (accountRef: string, signal?: AbortSignal) => api('POST /api/v1/portal/options', { body: { accountRef }, signal });

export const acceptOption = (accountRef: string, choice: PortalChoice, key: string) =>
  api('POST /api/v1/portal/accept', { headers: { 'idempotency-key': key }, body: { accountRef, choice } });

export const openBureauDispute = (body: { accountRef: string; reason: string; periods: string[] }, key: string) =>
  api('POST /api/v1/portal/bureau-disputes', { headers: { 'idempotency-key': key }, body });
