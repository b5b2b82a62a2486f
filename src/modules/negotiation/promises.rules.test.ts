import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPromise, minimumPromiseMinor, DEFAULT_PROMISE_POLICY, type PromiseContext } from './promises.rules.ts';
import { PromisePolicySchema, type PromisePolicy } from './negotiation.types.ts';

const P = DEFAULT_PROMISE_POLICY;
const ctx = (o: Partial<PromiseContext> = {}): PromiseContext => ({ today: '2026-03-01', overdueMinor: 100_000, balanceMinor: 1_000_000, openPromises: [], ...o });

const minimums: Array<[number, Partial<PromisePolicy>, number, string]> = [
  [100_000, {}, 10_000, '10 % of ¥1,000.00 arrears is above the ¥50.00 floor'],
  [20_000, {}, 5_000, 'the ¥50.00 floor is above 10 % of ¥200.00'],
  [3_000, {}, 3_000, 'never more than the arrears themselves'],
  [1_005, { minAmountMinor: 0 }, 101, 'a share is rounded up, so 10 % of 1,005 fen is 101 fen'],
  [100_000, { minAmountMinor: 0, minOverdueBp: 0 }, 0, 'a policy may set no minimum at all'],
];
for (const [overdue, policy, expected, why] of minimums) {
  test(`minimum promise for overdue ${overdue}: ${expected} because ${why}`, () => {
    assert.equal(minimumPromiseMinor(overdue, { ...P, ...policy }), expected);
  });
}

const cases: Array<[string, { amountMinor: number; dueOn: string }, PromiseContext, string[]]> = [
  ['a promise of 10 % of the arrears due in a week is accepted', { amountMinor: 10_000, dueOn: '2026-03-08' }, ctx(), []],
  ['a promise due today is accepted', { amountMinor: 10_000, dueOn: '2026-03-01' }, ctx(), []],
  ['a promise due exactly 14 days ahead is accepted', { amountMinor: 10_000, dueOn: '2026-03-15' }, ctx(), []],
  ['a promise due 15 days ahead is refused: the policy allows 14', { amountMinor: 10_000, dueOn: '2026-03-16' }, ctx(), ['dueOn: more than 14 days after 2026-03-01 (at most 2026-03-15)']],
  ['a promise due yesterday is refused', { amountMinor: 10_000, dueOn: '2026-02-28' }, ctx(), ['dueOn: before the business date 2026-03-01']],
  ['a token amount below the minimum is refused', { amountMinor: 9_999, dueOn: '2026-03-05' }, ctx(), ['amountMinor: at least 10000 minor units (the larger of 5000 and 10 % of the overdue 100000, at most the overdue amount)']],
  ['an amount above everything owed is refused', { amountMinor: 1_000_001, dueOn: '2026-03-05' }, ctx(), ["amountMinor: more than the account's balance of 1000000 minor units"]],
  ['a second open promise is refused when the policy allows one', { amountMinor: 10_000, dueOn: '2026-03-05' }, ctx({ openPromises: [{ id: 7, dueOn: '2026-03-03' }] }), ['account: the account already has 1 open promise (#7 due 2026-03-03); at most 1 may be open']],
  ['an account with nothing overdue takes no promise', { amountMinor: 10_000, dueOn: '2026-03-05' }, ctx({ overdueMinor: 0 }), ['account: nothing is overdue on this account; a promise to pay covers arrears']],
  ['every problem is reported at once', { amountMinor: 1, dueOn: '2026-04-30' }, ctx({ openPromises: [{ id: 1, dueOn: '2026-03-02' }] }), [
    'account: the account already has 1 open promise (#1 due 2026-03-02); at most 1 may be open',
    'amountMinor: at least 10000 minor units (the larger of 5000 and 10 % of the overdue 100000, at most the overdue amount)',
    'dueOn: more than 14 days after 2026-03-01 (at most 2026-03-15)',
  ]],
];
for (const [why, terms, c, expected] of cases) {
  test(why, () => {
    assert.deepEqual(checkPromise(terms, c, P).map((i) => `${i.field}: ${i.message}`), expected);
  });
}

test('a policy allowing two open promises accepts a second one', () => {
  assert.deepEqual(checkPromise({ amountMinor: 10_000, dueOn: '2026-03-05' }, ctx({ openPromises: [{ id: 7, dueOn: '2026-03-03' }] }), { ...P, maxOpenPerAccount: 2 }), []);
});

test('the shipped policy is valid and a policy beyond the limits is refused with the field named', () => {
  assert.ok(PromisePolicySchema.safeParse(P).success);
  const bad = PromisePolicySchema.safeParse({ ...P, maxDaysAhead: 365, minOverdueBp: 20_000 });
  assert.equal(bad.success, false);
  assert.deepEqual(bad.error?.issues.map((i) => i.path.join('.')).sort(), ['maxDaysAhead', 'minOverdueBp']);
});
