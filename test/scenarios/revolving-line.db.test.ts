import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger } from '../support/scenario.ts';

// CN_LINE: statement on the 1st, due on the 10th, minimum 10 % (at least ¥10); interest-free until
// the due date, then 0.05 % a day on the unpaid statement principal.

test('a revolving line carried to M3 and then cured by paying the minimum with the overdue interest', async () => {
  const s = await scenario();
  try {
    await s.line('R1', { creditLimitMinor: 500_000, openedOn: '2026-01-05' });
    await s.at('2026-01-19');
    await s.draw('R1', 200_000, '2026-01-20');
    const feb1 = await (await s.at('2026-02-01')).account('R1');
    assert.deepEqual(
      feb1.schedule.map((i) => [i.kind, i.dueOn, i.principalDueMinor, i.minimumDueMinor]),
      [['statement', '2026-02-10', 200_000, 20_000]],
    );
    // Paid nothing by the due date: interest-free period ends, DPD starts the day after.
    await (await s.at('2026-02-10')).expectDpd('R1', 0);
    await (await s.at('2026-02-11')).expectBucket('R1', 'M1');
    await (await s.at('2026-03-13')).expectBucket('R1', 'M2');
    const apr12 = await s.at('2026-04-12');
    await apr12.expectBucket('R1', 'M3');
    await apr12.expectDpd('R1', 61);
    const a = await (await s.at('2026-04-30')).account('R1');
    // ¥2,000 × 0.05 % = ¥1.00 a day from 02-11 to 04-30: 79 days.
    assert.equal(a.balances.interestMinor, 79 * 100);
    assert.deepEqual(a.explain.interest.charges.map((c) => [c.kind, c.fromDate, c.toDate, c.days, c.baseMinor, c.ratePpm, c.amountMinor]), [
      ['OVERDUE_INTEREST', '2026-02-11', '2026-04-30', 79, 200_000, 500, 7_900],
    ]);
    // ¥300 on 05-01: interest first (¥79), then principal ¥221 ≥ the ¥200 minimum: the statement counts as paid.
    await s.pay('R1', 30_000, '2026-05-01');
    const cured = await (await s.at('2026-05-01')).account('R1');
    assert.equal(cured.dpd, 0);
    assert.equal(cured.bucket, 'M0');
    assert.deepEqual(cured.bucketHistory.map((h) => [h.onDate, h.toBucket, h.movement]), [
      ['2026-02-11', 'M1', 'roll_forward'],
      ['2026-03-13', 'M2', 'roll_forward'],
      ['2026-04-12', 'M3', 'roll_forward'],
      ['2026-05-01', 'M0', 'cure'],
    ]);
    assert.deepEqual(cured.cases.map((c) => [c.openedOn, c.status, c.closeReason, c.maxDpd]), [['2026-02-11', 'closed', 'cured', 79]]);
    // The rest of the statement still bears revolving interest (05-01, 05-02, 05-03), without delinquency.
    const may3 = await (await s.at('2026-05-03')).account('R1');
    assert.equal(may3.balances.interestMinor, 3 * Math.round(((200_000 - 22_100) * 500) / 1e6));
    assert.equal(may3.bucket, 'M0');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a drawdown beyond the credit limit is refused, naming the field', async () => {
  const s = await scenario();
  try {
    await s.line('R2', { creditLimitMinor: 100_000, openedOn: '2026-01-05' });
    await s.at('2026-01-10');
    await assert.rejects(s.draw('R2', 100_001, '2026-01-11'), /amountMinor: exceeds the available credit/);
  } finally {
    await s.close();
  }
});
