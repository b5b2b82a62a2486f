import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { testApp } from '../../../test/support/app.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';
import { buildServer } from '../../http/app.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { runCycle } from '../../jobs/cycle.ts';

test('the legal API: eligibility trace, referral by one legal officer and approval by another with the evidence bundle, filing, costs, case list and detail; sessions and roles checked, bad bodies named field by field', async () => {
  const app = await testApp('2026-06-16T02:00:00.000Z');
  const api = await buildServer(app);
  try {
    const k = { actor: 't', idempotencyKey: 'c1' };
    await createCustomer(app.db, app.clock, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
    await runCycle(app.db, app.clock, { date: '2026-06-15' });
    const alice = withSession(api, await signIn(app, { roles: ['legal'], userId: 'alice' }));
    const bob = withSession(api, await signIn(app, { roles: ['legal'], userId: 'bob' }));
    const wang = withSession(api, await signIn(app, { roles: ['collector'], userId: 'wang' }));

    const notYet = await wang.inject({ method: 'GET', url: '/api/v1/legal/eligibility/L1' });
    assert.equal(notYet.statusCode, 200, 'every lender role reads the trace');
    assert.equal(notYet.json().eligible, false);
    assert.deepEqual(notYet.json().criteria.filter((c: { ok: boolean }) => !c.ok).map((c: { criterion: string }) => c.criterion), ['contact_attempts', 'right_party_contacts']);
    // Three calls, one answered by the debtor.
    for (const [i, outcome] of ['connected', 'unanswered', 'unanswered'].entries()) {
      await app.db.query(
        `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, person_id, outcome, initiator_kind, initiator_id)
         SELECT 'C1', id, $1, 'call', 'outbound', 'debtor', 'C1', $2, 'lender', 'lender' FROM accounts WHERE ref = 'L1'`,
        [`2026-05-1${i}T03:00:00.000Z`, outcome],
      );
    }
    const trace = (await alice.inject({ method: 'GET', url: '/api/v1/legal/eligibility/L1' })).json();
    assert.equal(trace.eligible, true);
    assert.ok(trace.criteria.every((c: { reason: { 'zh-CN': string; en: string } }) => c.reason['zh-CN'] && c.reason.en));

    const body = { accountRef: 'L1', reason: '逾期 120 天' };
    assert.equal((await api.inject({ method: 'POST', url: '/api/v1/legal/referrals', headers: { 'idempotency-key': 'r0' }, payload: body })).statusCode, 401);
    assert.equal((await wang.inject({ method: 'POST', url: '/api/v1/legal/referrals', headers: { 'idempotency-key': 'r0' }, payload: body })).statusCode, 403, 'collectors do not refer');
    const bad = await alice.inject({ method: 'POST', url: '/api/v1/legal/referrals', headers: { 'idempotency-key': 'r0' }, payload: { accountRef: 'L1' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().issues[0].path, 'body.reason');
    const noKey = await alice.inject({ method: 'POST', url: '/api/v1/legal/referrals', payload: body });
    assert.equal(noKey.statusCode, 400);

    const referred = await alice.inject({ method: 'POST', url: '/api/v1/legal/referrals', headers: { 'idempotency-key': 'r1' }, payload: body });
    assert.equal(referred.statusCode, 201, referred.body);
    const caseId = referred.json().caseId;
    assert.equal(referred.json().status, 'proposed');
    const again = await alice.inject({ method: 'POST', url: '/api/v1/legal/referrals', headers: { 'idempotency-key': 'r1' }, payload: body });
    assert.deepEqual([again.statusCode, again.json().caseId], [200, caseId], 'the same key returns the first result');

    const own = await alice.inject({ method: 'POST', url: `/api/v1/legal/cases/${caseId}/approve`, headers: { 'idempotency-key': 'a1' }, payload: {} });
    assert.equal(own.statusCode, 403);
    assert.match(own.json().message, /four-eyes/);
    const approved = await bob.inject({ method: 'POST', url: `/api/v1/legal/cases/${caseId}/approve`, headers: { 'idempotency-key': 'a2' }, payload: { note: '同意起诉', attachEvidence: true } });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().status, 'prepared');
    const sha = approved.json().evidence.sha256;

    const badStatus = await alice.inject({ method: 'POST', url: `/api/v1/legal/cases/${caseId}/status`, headers: { 'idempotency-key': 's0' }, payload: { status: 'filed', onDate: '2026-06-16', court: '上海市浦东新区人民法院' } });
    assert.equal(badStatus.statusCode, 400);
    assert.equal(badStatus.json().issues[0].path, 'body.caseNumber');
    const filed = await alice.inject({
      method: 'POST', url: `/api/v1/legal/cases/${caseId}/status`, headers: { 'idempotency-key': 's1' },
      payload: { status: 'filed', onDate: '2026-06-16', court: '上海市浦东新区人民法院', caseNumber: '(2026)沪0115民初1号', attachEvidence: true },
    });
    assert.equal(filed.statusCode, 200, filed.body);
    assert.equal(filed.json().contactsPaused, true);
    const jump = await alice.inject({ method: 'POST', url: `/api/v1/legal/cases/${caseId}/status`, headers: { 'idempotency-key': 's2' }, payload: { status: 'closed', onDate: '2026-06-16', note: 'x' } });
    assert.equal(jump.statusCode, 409);
    assert.equal(jump.json().issues[0].path, 'status');

    const cost = await alice.inject({ method: 'POST', url: `/api/v1/legal/cases/${caseId}/costs`, headers: { 'idempotency-key': 'k1' }, payload: { costType: 'lawyer_fee', amountMinor: 300_000, incurredOn: '2026-06-16', description: '律师费' } });
    assert.equal(cost.statusCode, 201, cost.body);
    assert.deepEqual([cost.json().chargedMinor, cost.json().lenderExpenseMinor], [0, 300_000]);
    const refusedCost = await alice.inject({ method: 'POST', url: `/api/v1/legal/cases/${caseId}/costs`, headers: { 'idempotency-key': 'k2' }, payload: { costType: 'lawyer_fee', amountMinor: 300_000, incurredOn: '2026-06-16', description: '律师费', chargeTo: 'debtor' } });
    assert.equal(refusedCost.statusCode, 400);
    assert.equal(refusedCost.json().issues[0].path, 'chargeTo');

    const list = await wang.inject({ method: 'GET', url: '/api/v1/legal/cases?status=filed' });
    assert.deepEqual(list.json().items.map((c: { id: number; accountRef: string }) => [c.id, c.accountRef]), [[caseId, 'L1']]);
    const detail = (await wang.inject({ method: 'GET', url: `/api/v1/legal/cases/${caseId}` })).json();
    assert.deepEqual(detail.events.map((e: { to: string }) => e.to), ['proposed', 'prepared', 'filed']);
    assert.deepEqual(detail.evidence.map((e: { stage: string }) => e.stage), ['approval', 'filing']);
    assert.equal(detail.evidence[0].sha256, sha);
    assert.equal(detail.costs.length, 1);
    const zip = await alice.inject({ method: 'GET', url: `/api/v1/legal/cases/${caseId}/evidence/${detail.evidence[0].id}` });
    assert.equal(zip.headers['content-type'], 'application/zip');
    assert.equal(createHash('sha256').update(zip.rawPayload).digest('hex'), sha);
    assert.equal((await wang.inject({ method: 'GET', url: '/api/v1/legal/cases/999' })).statusCode, 404);
  } finally {
    await api.close();
    await app.close();
  }
});
