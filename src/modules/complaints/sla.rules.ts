/**
 * PURE: complaint SLA clocks per jurisdiction, as data. Each policy says how long we have to
 * acknowledge a complaint and to give the final response, in business or calendar days counted from
 * the day after receipt, with the source of each figure. Deadlines are business dates (the whole day
 * counts); the holiday calendar is passed in (the compliance module's, built from the `holidays` table).
 */
import type { HolidayCalendar } from '../compliance/index.ts';
import type { ComplaintStatus } from './complaints.types.ts';

export type SpanUnit = 'business_days' | 'calendar_days';

export interface SlaSpan {
  n: number;
  unit: SpanUnit;
}

export interface SlaPolicy {
  /** The policy's key in SLA_POLICIES: a jurisdiction, or DEFAULT. */
  code: string;
  version: number;
  acknowledge: SlaSpan;
  finalResponse: SlaSpan;
  /** How much longer the final response may take, once, for a complex case (null: no extension). */
  extension: SlaSpan | null;
  /** A complaint closed within this span needs no separate acknowledgement (UK summary resolution). */
  summaryResolution: SlaSpan | null;
  /** A calendar-day deadline falling on a holiday moves to the next business day. */
  rollToBusinessDay: boolean;
  sources: { acknowledge: string; finalResponse: string; extension?: string; summaryResolution?: string; counting?: string };
}

const days = (n: number, unit: SpanUnit): SlaSpan => ({ n, unit });

/** The shipped policies; docs/complaints.md has the same table. */
export const SLA_POLICIES: Readonly<Record<string, SlaPolicy>> = {
  CN: {
    code: 'CN', version: 1,
    acknowledge: days(1, 'business_days'),
    finalResponse: days(15, 'calendar_days'),
    extension: days(15, 'calendar_days'),
    summaryResolution: null,
    rollToBusinessDay: true,
    sources: {
      acknowledge: 'Fairdebt policy: register and acknowledge promptly, by the next business day',
      finalResponse: '《银行保险机构消费投诉处理管理办法》第二十四条: decide and inform the complainant within 15 days of receipt',
      extension: '《银行保险机构消费投诉处理管理办法》第二十四条: a complex case may be extended by at most 15 days',
      counting: '《民法典》第二百零一条、第二百零三条: the day of receipt is not counted; a period ending on a statutory holiday ends on the first day after it',
    },
  },
  US: {
    code: 'US', version: 1,
    acknowledge: days(15, 'calendar_days'),
    finalResponse: days(60, 'calendar_days'),
    extension: null,
    summaryResolution: null,
    rollToBusinessDay: false,
    sources: {
      acknowledge: 'CFPB complaint process: companies respond to a complaint sent through the CFPB portal within 15 days',
      finalResponse: 'CFPB complaint process: a final response within 60 days where the first response said work was in progress',
      counting: 'Reg F §1006.38 (dispute verification before collection resumes) is enforced by the compliance gate, not by this clock',
    },
  },
  UK: {
    code: 'UK', version: 1,
    acknowledge: days(3, 'business_days'),
    finalResponse: days(56, 'calendar_days'),
    extension: null,
    summaryResolution: days(3, 'business_days'),
    rollToBusinessDay: false,
    sources: {
      acknowledge: 'FCA DISP 1.6.1R: a prompt written acknowledgement (Fairdebt: within the summary-resolution window)',
      finalResponse: 'FCA DISP 1.6.2R: a final response by the end of eight weeks after receipt',
      summaryResolution: 'FCA DISP 1.5: a complaint resolved by close of business on the third business day after receipt gets a summary resolution communication instead',
    },
  },
  EU: {
    code: 'EU', version: 1,
    acknowledge: days(5, 'business_days'),
    finalResponse: days(15, 'business_days'),
    extension: days(20, 'business_days'),
    summaryResolution: null,
    rollToBusinessDay: false,
    sources: {
      acknowledge: 'Fairdebt policy: acknowledge within five business days',
      finalResponse: 'PSD2 Art. 101(2) (payment services, the nearest EU rule): reply within 15 business days',
      extension: 'PSD2 Art. 101(2): in exceptional situations at most 35 business days in all',
    },
  },
  DEFAULT: {
    code: 'DEFAULT', version: 1,
    acknowledge: days(2, 'business_days'),
    finalResponse: days(30, 'calendar_days'),
    extension: null,
    summaryResolution: null,
    rollToBusinessDay: false,
    sources: { acknowledge: 'Fairdebt policy', finalResponse: 'Fairdebt policy' },
  },
};

/** Days before a deadline from which an open complaint counts as due soon. */
export const DUE_SOON_DAYS = 2;

/** The policy for a jurisdiction: its own, else its country's (US-NYC → US), else DEFAULT. */
export function slaPolicyFor(jurisdiction: string): SlaPolicy {
  return SLA_POLICIES[jurisdiction] ?? SLA_POLICIES[jurisdiction.split('-')[0]!] ?? SLA_POLICIES.DEFAULT!;
}

/** The holiday calendar's key for a jurisdiction: sub-national packs use their country's calendar. */
function calendarKey(jurisdiction: string): string {
  return jurisdiction.split('-')[0]!;
}

