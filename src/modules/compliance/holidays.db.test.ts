import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Db } from '../../platform/db.ts';
import { openTestDb } from '../../platform/testing.ts';
import { holidayOn } from './holidays.rules.ts';
import { loadHolidayCalendar } from './holidays.ts';
import { dayOfIsoDate } from './local-time.rules.ts';

describe('holidays table (migration 0100)', () => {
  let db: Db;
  before(async () => {
    db = await openTestDb();
  });
  after(async () => {
    await db.close();
  });

  it('is seeded with CN and US days for 2024–2026', async () => {
    const rows = await db.query<{ jurisdiction: string; n: number }>('SELECT jurisdiction, count(*)::int AS n FROM holidays GROUP BY jurisdiction ORDER BY jurisdiction');
    assert.deepEqual(rows, [
      { jurisdiction: 'CN', n: 108 },
      { jurisdiction: 'US', n: 33 },
    ]);
  });

  it('loads into the calendar the check receives, including an admin edit', async () => {
    await db.query("INSERT INTO holidays (jurisdiction, on_date, kind, name, source) VALUES ('CN', DATE '2027-01-01', 'holiday', '元旦', 'admin')");
    const cal = await loadHolidayCalendar((sql, params) => db.query(sql, params as unknown[]));
    assert.equal(holidayOn(cal, 'CN', dayOfIsoDate('2026-10-01'))?.kind, 'holiday');
    assert.equal(holidayOn(cal, 'CN', dayOfIsoDate('2026-10-10'))?.kind, 'workday');
    assert.equal(holidayOn(cal, 'CN', dayOfIsoDate('2027-01-01'))?.name, '元旦');
  });

  it('rejects a kind other than holiday or workday', async () => {
    await assert.rejects(db.query("INSERT INTO holidays (jurisdiction, on_date, kind, name, source) VALUES ('CN', DATE '2027-02-01', 'weekend', 'x', 'admin')"));
  });
});
