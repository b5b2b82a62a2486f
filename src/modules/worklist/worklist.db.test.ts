import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../platform/errors.ts';
import { recordPromiseToPay, promisesStep } from '../negotiation/index.ts';
import { assignCases, recallCases, lockCase, unlockCase, recordCallOutcome, createCallTask, myQueue, queueStats, listCallRecords } from './index.ts';
import { scenario, overdueLoans, collector, queue, caseIds, holders, clock, later, key, T0, type Scenario } from './worklist.test-app.ts';

async function rejectsWith(run: Promise<unknown>, code: string, path: string, pattern?: RegExp): Promise<AppError> {
  let caught: unknown;
  await assert.rejects(run, (e: unknown) => ((caught = e), true));
  assert.ok(caught instanceof AppError, String(caught));
  assert.equal(caught.code, code, caught.message);
  assert.equal(caught.issues[0]?.path, path, caught.message);
  if (pattern) assert.match(caught.message, pattern);
  return caught;
}

const opts = (prefix: string) => ({ actor: 'test', idempotencyKey: key(prefix) });
const counts = async (s: Scenario) =>
  (await s.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM call_records)::int AS call_records, (SELECT count(*) FROM contact_history)::int AS contact_history,
            (SELECT count(*) FROM promises)::int AS promises, (SELECT count(*) FROM call_tasks WHERE status = 'done')::int AS tasks_done`,
  ))[0]!;

test('分案 gives each case to the least loaded collector relative to capacity, never above it, and reports what is left with the reason', async () => {
  const s = await scenario();
  try {
    // Z1 has the largest arrears, Z7 the smallest; E1's customer speaks English.
    await overdueLoans(s, [...Array.from({ length: 7 }, (_, i) => ({ ref: `Z${i + 1}`, principalMinor: (8 - i) * 1_200_000 })), { ref: 'E1', english: true }]);
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 2 });
    await collector(s, { id: 'b', maxOpenCases: 4 });
    await collector(s, { id: 'e', maxOpenCases: 1, languages: ['en'] });
    await collector(s, { id: 'x', maxOpenCases: 10, active: false });
    await collector(s, { id: 'g', maxOpenCases: 10, agencyId: 'AG' });
    await queue(s, { code: 'EN', language: 'en', priority: 0 });
    await queue(s, { code: 'GEN', priority: 1 });

    const k = opts('assign');
    const first = await assignCases(s.db, clock, { businessDate: '2026-02-21' }, k);
    // a (cap 2) and b (cap 4) share Z1…Z6 by load share, ties to the smaller id: a b b a b b; Z7 finds no room.
    // The inactive x gets nothing, the agency's g serves no in-house queue, and e takes the English case from the EN queue.
    assert.deepEqual(await holders(s), { E1: 'e', Z1: 'a', Z2: 'b', Z3: 'b', Z4: 'a', Z5: 'b', Z6: 'b' });
    assert.equal(first.result.assigned, 7);
    assert.deepEqual(first.result.unassigned, { no_queue: 0, no_collector: 0, at_capacity: 1 });
    assert.deepEqual(first.result.unassignedCases, [{ caseId: (await caseIds(s)).Z7!, reason: 'at_capacity', queueCode: 'GEN' }]);
    assert.deepEqual(first.result.load, { a: { openCases: 2, maxOpenCases: 2 }, b: { openCases: 4, maxOpenCases: 4 }, e: { openCases: 1, maxOpenCases: 1 }, g: { openCases: 0, maxOpenCases: 10 } });
    const rows = await s.db.query<{ queue_code: string; assigned_on: string; period_from: string; recall_on: string }>(`SELECT DISTINCT queue_code, assigned_on, period_from, recall_on FROM case_assignments ORDER BY queue_code`);
    assert.deepEqual(rows, [
      { queue_code: 'EN', assigned_on: '2026-02-21', period_from: '2026-02-21', recall_on: '2026-03-03' },
      { queue_code: 'GEN', assigned_on: '2026-02-21', period_from: '2026-02-21', recall_on: '2026-03-03' },
    ]);

    const replay = await assignCases(s.db, clock, { businessDate: '2026-02-21' }, k);
    assert.equal(replay.replayed, true);
    assert.deepEqual(replay.result, first.result);
    const again = await assignCases(s.db, clock, { businessDate: '2026-02-21' }, opts('assign'));
    assert.equal(again.result.assigned, 0, 'only unassigned cases are assigned; collectors at capacity get nothing');
    assert.equal(again.result.unassigned.at_capacity, 1);

    // b leaves: b's four cases are released; x joins and takes them and Z7.
    const left = await collector(s, { id: 'b', maxOpenCases: 4, active: false });
    assert.equal(left.result.released, 4);
    await collector(s, { id: 'x', maxOpenCases: 10 });
    const third = await assignCases(s.db, clock, { businessDate: '2026-02-22' }, opts('assign'));
    assert.equal(third.result.assigned, 5);
    assert.deepEqual(await holders(s), { E1: 'e', Z1: 'a', Z2: 'x', Z3: 'x', Z4: 'a', Z5: 'x', Z6: 'x', Z7: 'x' });
    const ended = await s.db.query<{ end_reason: string; n: number }>(`SELECT end_reason, count(*)::int AS n FROM case_assignments WHERE ended_on IS NOT NULL GROUP BY end_reason`);
    assert.deepEqual(ended, [{ end_reason: 'released', n: 4 }]);
    const audit = await s.db.query<{ type: string }>(`SELECT type FROM audit_log WHERE type = 'CASES_ASSIGNED'`);
    assert.equal(audit.length, 3, 'one audit entry per run, none for the replay');
  } finally {
    await s.close();
  }
});

test('回收 recalls a case with no payment or kept promise in its period, gives progress another period, and the next 分案 prefers another collector', async () => {
  const s = await scenario();
  try {
    await overdueLoans(s, [{ ref: 'K' }, { ref: 'P' }, { ref: 'N1', principalMinor: 2_400_000 }, { ref: 'N2', principalMinor: 1_300_000 }]);
    await s.closeThrough('2026-02-17');
    // K promises on 02-18 and pays on 02-19, before its assignment; the promise is kept when evaluated on 02-23.
    await recordPromiseToPay(s.db, clock, { accountRef: 'K', amountMinor: 20_000, dueOn: '2026-02-22', source: 'portal' }, opts('ptp'));
    await s.closeThrough('2026-02-18');
    await s.pay('K', 20_000, '2026-02-19');
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 10 });
    await collector(s, { id: 'b', maxOpenCases: 10 });
    await queue(s, { code: 'GEN', recallAfterDays: 10 });
    await assignCases(s.db, clock, { businessDate: '2026-02-21' }, opts('assign'));
    const before = await holders(s);
    assert.deepEqual(Object.keys(before).sort(), ['K', 'N1', 'N2', 'P']);
    assert.notEqual(before.N1, before.N2, 'the two largest arrears go to different collectors');

    await s.closeThrough('2026-02-22');
    const [b] = await s.db.query<{ lo: number; hi: number }>('SELECT min(id) AS lo, max(id) AS hi FROM accounts');
    assert.equal(await s.db.transaction((tx) => promisesStep(tx, { date: '2026-02-23', postedOn: '2026-02-23', lo: b!.lo, hi: b!.hi })), 1);
    // ¥200 is progress: more than 10 % of P's arrears. A smaller, token payment would not earn another period (docs/negotiation.md).
    await s.pay('P', 20_000, '2026-02-23');
    await s.closeThrough('2026-03-02');

    // N1's collector holds its lock when the case is recalled: the lock goes with the case.
    const ids = await caseIds(s);
    await lockCase(s.db, clock, { caseId: ids.N1!, collectorId: before.N1! }, opts('lock'));
    const early = await recallCases(s.db, clock, { businessDate: '2026-03-02' }, opts('recall'));
    assert.deepEqual([early.result.recalled, early.result.extended], [0, 0], 'nothing is due before the recall date');
    const due = await recallCases(s.db, clock, { businessDate: '2026-03-03' }, opts('recall'));
    assert.deepEqual([due.result.recalled, due.result.extended], [2, 2]);
    assert.deepEqual(Object.keys(await holders(s)).sort(), ['K', 'P']);
    const periods = await s.db.query<{ ref: string; period_from: string; recall_on: string }>(
      `SELECT a.ref, ca.period_from, ca.recall_on FROM case_assignments ca JOIN accounts a ON a.id = ca.account_id WHERE ca.ended_on IS NULL ORDER BY a.ref`,
    );
    assert.deepEqual(periods, [
      { ref: 'K', period_from: '2026-03-04', recall_on: '2026-03-13' },
      { ref: 'P', period_from: '2026-03-04', recall_on: '2026-03-13' },
    ]);
    assert.equal((await s.db.query('SELECT 1 FROM case_locks')).length, 0);
    const rerun = await recallCases(s.db, clock, { businessDate: '2026-03-03' }, opts('recall'));
    assert.deepEqual([rerun.result.recalled, rerun.result.extended], [0, 0], 'a second run on the same date changes nothing');

    await assignCases(s.db, clock, { businessDate: '2026-03-03' }, opts('assign'));
    const after = await holders(s);
    assert.equal(after.N1, before.N2, 'N1 goes to the collector it was not recalled from');
    assert.equal(after.N2, before.N1);
  } finally {
    await s.close();
  }
});

test('回收 and token payments: a token payment (below the policy\'s 10 % of the amount due) does not earn the collector another period, a meaningful one does', async () => {
  const s = await scenario();
  try {
    await overdueLoans(s, [{ ref: 'TK' }, { ref: 'MP' }]);
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 10 });
    await queue(s, { code: 'GEN', recallAfterDays: 10 });
    await assignCases(s.db, clock, { businessDate: '2026-02-21' }, opts('assign'));
    assert.deepEqual(await holders(s), { MP: 'a', TK: 'a' });
    await s.closeThrough('2026-02-22');
    // About ¥1,150 is due on each: ¥5 is a token payment, ¥200 is not.
    await s.pay('TK', 500, '2026-02-23');
    await s.pay('MP', 20_000, '2026-02-23');
    await s.closeThrough('2026-03-02');
    const verdicts = await s.db.query<{ ref: string; token: boolean; amount_minor: number }>(
      `SELECT a.ref, pa.token, pa.amount_minor FROM payment_assessments pa JOIN accounts a ON a.id = pa.account_id ORDER BY a.ref`,
    );
    assert.deepEqual(verdicts.map((v) => [v.ref, v.amount_minor, v.token]), [['MP', 20_000, false], ['TK', 500, true]]);

    const due = await recallCases(s.db, clock, { businessDate: '2026-03-03' }, opts('recall'));
    assert.deepEqual([due.result.recalled, due.result.extended], [1, 1]);
    assert.deepEqual(await holders(s), { MP: 'a' }, 'the token payment did not keep TK with its collector');
    const ended = await s.db.query<{ ref: string; end_reason: string }>(
      `SELECT a.ref, ca.end_reason FROM case_assignments ca JOIN accounts a ON a.id = ca.account_id WHERE ca.ended_on IS NOT NULL`,
    );
    assert.deepEqual(ended, [{ ref: 'TK', end_reason: 'recalled' }]);
    const [period] = await s.db.query<{ period_from: string; recall_on: string }>(`SELECT period_from, recall_on FROM case_assignments WHERE ended_on IS NULL`);
    assert.deepEqual(period, { period_from: '2026-03-04', recall_on: '2026-03-13' });
  } finally {
    await s.close();
  }
});

test('a case lock is a lease: a second collector gets CONFLICT naming the holder and the end of the lease, and takes the lock once it lapses', async () => {
  const s = await scenario();
  try {
    await overdueLoans(s, [{ ref: 'L' }]);
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 10 });
    await collector(s, { id: 'b', maxOpenCases: 10 });
    await collector(s, { id: 'g', maxOpenCases: 10, agencyId: 'AG' });
    const caseId = (await caseIds(s)).L!;

    const taken = await lockCase(s.db, clock, { caseId, collectorId: 'a' }, opts('lock'));
    assert.deepEqual(taken.result, { caseId, collectorId: 'a', lockedAt: T0, leaseUntil: '2026-02-21T02:15:00.000Z', renewed: false });
    const refused = await rejectsWith(lockCase(s.db, later(5), { caseId, collectorId: 'b' }, opts('lock')), 'CONFLICT', 'caseId', /^caseId: case \d+ is locked by collector a until 2026-02-21T02:15:00.000Z$/);
    assert.deepEqual(refused.details, { collectorId: 'a', leaseUntil: '2026-02-21T02:15:00.000Z' });
    const renewed = await lockCase(s.db, later(10), { caseId, collectorId: 'a', leaseMinutes: 15 }, opts('lock'));
    assert.deepEqual([renewed.result.renewed, renewed.result.lockedAt, renewed.result.leaseUntil], [true, T0, '2026-02-21T02:25:00.000Z']);
    await rejectsWith(lockCase(s.db, later(24), { caseId, collectorId: 'b' }, opts('lock')), 'CONFLICT', 'caseId', /locked by collector a until 2026-02-21T02:25:00.000Z/);

    // The lease has lapsed at 02:25: b takes the lock without a's help.
    const takenOver = await lockCase(s.db, later(25), { caseId, collectorId: 'b' }, opts('lock'));
    assert.deepEqual([takenOver.result.collectorId, takenOver.result.renewed, takenOver.result.leaseUntil], ['b', false, '2026-02-21T02:40:00.000Z']);
    await rejectsWith(unlockCase(s.db, later(26), { caseId, collectorId: 'a' }, opts('unlock')), 'CONFLICT', 'caseId', /locked by collector b/);
    assert.deepEqual((await unlockCase(s.db, later(26), { caseId, collectorId: 'b' }, opts('unlock'))).result, { caseId, released: true });
    assert.equal((await s.db.query('SELECT 1 FROM case_locks')).length, 0);

    await rejectsWith(lockCase(s.db, clock, { caseId, collectorId: 'g' }, opts('lock')), 'FORBIDDEN', 'caseId', /not assigned to agency AG/);
    await rejectsWith(lockCase(s.db, clock, { caseId: 999_999, collectorId: 'a' }, opts('lock')), 'NOT_FOUND', 'caseId');
    await rejectsWith(lockCase(s.db, clock, { caseId, collectorId: 'nobody' }, opts('lock')), 'NOT_FOUND', 'collectorId');
    await rejectsWith(lockCase(s.db, clock, { caseId, collectorId: 'a', leaseMinutes: 500 }, opts('lock')), 'VALIDATION_FAILED', 'leaseMinutes');
    const audit = await s.db.query<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM audit_log WHERE type LIKE 'CASE_%' GROUP BY type ORDER BY type`);
    assert.deepEqual(audit, [{ type: 'CASE_LOCKED', n: 3 }, { type: 'CASE_UNLOCKED', n: 1 }]);
  } finally {
    await s.close();
  }
});

