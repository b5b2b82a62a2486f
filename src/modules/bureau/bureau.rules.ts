/**
 * What an account's month-end figures mean to a credit bureau: Metro 2 account status, payment
 * rating and payment history characters, the PBOC-like 还款状态, 五级分类 and 账户状态, whether a report
 * is negative, whether the pre-notice allows the first negative report, and the dispute answer clock.
 * Pure: the figures, dates and policies are passed in.
 */
import { addDays, addMonthsClamped } from '../../platform/dates.ts';
import type { NoticeChannel, Regime } from './bureau.types.ts';

/** Months in a payment history profile (Metro 2 and the PBOC-like 24个月还款状态). */
export const HISTORY_MONTHS = 24;

/** The figures of one account at one month end (a bureau_month_ends row). */
export interface MonthFigures {
  balanceMinor: number;
  principalMinor: number;
  pastDueMinor: number;
  dpd: number;
}

/** A month of the history: the figures, or why there are none. */
export type HistoryMonth = MonthFigures | 'not_open' | 'no_data';

export function regimeOf(jurisdiction: string): Regime {
  if (jurisdiction === 'CN') return 'CN';
  if (jurisdiction === 'US' || jurisdiction.startsWith('US-')) return 'US';
  return 'OTHER';
}

/** Paid off: an instalment loan with nothing left owed (a revolving line at zero stays open). */
export function isPaidOff(f: MonthFigures, productKind: 'instalment' | 'revolving'): boolean {
  return productKind === 'instalment' && f.balanceMinor <= 0 && f.principalMinor <= 0;
}

/** Negative information: anything past due beyond grace. The pre-notice guards the first such report. */
export function isNegative(f: MonthFigures): boolean {
  return f.dpd > 0;
}

/** Metro 2 Account Status (base segment field 17A) for a month's figures. */
export function metro2Status(f: MonthFigures, productKind: 'instalment' | 'revolving'): string {
  if (isPaidOff(f, productKind)) return '13';
  if (f.dpd < 30) return '11';
  if (f.dpd < 60) return '71';
  if (f.dpd < 90) return '78';
  if (f.dpd < 120) return '80';
  if (f.dpd < 150) return '82';
  if (f.dpd < 180) return '83';
  return '84';
}

/** Metro 2 Payment Rating (17B): only with status 13 (paid or closed), the DPD band at closing; blank otherwise. */
export function paymentRating(status: string, f: MonthFigures): string {
  return status === '13' ? metro2HistoryChar(f) : ' ';
}

/** Metro 2 payment history character of one month: 0 (0–29 days past due) … 6 (180+). */
export function metro2HistoryChar(f: MonthFigures): string {
  return String(Math.min(6, Math.floor(f.dpd / 30)));
}

/**
 * The Metro 2 Payment History Profile: 24 characters, the first for the month before the reported
 * month, going back. B: no history before this month (not yet open); D: no data for the month;
 * E: zero balance and current; 0–6: the DPD band.
 */
export function metro2History(previousMonths: readonly HistoryMonth[]): string {
  const out: string[] = [];
  for (let i = 0; i < HISTORY_MONTHS; i++) {
    const m = previousMonths[i] ?? 'no_data';
    if (m === 'not_open' || out[out.length - 1] === 'B') out.push('B');
    else if (m === 'no_data') out.push('D');
    else if (m.balanceMinor <= 0 && m.dpd === 0) out.push('E');
    else out.push(metro2HistoryChar(m));
  }
  return out.join('');
}

/** PBOC-like 还款状态 of one month: N 正常, 1–7 逾期 by 30-day bands (7: over 180 days), C 结清. */
export function pbocStatusChar(f: MonthFigures, productKind: 'instalment' | 'revolving'): string {
  if (isPaidOff(f, productKind)) return 'C';
  if (f.dpd === 0) return 'N';
  return String(Math.min(7, Math.ceil(f.dpd / 30)));
}

/**
 * The PBOC-like 24个月还款状态: oldest month first, the reported month last. '/' 未开立 (not yet
 * open), '#' 无数据 (no data), otherwise the month's 还款状态.
 */
export function pbocHistory(monthsOldestFirst: readonly HistoryMonth[], productKind: 'instalment' | 'revolving'): string {
  const out: string[] = [];
  for (let i = 0; i < HISTORY_MONTHS; i++) {
    const m = monthsOldestFirst[i] ?? 'no_data';
    out.push(m === 'not_open' ? '/' : m === 'no_data' ? '#' : pbocStatusChar(m, productKind));
  }
  return out.join('');
}

/** PBOC-like 账户状态: 1 正常, 2 逾期, 3 结清. */
export function pbocAccountStatus(f: MonthFigures, productKind: 'instalment' | 'revolving'): string {
  if (isPaidOff(f, productKind)) return '3';
  return f.dpd > 0 ? '2' : '1';
}

/** 五级分类 by days past due (a common mapping, not a regulatory rule): 1 正常 … 5 损失. */
export function fiveClass(f: MonthFigures): string {
  if (f.dpd === 0) return '1';
  if (f.dpd <= 90) return '2';
  if (f.dpd <= 180) return '3';
  if (f.dpd <= 360) return '4';
  return '5';
}

