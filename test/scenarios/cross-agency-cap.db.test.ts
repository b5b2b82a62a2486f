import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { packs, setUpContacts, dispatchAt, outbox } from '../support/contacts.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { openAccount } from '../../src/modules/ledger/index.ts';
import { upsertCollector, upsertQueue, assignCases, lockCase, recordCallOutcome } from '../../src/modules/worklist/index.ts';
import { checkCallNow, registerSender, createRobotCallProvider, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';

// One debtor (Asia/Shanghai, CN pack) with three overdue loans: one worked in house, one placed with
// agency A, one with agency B. CN-FREQ: at most 3 connected collection conversations a day with the
// debtor, counted across the lender and all its agencies.

const clock = fixedClock('2026-02-21T00:00:00.000Z');
let n = 0;
const opts = () => ({ actor: 'test', idempotencyKey: `x-${++n}` });

test('the CN 3-connected-calls-a-day cap holds across the lender and two agencies: the fourth call is refused, before dialling and at dispatch', async () => {
  const s = await scenario();
  try {
    await setUpContacts(s.db);
    await s.customer('C-X');
    for (const ref of ['X1', 'X2', 'X3']) {
      await openAccount(s.db, clock, { ref, customerId: 'C-X', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12, scheduleMethod: 'equal_principal' }, opts());
    }
    await s.closeThrough('2026-02-20');
    // Capacity 1 each, so the three cases go one to each: in house, agency A, agency B.
    await upsertCollector(s.db, clock, { id: 'in', name: '内催', team: 'T', languages: ['zh-CN'], maxOpenCases: 1 }, opts());
    await upsertCollector(s.db, clock, { id: 'ga', name: 'A 公司', team: 'A', languages: ['zh-CN'], maxOpenCases: 1, agencyId: 'AG-A' }, opts());
    await upsertCollector(s.db, clock, { id: 'gb', name: 'B 公司', team: 'B', languages: ['zh-CN'], maxOpenCases: 1, agencyId: 'AG-B' }, opts());
    await upsertQueue(s.db, clock, { code: 'IN', name: 'in house', buckets: ['M1'], recallAfterDays: 30, priority: 1 }, opts());
    await upsertQueue(s.db, clock, { code: 'QA', name: 'agency A', buckets: ['M1'], recallAfterDays: 30, priority: 2, agencyId: 'AG-A' }, opts());
    await upsertQueue(s.db, clock, { code: 'QB', name: 'agency B', buckets: ['M1'], recallAfterDays: 30, priority: 3, agencyId: 'AG-B' }, opts());
    // X2 is placed with agency A and X3 with agency B (委案): their cases go to those agencies' queues.
    for (const [agency, ref] of [['AG-A', 'X2'], ['AG-B', 'X3']] as const) {
      await s.db.query(`INSERT INTO agencies (id, name, status, commission, max_days_placed, created_at, updated_at) VALUES ($1, $1, 'active', '{"basis":"dpd_at_placement","tiers":[{"from":0,"rateBp":1000}]}', 90, $2, $2)`, [agency, clock.now()]);
      await s.db.query(`INSERT INTO agency_placements (account_id, customer_id, agency_id, placed_on, source, placed_by, balance_at_placement_minor, dpd_at_placement, recall_due_on)
                        SELECT id, customer_id, $1, '2026-02-21', 'manual', 'test', 0, 6, '2026-05-21' FROM accounts WHERE ref = $2`, [agency, ref]);
    }
    await assignCases(s.db, clock, { businessDate: '2026-02-21' }, opts());
    const held = await s.db.query<{ case_id: number; collector_id: string; ref: string }>(
      `SELECT ca.case_id, ca.collector_id, a.ref FROM case_assignments ca JOIN accounts a ON a.id = ca.account_id WHERE ca.ended_on IS NULL ORDER BY ca.collector_id`,
    );
    assert.deepEqual(held.map((h) => h.collector_id), ['ga', 'gb', 'in']);
    for (const [agency, number] of [['AG-A', '02112340001'], ['AG-B', '02112340002']] as const) {
      await registerSender(s.db, clock, { ownerKind: 'agency', ownerId: agency, channel: 'call', value: number, registeredOn: '2026-01-01' }, opts());
    }
    const callerOf: Record<string, [kind: 'lender' | 'agency', id: string, number: string]> = { in: ['lender', DEFAULT_LENDER.id, '4008001234'], ga: ['agency', 'AG-A', '02112340001'], gb: ['agency', 'AG-B', '02112340002'] };

    // Three connected calls on 2026-02-21 (10:00, 10:30, 11:00 local), each allowed before dialling.
    const times = ['2026-02-21T10:00:00+08:00', '2026-02-21T10:30:00+08:00', '2026-02-21T11:00:00+08:00'];
    for (const [i, h] of [held[2]!, held[0]!, held[1]!].entries()) {
      const [kind, id, number] = callerOf[h.collector_id]!;
      const verdict = await checkCallNow(s.db, packs, { accountRef: h.ref, initiatorKind: kind, initiatorId: id, contactPoint: '+86 138 0000 0000', callerNumber: number, at: times[i]! });
      assert.notEqual(verdict.decision, 'deny', `call ${i + 1} by ${h.collector_id} is allowed: ${verdict.denyingRules.join(', ')}`);
      await lockCase(s.db, clock, { caseId: h.case_id, collectorId: h.collector_id }, opts());
      await recordCallOutcome(s.db, clock, { caseId: h.case_id, collectorId: h.collector_id, outcome: 'rpc', contactPoint: '+86 138 0000 0000', at: times[i]! }, { idempotencyKey: `call-${i}` });
    }
    const history = await s.db.query<{ initiator_kind: string; initiator_id: string; outcome: string }>('SELECT initiator_kind, initiator_id, outcome FROM contact_history ORDER BY at');
    assert.deepEqual(history.map((h) => `${h.initiator_kind}:${h.initiator_id}:${h.outcome}`), [`lender:${DEFAULT_LENDER.id}:connected`, 'agency:AG-A:connected', 'agency:AG-B:connected']);

    // A fourth call, by agency B, at 14:00 is refused before dialling, and so is an unregistered number.
    const fourth = await checkCallNow(s.db, packs, { accountRef: held[1]!.ref, initiatorKind: 'agency', initiatorId: 'AG-B', contactPoint: '+86 138 0000 0000', callerNumber: '02112340002', at: '2026-02-21T14:00:00+08:00' });
    assert.equal(fourth.decision, 'deny');
    assert.ok(fourth.denyingRules.some((r) => /^CN-FREQ/.test(r)), `denied by the frequency cap: ${fourth.denyingRules.join(', ')}`);
    assert.ok(fourth.nextAllowedAt && fourth.nextAllowedAt >= '2026-02-22', `next allowed the next day: ${fourth.nextAllowedAt}`);
    const rogue = await checkCallNow(s.db, packs, { accountRef: held[0]!.ref, initiatorKind: 'agency', initiatorId: 'AG-A', contactPoint: '+86 138 0000 0000', callerNumber: '17000000000', at: '2026-02-22T10:00:00+08:00' });
    assert.equal(rogue.decision, 'deny', 'a call from a number not registered to the agency is refused');

    // The lender's robot call planned for 14:00 the same day is blocked at dispatch for the same reason.
    await s.db.query(
      `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, template_code, language, contact_point, sender,
                                    initiator_kind, initiator_id, priority, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
       SELECT 'fd-robot-x', a.id, a.customer_id, '2026-02-20', 'robot_call', 'collection', 'robot_call', 'robot_call_script', 'zh-CN', '+86 138 0000 0000', '4008001234',
              'lender', $1, 30, '2026-02-21T06:00:00Z', '2026-02-21T11:00:00Z', 'scheduled', 'QQQQQRRRRR', '{"decision":"allow"}', '2026-02-20T16:00:00Z'
       FROM accounts a WHERE a.ref = 'X1'`,
      [DEFAULT_LENDER.id],
    );
    const robot = createRobotCallProvider(s.db);
    const r = await dispatchAt(s.db, '2026-02-21T06:00:00.000Z', { robot_call: robot });
    assert.equal(r.blocked, 1);
    const [item] = await outbox(s.db);
    assert.equal(item?.status, 'blocked');
    assert.match(item!.last_error!, /CN-FREQ/);
    assert.equal((await s.db.query('SELECT 1 FROM robot_calls')).length, 0, 'no robot call was placed');
  } finally {
    await s.close();
  }
});
