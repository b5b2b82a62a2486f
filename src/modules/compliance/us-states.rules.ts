/**
 * US state and city overlays (Massachusetts, Washington, New York City). They stack on the federal pack:
 * the federal rules run first, then these. PURE. Rule ids and sources: packs/us-*.pack.ts.
 */
import type { Bilingual, HistoryEntry, UsMaParameters, UsNycParameters, UsWaParameters } from './compliance.types.ts';
import type { CheckContext } from './context.rules.ts';
import { RESPONSIVE_PURPOSES, aboutDebt, connectedToNumber, daysOf, emit, emitFixed, fixedRow, personReached, samePerson } from './context.rules.ts';
import type { RuleFactory } from './cn.rules.ts';
import { clockOfMinutes, formatInstant, instantOfLocal, isoDateOfDay } from './local-time.rules.ts';
import { dailyWindow, nextInsideAll, zonesOutside } from './time-window.rules.ts';

const NA = (zh: string, en: string): Bilingual => ({ 'zh-CN': zh, en });
/** The debts a count runs over when the action names none: one pass over every debt. */
const ANY_DEBT: readonly string[] = ['*'];

/**
 * Days (descending) of history rows matching `keep` within the `windowDays` calendar days ending today.
 * The next day a cap of `max` opens again is the `max`-th most recent day + windowDays.
 */
function daysWithin(ctx: CheckContext, windowDays: number, keep: (e: HistoryEntry) => boolean): number[] {
  const from = ctx.today - (windowDays - 1);
  const out: number[] = [];
  const h = ctx.history;
  const day = daysOf(ctx);
  for (let i = 0; i < h.length; i++) {
    const d = day[i]!;
    if (d < from || h[i]!.atMs > ctx.nowMs) continue;
    if (keep(h[i]!)) out.push(d);
  }
  return out.sort((a, b) => b - a);
}

function capRow(ctx: CheckContext, meta: Parameters<RuleFactory<unknown>>[0], check: string, days: number[], max: number, windowDays: number, what: Bilingual): boolean {
  if (days.length < max) return false;
  const reopen = days[max - 1]! + windowDays;
  emit(
    ctx,
    meta,
    'fail',
    {
      'zh-CN': `${windowDays}日内已有${days.length}次${what['zh-CN']}，上限${max}次，${isoDateOfDay(reopen)}起可再联系`,
      en: `${days.length} ${what.en} in ${windowDays} days, the cap is ${max}; allowed again from ${isoDateOfDay(reopen)}`,
    },
    { check, nextMs: instantOfLocal(ctx.zone, reopen, 0) },
  );
  return true;
}

const massachusetts: RuleFactory<UsMaParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('该渠道不受马萨诸塞州频率限制', 'channel not limited by the Massachusetts caps'));
  const passRow = fixedRow(meta, 'pass', NA('未超过马萨诸塞州的频率上限', 'within the Massachusetts caps'));
  const personal = new Set(p.personalContactPointTypes);
  const isPersonal = (type: string | undefined) => type === undefined || personal.has(type);
  return (ctx) => {
    const debts = ctx.req.action.debtIds.length > 0 ? ctx.req.action.debtIds : ANY_DEBT;
    const about = (e: HistoryEntry, debtId: string) => debtId === '*' || aboutDebt(e, debtId);
    let failed = false;
    if (ctx.channel === 'call' || ctx.channel === 'voicemail' || ctx.channel === 'sms') {
      const personalNumber = isPersonal(ctx.req.action.contactPoint?.type);
      for (const debtId of debts) {
        const days = daysWithin(
          ctx,
          personalNumber ? 7 : 30,
          (e) =>
            e.direction === 'outbound' &&
            (e.channel === 'call' || e.channel === 'voicemail' || e.channel === 'sms') &&
            connectedToNumber(e.outcome) &&
            samePerson(e, ctx.role, ctx.personId) &&
            about(e, debtId) &&
            isPersonal(e.contactPointType) === personalNumber,
        );
        failed =
          capRow(
            ctx,
            meta,
            personalNumber ? 'personal-number' : 'other-number',
            days,
            personalNumber ? p.maxCallsAndTextsPer7DaysPersonalNumber : p.maxCallsAndTextsPer30DaysOtherNumber,
            personalNumber ? 7 : 30,
            personalNumber ? NA('致个人号码的电话或短信', 'calls or texts to a personal number') : NA('致其他号码的电话或短信', 'calls or texts to other numbers'),
          ) || failed;
      }
    } else if (ctx.channel === 'visit') {
      for (const debtId of debts) {
        const days = daysWithin(ctx, 30, (e) => e.channel === 'visit' && e.direction === 'outbound' && about(e, debtId));
        failed = capRow(ctx, meta, 'visits', days, p.maxVisitsPer30DaysPerDebt, 30, NA('上门拜访', 'household visits')) || failed;
      }
    } else {
      return emitFixed(ctx, notApplicable);
    }
    if (!failed) emitFixed(ctx, passRow);
  };
};

