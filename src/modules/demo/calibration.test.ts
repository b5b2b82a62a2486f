import { test } from 'node:test';
import assert from 'node:assert/strict';
import data from './calibration.json' with { type: 'json' };
import { AppError } from '../../platform/errors.ts';
import {
  CalibrationSchema,
  DEMO_BEHAVIOUR_MIX,
  DEMO_CALIBRATION,
  PAYER_PROFILE_KINDS,
  behaviourMix,
  impliedBucketSharesAtSeed,
  impliedPastDueShare,
  parseCalibration,
  pickProfile,
} from './calibration.ts';

const sum = (xs: number[]): number => xs.reduce((s, x) => s + x, 0);
const latestMonth = DEMO_CALIBRATION.uci.bucketSharesByMonth.at(-1)!;

test('the shipped calibration JSON validates against the schema', () => {
  const result = CalibrationSchema.safeParse(data);
  assert.ok(result.success, result.success ? '' : JSON.stringify(result.error.issues.slice(0, 3)));
});

test('the calibration names every data file with the rows it used', () => {
  const { sources } = DEMO_CALIBRATION;
  assert.equal(sources.uci.rows, 24001);
  assert.equal(sources.lendingClubOpenIntro.rows, 10000);
  assert.equal(sources.lendingClubSample.rows, 1000);
  assert.equal(sources.lendingClubLoanStats3a.rows, 39786);
  assert.match(sources.uci.citation, /Yeh.*Lien.*2009/);
  for (const s of Object.values(sources)) assert.doesNotMatch(s.file, /^\//, 'paths are relative to the data folder');
});

test('a schema violation is reported with the field that is wrong', () => {
  const broken = structuredClone(data) as { uci: { pastDueShareLatest: number } };
  broken.uci.pastDueShareLatest = 1.5;
  assert.throws(
    () => parseCalibration(broken),
    (err: unknown) =>
      err instanceof AppError &&
      err.code === 'VALIDATION_FAILED' &&
      err.issues.some((i) => i.path === 'calibration.uci.pastDueShareLatest'),
  );
});

test('every bucket share row of the UCI months adds up to 1 (up to rounding)', () => {
  for (const m of DEMO_CALIBRATION.uci.bucketSharesByMonth) {
    assert.ok(Math.abs(m.m0 + m.m1 + m.m2 + m.m3 + m.m4plus - 1) < 5e-4, m.month);
  }
});

test('the profile probabilities sum to 1 within 1e-9', () => {
  assert.ok(Math.abs(sum(DEMO_BEHAVIOUR_MIX.profiles.map((p) => p.probability)) - 1) < 1e-9);
  for (const horizonMonths of [1, 3, 12, 36]) {
    const mix = behaviourMix(DEMO_CALIBRATION, { horizonMonths });
    assert.ok(Math.abs(sum(mix.profiles.map((p) => p.probability)) - 1) < 1e-9, `horizon ${horizonMonths}`);
  }
});

test('there is exactly one profile of each kind, each with a probability between 0 and 1', () => {
  assert.deepEqual(
    DEMO_BEHAVIOUR_MIX.profiles.map((p) => p.kind),
    [...PAYER_PROFILE_KINDS],
  );
  for (const p of DEMO_BEHAVIOUR_MIX.profiles) assert.ok(p.probability > 0 && p.probability < 1, p.kind);
});

test('the conditional distributions inside each profile sum to 1', () => {
  for (const p of DEMO_BEHAVIOUR_MIX.profiles) {
    if (p.kind === 'late_then_cures') {
      assert.ok(Math.abs(sum(p.delayDays.map((d) => d.probability)) - 1) < 1e-9);
      for (const d of p.delayDays) assert.ok(d.fromDay >= 1 && d.toDay <= 30 && d.fromDay <= d.toDay);
    }
    if (p.kind === 'cures_after_months' || p.kind === 'partial' || p.kind === 'roll_to_default') {
      assert.ok(Math.abs(sum(p.starts.map((s) => s.probability)) - 1) < 1e-9, p.kind);
    }
    if (p.kind === 'cures_after_months') {
      for (const s of p.starts) assert.ok(s.monthsMissed >= s.overdueMonths && s.monthsMissed >= 2);
    }
    if (p.kind === 'partial') {
      assert.ok(p.fractionOfNewDue.min > 0 && p.fractionOfNewDue.min <= p.fractionOfNewDue.max && p.fractionOfNewDue.max <= 1);
    }
  }
});

test('the share past due in a month implied by the profiles is within 3 points of the UCI share with PAY_0 ≥ 1', () => {
  const implied = impliedPastDueShare(DEMO_BEHAVIOUR_MIX);
  const observed = DEMO_CALIBRATION.uci.pastDueShareLatest;
  assert.ok(Math.abs(implied - observed) <= 0.03, `implied ${implied.toFixed(4)} vs UCI ${observed}`);
});

test('at the seed date the profiles reproduce the UCI latest-month bucket mix', () => {
  const implied = impliedBucketSharesAtSeed(DEMO_BEHAVIOUR_MIX);
  for (const b of ['m0', 'm1', 'm2', 'm3', 'm4plus'] as const) {
    assert.ok(Math.abs(implied[b] - latestMonth[b]) < 1e-3, `${b}: implied ${implied[b]} vs UCI ${latestMonth[b]}`);
  }
});

test('a one-month horizon implies exactly the seed-date past-due share, longer horizons less as cures leave', () => {
  const one = impliedPastDueShare(behaviourMix(DEMO_CALIBRATION, { horizonMonths: 1 }));
  const twelve = impliedPastDueShare(behaviourMix(DEMO_CALIBRATION, { horizonMonths: 12 }));
  assert.ok(Math.abs(one - DEMO_CALIBRATION.uci.pastDueShareLatest) < 1e-3);
  assert.ok(twelve < one);
});

test('behaviourMix refuses a horizon that is not a whole number of months from 1 to 120', () => {
  for (const horizonMonths of [0, -1, 1.5, 121, Number.NaN]) {
    assert.throws(
      () => behaviourMix(DEMO_CALIBRATION, { horizonMonths }),
      (err: unknown) => err instanceof AppError && err.issues[0]?.path === 'horizonMonths',
    );
  }
});

test('pickProfile maps a uniform draw onto the cumulative probabilities', () => {
  const [first, second] = DEMO_BEHAVIOUR_MIX.profiles;
  assert.equal(pickProfile(DEMO_BEHAVIOUR_MIX, 0).kind, first!.kind);
  assert.equal(pickProfile(DEMO_BEHAVIOUR_MIX, first!.probability).kind, second!.kind);
  assert.equal(pickProfile(DEMO_BEHAVIOUR_MIX, 0.999999999).kind, 'roll_to_default');
  assert.throws(() => pickProfile(DEMO_BEHAVIOUR_MIX, 1), AppError);
});

test('behaviourMix is pure: the same figures give the same mix', () => {
  assert.deepEqual(behaviourMix(DEMO_CALIBRATION), behaviourMix(structuredClone(DEMO_CALIBRATION)));
});
