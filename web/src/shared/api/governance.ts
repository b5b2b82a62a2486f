/**
 * The governance calls (complaints and their SLA board, the debtor's complaints and disputes, the
 * approval queue, the audit chain's check, the debtor's contact history), typed from the routes'
 * response schemas (schema.ts, generated from the server's OpenAPI document). The constant lists
 * here are what the complaint forms offer; the server's complaints.types.ts has the same.
 */
import { api, type RequestOf, type ResponseOf } from './client.ts';

export type Bilingual = { 'zh-CN': string; en: string };

export const COMPLAINT_CATEGORIES = ['harassment', 'amount_dispute', 'third_party_contact', 'privacy', 'identity_theft', 'agency_conduct', 'other'] as const satisfies readonly ComplaintCategory[];
/** The outcomes each closing status allows (the server's complaints.rules.ts checks the same). */
export const OUTCOMES_BY_STATUS: Record<ClosingStatus, OutcomeCode[]> = {
  resolved: ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'],
  rejected: ['out_of_scope', 'duplicate'],
  referred: ['referred_to_regulator', 'referred_to_other_firm'],
};
export const REMEDIES = ['apology', 'fee_refund', 'interest_refund', 'amount_corrected', 'contact_restricted', 'agency_action', 'staff_action', 'compensation', 'bureau_correction'] as const satisfies readonly Remedy[];

/** A complaint with its SLA clock, as staff see it. */
export type Complaint = ResponseOf<'GET /api/v1/complaints/{id}'>;
export type ComplaintCategory = Complaint['category'];
export type ComplaintStatus = Complaint['status'];
/** The statuses a complaint is closed with. */
export type ClosingStatus = ResolveBody['status'];
export type OutcomeCode = ResolveBody['outcome'];
export type Remedy = Complaint['remedies'][number];
type ResolveBody = RequestOf<'POST /api/v1/complaints/{id}/resolve'>['body'];
export type SlaView = Complaint['sla'];
export type SlaBoard = ResponseOf<'GET /api/v1/complaints/sla-board'>;
export type SlaCount = Omit<SlaBoard['byCategory'][number], 'category'>;
/** The debtor's view of their complaint: no internal assignee or staff names. */
export type MyComplaint = ResponseOf<'GET /api/v1/portal/complaints'>['items'][number];
export type MyDispute = ResponseOf<'GET /api/v1/portal/disputes'>['items'][number];
export type PendingConcession = ResponseOf<'GET /api/v1/concessions/pending'>['items'][number];
export type AuditVerification = ResponseOf<'GET /api/v1/audit/verify'>;
export type ContactHistoryRow = ResponseOf<'GET /api/v1/portal/contact-history'>[number];

export const slaBoard = (signal?: AbortSignal) => api('GET /api/v1/complaints/sla-board', { signal });
export const complaints = (query: { status?: ComplaintStatus | 'open' | 'closed'; overdue?: 'true' | 'false' }, signal?: AbortSignal) =>
  api('GET /api/v1/complaints', { query: { ...query, limit: 200 }, signal });
export const complaint = (id: number, signal?: AbortSignal) => api('GET /api/v1/complaints/{id}', { path: { id }, signal });
export const myComplaints = (signal?: AbortSignal) => api('GET /api/v1/portal/complaints', { query: { limit: 100 }, signal });
export const myDisputes = (signal?: AbortSignal) => api('GET /api/v1/portal/disputes', { query: { limit: 100 }, signal });
export const pendingConcessions = (signal?: AbortSignal) => api('GET /api/v1/concessions/pending', { query: { limit: 200 }, signal });
export const verifyAudit = (signal?: AbortSignal) => api('GET /api/v1/audit/verify', { signal });
export const myContactHistory = (signal?: AbortSignal) => api('GET /api/v1/portal/contact-history', { signal });
