/**
 * Fairdebt policy rules shared by several packs (ids FD-…): holds for disputes, debtor status and
 * requests to stop contact where the jurisdiction has no statutory rule of its own, and the debtor's own
 * choices of channel and hours in every pack. PURE.
 */
import type { RuleMeta } from './compliance.types.ts';
import type { CheckContext } from './context.rules.ts';
import { RESPONSIVE_PURPOSES, emit, emitFixed, fixedRow, isVoiceChannel, normaliseContactPoint } from './context.rules.ts';
import { consentCoversNow, inLocalWindow, type RuleFactory } from './cn.rules.ts';
import { instantOfLocal, minutesOfClock, weekdayOfDay } from './local-time.rules.ts';

const ACTIVE_DISPUTE = new Set(['open', 'pending']);

const NO_DEBTS: readonly string[] = Object.freeze([]);

/** The action's debts that have an active dispute (all disputed debts when the action names none). */
export function disputedDebts(ctx: CheckContext, active: ReadonlySet<string> = ACTIVE_DISPUTE): readonly string[] {
  const disputes = ctx.req.debtor.disputes;
  if (disputes.length === 0) return NO_DEBTS;
  const ids = ctx.req.action.debtIds;
  const out: string[] = [];
  for (const d of disputes) {
    if (!active.has(d.status)) continue;
    if (ids.length === 0 || ids.includes(d.debtId)) out.push(d.debtId);
  }
  return out;
}

export const disputeHold: RuleFactory<{ disputeHoldsCollection: boolean }> = (meta, p) => {
  const switchedOff = fixedRow(meta, 'not_applicable', { 'zh-CN': '规则包未启用异议暂停', en: 'dispute hold is switched off in this pack' });
  const noDispute = fixedRow(meta, 'pass', { 'zh-CN': '相关债务无未决异议', en: 'no open dispute on the debts concerned' });
  return (ctx) => {
    if (!p.disputeHoldsCollection) return emitFixed(ctx, switchedOff);
    const debts = disputedDebts(ctx);
    if (debts.length === 0) return emitFixed(ctx, noDispute);
    if (RESPONSIVE_PURPOSES.has(ctx.purpose)) {
      return emit(ctx, meta, 'pass', { 'zh-CN': `债务${debts.join('、')}有未决异议，本次为答复或法定通知`, en: `debt ${debts.join(', ')} is disputed; this contact answers it or is required by law` });
    }
    emit(ctx, meta, 'fail', { 'zh-CN': `债务${debts.join('、')}有未决异议，核实完成前暂停催收`, en: `debt ${debts.join(', ')} is disputed: collection is paused until it is verified` });
  };
};

const COLLECTION_FREE_PURPOSES = RESPONSIVE_PURPOSES;

/** FD-STATUS-01: holds from the debtor's status and from the debts' state. */
export function statusHold(meta: RuleMeta): (ctx: CheckContext) => void {
  const clear = fixedRow(meta, 'pass', { 'zh-CN': '债务人状态不妨碍联系', en: 'the debtor’s status does not prevent contact' });
  return (ctx) => {
    const s = ctx.statuses;
    const toDebtor = ctx.role === 'debtor';
    const responsive = COLLECTION_FREE_PURPOSES.has(ctx.purpose);
    if (toDebtor && s.has('deceased')) return emit(ctx, meta, 'fail', { 'zh-CN': '债务人已死亡，不得向其本人催收', en: 'the debtor is deceased: no collection contact to the debtor' }, { check: 'deceased' });
    if (toDebtor && s.has('minor')) return emit(ctx, meta, 'fail', { 'zh-CN': '债务人为未成年人，不得直接催收', en: 'the debtor is a minor: no direct collection contact' }, { check: 'minor' });
    if (s.has('bankrupt') && !responsive) return emit(ctx, meta, 'fail', { 'zh-CN': '债务人处于破产程序，暂停催收', en: 'the debtor is in bankruptcy: collection is stayed' }, { check: 'bankrupt' });
    if (s.has('identity_theft') && !responsive) return emit(ctx, meta, 'fail', { 'zh-CN': '债务源于身份盗用，不得催收', en: 'the debt results from identity theft: no collection' }, { check: 'identity-theft' });
    const ids = ctx.req.action.debtIds;
    let closed: Array<{ debtId: string }> | undefined;
    for (const d of ctx.req.debts) if ((ids.length === 0 || ids.includes(d.debtId)) && (d.paid === true || d.dischargedInBankruptcy === true)) (closed ??= []).push(d);
    if (closed !== undefined && !responsive) {
      return emit(ctx, meta, 'fail', { 'zh-CN': `债务${closed.map((d) => d.debtId).join('、')}已结清或已免除`, en: `debt ${closed.map((d) => d.debtId).join(', ')} is paid or discharged` }, { check: 'debt-closed' });
    }
    if (!responsive) {
      // A debt in legal proceedings (legal module): the policy holds automated contacts or all of them; a person's own call or visit is not automated.
      const human = (ctx.req.action.channel === 'call' || ctx.req.action.channel === 'visit') && ctx.req.action.automated !== true;
      let held: string[] | undefined;
      for (const d of ctx.req.debts) if ((ids.length === 0 || ids.includes(d.debtId)) && (d.legalHold === 'all' || (d.legalHold === 'automated' && !human))) (held ??= []).push(d.debtId);
      if (held !== undefined) {
        return emit(ctx, meta, 'fail', { 'zh-CN': `债务${held.join('、')}已进入诉讼程序，暂停催收联系（答复与法定通知除外）`, en: `debt ${held.join(', ')} is in legal proceedings: collection contact is held (responses and statutory notices continue)` }, { check: 'legal-hold' });
      }
    }
    if (toDebtor && s.has('incapacitated')) return emit(ctx, meta, 'flag', { 'zh-CN': '债务人无/限制民事行为能力，应通过监护人处理', en: 'the debtor lacks capacity: deal through the guardian' }, { check: 'incapacitated' });
    emitFixed(ctx, clear);
  };
}

