import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scenario, hooks, assertProjectionMatchesLedger, type Scenario } from '../../../test/support/scenario.ts';
import { always, dispatchAt, planningWith, setUpContacts } from '../../../test/support/contacts.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { createFakeProvider, makePlanStep, openDispute } from '../contacts/index.ts';
import {
  acceptLegalRecommendation, advanceCase, approveReferral, caseDetail, recordCost, referAccount, referralEligibility, rejectReferral, saveLegalPolicy,
  scheduledCourtFee, CN_LEGAL_POLICY, type Caller,
} from './index.ts';

// CN_LOAN ¥12,000 over 12 months opened 2026-01-15, never paid: the first instalment fell due on
// 2026-02-15, so on the open business date 2026-06-16 (closed through 06-15) the account is 120 days past due.
const clock = fixedClock('2026-06-16T02:00:00.000Z');
const alice: Caller = { actor: 'user:alice', roles: ['legal'] };
const bob: Caller = { actor: 'user:bob', roles: ['legal'] };
const carol: Caller = { actor: 'user:carol', roles: ['collector'] };
let keys = 0;
const k = () => ({ idempotencyKey: `legal-${++keys}` });
const deps = (s: Scenario) => ({ db: s.db, clock, hooks });

/** Contact history as the worklist and the dispatcher write it: outbound attempts, some answered by the debtor. */
async function contactAttempts(s: Scenario, ref: string, attempts: number, connected: number): Promise<void> {
  const [a] = await s.db.query<{ id: number; customer_id: string }>('SELECT id, customer_id FROM accounts WHERE ref = $1', [ref]);
  for (let i = 0; i < attempts; i++) {
    await s.db.query(
      `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, person_id, outcome, initiator_kind, initiator_id)
       VALUES ($1, $2, $3, 'call', 'outbound', 'debtor', $1, $4, 'lender', 'lender')`,
      [a!.customer_id, a!.id, `2026-05-${String(10 + i).padStart(2, '0')}T03:00:00.000Z`, i < connected ? 'connected' : 'unanswered'],
    );
  }
}

async function refused(p: Promise<unknown>, code: string, pattern: RegExp): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.code, code, err.message);
    assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`expected ${code}`);
}