test('a call outcome with a promise writes the call record, the contact history and the promise in one transaction, and nothing when the request is invalid', async () => {
  const s = await scenario();
  try {
    await overdueLoans(s, [{ ref: 'L' }, { ref: 'LA' }]);
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 10 });
    await collector(s, { id: 'b', maxOpenCases: 10 });
    await collector(s, { id: 'g', maxOpenCases: 10, agencyId: 'AG' });
    await queue(s, { code: 'AGQ', agencyId: 'AG' });
    // LA is placed with agency AG (委案): its case goes to the agency's queue, L stays in house.
    await s.db.query(`INSERT INTO agencies (id, name, status, commission, max_days_placed, created_at, updated_at) VALUES ('AG', 'AG', 'active', '{"basis":"dpd_at_placement","tiers":[{"from":0,"rateBp":1000}]}', 90, $1, $1)`, [T0]);
    await s.db.query(`INSERT INTO agency_placements (account_id, customer_id, agency_id, placed_on, source, placed_by, balance_at_placement_minor, dpd_at_placement, recall_due_on)
                      SELECT id, customer_id, 'AG', '2026-02-21', 'manual', 'test', 0, 6, '2026-05-21' FROM accounts WHERE ref = 'LA'`);
    await assignCases(s.db, clock, { businessDate: '2026-02-21' }, opts('assign'));
    const ids = await caseIds(s);
    const call = { caseId: ids.L!, collectorId: 'a', outcome: 'ptp', contactPoint: '+86 138 0000 0000', promise: { amountMinor: 50_000, dueOn: '2026-02-28' }, note: '客户承诺月底前还款', at: '2026-02-21T10:15:00+08:00' };

    await rejectsWith(recordCallOutcome(s.db, clock, call, { idempotencyKey: key('call') }), 'CONFLICT', 'caseId', /lock case \d+ before recording a call/);
    await lockCase(s.db, clock, { caseId: ids.L!, collectorId: 'a' }, opts('lock'));
    const empty = await counts(s);
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, promise: { amountMinor: 100, dueOn: '2026-02-28' } }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'promise.amountMinor', /^promise\.amountMinor: at least \d+ minor units/);
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, promise: { amountMinor: 50_000, dueOn: '2026-04-01' } }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'promise.dueOn');
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, promise: undefined }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'promise', /required with outcome ptp/);
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, outcome: 'rpc' }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'promise', /only with outcome ptp/);
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, outcome: 'shouted' }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'outcome');
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, caseId: undefined }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'caseId', /caseId or accountId is required/);
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, taskId: 999 }, { idempotencyKey: key('call') }), 'NOT_FOUND', 'taskId');
    assert.deepEqual(await counts(s), empty, 'no refused request left a row behind');
    assert.equal((await s.db.query(`SELECT 1 FROM command_log WHERE command = 'recordCallOutcome'`)).length, 0);

    const k = key('call');
    const first = await recordCallOutcome(s.db, clock, call, { idempotencyKey: k });
    const r = first.result;
    assert.deepEqual([r.outcome, r.nextAction, r.nextActionOn, r.at, r.caseId, r.accountRef], ['ptp', 'follow_up', '2026-03-01', '2026-02-21T02:15:00.000Z', ids.L, 'L']);
    assert.deepEqual([r.promise?.amountMinor, r.promise?.dueOn, r.promise?.promisedOn, r.promise?.caseId, r.promise?.source, r.promise?.status, r.promise?.createdBy], [50_000, '2026-02-28', '2026-02-21', ids.L, 'collector', 'open', 'a']);
    const [record] = await s.db.query(`SELECT case_id, collector_id, contact_point, outcome, promise_id, contact_history_id, note, next_action, next_action_on FROM call_records`);
    assert.deepEqual(record, { case_id: ids.L, collector_id: 'a', contact_point: '+86 138 0000 0000', outcome: 'ptp', promise_id: r.promise!.id, contact_history_id: r.contactHistoryId, note: '客户承诺月底前还款', next_action: 'follow_up', next_action_on: '2026-03-01' });
    const [history] = await s.db.query(`SELECT customer_id, at, channel, direction, recipient_role, person_id, contact_point, outcome, initiator_kind, initiator_id, collector_id FROM contact_history`);
    assert.deepEqual(history, { customer_id: 'C-L', at: '2026-02-21T02:15:00.000Z', channel: 'call', direction: 'outbound', recipient_role: 'debtor', person_id: 'C-L', contact_point: '+86 138 0000 0000', outcome: 'connected', initiator_kind: 'lender', initiator_id: 'lender', collector_id: 'a' });
    const written = await counts(s);
    assert.deepEqual(written, { call_records: 1, contact_history: 1, promises: 1, tasks_done: 0 });

    const again = await recordCallOutcome(s.db, later(3), call, { idempotencyKey: k });
    assert.equal(again.replayed, true);
    assert.deepEqual(again.result, first.result);
    assert.deepEqual(await counts(s), written, 'a repeated idempotency key writes nothing');
    await rejectsWith(recordCallOutcome(s.db, clock, { ...call, note: 'changed' }, { idempotencyKey: k }), 'IDEMPOTENCY_KEY_REUSED', 'idempotencyKey');

    // b does not hold L's lock; naming the account instead of the case does not get round it.
    const accountId = r.accountId;
    await rejectsWith(recordCallOutcome(s.db, clock, { accountId, collectorId: 'b', outcome: 'no_answer', contactPoint: '+86 138 0000 0000' }, { idempotencyKey: key('call') }), 'CONFLICT', 'caseId', /locked by collector a/);
    await rejectsWith(recordCallOutcome(s.db, clock, { caseId: ids.L!, accountId: accountId + 1, collectorId: 'a', outcome: 'busy', contactPoint: '+86 138 0000 0000' }, { idempotencyKey: key('call') }), 'VALIDATION_FAILED', 'accountId');

    // A task planned by the dispatcher is created once per outbox reference, and a call carries it out.
    const task = { reference: 'OUT-1', accountId, customerId: 'C-L', kind: 'collector' as const, dueAt: '2026-02-21T09:00:00+08:00', verifyCode: '4821', createdAt: T0 };
    const made = await s.db.transaction((tx) => createCallTask(tx, task));
    const twice = await s.db.transaction((tx) => createCallTask(tx, { ...task, dueAt: '2026-02-22T09:00:00+08:00' }));
    assert.deepEqual([made.created, twice.created, twice.task.id, made.task.caseId, twice.task.dueAt], [true, false, made.task.id, ids.L, '2026-02-21T01:00:00.000Z']);
    const wrong = await recordCallOutcome(s.db, clock, { accountId, collectorId: 'a', outcome: 'wrong_number', contactPoint: '+86 139 1111 2222', taskId: made.task.id }, { idempotencyKey: key('call') });
    assert.deepEqual([wrong.result.caseId, wrong.result.nextAction, wrong.result.nextActionOn, wrong.result.taskId], [ids.L, 'skip_trace', '2026-02-21', made.task.id]);
    await rejectsWith(recordCallOutcome(s.db, clock, { accountId, collectorId: 'a', outcome: 'busy', contactPoint: '+86 139 1111 2222', taskId: made.task.id }, { idempotencyKey: key('call') }), 'CONFLICT', 'taskId', /is done already/);

    // An agency collector's call is initiated by the agency; a third party who answers is recorded as such.
    await lockCase(s.db, clock, { caseId: ids.LA!, collectorId: 'g' }, opts('lock'));
    await recordCallOutcome(s.db, clock, { caseId: ids.LA!, collectorId: 'g', outcome: 'third_party', contactPoint: '+86 137 2222 3333' }, { idempotencyKey: key('call') });
    const rows = await s.db.query(`SELECT outcome, recipient_role, person_id, initiator_kind, initiator_id FROM contact_history ORDER BY id`);
    assert.deepEqual(rows, [
      { outcome: 'connected', recipient_role: 'debtor', person_id: 'C-L', initiator_kind: 'lender', initiator_id: 'lender' },
      { outcome: 'invalid_number', recipient_role: 'debtor', person_id: 'C-L', initiator_kind: 'lender', initiator_id: 'lender' },
      { outcome: 'connected', recipient_role: 'third_party', person_id: null, initiator_kind: 'agency', initiator_id: 'AG' },
    ]);
    const list = await listCallRecords(s.db, 'L', { limit: 10 });
    assert.deepEqual(list.map((c) => [c.outcome, c.taskId !== null]), [['wrong_number', true], ['ptp', false]]);
    const audit = await s.db.query<{ type: string }>(`SELECT type FROM audit_log WHERE type IN ('CALL_OUTCOME_RECORDED', 'PROMISE_CAPTURED') ORDER BY seq`);
    assert.deepEqual(audit.map((a) => a.type), ['CALL_OUTCOME_RECORDED', 'PROMISE_CAPTURED', 'CALL_OUTCOME_RECORDED', 'CALL_OUTCOME_RECORDED']);
  } finally {
    await s.close();
  }
});

