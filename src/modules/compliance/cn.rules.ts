/**
 * China: the contact rules of the CN pack. PURE: every input comes from the check context.
 * Rule ids and sources are in packs/cn.pack.ts; docs/compliance.md explains each rule.
 */
import type { CnParameters, LintCategory, RuleMeta, TraceEntry } from './compliance.types.ts';
import type { CheckContext } from './context.rules.ts';
import { ROLE_EN, ROLE_ZH, UNEXPLAINED, contentOf, daysOf, emit, emitFixed, fixedRow, failedToReach, isVoiceChannel, normaliseContactPoint, personReached, sameContactPoint, samePerson } from './context.rules.ts';
import { categoryMessage } from './content.rules.ts';
import { holidayOn } from './holidays.rules.ts';
import { clockOfMinutes, clockOfMsOfDay, instantOfLocal, minutesOfClock, weekdayOfDay, WEEKDAY_CODES } from './local-time.rules.ts';
import { dailyWindow, localClocks, nextInsideAll, zonesOutside } from './time-window.rules.ts';

export type RuleRun = (ctx: CheckContext) => void;
export type RuleFactory<P> = (meta: RuleMeta, p: P) => RuleRun;

const NA = (zhText: string, enText: string) => ({ 'zh-CN': zhText, en: enText });

/** A consent of a type that is in force at the check's instant. */
export function consentsInForce(ctx: CheckContext, type: string) {
  return ctx.req.debtor.consents.filter(
    (c) =>
      c.type === type &&
      c.revoked !== true &&
      (c.givenAt === undefined || Date.parse(c.givenAt) <= ctx.nowMs) &&
      (c.validUntil === undefined || Date.parse(c.validUntil) > ctx.nowMs),
  );
}

/**
 * Whether a consent of this type in force covers the check's local time. `directOnly`: only consent given
 * to the collector itself counts (US §1006.6(b)(4)). A loop rather than filter/some: this runs on every check.
 */
export function consentCoversNow(ctx: CheckContext, type: string, directOnly: boolean): boolean {
  const consents = ctx.req.debtor.consents;
  if (consents.length === 0) return false;
  const wd = weekdayOfDay(ctx.today);
  for (const c of consents) {
    if (c.type !== type || c.revoked === true) continue;
    if (directOnly && c.givenTo !== undefined && c.givenTo !== 'collector') continue;
    if (c.givenAt !== undefined && Date.parse(c.givenAt) > ctx.nowMs) continue;
    if (c.validUntil !== undefined && Date.parse(c.validUntil) <= ctx.nowMs) continue;
    if (inLocalWindow(c, ctx.nowMsOfDay, wd)) return true;
  }
  return false;
}

/** Whether local time `msOfDay` on weekday `wd` falls in a consent's or designation's window. */
export function inLocalWindow(w: { startLocal?: string | undefined; endLocal?: string | undefined; days?: readonly string[] | undefined }, msOfDay: number, wd: number): boolean {
  if (w.days !== undefined && w.days.length > 0 && !w.days.includes(WEEKDAY_CODES[wd] as string)) return false;
  if (w.startLocal === undefined || w.endLocal === undefined) return w.days !== undefined && w.days.length > 0;
  const s = minutesOfClock(w.startLocal) * 60_000;
  const e = minutesOfClock(w.endLocal) * 60_000;
  return s <= e ? msOfDay >= s && msOfDay < e : msOfDay >= s || msOfDay < e;
}

