/**
 * The compliance gate's request for one planned contact, built from what is known of the debtor at
 * that moment. Pure: the planner (at planning time) and the dispatcher (just before sending) load the
 * context, and both build the request here, so the two checks cannot drift apart.
 */
import type { ContactRequestInput, Verdict } from '../compliance/index.ts';
import { COMPLIANCE_CHANNEL } from './contacts.types.ts';
import type { ProviderChannel } from './providers/provider.types.ts';

/** A contact_history row as the compliance engine reads it. */
export interface HistoryRow {
  at: string;
  channel: string;
  direction: 'outbound' | 'inbound';
  recipientRole: string;
  personId: string | null;
  contactPoint: string | null;
  outcome: string;
  initiatorKind: string;
  initiatorId: string;
  accountRef: string | null;
}

/** What the gate needs to know about a debtor; loaded per customer. */
export interface DebtorContext {
  customerId: string;
  jurisdiction: string;
  timeZone: string;
  statuses: string[];
  optOuts: unknown[];
  consents: unknown[];
  designations: unknown[];
  ceaseRequested: unknown;
  /** Disputes of any of the debtor's accounts, by account reference. */
  disputes: Array<{ accountRef: string; status: string; openedAt: string }>;
  /** Accounts whose legal case holds collection contacts (legal module), by account reference: automated ones or all. */
  legalHolds?: Record<string, 'automated' | 'all'>;
  history: HistoryRow[];
}

export interface PlannedContact {
  channel: ProviderChannel;
  /** The account references the contact is about. */
  debtRefs: string[];
  initiatorKind: 'lender' | 'agency';
  initiatorId: string;
  contactPoint: string | null;
  contactPointType?: string;
  /** The sender is registered to the initiator (sender registry). */
  senderRegistered: boolean;
  purpose: string;
  text?: string;
  language: 'zh-CN' | 'en';
}

/** Days of history every check receives: the longest window any pack counts over (7 days) and then some. */
export const HISTORY_DAYS = 8;

/** The compliance request for one contact to the debtor, as of `now` (ISO-8601). */
export function contactRequest(ctx: DebtorContext, c: PlannedContact, now: string): ContactRequestInput {
  const channel = COMPLIANCE_CHANNEL[c.channel];
  return {
    jurisdiction: ctx.jurisdiction as ContactRequestInput['jurisdiction'],
    now,
    debtor: {
      id: ctx.customerId,
      timeZones: [ctx.timeZone],
      status: ctx.statuses as NonNullable<ContactRequestInput['debtor']>['status'],
      ceaseRequested: ctx.ceaseRequested as NonNullable<ContactRequestInput['debtor']>['ceaseRequested'],
      disputes: ctx.disputes.map((d) => ({ debtId: d.accountRef, status: d.status as 'open', receivedAt: d.openedAt, written: true })),
      consents: ctx.consents as NonNullable<ContactRequestInput['debtor']>['consents'],
      designations: ctx.designations as NonNullable<ContactRequestInput['debtor']>['designations'],
      optOuts: ctx.optOuts as NonNullable<ContactRequestInput['debtor']>['optOuts'],
    },
    action: {
      channel,
      purpose: c.purpose,
      recipient: { role: 'debtor', personId: ctx.customerId },
      debtIds: c.debtRefs,
      initiator: { kind: c.initiatorKind, id: c.initiatorId },
      ...(c.contactPoint !== null
        ? { contactPoint: { type: c.contactPointType ?? defaultPointType(c.channel), value: c.contactPoint, callerNumberRegistered: c.senderRegistered } }
        : {}),
      ...(c.text !== undefined ? { content: { text: c.text, lang: c.language } } : {}),
      automated: c.channel === 'robot_call',
    },
    debts: c.debtRefs.map((debtId) => (ctx.legalHolds?.[debtId] ? { debtId, legalHold: ctx.legalHolds[debtId] } : { debtId })),
    history: ctx.history.map((h) => ({
      at: h.at,
      channel: h.channel as 'call',
      debtIds: h.accountRef ? [h.accountRef] : [],
      recipientRole: h.recipientRole as 'debtor',
      ...(h.personId ? { personId: h.personId } : {}),
      ...(h.contactPoint ? { contactPoint: h.contactPoint } : {}),
      direction: h.direction,
      outcome: h.outcome as 'connected',
      initiator: { kind: h.initiatorKind as 'lender', id: h.initiatorId },
    })),
  };
}

function defaultPointType(channel: ProviderChannel): string {
  switch (channel) {
    case 'sms':
    case 'collector_call':
    case 'robot_call':
      return 'mobile';
    case 'email':
      return 'email';
    case 'letter':
      return 'address';
    default:
      return 'app';
  }
}

/**
 * A verdict as it is stored with each planned contact: everything but the wording of the rules that
 * passed. Those are listed by id (with the pack versions they are fully determined), while failed,
 * flagged and required-action rows keep their reasons and sources. A full trace is a few kilobytes;
 * stored for every contact it would dominate the planning step's writes.
 */
export function storedVerdict(v: Verdict): StoredVerdict {
  const kept = v.trace.filter((t) => t.outcome === 'fail' || t.outcome === 'flag');
  return {
    decision: v.decision, jurisdiction: v.jurisdiction, packs: v.packs, now: v.now, ...(v.nextAllowedAt ? { nextAllowedAt: v.nextAllowedAt } : {}),
    denyingRules: v.denyingRules, requiredActions: v.requiredActions, flags: v.flags,
    passed: v.trace.filter((t) => t.outcome === 'pass').map((t) => (t.check ? `${t.ruleId}:${t.check}` : t.ruleId)),
    notApplicable: v.trace.filter((t) => t.outcome === 'not_applicable').length,
    trace: kept,
  };
}

export type StoredVerdict = Pick<Verdict, 'decision' | 'jurisdiction' | 'packs' | 'now' | 'nextAllowedAt' | 'denyingRules' | 'requiredActions' | 'flags' | 'trace'> & {
  /** Ids of the rules that passed (rule:check where a rule has several checks). */
  passed: string[];
  /** How many rules did not apply to this contact. */
  notApplicable: number;
};
