import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { buildServer } from '../../http/app.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';
import { recordPromiseToPay } from './index.ts';

interface PromiseView {
  id: number; amountMinor: number; promisedOn: string; dueOn: string; windowEndsOn: string; status: string; paidMinor: number; evaluatedOn: string | null;
  payments: Array<{ amountMinor: number; valueDate: string; status: string }>;
}

test('an account\'s promises: open until the cycle passes their window, then kept or partly kept by the payments dated in it, which are listed; a payment after the window does not count', async () => {
  // CN_LOAN ¥12,000 over 12 months from 2026-01-15: the instalments due 02-15 and 03-15 are missed, so both accounts are overdue on 03-20.
  const app = await testApp('2026-03-20T02:00:00.000Z');
  const api = await buildServer(app);
  try {
    const k = { actor: 't', idempotencyKey: 'c1' };
    await createCustomer(app.db, app.clock, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
    for (const ref of ['L1', 'L2']) {
      await openAccount(app.db, app.clock, { ref, customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: `a-${ref}` });
    }
    await runCycle(app.db, app.clock, { date: '2026-03-19' });
    for (const ref of ['L1', 'L2']) await recordPromiseToPay(app.db, app.clock, { accountRef: ref, amountMinor: 30_000, dueOn: '2026-03-22', source: 'collector' }, { actor: 'user:li.na', idempotencyKey: `p-${ref}` });

    const collector = withSession(api, await signIn(app, { roles: ['collector'], userId: 'li.na' }));
    const supervisor = withSession(api, await signIn(app, { roles: ['supervisor'], userId: 'zhao' }));
    const auditor = withSession(api, await signIn(app, { roles: ['auditor'], userId: 'aud' }));
    const debtor = withSession(api, await signIn(app, { roles: ['debtor'], customerId: 'C1' }));
    const list = async (ref: string) => {
      const r = await collector.inject({ method: 'GET', url: `/api/v1/accounts/${ref}/promises` });
      assert.equal(r.statusCode, 200, r.body);
      return (r.json() as { items: PromiseView[] }).items;
    };
    const pay = async (ref: string, amountMinor: number, key: string) => {
      const r = await supervisor.inject({ method: 'POST', url: '/api/v1/payments', headers: { 'idempotency-key': key }, payload: { accountRef: ref, amountMinor, currency: 'CNY' } });
      assert.equal(r.statusCode, 201, r.body);
    };

    const [open] = await list('L1');
    assert.deepEqual(
      [open!.amountMinor, open!.promisedOn, open!.dueOn, open!.windowEndsOn, open!.status, open!.paidMinor, open!.evaluatedOn, open!.payments],
      [30_000, '2026-03-20', '2026-03-22', '2026-03-23', 'open', 0, null, []],
    );
    await pay('L1', 30_000, 'pay-l1');
    await pay('L2', 5_000, 'pay-l2');
    assert.deepEqual((await list('L1'))[0]!.payments.map((p) => [p.amountMinor, p.valueDate]), [[30_000, '2026-03-20']], 'an open promise shows what has come in so far');

    // The window ends 03-23 (due 03-22 + 1 grace day): the cycle of 03-23 evaluates both.
    await runCycle(app.db, app.clock, { date: '2026-03-23' });
    await pay('L2', 30_000, 'pay-l2-late');
    const [kept] = await list('L1');
    const [partly] = await list('L2');
    assert.deepEqual([kept!.status, kept!.paidMinor, kept!.evaluatedOn], ['kept', 30_000, '2026-03-23']);
    assert.deepEqual([partly!.status, partly!.paidMinor], ['partly_kept', 5_000]);
    assert.deepEqual(partly!.payments.map((p) => [p.amountMinor, p.valueDate, p.status]), [[5_000, '2026-03-20', 'posted']], 'the payment of 03-24 is after the window and is not listed');

    assert.equal((await auditor.inject({ method: 'GET', url: '/api/v1/accounts/L1/promises' })).statusCode, 200, 'every member of staff reads them');
    const missing = await collector.inject({ method: 'GET', url: '/api/v1/accounts/NOPE/promises' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().issues[0].path, 'id');
    assert.equal((await debtor.inject({ method: 'GET', url: '/api/v1/accounts/L1/promises' })).statusCode, 403);
    assert.equal((await api.inject({ method: 'GET', url: '/api/v1/accounts/L1/promises' })).statusCode, 401);
  } finally {
    await api.close();
    await app.close();
  }
});
