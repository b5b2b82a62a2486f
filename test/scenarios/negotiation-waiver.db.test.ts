import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger, hooks, type Scenario } from '../support/scenario.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { AppError } from '../../src/platform/errors.ts';
import { requestWaiver, approveConcession, rejectConcession, listConcessions, listPending } from '../../src/modules/negotiation/index.ts';

// A CN_LOAN of ¥120,000 over 12 months opened 2026-01-15; the first instalment (¥10,000 principal
// and ¥1,488 interest) is missed on 02-15, so from 02-16 ¥1,488 of interest is owed: above a
// collector's ¥200 and a team lead's ¥1,000, within a supervisor's ¥5,000.
const clock = fixedClock('2026-02-21T02:00:00.000Z');
let keys = 0;
const key = () => `wv-${++keys}`;
const deps = (s: Scenario) => ({ db: s.db, clock, hooks });

test('a waiver over a collector\'s limit waits for a supervisor: not the maker, not a team lead; the supervisor\'s approval is a WAIVER entry with reason and approver', async () => {
  const s = await scenario();
  try {
    await s.loan('W1', { principalMinor: 12_000_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-02-20');
    const owed = (await s.account('W1')).balances.interestMinor;
    assert.equal(owed, 148_800);

    const asked = await requestWaiver(deps(s), { accountRef: 'W1', component: 'interest', actor: 'c-li', role: 'collector', reason: '客户失业，一次性减免利息' }, { idempotencyKey: key() });
    assert.equal(asked.result.status, 'pending_approval');
    assert.equal(asked.result.approval?.needsRole, 'supervisor');
    assert.equal(asked.result.approval?.reason, '148800 minor units is above the collector limit of 20000');
    assert.equal(asked.result.approval?.slaDueAt, '2026-02-22T02:00:00.000Z', 'the approval queue SLA is 24 hours');
    assert.match(asked.result.explanation['zh-CN'], /已提交人工审核，将在 2026-02-22T02:00:00.000Z 前答复/);
    const queue = await listPending(s.db, 10);
    assert.deepEqual(queue.map((q) => [q.accountRef, q.kind, q.maker, q.makerRole]), [['W1', 'waiver', 'c-li', 'collector']]);
    await s.closeThrough('2026-02-21');
    assert.equal((await s.account('W1')).balances.interestMinor, owed, 'nothing is waived while it waits');

    const refused = async (actor: string, role: string, code: string, pattern: RegExp) =>
      assert.rejects(() => approveConcession(deps(s), { concessionId: asked.result.concessionId, actor, role }, { idempotencyKey: key() }), (e: unknown) => e instanceof AppError && e.code === code && pattern.test(e.message));
    await refused('c-li', 'manager', 'FORBIDDEN', /four-eyes: the checker must be a different person from the maker/);
    await refused('t-zhou', 'team_lead', 'FORBIDDEN', /148800 minor units is above the team_lead limit of 100000/);
    await refused('s-zhao', 'boss', 'VALIDATION_FAILED', /^role: /);

    const ok = await approveConcession(deps(s), { concessionId: asked.result.concessionId, actor: 's-zhao', role: 'supervisor', note: '材料齐全' }, { idempotencyKey: key() });
    assert.equal(ok.result.status, 'active');
    assert.equal(ok.result.effectiveOn, '2026-02-22');
    await s.closeThrough('2026-02-22');
    const a = await s.account('W1');
    assert.equal(a.balances.interestMinor, 0);
    const waiver = a.entries.filter((e) => e.kind === 'WAIVER');
    assert.deepEqual(waiver.map((e) => [e.itemSeq, e.component, e.amountMinor, e.reason]), [[1, 'interest', -148_800, `waiver:${asked.result.concessionId}`]]);
    const audit = await s.db.query<{ type: string; actor: string; data: Record<string, unknown> }>(`SELECT type, actor, data FROM audit_log WHERE type LIKE 'CONCESSION_%' OR type = 'AGREEMENT_RENDERED' ORDER BY seq`);
    assert.deepEqual(audit.map((e) => [e.type, e.actor]), [['CONCESSION_REQUESTED', 'c-li'], ['CONCESSION_APPROVED', 's-zhao'], ['AGREEMENT_RENDERED', 's-zhao']]);
    assert.equal(audit[1]!.data.checkerRole, 'supervisor');
    assert.match(String((audit[2]!.data.sha256 as Record<string, string>)['zh-CN']), /^[0-9a-f]{64}$/);

    // The same customer asks again: refused, with the reason, and nothing stored.
    await s.closeThrough('2026-03-16');
    await assert.rejects(
      () => requestWaiver(deps(s), { accountRef: 'W1', component: 'interest', actor: 'c-li', role: 'collector', reason: '再次申请' }, { idempotencyKey: key() }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.issues[0]?.path === 'component'
        && e.message === "component: a interest waiver is once per customer under CN_DEFAULT and this customer has had it already (one-time flag 'interest_waiver')",
    );
    assert.equal((await listConcessions(s.db, a.accountId)).length, 1);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a checker may reject a pending waiver; it frees the one-time flag and changes nothing on the ledger', async () => {
  const s = await scenario();
  try {
    await s.loan('W2', { principalMinor: 12_000_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-02-20');
    const asked = await requestWaiver(deps(s), { accountRef: 'W2', component: 'interest', amountMinor: 50_000, actor: 'c-li', role: 'collector', reason: 'r' }, { idempotencyKey: key() });
    await assert.rejects(() => rejectConcession(deps(s), { concessionId: asked.result.concessionId, actor: 'c-li', role: 'collector' }, { idempotencyKey: key() }), (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN');
    const r = await rejectConcession(deps(s), { concessionId: asked.result.concessionId, actor: 't-zhou', role: 'team_lead', note: '证据不足' }, { idempotencyKey: key() });
    assert.equal(r.result.status, 'rejected');
    await assert.rejects(() => approveConcession(deps(s), { concessionId: asked.result.concessionId, actor: 's-zhao', role: 'supervisor' }, { idempotencyKey: key() }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && /is rejected, not pending approval/.test(e.message));
    // Within the collector's limit the next request takes effect at once.
    const small = await requestWaiver(deps(s), { accountRef: 'W2', component: 'interest', amountMinor: 20_000, actor: 'c-li', role: 'collector', reason: 'r2' }, { idempotencyKey: key() });
    assert.equal(small.result.status, 'active');
    await s.closeThrough('2026-02-21');
    assert.equal((await s.account('W2')).balances.interestMinor, 148_800 - 20_000);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});
