/** Property tests of the contact check (fast-check). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { OUTCOMES } from './compliance.types.ts';
import { check } from './fixtures/build.ts';

const NOW_MS = Date.parse('2026-04-08T15:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const entryArb = (direction?: 'inbound' | 'outbound') =>
  fc.record({
    at: fc.integer({ min: 1, max: 9 * 24 * 60 }).map((m) => iso(NOW_MS - m * 60_000)),
    channel: fc.constantFrom('call', 'call', 'call', 'voicemail', 'sms'),
    outcome: fc.constantFrom(...OUTCOMES),
    direction: direction ? fc.constant(direction) : fc.constantFrom('outbound', 'outbound', 'outbound', 'inbound'),
    debtIds: fc.constantFrom(['X'], ['Y'], [] as string[]),
    recipientRole: fc.constantFrom('debtor', 'debtor', 'debtor', 'contact'),
    contactPoint: fc.constantFrom('13800000000', '13900000000'),
  });

const scenario = fc.record({
  jurisdiction: fc.constantFrom('CN', 'US', 'US-MA', 'US-NYC', 'UK'),
  history: fc.array(entryArb(), { maxLength: 30 }),
  channel: fc.constantFrom('call', 'voicemail', 'sms'),
  zone: fc.constantFrom('Asia/Shanghai', 'America/New_York', 'Europe/London'),
  hourShift: fc.integer({ min: -12, max: 12 }),
});

function requestOf(s: { jurisdiction: string; history: unknown[]; channel: string; zone: string; hourShift: number }) {
  return {
    jurisdiction: s.jurisdiction as 'CN',
    now: iso(NOW_MS + s.hourShift * 3_600_000),
    debtor: { timeZones: [s.zone] },
    action: { channel: s.channel as 'call', debtIds: ['X'], contactPoint: { type: 'mobile', value: '13800000000' } },
    history: s.history as never,
  };
}

const FREQUENCY_CHECKS = (t: { ruleId: string; check?: string | undefined; outcome: string }) =>
  t.outcome === 'fail' &&
  (t.ruleId === 'CN-FREQ-01' || t.ruleId === 'CN-FREQ-02' || t.ruleId === 'US-MA-01' || t.ruleId === 'US-NYC-01' || (t.ruleId === 'US-FREQ-01' && (t.check === 'seven-in-seven' || t.check === 'after-conversation')));

const frequencyFailures = (v: ReturnType<typeof check>) => v.trace.filter(FREQUENCY_CHECKS).map((t) => `${t.ruleId}/${t.check ?? ''}`);

describe('contact check properties', () => {
  it('adding history never turns a frequency deny into an allow', () => {
    fc.assert(
      fc.property(scenario, fc.array(entryArb(), { minLength: 1, maxLength: 10 }), (s, extra) => {
        const before = check(requestOf(s));
        const failed = frequencyFailures(before);
        fc.pre(failed.length > 0);
        const after = check(requestOf({ ...s, history: [...s.history, ...extra] }));
        assert.equal(after.decision, 'deny');
        for (const f of failed) assert.ok(frequencyFailures(after).includes(f), `${f} no longer fails`);
      }),
      { numRuns: 300 },
    );
  });

  it('a debtor-initiated (inbound) contact never counts toward an outbound cap', () => {
    fc.assert(
      fc.property(scenario, fc.array(entryArb('inbound'), { minLength: 1, maxLength: 10 }), (s, inbound) => {
        const outCaps = (v: ReturnType<typeof check>) =>
          v.trace
            .filter((t) => t.ruleId === 'CN-FREQ-01' || t.ruleId === 'CN-FREQ-02' || t.ruleId === 'US-NYC-01' || t.ruleId === 'US-MA-01' || (t.ruleId === 'US-FREQ-01' && t.check === 'seven-in-seven'))
            .map((t) => `${t.ruleId}/${t.check ?? ''}/${t.outcome}/${t.reason.en}`);
        const a = check(requestOf(s));
        const b = check(requestOf({ ...s, history: [...s.history, ...inbound] }));
        assert.deepEqual(outCaps(b), outCaps(a));
      }),
      { numRuns: 300 },
    );
  });

  it('the verdict does not depend on the order of history entries', () => {
    const withShuffle = scenario.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s.history, { minLength: s.history.length, maxLength: s.history.length })));
    fc.assert(
      fc.property(withShuffle, ([s, shuffled]) => {
        assert.deepEqual(check(requestOf({ ...s, history: shuffled })), check(requestOf(s)));
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the same request gives the same verdict', () => {
    fc.assert(fc.property(scenario, (s) => assert.deepEqual(check(requestOf(s)), check(requestOf(s)))), { numRuns: 100 });
  });

  it('a nextAllowedAt is later than now, and checking again at that instant lifts every time and frequency denial', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const req = requestOf(s);
        const v = check(req);
        fc.pre(v.nextAllowedAt !== undefined);
        assert.ok(Date.parse(v.nextAllowedAt!) > Date.parse(req.now));
        assert.notEqual(check({ ...req, now: v.nextAllowedAt! }).decision, 'deny');
      }),
      { numRuns: 300 },
    );
  });

  it('CN quiet hours fail exactly when Shanghai local time is from 22:00:00 to 07:59:59', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 7 * 86_400 - 1 }), (sec) => {
        const ms = Date.parse('2026-03-02T00:00:00+08:00') + sec * 1000;
        const v = check({ jurisdiction: 'CN', now: iso(ms), debtor: { timeZones: ['Asia/Shanghai'] } });
        const localSec = sec % 86_400;
        const quiet = localSec >= 22 * 3600 || localSec < 8 * 3600;
        assert.equal(v.trace.find((t) => t.ruleId === 'CN-HOURS-01')!.outcome, quiet ? 'fail' : 'pass');
      }),
      { numRuns: 500 },
    );
  });

  it('a trace row shared by two verdicts is frozen, so neither verdict can change the other', () => {
    const a = check({ jurisdiction: 'US', now: '2026-04-08T15:00:00Z', debtor: { timeZones: ['America/New_York'] }, action: { channel: 'sms' } });
    const b = check({ jurisdiction: 'US', now: '2026-04-09T15:00:00Z', debtor: { timeZones: ['America/Chicago'] }, action: { channel: 'sms' } });
    const rowA = a.trace.find((t) => t.ruleId === 'US-FREQ-01')!;
    const rowB = b.trace.find((t) => t.ruleId === 'US-FREQ-01')!;
    assert.equal(rowA.outcome, 'not_applicable');
    assert.equal(rowA, rowB);
    assert.ok(Object.isFrozen(rowA) && Object.isFrozen(rowA.reason));
    assert.throws(() => {
      (rowA as { outcome: string }).outcome = 'fail';
    }, TypeError);
    assert.equal(rowB.outcome, 'not_applicable');
  });
});
