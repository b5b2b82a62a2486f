import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, epochDay } from '../../platform/dates.ts';
import { annualRateBp, buildDeferral, buildPlan, checkCostCap, fillTargets, simpleInterestMinor, splitEvenly, sumOf, type AccountView, type ItemView } from './plans.rules.ts';
import { CN_POLICY } from './policy.defaults.ts';
import type { NegotiationPolicy } from './policy.types.ts';

const item = (o: Partial<ItemView> & Pick<ItemView, 'seq' | 'dueOn'>): ItemView => ({
  kind: 'instalment', principalDueMinor: 100_000, interestDueMinor: 14_880, principalPaidMinor: 0, interestChargedMinor: 0, interestPaidMinor: 0,
  penaltyChargedMinor: 0, penaltyPaidMinor: 0, feesChargedMinor: 0, feesPaidMinor: 0, settledOn: null, chargedOn: null, supersededOn: null, ...o,
});

/** A CN_LOAN of ¥3,000 in three instalments, the first two missed, on 2026-03-20. */
const acct = (o: Partial<AccountView> = {}): AccountView => ({
  today: '2026-03-20', productCode: 'CN_LOAN', productKind: 'instalment', bucket: 'M2', dpd: 33, currency: 'CNY', costCapAnnualBp: 2400,
  principalMinor: 300_000, principalDateWeight: 300_000 * epochDay('2026-01-15'), costChargedMinor: 15_000, balanceMinor: 333_000,
  items: [
    item({ seq: 1, dueOn: '2026-02-15', interestChargedMinor: 14_880, penaltyChargedMinor: 2_000, chargedOn: '2026-02-15' }),
    item({ seq: 2, dueOn: '2026-03-15', interestChargedMinor: 13_120, penaltyChargedMinor: 1_000, chargedOn: '2026-03-15' }),
    item({ seq: 3, dueOn: '2026-04-15', interestDueMinor: 12_000 }),
  ],
  openRestructures: [], lastDeferralOn: null, usedOneTimeFlags: [], ...o,
});

test('a 3-month plan (first instalment 30 days on, the policy\'s limit) moves all that is owed, waives the penalty by policy and splits the rest exactly, the residue on the last instalment', () => {
  const v = buildPlan({ termCount: 3 }, acct(), CN_POLICY);
  assert.ok(v.ok);
  const p = v.value;
  assert.deepEqual(p.supersededSeqs, [1, 2, 3]);
  assert.deepEqual(p.outstanding, { fees: 0, penalty: 3_000, interest: 28_000, principal: 300_000 });
  assert.deepEqual(p.waived, { fees: 0, penalty: 3_000, interest: 0, principal: 0 });
  assert.equal(p.discretionaryMinor, 0, 'the policy\'s own waiver needs no approver');
  assert.equal(p.balanceMinor, 328_000);
  assert.deepEqual(p.items.map((i) => [i.dueOn, i.amountMinor]), [['2026-04-19', 109_333], ['2026-05-19', 109_333], ['2026-06-19', 109_334]]);
  assert.deepEqual(p.items[0]!.carried, { interest: 28_000, penalty: 0, fees: 0 }, 'costs carried first, then principal');
  assert.equal(p.costMinor, 0);
  assert.equal(p.annualRateBp, 0);
  assert.equal(p.costCap.withinCap, true);
});

test('a 花呗-style line is eligible under the CN policy: its statements are restructured, its unbilled spending is not', () => {
  const statement = (seq: number, dueOn: string, principal: number, interest: number) =>
    item({ seq, dueOn, kind: 'statement', principalDueMinor: principal, interestDueMinor: 0, interestChargedMinor: interest, chargedOn: dueOn });
  const line = acct({
    productCode: 'CN_LINE', productKind: 'revolving', principalMinor: 750_000, balanceMinor: 766_000,
    items: [statement(1, '2026-02-10', 600_000, 11_100), statement(2, '2026-03-10', 100_000, 450)],
  });
  const v = buildPlan({ termCount: 3 }, line, CN_POLICY);
  assert.ok(v.ok);
  assert.deepEqual(v.value.supersededSeqs, [1, 2]);
  assert.equal(v.value.balanceMinor, 711_550, 'the two statements with their overdue interest; the ¥500 drawn since the last statement stays on the line');
});

test('an interest waiver beyond the policy is discretionary and uses the one-time flag', () => {
  const v = buildPlan({ termCount: 2, waive: ['interest'] }, acct(), CN_POLICY);
  assert.ok(v.ok);
  assert.equal(v.value.discretionaryMinor, 28_000);
  assert.deepEqual(v.value.oneTimeFlags, ['interest_waiver']);
  assert.equal(v.value.balanceMinor, 300_000);
});

