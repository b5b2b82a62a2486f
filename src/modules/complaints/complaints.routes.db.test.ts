import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { signIn } from '../../../test/support/auth.ts';
import { buildServer } from '../../http/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { getComplaint, listComplaints, listDisputes, slaBoard } from './complaints.store.ts';

/** A value as it travels as JSON: what an answer that drops nothing equals. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

test('the complaints API: sessions and roles, portal complaints and disputes scoped to the signed-in debtor (another’s account is 404), staff handling, SLA board, regulator report, bad input named', async () => {
  const app = await testApp('2026-09-29T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    const c = fixedClock('2026-01-01T00:00:00.000Z');
    let n = 0;
    const k = () => ({ actor: 't', idempotencyKey: `s${++n}` });
    await createCustomer(app.db, c, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k());
    await createCustomer(app.db, c, { id: 'C2', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k());
    await openAccount(app.db, c, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
    await openAccount(app.db, c, { ref: 'L2', customerId: 'C2', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
    const debtor = await signIn(app, { roles: ['debtor'], customerId: 'C1' });
    const other = await signIn(app, { roles: ['debtor'], customerId: 'C2' });
    const collector = await signIn(app, { roles: ['collector'], userId: 'c-wang' });
    const officer = await signIn(app, { roles: ['compliance_officer'], userId: 'co-chen' });
    const strategist = await signIn(app, { roles: ['strategy_manager'] });
    const post = (url: string, headers: Record<string, string>, payload?: unknown, key = `h${++n}`) =>
      server.inject({ method: 'POST', url, headers: { ...headers, 'idempotency-key': key }, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    const get = (url: string, headers: Record<string, string>) => server.inject({ method: 'GET', url, headers });

    // Sessions and roles.
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/complaints' })).statusCode, 401);
    assert.equal((await post('/api/v1/complaints', strategist, { customerId: 'C1', channel: 'hotline', category: 'other', summary: 'x' })).statusCode, 403);
    assert.equal((await post('/api/v1/portal/complaints', collector, { category: 'other', summary: 'x' })).statusCode, 403, 'staff are not debtors');

    // The portal: the debtor's own account; another's is not found, like one that does not exist.
    const foreign = await post('/api/v1/portal/complaints', debtor, { category: 'amount_dispute', summary: '金额不对', accountRef: 'L2' });
    assert.equal(foreign.statusCode, 404);
    const missing = await post('/api/v1/portal/complaints', debtor, { category: 'amount_dispute', summary: '金额不对', accountRef: 'NOPE' });
    assert.equal(missing.statusCode, 404);
    assert.equal(foreign.json().message.replace('L2', 'X'), missing.json().message.replace('NOPE', 'X'), 'the same answer whether the account exists or not');
    const smuggled = await post('/api/v1/portal/complaints', debtor, { category: 'other', summary: 'x', customerId: 'C2' });
    assert.equal(smuggled.statusCode, 400, 'the customer never comes from the body');
    assert.match(smuggled.json().message, /customerId/);

    const mine = await post('/api/v1/portal/complaints', debtor, { category: 'amount_dispute', summary: '罚息计算有误', accountRef: 'L1' }, 'pc1');
    assert.equal(mine.statusCode, 201);
    const body = mine.json();
    assert.deepEqual(Object.keys(body).sort(), ['accountRef', 'acknowledgeBy', 'complaintId', 'disputeId', 'message', 'receivedOn', 'respondBy', 'status']);
    assert.deepEqual([body.receivedOn, body.acknowledgeBy, body.respondBy], ['2026-09-29', '2026-09-30', '2026-10-14']);
    assert.match(body.message['zh-CN'], /暂停对该笔债务的催收/);
    assert.match(body.message.en, /Collection of the disputed debt is paused/);
    assert.equal((await post('/api/v1/portal/complaints', debtor, { category: 'amount_dispute', summary: '罚息计算有误', accountRef: 'L1' }, 'pc1')).statusCode, 200, 'a retry returns the first result');
    const sameKeyOtherDebtor = await post('/api/v1/portal/complaints', other, { category: 'other', summary: '别的', accountRef: 'L2' }, 'pc1');
    assert.equal(sameKeyOtherDebtor.statusCode, 201, 'idempotency keys are per debtor');

    const list = await get('/api/v1/portal/complaints', debtor);
    assert.deepEqual(list.json().items.map((x: { id: number; disputeStatus: string }) => [x.id, x.disputeStatus]), [[body.complaintId, 'open']]);
    assert.equal(list.json().items[0].assignee, undefined, 'the portal shows no staff fields');

    // Portal disputes.
    assert.equal((await post('/api/v1/portal/disputes', other, { accountRef: 'L1', reason: 'x' })).statusCode, 404);
    const d = await post('/api/v1/portal/disputes', other, { accountRef: 'L2', reason: '不是我借的' });
    assert.equal(d.statusCode, 201);
    assert.deepEqual(Object.keys(d.json()).sort(), ['accountRef', 'created', 'disputeId', 'message', 'status']);
    assert.deepEqual([d.json().accountRef, d.json().status, d.json().created], ['L2', 'open', true]);
    assert.match(d.json().message['zh-CN'], /不会就该笔债务向您催收/);
    assert.deepEqual((await get('/api/v1/portal/disputes', other)).json().items.map((x: { accountRef: string; status: string }) => [x.accountRef, x.status]), [['L2', 'open']]);
    assert.equal((await post(`/api/v1/portal/disputes/${d.json().disputeId}/withdraw`, debtor)).statusCode, 404, 'not your dispute');
    const withdrawn = await post(`/api/v1/portal/disputes/${d.json().disputeId}/withdraw`, other);
    assert.deepEqual(withdrawn.json(), { disputeId: d.json().disputeId, status: 'withdrawn', holdLifted: true });

    // Staff handling.
    const bad = await post('/api/v1/complaints', collector, { customerId: 'C1', channel: 'regulator_referral', category: 'harassment', summary: '监管转办' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().issues[0].path, 'body.regulatorReference');
    const referral = await post('/api/v1/complaints', collector, { customerId: 'C1', channel: 'regulator_referral', regulatorReference: 'NFRA-2026-001', category: 'harassment', summary: '监管转办：夜间催收', receivedOn: '2026-09-25' });
    assert.equal(referral.statusCode, 201);
    const rid = referral.json().complaintId;
    assert.equal((await post(`/api/v1/complaints/${rid}/resolve`, collector, { status: 'resolved', outcome: 'upheld', remedies: ['apology'], note: 'x' })).statusCode, 403, 'collectors take complaints but do not decide them');
    const overdue = await get('/api/v1/complaints?overdue=true', officer);
    assert.deepEqual(overdue.json().items.map((x: { id: number; sla: { stage: string; daysLeft: number } }) => [x.id, x.sla.stage, x.sla.daysLeft]), [[rid, 'acknowledge', -1]]);
    assert.deepEqual((await post(`/api/v1/complaints/${rid}/acknowledge`, officer)).json(), { complaintId: rid, status: 'acknowledged', acknowledgedOn: '2026-09-29', withinSla: false });
    assert.equal((await post(`/api/v1/complaints/${rid}/assign`, officer, { assignee: 'co-chen' })).statusCode, 200);
    const wrong = await post(`/api/v1/complaints/${rid}/resolve`, officer, { status: 'resolved', outcome: 'referred_to_regulator', note: 'x' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.json().message, /^outcome: 'referred_to_regulator' does not fit status resolved/);
    const closed = await post(`/api/v1/complaints/${rid}/resolve`, officer, { status: 'resolved', outcome: 'partly_upheld', remedies: ['apology', 'contact_restricted'], note: '已限制夜间外呼' });
    assert.equal(closed.statusCode, 200);
    assert.equal(closed.json().slaMet, false, 'the acknowledgement was late');
    assert.deepEqual(closed.json(), { complaintId: rid, status: 'resolved', outcome: 'partly_upheld', closedOn: '2026-09-29', slaMet: false, disputeId: null, disputeStatus: null });
    assert.equal((await post(`/api/v1/complaints/${rid}/resolve`, officer, { status: 'rejected', outcome: 'duplicate', note: 'x' })).statusCode, 409);
    assert.equal((await get(`/api/v1/complaints/${rid}`, collector)).json().outcome, 'partly_upheld');
    assert.equal((await get('/api/v1/complaints/999999', collector)).statusCode, 404);

    // The dispute opened with the portal complaint: staff verify it.
    const disputes = await get('/api/v1/disputes?status=open', officer);
    assert.deepEqual(disputes.json().items.map((x: { accountRef: string }) => x.accountRef), ['L1']);
    const verified = await post(`/api/v1/disputes/${body.disputeId}/send_verification`, officer, { note: '已寄送合同与还款明细' });
    assert.deepEqual(verified.json(), { disputeId: body.disputeId, status: 'verification_sent', holdLifted: true });
    assert.equal((await post(`/api/v1/disputes/${body.disputeId}/fly`, officer)).statusCode, 400);

    // SLA board and the regulator report.
    const board = await get('/api/v1/complaints/sla-board', officer);
    assert.equal(board.statusCode, 200);
    assert.deepEqual(board.json().byStatus, { received: 2, resolved: 1 });
    assert.equal((await get('/api/v1/complaints/sla-board', collector)).statusCode, 403);
    const csv = await get('/api/v1/complaints/regulator-report?from=2026-09-01&to=2026-09-30', officer);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    assert.equal(lines.length, 4);
    // Fifteen days after 25 September end on Saturday 10 October, a make-up working day after the National Day week.
    assert.match(lines[1]!, new RegExp(`^${rid},2026-09-25,regulator_referral,NFRA-2026-001,harassment,CN,,resolved,2026-09-28,2026-09-29,2026-10-10,2026-09-29,partly_upheld,apology;contact_restricted,no,4$`));
    const json = await get('/api/v1/complaints/regulator-report?from=2026-09-01&to=2026-09-30&format=json', officer);
    assert.equal(json.json().rows.length, 3);
    const range = await get('/api/v1/complaints/regulator-report?from=2026-09-30&to=2026-09-01', officer);
    assert.equal(range.statusCode, 400);
    assert.match(range.json().message, /^to: /);
    assert.equal((await get('/api/v1/complaints/regulator-report?from=2026-09-01', officer)).json().issues[0].path, 'querystring.to');

    // Every answer keeps every field the store gives: the serializer drops what a response schema does not declare.
    const now = app.clock.now();
    const detail = await get(`/api/v1/complaints/${rid}`, collector);
    assert.deepEqual(detail.json(), plain(await getComplaint(app.db, rid, now)));
    assert.ok(detail.json().regulatorReference && detail.json().assignee && detail.json().reviewId && detail.json().closedOn, 'nullable fields filled in are kept too');
    assert.deepEqual((await get('/api/v1/complaints', officer)).json(), plain({ asOf: now, items: await listComplaints(app.db, now, { limit: 100 }) }));
    const boardNow = (await get('/api/v1/complaints/sla-board', officer)).json();
    assert.deepEqual(boardNow, plain(await slaBoard(app.db, now)));
    assert.ok(boardNow.urgent.length > 0 && boardNow.byCategory.length > 0);
    assert.deepEqual((await get('/api/v1/disputes', officer)).json(), plain({ items: await listDisputes(app.db, { limit: 100 }) }));
    assert.deepEqual((await get('/api/v1/portal/disputes', other)).json(), plain({ items: (await listDisputes(app.db, { customerId: 'C2', limit: 100 })).map(({ openedBy: _by, ...x }) => x) }));
    const [own] = (await get('/api/v1/portal/complaints', debtor)).json().items;
    assert.deepEqual(Object.keys(own).sort(), [
      'accountRef', 'acknowledgeBy', 'acknowledgedOn', 'category', 'channel', 'closedOn', 'disputeId', 'disputeStatus', 'id', 'outcome', 'overdue', 'receivedOn', 'remedies', 'resolutionNote', 'respondBy', 'status',
    ]);

    const doc = await server.inject({ method: 'GET', url: '/docs/json' });
    assert.ok(doc.json().paths['/api/v1/portal/complaints'] && doc.json().paths['/api/v1/complaints/sla-board']);
  } finally {
    await server.close();
    await app.close();
  }
});
