import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testApp } from '../../../test/support/app.ts';
import { runCycle, lastClosedDate } from '../../jobs/cycle.ts';
import { AppError } from '../../platform/errors.ts';
import { createCustomer, openAccount, receiveTransaction } from '../ledger/index.ts';
import { accountFeatures, accountFeaturesCsv, ACCOUNT_COLUMNS } from './accounts.queries.ts';
import { parseDataset } from './formats.rules.ts';

test('accounts format: features as of a date from the ledger and bucket history, labelled with 30+ DPD in the next days', async () => {
  const app = await testApp('2026-01-15T02:00:00.000Z');
  try {
    let k = 0;
    const o = () => ({ actor: 'test', idempotencyKey: `setup-${++k}` });
    for (const id of ['P1', 'P2', 'U1', 'U2']) {
      await createCustomer(app.db, app.clock, { id, name: `客户${id}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, o());
      await openAccount(app.db, app.clock, { ref: `L-${id}`, customerId: id, productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12, scheduleMethod: 'equal_principal' }, o());
    }
    await runCycle(app.db, app.clock, { date: '2026-02-10' });
    // P1 and P2 pay ahead, enough for several instalments; U1 and U2 never pay.
    for (const id of ['P1', 'P2']) await receiveTransaction(app.db, app.clock, app.hooks, { accountRef: `L-${id}`, type: 'payment', ref: `pay-${id}`, amountMinor: 600_000, currency: 'CNY', valueDate: '2026-02-11' }, o());
    await runCycle(app.db, app.clock, { date: '2026-04-05' });
    const last = await lastClosedDate(app.db);

    const rows = await accountFeatures(app.db, { asOf: '2026-02-25', horizonDays: 30, lastClosed: last });
    assert.equal(rows.length, 4);
    const byId = new Map<number, (typeof rows)[number]>();
    for (const r of rows) byId.set(r.account_id!, r);
    const ids = await app.db.query<{ id: number; ref: string }>(`SELECT id, ref FROM accounts ORDER BY id`);
    const row = (ref: string) => byId.get(Number(ids.find((a) => a.ref === ref)!.id))!;
    for (const ref of ['L-U1', 'L-U2']) {
      const r = row(ref);
      assert.ok(r.dpd_now! > 0, `${ref} is past due on 2026-02-25`);
      assert.equal(r.dpd30_within_horizon, 1, `${ref} reaches 30 DPD before 2026-03-27`);
      assert.equal(r.payments_90, 0);
      assert.equal(r.days_since_payment, null);
    }
    for (const ref of ['L-P1', 'L-P2']) {
      const r = row(ref);
      assert.equal(r.dpd_now, 0);
      assert.equal(r.dpd30_within_horizon, 0);
      assert.equal(r.payments_90, 1);
      assert.equal(r.paid_90_minor, 600_000);
      assert.equal(r.days_since_payment, 14);
      assert.ok(r.owed_minor! < row('L-U1').owed_minor!, 'the payers owe less');
    }
    for (const r of rows) {
      assert.equal(r.size_minor, 1_200_000);
      assert.equal(r.months_on_book, 1);
    }
    // Before the first due date nobody is late, and the label looks at the next 30 days only.
    const early = await accountFeatures(app.db, { asOf: '2026-01-20', horizonDays: 30, lastClosed: last });
    assert.ok(early.every((r) => r.dpd_now === 0 && r.dpd30_within_horizon === 0));

    // The CSV is the `accounts` format the trainer reads.
    const d = parseDataset(accountFeaturesCsv(rows));
    assert.equal(d.format, 'accounts');
    assert.equal(d.rows, 4);
    assert.deepEqual(Array.from(d.y).sort(), [0, 0, 1, 1]);
    assert.equal(ACCOUNT_COLUMNS.length, d.names.length + 2);

    await assert.rejects(accountFeatures(app.db, { asOf: '2026-03-20', horizonDays: 30, lastClosed: last }), (e: unknown) => e instanceof AppError && /^as-of: the window 2026-03-20 \+ 30 days ends 2026-04-19, after the last closed business date \(2026-04-05\)/.test(e.message));
    await assert.rejects(accountFeatures(app.db, { asOf: '2026-02-25', horizonDays: 0, lastClosed: last }), /^AppError: horizon:|horizon: expected/);
  } finally {
    await app.close();
  }
});