const refusals: Array<[string, Parameters<typeof buildPlan>[0], Partial<AccountView>, RegExp]> = [
  ['a plan longer than the policy allows', { termCount: 13 }, {}, /^termCount: between 2 and 12 instalments$/],
  ['a first due date beyond 30 days', { termCount: 3, firstDueOn: '2026-04-30' }, {}, /^firstDueOn: at most 30 days after 2026-03-20/],
  ['a current account', { termCount: 3 }, { bucket: 'M0' }, /^account: bucket M0 is not eligible/],
  ['a product the policy does not name', { termCount: 3 }, { productCode: 'UK_LOAN' }, /^account: product UK_LOAN is not eligible/],
  ['a second one-time interest waiver', { termCount: 3, waive: ['interest'] }, { usedOneTimeFlags: ['interest_waiver'] }, /^waive: a interest waiver is once per customer under CN_DEFAULT and this customer has had it already/],
  ['an account with a running plan', { termCount: 3 }, { openRestructures: [{ id: 9, kind: 'plan', status: 'active' }] }, /^account: the account already has a running plan \(#9\)/],
  ['instalments below the minimum', { termCount: 12 }, { items: [item({ seq: 1, dueOn: '2026-02-15', principalDueMinor: 50_000 })], balanceMinor: 50_000 }, /^termCount: instalment 1 would be 4166 minor units, below the minimum 10000; try at most 5 instalments$/],
];
for (const [why, req, o, pattern] of refusals) {
  test(`a plan is refused for ${why}`, () => {
    const v = buildPlan(req, acct(o), CN_POLICY);
    assert.equal(v.ok, false);
    if (!v.ok) assert.match(v.issues.map((i) => `${i.field}: ${i.message}`).join('\n'), pattern);
  });
}

test('plan interest runs on the declining plan principal; its annualised rate is reported and checked against the cap', () => {
  const policy: NegotiationPolicy = { ...CN_POLICY, plan: { ...CN_POLICY.plan, interestAnnualBp: 1_200 } };
  const v = buildPlan({ termCount: 3 }, acct(), policy);
  assert.ok(v.ok);
  const p = v.value;
  // The first instalment falls due 30 days on (the policy's limit comes before a month): principal of
  // ¥3,000 for 30 days at 12 %: 300000 × 1200 × 30 / 3650000 = 2958.9 → 2959.
  assert.equal(p.items[0]!.interestMinor, 2_959);
  assert.equal(p.totalPayableMinor, p.balanceMinor + p.costMinor);
  assert.ok(p.annualRateBp > 0 && p.annualRateBp < 2_400, `rate ${p.annualRateBp}`);
  const steep: NegotiationPolicy = { ...CN_POLICY, plan: { ...CN_POLICY.plan, interestAnnualBp: 3_600 } };
  const s = buildPlan({ termCount: 3 }, acct(), steep);
  assert.ok(s.ok);
  assert.equal(s.value.costCap.withinCap, false);
  assert.match(s.value.costCap.reason!, /exceeds the cap of 24 %/);
});

test('a deferral moves the arrears into one item months later and every later instalment by the same months; only with hardship evidence, once a year', () => {
  const v = buildDeferral({ months: 2, hardship: { kind: 'unemployment', reference: 'doc-1' } }, acct(), CN_POLICY);
  assert.ok(v.ok);
  assert.deepEqual(v.value.items.map((i) => [i.dueOn, i.principalMinor, i.interestMinor]), [['2026-05-20', 200_000, 0], ['2026-06-15', 100_000, 12_000]]);
  assert.equal(sumOf(v.value.outstanding), v.value.balanceMinor);
  const noEvidence = buildDeferral({ months: 2 }, acct(), CN_POLICY);
  assert.ok(!noEvidence.ok && noEvidence.issues.some((i) => i.field === 'hardship'));
  const again = buildDeferral({ months: 1, hardship: { kind: 'illness', reference: 'x' } }, acct({ lastDeferralOn: '2025-06-01' }), CN_POLICY);
  assert.ok(!again.ok && /one deferral in 365 days: the last took effect 2025-06-01, the next is possible from 2026-06-01/.test(again.issues[0]!.message));
  const current = buildDeferral({ months: 1, hardship: { kind: 'illness', reference: 'x' } }, acct({ dpd: 0 }), CN_POLICY);
  assert.ok(!current.ok && /needs 1–90 days past due; the account is at 0/.test(current.issues[0]!.message));
});

test('splitting and filling are exact', () => {
  assert.deepEqual(splitEvenly(100, 3), [33, 33, 34]);
  assert.deepEqual(splitEvenly(100, 3, 50), [50, 25, 25]);
  assert.deepEqual(fillTargets({ fees: 10, penalty: 0, interest: 5, principal: 85 }, [33, 33, 34]), [
    { fees: 10, penalty: 0, interest: 5, principal: 18 }, { fees: 0, penalty: 0, interest: 0, principal: 33 }, { fees: 0, penalty: 0, interest: 0, principal: 34 },
  ]);
  assert.equal(simpleInterestMinor(300_000, 1_200, 31), 3_058);
  assert.equal(annualRateBp(100_000, '2026-01-01', [{ dueOn: '2027-01-01', amountMinor: 110_000 }]), 1_000);
});

// Property tests: any account, any policy within its bounds, any plan the rules accept.
const arbAccount = fc
  .record({
    items: fc.array(
      fc.record({
        principal: fc.integer({ min: 0, max: 5_000_000 }), interest: fc.integer({ min: 0, max: 200_000 }), penalty: fc.integer({ min: 0, max: 100_000 }),
        fees: fc.integer({ min: 0, max: 10_000 }), paidShare: fc.integer({ min: 0, max: 100 }), monthOffset: fc.integer({ min: -6, max: 12 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    costCharged: fc.integer({ min: 0, max: 200_000 }),
    daysOpen: fc.integer({ min: 30, max: 720 }),
  })
  .map(({ items, costCharged, daysOpen }): AccountView => {
    const today = '2026-06-01';
    const views = items.map((x, k) => {
      const dueOn = addDays(today, x.monthOffset * 30 + (x.monthOffset === 0 ? 1 : 0));
      const past = dueOn < today;
      return item({
        seq: k + 1, dueOn, principalDueMinor: x.principal, principalPaidMinor: Math.floor((x.principal * x.paidShare) / 100),
        interestChargedMinor: past ? x.interest : 0, interestDueMinor: x.interest, penaltyChargedMinor: past ? x.penalty : 0, feesChargedMinor: past ? x.fees : 0,
        chargedOn: past ? dueOn : null,
      });
    });
    const principal = views.reduce((s, i) => s + i.principalDueMinor - i.principalPaidMinor, 0);
    const balance = views.reduce((s, i) => s + i.principalDueMinor - i.principalPaidMinor + i.interestChargedMinor + i.penaltyChargedMinor + i.feesChargedMinor, 0);
    return {
      ...acct(), today, items: views, principalMinor: principal, principalDateWeight: principal * epochDay(addDays(today, -daysOpen)), costChargedMinor: costCharged, balanceMinor: balance,
    };
  });

const arbPolicy = fc.record({ rate: fc.integer({ min: 0, max: 6_000 }), down: fc.integer({ min: 0, max: 5_000 }), min: fc.integer({ min: 0, max: 50_000 }), waive: fc.subarray(['interest', 'penalty', 'fees'] as const) })
  .map(({ rate, down, min, waive }): NegotiationPolicy => ({ ...CN_POLICY, plan: { ...CN_POLICY.plan, buckets: ['M2'], maxTermCount: 24, interestAnnualBp: rate, downPaymentBp: down, minInstalmentMinor: min, waivedByPolicy: [...waive] } }));

test('property: the instalments of any plan sum to the restructured balance plus its interest, and their principal and carried parts to the balance', () => {
  fc.assert(
    fc.property(arbAccount, arbPolicy, fc.integer({ min: 2, max: 24 }), fc.subarray(['interest', 'penalty', 'fees'] as const), (a, policy, n, waive) => {
      const v = buildPlan({ termCount: n, waive }, a, policy);
      if (!v.ok) return;
      const p = v.value;
      const parts = p.items.reduce((s, i) => s + i.principalMinor + i.carried.interest + i.carried.penalty + i.carried.fees, 0);
      assert.equal(parts, p.balanceMinor);
      assert.equal(p.items.reduce((s, i) => s + i.amountMinor, 0), p.balanceMinor + p.costMinor);
      assert.equal(p.balanceMinor, sumOf(p.outstanding) - sumOf(p.waived));
      assert.equal(p.items.length, n);
      for (const i of p.items) assert.ok(i.amountMinor >= policy.plan.minInstalmentMinor && i.principalMinor >= 0 && i.interestMinor >= 0);
    }),
    { numRuns: 300 },
  );
});

test('property: no plan within the cap exceeds it — its annualised rate is at most the cap and the cycle\'s allowance covers every instalment\'s interest', () => {
  fc.assert(
    fc.property(arbAccount, arbPolicy, fc.integer({ min: 2, max: 24 }), (a, policy, n) => {
      const v = buildPlan({ termCount: n }, a, policy);
      if (!v.ok) return;
      const p = v.value;
      const again = checkCostCap(p, a);
      assert.deepEqual(again, p.costCap);
      if (!p.costCap.withinCap) return;
      assert.ok(p.annualRateBp <= 2_400, `rate ${p.annualRateBp}`);
      // Independent check of the allowance, day by day of the due dates, with the instalments paid on time.
      let principal = a.principalMinor;
      let weight = a.principalDateWeight;
      let cost = a.costChargedMinor;
      for (const it of p.items) {
        const day = epochDay(it.dueOn);
        cost += it.interestMinor;
        if (it.interestMinor > 0) assert.ok(cost * 3_650_000 <= 2_400 * (principal * (day + 1) - weight) + 3_650_000, `cost ${cost} over the allowance on ${it.dueOn}`);
        principal -= it.principalMinor;
        weight -= it.principalMinor * day;
      }
    }),
    { numRuns: 300 },
  );
});
