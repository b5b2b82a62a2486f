import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { HOLIDAYS_SQL_PATH, renderHolidaysSql } from '../../../scripts/gen-holidays-sql.ts';
import { addBusinessDays, buildHolidayCalendar, holidayOn, isBusinessDay } from './holidays.rules.ts';
import { bundledHolidayCalendar, cnHolidayRowsFromChineseDays, usFederalHolidayRows } from './holidays.ts';
import { dayOfIsoDate, isoDateOfDay } from './local-time.rules.ts';

/** The shared reference data set, a sibling of the repository (../shared/data/cn-holidays). */
const SHARED_CN_HOLIDAYS = new URL('../../../../shared/data/cn-holidays/', import.meta.url);

describe('holiday calendar', () => {
  it('matches the shared holiday-cn data for 2024–2026 day for day, kind for kind', (t) => {
    if (!existsSync(SHARED_CN_HOLIDAYS)) {
      t.skip('../shared/data/cn-holidays is absent in this checkout; cross-check skipped');
      return;
    }
    const expected = new Map<string, string>();
    for (const file of readdirSync(SHARED_CN_HOLIDAYS).filter((f) => /^\d{4}\.json$/.test(f))) {
      const data = JSON.parse(readFileSync(new URL(file, SHARED_CN_HOLIDAYS), 'utf8')) as { days: Array<{ date: string; isOffDay: boolean }> };
      for (const d of data.days) if (d.date >= '2024-01-01' && d.date <= '2026-12-31') expected.set(d.date, d.isOffDay ? 'holiday' : 'workday');
    }
    const actual = new Map(cnHolidayRowsFromChineseDays(2024, 2026).map((r) => [r.onDate, r.kind as string]));
    assert.equal(actual.size, expected.size);
    assert.deepEqual([...actual.entries()].sort(), [...expected.entries()].sort());
  });

  it('keeps migrations/0100_holidays.sql in step with its generator', () => {
    assert.equal(readFileSync(HOLIDAYS_SQL_PATH, 'utf8'), renderHolidaysSql());
  });

  it('treats a CN make-up working day (调休) on a Sunday as a business day and a statutory holiday as not', () => {
    const cal = bundledHolidayCalendar();
    assert.equal(isBusinessDay(cal, 'CN', dayOfIsoDate('2026-09-20')), true); // Sunday, 国庆 make-up day
    assert.equal(isBusinessDay(cal, 'CN', dayOfIsoDate('2026-10-01')), false);
    assert.equal(isBusinessDay(cal, 'CN', dayOfIsoDate('2026-06-13')), false); // an ordinary Saturday
    assert.equal(holidayOn(cal, 'CN', dayOfIsoDate('2026-02-17'))?.name, '春节');
  });

  it('observes US federal holidays that fall on a weekend on the nearest weekday', () => {
    const dates = usFederalHolidayRows(2026, 2026).map((r) => `${r.onDate} ${r.name}`);
    assert.ok(dates.includes('2026-07-03 Independence Day')); // 4 July 2026 is a Saturday
    assert.ok(dates.includes('2026-05-25 Memorial Day'));
    assert.ok(dates.includes('2026-11-26 Thanksgiving Day'));
    assert.ok(dates.includes('2026-01-19 Birthday of Martin Luther King, Jr.'));
  });

  it('counts business days over a weekend and a holiday', () => {
    const cal = buildHolidayCalendar(usFederalHolidayRows(2026, 2026));
    assert.equal(isoDateOfDay(addBusinessDays(cal, 'US', dayOfIsoDate('2026-05-22'), 5)), '2026-06-01');
  });
});