test('a collector\'s queue puts callable cases first, then the worse bucket and larger arrears; a refusal waits 7 days', async () => {
  const s = await scenario();
  try {
    await overdueLoans(s, [{ ref: 'Q1', principalMinor: 3_600_000 }, { ref: 'Q2', principalMinor: 2_400_000 }, { ref: 'Q3' }, { ref: 'Q4' }]);
    await s.closeThrough('2026-02-20');
    await collector(s, { id: 'a', maxOpenCases: 3 });
    await queue(s, { code: 'GEN' });
    await assignCases(s.db, clock, { businessDate: '2026-02-21' }, opts('assign'));
    const ids = await caseIds(s);
    assert.deepEqual((await myQueue(s.db, 'a', '2026-02-21')).map((i) => i.accountRef), ['Q1', 'Q2', 'Q3']);

    for (const [ref, outcome] of [['Q1', 'refused'], ['Q2', 'no_answer']] as const) {
      await lockCase(s.db, clock, { caseId: ids[ref]!, collectorId: 'a' }, opts('lock'));
      await recordCallOutcome(s.db, clock, { caseId: ids[ref]!, collectorId: 'a', outcome, contactPoint: '+86 138 0000 0000' }, { idempotencyKey: key('call') });
    }
    const today = await myQueue(s.db, 'a', '2026-02-21');
    assert.deepEqual(today.map((i) => [i.accountRef, i.callable, i.lastCall?.nextActionOn ?? null]), [['Q3', true, null], ['Q1', false, '2026-02-28'], ['Q2', false, '2026-02-22']]);
    assert.deepEqual([today[1]!.supervisorReview, today[1]!.lock?.collectorId, today[0]!.bucket, today[0]!.dpd], [true, 'a', 'M1', 5]);
    assert.deepEqual((await myQueue(s.db, 'a', '2026-02-22')).map((i) => [i.accountRef, i.callable]), [['Q2', true], ['Q3', true], ['Q1', false]]);
    assert.deepEqual((await myQueue(s.db, 'a', '2026-02-28')).map((i) => i.accountRef), ['Q1', 'Q2', 'Q3']);

    const stats = await queueStats(s.db, '2026-03-03');
    assert.equal(stats.unassignedOpenCases, 1);
    assert.deepEqual(stats.queues, [{ code: 'GEN', name: 'GEN', priority: 10, active: true, activeAssignments: 3, dueForRecall: 3, collectors: 1, capacity: 3 }]);
    assert.deepEqual(stats.collectors.map((c) => [c.id, c.openCases, c.maxOpenCases]), [['a', 3, 3]]);
  } finally {
    await s.close();
  }
});
