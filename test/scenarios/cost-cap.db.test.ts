import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger } from '../support/scenario.ts';

// The total-cost cap (CN default 24 % a year, CN-RATE-02): interest, penalty and fees together may not
// exceed principal-days × 24 % / 365. Charges beyond it are not posted; the capped part stays visible.

test('when the total-cost cap is reached, further penalty is capped and the capped amount is shown', async () => {
  const s = await scenario();
  try {
    // A product with a steep penalty (0.15 % a day) so that the cap binds within months.
    await s.product({ code: 'STEEP', penaltyDailyRatePpm: 1_500, name: { 'zh-CN': '测试', en: 'test' } });
    await s.loan('CAP', { principalMinor: 300_000, termCount: 3, openedOn: '2026-01-01', product: 'STEEP' });
    const a = await (await s.at('2026-07-01')).account('CAP');
    // Nothing was repaid: principal-days = ¥3,000 × 182 days (01-01 … 07-01).
    const allowance = Math.floor((2400 * 300_000 * 182) / 3_650_000);
    assert.equal(a.costCap.chargedMinor, allowance);
    assert.equal(a.balances.interestMinor + a.balances.penaltyMinor + a.balances.feesMinor, allowance);
    assert.ok(a.costCap.cappedMinor > 0, 'the capped amount is recorded');
    const capped = a.entries.filter((e) => e.cappedMinor > 0);
    assert.ok(capped.length > 0);
    assert.ok(a.explain.penalty.cappedMinor > 0);
    // Uncapped, the penalty alone would be ¥3,000 × 0.15 % per day on each overdue instalment.
    assert.equal(a.explain.penalty.chargedMinor + a.explain.penalty.cappedMinor + a.explain.interest.chargedMinor + a.explain.interest.cappedMinor,
      a.entries.filter((e) => e.kind === 'PENALTY' || e.kind === 'INTEREST').reduce((t, e) => t + e.amountMinor + e.cappedMinor, 0));
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});