const cnHours: RuleFactory<CnParameters> = (meta, p) => {
  const window = dailyWindow(p.quietEndLocalMinutes, p.quietStartLocalMinutes, false);
  const channels = new Set(p.quietHoursChannels);
  const quietText = `${clockOfMinutes(p.quietStartLocalMinutes)}–${clockOfMinutes(p.quietEndLocalMinutes)}`;
  const banStarts = `${clockOfMinutes(p.quietStartLocalMinutes)}:00`;
  const notApplicable = fixedRow(meta, 'not_applicable', NA('该渠道不受催收时段限制', 'channel is not subject to quiet hours'));
  const chinaOnly: readonly string[] = [p.timeZone];
  return (ctx) => {
    if (!channels.has(ctx.channel)) return emitFixed(ctx, notApplicable);
    const debtorZones = ctx.req.debtor.timeZones.length > 0 ? ctx.req.debtor.timeZones : chinaOnly;
    const zones = p.useStricterOfDebtorAndChinaTime && !debtorZones.includes(p.timeZone) ? [...debtorZones, p.timeZone] : debtorZones;
    const outside = zonesOutside(zones, window, ctx.nowMs);
    if (outside.length === 0) {
      if (!ctx.explain) return emit(ctx, meta, 'pass', UNEXPLAINED);
      const local = clockOfMsOfDay(ctx.nowMsOfDay);
      return emit(ctx, meta, 'pass', {
        'zh-CN': `当地时间${local}不在禁止催收时段${quietText}内`,
        en: `local time ${local} is outside the quiet hours ${quietText}`,
      });
    }
    const wd = weekdayOfDay(ctx.today);
    for (const c of consentsInForce(ctx, 'contact_time')) {
      if (inLocalWindow(c, ctx.nowMsOfDay, wd)) {
        return emit(ctx, meta, 'pass', {
          'zh-CN': `当地时间${clockOfMsOfDay(ctx.nowMsOfDay)}在禁止时段内，但债务人同意在${c.startLocal ?? ''}–${c.endLocal ?? ''}联系`,
          en: `local time ${clockOfMsOfDay(ctx.nowMsOfDay)} is in the quiet hours, but the debtor agreed to contact at ${c.startLocal ?? ''}–${c.endLocal ?? ''}`,
        });
      }
    }
    if (!ctx.explain) return emit(ctx, meta, 'fail', UNEXPLAINED, { nextMs: nextInsideAll(zones, window, ctx.nowMs) });
    const localIn = localClocks(outside, ctx.nowMs);
    emit(
      ctx,
      meta,
      'fail',
      {
        'zh-CN': `${localIn} 在禁止催收时段${quietText}内（${banStarts}起即禁止），且债务人未同意其他时间`,
        en: `${localIn} is inside the CN quiet hours ${quietText} (the ban starts at ${banStarts}) and the debtor agreed no other time`,
      },
      { nextMs: nextInsideAll(zones, window, ctx.nowMs) },
    );
  };
};

const cnFreqConversations: RuleFactory<CnParameters> = (meta, p) => {
  const max = p.maxConnectedConversationsPerDebtorPerDay;
  const notApplicable = fixedRow(meta, 'not_applicable', NA('仅适用于语音呼叫', 'applies to voice calls only'));
  return (ctx) => {
    if (ctx.channel !== 'call') return emitFixed(ctx, notApplicable);
    const initiatorId = ctx.req.action.initiator.id;
    let count = 0;
    const h = ctx.history;
    const day = daysOf(ctx);
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (day[i] !== ctx.today || e.direction !== 'outbound' || e.channel !== 'call' || !personReached(e.outcome)) continue;
      if (!samePerson(e, ctx.role, ctx.personId)) continue;
      if (p.conversationCountScope === 'initiator' && e.initiator?.id !== initiatorId) continue;
      count++;
    }
    if (count >= max) {
      return emit(
        ctx,
        meta,
        'fail',
        !ctx.explain ? UNEXPLAINED : {
          'zh-CN': `今日已与该人主动有效通话${count}次（含机构及全部委外机构），达到每日上限${max}次`,
          en: `${count} connected institution-initiated conversations with this person today (lender and all agencies), the daily cap is ${max}`,
        },
        { nextMs: instantOfLocal(ctx.zone, ctx.today + 1, p.quietEndLocalMinutes) },
      );
    }
    emit(ctx, meta, 'pass', !ctx.explain ? UNEXPLAINED : {
      'zh-CN': `今日主动有效通话${count}次，上限${max}次`,
      en: `${count} connected institution-initiated conversations today, cap ${max}`,
    });
  };
};

