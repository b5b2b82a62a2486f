/**
 * Calibration of the demo portfolio: the figures `scripts/calibrate-demo.ts` derived from real data
 * (UCI default of credit card clients; LendingClub), validated on load, and the payer profiles the demo
 * simulator samples from. docs/demo-data.md explains every figure and the mapping to profiles.
 */
import { z } from 'zod';
import { AppError, fromZodIssues, invalidField } from '../../platform/errors.ts';
import data from './calibration.json' with { type: 'json' };

// ---------------------------------------------------------------------------------------------
// The figures

const shareSchema = z.number().min(0).max(1);
const countSchema = z.number().int().nonnegative();

const bucketSharesSchema = z.object({
  n: countSchema,
  m0: shareSchema,
  m1: shareSchema,
  m2: shareSchema,
  m3: shareSchema,
  m4plus: shareSchema,
});

const quartilesSchema = z.object({ n: countSchema, q25: z.number(), median: z.number(), q75: z.number() });

const paymentRatioSchema = z.object({
  n: countSchema,
  /** paid ≥ 100% of the previous bill */
  fullShare: shareSchema,
  /** paid more than 10% but less than 100% */
  partShare: shareSchema,
  /** paid more than 0 and at most 10%: about a minimum payment */
  minimumishShare: shareSchema,
  nothingShare: shareSchema,
  /** quartiles of paid ÷ bill among those who paid more than 0 and less than 100% */
  partPayers: quartilesSchema,
});

const outcomeSchema = z.object({ n: countSchema, cured: shareSchema, held: shareSchema, rolled: shareSchema });

const sourceSchema = z.object({
  file: z.string().min(1),
  rows: countSchema,
  columns: z.string().min(1),
  licence: z.string().min(1),
  citation: z.string().min(1).optional(),
});

const lcStatusSchema = z.object({
  current: shareSchema,
  inGracePeriod: shareSchema,
  late16to30: shareSchema,
  late31to120: shareSchema,
  chargedOff: shareSchema,
  fullyPaid: shareSchema,
  other: shareSchema,
});

export const CalibrationSchema = z.object({
  sources: z.object({
    uci: sourceSchema.extend({ citation: z.string().min(1) }),
    lendingClubOpenIntro: sourceSchema,
    lendingClubSample: sourceSchema,
    lendingClubLoanStats3a: sourceSchema,
  }),
  uci: z.object({
    /** oldest month first; the last entry is the latest month (PAY_0) */
    bucketSharesByMonth: z
      .array(bucketSharesSchema.extend({ month: z.string().regex(/^\d{4}-\d{2}$/), column: z.string() }))
      .min(2),
    pastDueShareLatest: shareSchema,
    /** the latest month's M0 accounts by status code, as shares of all accounts */
    notPastDueLatest: z.object({ noConsumption: shareSchema, paidDuly: shareSchema, revolving: shareSchema }),
    worstBucketInWindow: bucketSharesSchema,
    defaultNextMonthByLatestBucket: bucketSharesSchema.omit({ n: true }),
    rollRates: z.object({
      pooled: z.object({
        pairs: countSchema,
        from: z.object({
          m0: bucketSharesSchema,
          m1: bucketSharesSchema,
          m2: bucketSharesSchema,
          m3: bucketSharesSchema,
          m4plus: bucketSharesSchema,
        }),
      }),
      latest: z.object({
        pairs: countSchema,
        from: z.object({
          m0: bucketSharesSchema,
          m1: bucketSharesSchema,
          m2: bucketSharesSchema,
          m3: bucketSharesSchema,
          m4plus: bucketSharesSchema,
        }),
      }),
      summary: z.object({
        currentTo1: shareSchema,
        currentToAnyDelay: shareSchema,
        currentToAnyDelayLatest: shareSchema,
        oneTo2: shareSchema,
        oneCured: shareSchema,
        oneObserved: countSchema,
        twoTo3: shareSchema,
        twoCured: shareSchema,
        twoHeld: shareSchema,
        threeTo4Plus: shareSchema,
        threeCured: shareSchema,
        threeHeld: shareSchema,
        fourPlusCured: shareSchema,
        fourPlusStayed: shareSchema,
      }),
      outcomes: z.object({ m1: outcomeSchema, m2: outcomeSchema, m3: outcomeSchema, m4plus: outcomeSchema }),
      rollForwardByStatus: z.array(z.object({ status: z.number().int().min(3), n: countSchema, toNext: shareSchema })),
    }),
    paymentRatio: z.object({
      pairsExamined: countSchema,
      nonPositiveBillsSkipped: countSchema,
      byState: z.object({
        noConsumption: paymentRatioSchema,
        paidDuly: paymentRatioSchema,
        revolving: paymentRatioSchema,
        m1: paymentRatioSchema,
        m2: paymentRatioSchema,
        m3: paymentRatioSchema,
        m4plus: paymentRatioSchema,
      }),
      delinquentPartPayers: quartilesSchema,
      alignmentCheck: z.object({
        paidDulyFullShareByBillMonth: shareSchema,
        paidDulyFullShareByPaymentMonth: shareSchema,
      }),
    }),
  }),
  lendingClub: z.object({
    openIntro2018Q1: z.object({
      n: countSchema,
      status: lcStatusSchema,
      pastDueShare: shareSchema,
      delayWithin30Days: z.object({ n: countSchema, days1to15: shareSchema, days16to30: shareSchema }),
      paidLateFeesShare: shareSchema,
      term36Share: shareSchema,
      interestRatePct: z.object({ q25: z.number(), median: z.number(), q75: z.number() }),
      instalmentToLoanMedian: z.number().positive(),
    }),
    sample1000: z.object({
      n: countSchema,
      status: lcStatusSchema,
      term36Share: shareSchema,
      chargedOff: z.object({
        n: countSchema,
        withRecoveryShare: shareSchema,
        currency: z.string().length(3),
        recoveriesMinor: countSchema,
        principalAtChargeOffMinor: countSchema,
        recoveryShare: shareSchema,
        collectionFeeShareOfRecoveries: shareSchema,
        debtSettlementShare: shareSchema,
      }),
    }),
    loanStats3a: z.object({ n: countSchema, chargedOffShare: shareSchema, term36Share: shareSchema }),
  }),
});

