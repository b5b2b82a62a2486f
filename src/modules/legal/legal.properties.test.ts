import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { admitCost, scheduledCourtFee } from './legal.rules.ts';
import { CN_COURT_FEES, CN_LEGAL_POLICY, UK_COURT_FEES, UK_LEGAL_POLICY } from './policy.defaults.ts';
import { CHARGEABILITY, COST_TYPES, type LegalPolicy } from './legal.types.ts';

const money = fc.integer({ min: 1, max: 5_000_000_000 });

test('cost admissibility: the debtor never bears more than the cost, the policy, the schedule or the cap allow, and the two parts add up', () => {
  const policyArb = fc.record({
    chargeable: fc.constantFrom(...CHARGEABILITY),
    capBpOfClaim: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
    withinCostCap: fc.boolean(),
  }).map((rule): LegalPolicy => ({ ...CN_LEGAL_POLICY, costs: { ...CN_LEGAL_POLICY.costs, court_fee: rule, lawyer_fee: rule, enforcement_fee: rule, other: rule } }));
  fc.assert(fc.property(
    policyArb, fc.constantFrom(...COST_TYPES), money, money, fc.boolean(), fc.integer({ min: 0, max: 1_000_000 }), fc.option(fc.integer({ min: -100_000, max: 10_000_000 }), { nil: null }),
    (policy, costType, amountMinor, claimMinor, costsAwarded, chargedSoFarMinor, capHeadroomMinor) => {
      const d = admitCost({ costType, amountMinor, claimMinor, currency: 'CNY', costsAwarded, chargedSoFarMinor, capHeadroomMinor }, policy);
      const rule = policy.costs[costType];
      assert.equal(d.chargedMinor + d.lenderExpenseMinor, amountMinor);
      assert.ok(d.chargedMinor >= 0 && d.chargedMinor <= d.admissibleMinor && d.admissibleMinor <= amountMinor);
      assert.equal(d.cappedMinor, d.admissibleMinor - d.chargedMinor);
      if (rule.chargeable === 'never' || (rule.chargeable === 'if_awarded' && !costsAwarded)) assert.equal(d.chargedMinor, 0);
      if (costType === 'court_fee') assert.ok(d.chargedMinor <= Math.max(0, scheduledCourtFee(claimMinor, policy.costs.courtFeeSchedule) - chargedSoFarMinor));
      if (rule.capBpOfClaim !== null) assert.ok(d.chargedMinor + chargedSoFarMinor <= Math.floor((claimMinor * rule.capBpOfClaim) / 10_000) || d.chargedMinor === 0);
      if (rule.withinCostCap && capHeadroomMinor !== null) assert.ok(d.chargedMinor <= Math.max(0, capHeadroomMinor));
      else assert.equal(d.cappedMinor, 0);
      assert.equal(d.entryKind, rule.withinCostCap ? 'LEGAL_FEE' : 'LEGAL_COST');
      assert.ok(d.reasons.length > 0 && d.reasons.every((r) => r['zh-CN'] && r.en));
    },
  ), { numRuns: 2_000 });
});

test('court fee schedules: the fee never falls as the claim grows, and the CN fee is continuous at every band start', () => {
  for (const bands of [CN_COURT_FEES, UK_COURT_FEES]) {
    fc.assert(fc.property(money, fc.integer({ min: 0, max: 100_000_000 }), (claim, more) => {
      assert.ok(scheduledCourtFee(claim + more, bands) >= scheduledCourtFee(claim, bands));
    }), { numRuns: 2_000 });
  }
  for (const b of CN_COURT_FEES.slice(1)) {
    assert.equal(scheduledCourtFee(b.fromMinor, CN_COURT_FEES), b.fixedMinor, `the fee at ${b.fromMinor} is the next band's fixed part`);
  }
  assert.equal(UK_LEGAL_POLICY.costs.courtFeeSchedule, UK_COURT_FEES);
});
