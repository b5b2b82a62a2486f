import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testApp } from '../../../test/support/app.ts';
import { signIn } from '../../../test/support/auth.ts';
import { buildServer } from '../../http/app.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';

test('bureau routes: compliance furnishes and reads files, auditors only read, a debtor disputes only their own account, staff list and resolve', async () => {
  const app = await testApp('2026-02-01T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    let k = 0;
    const o = () => ({ actor: 'test', idempotencyKey: `setup-${++k}` });
    for (const id of ['C1', 'C2']) {
      await createCustomer(app.db, app.clock, { id, name: `客户${id}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', phones: ['+8613800138000'] }, o());
      await openAccount(app.db, app.clock, { ref: `L-${id}`, customerId: id, productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12, scheduleMethod: 'equal_principal' }, o());
    }
    await runCycle(app.db, app.clock, { date: '2026-01-31' });

    const officer = await signIn(app, { roles: ['compliance_officer'], userId: 'co-li' });
    const auditor = await signIn(app, { roles: ['auditor'] });
    const collector = await signIn(app, { roles: ['collector'] });
    const debtor = await signIn(app, { roles: ['debtor'], customerId: 'C1' });
    const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown> = {}, key = `k-${++k}`) =>
      server.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, payload });
    const get = (url: string, headers: Record<string, string>) => server.inject({ method: 'GET', url, headers });

    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/bureau/runs' })).statusCode, 401);
    assert.equal((await post('/api/v1/bureau/runs', collector, { period: '2026-01' })).statusCode, 403);
    assert.equal((await post('/api/v1/bureau/runs', auditor, { period: '2026-01' })).statusCode, 403, 'auditors read only');

    const bad = await post('/api/v1/bureau/runs', officer, { period: '2026-1' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /period/);

    const made = await post('/api/v1/bureau/runs', officer, { period: '2026-01' });
    assert.equal(made.statusCode, 201);
    const runId = made.json().runId as number;
    assert.equal(made.json().reported, 2);
    const again = await post('/api/v1/bureau/runs', officer, { period: '2026-01' });
    assert.equal(again.statusCode, 200);
    assert.equal(again.json().runId, runId);

    const runs = await get('/api/v1/bureau/runs', auditor);
    assert.equal(runs.statusCode, 200);
    assert.equal(runs.json().items[0].id, runId);
    for (const format of ['csv', 'pboc', 'metro2']) {
      const f = await get(`/api/v1/bureau/runs/${runId}/file?format=${format}`, auditor);
      assert.equal(f.statusCode, 200, format);
      assert.equal(createHash('sha256').update(f.rawPayload).digest('hex'), f.headers['x-sha256'], `${format}: the bytes are the sealed ones`);
    }
    assert.match((await get(`/api/v1/bureau/runs/${runId}/file?format=pboc`, officer)).body, /客户C1/);
    assert.equal((await get('/api/v1/bureau/runs/999/file', officer)).statusCode, 404);

    const mine = await post('/api/v1/portal/bureau-disputes', debtor, { accountRef: 'L-C1', reason: '信息有误', periods: ['2026-01'] });
    assert.equal(mine.statusCode, 201);
    assert.equal(mine.json().dueOn, '2026-02-21', '20 days from the open business date 02-01');
    assert.deepEqual({ ...(mine.json() as object), id: 0, message: null }, { id: 0, accountRef: 'L-C1', periods: ['2026-01'], receivedOn: '2026-02-01', dueOn: '2026-02-21', status: 'open', message: null });
    assert.match(mine.json().message['zh-CN'], /2026-02-21/);
    const theirs = await post('/api/v1/portal/bureau-disputes', debtor, { accountRef: 'L-C2', reason: '信息有误' });
    assert.equal(theirs.statusCode, 404, 'another debtor\'s account is not found');
    assert.equal((await post('/api/v1/portal/bureau-disputes', debtor, { accountRef: 'L-C1', reason: '' })).statusCode, 400);
    assert.equal((await post('/api/v1/portal/bureau-disputes', officer, { accountRef: 'L-C1', reason: 'x' })).statusCode, 403, 'the portal route is for debtors');

    const list = await get('/api/v1/bureau/disputes?status=open', auditor);
    assert.equal(list.statusCode, 200);
    assert.deepEqual(list.json().items.map((d: { accountRef: string; dueOn: string; overdue: boolean; answerDays: number }) => [d.accountRef, d.dueOn, d.overdue, d.answerDays]), [['L-C1', '2026-02-21', false, 20]]);

    const id = list.json().items[0].id as number;
    assert.equal((await post(`/api/v1/bureau/disputes/${id}/resolve`, auditor, { outcome: 'no_error', note: '核实无误' })).statusCode, 403);
    const resolved = await post(`/api/v1/bureau/disputes/${id}/resolve`, officer, { outcome: 'corrected', note: '已更正' });
    assert.equal(resolved.statusCode, 200);
    assert.equal(resolved.json().records, 1);
    assert.equal(resolved.json().dispute.status, 'resolved');
    const correction = await get(`/api/v1/bureau/runs/${resolved.json().correctionRunId}/file?format=pboc`, officer);
    assert.match(correction.body.split('\n')[1]!, /^CFD000000000001L-C1 /, 'a correction record (记录类型 C)');
  } finally {
    await server.close();
    await app.close();
  }
});
