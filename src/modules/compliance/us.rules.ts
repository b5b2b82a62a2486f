/**
 * United States, federal Regulation F (12 CFR part 1006). PURE. Rule ids and sources: packs/us.pack.ts.
 */
import type { Bilingual, HistoryEntry, LintCategory, UsParameters } from './compliance.types.ts';
import type { CheckContext } from './context.rules.ts';
import {
  ROLE_EN,
  ROLE_ZH,
  UNEXPLAINED,
  aboutDebt,
  connectedToNumber,
  contentOf,
  daysOf,
  emit,
  emitFixed,
  fixedRow,
  isVoiceChannel,
  normaliseContactPoint,
  personReached,
  samePerson,
} from './context.rules.ts';
import { consentCoversNow, consentsInForce, contentReason, forbiddenFound, inLocalWindow, isPublicPosting, type RuleFactory } from './cn.rules.ts';
import { disputedDebts, isCeaseRequested } from './common.rules.ts';
import { hasDebtCollectorDisclosure, hasElectronicOptOut, lintText } from './content.rules.ts';
import { addBusinessDays } from './holidays.rules.ts';
import { MS_PER_MINUTE, clockOfMinutes, instantOfLocal, isoDateOfDay, localDayOf, minutesOfClock, weekdayOfDay } from './local-time.rules.ts';
import { dailyWindow, localClocks, nextInsideAll, zonesOutside } from './time-window.rules.ts';

const NA = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/** Regulation F covers debt collectors; with appliesToCreditors the pack applies it to creditors too. */
function regF(factory: RuleFactory<UsParameters>): RuleFactory<UsParameters> {
  return (meta, p) => {
    const inner = factory(meta, p);
    if (p.appliesToCreditors) return inner;
    const creditor = fixedRow(meta, 'not_applicable', NA('债权人自行催收，不适用《F条例》', 'a creditor collecting its own debt is outside Regulation F'));
    return (ctx) => {
      if (ctx.req.action.initiator.kind === 'lender') return emitFixed(ctx, creditor);
      inner(ctx);
    };
  };
}

const usScope: RuleFactory<UsParameters> = (meta, p) => {
  const creditor = p.appliesToCreditors
    ? fixedRow(meta, 'pass', { 'zh-CN': '债权人自行催收；本规则包按政策同样适用《F条例》', en: 'a creditor collecting its own debt; this pack applies Regulation F to creditors by policy' })
    : fixedRow(meta, 'not_applicable', { 'zh-CN': '债权人自行催收，不适用《F条例》', en: 'a creditor collecting its own debt is outside Regulation F' });
  return (ctx) => {
    const kind = ctx.req.action.initiator.kind;
    if (kind !== 'lender') return emit(ctx, meta, 'pass', { 'zh-CN': `发起方为${ROLE_ZH[kind]}，属于债务催收人，适用《F条例》`, en: `the initiator is ${ROLE_EN[kind]}, a debt collector covered by Regulation F` });
    emitFixed(ctx, creditor);
  };
};

const WORK_TYPES = new Set(['work_phone', 'work', 'office', 'work_email', 'workplace']);
const HOME_TYPES = new Set(['home_phone', 'landline', 'home', 'address', 'home_address']);

function placeOfContactPoint(ctx: CheckContext): string | undefined {
  const t = ctx.req.action.contactPoint?.type;
  if (t === undefined) return ctx.channel === 'letter' ? 'home' : undefined;
  if (WORK_TYPES.has(t)) return 'work';
  if (HOME_TYPES.has(t)) return 'home';
  return undefined;
}

function designationInForce(ctx: CheckContext, d: { validFrom?: string | undefined; validUntil?: string | undefined }): boolean {
  return (d.validFrom === undefined || Date.parse(d.validFrom) <= ctx.nowMs) && (d.validUntil === undefined || Date.parse(d.validUntil) > ctx.nowMs);
}

/** Consent given directly to the collector (not to the creditor or a prior collector). */
function directConsents(ctx: CheckContext, type: string) {
  return consentsInForce(ctx, type).filter((c) => c.givenTo === undefined || c.givenTo === 'collector');
}

/** The instant a designated local window ends after `t` (next day boundary when the window has no clock times). */
function designationEnds(ctx: CheckContext, d: { endLocal?: string | undefined }): number {
  if (d.endLocal === undefined) return instantOfLocal(ctx.zone, ctx.today + 1, 0);
  const end = minutesOfClock(d.endLocal);
  const endToday = instantOfLocal(ctx.zone, ctx.today, end);
  return endToday > ctx.nowMs ? endToday : instantOfLocal(ctx.zone, ctx.today + 1, end);
}