test('a loan 120 days past due is referred, approved by a second person with the evidence bundle, filed (automated contacts held), and a court fee awarded by the judgment is charged on the ledger', async () => {
  const s = await scenario();
  try {
    await setUpContacts(s.db);
    for (const ref of ['L1', 'L2', 'L3']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-06-15');
    await contactAttempts(s, 'L1', 4, 1);
    await contactAttempts(s, 'L2', 4, 1);
    await openDispute(s.db, clock, { accountRef: 'L2', reason: 'amount disputed' }, { actor: 'portal', idempotencyKey: 'd-L2' });

    // L2 has an open dispute: not eligible, and the referral is refused with that reason; nothing is written.
    const l2 = await referralEligibility(deps(s), 'L2');
    assert.equal(l2.eligible, false);
    assert.deepEqual(l2.criteria.filter((c) => !c.ok).map((c) => c.criterion), ['no_open_dispute']);
    const e = await refused(referAccount(deps(s), { accountRef: 'L2', reason: 'long overdue' }, alice, k()), 'VALIDATION_FAILED', /open dispute/);
    assert.equal(e.issues[0]!.path, 'accountRef');
    assert.equal((await s.db.query('SELECT 1 FROM legal_cases')).length, 0);
    // L3 has never been reached: refused for its contact history.
    await refused(referAccount(deps(s), { accountRef: 'L3', reason: 'long overdue' }, alice, k()), 'VALIDATION_FAILED', /only 0 contact attempts.*0 right-party contacts/);

    const trace = await referralEligibility(deps(s), 'L1');
    assert.equal(trace.eligible, true);
    assert.equal(trace.asOf, '2026-06-16');
    assert.match(trace.criteria[0]!.reason.en, /^120 days past due/);

    const referred = await referAccount(deps(s), { accountRef: 'L1', reason: '长期逾期，多次联系未还款' }, alice, k());
    const r = referred.result;
    assert.equal(r.status, 'proposed');
    assert.equal(r.referredOn, '2026-06-16');
    assert.equal(r.claimMinor, (await s.account('L1')).balances.totalMinor, 'the claim is the balance on the referral date');
    assert.equal(r.approverRole, 'legal');
    await refused(referAccount(deps(s), { accountRef: 'L1', reason: 'again' }, bob, k()), 'VALIDATION_FAILED', /legal case #\d+ is still open/);

    // Four-eyes: the referrer cannot approve, a collector has no limit; another legal officer can.
    await refused(approveReferral(deps(s), r.caseId, {}, alice, k()), 'FORBIDDEN', /different person/);
    await refused(rejectReferral(deps(s), r.caseId, { note: 'no' }, alice, k()), 'FORBIDDEN', /cannot decide their own/);
    await refused(approveReferral(deps(s), r.caseId, {}, carol, k()), 'FORBIDDEN', /may approve referrals/);
    const approved = await approveReferral(deps(s), r.caseId, { note: '证据充分' }, bob, { ...k(), attachEvidence: true });
    assert.equal(approved.result.status, 'prepared');
    const ev = approved.result.evidence!;
    assert.match(ev.sha256, /^[0-9a-f]{64}$/);
    const [stored] = await s.db.query<{ sha256: string; bundle: Uint8Array; stage: string }>('SELECT sha256, bundle, stage FROM legal_evidence WHERE case_id = $1', [r.caseId]);
    assert.equal(stored!.stage, 'approval');
    assert.equal(createHash('sha256').update(Buffer.from(stored!.bundle)).digest('hex'), ev.sha256, 'the stored bundle is the one whose hash is recorded');
    const [audited] = await s.db.query<{ data: { sha256: string; caseId: number } }>(`SELECT data FROM audit_log WHERE type = 'LEGAL_EVIDENCE_ATTACHED'`);
    assert.equal(audited!.data.sha256, ev.sha256);

    // Costs before a judgment: the court fee is not the debtor's yet, a lawyer fee never is under the CN policy.
    await refused(recordCost(deps(s), r.caseId, { costType: 'court_fee', amountMinor: 9_500, incurredOn: '2026-06-16', description: '预交诉讼费', chargeTo: 'debtor' }, alice, k()), 'VALIDATION_FAILED', /only once a judgment orders/);
    const lawyer = await recordCost(deps(s), r.caseId, { costType: 'lawyer_fee', amountMinor: 300_000, incurredOn: '2026-06-16', description: '律师代理费' }, alice, k());
    assert.deepEqual([lawyer.result.chargedMinor, lawyer.result.lenderExpenseMinor, lawyer.result.entryKind], [0, 300_000, null]);
    assert.equal((await s.db.query(`SELECT 1 FROM entries WHERE kind IN ('LEGAL_COST', 'LEGAL_FEE')`)).length, 0, 'no ledger entry for the lender\'s expense');

    // The close of 06-16 plans an SMS for each account for 09:00 on 06-17 (the planning step, with a
    // strategy that texts every delinquent account); then the case is filed, before the SMS goes out.
    const plan = async (date: string) => {
      const [b] = await s.db.query<{ lo: number; hi: number }>('SELECT min(id) AS lo, max(id) AS hi FROM accounts');
      await s.db.transaction((tx) => makePlanStep(planningWith(always('sms', 'early_sms')))(tx, { date, postedOn: date, lo: b!.lo, hi: b!.hi }));
    };
    const outboxOf = async (date: string) => {
      const rows = await s.db.query<{ ref: string; status: string; verdict: { denyingRules: string[] }; dispatch: { denyingRules?: string[] } | null }>(
        `SELECT a.ref, o.status, o.plan_verdict AS verdict, o.dispatch_verdict AS dispatch FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id
         WHERE o.business_date = $1 ORDER BY a.ref`,
        [date],
      );
      return Object.fromEntries(rows.map((p) => [p.ref, p]));
    };
    await plan('2026-06-16');
    const planned = await outboxOf('2026-06-16');
    assert.deepEqual([planned.L1?.status, planned.L3?.status], ['scheduled', 'scheduled']);

    // Filed: the case holds automated contacts from now on; L3 keeps its SMS.
    const filed = await advanceCase(deps(s), r.caseId, { status: 'filed', onDate: '2026-06-16', court: '上海市浦东新区人民法院', caseNumber: '(2026)沪0115民初12345号' }, alice, k());
    assert.equal(filed.result.contactsPaused, true);
    await refused(advanceCase(deps(s), r.caseId, { status: 'enforcement', onDate: '2026-06-16' }, alice, k()), 'CONFLICT', /a filed case cannot become enforcement/);
    await refused(advanceCase(deps(s), r.caseId, { status: 'hearing', onDate: '2026-06-17', hearingOn: '2026-07-20' }, alice, k()), 'VALIDATION_FAILED', /after the business date 2026-06-16/);
    // The dispatcher checks the gate again at sending: the SMS planned before the filing is blocked.
    const sms = createFakeProvider('sms');
    await dispatchAt(s.db, '2026-06-17T01:00:00.000Z', { sms });
    const sent = await outboxOf('2026-06-16');
    assert.equal(sent.L1?.status, 'blocked', 'the SMS planned before the filing is not sent');
    assert.deepEqual(sent.L1?.dispatch?.denyingRules, ['FD-STATUS-01']);
    assert.equal(sent.L3?.status, 'sent');
    assert.equal(sms.sent.length, 1);
    // And the planner plans no collection SMS for it from the next close on.
    await s.closeThrough('2026-06-16');
    await plan('2026-06-17');
    const next = await outboxOf('2026-06-17');
    assert.equal(next.L1?.status, 'blocked', 'no collection SMS for the account in court');
    assert.deepEqual(next.L1?.verdict.denyingRules, ['FD-STATUS-01']);

    // Hearing, then a judgment ordering the debtor to bear the costs: the court fee of the schedule is charged.
    await advanceCase(deps(s), r.caseId, { status: 'hearing', onDate: '2026-06-17', hearingOn: '2026-07-20' }, alice, k());
    await s.closeThrough('2026-07-20');
    await advanceCase(deps(s), r.caseId, { status: 'judgment', onDate: '2026-07-21', judgmentMinor: r.claimMinor, costsAwarded: true }, alice, k());
    const fee = scheduledCourtFee(r.claimMinor, CN_LEGAL_POLICY.costs.courtFeeSchedule);
    const before = await s.account('L1');
    const court = await recordCost(deps(s), r.caseId, { costType: 'court_fee', amountMinor: fee, incurredOn: '2026-06-16', description: '诉讼费（判决由被告负担）', chargeTo: 'debtor' }, alice, k());
    assert.deepEqual([court.result.chargedMinor, court.result.lenderExpenseMinor, court.result.entryKind, court.result.postedOn], [fee, 0, 'LEGAL_COST', '2026-07-21']);
    await s.closeThrough('2026-07-21');
    const after = await s.account('L1');
    const legal = after.explain.fees.charges.filter((c) => c.kind === 'LEGAL_COST');
    assert.deepEqual(legal.map((c) => [c.fromDate, c.amountMinor]), [['2026-07-21', fee]], 'the explanation shows the court fee');
    assert.ok(after.balances.feesMinor >= before.balances.feesMinor + fee);
    assert.equal(after.costCap.chargedMinor - before.costCap.chargedMinor < fee, true, 'a court-ordered cost is outside the total-cost cap');
    await assertProjectionMatchesLedger(s.db);

    // A payment backdated before the cost rewinds the account; the replay posts the cost again.
    await s.pay('L1', 50_000, '2026-07-01');
    await s.closeThrough('2026-07-21');
    const replayed = await s.account('L1');
    assert.deepEqual(replayed.explain.fees.charges.filter((c) => c.kind === 'LEGAL_COST').map((c) => c.amountMinor), [fee]);
    await assertProjectionMatchesLedger(s.db);

    const detail = (await caseDetail(s.db, r.caseId))!;
    assert.deepEqual(detail.events.map((x) => x.to), ['proposed', 'prepared', 'filed', 'hearing', 'judgment']);
    assert.deepEqual([detail.court, detail.courtCaseNumber, detail.hearingOn, detail.judgmentMinor, detail.costsAwarded], ['上海市浦东新区人民法院', '(2026)沪0115民初12345号', '2026-07-20', r.claimMinor, true]);
    assert.deepEqual(detail.costs.map((c) => [c.costType, c.chargedMinor, c.lenderExpenseMinor]), [['lawyer_fee', 0, 300_000], ['court_fee', fee, 0]]);

    // Closed: the hold ends.
    await advanceCase(deps(s), r.caseId, { status: 'enforcement', onDate: '2026-07-22' }, alice, k());
    const closed = await advanceCase(deps(s), r.caseId, { status: 'closed', onDate: '2026-07-22', note: '执行完毕' }, alice, k());
    assert.equal(closed.result.contactsPaused, false);
  } finally {
    await s.close();
  }
});

test('a fee the policy counts toward the total-cost cap is cut to what the cap still allows; a referral can be rejected and the account referred again; a recommend_legal is accepted into a referral', async () => {
  const s = await scenario();
  try {
    for (const ref of ['L1', 'L2']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-06-15');
    await contactAttempts(s, 'L1', 3, 1);
    await contactAttempts(s, 'L2', 3, 1);
    const v2 = { ...CN_LEGAL_POLICY, version: 2, costs: { ...CN_LEGAL_POLICY.costs, lawyer_fee: { chargeable: 'always' as const, capBpOfClaim: 1_000, withinCostCap: true } } };
    await saveLegalPolicy(deps(s), v2, alice, k());
    await refused(saveLegalPolicy(deps(s), v2, alice, k()), 'CONFLICT', /exists/);

    const first = await referAccount(deps(s), { accountRef: 'L1', reason: 'overdue' }, alice, k());
    const rejected = await rejectReferral(deps(s), first.result.caseId, { note: '先尝试和解' }, bob, k());
    assert.equal(rejected.result.status, 'rejected');
    const again = await referAccount(deps(s), { accountRef: 'L1', reason: 'settlement failed' }, alice, k());
    await approveReferral(deps(s), again.result.caseId, {}, bob, k());

    const a = await s.account('L1');
    // The CN_LOAN's penalty has used the 24 % cap's allowance by now (or nearly): the fee is cut.
    const fee = await recordCost(deps(s), again.result.caseId, { costType: 'lawyer_fee', amountMinor: 100_000, incurredOn: '2026-06-16', description: '律师费（合同约定）' }, alice, k());
    const f = fee.result;
    assert.equal(f.entryKind === 'LEGAL_FEE' || f.entryKind === null, true);
    assert.equal(f.chargedMinor + f.lenderExpenseMinor, 100_000);
    assert.ok(f.chargedMinor < 100_000, `cut by the cap: ${JSON.stringify(f)}`);
    assert.match(f.reasons.at(-1)!.en, /total-cost cap allows only/);
    await s.closeThrough('2026-06-16');
    const b = await s.account('L1');
    assert.ok(b.costCap.chargedMinor >= a.costCap.chargedMinor + f.chargedMinor, 'a fee within the cap counts as a cost of credit');
    await assertProjectionMatchesLedger(s.db);

    // The strategy recommended legal review for L2: accepting it refers the account.
    await refused(acceptLegalRecommendation(deps(s), { accountRef: 'L2', reason: 'as recommended' }, alice, k()), 'NOT_FOUND', /no open legal recommendation/);
    const [l2] = await s.db.query<{ id: number }>(`SELECT id FROM accounts WHERE ref = 'L2'`);
    await s.db.query(`INSERT INTO case_recommendations (account_id, customer_id, business_date, kind, strategy_version, strategy_row) SELECT id, customer_id, '2026-06-16', 'recommend_legal', 1, 'cn-m4-legal' FROM accounts WHERE id = $1`, [l2!.id]);
    const accepted = await acceptLegalRecommendation(deps(s), { accountRef: 'L2', reason: 'as recommended' }, alice, k());
    assert.equal(accepted.result.status, 'proposed');
    const [rec] = await s.db.query<{ status: string }>(`SELECT status FROM case_recommendations WHERE account_id = $1`, [l2!.id]);
    assert.equal(rec!.status, 'accepted');
    const [evt] = await s.db.query<{ data: { source: string; recommendation: string } }>(`SELECT data FROM audit_log WHERE type = 'LEGAL_REFERRED' ORDER BY seq DESC LIMIT 1`);
    assert.deepEqual([evt!.data.source, evt!.data.recommendation], ['recommendation', '2026-06-16']);
  } finally {
    await s.close();
  }
});
