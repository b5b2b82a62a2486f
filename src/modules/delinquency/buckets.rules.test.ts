import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bucketFor, movement, validateBuckets } from './buckets.rules.ts';
import type { Bucket } from './delinquency.types.ts';

export const DEFAULT_BUCKETS: Bucket[] = [
  { code: 'M0', ordinal: 0, minDpd: 0, maxDpd: 0 },
  { code: 'M1', ordinal: 1, minDpd: 1, maxDpd: 30 },
  { code: 'M2', ordinal: 2, minDpd: 31, maxDpd: 60 },
  { code: 'M3', ordinal: 3, minDpd: 61, maxDpd: 90 },
  { code: 'M4', ordinal: 4, minDpd: 91, maxDpd: 120 },
  { code: 'M5', ordinal: 5, minDpd: 121, maxDpd: 150 },
  { code: 'M6', ordinal: 6, minDpd: 151, maxDpd: 180 },
  { code: 'M6+', ordinal: 7, minDpd: 181, maxDpd: null },
];

const rows: Array<[number, number, string, string]> = [
  [0, 0, 'M0', 'no days past due is current'],
  [1, 0, 'M1', 'one day past due with no grace is M1'],
  [3, 3, 'M0', 'DPD within the grace days counts as current'],
  [4, 3, 'M1', 'the day after grace ends the account enters M1'],
  [30, 0, 'M1', '30 DPD is the last day of M1'],
  [31, 0, 'M2', '31 DPD starts M2'],
  [90, 0, 'M3', '90 DPD is still M3'],
  [180, 0, 'M6', '180 DPD is the last day of M6'],
  [181, 0, 'M6+', 'beyond 180 DPD is M6+'],
  [4000, 0, 'M6+', 'M6+ has no upper end'],
];

for (const [dpd, grace, code, why] of rows) {
  test(`DPD ${dpd} with ${grace} grace days is ${code}: ${why}`, () => {
    assert.equal(bucketFor(dpd, grace, DEFAULT_BUCKETS).code, code);
  });
}

test('movements: to a later bucket rolls forward, to an earlier delinquent one rolls back, to M0 cures', () => {
  const [m0, m1, m2] = DEFAULT_BUCKETS as [Bucket, Bucket, Bucket];
  assert.equal(movement(m1, m2, m0), 'roll_forward');
  assert.equal(movement(m2, m1, m0), 'roll_back');
  assert.equal(movement(m2, m0, m0), 'cure');
  assert.equal(movement(m1, m1, m0), null);
});

test('the default policy is valid; gaps, overlaps and a closed last bucket are reported', () => {
  assert.deepEqual(validateBuckets(DEFAULT_BUCKETS), []);
  const gap = DEFAULT_BUCKETS.map((b) => (b.code === 'M2' ? { ...b, minDpd: 32 } : b));
  assert.match(validateBuckets(gap).join(), /M2: must start at DPD 31/);
  const closed = DEFAULT_BUCKETS.map((b) => (b.code === 'M6+' ? { ...b, maxDpd: 999 } : b));
  assert.match(validateBuckets(closed).join(), /open-ended/);
});