const usHours: RuleFactory<UsParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('该渠道不受时间限制，且无不便地点', 'channel is not subject to the time rule and no place is designated'));
  const window = dailyWindow(p.earliestLocalMinutes, p.latestLocalMinutes, true);
  const channels = new Set(p.hoursChannels);
  const windowText = `${clockOfMinutes(p.earliestLocalMinutes)}–${clockOfMinutes(p.latestLocalMinutes)}`;
  return (ctx) => {
    const timed = channels.has(ctx.channel);
    const wd = weekdayOfDay(ctx.today);
    const consented = timed && consentCoversNow(ctx, 'contact_time', true);
    let failed = false;
    const outside = timed ? zonesOutside(ctx.zones, window, ctx.nowMs) : NO_ZONES;
    if (outside.length > 0 && !consented) {
      failed = true;
      if (!ctx.explain) emit(ctx, meta, 'fail', UNEXPLAINED, { check: 'time', nextMs: nextInsideAll(ctx.zones, window, ctx.nowMs) });
      else {
      const where = localClocks(outside, ctx.nowMs);
      emit(
        ctx,
        meta,
        'fail',
        {
          'zh-CN': `消费者所在地时间${where}不在${windowText}内（所有已知时区取最严）`,
          en: `${where} is outside ${windowText} at the consumer’s location (every known zone must allow it)`,
        },
        { check: 'time', nextMs: nextInsideAll(ctx.zones, window, ctx.nowMs) },
      );
      }
    }
    const place = placeOfContactPoint(ctx);
    for (const d of ctx.req.debtor.designations) {
      if (!designationInForce(ctx, d)) continue;
      if (d.type === 'inconvenient_time' && timed && inLocalWindow(d, ctx.nowMsOfDay, wd) && !consented) {
        failed = true;
        emit(
          ctx,
          meta,
          'fail',
          { 'zh-CN': '消费者已指定此时段不便联系', en: 'the consumer designated this time as inconvenient' },
          { check: 'designated-time', nextMs: designationEnds(ctx, d) },
        );
      } else if (d.type === 'inconvenient_place' && d.place !== undefined && (d.place === place || (ctx.channel === 'visit' && d.place === 'home' && place === undefined))) {
        failed = true;
        emit(ctx, meta, 'fail', { 'zh-CN': `消费者已指定${d.place}为不便联系的地点`, en: `the consumer designated ${d.place} as an inconvenient place` }, { check: 'designated-place' });
      }
    }
    if (!failed && !timed) emitFixed(ctx, notApplicable);
    else if (!failed) {
      if (!ctx.explain) return emit(ctx, meta, 'pass', UNEXPLAINED);
      const zones = ctx.zones.length === 1 ? ctx.zones[0]! : ctx.zones.join(', ');
      emit(ctx, meta, 'pass', {
        'zh-CN': consented && outside.length > 0 ? '消费者已直接同意在此时间联系' : `所有已知时区均在${windowText}内（${zones}）`,
        en: consented && outside.length > 0 ? 'the consumer consented directly to contact at this time' : `between ${windowText} in every known zone (${zones})`,
      });
    }
  };
};

const usWork: RuleFactory<UsParameters> = (meta) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是工作场所联系方式', 'not a workplace contact point'));
  return (ctx) => {
    if (placeOfContactPoint(ctx) !== 'work') return emitFixed(ctx, notApplicable);
    const barred = ctx.req.debtor.designations.some((d) => designationInForce(ctx, d) && (d.type === 'no_work_contact' || (d.type === 'inconvenient_place' && d.place === 'work')));
    if (barred) return emit(ctx, meta, 'fail', { 'zh-CN': '已知雇主禁止此类联系或消费者已表示不便在工作时联系', en: 'the employer prohibits such communications or the consumer said work contact is not allowed' });
    emit(ctx, meta, 'pass', { 'zh-CN': '未获知雇主禁止在工作场所联系', en: 'no known employer prohibition on contact at work' });
  };
};

const usAttorney: RuleFactory<UsParameters> = (meta) => {
  const passRow = fixedRow(meta, 'pass', NA('消费者未委托律师', 'the consumer has no known attorney'));
  const passRow2 = fixedRow(meta, 'pass', NA('联系对象为消费者的律师', 'the recipient is the consumer’s attorney'));
  const notApplicable = fixedRow(meta, 'not_applicable', NA('联系对象不是消费者本人', 'the recipient is not the consumer'));
  const passRow3 = fixedRow(meta, 'pass', NA('律师同意直接联系或未在合理期限内答复', 'the attorney consented to direct contact or failed to respond in time'));
  const passRow4 = fixedRow(meta, 'pass', NA('回应消费者本人发起的联系', 'responding once to a contact the consumer initiated'));
  return (ctx) => {
    const att = ctx.req.debtor.attorney;
    const represented = ctx.statuses.has('attorney_represented') || att !== undefined;
    if (!represented) return emitFixed(ctx, passRow);
    if (ctx.role === 'attorney') return emitFixed(ctx, passRow2);
    if (ctx.role !== 'debtor') return emitFixed(ctx, notApplicable);
    if (att?.consentsToDirectContact === true || att?.failedToRespond === true) {
      return emitFixed(ctx, passRow3);
    }
    if (ctx.purpose === 'response_to_debtor') return emitFixed(ctx, passRow4);
    emit(ctx, meta, 'fail', { 'zh-CN': '消费者已就该债务委托律师，只能联系律师', en: 'the consumer is represented by an attorney for this debt: contact the attorney only' });
  };
};

