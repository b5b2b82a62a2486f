import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger, hooks, type Scenario } from '../support/scenario.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { addDays } from '../../src/platform/dates.ts';
import { canonicalJson } from '../../src/platform/canonical-json.ts';
import { previewPlan, commitPlan, listConcessions, CN_POLICY, type NegotiationPolicy } from '../../src/modules/negotiation/index.ts';

const clock = fixedClock('2026-03-20T02:00:00.000Z');
let keys = 0;
const key = () => `nl-${++keys}`;
const deps = (s: Scenario) => ({ db: s.db, clock, hooks });

/** A lender's own policy version: plans at 12 % a year, which the cycle must charge exactly as previewed. */
async function planInterestPolicy(s: Scenario): Promise<void> {
  const v2: NegotiationPolicy = { ...CN_POLICY, version: 2, plan: { ...CN_POLICY.plan, interestAnnualBp: 1_200 } };
  await s.db.query('INSERT INTO negotiation_policies (code, version, jurisdiction, policy, created_at) VALUES ($1, $2, $3, $4, $5)', [v2.code, v2.version, v2.jurisdiction, canonicalJson(v2), clock.now()]);
}


test('a plan preview and the committed ledger agree to the cent: schedule, waived amounts, and the interest the cycle posts on each due date', async () => {
  const s = await scenario();
  try {
    await planInterestPolicy(s);
    await s.loan('PV', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-03-19');
    const preview = await previewPlan(deps(s), { accountRef: 'PV', termCount: 4 });
    assert.equal(preview.policy, 'CN_DEFAULT@2');
    assert.equal((await s.db.query('SELECT 1 FROM concessions')).length, 0, 'a preview writes nothing');
    assert.equal((await s.db.query(`SELECT 1 FROM due_items WHERE kind = 'plan'`)).length, 0);
    const p = preview.plan;
    assert.ok(p.costMinor > 0 && p.annualRateBp > 1_200 && p.annualRateBp < 1_300, `12 % simple, about 12.6 % effective: ${p.annualRateBp}`);

    const committed = await commitPlan(deps(s), { accountRef: 'PV', termCount: 4, actor: 'c-wang', role: 'collector', reason: '分期' }, { idempotencyKey: key() });
    assert.equal(committed.result.status, 'active');
    assert.deepEqual(committed.result.terms, { kind: 'plan', restructure: p }, 'the commit computes exactly what was previewed');
    const items = await s.db.query<{ seq: number; due_on: string; principal_due_minor: number; interest_due_minor: number; minimum_due_minor: number }>(
      `SELECT seq, due_on, principal_due_minor, interest_due_minor, minimum_due_minor FROM due_items WHERE kind = 'plan' ORDER BY seq`,
    );
    assert.deepEqual(items.map((i) => [i.due_on, i.principal_due_minor, i.interest_due_minor, i.minimum_due_minor]), p.items.map((i) => [i.dueOn, i.principalMinor, i.interestMinor, i.amountMinor]));

    for (const it of p.items) {
      await s.closeThrough(addDays(it.dueOn, -1));
      await s.pay('PV', it.amountMinor, it.dueOn);
    }
    await s.closeThrough(p.items.at(-1)!.dueOn);
    const a = await s.account('PV');
    const planSeqs = new Set(items.map((i) => i.seq));
    const posted = a.entries.filter((e) => e.kind === 'INTEREST' && e.itemSeq !== null && planSeqs.has(e.itemSeq));
    assert.deepEqual(posted.map((e) => [e.valueDate, e.amountMinor, e.cappedMinor]), p.items.map((i) => [i.dueOn, i.interestMinor, 0]), 'each instalment\'s interest posted in full on its date');
    assert.equal(-a.entries.filter((e) => e.kind === 'WAIVER').reduce((t, e) => t + e.amountMinor, 0), p.waived.penalty + p.waived.interest + p.waived.fees);
    assert.equal(a.balances.totalMinor, 0, 'the previewed payments repay everything, not a fen more or less');
    assert.equal(a.balances.creditMinor, 0);
    assert.equal((await listConcessions(s.db, a.accountId))[0]!.status, 'completed');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a plan survives a replay: a payment dated before the plan arrives late, the plan is posted again on its date and the difference is held as credit for its instalments', async () => {
  const s = await scenario();
  try {
    await s.loan('RP', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-03-19');
    const c = await commitPlan(deps(s), { accountRef: 'RP', termCount: 3, actor: 'c-wang', role: 'collector', reason: '分期' }, { idempotencyKey: key() });
    const plan = c.result.terms.kind === 'plan' ? c.result.terms.restructure : assert.fail('a plan');
    await s.closeThrough('2026-03-25');
    const before = await s.account('RP');
    assert.equal(before.balances.totalMinor, plan.balanceMinor);

    const late = await s.pay('RP', 50_000, '2026-03-10');
    assert.equal(late.result.backdated, true);
    await s.closeThrough('2026-03-26');
    const after = await s.account('RP');
    const live = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entries e WHERE e.concession_id = $1 AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)`, [c.result.concessionId]);
    assert.ok(live[0]!.n > 0, 'the plan\'s postings are live again after the replay');
    const planItems = after.schedule.filter((i) => i.kind === 'plan');
    assert.deepEqual(planItems.map((i) => [i.dueOn, i.minimumDueMinor]), plan.items.map((i) => [i.dueOn, i.amountMinor]), 'the agreed schedule stands');
    assert.ok(after.balances.creditMinor < 0, 'what the late payment paid before the plan is held as credit');
    assert.equal(after.balances.totalMinor, plan.balanceMinor + after.balances.creditMinor, 'the plan items still carry the agreed balance; the credit offsets it');
    assert.ok(-after.balances.creditMinor <= 50_000 && -after.balances.creditMinor > 0);
    assert.equal(after.dpd, 0);
    assert.equal(after.bucket, 'M0');
    await assertProjectionMatchesLedger(s.db);

    // The credit pays the first instalment when it falls due; the rest of it is paid as agreed.
    const first = plan.items[0]!;
    await s.closeThrough(addDays(first.dueOn, -1));
    await s.pay('RP', first.amountMinor + after.balances.creditMinor, first.dueOn);
    await s.closeThrough(first.dueOn);
    const paid = await s.account('RP');
    assert.ok(paid.schedule.find((i) => i.kind === 'plan' && i.dueOn === first.dueOn)?.settledOn === first.dueOn);
    assert.equal(paid.balances.creditMinor, 0);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('token payments do not stop escalation: a few yuan a week leave the account rolling M1 → M2 → M3, each payment assessed and explained; a meaningful payment is not a token', async () => {
  const s = await scenario();
  try {
    await s.loan('TK', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.loan('MP', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    for (const d of ['2026-02-20', '2026-03-01', '2026-03-20', '2026-04-10']) {
      await s.closeThrough(addDays(d, -1));
      await s.pay('TK', 500, d);
    }
    await s.closeThrough('2026-04-17');
    const tk = await s.account('TK');
    assert.equal(tk.bucket, 'M3');
    assert.deepEqual(tk.bucketHistory.map((b) => b.toBucket), ['M1', 'M2', 'M3']);
    const assessed = await s.db.query<{ value_date: string; token: boolean; due_minor: number; explanation: { 'zh-CN': string; en: string } }>(
      `SELECT pa.value_date, pa.token, pa.due_minor, pa.explanation FROM payment_assessments pa JOIN accounts a ON a.id = pa.account_id WHERE a.ref = 'TK' ORDER BY pa.value_date`,
    );
    assert.deepEqual(assessed.map((r) => [r.value_date, r.token]), [['2026-02-20', true], ['2026-03-01', true], ['2026-03-20', true], ['2026-04-10', true]]);
    // Due on 02-20: the missed instalment (¥1,000 + ¥148.80 interest) and four days of penalty (¥2.40).
    assert.equal(assessed[0]!.due_minor, 115_120);
    assert.match(assessed[0]!.explanation['zh-CN'], /^您本次还款 ¥5\.00，低于应还金额 ¥1,151\.20 的 10%（¥115\.12）。.*不会暂停催收/);
    await s.pay('MP', 120_000, '2026-04-18');
    await s.closeThrough('2026-04-18');
    const [mp] = await s.db.query<{ token: boolean }>(`SELECT pa.token FROM payment_assessments pa JOIN accounts a ON a.id = pa.account_id WHERE a.ref = 'MP'`);
    assert.equal(mp?.token, false);
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});