const cnFreqUnanswered: RuleFactory<CnParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('仅适用于语音呼叫', 'applies to voice calls only'));
  return (ctx) => {
    if (!isVoiceChannel(ctx.channel)) return emitFixed(ctx, notApplicable);
    let max = p.maxUnansweredAttemptsPerContactPointPerDay;
    for (const c of consentsInForce(ctx, 'contact_frequency')) if (c.maxPerDay !== undefined) max = Math.max(max, c.maxPerDay);
    const cp = normaliseContactPoint(ctx.req.action.contactPoint?.value);
    let count = 0;
    const h = ctx.history;
    const day = daysOf(ctx);
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (day[i] !== ctx.today || e.direction !== 'outbound' || !isVoiceChannel(e.channel) || !failedToReach(e.outcome)) continue;
      if (cp !== undefined ? !sameContactPoint(e.contactPoint, cp) : !samePerson(e, ctx.role, ctx.personId)) continue;
      count++;
    }
    if (count >= max) {
      return emit(
        ctx,
        meta,
        'fail',
        !ctx.explain ? UNEXPLAINED : {
          'zh-CN': `今日对同一号码已有${count}次未接通呼叫，达到每日上限${max}次`,
          en: `${count} unanswered attempts to this number today, the daily cap is ${max}`,
        },
        { nextMs: instantOfLocal(ctx.zone, ctx.today + 1, p.quietEndLocalMinutes) },
      );
    }
    emit(ctx, meta, 'pass', !ctx.explain ? UNEXPLAINED : { 'zh-CN': `今日同一号码未接通${count}次，上限${max}次`, en: `${count} unanswered attempts to this number today, cap ${max}` });
  };
};

export interface Reachability {
  unreachable: boolean;
  why: 'invalid_number' | 'consecutive_failures' | 'reached' | 'too_few_attempts';
  failures: number;
}

/**
 * Whether the debtor counts as unreachable: the latest attempt hit an invalid number, or the latest
 * `needed` attempts within the look-back all failed. An inbound contact from the debtor or a connected
 * call breaks the run. Ties in time put the success last, so the order of the history never matters.
 */
export function debtorReachability(ctx: CheckContext, needed: number, lookbackDays: number): Reachability {
  const from = ctx.today - lookbackDays;
  const events: Array<{ t: number; ok: boolean; invalid: boolean }> = [];
  const h = ctx.history;
  const day = daysOf(ctx);
  for (let i = 0; i < h.length; i++) {
    const e = h[i]!;
    if (e.recipientRole !== 'debtor' || day[i]! < from || h[i]!.atMs > ctx.nowMs) continue;
    if (e.direction === 'inbound') events.push({ t: h[i]!.atMs, ok: true, invalid: false });
    else if (e.channel === 'letter' || e.outcome === 'delivered') continue;
    else if (personReached(e.outcome)) events.push({ t: h[i]!.atMs, ok: true, invalid: false });
    else if (failedToReach(e.outcome)) events.push({ t: h[i]!.atMs, ok: false, invalid: e.outcome === 'invalid_number' });
  }
  events.sort((a, b) => a.t - b.t || Number(a.ok) - Number(b.ok) || Number(b.invalid) - Number(a.invalid));
  const last = events[events.length - 1];
  if (last === undefined) return { unreachable: false, why: 'too_few_attempts', failures: 0 };
  if (last.invalid) return { unreachable: true, why: 'invalid_number', failures: 1 };
  let run = 0;
  for (let i = events.length - 1; i >= 0 && !events[i]!.ok; i--) run++;
  if (run >= needed) return { unreachable: true, why: 'consecutive_failures', failures: run };
  return { unreachable: false, why: last.ok ? 'reached' : 'too_few_attempts', failures: run };
}

function isContactRole(ctx: CheckContext, p: CnParameters): boolean {
  return ctx.role === 'contact' || (ctx.role === 'spouse' && p.spouseTreatedAs === 'contact');
}

