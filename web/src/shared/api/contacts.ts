/**
 * The contacts calls: an account's planned and sent contacts with their stored compliance verdicts,
 * and the outbox statistics, typed from the routes' response schemas (schema.ts, generated from the
 * server's OpenAPI document).
 */
import { api, type ResponseOf } from './client.ts';

/** A planned or sent contact of an account, with the verdicts it got when planned and when sent. */
export type AccountContact = ResponseOf<'GET /api/v1/accounts/{ref}/contacts'>[number];
/** A compliance verdict as stored with a planned contact: the rules that passed by id, the others in full. */
export type StoredVerdict = AccountContact['planVerdict'];
export type Decision = StoredVerdict['decision'];
export type OutboxStats = ResponseOf<'GET /api/v1/outbox/stats'>;

export const accountContacts = (ref: string, signal?: AbortSignal) => api('GET /api/v1/accounts/{ref}/contacts', { path: { ref }, query: { limit: 100 }, signal });

export const outboxStats = (signal?: AbortSignal) => api('GET /api/v1/outbox/stats', { signal });
