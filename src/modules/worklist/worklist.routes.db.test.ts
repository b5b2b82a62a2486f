import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../test/support/app.ts';
import { buildServer } from '../../http/app.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { registerWorklistRoutes } from './index.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';

/** The server with the worklist's routes, whether or not the HTTP app mounts them already. */
async function server(app: Awaited<ReturnType<typeof testApp>>): Promise<FastifyInstance> {
  const s = withSession(await buildServer(app), await signIn(app, { roles: ['admin'] }));
  if (!s.hasRoute({ method: 'POST', url: '/api/v1/cases/:id/call-outcomes' })) registerWorklistRoutes(s, app);
  await s.ready();
  return s;
}

test('the worklist API assigns, locks, records call outcomes idempotently and names the field of every bad request', async () => {
  const app = await testApp('2026-02-21T02:00:00.000Z');
  const http = await server(app);
  try {
    const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) => http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    const expect400 = async (res: Awaited<ReturnType<typeof inject>>, path: string, status = 400) => {
      assert.equal(res.statusCode, status, res.body);
      assert.equal(res.json().issues[0].path, path, res.body);
      assert.match(res.json().message, new RegExp(`^${path.replace(/\./g, '\\.')}: `));
    };

    const collector = { name: '王芳', team: 'M1-A', languages: ['zh-CN'], maxOpenCases: 5 };
    const put = await inject('PUT', '/api/v1/worklist/collectors/a', collector);
    assert.equal(put.statusCode, 200, put.body);
    assert.deepEqual(put.json().collector, { id: 'a', name: '王芳', team: 'M1-A', agencyId: null, skills: [], languages: ['zh-CN'], maxOpenCases: 5, active: true });
    assert.equal((await inject('PUT', '/api/v1/worklist/collectors/b', { ...collector, name: '李强' })).statusCode, 200);
    await expect400(await inject('PUT', '/api/v1/worklist/collectors/c', { ...collector, maxOpenCases: -1 }), 'body.maxOpenCases');
    await expect400(await inject('PUT', '/api/v1/worklist/collectors/c', { ...collector, languages: [] }), 'body.languages');
    await expect400(await inject('PUT', '/api/v1/worklist/collectors/c', { ...collector, skills: ['Legal Team'] }), 'body.skills.0');
    assert.deepEqual((await inject('GET', '/api/v1/worklist/collectors')).json().items.map((c: { id: string }) => c.id), ['a', 'b']);
    assert.equal((await inject('GET', '/api/v1/worklist/collectors/zz')).statusCode, 404);

    const queue = { name: '早期逾期', buckets: ['M1'], recallAfterDays: 10, priority: 1 };
    assert.equal((await inject('PUT', '/api/v1/worklist/queues/GEN', queue)).statusCode, 200);
    await expect400(await inject('PUT', '/api/v1/worklist/queues/BAD', { ...queue, buckets: ['M1', 'M9'] }), 'buckets.1');
    await expect400(await inject('PUT', '/api/v1/worklist/queues/BAD', { ...queue, recallAfterDays: 0 }), 'body.recallAfterDays');
    assert.equal((await inject('GET', '/api/v1/worklist/queues/GEN')).json().recallAfterDays, 10);

    await expect400(await inject('POST', '/api/v1/worklist/assign', {}), 'body.businessDate');
    const k = { actor: 't', idempotencyKey: 'c1' };
    await createCustomer(app.db, app.clock, { id: 'C1', name: '张三', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
    await runCycle(app.db, app.clock, { date: '2026-02-20' });
    await expect400(await inject('POST', '/api/v1/worklist/assign', { businessDate: '2026-02-30' }), 'body.businessDate');
    const assigned = await inject('POST', '/api/v1/worklist/assign', {});
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.deepEqual([assigned.json().businessDate, assigned.json().assigned], ['2026-02-21', 1]);

    const q = await inject('GET', '/api/v1/worklist/collectors/a/queue');
    assert.equal(q.statusCode, 200, q.body);
    const item = q.json().items[0];
    assert.deepEqual([q.json().asOf, item.accountRef, item.bucket, item.callable, item.lastCall], ['2026-02-21', 'L1', 'M1', true, null]);
    const caseId: number = item.caseId;
    await expect400(await inject('GET', '/api/v1/worklist/collectors/a/queue?asOf=21-02-2026'), 'querystring.asOf');
    assert.equal((await inject('GET', '/api/v1/worklist/collectors/nobody/queue')).statusCode, 404);

    await expect400(await inject('POST', '/api/v1/cases/abc/lock', { collectorId: 'a' }), 'params.id');
    await expect400(await inject('POST', `/api/v1/cases/${caseId}/lock`, {}), 'body.collectorId');
    const lock = await inject('POST', `/api/v1/cases/${caseId}/lock`, { collectorId: 'a' });
    assert.equal(lock.statusCode, 200, lock.body);
    assert.equal(lock.json().leaseUntil, '2026-02-21T02:15:00.000Z');
    const taken = await inject('POST', `/api/v1/cases/${caseId}/lock`, { collectorId: 'b' });
    await expect400(taken, 'caseId', 409);
    assert.match(taken.json().message, /locked by collector a until 2026-02-21T02:15:00.000Z/);
    assert.deepEqual(taken.json().details, { collectorId: 'a', leaseUntil: '2026-02-21T02:15:00.000Z' });

    const url = `/api/v1/cases/${caseId}/call-outcomes`;
    const call = { collectorId: 'a', outcome: 'ptp', contactPoint: '+86 138 0000 0000', promise: { amountMinor: 50_000, dueOn: '2026-02-28' }, note: '承诺 2 月 28 日前还 500 元' };
    await expect400(await inject('POST', url, call), 'headers.idempotency-key');
    const key = { 'idempotency-key': 'call-1' };
    await expect400(await inject('POST', url, { ...call, outcome: 'maybe' }, key), 'body.outcome');
    await expect400(await inject('POST', url, { ...call, promise: { amountMinor: 50_000, dueOn: '2026-02-31' } }, key), 'body.promise.dueOn');
    await expect400(await inject('POST', url, { ...call, promise: { amountMinor: 0.5, dueOn: '2026-02-28' } }, key), 'body.promise.amountMinor');
    await expect400(await inject('POST', url, { ...call, at: 'yesterday' }, key), 'body.at');
    await expect400(await inject('POST', url, { ...call, promise: { amountMinor: 100, dueOn: '2026-02-28' } }, key), 'promise.amountMinor');
    await expect400(await inject('POST', url, { ...call, promise: undefined }, key), 'promise');
    await expect400(await inject('POST', url, { ...call, collectorId: 'b' }, key), 'caseId', 409);
    assert.equal((await inject('GET', '/api/v1/accounts/L1/call-records')).json().items.length, 0, 'no refused request was recorded');

    const first = await inject('POST', url, call, key);
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual([first.json().nextAction, first.json().nextActionOn, first.json().promise.status], ['follow_up', '2026-03-01', 'open']);
    const again = await inject('POST', url, call, key);
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), first.json());
    const reused = await inject('POST', url, { ...call, note: 'another call' }, key);
    assert.equal(reused.statusCode, 409);
    assert.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED');

    const records = await inject('GET', '/api/v1/accounts/L1/call-records');
    assert.deepEqual(records.json().items.map((r: { outcome: string; promiseId: number }) => [r.outcome, r.promiseId]), [['ptp', first.json().promise.id]]);
    await expect400(await inject('GET', '/api/v1/accounts/L1/call-records?limit=0'), 'querystring.limit');
    assert.equal((await inject('GET', '/api/v1/accounts/NOPE/call-records')).statusCode, 404);

    await expect400(await inject('DELETE', `/api/v1/cases/${caseId}/lock`), 'querystring.collectorId');
    const unlocked = await inject('DELETE', `/api/v1/cases/${caseId}/lock?collectorId=a`);
    assert.deepEqual(unlocked.json(), { caseId, released: true });

    const stats = await inject('GET', '/api/v1/worklist/stats');
    assert.equal(stats.statusCode, 200, stats.body);
    assert.deepEqual([stats.json().unassignedOpenCases, stats.json().queues[0].activeAssignments], [0, 1]);
    const recall = await inject('POST', '/api/v1/worklist/recall', { businessDate: '2026-03-03' });
    assert.equal(recall.statusCode, 200, recall.body);
    assert.deepEqual([recall.json().recalled, recall.json().extended], [1, 0]);

    const gone = await inject('DELETE', '/api/v1/worklist/collectors/a');
    assert.deepEqual([gone.statusCode, gone.json().collector.active, gone.json().released], [200, false, 0]);
    const off = await inject('DELETE', '/api/v1/worklist/queues/GEN');
    assert.deepEqual([off.statusCode, off.json().active], [200, false]);

    const docs = (await inject('GET', '/docs/json')).json();
    for (const path of ['/api/v1/worklist/assign', '/api/v1/cases/{id}/lock', '/api/v1/cases/{id}/call-outcomes', '/api/v1/accounts/{ref}/call-records']) assert.ok(docs.paths[path], path);
  } finally {
    await http.close();
    await app.close();
  }
});
