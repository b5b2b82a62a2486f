/**
 * Input schemas of the concession commands (plans, deferrals, waivers, settlements, decisions,
 * portal options) and their audit events. Types are inferred from the schemas.
 */
import { z } from 'zod';
import { isIsoDate } from '../../platform/dates.ts';
import { ROLES, WAIVABLE } from './policy.types.ts';

const isoDate = z.string().refine(isIsoDate, { message: 'expected a date YYYY-MM-DD' });
const positiveMinor = z.number().int().refine(Number.isSafeInteger, { message: 'must be a safe integer of minor units' }).refine((n) => n > 0, { message: 'must be greater than 0' });
const accountRef = z.string().min(1).max(64);
/** Who asks or decides: there is no user table yet, so the person and their role come with the request and are recorded. */
const actorFields = {
  actor: z.string().min(1).max(100).describe('The person making (or checking) the request'),
  role: z.enum(ROLES),
};
const reason = z.string().min(1).max(500);

export const PlanTermsSchema = z.object({
  termCount: z.number().int().min(1).max(120),
  firstDueOn: isoDate.optional(),
  waive: z.array(z.enum(WAIVABLE)).max(3).optional().describe('Components to waive beyond what the policy waives itself'),
});
export const PlanPreviewInputSchema = PlanTermsSchema.extend({ accountRef });
export const PlanInputSchema = PlanTermsSchema.extend({ accountRef, reason, ...actorFields });

export const HardshipSchema = z.object({ kind: z.string().min(1).max(60), reference: z.string().min(1).max(200) });
export const DeferralTermsSchema = z.object({ months: z.number().int().min(1).max(24), hardship: HardshipSchema.optional() });
export const DeferralInputSchema = DeferralTermsSchema.extend({ accountRef, reason, ...actorFields });

export const WaiverTermsSchema = z.object({ component: z.enum(WAIVABLE), amountMinor: positiveMinor.optional().describe('All that is owed of the component when omitted') });
export const WaiverInputSchema = WaiverTermsSchema.extend({ accountRef, reason, ...actorFields });

export const SettlementTermsSchema = z.object({ amountMinor: positiveMinor, payByOn: isoDate.optional() });
export const SettlementInputSchema = SettlementTermsSchema.extend({ accountRef, reason, ...actorFields });

export const DecisionInputSchema = z.object({ concessionId: z.number().int().positive(), note: z.string().max(500).optional(), ...actorFields });

/** What a debtor may accept in the portal: one of the options it was offered. */
export const PortalChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), termCount: z.number().int().min(1).max(120), waive: z.array(z.enum(WAIVABLE)).max(3).optional() }),
  z.object({ kind: z.literal('deferral'), months: z.number().int().min(1).max(24), hardship: HardshipSchema.optional() }),
  z.object({ kind: z.literal('promise'), amountMinor: positiveMinor, dueOn: isoDate }),
]);
export const PortalAcceptInputSchema = z.object({ accountRef, choice: PortalChoiceSchema });
export type PortalChoice = z.infer<typeof PortalChoiceSchema>;

/** Audit events of concessions (listed in the module's NegotiationAuditEvent union). */
export type ConcessionAuditEvent =
  /** A plan, deferral, waiver or settlement was asked for, with its terms as computed, its maker and whether it needs a checker. */
  | { type: 'CONCESSION_REQUESTED'; subject: `account:${string}`; data: { concessionId: number; kind: string; status: string; concessionMinor: number; maker: string; makerRole: string; policy: string; needsRole: string | null; slaDueAt: string | null; reason: string } }
  /** A concession took effect: within its maker's limit at once, or approved by a checker whose limit covers it. */
  | { type: 'CONCESSION_APPROVED'; subject: `account:${string}`; data: { concessionId: number; kind: string; effectiveOn: string; concessionMinor: number; checker: string | null; checkerRole: string | null; auto: boolean } }
  /** A checker refused a pending concession. */
  | { type: 'CONCESSION_REJECTED'; subject: `account:${string}`; data: { concessionId: number; kind: string; checker: string; checkerRole: string; note: string | null } }
  /** The agreement of a concession was rendered as PDF; the sha256 of each language's file. */
  | { type: 'AGREEMENT_RENDERED'; subject: `account:${string}`; data: { concessionId: number; sha256: Record<string, string> } };
