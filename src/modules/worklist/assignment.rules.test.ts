import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { planAssignments, queuesForCase, decideRecall, type CaseToAssign, type CollectorLoad, type QueueRule, type RecallCheck } from './assignment.rules.ts';

const q = (code: string, o: Partial<QueueRule> = {}): QueueRule => ({ code, buckets: ['M1'], skill: null, language: null, agencyId: null, priority: 10, ...o });
const col = (id: string, openCases: number, maxOpenCases: number, o: Partial<CollectorLoad> = {}): CollectorLoad => ({ id, agencyId: null, skills: [], languages: ['zh-CN'], openCases, maxOpenCases, ...o });
const kase = (caseId: number, o: Partial<CaseToAssign> = {}): CaseToAssign => ({ caseId, accountId: caseId * 10, bucket: 'M1', language: 'zh-CN', overdueMinor: 100_000, previousCollectorId: null, ...o });

const matching: Array<[string, Partial<CaseToAssign>, QueueRule[], string[]]> = [
  ['a case matches the queues of its bucket, lower priority number first', {}, [q('B', { priority: 2 }), q('A', { priority: 1 }), q('M2', { buckets: ['M2'] })], ['A', 'B']],
  ['equal priorities are tried by code', {}, [q('Z'), q('A')], ['A', 'Z']],
  ['a queue for English speakers does not take a Chinese-speaking customer', {}, [q('EN', { language: 'en' }), q('ANY')], ['ANY']],
  ['a queue for English speakers takes an English-speaking customer', { language: 'en' }, [q('EN', { language: 'en' }), q('ANY', { priority: 20 })], ['EN', 'ANY']],
  ['no queue lists the case’s bucket', { bucket: 'M6+' }, [q('A'), q('B', { buckets: ['M2', 'M3'] })], []],
  ['a case placed with an agency goes only to that agency’s queues (委案)', { placedWith: 'ag1' }, [q('IN'), q('AG1', { agencyId: 'ag1' }), q('AG2', { agencyId: 'ag2' })], ['AG1']],
  ['a case not placed goes only to in-house queues', {}, [q('IN'), q('AG1', { agencyId: 'ag1' })], ['IN']],
];
for (const [why, c, queues, expected] of matching) {
  test(`queue matching: ${why}`, () => {
    assert.deepEqual(queuesForCase(kase(1, c), queues).map((x) => x.code), expected);
  });
}

const plans: Array<[string, CaseToAssign[], QueueRule[], CollectorLoad[], Array<[number, string]>, Array<[number, string]>]> = [
  ['the least loaded collector relative to capacity gets the case: 5 of 10 before 3 of 4', [kase(1)], [q('A')], [col('c1', 5, 10), col('c2', 3, 4)], [[1, 'c1']], []],
  ['equal load goes to the smaller collector id', [kase(1)], [q('A')], [col('c2', 1, 10), col('c1', 2, 20)], [[1, 'c1']], []],
  ['cases alternate between two idle collectors', [kase(1), kase(2), kase(3), kase(4)], [q('A')], [col('b', 0, 10), col('a', 0, 10)], [[1, 'a'], [2, 'b'], [3, 'a'], [4, 'b']], []],
  ['a collector at capacity gets nothing more; the rest wait', [kase(1), kase(2), kase(3)], [q('A')], [col('a', 1, 2), col('b', 3, 3)], [[1, 'a']], [[2, 'at_capacity'], [3, 'at_capacity']]],
  ['larger arrears are assigned first when capacity runs short', [kase(1, { overdueMinor: 10 }), kase(2, { overdueMinor: 900 })], [q('A')], [col('a', 0, 1)], [[2, 'a']], [[1, 'at_capacity']]],
  ['a full queue spills into the next matching one', [kase(1)], [q('A', { priority: 1 }), q('B', { priority: 2, skill: 'senior' })], [col('a', 1, 1), col('s', 0, 5, { skills: ['senior'] })], [[1, 's']], []],
  ['a queue needing a skill is served only by collectors with it', [kase(1)], [q('A', { skill: 'legal' })], [col('a', 0, 5)], [], [[1, 'no_collector']]],
  ['a collector who does not speak the customer’s language is not given the case', [kase(1, { language: 'en' })], [q('A')], [col('a', 0, 5)], [], [[1, 'no_collector']]],
  ['an agency queue is served by that agency’s collectors only', [kase(1, { placedWith: 'ag1' })], [q('AG', { agencyId: 'ag1' })], [col('inhouse', 0, 5), col('x', 0, 5, { agencyId: 'ag2' }), col('y', 4, 5, { agencyId: 'ag1' })], [[1, 'y']], []],
  ['in-house queues are not served by agency staff', [kase(1)], [q('A')], [col('y', 0, 5, { agencyId: 'ag1' })], [], [[1, 'no_collector']]],
  ['a case with no matching queue is reported as such', [kase(1, { bucket: 'M6+' })], [q('A')], [col('a', 0, 5)], [], [[1, 'no_queue']]],
  ['a recalled case goes to someone else when anyone else has room', [kase(1, { previousCollectorId: 'a' })], [q('A')], [col('a', 0, 5), col('b', 4, 5)], [[1, 'b']], []],
  ['a recalled case goes back to its collector when nobody else has room', [kase(1, { previousCollectorId: 'a' })], [q('A')], [col('a', 0, 5), col('b', 5, 5)], [[1, 'a']], []],
  ['a collector with capacity 0 is never chosen', [kase(1)], [q('A')], [col('a', 0, 0)], [], [[1, 'at_capacity']]],
];
for (const [why, cases, queues, collectors, expected, left] of plans) {
  test(`assignment: ${why}`, () => {
    const plan = planAssignments(cases, queues, collectors);
    assert.deepEqual(plan.assignments.map((a) => [a.caseId, a.collectorId]), expected);
    assert.deepEqual(plan.unassigned.map((u) => [u.caseId, u.reason]), left);
  });
}