const usCease: RuleFactory<UsParameters> = (meta, p) => {
  const passRow = fixedRow(meta, 'pass', NA('消费者未书面要求停止联系或拒绝付款', 'no written cease-communication or refusal notice'));
  const passRow2 = fixedRow(meta, 'pass', NA('联系消费者的律师', 'contacting the consumer’s attorney'));
  const allowed = new Set(p.ceasePurposesAllowed);
  return (ctx) => {
    if (!isCeaseRequested(ctx)) return emitFixed(ctx, passRow);
    if (ctx.role === 'attorney') return emitFixed(ctx, passRow2);
    if (allowed.has(ctx.purpose)) {
      return emit(ctx, meta, 'pass', { 'zh-CN': `消费者已要求停止联系；本次属于允许的例外（${ctx.purpose}）`, en: `the consumer asked to cease; this is an allowed exception (${ctx.purpose})` });
    }
    emit(ctx, meta, 'fail', { 'zh-CN': '消费者已书面要求停止联系或拒绝付款，不得再就该债务联系', en: 'the consumer gave notice to cease communication or refused to pay: no further communication about the debt' });
  };
};

const usDispute: RuleFactory<UsParameters> = (meta, p) => {
  const passRow = fixedRow(meta, 'pass', NA('相关债务无未核实的异议', 'no unverified dispute on the debts concerned'));
  const allowed = new Set(p.disputeHoldPurposesAllowed);
  return (ctx) => {
    const debts = disputedDebts(ctx);
    if (debts.length === 0) return emitFixed(ctx, passRow);
    if (allowed.has(ctx.purpose)) return emit(ctx, meta, 'pass', { 'zh-CN': `发送核实材料（${debts.join('、')}）`, en: `sending verification for ${debts.join(', ')}` });
    emit(ctx, meta, 'fail', { 'zh-CN': `债务${debts.join('、')}存在异议，发送核实材料前须停止催收`, en: `debt ${debts.join(', ')} is disputed: collection stops until verification is sent` });
  };
};

// ---------------------------------------------------------------------------------------------------------
// Call frequency (§1006.14(b))

interface ConsentSpan {
  fromMs: number;
  toMs: number;
}

/**
 * Calls placed with the person's prior consent given directly to the collector are excluded, for up to
 * `callConsentWindowDays` consecutive days with the consent date as day 1; a telephone conversation about the
 * debt after the consent ends it early.
 */
const NO_SPANS: ConsentSpan[] = [];
const NO_ZONES: string[] = [];
const ANY_DEBT = ['*'];

function callConsentSpans(ctx: CheckContext, p: UsParameters, debtId: string): ConsentSpan[] {
  if (ctx.req.debtor.consents.length === 0) return NO_SPANS;
  const spans: ConsentSpan[] = [];
  for (const c of ctx.req.debtor.consents) {
    if ((c.type !== 'call_frequency' && c.type !== 'telephone_calls' && c.type !== 'calls') || c.revoked === true || c.givenAt === undefined) continue;
    if (c.givenTo !== undefined && c.givenTo !== 'collector') continue;
    if (c.debtIds !== undefined && c.debtIds.length > 0 && debtId !== '*' && !c.debtIds.includes(debtId)) continue;
    const from = Date.parse(c.givenAt);
    let to = instantOfLocal(ctx.zone, localDayOf(ctx.zone, from) + p.callConsentWindowDays, 0);
    if (c.validUntil !== undefined) to = Math.min(to, Date.parse(c.validUntil));
    const h = ctx.history;
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      const t = h[i]!.atMs;
      if (t > from && t < to && e.channel === 'call' && personReached(e.outcome) && samePerson(e, ctx.role, ctx.personId) && (debtId === '*' || aboutDebt(e, debtId))) to = t;
    }
    spans.push({ fromMs: from, toMs: to });
  }
  return spans;
}

function inSpans(spans: readonly ConsentSpan[], t: number): boolean {
  for (const s of spans) if (t >= s.fromMs && t < s.toMs) return true;
  return false;
}

