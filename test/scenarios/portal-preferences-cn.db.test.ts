/**
 * A Chinese debtor's choices saved in the portal reach the compliance gate through FD-PREF-01, which
 * every pack carries (Chinese law gives the choices no effect of its own): an SMS opt-out blocks the
 * SMS already planned at dispatch and the next one at planning; hours named inconvenient defer the SMS
 * to the end of the window, at dispatch and at planning. A third customer without preferences gets
 * their SMS. Real SMPP session to the local SMSC sink, real HTTP route with a debtor's session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { always, apiWithSinks, dispatchAt, planningWith, setUpContacts } from '../support/contacts.ts';
import { signIn } from '../support/auth.ts';

type Row = { ref: string; status: string; scheduled_at: string; plan: string[] | null; dispatch: string[] | null };
const rowsOf = (s: { db: { query: <T>(sql: string, p?: unknown[]) => Promise<T[]> } }, date: string) => s.db.query<Row>(
  `SELECT a.ref, o.status, o.scheduled_at, o.plan_verdict->'denyingRules' AS plan, o.dispatch_verdict->'denyingRules' AS dispatch
   FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id WHERE o.business_date = $1 ORDER BY a.ref`, [date]);

test('CN: an SMS opt-out and inconvenient hours saved in the portal block and defer SMS at dispatch and at planning (FD-PREF-01)', { timeout: 300_000 }, async () => {
  const s = await scenario({ planning: planningWith(always('sms', 'early_sms')) });
  const { app, sinks, server, sms, setNow, close } = await apiWithSinks(s, '2026-02-17T00:00:00.000Z');
  try {
    await setUpContacts(s.db);
    for (const ref of ['L1', 'L2', 'L3']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-02-16');
    const planned = await rowsOf(s, '2026-02-16');
    assert.deepEqual(planned.map((p) => [p.ref, p.status]), [['L1', 'scheduled'], ['L2', 'scheduled'], ['L3', 'scheduled']]);
    const at = planned[0]!.scheduled_at;
    assert.ok(planned.every((p) => p.scheduled_at === at));
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at));

    // Before the SMS go out, L1's debtor stops SMS and L2's debtor names the hour of the planned SMS as inconvenient, until 12:00.
    setNow('2026-02-16T23:30:00.000Z');
    const save = async (customerId: string, key: string, prefs: { optOuts: string[]; quietHours: Array<{ from: string; to: string }> }) => {
      const debtor = await signIn(app, { roles: ['debtor'], customerId });
      const r = await server.inject({ method: 'PUT', url: '/api/v1/portal/preferences', headers: { ...debtor, 'idempotency-key': key },
        payload: { ...prefs, noThirdPartyContact: false, ceaseRequested: false } });
      assert.equal(r.statusCode, 200, r.body);
    };
    await save('C-L1', 'prefs-l1', { optOuts: ['sms'], quietHours: [] });
    await save('C-L2', 'prefs-l2', { optOuts: [], quietHours: [{ from: local, to: '12:00' }] });

    const r = await dispatchAt(s.db, at, { sms });
    assert.deepEqual([r.sent, r.blocked], [1, 1]);
    const after = await rowsOf(s, '2026-02-16');
    assert.deepEqual(after.map((x) => [x.ref, x.status, x.dispatch]), [
      ['L1', 'blocked', ['FD-PREF-01']],
      ['L2', 'scheduled', ['FD-PREF-01']],
      ['L3', 'sent', []],
    ]);
    // L2's SMS waits for the end of the window the debtor chose: 12:00 in Shanghai.
    assert.equal(new Date(after[1]!.scheduled_at).toISOString(), '2026-02-17T04:00:00.000Z');
    for (let i = 0; i < 50 && sinks.smpp.messages().length === 0; i++) await new Promise((res) => setTimeout(res, 20));
    assert.equal(sinks.smpp.messages().length, 1, 'only the customer without preferences got an SMS');

    // The next close plans again: L1 is blocked at planning by the same rule, L2 is planned after its window.
    await s.closeThrough('2026-02-17');
    const next = await rowsOf(s, '2026-02-17');
    assert.deepEqual(next.map((x) => [x.ref, x.status, x.plan]), [
      ['L1', 'blocked', ['FD-PREF-01']],
      ['L2', 'scheduled', ['FD-PREF-01']],
      ['L3', 'scheduled', []],
    ]);
    assert.equal(new Date(next[1]!.scheduled_at).toISOString(), '2026-02-18T04:00:00.000Z');
    assert.equal(new Date(next[2]!.scheduled_at).toISOString(), new Date(Date.parse(at) + 86_400_000).toISOString());
  } finally {
    await close();
    await s.close();
  }
});