const cnWhoMayBeContacted: RuleFactory<CnParameters> = (meta, p) => {
  // The pass row for each role that may always be contacted.
  const passFor = new Map<string, TraceEntry>();
  for (const r of ['debtor', 'guarantor', 'attorney', 'debt_adviser', 'spouse']) {
    passFor.set(r, fixedRow(meta, 'pass', { 'zh-CN': `联系对象为${ROLE_ZH[r]}，可依法联系`, en: `the recipient is ${ROLE_EN[r]}, who may be contacted` }));
  }
  return (ctx) => {
    const role = ctx.role;
    if (role === 'debtor' || role === 'guarantor' || role === 'attorney' || role === 'debt_adviser' || (role === 'spouse' && p.spouseTreatedAs === 'obligor')) {
      return emitFixed(ctx, passFor.get(role)!);
    }
    if (role === 'third_party' || role === 'employer') {
      if (ctx.purpose === 'voluntary_payment') {
        return emit(ctx, meta, 'flag', {
          'zh-CN': '与债务无关的第三人自愿代为还款，仅可就其自愿代偿事项联系',
          en: 'an unrelated third party volunteered to pay; contact only about that offer',
        });
      }
      return emit(ctx, meta, 'fail', {
        'zh-CN': '不得向与债务无关的第三人（含工作单位）催收',
        en: 'collection from a third party unrelated to the debt (including the employer) is not allowed',
      });
    }
    // a contact (联系人), or a spouse treated as one
    if (ctx.statuses.has('deceased') || ctx.statuses.has('incapacitated')) {
      return emit(ctx, meta, 'pass', {
        'zh-CN': '债务人已死亡或无/限制民事行为能力，可联系其联系人',
        en: 'the debtor is deceased or lacks capacity, so a contact may be reached',
      });
    }
    const r = debtorReachability(ctx, p.consecutiveFailedAttemptsForUnreachable, p.unreachableLookbackDays);
    if (r.unreachable) {
      return emit(ctx, meta, 'pass', {
        'zh-CN': r.why === 'invalid_number' ? '债务人本人号码无效，属于联系不上债务人' : `连续${r.failures}次联系债务人失败，属于联系不上债务人`,
        en: r.why === 'invalid_number' ? 'the debtor’s own number is invalid, so the debtor is unreachable' : `${r.failures} consecutive failed attempts to reach the debtor, so the debtor is unreachable`,
      });
    }
    emit(ctx, meta, 'fail', {
      'zh-CN': `仅在联系不上债务人（号码无效或连续${p.consecutiveFailedAttemptsForUnreachable}次失败）、债务人死亡或丧失行为能力时方可联系联系人；当前连续失败${r.failures}次`,
      en: `a contact may be reached only when the debtor is unreachable (invalid number or ${p.consecutiveFailedAttemptsForUnreachable} consecutive failed attempts), deceased or incapacitated; ${r.failures} consecutive failures so far`,
    });
  };
};

const cnContactUse: RuleFactory<CnParameters> = (meta, p) => {
  const allowed = new Set(p.contactPurposesAllowed);
  const notApplicable = fixedRow(meta, 'not_applicable', NA('联系对象不是联系人', 'recipient is not a contact'));
  return (ctx) => {
    if (!isContactRole(ctx, p)) return emitFixed(ctx, notApplicable);
    if (ctx.req.action.recipient.source === 'address_book') {
      return emit(ctx, meta, 'fail', { 'zh-CN': '不得使用从通讯录获取的联系人', en: 'contacts harvested from an address book may not be used' }, { check: 'source' });
    }
    const personId = ctx.personId;
    const cp = normaliseContactPoint(ctx.req.action.contactPoint?.value);
    const refused = ctx.history.some(
      (e) => e.outcome === 'refused' && e.recipientRole === ctx.role && (personId !== undefined ? e.personId === personId : cp !== undefined && sameContactPoint(e.contactPoint, cp)),
    );
    const optedOut = cp !== undefined && ctx.req.debtor.optOuts.some((o) => o.value !== undefined && normaliseContactPoint(o.value) === cp);
    if (refused || optedOut) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '该联系人已拒绝或要求不再联系，须永久停止', en: 'this contact refused or asked not to be contacted again: stop permanently' }, { check: 'refusal' });
    }
    if (!allowed.has(ctx.purpose)) {
      return emit(
        ctx,
        meta,
        'fail',
        { 'zh-CN': `联系联系人的目的只能是${[...allowed].join('、')}，不能是${ctx.purpose}`, en: `a contact may be reached only to ${[...allowed].join(' or ')}, not for ${ctx.purpose}` },
        { check: 'purpose' },
      );
    }
    const cats = contentOf(ctx);
    if (cats?.has('debt_disclosure')) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '发给联系人的内容透露了债务信息', en: 'the message to the contact discloses the debt' }, { check: 'disclosure' });
    }
    emit(ctx, meta, 'pass', {
      'zh-CN': cats ? '联系目的为寻找债务人，内容未透露债务' : '联系目的为寻找债务人；发送前须检查内容不透露债务',
      en: cats ? 'purpose is to reach the debtor and the content does not disclose the debt' : 'purpose is to reach the debtor; content is checked for disclosure before sending',
    });
  };
};

