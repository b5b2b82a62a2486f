/** Complaints and disputes (C8): the closed lists, input schemas and audit events. */
import { z } from 'zod';

/** How a complaint reached us. `app` is the debtor portal; `regulator_referral` carries the regulator's reference. */
export const COMPLAINT_CHANNELS = ['hotline', 'app', 'email', 'regulator_referral'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];

export const COMPLAINT_CATEGORIES = ['harassment', 'amount_dispute', 'third_party_contact', 'privacy', 'identity_theft', 'agency_conduct', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];

/** received → acknowledged → investigating → resolved | rejected | referred (complaints.rules.ts has the transitions). */
export const COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating', 'resolved', 'rejected', 'referred'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];
export const CLOSING_STATUSES = ['resolved', 'rejected', 'referred'] as const;
export type ClosingStatus = (typeof CLOSING_STATUSES)[number];

/** What a closed complaint came to; each closing status allows its own outcomes. */
export const OUTCOME_CODES = ['upheld', 'partly_upheld', 'not_upheld', 'withdrawn', 'out_of_scope', 'duplicate', 'referred_to_regulator', 'referred_to_other_firm'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** What was done for the complainant when a complaint is upheld in whole or in part. */
export const REMEDIES = ['apology', 'fee_refund', 'interest_refund', 'amount_corrected', 'contact_restricted', 'agency_action', 'staff_action', 'compensation', 'bureau_correction'] as const;
export type Remedy = (typeof REMEDIES)[number];

/** The dispute workflow's commands (disputes table statuses are in migrations/0004_contacts.sql). */
export const DISPUTE_ACTIONS = ['send_verification', 'verify', 'resolve', 'reject', 'withdraw'] as const;
export type DisputeAction = (typeof DISPUTE_ACTIONS)[number];
export const DISPUTE_STATUSES = ['open', 'pending', 'verification_sent', 'verified', 'resolved', 'withdrawn', 'rejected', 'closed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

const Text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const Ref = z.string().trim().min(1).max(64);
/** At most this many contact references per complaint. */
export const MAX_CONTACT_REFERENCES = 50;
const ContactRefs = z.array(z.string().trim().min(1).max(100)).max(MAX_CONTACT_REFERENCES).default([]);

/** Staff intake: a complaint taken on the hotline, from an e-mail, or referred by a regulator. */
export const ComplaintIntakeSchema = z.strictObject({
  customerId: Ref.optional().describe('the complainant; may be left out when accountRef is given'),
  accountRef: Ref.optional(),
  channel: z.enum(COMPLAINT_CHANNELS),
  regulatorReference: Text(100).optional().describe('required for regulator_referral: the regulator’s own reference'),
  category: z.enum(COMPLAINT_CATEGORIES),
  summary: Text(4_000),
  contactReferences: ContactRefs.describe('outbox references of the contacts complained about'),
  agencyId: Ref.optional().describe('the agency the complaint is against, when known'),
  receivedOn: z.iso.date().optional().describe('business date received (default: today in the debtor’s time zone)'),
}).superRefine((v, ctx) => {
  if (v.channel === 'regulator_referral' && !v.regulatorReference) ctx.addIssue({ code: 'custom', path: ['regulatorReference'], message: 'required when channel is regulator_referral' });
  if (v.channel !== 'regulator_referral' && v.regulatorReference) ctx.addIssue({ code: 'custom', path: ['regulatorReference'], message: 'only for channel regulator_referral' });
  if (!v.customerId && !v.accountRef) ctx.addIssue({ code: 'custom', path: ['customerId'], message: 'give customerId or accountRef' });
});
export type ComplaintIntake = z.input<typeof ComplaintIntakeSchema>;

/** A complaint from the debtor portal: the complainant is the signed-in debtor, never a field. */
export const PortalComplaintSchema = z.strictObject({
  category: z.enum(COMPLAINT_CATEGORIES),
  summary: Text(4_000),
  accountRef: Ref.optional(),
  contactReferences: ContactRefs,
});
export type PortalComplaint = z.input<typeof PortalComplaintSchema>;

export const DisputeOpenSchema = z.strictObject({
  accountRef: Ref,
  reason: Text(2_000),
});
export type DisputeOpen = z.input<typeof DisputeOpenSchema>;

export const AssignSchema = z.strictObject({ assignee: Ref.describe('user id of the investigator') });

export const ResolveSchema = z.strictObject({
  status: z.enum(CLOSING_STATUSES),
  outcome: z.enum(OUTCOME_CODES),
  remedies: z.array(z.enum(REMEDIES)).max(REMEDIES.length).default([]),
  note: Text(4_000),
});
export type ResolveInput = z.input<typeof ResolveSchema>;

export const ExtendSchema = z.strictObject({ reason: Text(2_000) });

export const DisputeMoveSchema = z.strictObject({ note: Text(2_000).optional() });

/** Audit events of complaints and disputes (listed in the audit catalogue through AnyAuditEvent). */
export type ComplaintsAuditEvent =
  /** A complaint was received (any channel) with its SLA deadlines; linked dispute and quality review when opened with it. */
  | { type: 'COMPLAINT_RECEIVED'; subject: `complaint:${number}`; data: { channel: ComplaintChannel; category: ComplaintCategory; customerId: string; accountRef: string | null; agencyId: string | null; acknowledgeBy: string; respondBy: string; disputeId: number | null; reviewId: number | null } }
  /** A complaint was acknowledged to the complainant. */
  | { type: 'COMPLAINT_ACKNOWLEDGED'; subject: `complaint:${number}`; data: { onDate: string; withinSla: boolean } }
  /** A complaint was given to an investigator. */
  | { type: 'COMPLAINT_ASSIGNED'; subject: `complaint:${number}`; data: { assignee: string; from: string | null } }
  /** The final-response deadline was extended once, as the jurisdiction allows. */
  | { type: 'COMPLAINT_EXTENDED'; subject: `complaint:${number}`; data: { respondBy: string; reason: string } }
  /** A complaint was closed: resolved, rejected or referred, with its outcome, remedies and whether the SLA was met. */
  | { type: 'COMPLAINT_CLOSED'; subject: `complaint:${number}`; data: { status: ClosingStatus; outcome: OutcomeCode; remedies: Remedy[]; slaMet: boolean; disputeId: number | null; disputeStatus: string | null } }
  /** A dispute moved on in its workflow (verification sent, verified, resolved, rejected, withdrawn). */
  | { type: 'DISPUTE_MOVED'; subject: `account:${string}`; data: { disputeId: number; from: string; to: string; holdLifted: boolean; note: string | null } };
