import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Temporal } from 'temporal-polyfill';
import { scenario } from '../support/scenario.ts';
import { packs, setUpContacts } from '../support/contacts.ts';
import { publishedPlanning } from '../../src/jobs/planning.ts';
import { ensureDefaultTables } from '../../src/modules/strategy/index.ts';
import { DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';

// CN_LOAN ¥12,000 over 12 months, first instalment due 2026-02-15, never paid: the account rolls from
// M0 through M1 into M2. The default CN table plans its ladder day by day.

test('an account rolling from M0 to M2 gets the CN ladder in order — SMS, robot calls, collector calls, one-to-one — at allowed local hours only', async () => {
  const s = await scenario({ planning: publishedPlanning(async () => packs, DEFAULT_LENDER.id) });
  try {
    await setUpContacts(s.db);
    await ensureDefaultTables(s.db, '2026-01-01T00:00:00.000Z');
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    // Day by day, as the cycle runs in production: a catch-up of past dates plans no contacts.
    for (let d = Temporal.PlainDate.from('2026-02-10'); d.toString() <= '2026-03-24'; d = d.add({ days: 1 })) await s.closeThrough(d.toString());
    await (await s.at('2026-03-25')).expectBucket('L1', 'M2');
    const rows = await s.db.query<{ business_date: string; action: string; status: string; scheduled_at: string; strategy_row: string }>(
      `SELECT business_date, action, status, scheduled_at, strategy_row FROM contacts_outbox ORDER BY business_date, id`,
    );
    assert.ok(rows.length > 5, `a ladder of contacts was planned (${rows.length})`);
    const first = (action: string) => rows.findIndex((r) => r.action === action);
    assert.equal(rows[0]!.business_date, '2026-02-16', 'the first contact is planned on the first day past due');
    assert.equal(rows[0]!.action, 'sms_reminder');
    for (const [a, b] of [['sms_reminder', 'robot_call'], ['robot_call', 'collector_call'], ['collector_call', 'one_to_one']] as const) {
      assert.ok(first(a) >= 0 && first(b) > first(a), `${a} comes before ${b}: ${rows.map((r) => `${r.business_date} ${r.action}`).join('; ')}`);
    }
    for (const r of rows.filter((x) => x.status === 'scheduled')) {
      const local = Temporal.Instant.from(r.scheduled_at).toZonedDateTimeISO('Asia/Shanghai');
      assert.ok(local.hour >= 8 && local.hour < 22, `${r.action} of ${r.business_date} at ${local.toString()} is outside 08:00–22:00`);
      assert.equal(local.toPlainDate().toString(), Temporal.PlainDate.from(r.business_date).add({ days: 1 }).toString(), 'planned for the next day');
    }
  } finally {
    await s.close();
  }
});
