import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { signIn } from '../../../test/support/auth.ts';
import { buildServer } from '../../http/app.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { upsertCollector, upsertQueue } from '../worklist/index.ts';
import { placeAccount, upsertAgency } from './agencies.commands.ts';

const commission = { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 800 }] };

test('agency users see and work only the accounts placed with their agency: every agency route answers 404 for any other account, from an allowed address only', async () => {
  const app = await testApp('2026-03-21T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    let n = 0;
    const k = () => ({ actor: 'test', idempotencyKey: `t-${++n}` });
    for (const ref of ['L1', 'L2', 'L3']) {
      await createCustomer(app.db, app.clock, { id: `C-${ref}`, name: `客户${ref}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', phones: ['+86 138 0000 0001'], idNumberMasked: '110101********1234', address: '北京市朝阳区建国路88号' }, k());
      await openAccount(app.db, app.clock, { ref, customerId: `C-${ref}`, productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
    }
    await runCycle(app.db, app.clock, { date: '2026-03-20' });
    await upsertAgency(app.db, app.clock, { id: 'AG-A', name: '甲催收', ipAllowList: ['127.0.0.1/32', '2001:db8::/32'], commission, maxDaysPlaced: 60 }, k());
    await upsertAgency(app.db, app.clock, { id: 'AG-B', name: '乙催收', ipAllowList: ['127.0.0.0/8'], commission, maxDaysPlaced: 60 }, k());
    await upsertAgency(app.db, app.clock, { id: 'AG-C', name: '丙催收', ipAllowList: [], commission, maxDaysPlaced: 60 }, k());
    await upsertCollector(app.db, app.clock, { id: 'a-1', name: '甲一', team: 'A', agencyId: 'AG-A', languages: ['zh-CN'], maxOpenCases: 10 }, k());
    await upsertCollector(app.db, app.clock, { id: 'b-1', name: '乙一', team: 'B', agencyId: 'AG-B', languages: ['zh-CN'], maxOpenCases: 10 }, k());
    await upsertQueue(app.db, app.clock, { code: 'AGA', name: 'A', buckets: ['M1', 'M2'], agencyId: 'AG-A', recallAfterDays: 30, priority: 1 }, k());
    await upsertQueue(app.db, app.clock, { code: 'AGB', name: 'B', buckets: ['M1', 'M2'], agencyId: 'AG-B', recallAfterDays: 30, priority: 1 }, k());
    await placeAccount(app.db, app.clock, { accountRef: 'L1', agencyId: 'AG-A', businessDate: '2026-03-20' }, k());
    await placeAccount(app.db, app.clock, { accountRef: 'L2', agencyId: 'AG-B', businessDate: '2026-03-20' }, k());

    const a = await signIn(app, { roles: ['agency_agent'], agencyId: 'AG-A' });
    const list = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: a });
    assert.equal(list.statusCode, 200, list.body);
    assert.deepEqual(list.json().items.map((i: { accountRef: string; region: string }) => [i.accountRef, i.region]), [['L1', '北京市']]);
    const detail = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts/L1', headers: a });
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().customer.idNumberMasked, '110***********1234');
    assert.equal(detail.json().customer.region, '北京市');
    assert.ok(!JSON.stringify(detail.json()).includes('建国路'), 'no street address leaves the database');

    // Every agency route, for an account of another agency, one of nobody, and one that does not exist.
    const routes = (ref: string) => [
      { method: 'GET' as const, url: `/api/v1/agency/accounts/${ref}` },
      { method: 'GET' as const, url: `/api/v1/agency/accounts/${ref}/contacts` },
      { method: 'POST' as const, url: `/api/v1/agency/accounts/${ref}/call-check`, payload: { contactPoint: '+86 138 0000 0001', callerNumber: '95000' } },
      { method: 'POST' as const, url: `/api/v1/agency/accounts/${ref}/call-outcomes`, headers: { 'idempotency-key': `x-${ref}` }, payload: { collectorId: 'a-1', outcome: 'no_answer', contactPoint: '+86 138 0000 0001' } },
    ];
    for (const ref of ['L2', 'L3', 'NOPE', encodeURIComponent("L1' OR '1'='1")]) {
      for (const route of routes(ref)) {
        const res = await server.inject({ ...route, headers: { ...a, ...(route.headers ?? {}) } });
        assert.equal(res.statusCode, 404, `${route.method} ${route.url}: ${res.body}`);
        assert.equal(res.json().code, 'NOT_FOUND');
      }
    }
    for (const bucket of ['M1', 'M2', "' OR 1=1"]) {
      const res = await server.inject({ method: 'GET', url: `/api/v1/agency/accounts?bucket=${encodeURIComponent(bucket)}`, headers: a });
      assert.ok(res.json().items.every((i: { accountRef: string }) => i.accountRef === 'L1'), `bucket ${bucket}`);
    }

    // Working the placed account: the gate is asked as the agency, and the call is recorded as the agency's.
    const check = await server.inject({ method: 'POST', url: '/api/v1/agency/accounts/L1/call-check', headers: a, payload: { contactPoint: '+86 138 0000 0001', callerNumber: '95000' } });
    assert.equal(check.statusCode, 200, check.body);
    assert.ok(Array.isArray(check.json().trace) || typeof check.json().decision === 'string', check.body);
    assert.deepEqual(Object.keys(check.json()).filter((k) => !['nextAllowedAt', 'classification', 'id'].includes(k)).sort(), ['decision', 'denyingRules', 'flags', 'jurisdiction', 'now', 'packs', 'requiredActions', 'trace']);
    assert.ok(check.json().packs.length > 0 && check.json().trace.every((t: { source?: { citation: string } }) => t.source?.citation), 'the whole verdict, each rule with its source');
    const foreignCollector = await server.inject({ method: 'POST', url: '/api/v1/agency/accounts/L1/call-outcomes', headers: { ...a, 'idempotency-key': 'c0' }, payload: { collectorId: 'b-1', outcome: 'no_answer', contactPoint: '+86 138 0000 0001' } });
    assert.equal(foreignCollector.statusCode, 404);
    assert.equal(foreignCollector.json().issues[0].path, 'body.collectorId');
    const call = await server.inject({ method: 'POST', url: '/api/v1/agency/accounts/L1/call-outcomes', headers: { ...a, 'idempotency-key': 'c1' }, payload: { collectorId: 'a-1', outcome: 'no_answer', contactPoint: '+86 138 0000 0001' } });
    assert.equal(call.statusCode, 201, call.body);
    const [h] = await app.db.query<{ initiator_kind: string; initiator_id: string }>('SELECT initiator_kind, initiator_id FROM contact_history WHERE id = $1', [call.json().contactHistoryId]);
    assert.deepEqual(h, { initiator_kind: 'agency', initiator_id: 'AG-A' });
    const contacts = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts/L1/contacts', headers: a });
    assert.deepEqual(contacts.json().items.map((c: { initiatorId: string; collectorId: string }) => [c.initiatorId, c.collectorId]), [['AG-A', 'a-1']]);
    const noKey = await server.inject({ method: 'POST', url: '/api/v1/agency/accounts/L1/call-outcomes', headers: a, payload: { collectorId: 'a-1', outcome: 'no_answer', contactPoint: '+86 138 0000 0001' } });
    assert.equal(noKey.statusCode, 400);

    // The IP allow-list: AG-A only from 127.0.0.1 and 2001:db8::/32; AG-C from nowhere.
    const outside = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: a, remoteAddress: '198.51.100.7' });
    assert.equal(outside.statusCode, 403);
    assert.equal(outside.json().code, 'FORBIDDEN');
    assert.match(outside.json().message, /198\.51\.100\.7 is not in the IP allow-list of agency AG-A/);
    const v6 = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: a, remoteAddress: '2001:db8::42' });
    assert.equal(v6.statusCode, 200);
    const c = await signIn(app, { roles: ['agency_admin'], agencyId: 'AG-C' });
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: c })).statusCode, 403, 'an empty allow-list lets nobody in');

    // Roles: agency users have no lender routes; lender staff have no agency routes.
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/agencies', headers: a })).statusCode, 403);
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/placements?agencyId=AG-B', headers: a })).statusCode, 403);
    const sup = await signIn(app, { roles: ['supervisor'] });
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: sup })).statusCode, 403);
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/agency/accounts' })).statusCode, 401);

    // Lender side: a bad agency is refused field by field; placements and the scorecard.
    const bad = await server.inject({ method: 'PUT', url: '/api/v1/agencies/AG-D', headers: { ...sup, 'idempotency-key': 'p1' }, payload: { name: 'D', ipAllowList: ['10.0.0.0/33'], commission, maxDaysPlaced: 0 } });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().issues.map((i: { path: string }) => i.path).sort(), ['body.ipAllowList.0', 'body.maxDaysPlaced']);
    const moved = await server.inject({ method: 'POST', url: '/api/v1/placements/recall', headers: { ...sup, 'idempotency-key': 'r1' }, payload: { accountRef: 'L1', businessDate: '2026-03-21', note: '转内催' } });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/agency/accounts/L1', headers: a })).statusCode, 404, 'a recalled account is gone from the agency at once');
    const sc = await server.inject({ method: 'GET', url: '/api/v1/agencies/AG-A/scorecard?from=2026-03-01&to=2026-03-31', headers: sup });
    assert.equal(sc.statusCode, 200, sc.body);
    assert.deepEqual([sc.json().placedAccounts, sc.json().contacts, sc.json().recalls.manual], [1, 1, 1]);
    const st = await server.inject({ method: 'GET', url: '/api/v1/agencies/AG-A/statements/2026-03', headers: sup });
    assert.equal(st.statusCode, 200);
    assert.equal(st.json().commissionMinor, 0);
  } finally {
    await server.close();
    await app.close();
  }
});

test('the open agency recommendations: the latest open one per unplaced account, newest first; accepting one takes it off the list; every lender route answers in its declared shape', async () => {
  const app = await testApp('2026-03-21T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    let n = 0;
    const k = () => ({ actor: 'test', idempotencyKey: `r-${++n}` });
    for (const ref of ['R1', 'R2', 'R3']) {
      await createCustomer(app.db, app.clock, { id: `C-${ref}`, name: `客户${ref}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', phones: ['+86 138 0000 0001'], address: '北京市朝阳区建国路88号' }, k());
      await openAccount(app.db, app.clock, { ref, customerId: `C-${ref}`, productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
    }
    await runCycle(app.db, app.clock, { date: '2026-03-20' });
    await upsertAgency(app.db, app.clock, { id: 'AG-A', name: '甲催收', ipAllowList: ['127.0.0.1/32'], commission, maxDaysPlaced: 60 }, k());
    const recommend = (ref: string, day: string, status = 'open') => app.db.query(
      `INSERT INTO case_recommendations (account_id, customer_id, business_date, kind, strategy_version, strategy_row, status) SELECT id, customer_id, $2, 'recommend_agency', 1, 'cn-m3-agency', $3 FROM accounts WHERE ref = $1`, [ref, day, status]);
    await recommend('R1', '2026-03-18');
    await recommend('R1', '2026-03-19');
    await recommend('R2', '2026-03-20');
    await recommend('R3', '2026-03-20', 'declined');
    await app.db.query(`INSERT INTO case_recommendations (account_id, customer_id, business_date, kind) SELECT id, customer_id, '2026-03-20', 'recommend_legal' FROM accounts WHERE ref = 'R3'`);

    const sup = await signIn(app, { roles: ['supervisor'] });
    const list = async () => {
      const res = await server.inject({ method: 'GET', url: '/api/v1/placements/recommendations', headers: sup });
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().items as Array<{ accountRef: string; recommendedOn: string; strategyRow: string; bucket: string; dpd: number; overdueMinor: number }>);
    };
    const before = await list();
    assert.deepEqual(before.map((r) => [r.accountRef, r.recommendedOn, r.strategyRow]), [['R2', '2026-03-20', 'cn-m3-agency'], ['R1', '2026-03-19', 'cn-m3-agency']]);
    assert.ok(before.every((r) => r.bucket === 'M2' && r.dpd === 33 && r.overdueMinor > 0), JSON.stringify(before));

    const collector = await signIn(app, { roles: ['collector'] });
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/placements/recommendations', headers: collector })).statusCode, 403);

    const accepted = await server.inject({ method: 'POST', url: '/api/v1/placements/accept-recommendation', headers: { ...sup, 'idempotency-key': 'acc-1' },
      payload: { accountRef: 'R2', recommendedOn: '2026-03-20', agencyId: 'AG-A', businessDate: '2026-03-20' } });
    assert.equal(accepted.statusCode, 200, accepted.body);
    assert.equal(accepted.json().source, 'recommendation');
    assert.deepEqual((await list()).map((r) => r.accountRef), ['R1']);

    // The lender's routes answer in the shapes they declare (the serializer refuses anything else with a 500).
    for (const url of ['/api/v1/agencies', '/api/v1/agencies/AG-A', '/api/v1/placement-rules', '/api/v1/placements', '/api/v1/agencies/AG-A/scorecard?from=2026-03-01&to=2026-03-20', '/api/v1/agencies/AG-A/statements/2026-03']) {
      const res = await server.inject({ method: 'GET', url, headers: sup });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    }
    for (const [url, payload] of [['/api/v1/placements/run', { businessDate: '2026-03-20' }], ['/api/v1/placements/recall-run', { businessDate: '2026-03-20' }], ['/api/v1/placements/recall', { accountRef: 'R2', businessDate: '2026-03-20', note: '测试召回' }]] as const) {
      const res = await server.inject({ method: 'POST', url, headers: { ...sup, 'idempotency-key': `k-${url}` }, payload });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    }
  } finally {
    await server.close();
    await app.close();
  }
});
