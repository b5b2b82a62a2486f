import { test } from 'node:test';
import assert from 'node:assert/strict';
import { admitCost, approverRoleFor, capHeadroom, checkApprover, checkReferral, checkTransition, contactsPaused, scheduledCourtFee, TRANSITIONS, type CostFacts, type ReferralFacts } from './legal.rules.ts';
import { CN_COURT_FEES, CN_LEGAL_POLICY, UK_COURT_FEES, UK_LEGAL_POLICY } from './policy.defaults.ts';
import { CASE_STATUSES, LegalPolicySchema, type CaseStatus } from './legal.types.ts';

const ready: ReferralFacts = {
  currency: 'CNY', dpd: 125, balanceMinor: 1_180_000, contactAttempts: 6, rightPartyContacts: 2, openDisputes: 0, openComplaints: 0,
  statuses: [], activePlans: [], openCaseId: null,
};

test('the shipped legal policies pass their own schema', () => {
  for (const p of [CN_LEGAL_POLICY, UK_LEGAL_POLICY]) assert.equal(LegalPolicySchema.safeParse(p).success, true, p.code);
});

test('referral eligibility: each criterion fails on its own, with its reason in zh-CN and en', () => {
  const rows: Array<[string, Partial<ReferralFacts>, string, RegExp]> = [
    ['89 days past due is short of the CN 90', { dpd: 89 }, 'min_dpd', /89 days past due, fewer than the 90 required/],
    ['a balance under ¥1,000', { balanceMinor: 99_999 }, 'min_balance', /balance ¥999\.99, below ¥1,000\.00/],
    ['two contact attempts of the three required', { contactAttempts: 2 }, 'contact_attempts', /only 2 contact attempts, 3 required/],
    ['never reached in person', { rightPartyContacts: 0 }, 'right_party_contacts', /0 right-party contacts, 1 required/],
    ['an open dispute', { openDisputes: 1 }, 'no_open_dispute', /1 open dispute\(s\)/],
    ['an open complaint', { openComplaints: 1 }, 'no_open_dispute', /1 open complaint\(s\)/],
    ['breathing space', { statuses: ['breathing_space'] }, 'debtor_status', /breathing space: no referral/],
    ['deceased', { statuses: ['deceased', 'vulnerable'] }, 'debtor_status', /the debtor is deceased: no referral/],
    ['bankrupt', { statuses: ['bankrupt'] }, 'debtor_status', /in bankruptcy/],
    ['a running plan', { activePlans: [{ id: 7, kind: 'plan' }] }, 'no_active_plan', /running plan \(#7\)/],
    ['a case already open', { openCaseId: 3 }, 'no_open_case', /legal case #3 is still open/],
  ];
  for (const [name, change, criterion, reason] of rows) {
    const e = checkReferral({ ...ready, ...change }, CN_LEGAL_POLICY);
    assert.equal(e.eligible, false, name);
    const failed = e.criteria.filter((c) => !c.ok);
    assert.deepEqual(failed.map((c) => c.criterion), [criterion], name);
    assert.match(failed[0]!.reason.en, reason, name);
    assert.ok(failed[0]!.reason['zh-CN'].length > 0 && failed[0]!.reason['zh-CN'] !== failed[0]!.reason.en, `${name}: zh-CN text`);
  }
});

test('referral eligibility: an account meeting every criterion is eligible and the trace lists all of them', () => {
  const e = checkReferral(ready, CN_LEGAL_POLICY);
  assert.equal(e.eligible, true);
  assert.equal(e.policy, 'CN_LEGAL@1');
  assert.deepEqual(e.criteria.map((c) => [c.criterion, c.ok]), [
    ['min_dpd', true], ['min_balance', true], ['contact_attempts', true], ['right_party_contacts', true], ['no_open_dispute', true], ['debtor_status', true], ['no_active_plan', true], ['no_open_case', true],
  ]);
  assert.equal(e.criteria[0]!.reason['zh-CN'], '逾期 125 天，达到 90 天的起诉门槛');
});

test('referral eligibility: every failing criterion is reported, not only the first', () => {
  const e = checkReferral({ ...ready, dpd: 10, openDisputes: 1, statuses: ['financial_difficulty'] }, UK_LEGAL_POLICY);
  assert.deepEqual(e.criteria.filter((c) => !c.ok).map((c) => c.criterion), ['min_dpd', 'no_open_dispute', 'debtor_status']);
  assert.equal(checkReferral({ ...ready, statuses: ['financial_difficulty'] }, CN_LEGAL_POLICY).eligible, true, 'financial difficulty blocks under the UK policy only');
});

test('four-eyes: the approver is another person whose role limit covers the claim', () => {
  const rows: Array<[string, { maker: string; checker: string; checkerRoles: string[]; claimMinor: number }, boolean, RegExp | null]> = [
    ['the referrer cannot approve their own referral', { maker: 'u1', checker: 'u1', checkerRoles: ['admin'], claimMinor: 100 }, false, /different person/],
    ['a legal officer within ¥50,000', { maker: 'u1', checker: 'u2', checkerRoles: ['legal'], claimMinor: 5_000_000 }, true, null],
    ['a legal officer above ¥50,000', { maker: 'u1', checker: 'u2', checkerRoles: ['legal'], claimMinor: 5_000_001 }, false, /above the approver's limit of 5000000/],
    ['a supervisor above ¥50,000', { maker: 'u1', checker: 'u2', checkerRoles: ['legal', 'supervisor'], claimMinor: 5_000_001 }, true, null],
    ['a collector has no limit', { maker: 'u1', checker: 'u2', checkerRoles: ['collector'], claimMinor: 100 }, false, /may approve referrals/],
  ];
  for (const [name, c, ok, reason] of rows) {
    const v = checkApprover(c, CN_LEGAL_POLICY);
    assert.equal(v.ok, ok, name);
    if (!v.ok && reason) assert.match(v.reason, reason, name);
  }
  assert.equal(approverRoleFor(5_000_000, CN_LEGAL_POLICY), 'legal');
  assert.equal(approverRoleFor(5_000_001, CN_LEGAL_POLICY), 'supervisor');
  assert.equal(approverRoleFor(2_000_000_000, CN_LEGAL_POLICY), null);
});

test('status machine: prepared → filed → hearing → judgment → enforcement → closed, settled or withdrawn → closed, nothing else', () => {
  const today = '2026-06-30';
  const allowed = new Set([
    'prepared>filed', 'prepared>withdrawn', 'proposed>withdrawn',
    'filed>hearing', 'filed>judgment', 'filed>settled', 'filed>withdrawn',
    'hearing>hearing', 'hearing>judgment', 'hearing>settled', 'hearing>withdrawn',
    'judgment>enforcement', 'judgment>settled', 'judgment>closed',
    'enforcement>settled', 'enforcement>closed', 'settled>closed', 'withdrawn>closed',
  ]);
  for (const from of CASE_STATUSES) {
    for (const to of CASE_STATUSES) {
      const v = checkTransition({ from, to, onDate: today, today, lastEventOn: today });
      assert.equal(v.ok, allowed.has(`${from}>${to}`), `${from} → ${to}`);
    }
  }
  const viaApproval = checkTransition({ from: 'proposed', to: 'prepared', onDate: today, today, lastEventOn: today });
  assert.equal(viaApproval.ok, false);
  assert.match((viaApproval as { reason: string }).reason, /only by approving or rejecting/);
  const closed = checkTransition({ from: 'closed', to: 'filed', onDate: today, today, lastEventOn: today });
  assert.match((closed as { reason: string }).reason, /it is final/);
  assert.deepEqual(TRANSITIONS.rejected, []);
});

test('status machine: a step is dated on or before the business date and not before the previous step', () => {
  const future = checkTransition({ from: 'prepared', to: 'filed', onDate: '2026-07-01', today: '2026-06-30', lastEventOn: '2026-06-01' });
  assert.match((future as { reason: string }).reason, /after the business date 2026-06-30/);
  const backwards = checkTransition({ from: 'filed', to: 'hearing', onDate: '2026-05-31', today: '2026-06-30', lastEventOn: '2026-06-01' });
  assert.match((backwards as { reason: string }).reason, /before the case's last step on 2026-06-01/);
});

test('contacts are held from filing to the end of enforcement under the CN policy', () => {
  const held = CASE_STATUSES.filter((s: CaseStatus) => contactsPaused(s, CN_LEGAL_POLICY));
  assert.deepEqual(held, ['filed', 'hearing', 'judgment', 'enforcement']);
  assert.equal(contactsPaused('filed', { ...CN_LEGAL_POLICY, pause: { statuses: [], scope: 'automated' } }), false);
});

test('court fee schedules: CN by 诉讼费用交纳办法 bands, UK by fixed bands with 5 % above £10,000', () => {
  const rows: Array<[string, number, typeof CN_COURT_FEES, number]> = [
    ['CN ¥5,000', 500_000, CN_COURT_FEES, 5_000],
    ['CN ¥10,000', 1_000_000, CN_COURT_FEES, 5_000],
    ['CN ¥12,000: ¥50 + 2.5 % of ¥2,000', 1_200_000, CN_COURT_FEES, 10_000],
    ['CN ¥100,000', 10_000_000, CN_COURT_FEES, 230_000],
    ['CN ¥1,000,000', 100_000_000, CN_COURT_FEES, 1_380_000],
    ['CN ¥11,800.01 rounds half up', 1_180_001, CN_COURT_FEES, 9_500],
    ['UK £300 exactly', 30_000, UK_COURT_FEES, 3_500],
    ['UK £300.01', 30_001, UK_COURT_FEES, 5_000],
    ['UK £20,000: 5 %', 2_000_000, UK_COURT_FEES, 100_000],
    ['UK £250,000: the fixed top fee', 25_000_000, UK_COURT_FEES, 1_000_000],
  ];
  for (const [name, claim, bands, fee] of rows) assert.equal(scheduledCourtFee(claim, bands), fee, name);
});

test('cost admissibility: what the debtor may bear under the policy and the cap, the rest the lender\'s', () => {
  const base: CostFacts = { costType: 'court_fee', amountMinor: 9_500, claimMinor: 1_180_000, currency: 'CNY', costsAwarded: true, chargedSoFarMinor: 0, capHeadroomMinor: 0 };
  const rows: Array<[string, Partial<CostFacts>, typeof CN_LEGAL_POLICY, { kind: string; charged: number; capped: number; lender: number }, RegExp]> = [
    ['CN court fee awarded by the judgment, outside the cap', {}, CN_LEGAL_POLICY, { kind: 'LEGAL_COST', charged: 9_500, capped: 0, lender: 0 }, /court fee of ¥95\.00 is charged to the debtor/],
    ['CN court fee before any judgment', { costsAwarded: false }, CN_LEGAL_POLICY, { kind: 'LEGAL_COST', charged: 0, capped: 0, lender: 9_500 }, /only once a judgment orders/],
    ['CN court fee above the schedule', { amountMinor: 20_000 }, CN_LEGAL_POLICY, { kind: 'LEGAL_COST', charged: 9_500, capped: 0, lender: 10_500 }, /limited to the schedule's ¥95\.00/],
    ['CN court fee already charged once', { chargedSoFarMinor: 9_500 }, CN_LEGAL_POLICY, { kind: 'LEGAL_COST', charged: 0, capped: 0, lender: 9_500 }, /¥95\.00 charged already/],
    ['CN lawyer fee: never the debtor\'s', { costType: 'lawyer_fee', amountMinor: 300_000 }, CN_LEGAL_POLICY, { kind: 'LEGAL_FEE', charged: 0, capped: 0, lender: 300_000 }, /not chargeable to the debtor/],
    ['UK lawyer fee within 10 % of the claim', { costType: 'lawyer_fee', amountMinor: 100_000, currency: 'GBP' }, UK_LEGAL_POLICY, { kind: 'LEGAL_COST', charged: 100_000, capped: 0, lender: 0 }, /charged to the debtor/],
    ['UK lawyer fee above 10 % of the claim', { costType: 'lawyer_fee', amountMinor: 200_000, currency: 'GBP' }, UK_LEGAL_POLICY, { kind: 'LEGAL_COST', charged: 118_000, capped: 0, lender: 82_000 }, /10 % of the claim/],
  ];
  for (const [name, change, policy, want, reason] of rows) {
    const d = admitCost({ ...base, ...change }, policy);
    assert.deepEqual({ kind: d.entryKind, charged: d.chargedMinor, capped: d.cappedMinor, lender: d.lenderExpenseMinor }, want, name);
    assert.ok(d.reasons.some((r) => reason.test(r.en)), `${name}: ${JSON.stringify(d.reasons)}`);
  }
});

test('cost admissibility: a fee within the total-cost cap is cut to what the cap still allows', () => {
  const policy = { ...CN_LEGAL_POLICY, costs: { ...CN_LEGAL_POLICY.costs, lawyer_fee: { chargeable: 'always' as const, capBpOfClaim: 2_000, withinCostCap: true } } };
  const base: CostFacts = { costType: 'lawyer_fee', amountMinor: 50_000, claimMinor: 1_000_000, currency: 'CNY', costsAwarded: false, chargedSoFarMinor: 0, capHeadroomMinor: 30_000 };
  const cut = admitCost(base, policy);
  assert.deepEqual([cut.entryKind, cut.admissibleMinor, cut.chargedMinor, cut.cappedMinor, cut.lenderExpenseMinor], ['LEGAL_FEE', 50_000, 30_000, 20_000, 20_000]);
  assert.match(cut.reasons.at(-1)!.en, /total-cost cap allows only ¥300\.00 more/);
  const none = admitCost({ ...base, capHeadroomMinor: -5 }, policy);
  assert.deepEqual([none.chargedMinor, none.lenderExpenseMinor], [0, 50_000], 'a cap already exceeded allows nothing');
  const noCap = admitCost({ ...base, capHeadroomMinor: null }, policy);
  assert.equal(noCap.chargedMinor, 50_000, 'a product without a cap');
});

test('cap headroom: principal-days × cap / 365 less the cost charged, as the daily cycle computes it', () => {
  // ¥10,000 outstanding since epoch day 20000, 24 % a year, on day 20364 (365 days): ¥2,400 allowed.
  const h = capHeadroom({ costCapAnnualBp: 2_400, principalMinor: 1_000_000, principalDateWeight: 1_000_000 * 20_000, costChargedMinor: 100_000, epochDay: 20_364 });
  assert.equal(h, 240_000 - 100_000);
  assert.equal(capHeadroom({ costCapAnnualBp: null, principalMinor: 1, principalDateWeight: 0, costChargedMinor: 0, epochDay: 1 }), null);
});