const washington: RuleFactory<UsWaParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('仅限与债务人或其配偶的沟通', 'applies to communications with the debtor or spouse'));
  const passRow = fixedRow(meta, 'pass', NA('答复或法定通知不计入', 'a response or required notice is not counted'));
  const passRow2 = fixedRow(meta, 'pass', NA('未超过华盛顿州的联系限制', 'within the Washington limits'));
  const work = new Set(p.workContactPointTypes);
  const window = dailyWindow(p.earliestHomeLocalMinutes, p.latestLocalMinutes, true);
  return (ctx) => {
    if (ctx.role !== 'debtor' && ctx.role !== 'spouse') return emitFixed(ctx, notApplicable);
    if (RESPONSIVE_PURPOSES.has(ctx.purpose)) return emitFixed(ctx, passRow);
    let failed = false;
    const communication = (e: HistoryEntry) =>
      e.direction === 'outbound' && (e.recipientRole === 'debtor' || e.recipientRole === 'spouse') && (personReached(e.outcome) || e.outcome === 'delivered' || e.outcome === 'voicemail');
    failed = capRow(ctx, meta, 'weekly', daysWithin(ctx, 7, communication), p.maxCommunicationsPer7Days, 7, NA('与债务人或配偶的沟通', 'communications with the debtor or spouse')) || failed;
    const cpType = ctx.req.action.contactPoint?.type;
    if (cpType !== undefined && work.has(cpType)) {
      const days = daysWithin(ctx, 7, (e) => communication(e) && e.contactPointType !== undefined && work.has(e.contactPointType));
      failed = capRow(ctx, meta, 'work', days, p.maxWorkCommunicationsPer7Days, 7, NA('在工作单位的沟通', 'communications at work')) || failed;
    } else if (ctx.channel !== 'letter') {
      const outside = zonesOutside(ctx.zones, window, ctx.nowMs);
      if (outside.length > 0) {
        failed = true;
        emit(
          ctx,
          meta,
          'fail',
          {
            'zh-CN': `${formatInstant(ctx.nowMs, outside[0]!).slice(11, 19)}早于${clockOfMinutes(p.earliestHomeLocalMinutes)}或晚于${clockOfMinutes(p.latestLocalMinutes)}`,
            en: `${formatInstant(ctx.nowMs, outside[0]!).slice(11, 19)} is before ${clockOfMinutes(p.earliestHomeLocalMinutes)} or after ${clockOfMinutes(p.latestLocalMinutes)} at home`,
          },
          { check: 'home-hours', nextMs: nextInsideAll(ctx.zones, window, ctx.nowMs) },
        );
      }
    }
    if (!failed) emitFixed(ctx, passRow2);
  };
};

const newYorkCity: RuleFactory<UsNycParameters> = (meta, p) => {
  const notApplicable = fixedRow(meta, 'not_applicable', NA('仅限与消费者的沟通', 'applies to communications with the consumer'));
  const passRow = fixedRow(meta, 'pass', NA('答复或法定通知不计入', 'a response or required notice is not counted'));
  const passRow2 = fixedRow(meta, 'pass', NA('7日内联系次数未超过纽约市上限', 'within the New York City 7-day cap'));
  return (ctx) => {
    if (ctx.role !== 'debtor') return emitFixed(ctx, notApplicable);
    if (RESPONSIVE_PURPOSES.has(ctx.purpose)) return emitFixed(ctx, passRow);
    const debts = p.countScope === 'debt' && ctx.req.action.debtIds.length > 0 ? ctx.req.action.debtIds : ANY_DEBT;
    let failed = false;
    for (const debtId of debts) {
      const days = daysWithin(
        ctx,
        7,
        (e) =>
          e.direction === 'outbound' &&
          e.recipientRole === 'debtor' &&
          (debtId === '*' || aboutDebt(e, debtId)) &&
          (p.countUnansweredAttempts ? connectedToNumber(e.outcome) : personReached(e.outcome) || e.outcome === 'delivered'),
      );
      failed = capRow(ctx, meta, debtId === '*' ? 'consumer' : `debt ${debtId}`, days, p.maxCommunicationsPer7Days, 7, NA('联系或联系尝试', 'communications or attempts')) || failed;
    }
    if (!failed) emitFixed(ctx, passRow2);
  };
};

export const US_STATE_RULES: Record<string, RuleFactory<UsMaParameters> | RuleFactory<UsWaParameters> | RuleFactory<UsNycParameters>> = {
  'US-MA-01': massachusetts,
  'US-WA-01': washington,
  'US-NYC-01': newYorkCity,
};
