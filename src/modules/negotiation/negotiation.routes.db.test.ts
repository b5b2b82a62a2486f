import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { buildServer } from '../../http/app.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { addDays } from '../../platform/dates.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';
import { portalOptions } from './concessions.commands.ts';
import { listPending } from './concessions.store.ts';
import { listPromises } from './negotiation.store.ts';

/** A value as it travels as JSON: what an answer that drops nothing equals. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

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
    assert.deepEqual(body, plain(await portalOptions(app, { accountRef: 'L1' })), 'the options answer keeps every field the command gives');

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

    // A promise to pay accepted in the portal answers the promise recorded.
    const promiseOption = (await server.inject({ method: 'POST', url: '/api/v1/portal/options', payload: { accountRef: 'L2' } })).json().options.find((o: { kind: string }) => o.kind === 'promise');
    const promised = await server.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'pr1' }, payload: { accountRef: 'L2', choice: promiseOption.choice } });
    assert.equal(promised.statusCode, 201, promised.body);
    const [l2] = await app.db.query<{ id: number }>(`SELECT id FROM accounts WHERE ref = 'L2'`);
    assert.deepEqual(promised.json(), { kind: 'promise', replayed: false, promise: plain((await listPromises(app.db, l2!.id))[0]) });

    // The debtor asks for the interest waiver too on the other account: above the portal's limit, so it waits.
    const w = await wang.inject({ method: 'POST', url: '/api/v1/waivers', headers: { 'idempotency-key': 'w1' }, payload: { accountRef: 'L2', component: 'interest', actor: 'someone-else', role: 'manager', reason: '困难' } });
    assert.equal(w.statusCode, 201);
    assert.equal(w.json().status, 'pending_approval');
    const queue = await zhao.inject({ method: 'GET', url: '/api/v1/concessions/pending' });
    assert.deepEqual(queue.json().items.map((q: { accountRef: string; slaOverdue: boolean }) => [q.accountRef, q.slaOverdue]), [['L2', false]]);
    assert.deepEqual(queue.json().items, plain((await listPending(app.db, 100)).map((c) => ({ ...c, slaOverdue: false }))), 'the queue keeps every field of the stored concession, its terms too');
    assert.equal(queue.json().items[0].terms.request.component, 'interest');
    const self = await wang.inject({ method: 'POST', url: `/api/v1/concessions/${w.json().concessionId}/approve`, headers: { 'idempotency-key': 'a1' }, payload: { actor: 's-zhao', role: 'manager' } });
    assert.equal(self.statusCode, 403, 'the maker cannot check their own request, whatever the body claims');
    const yes = await zhao.inject({ method: 'POST', url: `/api/v1/concessions/${w.json().concessionId}/approve`, headers: { 'idempotency-key': 'a2' }, payload: {} });
    assert.equal(yes.statusCode, 200);
    assert.equal(yes.json().status, 'active');
    const list = await zhao.inject({ method: 'GET', url: '/api/v1/accounts/L2/concessions' });
    assert.deepEqual(list.json().items.map((c: { kind: string; status: string; checker: string }) => [c.kind, c.status, c.checker]), [['waiver', 'active', 'user:s-zhao']]);
    assert.deepEqual(Object.keys(list.json().items[0].terms).sort(), ['request', 'waiver']);

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

/**
 * The server over a fresh app whose customer C1 (李四, CN) holds one 12-month CN_LOAN 'L1' of
 * `principalMinor` opened on 2026-01-15, cycled through the day before `now`; closed after `fn`.
 */
async function withOneLoan(now: string, principalMinor: number, fn: (app: Awaited<ReturnType<typeof testApp>>, api: Awaited<ReturnType<typeof buildServer>>) => Promise<void>): Promise<void> {
  const app = await testApp(now);
  const api = await buildServer(app);
  try {
    const k = { actor: 't', idempotencyKey: 'c1' };
    await createCustomer(app.db, app.clock, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
    await runCycle(app.db, app.clock, { date: addDays(now.slice(0, 10), -1) });
    await fn(app, api);
  } finally {
    await api.close();
    await app.close();
  }
}

test('a deferral whose cost makes its annualised rate a fraction of a basis point is answered, not refused by the response schema', async () => {
  await withOneLoan('2026-03-20T02:00:00.000Z', 1_200_000, async (app, api) => {
    const zhao = withSession(api, await signIn(app, { roles: ['supervisor'], userId: 's-zhao' }));
    const res = await zhao.inject({ method: 'POST', url: '/api/v1/deferrals', headers: { 'idempotency-key': 'd1' }, payload: { accountRef: 'L1', months: 3, hardship: { kind: 'declared', reference: 'H-1' }, reason: '失业' } });
    assert.equal(res.statusCode, 201, res.body);
    const rate = res.json().terms.restructure.annualRateBp as number;
    assert.ok(rate > 0 && !Number.isInteger(rate), `rate ${rate}`);
    const listed = await zhao.inject({ method: 'GET', url: '/api/v1/accounts/L1/concessions' });
    assert.equal(listed.statusCode, 200, listed.body);
    assert.equal(listed.json().items[0].terms.restructure.annualRateBp, rate);
  });
});

test('after a waiver is approved, the promise the portal offers is one the promise check accepts', async () => {
  await withOneLoan('2026-04-20T02:00:00.000Z', 12_000_000, async (app, api) => {
    const debtor = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const wang = withSession(api, await signIn(app, { roles: ['collector'], userId: 'c-wang' }));
    const zhao = withSession(api, await signIn(app, { roles: ['supervisor'], userId: 's-zhao' }));
    for (const [component, key] of [['penalty', 'w1'], ['interest', 'w2']] as const) {
      const w = await wang.inject({ method: 'POST', url: '/api/v1/waivers', headers: { 'idempotency-key': key }, payload: { accountRef: 'L1', component, reason: '困难' } });
      assert.equal(w.statusCode, 201, w.body);
      if (w.json().status === 'pending_approval') {
        const yes = await zhao.inject({ method: 'POST', url: `/api/v1/concessions/${w.json().concessionId}/approve`, headers: { 'idempotency-key': `${key}-ok` }, payload: {} });
        assert.equal(yes.statusCode, 200, yes.body);
      }
    }
    const options = await debtor.inject({ method: 'POST', url: '/api/v1/portal/options', payload: { accountRef: 'L1' } });
    assert.equal(options.statusCode, 200, options.body);
    const promise = options.json().options.find((o: { kind: string }) => o.kind === 'promise');
    assert.ok(promise, 'a promise is offered on an overdue account');
    const accepted = await debtor.inject({ method: 'POST', url: '/api/v1/portal/accept', headers: { 'idempotency-key': 'p1' }, payload: { accountRef: 'L1', choice: promise.choice } });
    assert.equal(accepted.statusCode, 201, `the offered minimum ${promise.choice.amountMinor} is refused: ${accepted.body}`);
  });
});