export type Calibration = z.infer<typeof CalibrationSchema>;

/** Validates figures (for instance a regenerated JSON); the error lists every field that is wrong. */
export function parseCalibration(input: unknown): Calibration {
  const result = CalibrationSchema.safeParse(input);
  if (!result.success) throw fromZodIssues(result.error.issues, 'calibration');
  return result.data;
}

/** The shipped figures, validated once when the module loads. */
export const DEMO_CALIBRATION: Calibration = parseCalibration(data);

// ---------------------------------------------------------------------------------------------
// Payer profiles

/**
 * How an account pays for the whole demo. Each simulated account draws one profile at the seed date.
 * "Amount due" is the instalment on an instalment loan and the minimum payment on a revolving line;
 * "pays in full" on a revolving line means the whole statement balance.
 */
export const PAYER_PROFILE_KINDS = [
  'on_time',
  'revolver',
  'late_then_cures',
  'cures_after_months',
  'partial',
  'roll_to_default',
] as const;
export type PayerProfileKind = (typeof PAYER_PROFILE_KINDS)[number];

/** Months overdue at the seed date; 4 stands for four or more (UCI codes 4..9). */
export type OverdueMonths = 1 | 2 | 3 | 4;
export interface OverdueAtSeed {
  overdueMonths: OverdueMonths;
  /** conditional on the profile; the entries of one profile sum to 1 */
  probability: number;
}

export type PayerProfile =
  | {
      /** Pays the full amount (statement balance or instalment) on or before the due day, every cycle. */
      kind: 'on_time';
      probability: number;
    }
  | {
      /**
       * Revolving line: pays at least the minimum payment by the due day, but not the whole statement,
       * so it is never overdue and pays interest. On an instalment loan it pays like `on_time`.
       */
      kind: 'revolver';
      probability: number;
      /** share of cycles paying exactly the minimum; in the others a fraction uniform between minimum and full */
      minimumOnlyShare: number;
    }
  | {
      /**
       * Every cycle misses the due day and pays everything due D days later (1 ≤ D ≤ 30), so it is in M1
       * for D days each month and never rolls further. D is drawn afresh each cycle: first a band, then a
       * day uniformly within it.
       */
      kind: 'late_then_cures';
      probability: number;
      delayDays: Array<{ fromDay: number; toDay: number; probability: number }>;
    }
  | {
      /**
       * Overdue at the seed date; misses due dates until it has missed `monthsMissed` of them, then pays
       * all arrears and the current amount due at once, and pays on time afterwards.
       */
      kind: 'cures_after_months';
      probability: number;
      starts: Array<OverdueAtSeed & { monthsMissed: number }>;
    }
  | {
      /**
       * Overdue at the seed date; every cycle pays a fraction f of the newly due amount (never the
       * arrears), f drawn once per account uniformly in [min, max]. At f = 1 it holds its bucket; below
       * it slowly rolls. Never cures.
       */
      kind: 'partial';
      probability: number;
      starts: OverdueAtSeed[];
      fractionOfNewDue: { min: number; max: number };
    }
  | {
      /**
       * Overdue at the seed date; pays nothing more and rolls one bucket a month into charge-off. After
       * charge-off, recoveries (if the demo simulates them) come to `recoveryShareAfterChargeOff` of the
       * principal outstanding at charge-off.
       */
      kind: 'roll_to_default';
      probability: number;
      starts: OverdueAtSeed[];
      recoveryShareAfterChargeOff: number;
    };