// ---------------------------------------------------------------------------------------------
// Pre-notice before the first negative report

export interface NoticePolicy {
  /** Whether a first negative report needs a notice before it. */
  required: boolean;
  /** Days to wait after a written or electronic notice, counted from and including the send date. */
  waitDays: number;
  /** Days to wait after the debtor was spoken to (a call, in person). */
  spokenWaitDays: number;
  /** Where the rule comes from. */
  source: string;
}

export const NOTICE_POLICIES: Readonly<Record<Regime, NoticePolicy>> = {
  CN: { required: true, waitDays: 7, spokenWaitDays: 0, source: '征信业管理条例 第十五条 (interval not specified: 7 days by configuration, CN-CREDIT-01)' },
  US: { required: true, waitDays: 14, spokenWaitDays: 0, source: 'Reg F §1006.30(a)(1) and comment 30(a)(1)-2: 14 consecutive days from and including the send date (US-CRA-01)' },
  OTHER: { required: false, waitDays: 0, spokenWaitDays: 0, source: 'no pre-notice rule in the UK/EU packs' },
};

export interface NoticeFact {
  status: 'pending' | 'sent' | 'undeliverable';
  channel: NoticeChannel | null;
  sentOn: string | null;
}

export type NoticeVerdict =
  | { verdict: 'not_required' }
  | { verdict: 'satisfied'; reportableFrom: string }
  | { verdict: 'waiting'; reportableFrom: string }
  | { verdict: 'pending' }
  | { verdict: 'none' };

const SPOKEN: ReadonlySet<NoticeChannel> = new Set(['call', 'in_person']);

/**
 * May the first negative report go out as of `asOf` (the period's last day)? A notice counts once it
 * was sent and not reported undeliverable; with several, the earliest date they allow. 'none' means
 * a notice must be queued; 'pending' that one is queued and not sent yet; 'waiting' that the waiting
 * period has not passed.
 */
export function noticeVerdict(policy: NoticePolicy, notices: readonly NoticeFact[], asOf: string): NoticeVerdict {
  if (!policy.required) return { verdict: 'not_required' };
  let from: string | null = null;
  for (const n of notices) {
    if (n.status !== 'sent' || !n.sentOn || !n.channel) continue;
    const d = addDays(n.sentOn, SPOKEN.has(n.channel) ? policy.spokenWaitDays : policy.waitDays);
    if (from === null || d < from) from = d;
  }
  if (from !== null) return from <= asOf ? { verdict: 'satisfied', reportableFrom: from } : { verdict: 'waiting', reportableFrom: from };
  return notices.some((n) => n.status === 'pending') ? { verdict: 'pending' } : { verdict: 'none' };
}

// ---------------------------------------------------------------------------------------------
// Disputes

/** Calendar days to answer a credit-report dispute. */
export const DISPUTE_ANSWER_DAYS: Readonly<Record<Regime, number>> = {
  /** 征信业管理条例 第二十五条: verify and answer in writing within 20 days of receipt. */
  CN: 20,
  /** FCRA §623(a)(8)(E): investigate a direct dispute within the §611(a)(1) period, 30 days. */
  US: 30,
  /** No rule in the packs: the US period as the platform's default. */
  OTHER: 30,
};

export function disputeDueOn(regime: Regime, receivedOn: string): string {
  return addDays(receivedOn, DISPUTE_ANSWER_DAYS[regime]);
}

export function isDisputeOverdue(d: { status: 'open' | 'resolved'; dueOn: string }, asOf: string): boolean {
  return d.status === 'open' && asOf > d.dueOn;
}

/**
 * What a resolution writes: correction records (a corrected snapshot of each period concerned),
 * delete records, or nothing (the mark just goes). An unverifiable dispute is deleted under FCRA
 * (§623(a)(8)(E)(iii) via §611(a)(5)); under 第二十五条 the verification is recorded and the mark kept.
 */
export function resolutionEffect(regime: Regime, outcome: 'corrected' | 'deleted' | 'no_error' | 'unverifiable'): { records: 'correction' | 'delete' | 'none'; keepMark: boolean } {
  if (outcome === 'corrected') return { records: 'correction', keepMark: false };
  if (outcome === 'deleted') return { records: 'delete', keepMark: false };
  if (outcome === 'no_error') return { records: 'none', keepMark: false };
  return regime === 'US' ? { records: 'delete', keepMark: false } : { records: 'none', keepMark: true };
}

/** The month (YYYY-MM) of a date, and the last day of a month. */
export function periodOf(date: string): string {
  return date.slice(0, 7);
}

export function periodEnd(period: string): string {
  return addDays(addMonthsClamped(`${period}-01`, 1), -1);
}

export function isMonthEnd(date: string): boolean {
  return periodEnd(periodOf(date)) === date;
}

/** The last days of the `count` months before `period`, most recent first. */
export function previousPeriodEnds(period: string, count: number): string[] {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const idx = y * 12 + (m - 1) - i;
    out.push(periodEnd(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`));
  }
  return out;
}