test('assignment never exceeds capacity, fills all free capacity it can, and gives the same plan whatever the input order', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ open: fc.nat(8), max: fc.nat(12) }), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 60 }),
      (cols, n) => {
        const collectors = cols.map((c, i) => col(`c${i}`, Math.min(c.open, c.max), c.max));
        const cases = Array.from({ length: n }, (_, i) => kase(i + 1));
        const plan = planAssignments(cases, [q('A')], collectors);
        const free = collectors.reduce((s, c) => s + c.maxOpenCases - c.openCases, 0);
        assert.equal(plan.assignments.length, Math.min(n, free));
        for (const c of collectors) assert.ok(plan.openCases[c.id]! <= c.maxOpenCases);
        assert.equal(collectors[0]!.openCases, Math.min(cols[0]!.open, cols[0]!.max), 'inputs are not changed');
        assert.deepEqual(planAssignments([...cases].reverse(), [q('A')], [...collectors].reverse()), plan);
      },
    ),
  );
});

test('collectors of equal capacity starting empty end within one case of each other', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 100 }), (k, max, n) => {
      const plan = planAssignments(Array.from({ length: n }, (_, i) => kase(i + 1)), [q('A')], Array.from({ length: k }, (_, i) => col(`c${i}`, 0, max)));
      const loads = Object.values(plan.openCases);
      assert.ok(Math.max(...loads) - Math.min(...loads) <= 1);
    }),
  );
});

const recall = (o: Partial<RecallCheck> = {}): RecallCheck => ({ recallOn: '2026-03-31', periodFrom: '2026-03-01', recallAfterDays: 30, paymentInPeriod: false, promiseKeptInPeriod: false, ...o });
const recalls: Array<[string, RecallCheck, string, object]> = [
  ['before its recall date the collector keeps the case', recall(), '2026-03-30', { action: 'keep' }],
  ['on its recall date a case without progress is recalled', recall(), '2026-03-31', { action: 'recall' }],
  ['a recall run late still recalls', recall(), '2026-04-05', { action: 'recall' }],
  ['a payment in the period earns another period from the next day', recall({ paymentInPeriod: true }), '2026-03-31', { action: 'extend', periodFrom: '2026-04-01', recallOn: '2026-04-30' }],
  ['a kept promise in the period earns another period', recall({ promiseKeptInPeriod: true }), '2026-03-31', { action: 'extend', periodFrom: '2026-04-01', recallOn: '2026-04-30' }],
];
for (const [why, a, asOf, expected] of recalls) {
  test(`recall: ${why}`, () => {
    assert.deepEqual(decideRecall(a, asOf), expected);
  });
}
