/**
 * Call outcome codes (催记结果) as data: what each code means, how it is written to the contact
 * history the compliance gate reads, and what happens next. `nextActionFor` turns a code into the
 * next action and its date; the business date is passed in.
 */
import { addDays } from '../../platform/dates.ts';

export const OUTCOME_CODES = ['rpc', 'ptp', 'no_answer', 'busy', 'voicemail', 'wrong_number', 'refused', 'dispute', 'hardship', 'third_party', 'deceased'] as const;
export type OutcomeCode = (typeof OUTCOME_CODES)[number];

/** The compliance engine's outcomes a call can have (the `outcome` of contact_history). */
export type HistoryOutcome = 'connected' | 'unanswered' | 'voicemail' | 'busy' | 'invalid_number' | 'refused';

/** What the collector, or someone else, does next. */
export const NEXT_ACTIONS = ['follow_up', 'retry', 'skip_trace', 'supervisor_review', 'open_dispute', 'offer_plan'] as const;
export type NextAction = (typeof NEXT_ACTIONS)[number];

/** When the next action is due: days after the business date, days after the promised date, or never. */
export type FollowUp = { from: 'today'; days: number } | { from: 'promise_due'; days: number } | { from: 'none' };

export interface OutcomeRule {
  code: OutcomeCode;
  label: { 'zh-CN': string; en: string };
  /** How the call enters contact_history: the compliance outcome and who was reached. */
  history: { outcome: HistoryOutcome; recipientRole: 'debtor' | 'third_party' };
  /** The debtor was reached in person (right-party contact, RPC). */
  rightPartyContact: boolean;
  nextAction: NextAction;
  followUp: FollowUp;
  /** A promise to pay must (ptp) or must not (every other code) come with the call record. */
  promise: 'required' | 'forbidden';
  /** The number reached someone else or no one: it is not the debtor's any more. */
  invalidatesContactPoint: boolean;
  /** A supervisor looks at the case before collection goes on. */
  supervisorReview: boolean;
  /** Collection on the case stops until someone decides otherwise (dispute, death). */
  stopsCollection: boolean;
}

const rule = (r: Omit<OutcomeRule, 'invalidatesContactPoint' | 'supervisorReview' | 'stopsCollection' | 'promise' | 'rightPartyContact'> & Partial<OutcomeRule>): OutcomeRule =>
  Object.freeze({ invalidatesContactPoint: false, supervisorReview: false, stopsCollection: false, promise: 'forbidden', rightPartyContact: false, ...r });

const debtorReached = { outcome: 'connected', recipientRole: 'debtor' } as const;

export const OUTCOME_RULES: Readonly<Record<OutcomeCode, OutcomeRule>> = Object.freeze({
  rpc: rule({ code: 'rpc', label: { 'zh-CN': '本人接通', en: 'right-party contact' }, history: debtorReached, rightPartyContact: true, nextAction: 'follow_up', followUp: { from: 'today', days: 3 } }),
  ptp: rule({ code: 'ptp', label: { 'zh-CN': '承诺还款', en: 'promise to pay' }, history: debtorReached, rightPartyContact: true, promise: 'required', nextAction: 'follow_up', followUp: { from: 'promise_due', days: 1 } }),
  no_answer: rule({ code: 'no_answer', label: { 'zh-CN': '无人接听', en: 'no answer' }, history: { outcome: 'unanswered', recipientRole: 'debtor' }, nextAction: 'retry', followUp: { from: 'today', days: 1 } }),
  busy: rule({ code: 'busy', label: { 'zh-CN': '占线', en: 'busy' }, history: { outcome: 'busy', recipientRole: 'debtor' }, nextAction: 'retry', followUp: { from: 'today', days: 0 } }),
  voicemail: rule({ code: 'voicemail', label: { 'zh-CN': '语音信箱', en: 'voicemail' }, history: { outcome: 'voicemail', recipientRole: 'debtor' }, nextAction: 'retry', followUp: { from: 'today', days: 2 } }),
  wrong_number: rule({ code: 'wrong_number', label: { 'zh-CN': '号码错误', en: 'wrong number' }, history: { outcome: 'invalid_number', recipientRole: 'debtor' }, invalidatesContactPoint: true, nextAction: 'skip_trace', followUp: { from: 'today', days: 0 } }),
  refused: rule({ code: 'refused', label: { 'zh-CN': '拒绝沟通', en: 'refused' }, history: { outcome: 'refused', recipientRole: 'debtor' }, rightPartyContact: true, supervisorReview: true, nextAction: 'supervisor_review', followUp: { from: 'today', days: 7 } }),
  dispute: rule({ code: 'dispute', label: { 'zh-CN': '提出异议', en: 'dispute' }, history: debtorReached, rightPartyContact: true, stopsCollection: true, nextAction: 'open_dispute', followUp: { from: 'today', days: 0 } }),
  hardship: rule({ code: 'hardship', label: { 'zh-CN': '经济困难', en: 'hardship' }, history: debtorReached, rightPartyContact: true, nextAction: 'offer_plan', followUp: { from: 'today', days: 0 } }),
  third_party: rule({ code: 'third_party', label: { 'zh-CN': '第三方接听', en: 'third party answered' }, history: { outcome: 'connected', recipientRole: 'third_party' }, nextAction: 'retry', followUp: { from: 'today', days: 2 } }),
  deceased: rule({ code: 'deceased', label: { 'zh-CN': '债务人身故', en: 'debtor deceased' }, history: { outcome: 'connected', recipientRole: 'third_party' }, supervisorReview: true, stopsCollection: true, nextAction: 'supervisor_review', followUp: { from: 'none' } }),
});

/** The next action after a call with this outcome on business date `today`, and the date it is due (null: never). */
export function nextActionFor(code: OutcomeCode, ctx: { today: string; promiseDueOn?: string | undefined }): { nextAction: NextAction; nextActionOn: string | null } {
  const r = OUTCOME_RULES[code];
  const f = r.followUp;
  if (f.from === 'none') return { nextAction: r.nextAction, nextActionOn: null };
  if (f.from === 'promise_due') {
    if (ctx.promiseDueOn === undefined) throw new RangeError(`outcome ${code} needs the promised date`);
    return { nextAction: r.nextAction, nextActionOn: addDays(ctx.promiseDueOn, f.days) };
  }
  return { nextAction: r.nextAction, nextActionOn: addDays(ctx.today, f.days) };
}

/**
 * Whether a case can be called on `asOf` after its last call: not while collection is stopped, and not
 * before the next action's date.
 */
export function isCallable(last: { outcome: OutcomeCode; nextActionOn: string | null } | null, asOf: string): boolean {
  if (!last) return true;
  const r = OUTCOME_RULES[last.outcome];
  if (r.stopsCollection || last.nextActionOn === null) return false;
  return last.nextActionOn <= asOf;
}