export interface BehaviourMix {
  /** months the demo simulates from the seed date; used for the implied past-due share */
  horizonMonths: number;
  profiles: PayerProfile[];
}

/** Default horizon: the six months the UCI data covers. */
export const DEFAULT_HORIZON_MONTHS = 6;
const MAX_HORIZON_MONTHS = 120;

type Triple = { cured: number; held: number; rolled: number };

/** Rounded shares may not add up to exactly 1; scale them so that they do. */
function normalise<T extends Record<string, number>>(shares: T): T {
  const total = Object.values(shares).reduce((s, x) => s + x, 0);
  if (!(total > 0)) throw new AppError('INTERNAL', `calibration shares ${Object.keys(shares).join(', ')} sum to 0`);
  return Object.fromEntries(Object.entries(shares).map(([k, v]) => [k, v / total])) as T;
}

function normaliseStarts<T extends { probability: number }>(starts: T[]): T[] {
  const total = starts.reduce((s, x) => s + x.probability, 0);
  return total > 0 ? starts.map((x) => ({ ...x, probability: x.probability / total })) : starts;
}

/**
 * Turns the figures into payer profiles. The mix reproduces the latest UCI month (PAY_0) as the seed
 * date's bucket mix, and splits each bucket by what such accounts did the month after:
 *
 * - M0 accounts: paid in full or had nothing to pay (codes −2, −1) → `on_time`; revolving (code 0)
 *   → `revolver`, paying only about the minimum as often as UCI revolvers pay ≤ 10% of the bill.
 * - M1 accounts: the share that did not default the next month → `late_then_cures` (its delay in days
 *   follows LendingClub's 1–15 / 16–30 day late buckets). The rest roll to M2 and split like M2 accounts.
 *   UCI codes a one-month delay almost only in its latest month, so month-to-month M1 rates rest on 22
 *   observations; "default payment next month" is the robust figure for M1.
 * - M2, M3, M4+ accounts, by their pooled next-month outcome: cured → `cures_after_months`; held the
 *   bucket or improved without curing (they paid something) → `partial`; delay grew → `roll_to_default`.
 *
 * Partial payers pay about what a revolver pays (a minimum payment's worth): f runs from the lower
 * quartile of delinquent part-payments divided by the revolvers' median, up to 1.
 */
export function behaviourMix(calibration: Calibration, options: { horizonMonths?: number } = {}): BehaviourMix {
  const horizonMonths = options.horizonMonths ?? DEFAULT_HORIZON_MONTHS;
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > MAX_HORIZON_MONTHS) {
    throw invalidField('horizonMonths', `must be a whole number of months from 1 to ${MAX_HORIZON_MONTHS}, got ${horizonMonths}`);
  }
  const { uci, lendingClub } = calibration;
  const latest = uci.bucketSharesByMonth[uci.bucketSharesByMonth.length - 1];
  if (!latest) throw invalidField('uci.bucketSharesByMonth', 'has no months');
  const seed = normalise({ m0: latest.m0, m1: latest.m1, m2: latest.m2, m3: latest.m3, m4plus: latest.m4plus });

  const paysInFull = uci.notPastDueLatest.noConsumption + uci.notPastDueLatest.paidDuly;
  const m0Split = normalise({ onTime: paysInFull, revolver: uci.notPastDueLatest.revolving });

  const m1RollsOn = uci.defaultNextMonthByLatestBucket.m1;
  const out = uci.rollRates.outcomes;
  const next: Record<'m2' | 'm3' | 'm4plus', Triple> = {
    m2: normalise({ cured: out.m2.cured, held: out.m2.held, rolled: out.m2.rolled }),
    m3: normalise({ cured: out.m3.cured, held: out.m3.held, rolled: out.m3.rolled }),
    m4plus: normalise({ cured: out.m4plus.cured, held: out.m4plus.held, rolled: out.m4plus.rolled }),
  };

  // Mass at the seed date that follows the M2/M3/M4+ split, by months overdue at the seed date.
  // M1 accounts that do not cure next month reach M2 and then behave like M2 accounts.
  const delinquentStarts: Array<{ overdueMonths: OverdueMonths; mass: number; next: Triple }> = [
    { overdueMonths: 1, mass: seed.m1 * m1RollsOn, next: next.m2 },
    { overdueMonths: 2, mass: seed.m2, next: next.m2 },
    { overdueMonths: 3, mass: seed.m3, next: next.m3 },
    { overdueMonths: 4, mass: seed.m4plus, next: next.m4plus },
  ];
  const massOf = (outcome: keyof Triple) => delinquentStarts.reduce((s, d) => s + d.mass * d.next[outcome], 0);

  const revolving = uci.paymentRatio.byState.revolving;
  const minimumOnlyShare = revolving.minimumishShare / (revolving.minimumishShare + revolving.partShare);

  const delay = normalise({
    early: lendingClub.openIntro2018Q1.delayWithin30Days.days1to15,
    late: lendingClub.openIntro2018Q1.delayWithin30Days.days16to30,
  });

  const minimumPayment = revolving.partPayers.median;
  const fractionMin = Math.min(1, uci.paymentRatio.delinquentPartPayers.q25 / minimumPayment);

  const profiles: PayerProfile[] = [
    { kind: 'on_time', probability: seed.m0 * m0Split.onTime },
    { kind: 'revolver', probability: seed.m0 * m0Split.revolver, minimumOnlyShare },
    {
      kind: 'late_then_cures',
      probability: seed.m1 * (1 - m1RollsOn),
      delayDays: [
        { fromDay: 1, toDay: 15, probability: delay.early },
        { fromDay: 16, toDay: 30, probability: delay.late },
      ],
    },
    {
      kind: 'cures_after_months',
      probability: massOf('cured'),
      // An M1 account has to miss one more due date to reach M2 before it can cure like an M2 account.
      starts: normaliseStarts(
        delinquentStarts.map((d) => ({
          overdueMonths: d.overdueMonths,
          monthsMissed: Math.max(2, d.overdueMonths),
          probability: d.mass * d.next.cured,
        })),
      ),
    },
    {
      kind: 'partial',
      probability: massOf('held'),
      starts: normaliseStarts(delinquentStarts.map((d) => ({ overdueMonths: d.overdueMonths, probability: d.mass * d.next.held }))),
      fractionOfNewDue: { min: fractionMin, max: 1 },
    },
    {
      kind: 'roll_to_default',
      probability: massOf('rolled'),
      starts: normaliseStarts(
        delinquentStarts.map((d) => ({ overdueMonths: d.overdueMonths, probability: d.mass * d.next.rolled })),
      ),
      recoveryShareAfterChargeOff: lendingClub.sample1000.chargedOff.recoveryShare,
    },
  ];
  return { horizonMonths, profiles };
}