const usFrequency: RuleFactory<UsParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('短信和电子邮件不计入电话频率', 'texts and e-mails are not telephone calls'));
  const notApplicable2 = fixedRow(meta, 'not_applicable', NA('致电消费者的律师不计入', 'calls to the consumer’s attorney are excluded'));
  const max = p.maxCallsPerDebtPer7Days;
  const windowDays = p.callWindowDays;
  const blackout = p.callBlackoutDaysAfterConversation;
  return (ctx) => {
    if (!isVoiceChannel(ctx.channel)) return emitFixed(ctx, notApplicable);
    if (ctx.role === 'attorney') return emitFixed(ctx, notApplicable2);
    const debts = ctx.req.action.debtIds.length > 0 ? ctx.req.action.debtIds : ANY_DEBT;
    const h = ctx.history;
    const day = daysOf(ctx);
    const from = ctx.today - (windowDays - 1);
    const cp = normaliseContactPoint(ctx.req.action.contactPoint?.value);
    let lastToSameNumber = -Infinity;
    let callsToday = 0;
    for (const debtId of debts) {
      let failed = false;
      const spans = callConsentSpans(ctx, p, debtId);
      let calls = 0;
      let lastConversationDay = -Infinity;
      // The first debt's pass also gathers the redial and per-day figures, so the history is read once.
      const gather = debtId === debts[0];
      for (let i = 0; i < h.length; i++) {
        const e = h[i]!;
        if (e.atMs > ctx.nowMs || !isVoiceChannel(e.channel)) continue;
        const d = day[i]!;
        if (gather && e.direction === 'outbound' && (cp !== undefined ? e.contactPoint === cp : samePerson(e, ctx.role, ctx.personId))) {
          if (e.atMs > lastToSameNumber) lastToSameNumber = e.atMs;
          if (d === ctx.today && connectedToNumber(e.outcome)) callsToday++;
        }
        if (d < from - blackout) continue;
        if (!samePerson(e, ctx.role, ctx.personId) || (debtId !== '*' && !aboutDebt(e, debtId))) continue;
        if (e.channel === 'call' && personReached(e.outcome) && d > lastConversationDay) lastConversationDay = d;
        if (e.direction !== 'outbound' || d < from || !connectedToNumber(e.outcome)) continue;
        if (e.recipientRole === 'attorney' || (spans.length > 0 && inSpans(spans, e.atMs))) continue;
        calls++;
      }
      if (spans.length > 0 && inSpans(spans, ctx.nowMs)) {
        emit(ctx, meta, 'pass', { 'zh-CN': '消费者已直接同意在此期间来电，本次不计数', en: 'the consumer consented directly to calls in this period; this call is excluded' }, { check: debtId === '*' ? undefined : `debt ${debtId}` });
        continue;
      }
      const label = !ctx.explain || debtId === '*' ? 'this debt' : `debt ${debtId}`;
      const labelZh = !ctx.explain || debtId === '*' ? '该债务' : `债务${debtId}`;
      if (calls >= max) {
        failed = true;
        // The day the count falls below the cap again: the max-th most recent call day + the window.
        const perDay: number[] = new Array<number>(windowDays).fill(0);
        for (let i = 0; i < h.length; i++) {
          const e = h[i]!;
          const d = day[i]!;
          if (d < from || h[i]!.atMs > ctx.nowMs || !isVoiceChannel(e.channel) || e.direction !== 'outbound' || !connectedToNumber(e.outcome)) continue;
          if (!samePerson(e, ctx.role, ctx.personId) || (debtId !== '*' && !aboutDebt(e, debtId))) continue;
          if (e.recipientRole === 'attorney' || (spans.length > 0 && inSpans(spans, h[i]!.atMs))) continue;
          perDay[ctx.today - d] = (perDay[ctx.today - d] ?? 0) + 1;
        }
        let seen = 0;
        let back = 0;
        while (back < windowDays - 1 && seen + perDay[back]! < max) seen += perDay[back++]!;
        const reopen = ctx.today - back + windowDays;
        emit(
          ctx,
          meta,
          'fail',
          !ctx.explain ? UNEXPLAINED : {
            'zh-CN': `${labelZh}在最近${windowDays}个自然日内已致电该人${calls}次，已达${max}次，再次致电推定违规`,
            en: `${calls} calls to this person about ${label} in the last ${windowDays} calendar days; a call now exceeds ${max} in ${windowDays} days (presumed violation)`,
          },
          { check: 'seven-in-seven', nextMs: instantOfLocal(ctx.zone, reopen, p.earliestLocalMinutes) },
        );
      }
      if (ctx.today - lastConversationDay < blackout) {
        failed = true;
        const reopen = lastConversationDay + blackout;
        emit(
          ctx,
          meta,
          'fail',
          !ctx.explain ? UNEXPLAINED : {
            'zh-CN': `${isoDateOfDay(lastConversationDay)}已就${labelZh}与该人通话，${blackout}日内（通话日为第1日）不得再致电，最早${isoDateOfDay(reopen)}`,
            en: `a telephone conversation about ${label} took place on ${isoDateOfDay(lastConversationDay)} (day 1); no call within ${blackout} days, so not before ${isoDateOfDay(reopen)}`,
          },
          { check: 'after-conversation', nextMs: instantOfLocal(ctx.zone, reopen, p.earliestLocalMinutes) },
        );
      }
      if (!failed) {
        if (!ctx.explain) emit(ctx, meta, 'pass', UNEXPLAINED);
        else
          emit(ctx, meta, 'pass', {
            'zh-CN': `${labelZh}最近${windowDays}日已致电${calls}次（上限${max}次），${blackout}日内无通话`,
            en: `${calls} calls about ${label} in the last ${windowDays} days (cap ${max}) and no conversation in the last ${blackout} days`,
          }, debtId === '*' ? undefined : { check: `debt ${debtId}` });
      }
    }
    // Engine policy beyond the presumption: rapid redials are blocked, concentrated calling is flagged.
    const redialMs = p.rapidRedialBlockMinutes * MS_PER_MINUTE;
    if (redialMs > 0 && ctx.nowMs - lastToSameNumber < redialMs) {
      emit(
        ctx,
        meta,
        'fail',
        !ctx.explain ? UNEXPLAINED : { 'zh-CN': `${p.rapidRedialBlockMinutes}分钟内重复拨打同一号码（快速连续拨打是推定合规的反驳因素）`, en: `a redial to the same number within ${p.rapidRedialBlockMinutes} minutes (rapid succession rebuts the presumption of compliance)` },
        { check: 'rapid-redial', nextMs: lastToSameNumber + redialMs },
      );
    }
    if (callsToday + 1 > p.callsPerDayFlagAbove) {
      emit(ctx, meta, 'flag', !ctx.explain ? UNEXPLAINED : { 'zh-CN': `本次为今日第${callsToday + 1}次致电，集中拨打需复核`, en: `this would be call ${callsToday + 1} today; concentrated calling needs review` }, { check: 'concentration' });
    }
  };
};

