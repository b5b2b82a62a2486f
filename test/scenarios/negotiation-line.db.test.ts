import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, assertProjectionMatchesLedger, hooks, type Scenario } from '../support/scenario.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { addDays } from '../../src/platform/dates.ts';
import { canonicalJson } from '../../src/platform/canonical-json.ts';
import { previewPlan, commitPlan, requestDeferral, listConcessions, CN_POLICY, type NegotiationPolicy } from '../../src/modules/negotiation/index.ts';

// 花呗-style 分期 on a CN_LINE (statement on the 1st, due on the 10th, minimum 10 %, 0.05 % a day on
// unpaid statement principal after the due date). The debtor spends ¥6,000 in January and ¥1,000 in
// February and pays nothing: the 02-01 statement (¥6,000) and the 03-01 statement (¥1,000) are past
// due, and on 03-19 the line is in M2.
const clock = fixedClock('2026-03-20T02:00:00.000Z');
let keys = 0;
const key = () => `nline-${++keys}`;
const deps = (s: Scenario) => ({ db: s.db, clock, hooks });

async function lineInArrears(s: Scenario, ref: string): Promise<void> {
  await s.line(ref, { creditLimitMinor: 1_000_000, openedOn: '2026-01-05' });
  await s.closeThrough('2026-01-19');
  await s.draw(ref, 600_000, '2026-01-20');
  await s.closeThrough('2026-02-14');
  await s.draw(ref, 100_000, '2026-02-15');
  await (await s.at('2026-03-19')).expectBucket(ref, 'M2');
}

interface ItemRow { seq: number; kind: string; created_on: string; due_on: string; principal_due_minor: number; minimum_due_minor: number; superseded_on: string | null; concession_id: number | null }

async function items(s: Scenario, ref: string): Promise<ItemRow[]> {
  return s.db.query<ItemRow>(
    `SELECT di.seq, di.kind, di.created_on, di.due_on, di.principal_due_minor, di.minimum_due_minor, di.superseded_on, di.concession_id
     FROM due_items di JOIN accounts a ON a.id = di.account_id WHERE a.ref = $1 ORDER BY di.seq`,
    [ref],
  );
}

async function planInterestPolicy(s: Scenario): Promise<void> {
  const v2: NegotiationPolicy = { ...CN_POLICY, version: 2, plan: { ...CN_POLICY.plan, interestAnnualBp: 1_200 } };
  await s.db.query('INSERT INTO negotiation_policies (code, version, jurisdiction, policy, created_at) VALUES ($1, $2, $3, $4, $5)', [v2.code, v2.version, v2.jurisdiction, canonicalJson(v2), clock.now()]);
}

