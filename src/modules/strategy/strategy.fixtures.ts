/**
 * Test builders for the strategy module: facts with defaults, and fast-check arbitraries of tables and of
 * facts inside the default bucket domain. Used by the tests only.
 */
import fc from 'fast-check';
import {
  ACTIONS,
  CONTACT_CHANNELS,
  LAST_OUTCOMES,
  PLAN_STATES,
  PROMISE_STATES,
  REACHABLE_CHANNELS,
  RowSchema,
  type AccountFacts,
  type DecisionTable,
  type Row,
  type RowInput,
} from './strategy.types.ts';
import { ACTION_CHANNELS } from './validate.rules.ts';
import { DEFAULT_BUCKET_DOMAIN } from './defaults/index.ts';

/** An M1 account at DPD 5, reachable everywhere, never contacted; override what a case is about. */
export function facts(over: Partial<AccountFacts> = {}): AccountFacts {
  return {
    accountId: 1,
    jurisdiction: 'CN',
    bucket: 'M1',
    dpd: 5,
    daysToDue: null,
    balanceMinor: 500_000,
    riskScore: 500,
    segment: null,
    daysSinceLastContact: null,
    lastOutcome: 'none',
    promiseState: 'none',
    planState: 'none',
    hasChannel: ['sms', 'email', 'push', 'in_app', 'letter', 'call'],
    daysSinceAction: {},
    validationNoticeSent: true,
    ...over,
  };
}

/** A row from its input form (defaults applied). */
export const row = (r: RowInput): Row => RowSchema.parse(r);

/** A table of rows given in input form. */
export function table(rows: RowInput[], code = 't'): DecisionTable {
  return { code, jurisdiction: 'CN', description: '', rows: rows.map(row) };
}

const BUCKET_CODES = DEFAULT_BUCKET_DOMAIN.buckets.map((b) => b.code);
/** Facts range over small values so that random rows and facts meet often. */
const SMALL_DAYS = 8;
const SEGMENTS = ['retail', 'sme'] as const;
/** Actions whose cadence the random facts and rows play with. */
const CADENCE_ACTIONS = ['sms_reminder', 'collector_call', 'letter', 'none'] as const;

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs], { minLength: 1 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const smallRange = (lo: number, hi: number) =>
  fc.record({ min: maybe(fc.integer({ min: lo, max: hi })), max: maybe(fc.integer({ min: lo, max: hi })) }, { requiredKeys: [] });
const nullableRange = (lo: number, hi: number) =>
  fc.oneof(
    fc.record({ min: maybe(fc.integer({ min: lo, max: hi })), max: maybe(fc.integer({ min: lo, max: hi })), nulls: fc.constantFrom('exclude' as const, 'include' as const) }, { requiredKeys: [] }),
    fc.constant({ nulls: 'only' as const }),
  );

/** Drops undefined keys so the strict schemas see only present conditions. */
const compact = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export const rowArb = (id: string): fc.Arbitrary<RowInput> =>
  fc
    .record({
      priority: fc.integer({ min: 0, max: 3 }),
      buckets: maybe(subset(BUCKET_CODES)),
      dpd: maybe(smallRange(0, 200)),
      daysToDue: maybe(nullableRange(0, 5)),
      balanceMinor: maybe(smallRange(0, 1000)),
      riskScore: maybe(nullableRange(0, 1000)),
      segment: maybe(subset(SEGMENTS)),
      daysSinceLastContact: maybe(nullableRange(0, SMALL_DAYS)),
      lastOutcome: maybe(subset(LAST_OUTCOMES)),
      promiseState: maybe(subset(PROMISE_STATES)),
      planState: maybe(subset(PLAN_STATES)),
      hasChannel: maybe(subset(REACHABLE_CHANNELS)),
      validationNoticeSent: maybe(fc.boolean()),
      action: fc.constantFrom(...ACTIONS),
      channelPick: fc.nat(),
      fallback: fc.subarray([...CONTACT_CHANNELS], { maxLength: 2 }),
      cadenceDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5 })),
    })
    .map((r): RowInput => {
      const allowed = ACTION_CHANNELS[r.action];
      const channel = allowed[r.channelPick % allowed.length]!;
      const fallback = channel === 'none' ? [] : r.fallback.filter((c) => c !== channel).map((c) => ({ channel: c, template: `t.${c}` }));
      const { priority, action, cadenceDays } = r;
      return {
        id,
        priority,
        conditions: compact({
          buckets: r.buckets, dpd: r.dpd && compact(r.dpd), daysToDue: r.daysToDue && compact(r.daysToDue), balanceMinor: r.balanceMinor && compact(r.balanceMinor),
          riskScore: r.riskScore && compact(r.riskScore), segment: r.segment, daysSinceLastContact: r.daysSinceLastContact && compact(r.daysSinceLastContact),
          lastOutcome: r.lastOutcome, promiseState: r.promiseState, planState: r.planState, hasChannel: r.hasChannel, validationNoticeSent: r.validationNoticeSent,
        }),
        outputs: { action, channel, template: channel === 'none' ? null : `t.${channel}`, priority: 50, fallback, cadenceDays },
      };
    });

