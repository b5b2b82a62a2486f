/**
 * United Kingdom: FCA CONC 7 and the Debt Respite (Breathing Space) scheme. PURE.
 * Rule ids and sources: packs/uk.pack.ts.
 */
import type { Bilingual, LintCategory, UkParameters } from './compliance.types.ts';
import type { CheckContext } from './context.rules.ts';
import { UNEXPLAINED, contentOf, emit, emitFixed, fixedRow, isVoiceChannel, normaliseContactPoint } from './context.rules.ts';
import { consentCoversNow, contentReason, forbiddenFound, inLocalWindow, isPublicPosting, type RuleFactory } from './cn.rules.ts';
import { dayOfIsoDate, instantOfLocal, isoDateOfDay, weekdayOfDay } from './local-time.rules.ts';
import { dailyWindow, localClocks, nextInsideAll, zonesOutside } from './time-window.rules.ts';

const NA = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });

/** Daily window plus the customer's requests about when, where and how (shared with the EU baseline). */
export function contactTimeAndManner(
  meta: Parameters<RuleFactory<unknown>>[0],
  p: { earliestLocalMinutes: number; quietStartLocalMinutes: number; hoursChannels: readonly string[] },
  check?: string,
): (ctx: CheckContext) => void {
  const window = dailyWindow(p.earliestLocalMinutes, p.quietStartLocalMinutes, false);
  const channels = new Set(p.hoursChannels);
  const passRow = fixedRow(meta, 'pass', NA('时间与方式合理，符合客户的要求', 'a reasonable time and manner, respecting the customer’s requests'), check);
  return (ctx) => {
    let failed = false;
    const wd = weekdayOfDay(ctx.today);
    if (channels.has(ctx.channel)) {
      const consented = consentCoversNow(ctx, 'contact_time', false);
      const outside = zonesOutside(ctx.zones, window, ctx.nowMs);
      if (outside.length > 0 && !consented) {
        failed = true;
        if (!ctx.explain) emit(ctx, meta, 'fail', UNEXPLAINED, { check: check ?? 'time', nextMs: nextInsideAll(ctx.zones, window, ctx.nowMs) });
        else {
        const where = localClocks(outside, ctx.nowMs);
        emit(ctx, meta, 'fail', { 'zh-CN': `${where}不在合理联系时段内`, en: `${where} is outside the reasonable contact window` }, { check: check ?? 'time', nextMs: nextInsideAll(ctx.zones, window, ctx.nowMs) });
        }
      }
      for (const d of ctx.req.debtor.designations) {
        if (d.type === 'inconvenient_time' && inLocalWindow(d, ctx.nowMsOfDay, wd) && !consented) {
          failed = true;
          emit(ctx, meta, 'fail', NA('客户已要求不在此时段联系', 'the customer asked not to be contacted at this time'), {
            check: 'designated-time',
            nextMs: d.endLocal === undefined ? instantOfLocal(ctx.zone, ctx.today + 1, 0) : undefined,
          });
        }
      }
    }
    let how = false;
    const debtor = ctx.req.debtor;
    if (debtor.optOuts.length > 0) {
      const cp = normaliseContactPoint(ctx.req.action.contactPoint?.value);
      for (const o of debtor.optOuts) {
        const medium = o.channel === 'all' || o.channel === ctx.channel || (isVoiceChannel(ctx.channel) && isVoiceChannel(o.channel as never));
        if (medium && (o.value === undefined || (cp !== undefined && normaliseContactPoint(o.value) === cp))) how = true;
      }
    }
    for (const d of debtor.designations) if (d.type === 'inconvenient_medium' && (d.channel === undefined || d.channel === ctx.channel)) how = true;
    if (how && ctx.purpose !== 'statutory_notice' && ctx.purpose !== 'response_to_debtor') {
      failed = true;
      emit(ctx, meta, 'fail', { 'zh-CN': `客户已要求不通过${ctx.channel}联系`, en: `the customer asked not to be contacted by ${ctx.channel}` }, { check: 'medium' });
    }
    const type = ctx.req.action.contactPoint?.type;
    const place = type === undefined ? undefined : type.startsWith('work') ? 'work' : type.startsWith('home') || type === 'landline' ? 'home' : undefined;
    let placeBarred = false;
    if (place !== undefined) for (const d of debtor.designations) if ((d.type === 'inconvenient_place' && d.place === place) || (d.type === 'no_work_contact' && place === 'work')) placeBarred = true;
    if (placeBarred) {
      failed = true;
      emit(ctx, meta, 'fail', { 'zh-CN': `客户已要求不在${place}联系`, en: `the customer asked not to be contacted at ${place}` }, { check: 'place' });
    }
    if (!failed) emitFixed(ctx, passRow);
  };
}

