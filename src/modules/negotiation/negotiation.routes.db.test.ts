import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { buildServer } from '../../http/app.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';

test('the negotiation API: portal options explained in zh-CN and en, accept within the portal limit, a waiver to the approval queue and its approval, agreements as PDF, bad bodies named field by field', async () => {
  const app = await testApp('2026-03-20T02:00:00.000Z');
  const api = await buildServer(app);
  try {
    const k = { actor: 't', idempotencyKey: 'c1' };
    await createCustomer(app.db, app.clock, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
    await openAccount(app.db, app.clock, { ref: 'L2', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a2' });
    await runCycle(app.db, app.clock, { date: '2026-03-19' });
    await createCustomer(app.db, app.clock, { id: 'C9', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, { ...k, idempotencyKey: 'c9' });
    // Each person has their own session: the debtor, a collector, a supervisor; who acts is the session, not the body.
    const server = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const wang = withSession(api, await signIn(app, { roles: ['collector'], userId: 'c-wang' }));
    const zhao = withSession(api, await signIn(app, { roles: ['supervisor'], userId: 's-zhao' }));
    const stranger = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C9' }));
    const notMine = await stranger.inject({ method: 'POST', url: '/api/v1/portal/options', payload: { accountRef: 'L1' } });
    assert.equal(notMine.statusCode, 404, 'another debtor\'s account is not found, not forbidden');
    assert.equal((await api.inject({ method: 'POST', url: '/api/v1/portal/options', payload: { accountRef: 'L1' } })).statusCode, 401);
    assert.equal((await wang.inject({ method: 'POST', url: '/api/v1/portal/options', payload: { accountRef: 'L1' } })).statusCode, 403, 'the portal is for debtors');

    const opts = await server.inject({ method: 'POST', url: '/api/v1/portal/options', payload: { accountRef: 'L1' } });
    assert.equal(opts.statusCode, 200);
    const body = opts.json();
    assert.deepEqual(body.options.map((o: { kind: string; choice: { termCount?: number } }) => `${o.kind}${o.choice.termCount ?? ''}`), ['plan3', 'plan6', 'plan12', 'deferral', 'promise']);
    for (const o of body.options) assert.ok(o.explanation['zh-CN'] && o.explanation.en);
    assert.match(body.options[0].explanation['zh-CN'], /^分期还款：减免罚息/);

    const bad = await server.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'x' }, payload: { accountRef: 'L1', choice: { kind: 'plan', termCount: 'three' } } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().issues[0].path, 'body.choice.termCount');
    const noKey = await server.inject({ method: 'POST', url: '/api/v1/portal/accept', payload: { accountRef: 'L1', choice: { kind: 'plan', termCount: 3 } } });
    assert.equal(noKey.statusCode, 400);
    assert.equal(noKey.json().issues[0].path, 'headers.idempotency-key');

    const acc = await server.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'p1' }, payload: { accountRef: 'L1', choice: { kind: 'plan', termCount: 3 } } });
    assert.equal(acc.statusCode, 201, acc.body);
    assert.equal(acc.json().concession.status, 'active');
    const again = await server.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'p1' }, payload: { accountRef: 'L1', choice: { kind: 'plan', termCount: 3 } } });
    assert.equal(again.statusCode, 200, 'the same key returns the first result');
    const id = acc.json().concession.concessionId;
    const pdf = await zhao.inject({ method: 'GET', url: `/api/v1/concessions/${id}/agreement?lang=en` });
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.headers['x-sha256'], acc.json().concession.agreementSha256.en);

    // The debtor asks for the interest waiver too on the other account: above the portal's limit, so it waits.
    const w = await wang.inject({ method: 'POST', url: '/api/v1/waivers', headers: { 'idempotency-key': 'w1' }, payload: { accountRef: 'L2', component: 'interest', actor: 'someone-else', role: 'manager', reason: '困难' } });
    assert.equal(w.statusCode, 201);
    assert.equal(w.json().status, 'pending_approval');
    const queue = await zhao.inject({ method: 'GET', url: '/api/v1/concessions/pending' });
    assert.deepEqual(queue.json().items.map((q: { accountRef: string; slaOverdue: boolean }) => [q.accountRef, q.slaOverdue]), [['L2', false]]);
    const self = await wang.inject({ method: 'POST', url: `/api/v1/concessions/${w.json().concessionId}/approve`, headers: { 'idempotency-key': 'a1' }, payload: { actor: 's-zhao', role: 'manager' } });
    assert.equal(self.statusCode, 403, 'the maker cannot check their own request, whatever the body claims');
    const yes = await zhao.inject({ method: 'POST', url: `/api/v1/concessions/${w.json().concessionId}/approve`, headers: { 'idempotency-key': 'a2' }, payload: {} });
    assert.equal(yes.statusCode, 200);
    assert.equal(yes.json().status, 'active');
    const list = await zhao.inject({ method: 'GET', url: '/api/v1/accounts/L2/concessions' });
    assert.deepEqual(list.json().items.map((c: { kind: string; status: string; checker: string }) => [c.kind, c.status, c.checker]), [['waiver', 'active', 'user:s-zhao']]);

    const badPlan = await wang.inject({ method: 'POST', url: '/api/v1/plans/preview', payload: { accountRef: 'L2', termCount: 3 } });
    assert.equal(badPlan.statusCode, 200, 'a preview on the other account is fine');
    const refused = await wang.inject({ method: 'POST', url: '/api/v1/plans', headers: { 'idempotency-key': 'pl' }, payload: { accountRef: 'L1', termCount: 3, reason: 'again' } });
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /^accountRef: the account already has a running plan/);

    const doc = await api.inject({ method: 'GET', url: '/docs/json' });
    assert.ok(doc.json().paths['/api/v1/portal/options'] && doc.json().paths['/api/v1/plans/preview']);
  } finally {
    await api.close();
    await app.close();
  }
});
