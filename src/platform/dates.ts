/**
 * Business dates are ISO calendar dates ('YYYY-MM-DD') without a zone: the lender's business day.
 * Pure date arithmetic, usable from rules; nothing here reads the system clock (see clock.ts).
 */
import { Temporal } from 'temporal-polyfill';
import { invalidField } from './errors.ts';

export type IsoDate = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(x: unknown): x is IsoDate {
  if (typeof x !== 'string' || !ISO_DATE.test(x)) return false;
  try {
    return Temporal.PlainDate.from(x, { overflow: 'reject' }).toString() === x;
  } catch {
    return false;
  }
}

export function parseIsoDate(x: unknown, field: string): IsoDate {
  if (!isIsoDate(x)) throw invalidField(field, `expected a date YYYY-MM-DD, got ${JSON.stringify(x)}`);
  return x;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ days }).toString();
}

export function addMonthsClamped(date: IsoDate, months: number): IsoDate {
  return Temporal.PlainDate.from(date).add({ months }, { overflow: 'constrain' }).toString();
}

/** b − a in days. */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
}

/** Days since 1970-01-01; used for date arithmetic inside integer formulas. */
export function epochDay(date: IsoDate): number {
  return daysBetween('1970-01-01', date);
}

export function dayOfMonth(date: IsoDate): number {
  return Temporal.PlainDate.from(date).day;
}

/** Every date from `from` to `to`, both included. */
export function dateRange(from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Whether a name is an IANA time zone (Area/Location, or UTC) that the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

/** An IANA time zone name given as input (a flag, a field), checked; the error names the field. */
export function parseTimeZone(text: string, field: string): string {
  if (!isTimeZone(text)) throw invalidField(field, `expected an IANA time zone such as Asia/Shanghai, got '${text}'`);
  return text;
}

/** Today's date in a time zone, from an instant: for the demo's default business date. */
export function dateInZone(instant: string, timeZone: string): IsoDate {
  return Temporal.Instant.from(instant).toZonedDateTimeISO(timeZone).toPlainDate().toString();
}
