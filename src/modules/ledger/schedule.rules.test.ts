import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildInstalmentSchedule, levelPayment } from './schedule.rules.ts';

test('equal principal: ¥12,000 over 12 months repays ¥1,000 principal a month; interest follows the actual days', () => {
  const s = buildInstalmentSchedule({ principalMinor: 1_200_000, termCount: 12, interestDailyRatePpm: 400, openedOn: '2026-01-15', firstDueOn: '2026-02-15', method: 'equal_principal' });
  assert.equal(s.length, 12);
  assert.ok(s.every((i) => i.principalMinor === 100_000));
  // 31 days (15 Jan → 15 Feb) on ¥12,000 at 0.04 %/day = ¥148.80
  assert.deepEqual([s[0]!.days, s[0]!.interestMinor], [31, 14_880]);
  // 28 days (15 Feb → 15 Mar) on ¥11,000 = ¥123.20
  assert.deepEqual([s[1]!.days, s[1]!.interestMinor], [28, 12_320]);
});

test('equal instalment: level payment matches the annuity formula and the last instalment clears the principal', () => {
  // r = 0.0004 × 365 / 12 = 0.0121666…; P = 10,000.00; n = 6 → P·r(1+r)^6/((1+r)^6 − 1) = 1,738.354… → 1,738.35
  assert.equal(levelPayment(1_000_000, 6, 400), 173_835);
  const s = buildInstalmentSchedule({ principalMinor: 1_000_000, termCount: 6, interestDailyRatePpm: 400, openedOn: '2026-03-01', firstDueOn: '2026-04-01', method: 'equal_instalment' });
  assert.equal(s.reduce((a, i) => a + i.principalMinor, 0), 1_000_000);
});

test('a due day of the 31st falls on the last day of shorter months', () => {
  const s = buildInstalmentSchedule({ principalMinor: 300_000, termCount: 3, interestDailyRatePpm: 0, openedOn: '2026-01-01', firstDueOn: '2026-01-31', method: 'equal_principal' });
  assert.deepEqual(s.map((i) => i.dueOn), ['2026-01-31', '2026-02-28', '2026-03-31']);
});

test('property: any schedule repays exactly the principal, with no negative instalment', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 100_000_000 }),
      fc.integer({ min: 1, max: 36 }),
      fc.integer({ min: 0, max: 1_000 }),
      fc.constantFrom('equal_instalment' as const, 'equal_principal' as const),
      (principal, n, ppm, method) => {
        const s = buildInstalmentSchedule({ principalMinor: principal, termCount: n, interestDailyRatePpm: ppm, openedOn: '2026-01-10', firstDueOn: '2026-02-10', method });
        assert.equal(s.reduce((a, i) => a + i.principalMinor, 0), principal);
        for (const i of s) assert.ok(i.principalMinor >= 0 && i.interestMinor >= 0);
      },
    ),
  );
});
