/**
 * The holiday calendar the check receives as data, and the business-day arithmetic the rules do on it.
 * PURE: the rows are loaded elsewhere (holidays.ts reads the `holidays` table or the bundled seed data) and
 * passed in through the compiled pack. Days not listed follow the normal week.
 */
import type { HolidayRow } from './compliance.types.ts';
import { dayOfIsoDate, weekdayOfDay } from './local-time.rules.ts';

export type DayKind = 'holiday' | 'workday';

export interface HolidayCalendar {
  /** jurisdiction → day number → kind and name */
  readonly days: ReadonlyMap<string, ReadonlyMap<number, { kind: DayKind; name: string }>>;
}

export function buildHolidayCalendar(rows: Iterable<Pick<HolidayRow, 'jurisdiction' | 'onDate' | 'kind' | 'name'>>): HolidayCalendar {
  const days = new Map<string, Map<number, { kind: DayKind; name: string }>>();
  for (const r of rows) {
    let m = days.get(r.jurisdiction);
    if (!m) days.set(r.jurisdiction, (m = new Map()));
    m.set(dayOfIsoDate(r.onDate), { kind: r.kind, name: r.name });
  }
  return { days };
}

export const EMPTY_CALENDAR: HolidayCalendar = { days: new Map() };

export function holidayOn(cal: HolidayCalendar, jurisdiction: string, day: number): { kind: DayKind; name: string } | undefined {
  return cal.days.get(jurisdiction)?.get(day);
}

/** A working day: a listed make-up working day, or a Monday–Friday that is not a listed holiday. */
export function isBusinessDay(cal: HolidayCalendar, jurisdiction: string, day: number): boolean {
  const h = holidayOn(cal, jurisdiction, day);
  if (h) return h.kind === 'workday';
  const wd = weekdayOfDay(day);
  return wd !== 0 && wd !== 6;
}

/** The day `n` business days after `day` (n ≥ 0). */
export function addBusinessDays(cal: HolidayCalendar, jurisdiction: string, day: number, n: number): number {
  let d = day;
  let left = n;
  while (left > 0) {
    d++;
    if (isBusinessDay(cal, jurisdiction, d)) left--;
  }
  return d;
}