/**
 * Share of the horizon's months in which an account of this profile is past due. Cures-after-months
 * accounts are past due from the seed month until the month they pay, (monthsMissed − overdue at seed
 * + 1) months, and current afterwards; the other delinquent profiles are past due every month.
 */
export function pastDueMonthShare(profile: PayerProfile, horizonMonths: number): number {
  switch (profile.kind) {
    case 'on_time':
    case 'revolver':
      return 0;
    case 'late_then_cures':
    case 'partial':
    case 'roll_to_default':
      return 1;
    case 'cures_after_months':
      return profile.starts.reduce(
        (s, st) => s + st.probability * (Math.min(horizonMonths, st.monthsMissed - st.overdueMonths + 1) / horizonMonths),
        0,
      );
  }
}

/** Expected share of accounts past due in a month of the horizon, averaged over its months. */
export function impliedPastDueShare(mix: BehaviourMix): number {
  return mix.profiles.reduce((s, p) => s + p.probability * pastDueMonthShare(p, mix.horizonMonths), 0);
}

/** Expected bucket mix at the seed date implied by the profiles (late-then-cures payers sit in M1). */
export function impliedBucketSharesAtSeed(mix: BehaviourMix): { m0: number; m1: number; m2: number; m3: number; m4plus: number } {
  const shares = { m0: 0, m1: 0, m2: 0, m3: 0, m4plus: 0 };
  const key = { 1: 'm1', 2: 'm2', 3: 'm3', 4: 'm4plus' } as const;
  for (const p of mix.profiles) {
    if (p.kind === 'on_time' || p.kind === 'revolver') shares.m0 += p.probability;
    else if (p.kind === 'late_then_cures') shares.m1 += p.probability;
    else for (const st of p.starts) shares[key[st.overdueMonths]] += p.probability * st.probability;
  }
  return shares;
}

/**
 * Picks a profile for a uniform draw `u` in [0, 1) from the simulator's seeded random source, so that
 * the demo stays reproducible.
 */
export function pickProfile(mix: BehaviourMix, u: number): PayerProfile {
  if (!(u >= 0 && u < 1)) throw invalidField('u', `must be a number in [0, 1), got ${u}`);
  let acc = 0;
  for (const p of mix.profiles) {
    acc += p.probability;
    if (u < acc) return p;
  }
  // Rounding can leave the sum a hair below 1; the last profile takes the remainder.
  const last = mix.profiles[mix.profiles.length - 1];
  if (!last) throw invalidField('mix.profiles', 'is empty');
  return last;
}

/** The mix the demo uses. */
export const DEMO_BEHAVIOUR_MIX: BehaviourMix = behaviourMix(DEMO_CALIBRATION);
