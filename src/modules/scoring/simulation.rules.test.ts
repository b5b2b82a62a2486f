import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { bucketOrdinal, queueOrder, simulateRecovery, type SimAccount } from './simulation.rules.ts';

// A: long overdue, large arrears, pays nothing. B: M1, pays 500 on day 3. C: M1, small, pays 300 on day 1 and 200 on day 3. D: M2, pays 1,000 on day 9.
const A: SimAccount = { id: 1, dpd: 95, overdueMinor: 9_000, expectedRecoveryMinor: 100, payments: [] };
const B: SimAccount = { id: 2, dpd: 10, overdueMinor: 800, expectedRecoveryMinor: 700, payments: [{ day: 3, amountMinor: 500 }] };
const C: SimAccount = { id: 3, dpd: 12, overdueMinor: 400, expectedRecoveryMinor: 600, payments: [{ day: 1, amountMinor: 300 }, { day: 3, amountMinor: 200 }] };
const D: SimAccount = { id: 4, dpd: 40, overdueMinor: 100, expectedRecoveryMinor: 50, payments: [{ day: 9, amountMinor: 1_000 }] };

test('bucketOrdinal: 30-day bands of DPD, M1 … M6+', () => {
  assert.deepEqual([0, 1, 30, 31, 60, 61, 180, 181, 400].map(bucketOrdinal), [0, 1, 1, 2, 2, 3, 6, 7, 7]);
});

test('queueOrder: by bucket then overdue amount; by expected recovery; by what was paid; a seeded shuffle', () => {
  const ids = (xs: SimAccount[]) => xs.map((a) => a.id);
  assert.deepEqual(ids(queueOrder([B, C, A, D], 'dpd')), [1, 4, 2, 3]);
  assert.deepEqual(ids(queueOrder([A, B, C, D], 'expected_recovery')), [2, 3, 1, 4]);
  assert.deepEqual(ids(queueOrder([A, B, C, D], 'oracle')), [4, 2, 3, 1], 'B and C both pay 500: the smaller id first');
  const r1 = ids(queueOrder([A, B, C, D], 'random', 5));
  assert.deepEqual(ids(queueOrder([D, C, B, A], 'random', 5)), r1, 'the shuffle depends on the seed, not the input order');
  assert.deepEqual([...r1].sort(), [1, 2, 3, 4]);
});

test('simulateRecovery: a call is credited with what its account pays from that day on; each account is called once', () => {
  const accounts = [A, B, C, D];
  // One call a day for 3 days. DPD order: A (day 1, nothing), D (day 2; its payment on day 9 is outside the window), B (day 3: 500).
  assert.deepEqual(simulateRecovery(accounts, { order: 'dpd', callsPerDay: 1, days: 3 }), { order: 'dpd', calls: 3, recoveredMinor: 500, payingCalls: 1 });
  // By expected recovery: B (day 1: 500), C (day 2: the 200 of day 3, not the 300 of day 1), A (day 3: nothing).
  assert.deepEqual(simulateRecovery(accounts, { order: 'expected_recovery', callsPerDay: 1, days: 3 }), { order: 'expected_recovery', calls: 3, recoveredMinor: 700, payingCalls: 2 });
  // Ten days, two calls a day: everyone is called on days 1–2 and everything paid from then on counts.
  assert.equal(simulateRecovery(accounts, { order: 'expected_recovery', callsPerDay: 2, days: 10 }).recoveredMinor, 500 + 300 + 200 + 1_000);
  assert.equal(simulateRecovery(accounts, { order: 'dpd', callsPerDay: 2, days: 10 }).recoveredMinor, 500 + 200 + 1_000, 'C is called on day 2, after its first payment');
  assert.equal(simulateRecovery([], { order: 'dpd', callsPerDay: 3, days: 5 }).calls, 0);
  for (const [o, field] of [[{ callsPerDay: 0, days: 1 }, 'calls'], [{ callsPerDay: 1, days: 0 }, 'days'], [{ callsPerDay: 1.5, days: 1 }, 'calls']] as const) {
    assert.throws(() => simulateRecovery(accounts, { order: 'dpd', ...o }), (e: unknown) => e instanceof AppError && e.issues[0]?.path === field);
  }
});