const cnVisit: RuleFactory<CnParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是外访', 'not a field visit'));
  return (ctx) => {
    if (ctx.channel !== 'visit') return emitFixed(ctx, notApplicable);
    const c = ctx.req.action.initiator.collectors;
    const collectors = c === undefined ? undefined : typeof c === 'number' ? c : new Set(c).size;
    if (collectors !== undefined && collectors < p.minCollectorsPerFieldVisit) {
      return emit(ctx, meta, 'fail', { 'zh-CN': `外访人员${collectors}人，少于${p.minCollectorsPerFieldVisit}人`, en: `${collectors} collector(s) on the visit, at least ${p.minCollectorsPerFieldVisit} are required` }, { check: 'collectors' });
    }
    if (p.fieldVisitRecordingRequired && ctx.req.action.recording === false) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '外访未全程录音录像', en: 'the visit is not recorded on audio and video' }, { check: 'recording' });
    }
    if (collectors === undefined) {
      return emit(
        ctx,
        meta,
        'fail',
        { 'zh-CN': `须安排至少${p.minCollectorsPerFieldVisit}名外访人员`, en: `assign at least ${p.minCollectorsPerFieldVisit} collectors to the visit` },
        { effect: 'require_action', requiredAction: 'assign_collectors', check: 'collectors' },
      );
    }
    if (p.fieldVisitRecordingRequired && ctx.req.action.recording !== true) {
      return emit(
        ctx,
        meta,
        'fail',
        { 'zh-CN': '外访须全程录音录像', en: 'the visit must be recorded on audio and video' },
        { effect: 'require_action', requiredAction: 'record_visit', check: 'recording' },
      );
    }
    const holiday = holidayOn(ctx.calendar, 'CN', ctx.today);
    if (holiday?.kind === 'holiday' && p.fieldVisitOnStatutoryHolidayEffect !== 'none') {
      return emit(ctx, meta, p.fieldVisitOnStatutoryHolidayEffect === 'deny' ? 'fail' : 'flag', {
        'zh-CN': `今日为法定节假日（${holiday.name}），外访需复核`,
        en: `today is a statutory holiday (${holiday.name}); a field visit needs review`,
      }, { check: 'holiday' });
    }
    emit(ctx, meta, 'pass', { 'zh-CN': `外访${collectors}人并全程录音录像`, en: `${collectors} collectors and full recording` });
  };
};

const CHECK_CONTENT = { check: 'content' };
const CHECK_CALLER = { check: 'caller-number' };
const CHECK_PUBLIC = { check: 'public-posting' };
const CN_PROHIBITED: readonly LintCategory[] = ['threat', 'insult', 'impersonation', 'fictitious_blacklist', 'exaggerated_consequence', 'extra_fee', 'public_exposure', 'induced_borrowing'];
const PUBLIC_CONTACT_POINTS = new Set(['social_public', 'public_place', 'social_feed', 'public']);

/** Content categories a pack forbids, found in the action's text. */
export function forbiddenFound(ctx: CheckContext, forbidden: readonly LintCategory[]): LintCategory[] {
  const cats = contentOf(ctx);
  if (cats === undefined) return [];
  return forbidden.filter((c) => cats.has(c));
}

export function contentReason(found: readonly LintCategory[]) {
  return {
    'zh-CN': `内容违规：${found.map((c) => categoryMessage(c)['zh-CN']).join('；')}`,
    en: `content breach: ${found.map((c) => categoryMessage(c).en).join('; ')}`,
  };
}

export function isPublicPosting(ctx: CheckContext): boolean {
  const a = ctx.req.action;
  return a.content?.public === true || a.contactPoint?.public === true || (a.contactPoint?.type !== undefined && PUBLIC_CONTACT_POINTS.has(a.contactPoint.type));
}

