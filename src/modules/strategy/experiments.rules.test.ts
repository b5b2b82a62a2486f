/** Experiments: assignment, what each arm gets, harm metrics and guardrails. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { armDecision, armMetrics, assignArm, assignmentSlot, decideForAccount, evaluateGuardrails, rateRounded } from './experiments.rules.ts';
import { fnv1a32, hash32 } from '../../platform/hash.rules.ts';
import { compileTable } from './decision.rules.ts';
import { facts, table } from './strategy.fixtures.ts';
import { GuardrailSchema, type ArmCounts, type Decision, type GuardrailInput } from './strategy.types.ts';

describe('hash and assignment', () => {
  it('computes FNV-1a over UTF-8 bytes as its published test vectors say', () => {
    assert.deepEqual([fnv1a32(''), fnv1a32('a'), fnv1a32('foobar')], [0x811c9dc5, 0xe40c292c, 0xbf9cf968]);
    // 'é' is two UTF-8 bytes (c3 a9), not one UTF-16 unit.
    assert.equal(fnv1a32('é'), 0x1e9de8c1);
  });

  it('keeps every account in the same slot across releases, or running experiments would reshuffle', () => {
    assert.deepEqual([hash32(''), hash32('exp-1:1'), assignmentSlot(1, 'exp-1'), assignmentSlot(2, 'exp-1')], [2872998923, 2163353918, 3918, 5347]);
  });

  const SPLITS = [
    { name: 'puts everyone in the champion arm when no share is given', split: { holdoutBp: 0, challengerBp: 0 }, ids: [1, 2, 3, 99], arms: ['champion'] },
    { name: 'puts everyone in the challenger arm at 10,000 bp', split: { holdoutBp: 0, challengerBp: 10_000 }, ids: [1, 2, 3, 99], arms: ['challenger'] },
    { name: 'puts everyone in the holdout at 10,000 bp of holdout', split: { holdoutBp: 10_000, challengerBp: 0 }, ids: [1, 2, 3, 99], arms: ['holdout'] },
  ];
  for (const c of SPLITS) {
    it(c.name, () => {
      assert.deepEqual([...new Set(c.ids.map((id) => assignArm(id, { code: 'x', ...c.split })))], c.arms);
    });
  }

  it('gives the same arm for the same account and experiment every time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 8000 }), (id, code, holdoutBp, challengerBp) => {
        const x = { code, holdoutBp, challengerBp };
        assert.equal(assignArm(id, x), assignArm(id, { ...x }));
      }),
    );
  });

  it('converges to the configured shares within 1 percentage point over 40,000 consecutive account ids', () => {
    const N = 40_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 8000 }), fc.stringMatching(/^[a-z0-9-]{1,12}$/), fc.integer({ min: 1, max: 1e9 }), (holdoutBp, challengerBp, code, start) => {
        const x = { code, holdoutBp, challengerBp };
        const n = { holdout: 0, challenger: 0, champion: 0 };
        for (let i = 0; i < N; i++) n[assignArm(start + i, x)]++;
        const bp = (k: number) => (k * 10_000) / N;
        assert.ok(Math.abs(bp(n.holdout) - holdoutBp) <= 100, `holdout ${bp(n.holdout)} vs ${holdoutBp}`);
        assert.ok(Math.abs(bp(n.challenger) - challengerBp) <= 100, `challenger ${bp(n.challenger)} vs ${challengerBp}`);
      }),
      { numRuns: 15 },
    );
  });

  it('splits independently in two experiments with different codes', () => {
    const N = 40_000;
    let both = 0;
    for (let id = 1; id <= N; id++) {
      if (assignArm(id, { code: 'a', holdoutBp: 0, challengerBp: 5000 }) === 'challenger' && assignArm(id, { code: 'b', holdoutBp: 0, challengerBp: 5000 }) === 'challenger') both++;
    }
    assert.ok(Math.abs(both / N - 0.25) < 0.01, `${both / N} of accounts in both challengers, expected a quarter`);
  });
});

describe('what each arm gets', () => {
  const decision = (over: Partial<Decision>): Decision => ({ rowId: 'r', action: 'sms_reminder', channel: 'sms', template: 't', priority: 1, fallback: [], cadenceDays: 0, legallyRequired: false, ...over });
  const champ = decision({ rowId: 'champ' });
  const notice = decision({ rowId: 'notice', action: 'letter', channel: 'letter', legallyRequired: true });
  const chall = decision({ rowId: 'chall' });
  const CASES: Array<[string, Parameters<typeof armDecision>, string | null]> = [
    ['the champion arm gets the champion decision', ['champion', champ, chall], 'champ'],
    ['the challenger arm gets the challenger decision', ['challenger', champ, chall], 'chall'],
    ['the holdout gets nothing for an ordinary reminder', ['holdout', champ, chall], null],
    ['the holdout still gets a legally required notice from the champion table', ['holdout', notice, chall], 'notice'],
    ['the holdout gets nothing when the champion decides nothing', ['holdout', null, chall], null],
  ];
  for (const [name, args, expected] of CASES) it(name, () => assert.equal(armDecision(...args)?.rowId ?? null, expected));

  it('decides with the challenger table and version for an account in the challenger arm', () => {
    const champion = compileTable(table([{ id: 'a', priority: 1, conditions: {}, outputs: { action: 'sms_reminder', channel: 'sms', template: 's', priority: 1 } }]));
    const challenger = compileTable(table([{ id: 'b', priority: 1, conditions: {}, outputs: { action: 'email_reminder', channel: 'email', template: 'e', priority: 1 } }]));
    const strategy = { code: 't', version: 3, compiled: champion, experiment: { code: 'x', holdoutBp: 1000, challengerBp: 3000, challengerVersion: 4, challenger } };
    const seen = new Map<string, unknown>();
    for (let id = 1; id <= 200; id++) {
      const out = decideForAccount(strategy, facts({ accountId: id }));
      assert.equal(out.arm, assignArm(id, strategy.experiment));
      seen.set(out.arm!, [out.decision?.rowId ?? null, out.tableVersion]);
    }
    assert.deepEqual(Object.fromEntries(seen), { champion: ['a', 3], challenger: ['b', 4], holdout: [null, 3] });
    const plain = decideForAccount({ ...strategy, experiment: null }, facts());
    assert.deepEqual([plain.decision?.rowId, plain.tableVersion, plain.experiment, plain.arm], ['a', 3, null, null]);
  });
});

describe('harm metrics', () => {
  const counts = (over: Partial<ArmCounts>): ArmCounts => ({ accounts: 100, accountDays: 700, contacts: 10_000, complaints: 0, optOuts: 0, planned: 10_000, complianceBlocks: 0, ...over });
  const CASES: Array<[string, ArmCounts, Record<string, number | null>]> = [
    ['counts complaints per 10,000 contacts', counts({ complaints: 3 }), { complaintsPer10kContacts: 3 }],
    ['rounds 0.5 per 10k up to 1', counts({ contacts: 20_000, complaints: 1 }), { complaintsPer10kContacts: 1 }],
    ['rounds 0.33 per 10k down to 0', counts({ contacts: 30_000, complaints: 1 }), { complaintsPer10kContacts: 0 }],
    ['has no rate without a denominator', counts({ contacts: 0, planned: 0, accountDays: 0 }), { complaintsPer10kContacts: null, optOutsPer10kContacts: null, contactsPerAccountWeekBp: null, complianceBlocksPer10kPlanned: null }],
    ['counts contacts per account-week in basis points: 100 contacts over 700 account-days is 1 a week', counts({ contacts: 100 }), { contactsPerAccountWeekBp: 10_000 }],
    ['counts compliance blocks per 10,000 planned contacts', counts({ planned: 4000, complianceBlocks: 10 }), { complianceBlocksPer10kPlanned: 25 }],
  ];
  for (const [name, c, expected] of CASES) {
    it(name, () => {
      const m = armMetrics(c);
      for (const [k, v] of Object.entries(expected)) assert.equal(m[k as keyof typeof m], v, k);
    });
  }

  it('rounds exactly with integers beyond 2^53 in the intermediate product', () => {
    assert.equal(rateRounded(900_719_925_474, 1000, 10_000_000), 9_007_199_254_740_000);
  });
});

describe('evaluateGuardrails', () => {
  const g = (x: GuardrailInput) => GuardrailSchema.parse(x);
  const metrics = (over: Partial<ArmCounts>) => armMetrics({ accounts: 100, accountDays: 700, contacts: 10_000, complaints: 2, optOuts: 5, planned: 10_000, complianceBlocks: 1, ...over });
  const CEILING = g({ id: 'complaints-cap', metric: 'complaintsPer10kContacts', ceiling: 4, minSample: 1000 });
  const RELATIVE = g({ id: 'complaints-rel', metric: 'complaintsPer10kContacts', maxRatioToChampionBp: 15_000, minSample: 1000 });
  const CASES: Array<{ name: string; arms: Parameters<typeof evaluateGuardrails>[0]; rules: ReturnType<typeof g>[]; stop: Record<string, string[]> }> = [
    { name: 'stops the challenger above the absolute ceiling (5 > 4 per 10k)', arms: { champion: metrics({}), challenger: metrics({ complaints: 5 }) }, rules: [CEILING], stop: { challenger: ['complaints-cap'] } },
    { name: 'does not stop an arm exactly at the ceiling', arms: { champion: metrics({}), challenger: metrics({ complaints: 4 }) }, rules: [CEILING], stop: {} },
    { name: 'does not judge an arm with fewer contacts than the minimum sample', arms: { challenger: metrics({ contacts: 999, complaints: 50 }) }, rules: [CEILING], stop: {} },
    { name: 'flags the champion over the absolute ceiling too', arms: { champion: metrics({ complaints: 9 }) }, rules: [CEILING], stop: { champion: ['complaints-cap'] } },
    { name: "stops the challenger above 1.5× the champion's rate (4 > 1.5 × 2 = 3)", arms: { champion: metrics({}), challenger: metrics({ complaints: 4 }) }, rules: [RELATIVE], stop: { challenger: ['complaints-rel'] } },
    { name: "does not stop the challenger at 1.5× the champion's rate (3 = 3)", arms: { champion: metrics({}), challenger: metrics({ complaints: 3 }) }, rules: [RELATIVE], stop: {} },
    { name: 'does not compare with a champion whose sample is too small', arms: { champion: metrics({ contacts: 500, complaints: 0 }), challenger: metrics({ complaints: 9 }) }, rules: [RELATIVE], stop: {} },
    { name: 'never compares the champion with itself', arms: { champion: metrics({ complaints: 50 }) }, rules: [RELATIVE], stop: {} },
    { name: 'judges the holdout against the champion as well', arms: { champion: metrics({}), holdout: metrics({ complaints: 7 }) }, rules: [RELATIVE], stop: { holdout: ['complaints-rel'] } },
    { name: 'stops on contacts per account-week above 2 a week', arms: { challenger: metrics({ contacts: 300 }) }, rules: [g({ id: 'pace', metric: 'contactsPerAccountWeekBp', ceiling: 20_000 })], stop: { challenger: ['pace'] } },
    { name: 'lists both limits when both are crossed', arms: { champion: metrics({}), challenger: metrics({ complaints: 8 }) }, rules: [CEILING, RELATIVE], stop: { challenger: ['complaints-cap', 'complaints-rel'] } },
  ];
  for (const c of CASES) {
    it(c.name, () => {
      const v = evaluateGuardrails(c.arms, c.rules);
      const stopped = Object.fromEntries(Object.entries(v).filter(([, x]) => x.stop).map(([arm, x]) => [arm, x.reasons.map((r) => r.rule)]));
      assert.deepEqual(stopped, c.stop);
      for (const x of Object.values(v)) assert.equal(x.stop, x.reasons.length > 0);
    });
  }

  it('explains a stop with the metric, value and threshold in both languages', () => {
    const v = evaluateGuardrails({ champion: metrics({}), challenger: metrics({ complaints: 4 }) }, [RELATIVE]);
    assert.deepEqual(v.challenger.reasons, [{
      rule: 'complaints-rel', kind: 'relative', metric: 'complaintsPer10kContacts', value: 4, threshold: 3,
      message: {
        en: "challenger: complaintsPer10kContacts 4 is above 1.5 × the champion's 2 = 3 (guardrail complaints-rel)",
        'zh-CN': '挑战者组：complaintsPer10kContacts 为 4，超过冠军组 2 的 1.5 倍即 3（护栏 complaints-rel）',
      },
    }]);
  });

  it('refuses a guardrail with neither a ceiling nor a ratio', () => {
    assert.throws(() => g({ id: 'x', metric: 'optOutsPer10kContacts' }), /give a ceiling/);
  });
});