test('a 3-month plan on a line in arrears: preview and ledger agree to the cent, the line is cured, later spending is billed on its own, and the paid plan completes', async () => {
  const s = await scenario();
  try {
    await planInterestPolicy(s);
    await lineInArrears(s, 'HB');
    const before = await s.account('HB');
    const preview = await previewPlan(deps(s), { accountRef: 'HB', termCount: 3 });
    const p = preview.plan;
    assert.deepEqual(p.supersededSeqs, [1, 2], 'both statements are restructured');
    assert.equal(p.outstanding.principal, 700_000);
    assert.equal(p.outstanding.interest, before.balances.interestMinor, 'the overdue interest moves into the plan');
    assert.ok(p.costMinor > 0, 'plan interest at 12 % a year');

    const c = await commitPlan(deps(s), { accountRef: 'HB', termCount: 3, actor: 'c-wang', role: 'collector', reason: '花呗分期' }, { idempotencyKey: key() });
    assert.equal(c.result.status, 'active');
    assert.deepEqual(c.result.terms, { kind: 'plan', restructure: p }, 'the commit computes exactly what was previewed');
    const rows = await items(s, 'HB');
    assert.deepEqual(rows.filter((r) => r.kind === 'statement').map((r) => [r.seq, r.superseded_on, r.concession_id]), [[1, '2026-03-20', c.result.concessionId], [2, '2026-03-20', c.result.concessionId]]);
    assert.deepEqual(rows.filter((r) => r.kind === 'plan').map((r) => [r.due_on, r.principal_due_minor, r.minimum_due_minor]), p.items.map((i) => [i.dueOn, i.principalMinor, i.amountMinor]));

    const cured = await s.at('2026-03-20');
    await cured.expectBucket('HB', 'M0');
    await cured.expectDpd('HB', 0);
    const a = await s.account('HB');
    assert.equal(a.balances.totalMinor, p.balanceMinor, 'what is owed is the restructured balance');
    assert.equal(a.balances.overdueMinor, 0);
    assert.deepEqual(a.cases.map((k) => [k.status, k.closeReason]), [['closed', 'cured']]);

    // New spending after the plan is billed on the next statement with its own minimum; the
    // restructured balance is not demanded again by the line.
    await s.closeThrough('2026-03-24');
    await s.draw('HB', 50_000, '2026-03-25');
    await s.closeThrough('2026-04-01');
    const apr = (await items(s, 'HB')).filter((r) => r.kind === 'statement' && r.created_on === '2026-04-01');
    assert.deepEqual(apr.map((r) => [r.due_on, r.principal_due_minor, r.minimum_due_minor]), [['2026-04-10', 50_000, 5_000]]);
    await s.closeThrough('2026-04-07');
    await s.pay('HB', 50_000, '2026-04-08');

    for (const it of p.items) {
      await s.closeThrough(addDays(it.dueOn, -1));
      await s.pay('HB', it.amountMinor, it.dueOn);
    }
    await (await s.at(p.items.at(-1)!.dueOn)).expectBucket('HB', 'M0');
    const done = await s.account('HB');
    const planSeqs = new Set(rows.filter((r) => r.kind === 'plan').map((r) => r.seq));
    const posted = done.entries.filter((e) => e.kind === 'INTEREST' && e.itemSeq !== null && planSeqs.has(e.itemSeq));
    assert.deepEqual(posted.map((e) => [e.valueDate, e.amountMinor, e.cappedMinor]), p.items.map((i) => [i.dueOn, i.interestMinor, 0]), 'each instalment\'s interest posted in full on its date');
    assert.equal(done.balances.totalMinor, 0, 'the previewed payments and the new statement repay everything, not a fen more or less');
    assert.equal(done.balances.creditMinor, 0);
    assert.equal((await items(s, 'HB')).filter((r) => r.kind === 'statement').length, 3, 'no statement after April: nothing new was spent');
    assert.equal((await listConcessions(s.db, done.accountId))[0]!.status, 'completed');
    assert.equal(done.bucketHistory.at(-1)?.toBucket, 'M0');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a plan on a line survives a replay that re-issues a superseded statement: same seq, mark kept, no double demand, the late payment held as credit', async () => {
  const s = await scenario();
  try {
    await lineInArrears(s, 'RL');
    const c = await commitPlan(deps(s), { accountRef: 'RL', termCount: 3, actor: 'c-wang', role: 'collector', reason: '花呗分期' }, { idempotencyKey: key() });
    const plan = c.result.terms.kind === 'plan' ? c.result.terms.restructure : assert.fail('a plan');
    await s.closeThrough('2026-03-25');
    const before = await items(s, 'RL');
    assert.equal((await s.account('RL')).balances.totalMinor, plan.balanceMinor);

    // ¥6,500 paid 02-25, recorded late: the line is rewound to 02-24, before the 03-01 statement the
    // plan superseded. The payment clears the 02-01 statement (¥42 overdue interest, ¥6,000) and pays
    // ¥458 of February's spending before it is billed, so the 03-01 statement is issued again for ¥542.
    const late = await s.pay('RL', 650_000, '2026-02-25');
    assert.equal(late.result.backdated, true);
    await s.closeThrough('2026-03-26');
    const after = await items(s, 'RL');
    const identity = (rows: ItemRow[]) => rows.map((r) => [r.seq, r.kind, r.created_on, r.due_on, r.superseded_on, r.concession_id]);
    assert.deepEqual(identity(after), identity(before), 'the statements keep their identity and their superseded marks; the plan items their schedule');
    assert.deepEqual(after.map((r) => r.principal_due_minor), before.map((r, k) => (k === 1 ? 54_200 : r.principal_due_minor)), 'the 03-01 statement is re-issued with the amount billed now');

    const a = await s.account('RL');
    const live = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM entries e WHERE e.concession_id = $1 AND NOT EXISTS (SELECT 1 FROM entries r WHERE r.reverses_id = e.id)`, [c.result.concessionId]);
    assert.ok(live[0]!.n > 0, 'the plan\'s postings are live again after the replay');
    const statementsOwe = a.schedule.filter((i) => i.kind === 'statement').reduce((t, i) => t + i.principalDueMinor - i.principalPaidMinor + i.interestChargedMinor - i.interestPaidMinor, 0);
    assert.equal(statementsOwe, 0, 'the superseded statements demand nothing');
    assert.ok(a.balances.creditMinor <= -600_000, `the late payment, less what it paid on February's spending, and the overdue interest it saved, are held as credit: ${a.balances.creditMinor}`);
    assert.equal(a.balances.principalMinor, 700_000, 'the principal is on the plan items as agreed');
    assert.equal(a.balances.totalMinor, plan.balanceMinor + a.balances.creditMinor, 'the plan items carry the agreed balance; the credit offsets it');
    assert.equal(a.dpd, 0);
    assert.equal(a.bucket, 'M0');
    await assertProjectionMatchesLedger(s.db);

    // The credit is applied to the instalments as they fall due; the debtor pays only what it does not cover.
    for (const it of plan.items) {
      await s.closeThrough(addDays(it.dueOn, -1));
      const credit = (await s.account('RL')).balances.creditMinor;
      if (it.amountMinor + credit > 0) await s.pay('RL', it.amountMinor + credit, it.dueOn);
      await (await s.at(it.dueOn)).expectBucket('RL', 'M0');
      assert.equal((await s.account('RL')).schedule.find((i) => i.kind === 'plan' && i.dueOn === it.dueOn)?.settledOn, it.dueOn);
    }
    const done = await s.account('RL');
    assert.equal(done.balances.totalMinor, 0);
    assert.equal(done.balances.creditMinor, 0);
    assert.equal((await listConcessions(s.db, done.accountId))[0]!.status, 'completed');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a missed plan instalment on a line breaks the plan after the policy\'s 10 days and collection resumes from that instalment', async () => {
  const s = await scenario();
  try {
    await lineInArrears(s, 'BR');
    const c = await commitPlan(deps(s), { accountRef: 'BR', termCount: 3, actor: 'c-wang', role: 'collector', reason: '花呗分期' }, { idempotencyKey: key() });
    const plan = c.result.terms.kind === 'plan' ? c.result.terms.restructure : assert.fail('a plan');
    const first = plan.items[0]!.dueOn;
    await (await s.at('2026-03-20')).expectBucket('BR', 'M0');
    await (await s.at(addDays(first, 10))).expectBucket('BR', 'M1');
    assert.equal((await listConcessions(s.db, (await s.account(c.result.accountRef)).accountId))[0]!.status, 'active', 'within the 10 days the plan holds');
    const view = await s.at(addDays(first, 11));
    await view.expectDpd('BR', 11);
    const broken = (await listConcessions(s.db, (await s.account(c.result.accountRef)).accountId))[0]!;
    assert.equal(broken.status, 'broken');
    assert.equal(broken.endedOn, addDays(first, 11));
    const a = await s.account('BR');
    assert.equal(a.cases.filter((k) => k.status === 'open').length, 1, 'a collection case is open again');
    const planSeq = a.schedule.find((i) => i.kind === 'plan' && i.dueOn === first)!.seq;
    assert.ok(a.entries.some((e) => e.kind === 'OVERDUE_INTEREST' && e.itemSeq === planSeq && e.valueDate > first), 'overdue interest runs again, on the missed instalment');
    assert.equal(a.schedule.filter((i) => i.kind === 'statement').length, 2, 'no statement re-demands the restructured balance');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});

test('a deferral on a line: the arrears become one item three months later, and the line is current meanwhile', async () => {
  const s = await scenario();
  try {
    await lineInArrears(s, 'DF');
    const owed = (await s.account('DF')).balances.totalMinor;
    const c = await requestDeferral(deps(s), { accountRef: 'DF', months: 3, hardship: { kind: 'illness', reference: 'H-1' }, actor: 'c-wang', role: 'collector', reason: '疾病延期' }, { idempotencyKey: key() });
    assert.equal(c.result.status, 'active');
    const d = c.result.terms.kind === 'deferral' ? c.result.terms.restructure : assert.fail('a deferral');
    assert.deepEqual(d.items.map((i) => [i.dueOn, i.amountMinor]), [['2026-06-20', owed]]);
    await (await s.at('2026-05-01')).expectBucket('DF', 'M0');
    assert.equal((await s.account('DF')).balances.totalMinor, owed, 'no overdue interest while deferred (0 % deferral interest)');
    await s.closeThrough('2026-06-19');
    await s.pay('DF', owed, '2026-06-20');
    await (await s.at('2026-06-20')).expectBucket('DF', 'M0');
    assert.equal((await s.account('DF')).balances.totalMinor, 0);
    assert.equal((await listConcessions(s.db, (await s.account(c.result.accountRef)).accountId))[0]!.status, 'completed');
    await assertProjectionMatchesLedger(s.db);
  } finally {
    await s.close();
  }
});
