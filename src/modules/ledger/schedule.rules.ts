/**
 * Repayment schedules of instalment loans (借呗-like). Interest of each period is the outstanding
 * principal × the daily rate × the actual days of the period, rounded half up to the minor unit.
 *
 * - equal_principal (等额本金): the same principal each period; the rounding remainder goes to the last.
 * - equal_instalment (等额本息): a level payment computed with the monthly rate (daily rate × 365 / 12),
 *   in exact rational arithmetic; each period's principal is that payment less the period's interest,
 *   and the last period takes whatever principal remains.
 */
import { mulDivRound } from '../../platform/money.ts';
import { addMonthsClamped, daysBetween } from '../../platform/dates.ts';

export interface ScheduleTerms {
  principalMinor: number;
  termCount: number;
  interestDailyRatePpm: number;
  openedOn: string;
  firstDueOn: string;
  method: 'equal_instalment' | 'equal_principal';
}

export interface ScheduledInstalment {
  seq: number;
  periodStart: string;
  dueOn: string;
  days: number;
  openingPrincipalMinor: number;
  principalMinor: number;
  interestMinor: number;
}

const PPM = 1_000_000;

export function buildInstalmentSchedule(t: ScheduleTerms): ScheduledInstalment[] {
  const out: ScheduledInstalment[] = [];
  let outstanding = t.principalMinor;
  const level = t.method === 'equal_instalment' ? levelPayment(t.principalMinor, t.termCount, t.interestDailyRatePpm) : 0;
  let start = t.openedOn;
  for (let k = 1; k <= t.termCount; k++) {
    const dueOn = addMonthsClamped(t.firstDueOn, k - 1);
    const days = daysBetween(start, dueOn);
    const interest = mulDivRound(outstanding, t.interestDailyRatePpm * days, PPM);
    let principal: number;
    if (k === t.termCount) principal = outstanding;
    else if (t.method === 'equal_principal') principal = Math.floor(t.principalMinor / t.termCount);
    else principal = Math.min(outstanding, Math.max(0, level - interest));
    out.push({ seq: k, periodStart: start, dueOn, days, openingPrincipalMinor: outstanding, principalMinor: principal, interestMinor: interest });
    outstanding -= principal;
    start = dueOn;
  }
  return out;
}

/**
 * The level payment P·r(1+r)^n / ((1+r)^n − 1) with r = ppm·365 / (12·10^6), computed with BigInt
 * fractions and rounded half up. With a zero rate it is P / n rounded up.
 */
export function levelPayment(principalMinor: number, n: number, dailyPpm: number): number {
  if (dailyPpm === 0) return Math.ceil(principalMinor / n);
  const num = BigInt(dailyPpm * 365);
  const den = 12n * BigInt(PPM);
  // (1 + r)^n = (den + num)^n / den^n
  const a = (den + num) ** BigInt(n);
  const b = den ** BigInt(n);
  // payment = P · (num/den) · a/b / ((a − b)/b) = P · num · a / (den · (a − b))
  const p = BigInt(principalMinor) * num * a;
  const q = den * (a - b);
  const whole = p / q;
  return Number((p % q) * 2n >= q ? whole + 1n : whole);
}