const HARASSING: readonly LintCategory[] = ['threat', 'insult', 'impersonation', 'fictitious_blacklist', 'exaggerated_consequence'];

const usHarassment: RuleFactory<UsParameters> = (meta, p) => {
  const passRow = fixedRow(meta, 'pass', NA('未见骚扰性内容或累计频率', 'no harassing content or cumulative volume'));
  return (ctx) => {
    const found = forbiddenFound(ctx, HARASSING);
    if (found.length > 0) emit(ctx, meta, 'fail', contentReason(found), { check: 'content' });
    const h = ctx.history;
    const day = daysOf(ctx);
    let electronicToday = 0;
    let attempts7 = 0;
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (e.direction !== 'outbound' || e.channel === 'letter' || !samePerson(e, ctx.role, ctx.personId) || h[i]!.atMs > ctx.nowMs) continue;
      const d = day[i]!;
      if (d > ctx.today - 7) attempts7++;
      if (d === ctx.today && (e.channel === 'sms' || e.channel === 'email')) electronicToday++;
    }
    let flagged = false;
    if ((ctx.channel === 'sms' || ctx.channel === 'email') && electronicToday + 1 > p.electronicMessagesPerDayFlagAbove) {
      flagged = true;
      emit(ctx, meta, 'flag', { 'zh-CN': `今日第${electronicToday + 1}条短信/邮件，可能构成骚扰`, en: `text or e-mail number ${electronicToday + 1} today may harass` }, { check: 'electronic-volume' });
    }
    if (ctx.channel !== 'letter' && attempts7 + 1 > p.attemptsAllChannelsPer7DaysFlagAbove) {
      flagged = true;
      emit(ctx, meta, 'flag', { 'zh-CN': `7日内跨渠道第${attempts7 + 1}次联系，累计效果可能构成骚扰`, en: `attempt ${attempts7 + 1} across all channels in 7 days; the cumulative effect may harass` }, { check: 'cumulative' });
    }
    if (found.length === 0 && !flagged) emitFixed(ctx, passRow);
  };
};

function optOutMatches(ctx: CheckContext, channel: string | undefined, value: string | undefined): boolean {
  const c = ctx.channel;
  const sameMedium = channel === undefined || channel === 'all' || channel === c || (isVoiceChannel(c) && (channel === 'call' || channel === 'voicemail'));
  if (!sameMedium) return false;
  if (value === undefined) return true;
  const cp = normaliseContactPoint(ctx.req.action.contactPoint?.value);
  return cp !== undefined && normaliseContactPoint(value) === cp;
}

const usMedium: RuleFactory<UsParameters> = (meta) => {
  const passRow = fixedRow(meta, 'pass', NA('消费者未要求停用此媒介', 'the consumer has not asked to stop this medium'));
  return (ctx) => {
    const d = ctx.req.debtor;
    let hit = false;
    for (const o of d.optOuts) if ((o.at === undefined || Date.parse(o.at) <= ctx.nowMs) && optOutMatches(ctx, o.channel, o.value)) hit = true;
    for (const g of d.designations) if (g.type === 'inconvenient_medium' && designationInForce(ctx, g) && optOutMatches(ctx, g.channel, g.contactPointValue)) hit = true;
    if (!hit) return emitFixed(ctx, passRow);
    if (ctx.purpose === 'opt_out_confirmation' || ctx.purpose === 'statutory_notice' || ctx.purpose === 'response_to_debtor') {
      return emit(ctx, meta, 'pass', { 'zh-CN': `此媒介已被要求停用；本次属于例外（${ctx.purpose}）`, en: `this medium was opted out; this is an allowed exception (${ctx.purpose})` });
    }
    emit(ctx, meta, 'fail', { 'zh-CN': `消费者已要求不通过${ctx.channel}联系（适用于全部债务）`, en: `the consumer asked not to be contacted by ${ctx.channel} (binds for all debts)` });
  };
};

const usElectronicOptOut: RuleFactory<UsParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是电子通讯', 'not an electronic communication'));
  const notApplicable2 = fixedRow(meta, 'not_applicable', NA('无内容；发送前对渲染后的文本检查退订方式', 'no content; the rendered text is checked for an opt-out before sending'));
  const passRow = fixedRow(meta, 'pass', NA('内容包含简便的退订方式', 'the content includes a simple opt-out method'));
  const channels = new Set(p.electronicChannels);
  return (ctx) => {
    if (!channels.has(ctx.channel)) return emitFixed(ctx, notApplicable);
    const text = ctx.req.action.content?.text;
    if (text === undefined || text === '') return emitFixed(ctx, notApplicable2);
    if (hasElectronicOptOut(text)) return emitFixed(ctx, passRow);
    emit(
      ctx,
      meta,
      'fail',
      { 'zh-CN': '每条电子通讯须包含清晰简便的退订方式（如"回复STOP"）', en: 'every electronic communication must include a clear and simple opt-out (e.g. "Reply STOP")' },
      { effect: 'require_action', requiredAction: 'add_opt_out_notice' },
    );
  };
};