const ukHours: RuleFactory<UkParameters> = (meta, p) => contactTimeAndManner(meta, p);

interface Moratorium {
  active: boolean;
  startDay: number;
  endDay: number | undefined;
  kind: 'standard' | 'mental_health_crisis';
}

/** The moratorium in force on the check's local day, if any. */
export function moratoriumOn(ctx: CheckContext, p: UkParameters): Moratorium | undefined {
  const bs = ctx.req.debtor.breathingSpace;
  const flagged = ctx.statuses.has('breathing_space') || ctx.statuses.has('mental_health_crisis');
  if (bs === undefined) {
    return flagged ? { active: true, startDay: -Infinity, endDay: undefined, kind: ctx.statuses.has('mental_health_crisis') ? 'mental_health_crisis' : 'standard' } : undefined;
  }
  const startDay = dayOfIsoDate(bs.startDate);
  let endDay: number | undefined;
  if (bs.endDate !== undefined) endDay = dayOfIsoDate(bs.endDate);
  else if (bs.kind === 'standard') endDay = startDay + p.standardMoratoriumDays;
  else if (bs.treatmentEndDate !== undefined) endDay = dayOfIsoDate(bs.treatmentEndDate) + p.mentalHealthCrisisExtraDays;
  const active = ctx.today >= startDay && (endDay === undefined || ctx.today <= endDay);
  return { active, startDay, endDay, kind: bs.kind };
}

const ukBreathingSpace: RuleFactory<UkParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('无债务喘息期', 'no Breathing Space moratorium'));
  const passRow = fixedRow(meta, 'pass', NA('所涉债务不属于喘息期债务', 'the debts concerned are not moratorium debts'));
  const passRow2 = fixedRow(meta, 'pass', NA('可以联系债务顾问', 'contact with the debt advice provider is allowed'));
  const allowed = new Set(p.moratoriumPurposesAllowed);
  return (ctx) => {
    const m = moratoriumOn(ctx, p);
    if (m === undefined) return emitFixed(ctx, notApplicable);
    const kindText = m.kind === 'standard' ? NA('标准喘息期', 'standard breathing space') : NA('心理健康危机喘息期', 'mental health crisis moratorium');
    if (!m.active) {
      const when = ctx.today < m.startDay ? `starts ${isoDateOfDay(m.startDay)}` : `ended ${isoDateOfDay(m.endDay!)}`;
      return emit(ctx, meta, 'pass', { 'zh-CN': `${kindText['zh-CN']}未生效（${when}）`, en: `${kindText.en} not in force (${when})` });
    }
    const bsDebts = ctx.req.debtor.breathingSpace?.debtIds;
    const ids = ctx.req.action.debtIds;
    const covered = bsDebts === undefined || ids.length === 0 || ids.some((d) => bsDebts.includes(d));
    if (!covered) return emitFixed(ctx, passRow);
    if (ctx.role === 'debt_adviser') return emitFixed(ctx, passRow2);
    if (allowed.has(ctx.purpose)) return emit(ctx, meta, 'pass', { 'zh-CN': `喘息期内允许的联系（${ctx.purpose}）`, en: `a contact allowed during the moratorium (${ctx.purpose})` });
    const until = m.endDay === undefined ? '' : isoDateOfDay(m.endDay);
    emit(
      ctx,
      meta,
      'fail',
      {
        'zh-CN': `${kindText['zh-CN']}生效中${until ? `（至${until}）` : ''}：不得为执行或催要喘息期债务而联系`,
        en: `${kindText.en} in force${until ? ` (to ${until} inclusive)` : ''}: no contact to enforce or demand payment of a moratorium debt`,
      },
      { nextMs: m.endDay === undefined ? undefined : instantOfLocal(ctx.zone, m.endDay + 1, 0) },
    );
  };
};

const ukForbearance: RuleFactory<UkParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('未标记为财务困难', 'the customer is not flagged as in financial difficulty'));
  const passRow = fixedRow(meta, 'pass', NA('非升级行动', 'not an escalation'));
  const passRow2 = fixedRow(meta, 'pass', NA('已评估宽容措施', 'forbearance has been assessed'));
  const escalation = new Set(p.escalationPurposes);
  return (ctx) => {
    if (!ctx.statuses.has('financial_difficulty')) return emitFixed(ctx, notApplicable);
    if (!escalation.has(ctx.purpose) && ctx.channel !== 'visit') return emitFixed(ctx, passRow);
    if (ctx.req.debtor.forbearanceAssessed === true) return emitFixed(ctx, passRow2);
    emit(ctx, meta, 'fail', NA('客户财务困难：升级行动前须评估宽容措施', 'the customer is in financial difficulty: assess forbearance before escalating'), { effect: 'require_action', requiredAction: 'assess_forbearance' });
  };
};

