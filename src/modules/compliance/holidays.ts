/**
 * Where the holiday calendar comes from: the admin-editable `holidays` table (migrations/0100_holidays.sql),
 * which is seeded from the chinese-days package for CN and from the statutory rule of 5 U.S.C. 6103(a) for
 * US federal holidays, or the same seed data bundled with the code. The calendar itself and the arithmetic
 * the rules do on it are in holidays.rules.ts.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { HolidayRow } from './compliance.types.ts';
import { buildHolidayCalendar, type DayKind, type HolidayCalendar } from './holidays.rules.ts';
import { dayOfIsoDate, isoDateOfDay, weekdayOfDay } from './local-time.rules.ts';

// ---------------------------------------------------------------------------------------------------------
// Seed data

type ChineseDaysData = { holidays: Record<string, string>; workdays: Record<string, string> };

/** CN statutory holidays and make-up working days (调休) from the chinese-days package, for the given years. */
export function cnHolidayRowsFromChineseDays(fromYear: number, toYear: number): HolidayRow[] {
  const data = chineseDays as ChineseDaysData;
  const rows: HolidayRow[] = [];
  const add = (table: Record<string, string>, kind: HolidayRow['kind']) => {
    for (const [date, label] of Object.entries(table)) {
      const year = Number(date.slice(0, 4));
      if (year < fromYear || year > toYear) continue;
      const name = label.split(',')[1] ?? label;
      rows.push({ jurisdiction: 'CN', onDate: date, kind, name, source: 'chinese-days@1.5.7 (State Council notices)' });
    }
  };
  add(data.holidays, 'holiday');
  add(data.workdays, 'workday');
  rows.sort((a, b) => (a.onDate < b.onDate ? -1 : a.onDate > b.onDate ? 1 : 0));
  return rows;
}

function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  const first = dayOfIsoDate(`${year}-${String(month).padStart(2, '0')}-01`);
  const shift = (weekday - weekdayOfDay(first) + 7) % 7;
  return first + shift + (n - 1) * 7;
}
function lastWeekday(year: number, month: number, weekday: number): number {
  const next = month === 12 ? dayOfIsoDate(`${year + 1}-01-01`) : dayOfIsoDate(`${year}-${String(month + 1).padStart(2, '0')}-01`);
  const last = next - 1;
  return last - ((weekdayOfDay(last) - weekday + 7) % 7);
}
/** A fixed-date holiday falling on Saturday is observed on Friday, on Sunday on Monday (5 U.S.C. 6103(b)). */
function observed(day: number): number {
  const wd = weekdayOfDay(day);
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
}

/** US federal public holidays (5 U.S.C. 6103(a)) as observed, for the given years. */
export function usFederalHolidayRows(fromYear: number, toYear: number): HolidayRow[] {
  const rows: HolidayRow[] = [];
  for (let y = fromYear; y <= toYear; y++) {
    const fixed = (m: number, d: number) => observed(dayOfIsoDate(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`));
    const list: Array<[number, string]> = [
      [fixed(1, 1), "New Year's Day"],
      [nthWeekday(y, 1, 1, 3), 'Birthday of Martin Luther King, Jr.'],
      [nthWeekday(y, 2, 1, 3), "Washington's Birthday"],
      [lastWeekday(y, 5, 1), 'Memorial Day'],
      [fixed(6, 19), 'Juneteenth National Independence Day'],
      [fixed(7, 4), 'Independence Day'],
      [nthWeekday(y, 9, 1, 1), 'Labor Day'],
      [nthWeekday(y, 10, 1, 2), 'Columbus Day'],
      [fixed(11, 11), 'Veterans Day'],
      [nthWeekday(y, 11, 4, 4), 'Thanksgiving Day'],
      [fixed(12, 25), 'Christmas Day'],
    ];
    for (const [day, name] of list) rows.push({ jurisdiction: 'US', onDate: isoDateOfDay(day), kind: 'holiday', name, source: '5 U.S.C. 6103' });
  }
  return rows;
}

/** The calendar bundled with the code, for a server or CLI without a database. */
export function bundledHolidayCalendar(): HolidayCalendar {
  return buildHolidayCalendar([...cnHolidayRowsFromChineseDays(2004, 2026), ...usFederalHolidayRows(2020, 2030)]);
}

const DAY_KINDS: ReadonlySet<string> = new Set<DayKind>(['holiday', 'workday']);

/** One row of the `holidays` query, checked field by field: the database hands back untyped rows. */
function holidayRowOf(r: unknown, index: number): Pick<HolidayRow, 'jurisdiction' | 'onDate' | 'kind' | 'name'> {
  if (typeof r === 'object' && r !== null) {
    const { jurisdiction, on_date: onDate, kind, name } = r as Record<string, unknown>;
    if (typeof jurisdiction === 'string' && typeof onDate === 'string' && typeof kind === 'string' && DAY_KINDS.has(kind) && typeof name === 'string') {
      return { jurisdiction, onDate, kind: kind as DayKind, name };
    }
  }
  throw new Error(`holidays row ${index} is not a (jurisdiction, on_date, kind, name) row`);
}

/** Reads the admin-edited `holidays` table. `query` is the composition root's database function. */
export async function loadHolidayCalendar(query: (sql: string, params?: unknown[]) => Promise<readonly unknown[]>): Promise<HolidayCalendar> {
  const rows = await query("SELECT jurisdiction, to_char(on_date, 'YYYY-MM-DD') AS on_date, kind, name FROM holidays ORDER BY jurisdiction, on_date");
  return buildHolidayCalendar(rows.map(holidayRowOf));
}
