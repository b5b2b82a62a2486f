/**
 * The portal's self-service routes over HTTP with real sessions: paying from the portal (sandbox
 * provider, posted by the ledger's own payment command), "my requests" with the approval of a plan
 * above the portal's limit, and contact preferences. Bad input is a 400 naming the field and changes
 * nothing; another customer's account is a 404; the same idempotency key acts once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { signIn, withSession } from '../support/auth.ts';
import { buildServer } from '../../src/http/app.ts';
import { createCustomer, openAccount } from '../../src/modules/ledger/index.ts';
import { runCycle } from '../../src/jobs/cycle.ts';
import type { App } from '../../src/main.ts';

async function setUp(app: App): Promise<void> {
  const k = { actor: 't', idempotencyKey: 'c1' };
  await createCustomer(app.db, app.clock, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
  await createCustomer(app.db, app.clock, { id: 'C9', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, { ...k, idempotencyKey: 'c9' });
  await createCustomer(app.db, app.clock, { id: 'U1', name: 'Ann Lee', timeZone: 'America/New_York', jurisdiction: 'US', language: 'en' }, { ...k, idempotencyKey: 'u1' });
  await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
  await openAccount(app.db, app.clock, { ref: 'L2', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a2' });
  await openAccount(app.db, app.clock, { ref: 'L9', customerId: 'C9', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 600_000, termCount: 6 }, { ...k, idempotencyKey: 'a9' });
  await runCycle(app.db, app.clock, { date: '2026-03-19' });
}

test('portal payments: any amount up to what is owed, posted to the ledger once per key, own accounts only, bad input named and harmless', async () => {
  const app = await testApp('2026-03-20T02:00:00.000Z');
  const api = await buildServer(app);
  try {
    await setUp(app);
    const me = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const stranger = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C9' }));
    const collector = withSession(api, await signIn(app, { roles: ['collector'] }));
    // What I owe now, as the portal's account list shows it (the detail is as of the last closed day).
    const owed = async () => ((await me.inject({ method: 'GET', url: '/api/v1/portal/accounts' })).json().items as Array<{ id: string; balances: { totalMinor: number; overdueMinor: number } }>).find((a) => a.id === 'L1')!.balances;
    const pay = (who: typeof me, key: string | undefined, payload: unknown) =>
      who.inject({ method: 'POST', url: '/api/v1/portal/payments', headers: key ? { 'idempotency-key': key } : {}, payload: payload as Record<string, unknown> });

    const before = await owed();
    assert.ok(before.overdueMinor > 0 && before.totalMinor > before.overdueMinor, JSON.stringify(before));
    assert.equal((await api.inject({ method: 'POST', url: '/api/v1/portal/payments', headers: { 'idempotency-key': 'k' }, payload: { accountRef: 'L1', amountMinor: 100, method: 'sandbox_card' } })).statusCode, 401);
    assert.equal((await pay(collector, 'k', { accountRef: 'L1', amountMinor: 100, method: 'sandbox_card' })).statusCode, 403, 'the portal is for debtors');

    const notMine = await pay(stranger, 'k', { accountRef: 'L1', amountMinor: 100, method: 'sandbox_card' });
    assert.equal(notMine.statusCode, 404);
    assert.equal(notMine.json().issues[0].path, 'accountRef');
    const bad: Array<[unknown, string | undefined, string]> = [
      [{ accountRef: 'L1', amountMinor: 0, method: 'sandbox_card' }, 'k0', 'body.amountMinor'],
      [{ accountRef: 'L1', amountMinor: 10.5, method: 'sandbox_card' }, 'k1', 'body.amountMinor'],
      [{ accountRef: 'L1', amountMinor: '100', method: 'sandbox_card' }, 'k2', 'body.amountMinor'],
      [{ accountRef: 'L1', amountMinor: 100, method: 'visa' }, 'k3', 'body.method'],
      [{ amountMinor: 100, method: 'sandbox_card' }, 'k4', 'body.accountRef'],
      [{ accountRef: 'L1', amountMinor: before.totalMinor + 1, method: 'sandbox_card' }, 'k5', 'amountMinor'],
      [{ accountRef: 'L1', amountMinor: 100, method: 'sandbox_card' }, undefined, 'headers.idempotency-key'],
    ];
    for (const [payload, key, path] of bad) {
      const r = await pay(me, key, payload);
      assert.equal(r.statusCode, 400, `${JSON.stringify(payload)}: ${r.body}`);
      assert.equal(r.json().issues[0].path, path, r.body);
    }
    assert.deepEqual(await owed(), before, 'refused payments change nothing');
    assert.deepEqual(await app.db.query(`SELECT ref FROM transactions WHERE ref LIKE 'portal:%'`), []);

    const ok = await pay(me, 'pay-1', { accountRef: 'L1', amountMinor: 12_345, method: 'sandbox_alipay' });
    assert.equal(ok.statusCode, 201, ok.body);
    const r = ok.json();
    assert.equal(r.sandbox, true);
    assert.equal(r.valueDate, '2026-03-20', 'value date: the open business date');
    assert.equal(r.owedBeforeMinor, before.totalMinor);
    assert.equal(r.owedAfterMinor, before.totalMinor - 12_345);
    assert.equal(r.allocation.reduce((s: number, a: { amountMinor: number }) => s + a.amountMinor, 0), 12_345, 'the whole amount was allocated by the waterfall');
    assert.equal((await owed()).totalMinor, before.totalMinor - 12_345, 'what I owe is lower by exactly the amount');

    // A double click: the same key pays once and answers the first result.
    const again = await pay(me, 'pay-1', { accountRef: 'L1', amountMinor: 12_345, method: 'sandbox_alipay' });
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().transactionId, r.transactionId);
    const reused = await pay(me, 'pay-1', { accountRef: 'L1', amountMinor: 999, method: 'sandbox_alipay' });
    assert.equal(reused.statusCode, 409, 'the same key for a different payment');
    const txs = await app.db.query<{ ref: string; channel: string; amount_minor: number }>(`SELECT ref, channel, amount_minor FROM transactions WHERE ref LIKE 'portal:%'`);
    assert.deepEqual(txs.map((t) => [t.ref, t.channel, Number(t.amount_minor)]), [[`portal:${r.providerRef}`, 'portal_sandbox_alipay', 12_345]]);
    assert.equal((await owed()).totalMinor, before.totalMinor - 12_345);
    const audit = await app.db.query<{ type: string; actor: string }>(`SELECT type, actor FROM audit_log WHERE type IN ('PORTAL_PAYMENT_TAKEN', 'TRANSACTION_RECEIVED') AND subject = 'account:L1' ORDER BY seq`);
    assert.deepEqual(audit.map((a) => [a.type, a.actor]), [['TRANSACTION_RECEIVED', 'debtor:C1'], ['PORTAL_PAYMENT_TAKEN', 'debtor:C1']]);

    // Paying everything that is left is allowed; one minor unit more is not.
    const rest = (await owed()).totalMinor;
    assert.equal((await pay(me, 'pay-2', { accountRef: 'L1', amountMinor: rest + 1, method: 'sandbox_card' })).statusCode, 400);
    const all = await pay(me, 'pay-3', { accountRef: 'L1', amountMinor: rest, method: 'sandbox_card' });
    assert.equal(all.statusCode, 201, all.body);
    assert.equal(all.json().owedAfterMinor, 0);
  } finally {
    await api.close();
    await app.close();
  }
});

test('my requests: a plan above the portal limit waits, a supervisor approves it, the debtor sees it approved with its schedule and agreement; nobody else sees it', async () => {
  const app = await testApp('2026-03-20T02:00:00.000Z');
  const api = await buildServer(app);
  try {
    await setUp(app);
    const me = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const stranger = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C9' }));
    const zhao = withSession(api, await signIn(app, { roles: ['supervisor'], userId: 's-zhao' }));
    assert.deepEqual((await me.inject({ method: 'GET', url: '/api/v1/portal/concessions' })).json(), { items: [] });
    assert.equal((await me.inject({ method: 'GET', url: '/api/v1/portal/concessions?limit=0' })).json().issues[0].path, 'querystring.limit');
    assert.equal((await zhao.inject({ method: 'GET', url: '/api/v1/portal/concessions' })).statusCode, 403);

    const within = await me.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'p1' }, payload: { accountRef: 'L1', choice: { kind: 'plan', termCount: 3 } } });
    assert.equal(within.json().concession.status, 'active', within.body);
    const above = await me.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'p2' }, payload: { accountRef: 'L2', choice: { kind: 'plan', termCount: 6, waive: ['interest'] } } });
    assert.equal(above.statusCode, 201, above.body);
    assert.equal(above.json().concession.status, 'pending_approval', 'waiving the interest too is above the portal\'s limit');
    const id = above.json().concession.concessionId as number;

    type Item = { id: number; accountRef: string; kind: string; status: string; slaDueAt: string | null; schedule: Array<{ n: number; amountMinor: number }>; explanation: { 'zh-CN': string; en: string }; hasAgreement: boolean; totalPayableMinor: number };
    const mine = async () => (await me.inject({ method: 'GET', url: '/api/v1/portal/concessions' })).json().items as Item[];
    const pending = await mine();
    assert.deepEqual(pending.map((c) => [c.accountRef, c.status, c.schedule.length, c.hasAgreement]), [['L2', 'pending_approval', 6, false], ['L1', 'active', 3, true]]);
    assert.ok(pending[0]!.slaDueAt, 'a pending request says by when it is answered');
    assert.ok(pending[0]!.explanation['zh-CN'] && pending[0]!.explanation.en);
    assert.equal(pending[0]!.schedule.reduce((s, i) => s + i.amountMinor, 0), pending[0]!.totalPayableMinor);
    assert.deepEqual((await stranger.inject({ method: 'GET', url: '/api/v1/portal/concessions' })).json(), { items: [] }, 'another debtor sees none of it');
    assert.equal((await me.inject({ method: 'GET', url: `/api/v1/portal/concessions/${id}/agreement` })).statusCode, 404, 'no agreement while it waits');

    const yes = await zhao.inject({ method: 'POST', url: `/api/v1/concessions/${id}/approve`, headers: { 'idempotency-key': 'ap' }, payload: {} });
    assert.equal(yes.statusCode, 200, yes.body);
    const approved = (await mine()).find((c) => c.id === id)!;
    assert.deepEqual([approved.status, approved.hasAgreement], ['active', true]);
    const pdf = await me.inject({ method: 'GET', url: `/api/v1/portal/concessions/${id}/agreement?lang=en` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await stranger.inject({ method: 'GET', url: `/api/v1/portal/concessions/${id}/agreement` })).statusCode, 404, 'not another debtor\'s agreement');
  } finally {
    await api.close();
    await app.close();
  }
});

test('contact preferences: saved through a command with an audit record, shown again, what staff recorded kept, bad input named and harmless, cease only where the law has it', async () => {
  const app = await testApp('2026-03-20T02:00:00.000Z');
  const api = await buildServer(app);
  try {
    await setUp(app);
    const me = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const ann = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'U1' }));
    const get = async (who = me) => (await who.inject({ method: 'GET', url: '/api/v1/portal/preferences' })).json();
    const put = (payload: unknown, key: string | undefined, who = me) =>
      who.inject({ method: 'PUT', url: '/api/v1/portal/preferences', headers: key ? { 'idempotency-key': key } : {}, payload: payload as Record<string, unknown> });

    assert.deepEqual(await get(), { customerId: 'C1', jurisdiction: 'CN', ceaseAvailable: false, updatedAt: null, optOuts: [], quietHours: [], noThirdPartyContact: false, ceaseRequested: false });
    // What a collector recorded before (a refused number, a vulnerability status) is not the portal's to change.
    await app.db.query(`INSERT INTO contact_preferences (customer_id, statuses, opt_outs, updated_at) VALUES ('C1', '["vulnerable"]', '[{"channel":"call","value":"+86 138 0000 0001"}]', now())`);

    const good = { optOuts: ['sms', 'email'], quietHours: [{ from: '12:00', to: '14:00', days: ['mon', 'tue'] }], noThirdPartyContact: true, ceaseRequested: false };
    const bad: Array<[unknown, string | undefined, string]> = [
      [{ ...good, optOuts: ['fax'] }, 'b1', 'body.optOuts.0'],
      [{ ...good, optOuts: ['sms', 'sms'] }, 'b2', 'body.optOuts'],
      [{ ...good, quietHours: [{ from: '25:00', to: '14:00' }] }, 'b3', 'body.quietHours.0.from'],
      [{ ...good, quietHours: [{ from: '12:00', to: '12:00' }] }, 'b4', 'body.quietHours.0.to'],
      [{ ...good, quietHours: [{ from: '12:00', to: '13:00', days: ['monday'] }] }, 'b5', 'body.quietHours.0.days.0'],
      [{ ...good, noThirdPartyContact: 'yes' }, 'b6', 'body.noThirdPartyContact'],
      [{ ...good, ceaseRequested: true }, 'b7', 'ceaseRequested'],
      [good, undefined, 'headers.idempotency-key'],
    ];
    const stored = async () => (await app.db.query('SELECT statuses, opt_outs, consents, designations, cease_requested FROM contact_preferences WHERE customer_id = $1', ['C1']))[0];
    const was = await stored();
    for (const [payload, key, path] of bad) {
      const r = await put(payload, key);
      assert.equal(r.statusCode, 400, `${JSON.stringify(payload)}: ${r.body}`);
      assert.equal(r.json().issues[0].path, path, r.body);
    }
    assert.deepEqual(await stored(), was, 'refused saves change nothing');

    const saved = await put(good, 'prefs-1');
    assert.equal(saved.statusCode, 200, saved.body);
    const shown = await get();
    assert.deepEqual({ ...shown, updatedAt: null }, { customerId: 'C1', jurisdiction: 'CN', ceaseAvailable: false, updatedAt: null, ...good });
    assert.equal(shown.updatedAt, '2026-03-20T02:00:00.000Z');
    const row = await stored();
    assert.deepEqual(row, {
      statuses: ['vulnerable'],
      opt_outs: [{ channel: 'call', value: '+86 138 0000 0001' }, { channel: 'sms', at: '2026-03-20T02:00:00.000Z' }, { channel: 'email', at: '2026-03-20T02:00:00.000Z' }],
      consents: [{ type: 'third_party_contact', revoked: true, givenAt: '2026-03-20T02:00:00.000Z' }],
      designations: [{ type: 'inconvenient_time', startLocal: '12:00', endLocal: '14:00', days: ['mon', 'tue'] }],
      cease_requested: false,
    });
    assert.equal((await put(good, 'prefs-1')).headers['idempotent-replayed'], 'true');
    const audit = await app.db.query<{ actor: string; data: unknown }>(`SELECT actor, data FROM audit_log WHERE type = 'CONTACT_PREFERENCES_SAVED' ORDER BY seq`);
    assert.deepEqual(audit, [{ actor: 'debtor:C1', data: { source: 'portal', optOuts: ['sms', 'email'], quietHours: 1, noThirdPartyContact: true, ceaseRequested: false } }]);

    // Taking an opt-out back removes only it.
    const less = await put({ ...good, optOuts: ['email'], quietHours: [], noThirdPartyContact: false }, 'prefs-2');
    assert.equal(less.statusCode, 200, less.body);
    assert.deepEqual((await stored())!.opt_outs, [{ channel: 'call', value: '+86 138 0000 0001' }, { channel: 'email', at: '2026-03-20T02:00:00.000Z' }]);
    assert.deepEqual((await stored())!.consents, []);

    // A US consumer may ask to cease (Reg F §1006.6(c)); it is stored as the gate reads it.
    assert.equal((await get(ann)).ceaseAvailable, true);
    const cease = await put({ optOuts: [], quietHours: [], noThirdPartyContact: false, ceaseRequested: true }, 'us-1', ann);
    assert.equal(cease.statusCode, 200, cease.body);
    assert.equal(cease.json().ceaseRequested, true);
    const [us] = await app.db.query<{ cease_requested: unknown }>(`SELECT cease_requested FROM contact_preferences WHERE customer_id = 'U1'`);
    assert.deepEqual(us?.cease_requested, { at: '2026-03-20T02:00:00.000Z', kind: 'cease' });
  } finally {
    await api.close();
    await app.close();
  }
});