const MS_PER_DAY = 86_400_000;
const epochDay = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
const isoOfDay = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);

export function addCalendarDays(iso: string, n: number): string {
  return isoOfDay(epochDay(iso) + n);
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export function daysFrom(a: string, b: string): number {
  return epochDay(b) - epochDay(a);
}

/** A listed make-up working day, or a Monday–Friday that is not a listed holiday. */
export function isBusinessDay(cal: HolidayCalendar, jurisdiction: string, iso: string): boolean {
  const day = epochDay(iso);
  const listed = cal.days.get(calendarKey(jurisdiction))?.get(day);
  if (listed) return listed.kind === 'workday';
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return weekday !== 0 && weekday !== 6;
}

/** The date a span after `from` ends on (the day of `from` itself is not counted). */
export function addSpan(cal: HolidayCalendar, jurisdiction: string, from: string, span: SlaSpan, rollToBusinessDay = false): string {
  if (span.unit === 'calendar_days') {
    let end = addCalendarDays(from, span.n);
    if (rollToBusinessDay) while (!isBusinessDay(cal, jurisdiction, end)) end = addCalendarDays(end, 1);
    return end;
  }
  let d = from;
  for (let left = span.n; left > 0;) {
    d = addCalendarDays(d, 1);
    if (isBusinessDay(cal, jurisdiction, d)) left--;
  }
  return d;
}

export interface Deadlines {
  acknowledgeBy: string;
  respondBy: string;
  /** The final-response deadline after the one extension the policy allows (null when none). */
  extendedRespondBy: string | null;
  /** The last day a complaint may be closed without an acknowledgement (summary resolution), or null. */
  summaryBy: string | null;
}

export function complaintDeadlines(policy: SlaPolicy, cal: HolidayCalendar, jurisdiction: string, receivedOn: string): Deadlines {
  const respondBy = addSpan(cal, jurisdiction, receivedOn, policy.finalResponse, policy.rollToBusinessDay);
  return {
    acknowledgeBy: addSpan(cal, jurisdiction, receivedOn, policy.acknowledge),
    respondBy,
    extendedRespondBy: policy.extension ? addSpan(cal, jurisdiction, respondBy, policy.extension, policy.rollToBusinessDay) : null,
    summaryBy: policy.summaryResolution ? addSpan(cal, jurisdiction, receivedOn, policy.summaryResolution) : null,
  };
}

/** What the SLA view needs of a complaint row. */
export interface SlaFacts {
  status: ComplaintStatus;
  receivedOn: string;
  acknowledgeBy: string;
  respondBy: string;
  summaryBy: string | null;
  acknowledgedOn: string | null;
  closedOn: string | null;
}

export interface SlaView {
  /** Which clock is running: the acknowledgement, the final response, or none (closed). */
  stage: 'acknowledge' | 'final_response' | 'closed';
  /** The deadline of the running clock (null when closed). */
  dueOn: string | null;
  /** Days from asOf to dueOn: 0 on the due date, negative when overdue. */
  daysLeft: number | null;
  overdue: boolean;
  dueSoon: boolean;
  /** true/false once known; null while the clock still runs. */
  acknowledgementMet: boolean | null;
  finalResponseMet: boolean | null;
  slaMet: boolean | null;
  /** Days from receipt to closing (null while open). */
  daysToResolve: number | null;
}

/** Where a complaint stands against its SLA on `asOf` (a business date). */
export function slaView(c: SlaFacts, asOf: string): SlaView {
  const closed = c.closedOn !== null;
  let ack: boolean | null;
  if (c.acknowledgedOn !== null) ack = c.acknowledgedOn <= c.acknowledgeBy || (c.closedOn !== null && c.summaryBy !== null && c.closedOn <= c.summaryBy);
  else if (c.closedOn !== null) ack = c.closedOn <= c.acknowledgeBy || (c.summaryBy !== null && c.closedOn <= c.summaryBy);
  else ack = asOf > c.acknowledgeBy ? false : null;
  const final = c.closedOn !== null ? c.closedOn <= c.respondBy : asOf > c.respondBy ? false : null;
  const daysToResolve = c.closedOn !== null ? daysFrom(c.receivedOn, c.closedOn) : null;
  if (closed) {
    return { stage: 'closed', dueOn: null, daysLeft: null, overdue: false, dueSoon: false, acknowledgementMet: ack, finalResponseMet: final, slaMet: ack !== false && final === true, daysToResolve };
  }
  const stage = c.acknowledgedOn === null ? 'acknowledge' : 'final_response';
  // An unacknowledged complaint past its acknowledgement deadline is overdue on that; otherwise the nearer clock runs.
  const dueOn = stage === 'acknowledge' ? c.acknowledgeBy : c.respondBy;
  const daysLeft = daysFrom(asOf, dueOn);
  const overdue = daysLeft < 0 || final === false;
  return { stage, dueOn, daysLeft, overdue, dueSoon: !overdue && daysLeft <= DUE_SOON_DAYS, acknowledgementMet: ack, finalResponseMet: final, slaMet: ack === false || final === false ? false : null, daysToResolve };
}