const usEmail: RuleFactory<UsParameters> = (meta) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是电子邮件', 'not an e-mail'));
  const passRow = fixedRow(meta, 'pass', NA('邮箱不是已知的雇主邮箱', 'the address is not known to be employer-provided'));
  return (ctx) => {
    if (ctx.channel !== 'email') return emitFixed(ctx, notApplicable);
    const cp = ctx.req.action.contactPoint;
    if (cp?.type === 'work_email' || cp?.employerProvided === true) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '不得向已知由雇主提供的邮箱发送邮件', en: 'no e-mail to an address known to be provided by the employer' });
    }
    emitFixed(ctx, passRow);
  };
};

const THIRD_PARTY_ROLES = new Set(['third_party', 'employer', 'contact']);

const usThirdParty: RuleFactory<UsParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('联系对象为消费者（含配偶、共同债务人）或其律师', 'the recipient is the consumer (incl. spouse or co-obligor) or their attorney'));
  const passRow = fixedRow(meta, 'pass', NA('消费者已直接同意与此第三人沟通', 'the consumer consented directly to this third-party communication'));
  const passRow2 = fixedRow(meta, 'pass', NA('以获取位置信息为目的，首次联系该第三人，且未透露债务', 'a first location contact with this person, without mentioning the debt'));
  return (ctx) => {
    if (!THIRD_PARTY_ROLES.has(ctx.role)) return emitFixed(ctx, notApplicable);
    if (directConsents(ctx, 'third_party_contact').length > 0) return emitFixed(ctx, passRow);
    if (ctx.purpose !== 'locate_debtor') {
      return emit(ctx, meta, 'fail', { 'zh-CN': '只能为获取消费者的位置信息而联系第三人', en: 'a third party may be contacted only to obtain location information' }, { check: 'purpose' });
    }
    if (ctx.statuses.has('attorney_represented') || ctx.req.debtor.attorney !== undefined) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '消费者有已知律师，寻址只能联系律师', en: 'the consumer has a known attorney: location information may be sought only from the attorney' }, { check: 'attorney' });
    }
    const cats = contentOf(ctx);
    if (cats?.has('debt_disclosure')) {
      return emit(ctx, meta, 'fail', { 'zh-CN': '寻址联系中不得表明消费者欠债', en: 'a location communication must never state that the consumer owes a debt' }, { check: 'disclosure' });
    }
    let prior = 0;
    const h = ctx.history;
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (e.direction === 'outbound' && samePerson(e, ctx.role, ctx.personId) && (personReached(e.outcome) || e.outcome === 'delivered') && h[i]!.atMs <= ctx.nowMs) prior++;
    }
    if (prior >= p.thirdPartyLocationContactsPerPerson) {
      return emit(ctx, meta, 'fail', { 'zh-CN': `已与该第三人沟通${prior}次，寻址联系每人仅限${p.thirdPartyLocationContactsPerPerson}次`, en: `already communicated with this third party ${prior} time(s); location contacts are limited to ${p.thirdPartyLocationContactsPerPerson} per person` }, { check: 'once' });
    }
    emitFixed(ctx, passRow2);
  };
};

const usLimitedContent: RuleFactory<UsParameters> = (meta) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是语音留言', 'not a voicemail'));
  const flagRow = fixedRow(meta, 'flag', NA('明知留给第三人的语音留言不是有限内容留言', 'a voicemail knowingly left for a third party is not a limited-content message'));
  const notApplicable2 = fixedRow(meta, 'not_applicable', NA('无留言内容可分类', 'no message text to classify'));
  const passRow = fixedRow(meta, 'pass', NA('留言仅含有限内容（公司名、回电请求、联系人和电话）', 'the message holds only limited content (business name, request to reply, names, callback number)'));
  return (ctx) => {
    if (ctx.channel !== 'voicemail') return emitFixed(ctx, notApplicable);
    const text = ctx.req.action.content?.text;
    if (ctx.role !== 'debtor') {
      ctx.classification = 'communication';
      return emitFixed(ctx, flagRow);
    }
    if (text === undefined || text === '') return emitFixed(ctx, notApplicable2);
    const disclosure = lintText(text, { lang: undefined, thirdParty: true }).findings.filter((f) => f.category === 'debt_disclosure');
    if (disclosure.length > 0) {
      ctx.classification = 'communication';
      return emit(ctx, meta, 'flag', {
        'zh-CN': `留言含有"${disclosure[0]!.match}"等内容，属于沟通而非有限内容留言，他人可能听到`,
        en: `the message mentions "${disclosure[0]!.match}", so it is a communication, not a limited-content message, and others may hear it`,
      });
    }
    ctx.classification = 'limited_content_message';
    emitFixed(ctx, passRow);
  };
};

const WRITTEN = new Set(['sms', 'email', 'letter', 'push', 'in_app']);

