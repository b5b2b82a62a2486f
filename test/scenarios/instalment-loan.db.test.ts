import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger } from '../support/scenario.ts';

// CN_LOAN: 0.04 % a day contractual interest, penalty interest (罚息) 0.06 % a day on delinquent principal, no grace.
// ¥12,000 over 12 months, equal principal: ¥1,000 principal a month; first due 2026-02-15.

test('an instalment loan missed twice and then partly paid stays delinquent on the oldest instalment', async () => {
  const s = await scenario();
  try {
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await (await s.at('2026-02-15')).expectDpd('L1', 0).then((v) => v.expectBucket('L1', 'M0'));
    const feb16 = await s.at('2026-02-16');
    await feb16.expectDpd('L1', 1);
    await feb16.expectBucket('L1', 'M1');
    // Second instalment due 2026-03-15 is missed too; DPD counts from the oldest unpaid instalment.
    await (await s.at('2026-03-17')).expectDpd('L1', 30).then((v) => v.expectBucket('L1', 'M1'));
    await (await s.at('2026-03-18')).expectBucket('L1', 'M2');

    // Penalty so far: instalment 1, ¥1,000 × 0.06 % = ¥0.60 a day from 02-16 to 03-18 (31 days);
    // instalment 2 from 03-16 to 03-18 (3 days).
    const before = await s.account('L1', '2026-03-18');
    assert.equal(before.balances.penaltyMinor, 31 * 60 + 3 * 60);
    // Interest: 31 days on ¥12,000 (¥148.80) + 28 days on ¥11,000 (¥123.20).
    assert.equal(before.balances.interestMinor, 14_880 + 12_320);

    // A partial payment of ¥1,200 on 03-19 (the open business day) pays the penalty accrued through 03-18,
    // then interest, then principal of the oldest instalment.
    const paid = await s.pay('L1', 120_000, '2026-03-19');
    assert.equal(paid.result.backdated, false);
    assert.deepEqual(
      paid.result.allocation.map((l) => [l.itemSeq, l.component, l.amountMinor]),
      [[1, 'penalty', 31 * 60], [2, 'penalty', 3 * 60], [1, 'interest', 14_880], [2, 'interest', 12_320], [1, 'principal', 120_000 - 34 * 60 - 27_200]],
    );
    const v = await s.at('2026-03-20');
    const a = await v.account('L1');
    // Instalment 1 still lacks principal, so DPD still counts from 2026-02-15.
    assert.equal(a.dpd, 33);
    assert.equal(a.bucket, 'M2');
    assert.equal(a.schedule[0]!.settledOn, null);
    assert.deepEqual(a.bucketHistory.map((h) => [h.onDate, h.fromBucket, h.toBucket, h.movement]), [
      ['2026-02-16', 'M0', 'M1', 'roll_forward'],
      ['2026-03-18', 'M1', 'M2', 'roll_forward'],
    ]);
    assert.equal(a.cases.length, 1);
    assert.equal(a.cases[0]!.status, 'open');
    // Penalty keeps accruing on 03-19 and 03-20 on what is left of each instalment's principal:
    // ¥92.40 × 0.06 % = ¥0.055 → ¥0.06 on instalment 1, ¥1,000 × 0.06 % = ¥0.60 on instalment 2.
    const left = 100_000 - (120_000 - 34 * 60 - 27_200);
    assert.equal(left, 9_240);
    assert.equal(a.balances.penaltyMinor, 2 * 6 + 2 * 60);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('paying the instalment in full cures the account and closes its case', async () => {
  const s = await scenario();
  try {
    await s.loan('L2', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await (await s.at('2026-02-20')).expectBucket('L2', 'M1');
    const owed = 100_000 + 14_880 + 5 * 60; // principal + interest + 5 days of penalty (02-16..02-20)
    await s.pay('L2', owed, '2026-02-21');
    const a = await (await s.at('2026-02-21')).account('L2');
    assert.equal(a.dpd, 0);
    assert.equal(a.bucket, 'M0');
    assert.equal(a.schedule[0]!.settledOn, '2026-02-21');
    assert.equal(a.cases[0]!.status, 'closed');
    assert.equal(a.cases[0]!.closeReason, 'cured');
    assert.equal(a.bucketHistory.at(-1)!.movement, 'cure');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});
