/**
 * An opt-out saved in the debtor portal reaches the compliance gate: the SMS already planned for the
 * customer is blocked at dispatch (UK CONC 7.9.4R, how to be contacted: UK-CONC-04, and the debtor's own
 * choice, FD-PREF-01) and never reaches the SMSC, and the next plan is blocked at planning by the same rules; another customer's SMS, planned
 * the same way, is sent. Real SMPP session to the local SMSC sink, real HTTP route with a debtor's session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { always, apiWithSinks, dispatchAt, outbox, planningWith, setUpContacts } from '../support/contacts.ts';
import { signIn } from '../support/auth.ts';

test('an SMS opt-out saved in the portal blocks the customer\'s planned SMS at dispatch and the next one at planning (UK-CONC-04, FD-PREF-01); another customer\'s SMS is sent', { timeout: 300_000 }, async () => {
  const s = await scenario({ planning: planningWith(always('sms', 'early_sms')) });
  const { app, sinks, server, sms, setNow, close } = await apiWithSinks(s, '2026-02-17T07:00:00.000Z');
  try {
    await setUpContacts(s.db);
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.loan('L2', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    // Both customers live in the UK, where CONC 7.9.4R binds a customer's request about how to be contacted.
    await s.db.query(`UPDATE customers SET jurisdiction = 'UK', time_zone = 'Europe/London' WHERE id IN ('C-L1', 'C-L2')`);
    await s.closeThrough('2026-02-16');
    const planned = await outbox(s.db);
    assert.deepEqual(planned.map((p) => [p.channel, p.status]), [['sms', 'scheduled'], ['sms', 'scheduled']]);
    const at = planned[0]!.scheduled_at;
    assert.equal(planned[1]!.scheduled_at, at);

    // Before the SMS goes out, the debtor of L1 stops SMS in the portal.
    setNow('2026-02-17T07:30:00.000Z');
    const debtor = await signIn(app, { roles: ['debtor'], customerId: 'C-L1' });
    const saved = await server.inject({ method: 'PUT', url: '/api/v1/portal/preferences', headers: { ...debtor, 'idempotency-key': 'prefs-1' },
      payload: { optOuts: ['sms'], quietHours: [], noThirdPartyContact: false, ceaseRequested: false } });
    assert.equal(saved.statusCode, 200, saved.body);

    const r = await dispatchAt(s.db, at, { sms });
    assert.deepEqual([r.sent, r.blocked], [1, 1]);
    const rows = await s.db.query<{ account_id: number; status: string; verdict: { decision: string; denyingRules: string[] } | null }>(
      'SELECT account_id, status, dispatch_verdict AS verdict FROM contacts_outbox ORDER BY id');
    const [l1, l2] = rows;
    assert.equal(l1?.status, 'blocked');
    assert.deepEqual(l1?.verdict?.denyingRules, ['UK-CONC-04', 'FD-PREF-01']);
    assert.equal(l2?.status, 'sent');
    for (let i = 0; i < 50 && sinks.smpp.messages().length === 0; i++) await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual(sinks.smpp.messages().map((m) => m.reference), [planned[1]!.reference], 'only the other customer\'s SMS reached the SMSC');

    // The next close plans again: the opted-out customer's SMS is blocked at planning by the same rule.
    await s.closeThrough('2026-02-17');
    const next = await s.db.query<{ ref: string; status: string; rules: string[] }>(
      `SELECT a.ref, o.status, o.plan_verdict->'denyingRules' AS rules FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id WHERE o.business_date = '2026-02-17' ORDER BY a.ref`);
    assert.deepEqual(next, [{ ref: 'L1', status: 'blocked', rules: ['UK-CONC-04', 'FD-PREF-01'] }, { ref: 'L2', status: 'scheduled', rules: [] }]);
  } finally {
    await close();
    await s.close();
  }
});