const usDisclosure: RuleFactory<UsParameters> = (meta) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('债权人自行催收无需债务催收人披露', 'a creditor does not make debt-collector disclosures'));
  const notApplicable2 = fixedRow(meta, 'not_applicable', NA('无书面内容可检查', 'no written content to check'));
  const passRow = fixedRow(meta, 'pass', NA('内容表明来自债务催收人', 'the content states it is from a debt collector'));
  return (ctx) => {
    const kind = ctx.req.action.initiator.kind;
    if (kind === 'lender') return emitFixed(ctx, notApplicable);
    const text = ctx.req.action.content?.text;
    if (!WRITTEN.has(ctx.channel) || text === undefined || text === '' || ctx.role !== 'debtor') {
      return emitFixed(ctx, notApplicable2);
    }
    if (hasDebtCollectorDisclosure(text)) return emitFixed(ctx, passRow);
    emit(
      ctx,
      meta,
      'fail',
      { 'zh-CN': '须注明"本通讯来自债务催收人"（首次沟通须说明正在催收债务）', en: 'state "this communication is from a debt collector" (initial: attempting to collect a debt)' },
      { effect: 'require_action', requiredAction: 'add_debt_collector_disclosure' },
    );
  };
};

const usValidation: RuleFactory<UsParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('仅适用于债务催收人与消费者的沟通', 'applies to a debt collector communicating with the consumer'));
  const notApplicable2 = fixedRow(meta, 'not_applicable', NA('请求未提供验证通知状态', 'the request does not give the validation-notice state (debtor.validationNotice)'));
  const passRow = fixedRow(meta, 'pass', NA('本次即为验证通知', 'this contact is the validation notice'));
  return (ctx) => {
    const vn = ctx.req.debtor.validationNotice;
    if (ctx.req.action.initiator.kind === 'lender' || ctx.role !== 'debtor') return emitFixed(ctx, notApplicable);
    if (vn === undefined && ctx.purpose !== 'initial_communication') {
      return emitFixed(ctx, notApplicable2);
    }
    if (ctx.purpose === 'validation_notice') return emitFixed(ctx, passRow);
    if (vn?.providedAt !== undefined && vn.undeliverable !== true) {
      const sent = localDayOf(ctx.zone, Date.parse(vn.providedAt));
      const receipt = addBusinessDays(ctx.calendar, 'US', sent, p.validationAssumedReceiptBusinessDays);
      const end = receipt + p.validationPeriodDays;
      if (ctx.today <= end && (ctx.purpose === 'legal_action' || ctx.purpose === 'legal_threat' || ctx.purpose === 'enforcement')) {
        return emit(ctx, meta, 'flag', { 'zh-CN': `验证期至${isoDateOfDay(end)}，此时采取法律行动可能掩盖消费者的权利`, en: `the validation period runs to ${isoDateOfDay(end)}; legal action now may overshadow the consumer’s rights` });
      }
      return emit(ctx, meta, 'pass', { 'zh-CN': `验证通知已于${isoDateOfDay(sent)}发出，推定收到日${isoDateOfDay(receipt)}，验证期至${isoDateOfDay(end)}`, en: `validation notice sent ${isoDateOfDay(sent)}, assumed received ${isoDateOfDay(receipt)}, validation period ends ${isoDateOfDay(end)}` });
    }
    let firstCommunication = Infinity;
    const h = ctx.history;
    const day = daysOf(ctx);
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (e.direction === 'outbound' && e.recipientRole === 'debtor' && (personReached(e.outcome) || e.outcome === 'delivered') && h[i]!.atMs <= ctx.nowMs && day[i]! < firstCommunication) firstCommunication = day[i]!;
    }
    const reason: Bilingual =
      vn?.undeliverable === true
        ? NA('验证通知无法送达，须重新发送', 'the validation notice was undeliverable: send it again')
        : firstCommunication === Infinity
          ? NA('这是首次沟通：须在本次提供验证信息，或在5日内发出验证通知', 'this is the initial communication: give the validation information in it or send the notice within 5 days')
          : ctx.today - firstCommunication > p.validationNoticeDeadlineDays
            ? { 'zh-CN': `首次沟通于${isoDateOfDay(firstCommunication)}，已超过${p.validationNoticeDeadlineDays}日仍未发验证通知`, en: `the initial communication was on ${isoDateOfDay(firstCommunication)}; the validation notice is overdue (${p.validationNoticeDeadlineDays} days)` }
            : { 'zh-CN': `须在${isoDateOfDay(firstCommunication + p.validationNoticeDeadlineDays)}前发出验证通知`, en: `send the validation notice by ${isoDateOfDay(firstCommunication + p.validationNoticeDeadlineDays)}` };
    emit(ctx, meta, 'fail', reason, { effect: 'require_action', requiredAction: 'send_validation_notice' });
  };
};

