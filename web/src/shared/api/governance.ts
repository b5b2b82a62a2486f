/**
 * Responses of the governance routes that declare no response schema on the server (complaints,
 * disputes, the approval queue, the audit chain's check, the debtor's contact history): typed here
 * by hand from the server's stores (complaints.store.ts, concessions.store.ts, evidence.routes.ts,
 * contacts.routes.ts) until those routes declare one, then generated like the rest.
 */
import { api } from './client.ts';

export type Bilingual = { 'zh-CN': string; en: string };

export const COMPLAINT_CATEGORIES = ['harassment', 'amount_dispute', 'third_party_contact', 'privacy', 'identity_theft', 'agency_conduct', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'resolved', 'rejected', 'referred'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export type ClosingStatus = 'resolved' | 'rejected' | 'referred';
export type OutcomeCode = 'upheld' | 'partly_upheld' | 'not_upheld' | 'withdrawn' | 'out_of_scope' | 'duplicate' | 'referred_to_regulator' | 'referred_to_other_firm';
/** The outcomes each closing status allows (the server's complaints.rules.ts checks the same). */
export const OUTCOMES_BY_STATUS: Record<ClosingStatus, OutcomeCode[]> = {
  resolved: ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn'],
  rejected: ['out_of_scope', 'duplicate'],
  referred: ['referred_to_regulator', 'referred_to_other_firm'],
};
export const REMEDIES = ['apology', 'fee_refund', 'interest_refund', 'amount_corrected', 'contact_restricted', 'agency_action', 'staff_action', 'compensation', 'bureau_correction'] as const;
export type Remedy = (typeof REMEDIES)[number];

export interface SlaView {
  stage: 'acknowledge' | 'final_response' | 'closed';
  dueOn: string | null;
  daysLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
  acknowledgementMet: boolean | null;
  finalResponseMet: boolean | null;
  slaMet: boolean | null;
  daysToResolve: number | null;
}

export interface Complaint {
  id: number;
  customerId: string;
  accountRef: string | null;
  agencyId: string | null;
  jurisdiction: string;
  channel: string;
  regulatorReference: string | null;
  category: ComplaintCategory;
  summary: string;
  contactReferences: string[];
  status: ComplaintStatus;
  receivedAt: string;
  receivedOn: string;
  acknowledgeBy: string;
  respondBy: string;
  extended: boolean;
  acknowledgedOn: string | null;
  assignee: string | null;
  closedOn: string | null;
  outcome: OutcomeCode | null;
  remedies: Remedy[];
  resolutionNote: string | null;
  disputeId: number | null;
  disputeStatus: string | null;
  reviewId: number | null;
  createdBy: string;
  asOf: string;
  sla: SlaView;
}

export interface SlaCount {
  open: number;
  overdue: number;
  dueSoon: number;
}

export interface SlaBoard {
  asOf: string;
  byStatus: Record<string, number>;
  open: number;
  overdue: number;
  dueSoon: number;
  overdueAcknowledgements: number;
  byCategory: Array<SlaCount & { category: string }>;
  byJurisdiction: Array<SlaCount & { jurisdiction: string }>;
  urgent: Complaint[];
  truncated: boolean;
}

/** The debtor's view of their complaint: no internal assignee or staff names. */
export interface MyComplaint {
  id: number;
  category: ComplaintCategory;
  channel: string;
  accountRef: string | null;
  status: ComplaintStatus;
  receivedOn: string;
  acknowledgeBy: string;
  respondBy: string;
  acknowledgedOn: string | null;
  closedOn: string | null;
  outcome: OutcomeCode | null;
  remedies: Remedy[];
  resolutionNote: string | null;
  disputeId: number | null;
  disputeStatus: string | null;
  overdue: boolean;
}

export interface MyDispute {
  id: number;
  accountRef: string;
  status: string;
  reason: string;
  openedAt: string;
  closedAt: string | null;
  note: string | null;
  complaintId: number | null;
}

export interface PendingConcession {
  id: number;
  accountRef: string;
  customerId: string;
  kind: string;
  status: string;
  requestedOn: string;
  currency: string;
  concessionMinor: number;
  terms: Record<string, unknown>;
  reason: string;
  maker: string;
  makerRole: string;
  requestedAt: string;
  slaDueAt: string | null;
  slaOverdue: boolean;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  firstBrokenSeq: number | null;
  reason: string | null;
  kind: string | null;
}

export interface ContactHistoryRow {
  at: string;
  channel: string;
  direction: string;
  recipientRole: string | null;
  outcome: string | null;
  initiatorKind: string;
  initiatorId: string;
  accountRef: string | null;
  reference: string | null;
  verifyCode: string | null;
}

export const slaBoard = async (signal?: AbortSignal) => (await api('GET /api/v1/complaints/sla-board', { signal })) as SlaBoard;
export const complaints = async (query: { status?: ComplaintStatus | 'open' | 'closed'; overdue?: 'true' | 'false' }, signal?: AbortSignal) =>
  (await api('GET /api/v1/complaints', { query: { ...query, limit: 200 }, signal })) as { asOf: string; items: Complaint[] };
export const complaint = async (id: number, signal?: AbortSignal) => (await api('GET /api/v1/complaints/{id}', { path: { id }, signal })) as Complaint;
export const myComplaints = async (signal?: AbortSignal) => (await api('GET /api/v1/portal/complaints', { query: { limit: 100 }, signal })) as { items: MyComplaint[] };
export const myDisputes = async (signal?: AbortSignal) => (await api('GET /api/v1/portal/disputes', { query: { limit: 100 }, signal })) as { items: MyDispute[] };
export const pendingConcessions = async (signal?: AbortSignal) => (await api('GET /api/v1/concessions/pending', { query: { limit: 200 }, signal })) as { asOf: string; items: PendingConcession[] };
export const verifyAudit = async (signal?: AbortSignal) => (await api('GET /api/v1/audit/verify', { signal })) as AuditVerification;
export const myContactHistory = async (signal?: AbortSignal) => (await api('GET /api/v1/portal/contact-history', { signal })) as ContactHistoryRow[];