const wait = (id: string, priority: number, conditions: RowInput['conditions']): RowInput => ({ id, priority, conditions, outputs: { action: 'none', channel: 'none', priority: 0 } });

/**
 * How a random table ends, so that tables without gaps occur: not at all, with an unconditional wait row,
 * or with two wait rows that split the accounts between them on a risk score or DPD threshold (covering
 * everything only together, which the validator must see).
 */
const tailArb = fc.oneof(
  fc.constant<RowInput[]>([]),
  fc.constant<RowInput[]>([wait('wait', 9, {})]),
  fc.integer({ min: 0, max: 1001 }).map((k): RowInput[] => [wait('risky', 9, { riskScore: { min: k } }), wait('safe', 9, { riskScore: { max: k - 1, nulls: 'include' } })]),
  fc.integer({ min: 1, max: 200 }).map((k): RowInput[] => [wait('early', 8, { dpd: { max: k - 1 } }), wait('late', 9, { dpd: { min: k } })]),
);

/** A table of 1–8 random rows and a random tail. */
export const tableArb: fc.Arbitrary<DecisionTable> = fc
  .tuple(fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => rowArb(`r${i}`)))), tailArb)
  .map(([rows, tail]) => table([...rows, ...tail]));

const days = fc.option(fc.integer({ min: 0, max: SMALL_DAYS }), { nil: null });

/** Facts inside the default domain: DPD within the bucket's range, daysToDue only for current accounts. */
export const factsArb: fc.Arbitrary<AccountFacts> = fc
  .record({
    accountId: fc.integer({ min: 1, max: 1_000_000 }),
    bucketIndex: fc.integer({ min: 0, max: BUCKET_CODES.length - 1 }),
    dpdOffset: fc.integer({ min: 0, max: 40 }),
    daysToDue: fc.option(fc.integer({ min: 0, max: 6 }), { nil: null }),
    balanceMinor: fc.integer({ min: -10, max: 1010 }),
    riskScore: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
    segment: fc.constantFrom('retail', 'sme', 'other', null),
    daysSinceLastContact: days,
    lastOutcome: fc.constantFrom(...LAST_OUTCOMES),
    promiseState: fc.constantFrom(...PROMISE_STATES),
    planState: fc.constantFrom(...PLAN_STATES),
    hasChannel: fc.subarray([...REACHABLE_CHANNELS]),
    cadence: fc.tuple(...CADENCE_ACTIONS.map(() => days)),
    validationNoticeSent: fc.boolean(),
  })
  .map((r): AccountFacts => {
    const b = DEFAULT_BUCKET_DOMAIN.buckets[r.bucketIndex]!;
    const dpd = b.maxDpd === null ? b.minDpd + r.dpdOffset * 5 : Math.min(b.maxDpd, b.minDpd + r.dpdOffset);
    return {
      accountId: r.accountId,
      jurisdiction: 'CN',
      bucket: b.code,
      dpd,
      daysToDue: b.minDpd > 0 ? null : r.daysToDue,
      balanceMinor: r.balanceMinor,
      riskScore: r.riskScore,
      segment: r.segment,
      daysSinceLastContact: r.daysSinceLastContact,
      lastOutcome: r.lastOutcome,
      promiseState: r.promiseState,
      planState: r.planState,
      hasChannel: r.hasChannel,
      daysSinceAction: Object.fromEntries(CADENCE_ACTIONS.map((a, i) => [a, r.cadence[i]])),
      validationNoticeSent: r.validationNoticeSent,
    };
  });
