import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { buildServer } from '../../src/http/app.ts';
import { createCustomer, openAccount } from '../../src/modules/ledger/index.ts';
import { runCycle } from '../../src/jobs/cycle.ts';
import { signIn, withSession } from '../support/auth.ts';

test('the accounts API lists, shows as of a date, takes idempotent payments and names the field of every bad request', async () => {
  const app = await testApp();
  const server = withSession(await buildServer(app), await signIn(app, { roles: ['admin'] }));
  try {
    const k = { actor: 't', idempotencyKey: 'c1' };
    await createCustomer(app.db, app.clock, { id: 'C1', name: '张三', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
    await runCycle(app.db, app.clock, { date: '2026-02-20' });

    const list = await server.inject({ method: 'GET', url: '/api/v1/accounts?bucket=M1' });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((a: { id: string; dpd: number }) => [a.id, a.dpd]), [['L1', 5]]);

    const detail = await server.inject({ method: 'GET', url: '/api/v1/accounts/L1?asOf=2026-02-15' });
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().dpd, 0);
    assert.equal(detail.json().balances.interestMinor, 14_880);

    const bad = [
      { url: '/api/v1/accounts/L1?asOf=2026-02-30', path: 'querystring.asOf' },
      { url: '/api/v1/accounts?limit=0', path: 'querystring.limit' },
    ];
    for (const b of bad) {
      const r = await server.inject({ method: 'GET', url: b.url });
      assert.equal(r.statusCode, 400, b.url);
      assert.equal(r.json().issues[0].path, b.path);
    }
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/accounts/NOPE' })).statusCode, 404);

    const body = { accountRef: 'L1', amountMinor: 50_000, currency: 'CNY' };
    const noKey = await server.inject({ method: 'POST', url: '/api/v1/payments', payload: body });
    assert.equal(noKey.statusCode, 400);
    assert.equal(noKey.json().issues[0].path, 'headers.idempotency-key');
    for (const [payload, path] of [
      [{ ...body, amountMinor: 1.5 }, 'body.amountMinor'],
      [{ ...body, amountMinor: -3 }, 'body.amountMinor'],
      [{ ...body, currency: 'EUR' }, 'body.currency'],
      [{ ...body, valueDate: '2026-13-01' }, 'body.valueDate'],
    ] as const) {
      const r = await server.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': 'x' }, payload });
      assert.equal(r.statusCode, 400, JSON.stringify(payload));
      assert.equal(r.json().issues[0].path, path);
    }
    const wrongCurrency = await server.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': 'x' }, payload: { ...body, currency: 'USD' } });
    assert.equal(wrongCurrency.statusCode, 400);
    assert.match(wrongCurrency.json().message, /^currency: the account is in CNY/);
    const future = await server.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': 'x' }, payload: { ...body, valueDate: '2026-03-01' } });
    assert.equal(future.statusCode, 400);
    assert.equal(future.json().issues[0].path, 'valueDate');
    const [{ n: before }] = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries')) as [{ n: number }];

    const first = await server.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': 'pay-1' }, payload: body });
    assert.equal(first.statusCode, 201);
    assert.equal(first.json().valueDate, '2026-02-21');
    const again = await server.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': 'pay-1' }, payload: body });
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), first.json());
    const reused = await server.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': 'pay-1' }, payload: { ...body, amountMinor: 1 } });
    assert.equal(reused.statusCode, 409);
    const [{ n: after }] = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM entries')) as [{ n: number }];
    assert.equal(after - before, first.json().allocation.length, 'only the first request posted entries');

    const docs = await server.inject({ method: 'GET', url: '/docs/json' });
    assert.ok(Object.keys(docs.json().paths).includes('/api/v1/payments'));
    const health = await server.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(health.json().lastClosedDate, '2026-02-20');
    const home = await server.inject({ method: 'GET', url: '/' });
    assert.match(home.body, /逾期阶段 Bucket/);
  } finally {
    await server.close();
    await app.close();
  }
});