const usFurnishing: RuleFactory<UsParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是征信报送', 'not credit furnishing'));
  const passRow = fixedRow(meta, 'pass', NA('已就该债务与消费者通话', 'the collector spoke to the consumer about the debt'));
  return (ctx) => {
    if (ctx.purpose !== 'credit_furnishing') return emitFixed(ctx, notApplicable);
    const h = ctx.history;
    const day = daysOf(ctx);
    const debts = ctx.req.action.debtIds;
    const about = (e: HistoryEntry) => debts.length === 0 || debts.some((d) => aboutDebt(e, d));
    let spoke = false;
    const sends: Array<{ day: number; cp: string | undefined; channel: string }> = [];
    const bounces: Array<{ day: number; cp: string | undefined; channel: string }> = [];
    for (let i = 0; i < h.length; i++) {
      const e = h[i]!;
      if (e.recipientRole !== 'debtor' || h[i]!.atMs > ctx.nowMs || !about(e)) continue;
      if ((e.channel === 'call' || e.channel === 'visit') && e.outcome === 'connected') spoke = true;
      if (e.direction !== 'outbound' || !(e.channel === 'letter' || e.channel === 'email' || e.channel === 'sms')) continue;
      if (e.outcome === 'bounced' || e.outcome === 'failed' || e.outcome === 'invalid_number') bounces.push({ day: day[i]!, cp: e.contactPoint, channel: e.channel });
      else sends.push({ day: day[i]!, cp: e.contactPoint, channel: e.channel });
    }
    if (spoke) return emitFixed(ctx, passRow);
    let ready = Infinity;
    for (const s of sends) {
      const blocked = bounces.some((b) => b.channel === s.channel && b.cp === s.cp && b.day >= s.day);
      if (!blocked) ready = Math.min(ready, s.day + p.furnishingWaitDays);
    }
    if (ready === Infinity) {
      return emit(ctx, meta, 'fail', NA('报送征信前须与消费者通话，或寄出信函/电子消息并等待送达结果', 'before furnishing, speak to the consumer or send a letter or electronic message and wait for undeliverability notices'), { effect: 'require_action', requiredAction: 'communicate_before_furnishing' });
    }
    if (ctx.today < ready) {
      return emit(ctx, meta, 'fail', { 'zh-CN': `须等待${p.furnishingWaitDays}个连续日（发出日为第1日），${isoDateOfDay(ready)}起可报送`, en: `wait ${p.furnishingWaitDays} consecutive days from the send date; furnishing allowed from ${isoDateOfDay(ready)}` }, { nextMs: instantOfLocal(ctx.zone, ready, 0) });
    }
    emit(ctx, meta, 'pass', { 'zh-CN': '已发出通知且等待期已满，未收到无法送达通知', en: 'a notice was sent, the wait has passed and no undeliverability notice arrived' });
  };
};

const SUIT_WORDS = /\b(?:sue|suing|lawsuit|legal action|take you to court|court action|file (?:a )?(?:suit|claim))\b|起诉|诉讼/i;

const usTimeBarred: RuleFactory<UsParameters> = (meta) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('无已过诉讼时效的债务', 'no time-barred debt concerned'));
  const passRow = fixedRow(meta, 'pass', NA('涉及已过时效的债务，但未起诉或威胁起诉', 'a time-barred debt, but no suit or threat of suit'));
  return (ctx) => {
    if (ctx.req.debts.length === 0) return emitFixed(ctx, notApplicable);
    const ids = ctx.req.action.debtIds;
    const barred = ctx.req.debts.filter((d) => d.timeBarred === true && (ids.length === 0 || ids.includes(d.debtId)));
    if (barred.length === 0) return emitFixed(ctx, notApplicable);
    const text = ctx.req.action.content?.text ?? '';
    if (ctx.purpose === 'legal_action' || ctx.purpose === 'legal_threat' || (text !== '' && SUIT_WORDS.test(text))) {
      return emit(ctx, meta, 'fail', { 'zh-CN': `债务${barred.map((d) => d.debtId).join('、')}已过诉讼时效，不得起诉或威胁起诉`, en: `debt ${barred.map((d) => d.debtId).join(', ')} is time-barred: no suit and no threat of suit` });
    }
    emitFixed(ctx, passRow);
  };
};

const usSocial: RuleFactory<UsParameters> = (meta) => {
  const passRow = fixedRow(meta, 'pass', NA('非公开沟通', 'not a public communication'));
  return (ctx) => {
    if (isPublicPosting(ctx)) return emit(ctx, meta, 'fail', NA('不得进行公众或其联系人可见的沟通', 'no communication visible to the public or to the person’s contacts'));
    if (ctx.req.action.contactPoint?.type === 'postcard') return emit(ctx, meta, 'fail', NA('不得使用明信片', 'no postcards'));
    emitFixed(ctx, passRow);
  };
};

const FACTORIES: Record<string, RuleFactory<UsParameters>> = {
  'US-SCOPE-01': usScope,
  'US-HOURS-01': regF(usHours),
  'US-WORK-01': regF(usWork),
  'US-ATTY-01': regF(usAttorney),
  'US-CEASE-01': regF(usCease),
  'US-DISP-01': regF(usDispute),
  'US-FREQ-01': regF(usFrequency),
  'US-HARASS-01': regF(usHarassment),
  'US-MEDIUM-01': regF(usMedium),
  'US-EOPT-01': regF(usElectronicOptOut),
  'US-EMAIL-01': regF(usEmail),
  'US-3P-01': regF(usThirdParty),
  'US-LCM-01': regF(usLimitedContent),
  'US-DISC-01': regF(usDisclosure),
  'US-VAL-01': regF(usValidation),
  'US-CRA-01': regF(usFurnishing),
  'US-TBD-01': regF(usTimeBarred),
  'US-SOCIAL-01': regF(usSocial),
};
export const US_RULES: Record<string, RuleFactory<UsParameters>> = FACTORIES;