export function isCeaseRequested(ctx: CheckContext): boolean {
  const c = ctx.req.debtor.ceaseRequested;
  if (c === false) return false;
  if (c === true) return true;
  if (c.at !== undefined && Date.parse(c.at) > ctx.nowMs) return false;
  const ids = ctx.req.action.debtIds;
  return c.debtIds === undefined || ids.length === 0 || ids.some((d) => c.debtIds!.includes(d));
}

export const ceaseRequest: RuleFactory<{ ceaseRequestEffect: 'none' | 'flag' | 'deny' }> = (meta, p) => {
  const notAsked = fixedRow(meta, 'pass', { 'zh-CN': '债务人未要求停止联系', en: 'the debtor has not asked to stop contact' });
  const noEffect = fixedRow(meta, 'pass', { 'zh-CN': '债务人要求停止联系（本规则包不据此限制）', en: 'the debtor asked to stop contact (no effect in this pack)' });
  return (ctx) => {
    if (!isCeaseRequested(ctx)) return emitFixed(ctx, notAsked);
    if (p.ceaseRequestEffect === 'none') return emitFixed(ctx, noEffect);
    emit(ctx, meta, p.ceaseRequestEffect === 'deny' ? 'fail' : 'flag', { 'zh-CN': '债务人要求停止联系，须复核后再联系', en: 'the debtor asked to stop contact: review before contacting' });
  };
};

/** Channels that reach a person at a moment, so that the debtor's chosen hours apply (a letter arrives when the post comes). */
const TIMED_CHANNELS: ReadonlySet<string> = new Set(['call', 'sms', 'email', 'push', 'in_app', 'visit', 'voicemail']);

/** The instant a chosen local window ends after now (the next day's start when the window names days only). */
function windowEnds(ctx: CheckContext, endLocal: string | undefined): number {
  if (endLocal === undefined) return instantOfLocal(ctx.zone, ctx.today + 1, 0);
  const end = minutesOfClock(endLocal);
  const endToday = instantOfLocal(ctx.zone, ctx.today, end);
  return endToday > ctx.nowMs ? endToday : instantOfLocal(ctx.zone, ctx.today + 1, end);
}

/** Whether the debtor opted out of this contact's medium (or of this very number or address), or named the medium inconvenient. */
export function mediumRefused(ctx: CheckContext): boolean {
  const debtor = ctx.req.debtor;
  if (debtor.optOuts.length > 0) {
    const cp = normaliseContactPoint(ctx.req.action.contactPoint?.value);
    for (const o of debtor.optOuts) {
      if (o.at !== undefined && Date.parse(o.at) > ctx.nowMs) continue;
      const medium = o.channel === 'all' || o.channel === ctx.channel || (isVoiceChannel(ctx.channel) && isVoiceChannel(o.channel as never));
      if (medium && (o.value === undefined || (cp !== undefined && normaliseContactPoint(o.value) === cp))) return true;
    }
  }
  for (const d of debtor.designations) if (d.type === 'inconvenient_medium' && (d.channel === undefined || d.channel === ctx.channel)) return true;
  return false;
}

/**
 * FD-PREF-01: the debtor's own choices of how and when to be contacted (the portal's preferences, or
 * what staff recorded for them) are honoured in every jurisdiction, whether or not its law binds them:
 * no contact on a medium (or to a number or address) the debtor stopped, and none in a window they
 * named inconvenient unless they agreed to that time (consent contact_time). Responses to the debtor,
 * statutory notices and confirmations of an opt-out still go out. Statutory rules apply on top.
 */
export function debtorPreferences(meta: RuleMeta): (ctx: CheckContext) => void {
  const none = fixedRow(meta, 'pass', { 'zh-CN': '符合债务人选择的联系方式与时段', en: 'within the channels and hours the debtor chose' });
  const responsive = fixedRow(meta, 'pass', { 'zh-CN': '本次为答复或法定通知，不受债务人联系偏好限制', en: 'a response or statutory notice: the debtor’s contact preferences do not hold it' });
  return (ctx) => {
    const prefs = ctx.req.debtor;
    if (prefs.optOuts.length === 0 && prefs.designations.length === 0) return emitFixed(ctx, none);
    if (RESPONSIVE_PURPOSES.has(ctx.purpose)) return emitFixed(ctx, responsive);
    let failed = false;
    if (mediumRefused(ctx)) {
      failed = true;
      emit(ctx, meta, 'fail', { 'zh-CN': `债务人已选择不通过${ctx.channel}联系`, en: `the debtor chose not to be contacted by ${ctx.channel}` }, { check: 'channel' });
    }
    if (TIMED_CHANNELS.has(ctx.channel)) {
      const wd = weekdayOfDay(ctx.today);
      let consented: boolean | undefined;
      for (const d of prefs.designations) {
        if (d.type !== 'inconvenient_time' || !inLocalWindow(d, ctx.nowMsOfDay, wd)) continue;
        consented ??= consentCoversNow(ctx, 'contact_time', false);
        if (consented) break;
        failed = true;
        const window = d.startLocal !== undefined && d.endLocal !== undefined ? `${d.startLocal}–${d.endLocal}` : (d.days ?? []).join(', ');
        emit(ctx, meta, 'fail', { 'zh-CN': `债务人已选择不在${window}联系`, en: `the debtor chose not to be contacted ${window}` }, { check: 'hours', nextMs: windowEnds(ctx, d.endLocal) });
      }
    }
    if (!failed) emitFixed(ctx, none);
  };
}
