/**
 * A dispute from the debtor portal stops collection at once: the SMS planned the evening before is
 * blocked at dispatch by the dispute hold (FD-DISPUTE-01) and never reaches the SMSC; while the
 * dispute is open the next plans are blocked too; once it is resolved collection resumes with the
 * next plan. Real SMPP session to the local SMSC sink, real HTTP routes with a debtor's session.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { always, apiWithSinks, dispatchAt, outbox, planningWith, setUpContacts } from '../support/contacts.ts';
import { signIn } from '../support/auth.ts';

test('a dispute opened in the portal blocks the planned SMS at dispatch (FD-DISPUTE-01, nothing reaches the SMSC); resolving it lets collection resume on the next plan', { timeout: 300_000 }, async () => {
  const s = await scenario({ planning: planningWith(always('sms', 'early_sms')) });
  // The server's clock is moved by the test: the debtor disputes at 08:30 Shanghai time on 17 February.
  const { app, sinks, server, sms, setNow, close } = await apiWithSinks(s, '2026-02-17T00:30:00.000Z');
  try {
    await setUpContacts(s.db);
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    // The close of 16 February (DPD 1) plans an SMS for 09:00 local on the 17th.
    await s.closeThrough('2026-02-16');
    const [planned] = await outbox(s.db);
    assert.deepEqual([planned?.status, planned?.scheduled_at], ['scheduled', '2026-02-17T01:00:00.000Z']);

    const debtor = await signIn(app, { roles: ['debtor'], customerId: 'C-L1' });
    const opened = await server.inject({ method: 'POST', url: '/api/v1/portal/disputes', headers: { ...debtor, 'idempotency-key': 'dispute-1' }, payload: { accountRef: 'L1', reason: '这笔罚息我不认可' } });
    assert.equal(opened.statusCode, 201, opened.body);
    const disputeId = opened.json().disputeId as number;

    const r = await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms });
    assert.equal(r.blocked, 1);
    assert.equal(r.sent, 0);
    assert.equal(sinks.smpp.messages().length, 0, 'nothing reached the SMSC');
    const [blocked] = await s.db.query<{ status: string; dispatch_verdict: { decision: string; denyingRules: string[]; trace: Array<{ ruleId: string; outcome: string }> } }>(
      'SELECT status, dispatch_verdict FROM contacts_outbox WHERE reference = $1', [planned!.reference]);
    assert.equal(blocked?.status, 'blocked');
    assert.equal(blocked?.dispatch_verdict.decision, 'deny');
    assert.ok(blocked?.dispatch_verdict.denyingRules.includes('FD-DISPUTE-01'), JSON.stringify(blocked?.dispatch_verdict.denyingRules));
    assert.equal(blocked?.dispatch_verdict.trace.find((t) => t.ruleId === 'FD-DISPUTE-01')?.outcome, 'fail');

    // While the dispute is open, the next plan is blocked at planning with the same rule.
    await s.closeThrough('2026-02-17');
    const whileOpen = await s.db.query<{ status: string; rules: string[] }>(
      `SELECT status, plan_verdict->'denyingRules' AS rules FROM contacts_outbox WHERE reference <> $1 ORDER BY id`, [planned!.reference]);
    assert.deepEqual(whileOpen, [{ status: 'blocked', rules: ['FD-DISPUTE-01'] }]);

    // A compliance officer resolves the dispute (the amount was corrected): the hold is lifted.
    setNow('2026-02-18T06:00:00.000Z');
    const officer = await signIn(app, { roles: ['compliance_officer'], userId: 'co-chen' });
    const resolved = await server.inject({ method: 'POST', url: `/api/v1/disputes/${disputeId}/resolve`, headers: { ...officer, 'idempotency-key': 'resolve-1' }, payload: { note: '已更正罚息' } });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.deepEqual(resolved.json(), { disputeId, status: 'resolved', holdLifted: true });

    // The close of 18 February plans the next SMS for the 19th, and it is sent to the SMSC.
    await s.closeThrough('2026-02-18');
    const next = (await outbox(s.db)).at(-1)!;
    assert.deepEqual([next.status, next.scheduled_at], ['scheduled', '2026-02-19T01:00:00.000Z']);
    const sent = await dispatchAt(s.db, '2026-02-19T01:00:00.000Z', { sms });
    assert.equal(sent.sent, 1);
    for (let i = 0; i < 50 && sinks.smpp.messages().length === 0; i++) await new Promise((res) => setTimeout(res, 20));
    assert.deepEqual(sinks.smpp.messages().map((m) => m.reference), [next.reference]);
  } finally {
    await close();
    await s.close();
  }
});
