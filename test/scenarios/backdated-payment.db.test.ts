import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger } from '../support/scenario.ts';
import { insertTransactions } from '../../src/modules/ledger/index.ts';
import { runCycle, nightlyCycle } from '../../src/jobs/cycle.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';

// The bug class of backdating (a payment recorded late with an earlier value date) must not exist:
// the account's history is derived again, and must equal the history of an identical account
// whose payment was recorded on time.

test('a backdated payment re-derives penalty, DPD and bucket history exactly as if it had been on time', async () => {
  const s = await scenario();
  try {
    const loan = { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' } as const;
    await s.loan('ONTIME', loan);
    await s.loan('LATE', loan);
    const owed = 100_000 + 14_880 + 4 * 60; // instalment 1 with penalty 02-16..02-19
    await s.at('2026-02-19');
    await s.pay('ONTIME', owed, '2026-02-20');
    await s.at('2026-03-25');

    const before = await s.account('LATE');
    assert.equal(before.dpd, 38); // instalment 1, due 02-15, unpaid
    assert.equal(before.bucket, 'M2');
    const paid = await s.pay('LATE', owed, '2026-02-20');
    assert.equal(paid.result.backdated, true);
    assert.ok(paid.result.reversedEntries > 0);

    const onTime = await s.account('ONTIME');
    const late = await s.account('LATE');
    assert.deepEqual(late.balances, onTime.balances);
    assert.equal(late.dpd, onTime.dpd);
    assert.equal(late.dpd, 10); // instalment 2, due 03-15, is unpaid
    assert.deepEqual(late.schedule, onTime.schedule);
    assert.deepEqual(late.bucketHistory, onTime.bucketHistory);
    assert.deepEqual(late.bucketHistory.map((h) => [h.onDate, h.toBucket, h.movement]), [
      ['2026-02-16', 'M1', 'roll_forward'],
      ['2026-02-20', 'M0', 'cure'],
      ['2026-03-16', 'M1', 'roll_forward'],
    ]);
    // History as of a past date is derived again too.
    const lateMarch1 = await s.account('LATE', '2026-03-01');
    assert.equal(lateMarch1.dpd, 0);
    assert.equal(lateMarch1.bucket, 'M0');
    // Nothing was edited: the wrong penalty entries are still there, each reversed by a new entry.
    const reversals = late.entries.filter((e) => e.reversesId !== null);
    assert.equal(reversals.length, paid.result.reversedEntries);
    assert.ok(late.entries.some((e) => e.kind === 'PENALTY' && e.valueDate === '2026-03-01' && e.reversesId === null));
    assert.equal(late.explain.penalty.balanceMinor, onTime.explain.penalty.balanceMinor);
    // The cases: the one opened on 02-16 is closed as cured on 02-20 in both.
    assert.deepEqual(late.cases.map((c) => [c.openedOn, c.status, c.closedOn]), onTime.cases.map((c) => [c.openedOn, c.status, c.closedOn]));
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a payment dated after the open business day is refused and changes nothing', async () => {
  const s = await scenario();
  try {
    await s.loan('L', { principalMinor: 100_000, termCount: 3, openedOn: '2026-01-15' });
    await s.at('2026-02-01');
    await assert.rejects(s.pay('L', 1_000, '2026-02-03'), /valueDate: 2026-02-03 is after the open business date 2026-02-02/);
    const [{ n }] = (await s.db.query<{ n: number }>("SELECT count(*)::int AS n FROM transactions WHERE type = 'payment'")) as [{ n: number }];
    assert.equal(n, 0);
  } finally {
    await s.close();
  }
});

test('a backdated payment that arrives in a file is re-derived by the next cycle run', async () => {
  const s = await scenario();
  try {
    const loan = { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' } as const;
    await s.loan('ONTIME', loan);
    await s.loan('FILED', loan);
    const owed = 100_000 + 14_880 + 4 * 60;
    await s.at('2026-02-19');
    await s.pay('ONTIME', owed, '2026-02-20');
    await s.at('2026-03-25');
    // The file's payment is recorded as pending; the cycle run for the next date rewinds the account first.
    await s.db.transaction((tx) =>
      insertTransactions(tx, [{ accountRef: 'FILED', type: 'payment', ref: 'file-1', amountMinor: owed, currency: 'CNY', valueDate: '2026-02-20' }], '2026-03-26T00:00:00.000Z'),
    );
    const run = await s.closeThrough('2026-03-26');
    assert.equal(run.rewoundAccounts, 1);
    const onTime = await s.account('ONTIME');
    const filed = await s.account('FILED');
    assert.deepEqual(filed.balances, onTime.balances);
    assert.deepEqual(filed.bucketHistory, onTime.bucketHistory);
    assert.deepEqual(filed.schedule, onTime.schedule);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a cycle started while another runs refuses before reading anything; the running one finishes as if alone', async () => {
  const s = await scenario();
  try {
    await s.loan('L', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    const clock = fixedClock('2026-03-01T00:00:00.000Z');
    const second: unknown[] = [];
    let nightly: boolean | undefined;
    // The first date's hook runs inside the first cycle, holding its lock: start a second there.
    const first = await runCycle(s.db, clock, {
      date: '2026-02-20',
      beforeDate: async () => {
        if (second.length > 0) return;
        second.push(await runCycle(s.db, clock, { date: '2026-02-25' }).catch((e: unknown) => e));
        // A worker's night job finding it running leaves the night to it, without failing.
        nightly = await nightlyCycle(s.db, clock, 'Asia/Shanghai', undefined);
      },
    });
    assert.equal(second.length, 1);
    assert.ok(second[0] instanceof AppError && second[0].code === 'ALREADY_RUNNING', `the second cycle was refused: ${String(second[0])}`);
    assert.equal(nightly, false);
    assert.equal(first.targetDate, '2026-02-20');
    const runs = await s.db.query<{ target_date: string }>('SELECT target_date FROM cycle_runs ORDER BY id');
    assert.deepEqual(runs.map((r) => r.target_date), ['2026-02-20'], 'the refused cycle left no run behind');
    // Instalment 1 (due 02-15) unpaid: what the first test's accounts show on that date.
    const a = await s.account('L');
    assert.equal(a.dpd, 5);
    assert.deepEqual(a.bucketHistory.map((h) => [h.onDate, h.toBucket, h.movement]), [['2026-02-16', 'M1', 'roll_forward']]);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});