const ukVulnerable: RuleFactory<UkParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('未标记为弱势客户', 'the customer is not flagged as vulnerable'));
  const flagRow = fixedRow(meta, 'flag', NA('弱势客户：转专人处理并记录', 'vulnerable customer: route to a specialist and record'));
  return (ctx) => {
    if (!ctx.statuses.has('vulnerable')) return emitFixed(ctx, notApplicable);
    if (p.vulnerableBlocksAutomatedContact && ctx.req.action.automated === true) {
      return emit(ctx, meta, 'fail', NA('弱势客户不得自动外呼', 'no automated dialling to a vulnerable customer'), { check: 'automated' });
    }
    emitFixed(ctx, flagRow);
  };
};

const ukVisits: RuleFactory<UkParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('不是上门拜访', 'not a visit'));
  const flagRow = fixedRow(meta, 'flag', NA('未经同意不得进入住所', 'no entry without consent'));
  const passRow = fixedRow(meta, 'pass', NA('上门拜访无已知障碍', 'no known bar to the visit'));
  return (ctx) => {
    if (ctx.channel !== 'visit') return emitFixed(ctx, notApplicable);
    if (p.vulnerableBlocksFieldVisits && ctx.statuses.has('vulnerable')) return emit(ctx, meta, 'fail', NA('已知客户为弱势客户，不得上门', 'the customer is known to be vulnerable: no visit'));
    if (ctx.req.action.consentToEnter === false) return emitFixed(ctx, flagRow);
    emitFixed(ctx, passRow);
  };
};

const PRESSURE: readonly LintCategory[] = ['pressure', 'threat', 'insult', 'extra_fee', 'induced_borrowing'];
const MISREPRESENTATION: readonly LintCategory[] = ['impersonation', 'fictitious_blacklist', 'exaggerated_consequence'];

const contentRule = (categories: readonly LintCategory[]): RuleFactory<unknown> => (meta) => {
  const passRow = fixedRow(meta, 'pass', NA('内容未见违规表述', 'no breach found in the content'));
  const notApplicable = fixedRow(meta, 'not_applicable', NA('无内容可检查（发送前对渲染后的文本再检查）', 'no content to check (the rendered text is checked before sending)'));
  return (ctx) => {
    const found = forbiddenFound(ctx, categories);
    if (found.length > 0) return emit(ctx, meta, 'fail', contentReason(found));
    if (ctx.req.action.content?.text) return emitFixed(ctx, passRow);
    emitFixed(ctx, notApplicable);
  };
};

const THIRD_PARTIES = new Set(['contact', 'third_party', 'employer', 'spouse']);

/** Third parties: only the allowed purposes, no disclosure, nothing public (UK and EU). */
export function thirdPartyMinimisation(meta: Parameters<RuleFactory<unknown>>[0], allowedPurposes: readonly string[], flagAllowed: boolean): (ctx: CheckContext) => void {
  const allowed = new Set(allowedPurposes);
  const notApplicable = fixedRow(meta, 'not_applicable', NA('联系对象为债务人本人或其代表', 'the recipient is the debtor or acts for them'));
  return (ctx) => {
    if (isPublicPosting(ctx)) return emit(ctx, meta, 'fail', NA('不得公开或令人难堪地披露债务', 'no public or embarrassing disclosure of the debt'), { check: 'public' });
    if (!THIRD_PARTIES.has(ctx.role)) return emitFixed(ctx, notApplicable);
    if (!allowed.has(ctx.purpose)) return emit(ctx, meta, 'fail', { 'zh-CN': `联系第三人的目的只能是${[...allowed].join('、')}`, en: `a third party may be contacted only to ${[...allowed].join(' or ')}` }, { check: 'purpose' });
    if (contentOf(ctx)?.has('debt_disclosure')) return emit(ctx, meta, 'fail', NA('内容向第三人透露了债务', 'the content discloses the debt to a third party'), { check: 'disclosure' });
    emit(ctx, meta, flagAllowed ? 'flag' : 'pass', NA('第三人联系仅用于寻找债务人且未透露债务；记录合法利益评估', 'third-party contact only to locate the debtor, without disclosure; record the legitimate-interest balancing'));
  };
}

export const UK_RULES: Record<string, RuleFactory<UkParameters>> = {
  'UK-CONC-04': ukHours,
  'UK-BS-01': ukBreathingSpace,
  'UK-CONC-01': ukForbearance,
  'UK-VULN-01': ukVulnerable,
  'UK-CONC-02': contentRule(PRESSURE),
  'UK-CONC-05': (meta, p: UkParameters) => thirdPartyMinimisation(meta, p.thirdPartyPurposesAllowed, false),
  'UK-CONC-06': ukVisits,
  'UK-CONC-07': contentRule(MISREPRESENTATION),
};
