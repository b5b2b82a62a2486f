import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { buildServer } from '../../src/http/app.ts';
import { runCycle } from '../../src/jobs/cycle.ts';
import { publishedPlanning } from '../../src/jobs/planning.ts';
import { packs, setUpContacts } from '../support/contacts.ts';
import { ensureDefaultTables } from '../../src/modules/strategy/index.ts';
import { openAccount, createCustomer } from '../../src/modules/ledger/index.ts';
import { DEFAULT_LENDER, VERIFY_LOOKUPS_PER_MINUTE } from '../../src/modules/contacts/index.ts';
import { signIn, withSession } from '../support/auth.ts';

test('contacts API: what-if over the portfolio with the gate, an account’s planned contacts with verdicts, verify codes (rate-limited), templates linted on save', async () => {
  const app = await testApp('2026-02-20T03:00:00.000Z');
  const server = withSession(await buildServer(app), await signIn(app, { roles: ['admin'] }));
  try {
    await setUpContacts(app.db);
    await ensureDefaultTables(app.db, app.clock.now());
    const opts = (k: string) => ({ actor: 'test', idempotencyKey: k });
    for (const i of [1, 2, 3]) {
      await createCustomer(app.db, app.clock, { id: `C${i}`, name: `客户${i}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', phones: ['+86 138 0000 000' + i] }, opts(`c${i}`));
      await openAccount(app.db, app.clock, { ref: `A${i}`, customerId: `C${i}`, productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 600_000, termCount: 6, scheduleMethod: 'equal_principal' }, opts(`a${i}`));
    }
    const planning = publishedPlanning(async () => packs, DEFAULT_LENDER.id);
    for (const d of ['2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17']) await runCycle(app.db, app.clock, { date: d, planning });

    const sim = await server.inject({ method: 'POST', url: '/api/v1/strategy/simulate', payload: { jurisdiction: 'CN' } });
    assert.equal(sim.statusCode, 200, sim.body);
    const body = sim.json() as { accounts: number };
    assert.equal(body.accounts, 3, sim.body);
    assert.match(sim.body, /"sms_reminder"|"push_reminder"|"in_app_message"|"email_reminder"/);
    const badSim = await server.inject({ method: 'POST', url: '/api/v1/strategy/simulate', payload: { jurisdiction: 'XX' } });
    assert.equal(badSim.statusCode, 400);
    assert.match(badSim.body, /jurisdiction/);

    const list = await server.inject({ method: 'GET', url: '/api/v1/accounts/A1/contacts' });
    assert.equal(list.statusCode, 200);
    const items = list.json() as Array<{ planDecision: string; verifyCode: string; planVerdict: { passed: string[] } }>;
    assert.ok(items.length >= 1);
    assert.ok(items[0]!.planVerdict.passed.some((id) => id.startsWith('CN-HOURS')), 'the stored verdict names the rules that passed');
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/accounts/NOPE/contacts' })).statusCode, 404);
    // The stored verdicts come back whole (the response schema declares every field planning and dispatch store).
    const stored = await app.db.query<{ reference: string; plan_verdict: unknown; dispatch_verdict: unknown }>(
      `SELECT reference, plan_verdict, dispatch_verdict FROM contacts_outbox WHERE account_id = (SELECT id FROM accounts WHERE ref = 'A1')`);
    assert.deepEqual(
      Object.fromEntries((list.json() as Array<{ reference: string; planVerdict: unknown; dispatchVerdict: unknown }>).map((c) => [c.reference, [c.planVerdict, c.dispatchVerdict]])),
      Object.fromEntries(stored.map((r) => [r.reference, [r.plan_verdict, r.dispatch_verdict]])),
    );
    const stats = await server.inject({ method: 'GET', url: '/api/v1/outbox/stats' });
    assert.equal(stats.statusCode, 200, stats.body);
    assert.equal((stats.json() as { byStatus: Array<{ n: number }> }).byStatus.reduce((n, r) => n + r.n, 0), (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts_outbox'))[0]!.n);

    // The debtor's contact history, every field of each contact.
    await app.db.query(
      `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, outcome, initiator_kind, initiator_id)
       SELECT 'C1', id, '2026-02-18T02:00:00Z', 'call', 'outbound', 'debtor', 'connected', 'agency', 'AG-X' FROM accounts WHERE ref = 'A1'`);
    const debtor = withSession(server, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const history = await debtor.inject({ method: 'GET', url: '/api/v1/portal/contact-history' });
    assert.equal(history.statusCode, 200, history.body);
    assert.deepEqual(history.json(), [{
      at: '2026-02-18T02:00:00.000Z', channel: 'call', direction: 'outbound', recipientRole: 'debtor', outcome: 'connected', initiatorKind: 'agency', initiatorId: 'AG-X',
      accountRef: 'A1', reference: null, verifyCode: null,
    }]);

    const code = items[0]!.verifyCode;
    const ok = await server.inject({ method: 'GET', url: `/api/v1/verify/${code.slice(0, 5)}-${code.slice(5)}`, remoteAddress: '10.0.0.1' });
    assert.equal(ok.statusCode, 200);
    assert.equal((ok.json() as { genuine: boolean }).genuine, true);
    assert.doesNotMatch(ok.body, /客户1|138|A1/, 'no personal data to a stranger');
    for (let i = 1; i < VERIFY_LOOKUPS_PER_MINUTE; i++) await server.inject({ method: 'GET', url: '/api/v1/verify/ZZZZZZZZZZ', remoteAddress: '10.0.0.1' });
    const limited = await server.inject({ method: 'GET', url: '/api/v1/verify/ZZZZZZZZZZ', remoteAddress: '10.0.0.1' });
    assert.equal(limited.statusCode, 429);
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/verify/ZZZZZZZZZZ', remoteAddress: '10.0.0.2' })).statusCode, 200, 'other addresses are not limited');

    const threat = await server.inject({ method: 'POST', url: '/api/v1/templates', headers: { 'idempotency-key': 't1' }, payload: { code: 'bad_sms', language: 'zh-CN', channel: 'sms', body: '{{name}}，再不还钱就让你全家都知道' } });
    assert.equal(threat.statusCode, 400);
    assert.match(threat.body, /template\.body/);
    const unknownVar = await server.inject({ method: 'POST', url: '/api/v1/templates', headers: { 'idempotency-key': 't2' }, payload: { code: 'x_sms', language: 'en', channel: 'sms', body: 'Hi {{nmae}}, reply STOP to opt out' } });
    assert.equal(unknownVar.statusCode, 400);
    assert.match(unknownVar.body, /unknown variables \{\{nmae\}\}/);
    const good = await server.inject({ method: 'POST', url: '/api/v1/templates', headers: { 'idempotency-key': 't3' }, payload: { code: 'x_sms', language: 'en', channel: 'sms', body: 'Hi {{name}}, {{amountDue}} is due. Verify code {{verifyCode}}. Reply STOP to opt out' } });
    assert.equal(good.statusCode, 200, good.body);
    assert.equal((good.json() as { version: number }).version, 1);
  } finally {
    await server.close();
    await app.close();
  }
});
