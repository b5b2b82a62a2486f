import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allocatePayment, applyLines, isSettled } from './allocation.rules.ts';
import { DEFAULT_WATERFALL, type ItemBalance } from './ledger.types.ts';

function item(seq: number, dueOn: string, o: Partial<ItemBalance> = {}): ItemBalance {
  return {
    seq, kind: 'instalment', dueOn, createdOn: '2026-01-01',
    principalDueMinor: 10_000, interestDueMinor: 500, minimumDueMinor: 10_500,
    principalPaidMinor: 0, interestChargedMinor: 500, interestPaidMinor: 0,
    penaltyChargedMinor: 0, penaltyPaidMinor: 0, feesChargedMinor: 0, feesPaidMinor: 0, settledOn: null,
    ...o,
  };
}

const twoOverdue = [item(1, '2026-02-01', { penaltyChargedMinor: 300, feesChargedMinor: 100 }), item(2, '2026-03-01', { penaltyChargedMinor: 50 })];

const cases: Array<{ name: string; amount: number; waterfall?: typeof DEFAULT_WATERFALL; valueDate?: string; expect: Array<[number | null, string, number]> }> = [
  {
    name: 'default waterfall pays fees, then penalty, then interest, then principal, oldest item first within each',
    amount: 1_000,
    expect: [[1, 'fees', 100], [1, 'penalty', 300], [2, 'penalty', 50], [1, 'interest', 500], [2, 'interest', 50]],
  },
  {
    name: 'item-first order clears the oldest item in full before the next',
    amount: 11_000,
    waterfall: { order: 'item_first', components: ['fees', 'penalty', 'interest', 'principal'] },
    expect: [[1, 'fees', 100], [1, 'penalty', 300], [1, 'interest', 500], [1, 'principal', 10_000], [2, 'penalty', 50], [2, 'interest', 50]],
  },
  {
    name: 'a principal-first waterfall (configurable per product) pays principal before charges',
    amount: 10_200,
    waterfall: { order: 'component_first', components: ['principal', 'interest', 'penalty', 'fees'] },
    expect: [[1, 'principal', 10_000], [2, 'principal', 200]],
  },
  {
    name: 'an instalment not yet due is not paid; the excess is held as credit',
    amount: 22_000,
    valueDate: '2026-02-15',
    expect: [[1, 'fees', 100], [1, 'penalty', 300], [1, 'interest', 500], [1, 'principal', 10_000], [null, 'credit', 11_100]],
  },
  { name: 'a zero payment allocates nothing', amount: 0, expect: [] },
];

for (const c of cases) {
  test(c.name, () => {
    const lines = allocatePayment({ amountMinor: c.amount, valueDate: c.valueDate ?? '2026-03-10', productKind: 'instalment', items: twoOverdue, unbilledPrincipalMinor: 0, waterfall: c.waterfall ?? DEFAULT_WATERFALL });
    assert.deepEqual(lines.map((l) => [l.itemSeq, l.component, l.amountMinor]), c.expect);
  });
}

test('a revolving line pays a statement before its due date, then unbilled principal, then credit', () => {
  const statement = item(1, '2026-02-10', { kind: 'statement', createdOn: '2026-02-01', interestChargedMinor: 0, interestDueMinor: 0, minimumDueMinor: 1_000 });
  const lines = allocatePayment({ amountMinor: 12_000, valueDate: '2026-02-05', productKind: 'revolving', items: [statement], unbilledPrincipalMinor: 1_500, waterfall: DEFAULT_WATERFALL });
  assert.deepEqual(lines.map((l) => [l.itemSeq, l.component, l.amountMinor]), [[1, 'principal', 10_000], [null, 'principal', 1_500], [null, 'credit', 500]]);
});

test('an instalment counts as settled only once principal and interest are paid', () => {
  const [i1] = twoOverdue;
  const partly = applyLines([i1!], [{ itemSeq: 1, component: 'principal', amountMinor: 10_000 }]);
  assert.equal(isSettled(partly[0]!), false);
  const fully = applyLines(partly, [{ itemSeq: 1, component: 'interest', amountMinor: 500 }]);
  assert.equal(isSettled(fully[0]!), true);
});

test('property: allocation conserves the amount and never pays more than is owed', () => {
  const itemArb = fc.record({
    principal: fc.integer({ min: 0, max: 1_000_000 }),
    interest: fc.integer({ min: 0, max: 100_000 }),
    penalty: fc.integer({ min: 0, max: 100_000 }),
    fees: fc.integer({ min: 0, max: 10_000 }),
    month: fc.integer({ min: 1, max: 9 }),
  });
  fc.assert(
    fc.property(fc.array(itemArb, { maxLength: 6 }), fc.integer({ min: 0, max: 5_000_000 }), fc.boolean(), (specs, amount, itemFirst) => {
      const items = specs.map((s, k) =>
        item(k + 1, `2026-0${s.month}-01`, { principalDueMinor: s.principal, interestChargedMinor: s.interest, penaltyChargedMinor: s.penalty, feesChargedMinor: s.fees }),
      );
      const lines = allocatePayment({ amountMinor: amount, valueDate: '2026-12-31', productKind: 'instalment', items, unbilledPrincipalMinor: 0, waterfall: { order: itemFirst ? 'item_first' : 'component_first', components: ['fees', 'penalty', 'interest', 'principal'] } });
      assert.equal(lines.reduce((s, l) => s + l.amountMinor, 0), amount);
      for (const l of lines) assert.ok(l.amountMinor > 0);
      const after = applyLines(items, lines);
      for (const i of after) {
        assert.ok(i.principalPaidMinor <= i.principalDueMinor);
        assert.ok(i.interestPaidMinor <= i.interestChargedMinor);
        assert.ok(i.penaltyPaidMinor <= i.penaltyChargedMinor);
        assert.ok(i.feesPaidMinor <= i.feesChargedMinor);
      }
    }),
  );
});
