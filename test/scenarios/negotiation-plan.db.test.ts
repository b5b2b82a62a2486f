import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger, hooks, type Scenario } from '../support/scenario.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { addDays } from '../../src/platform/dates.ts';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { commitPlan, approveConcession, acceptPortalOption, listConcessions, getAgreement } from '../../src/modules/negotiation/index.ts';

// The 003 §6 cases. 小李 has a CN_LOAN of ¥12,000 over 12 months opened 2026-01-15 (equal principal:
// ¥1,000 a month plus interest) and misses the instalments of 02-15 and 03-15.
const clock = fixedClock('2026-03-20T02:00:00.000Z');
let keys = 0;
const key = () => `neg-${++keys}`;
const deps = (s: Scenario) => ({ db: s.db, clock, hooks, lenderName: '示例消费金融' });

async function concession(s: Scenario, ref: string) {
  return (await listConcessions(s.db, (await s.account(ref)).accountId))[0]!;
}

test('003 §6 success: a 3-month plan with a one-time interest waiver, approved by a supervisor, paid in full: the account is cured and the plan completed', async () => {
  const s = await scenario();
  try {
    await s.loan('LI', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await (await s.at('2026-03-19')).expectBucket('LI', 'M2');
    const before = await s.account('LI');
    const interestOwed = before.balances.interestMinor;
    assert.ok(interestOwed > 20_000, 'two instalments of interest are owed, more than a collector may waive');

    // The collector proposes the plan; the interest waiver is above a collector's limit, so it waits.
    const asked = await commitPlan(deps(s), { accountRef: 'LI', termCount: 3, waive: ['interest'], actor: 'c-wang', role: 'collector', reason: '收入骤减，协商分期' }, { idempotencyKey: key() });
    assert.equal(asked.result.status, 'pending_approval');
    assert.equal(asked.result.approval?.needsRole, 'team_lead');
    assert.equal((await s.account('LI')).bucket, 'M2', 'nothing changes before approval');

    const approved = await approveConcession(deps(s), { concessionId: asked.result.concessionId, actor: 's-zhao', role: 'supervisor', note: '同意' }, { idempotencyKey: key() });
    assert.equal(approved.result.status, 'active');
    assert.equal(approved.result.effectiveOn, '2026-03-20');
    const plan = approved.result.terms.kind === 'plan' ? approved.result.terms.restructure : assert.fail('a plan');
    assert.equal(plan.items.length, 3);
    assert.equal(plan.waived.interest, interestOwed);
    assert.equal(plan.items.reduce((t, i) => t + i.amountMinor, 0), plan.balanceMinor, 'interest-free: the instalments sum to the restructured balance');
    assert.match(approved.result.explanation['zh-CN'], /分 3 期偿还/);
    for (const lang of ['zh-CN', 'en'] as const) {
      const a = await getAgreement(s.db, asked.result.concessionId, lang);
      assert.ok(a && a.pdf.subarray(0, 5).toString() === '%PDF-');
      assert.equal(a.sha256, approved.result.agreementSha256?.[lang]);
    }
    const [audit] = await s.db.query<{ data: { checker: string; checkerRole: string } }>(`SELECT data FROM audit_log WHERE type = 'CONCESSION_APPROVED'`);
    assert.deepEqual([audit!.data.checker, audit!.data.checkerRole], ['s-zhao', 'supervisor']);

    // Re-aged on commit: the arrears are rescheduled, so the account is current and the case cured.
    await (await s.at('2026-03-20')).expectBucket('LI', 'M0');
    const cured = await s.account('LI');
    const waivers = cured.entries.filter((e) => e.kind === 'WAIVER');
    assert.equal(-waivers.reduce((t, e) => t + e.amountMinor, 0), interestOwed + before.balances.penaltyMinor, 'interest (one-time) and penalty (policy) waived by entries');
    assert.equal(cured.balances.totalMinor, plan.balanceMinor, 'what is owed is the restructured balance');
    assert.equal(cured.balances.overdueMinor, 0);
    assert.equal(cured.cases[0]?.status, 'closed');
    assert.equal(cured.cases[0]?.closeReason, 'cured');

    for (const it of plan.items) {
      await s.closeThrough(addDays(it.dueOn, -1));
      await s.pay('LI', it.amountMinor, it.dueOn);
    }
    await (await s.at(plan.items.at(-1)!.dueOn)).expectBucket('LI', 'M0');
    const done = await s.account('LI');
    assert.equal(done.balances.totalMinor, 0, 'all paid');
    assert.equal(done.balances.penaltyMinor, 0);
    assert.equal((await concession(s, 'LI')).status, 'completed');
    await assertProjectionMatchesLedger(s.db);
    assert.equal((await verifyAuditChain(s.db)).ok, true);
  } finally {
    await s.close();
  }
});

test('003 §6 failure: a plan accepted in the portal, its first instalment missed: the plan breaks after 10 days and collection resumes from that instalment', async () => {
  const s = await scenario();
  try {
    await s.loan('FA', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await (await s.at('2026-03-19')).expectBucket('FA', 'M2');
    const accepted = await acceptPortalOption(deps(s), { accountRef: 'FA', choice: { kind: 'plan', termCount: 3 } }, { idempotencyKey: key() });
    assert.equal(accepted.kind, 'plan');
    const c = 'concession' in accepted ? accepted.concession : assert.fail('a concession');
    assert.equal(c.status, 'active', 'no discretionary waiver: inside the portal limit, effective at once');
    const plan = c.terms.kind === 'plan' ? c.terms.restructure : assert.fail('a plan');
    const first = plan.items[0]!.dueOn;
    await (await s.at(addDays(first, 10))).expectBucket('FA', 'M1');
    assert.equal((await concession(s, 'FA')).status, 'active', 'within the 10 days the plan holds');
    const view = await s.at(addDays(first, 11));
    await view.expectDpd('FA', 11);
    const broken = await concession(s, 'FA');
    assert.equal(broken.status, 'broken');
    assert.equal(broken.endedOn, addDays(first, 11));
    const a = await s.account('FA');
    assert.equal(a.cases.filter((k) => k.status === 'open').length, 1, 'a collection case is open again');
    assert.ok(a.entries.some((e) => e.kind === 'PENALTY' && e.valueDate > first), 'penalty interest runs again on the missed instalment');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});