const cnProhibited: RuleFactory<CnParameters> = (meta, p) => {
  const contentClean = fixedRow(meta, 'pass', { 'zh-CN': '内容未发现禁止性表述', en: 'no prohibited wording found in the content' }, 'content');
  const noContent = fixedRow(meta, 'not_applicable', NA('无内容可检查（发送前对渲染后的文本再检查）', 'no content to check (the rendered text is checked before sending)'), 'content');
  const callerOk = fixedRow(meta, 'pass', { 'zh-CN': '主叫号码符合要求', en: 'calling number acceptable' }, 'caller-number');
  return (ctx) => {
    const found = forbiddenFound(ctx, CN_PROHIBITED);
    if (found.length > 0) emit(ctx, meta, 'fail', contentReason(found), CHECK_CONTENT);
    else if (ctx.req.action.content?.text) emitFixed(ctx, contentClean);
    else emitFixed(ctx, noContent);

    if (isPublicPosting(ctx)) {
      emit(ctx, meta, 'fail', { 'zh-CN': '不得在公共场所或公开渠道张贴、发布催收信息', en: 'collection notices may not be posted in public or on public channels' }, CHECK_PUBLIC);
    }

    if (ctx.channel === 'call' || ctx.channel === 'sms' || ctx.channel === 'voicemail') {
      const registered = ctx.req.action.contactPoint?.callerNumberRegistered;
      const isAgency = ctx.req.action.initiator.kind !== 'lender';
      const applies = p.registeredCallerNumberRequiredFor === 'all' || isAgency;
      if (applies && registered === false) {
        emit(ctx, meta, 'fail', { 'zh-CN': '主叫号码未报备登记（不得使用私人手机或社交软件）', en: 'the calling number is not registered (no private phones or social apps)' }, CHECK_CALLER);
      } else if (applies && registered === undefined && isAgency) {
        emit(
          ctx,
          meta,
          'fail',
          { 'zh-CN': '委外机构须使用已报备的号码联系', en: 'an agency must contact from a registered number' },
          { effect: 'require_action', requiredAction: 'use_registered_number', check: 'caller-number' },
        );
      } else {
        emitFixed(ctx, callerOk);
      }
    }
  };
};

const cnCreditNotice: RuleFactory<CnParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是征信报送', 'not credit furnishing'));
  return (ctx) => {
    if (ctx.purpose !== 'credit_furnishing') return emitFixed(ctx, notApplicable);
    let noticeDay = -Infinity;
    const h = ctx.history;
    const day = daysOf(ctx);
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (e.purpose !== 'credit_report_notice' || e.direction !== 'outbound' || e.recipientRole !== 'debtor') continue;
      if (e.outcome === 'bounced' || e.outcome === 'failed' || e.outcome === 'invalid_number') continue;
      if (day[i]! > noticeDay) noticeDay = day[i]!;
    }
    if (noticeDay === -Infinity) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '报送不良信息前须事先告知债务人', en: 'notify the debtor before furnishing adverse information' }, { effect: 'require_action', requiredAction: 'send_credit_report_notice' });
    }
    const readyDay = noticeDay + p.creditReportPreNoticeDays;
    if (ctx.today < readyDay) {
      return emit(
        ctx,
        meta,
        'fail',
        { 'zh-CN': `告知后须满${p.creditReportPreNoticeDays}天方可报送`, en: `furnishing must wait ${p.creditReportPreNoticeDays} days after the notice` },
        { nextMs: instantOfLocal(ctx.zone, readyDay, 0) },
      );
    }
    emit(ctx, meta, 'pass', { 'zh-CN': '已事先告知债务人', en: 'the debtor was notified in advance' });
  };
};

export const CN_RULES: Record<string, RuleFactory<CnParameters>> = {
  'CN-HOURS-01': cnHours,
  'CN-FREQ-01': cnFreqConversations,
  'CN-FREQ-02': cnFreqUnanswered,
  'CN-3P-01': cnWhoMayBeContacted,
  'CN-PIPL-02': cnContactUse,
  'CN-VISIT-01': cnVisit,
  'CN-PROHIB-01': cnProhibited,
  'CN-CREDIT-01': cnCreditNotice,
};
