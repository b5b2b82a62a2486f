import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, type Scenario } from '../../../test/support/scenario.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { upsertCollector, upsertQueue } from '../worklist/index.ts';
import { intakeComplaint } from '../complaints/index.ts';
import { maskIdNumber, regionOf } from './agencies.rules.ts';
import { withAgencyScope } from './agencies.scope.ts';
import { acceptAgencyRecommendation, placeAccount, placeAccounts, recallAccount, recallPlacements, upsertAgency, upsertPlacementRule } from './agencies.commands.ts';
import { agencyScorecard, commissionStatementFor, placedAccount, placedAccounts } from './agencies.queries.ts';
import { getAgency, listPlacements } from './agencies.store.ts';

const clock = fixedClock('2026-03-21T02:00:00.000Z');
let n = 0;
const k = () => ({ actor: 'user:sup', idempotencyKey: `ag-${++n}` });
const DAY = '2026-03-20';

const agency = (s: Scenario, id: string, over: Record<string, unknown> = {}) =>
  upsertAgency(s.db, clock, { id, name: `机构 ${id}`, ipAllowList: ['203.0.113.0/24'], commission: { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 800 }, { from: 91, rateBp: 1_500 }] }, maxDaysPlaced: 30, ...over }, k());

/** Loans opened 2026-01-15 with the first instalment (02-15) missed: open cases by 03-20. */
async function portfolio(refs: string[]): Promise<Scenario> {
  const s = await scenario();
  for (const ref of refs) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
  await s.closeThrough(DAY);
  await s.db.query(`UPDATE customers SET id_number_masked = '440301********5678', address = '广东省深圳市南山区科技园' || id || '号'`);
  return s;
}

async function placedRefs(db: Db, agencyId: string): Promise<string[]> {
  return (await listPlacements(db, { agencyId, activeOnly: true }, 1000)).map((p) => p.accountRef).sort();
}

test('inside the agency scope the base tables are refused and the views show only the agency’s placed accounts, masked', async () => {
  const s = await portfolio(['L1', 'L2', 'L3', 'L4']);
  try {
    await agency(s, 'AG-A');
    await agency(s, 'AG-B');
    await upsertPlacementRule(s.db, clock, { code: 'all', priority: 1, allocations: [{ agencyId: 'AG-A', shareBp: 5_000 }, { agencyId: 'AG-B', shareBp: 5_000 }] }, k());
    const placed = await placeAccounts(s.db, clock, { businessDate: DAY }, k());
    assert.deepEqual(placed.result.byAgency, { 'AG-A': 2, 'AG-B': 2 });
    assert.deepEqual(await placedRefs(s.db, 'AG-A'), ['L1', 'L3']);

    for (const table of ['customers', 'accounts', 'account_state', 'agency_placements', 'contact_history', 'transactions', 'due_items', 'collection_cases', 'agencies', 'audit_log', 'users']) {
      await assert.rejects(withAgencyScope(s.db, 'AG-A', (tx) => tx.query(`SELECT * FROM ${table} LIMIT 1`)), /permission denied/, `${table} is refused`);
    }
    await assert.rejects(withAgencyScope(s.db, 'AG-A', (tx) => tx.query(`UPDATE agency_placements SET agency_id = 'AG-A'`)), /permission denied|read-only/);

    const views = await withAgencyScope(s.db, 'AG-A', async (tx) => ({
      accounts: (await tx.query<{ ref: string }>('SELECT ref FROM agency_accounts_v ORDER BY ref')).map((r) => r.ref),
      customers: await tx.query<{ customer_id: string; id_number_masked: string; region: string }>('SELECT customer_id, id_number_masked, region FROM agency_customers_v ORDER BY customer_id'),
      dueAccounts: (await tx.query<{ ref: string }>('SELECT DISTINCT a.ref FROM agency_due_items_v d JOIN agency_accounts_v a USING (account_id) ORDER BY 1')).map((r) => r.ref),
      // The only way to another agency's accounts is to change the setting, which the application never does.
      other: (await tx.query(`SELECT set_config('fairdebt.agency_id', 'AG-B', true)`), (await tx.query<{ ref: string }>('SELECT ref FROM agency_accounts_v ORDER BY ref')).map((r) => r.ref)),
    }));
    assert.deepEqual(views.accounts, ['L1', 'L3']);
    assert.deepEqual(views.dueAccounts, ['L1', 'L3']);
    assert.deepEqual(views.customers, [
      { customer_id: 'C-L1', id_number_masked: '440***********5678', region: '广东省深圳市' },
      { customer_id: 'C-L3', id_number_masked: '440***********5678', region: '广东省深圳市' },
    ]);
    assert.deepEqual(views.other, ['L2', 'L4']);

    // The role without the setting sees nothing at all.
    const unset = await s.db.transaction(async (tx) => {
      await tx.exec('SET LOCAL ROLE fairdebt_agency');
      return tx.query('SELECT * FROM agency_accounts_v');
    });
    assert.deepEqual(unset, []);
    // And the scope ends with its transaction.
    assert.equal((await s.db.query<{ u: string }>('SELECT current_user AS u'))[0]!.u !== 'fairdebt_agency', true);

    const list = await placedAccounts(s.db, 'AG-B');
    assert.deepEqual(list.map((a) => a.accountRef), ['L2', 'L4']);
    const detail = await placedAccount(s.db, 'AG-B', 'L2');
    assert.equal(detail.customer.idNumberMasked, '440***********5678');
    assert.equal(detail.customer.region, '广东省深圳市');
    assert.equal(detail.outstandingMinor, detail.owed.principalMinor + detail.owed.interestMinor + detail.owed.penaltyMinor + detail.owed.feesMinor);
    assert.ok(detail.dueItems.length >= 1 && detail.dueItems[0]!.dueOn === '2026-02-15');
    await assert.rejects(placedAccount(s.db, 'AG-B', 'L1'), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
  } finally {
    await s.close();
  }
});

test('the database masks ID numbers and addresses exactly as the rules do', async () => {
  const s = await portfolio(['M1']);
  try {
    await agency(s, 'AG-A');
    await upsertPlacementRule(s.db, clock, { code: 'all', priority: 1, allocations: [{ agencyId: 'AG-A', shareBp: 10_000 }] }, k());
    await placeAccounts(s.db, clock, { businessDate: DAY }, k());
    const cases: Array<[string | null, string | null]> = [
      ['110101********1234', '北京市朝阳区建国路88号'], ['***-**-1234', '12 Main St, New York, NY'], ['1234567', '新疆维吾尔自治区乌鲁木齐市天山区1号'],
      [null, null], ['ABCDEFGH', '吉林省延边朝鲜族自治州延吉市'], ['110101199001011234', 'somewhere'], ['440301********5678', '杭州市某路12号'], ['1', '广东省某县某村'], ['12345678', '内蒙古自治区锡林郭勒盟某旗'], ['x', ' 1 Rue, Paris ']
    ];
    for (const [id, address] of cases) {
      await s.db.query('UPDATE customers SET id_number_masked = $1, address = $2', [id, address]);
      const [row] = await withAgencyScope(s.db, 'AG-A', (tx) => tx.query<{ id_number_masked: string | null; region: string | null }>('SELECT id_number_masked, region FROM agency_customers_v'));
      assert.deepEqual(row, { id_number_masked: maskIdNumber(id), region: regionOf(address) }, `${id} / ${address}`);
    }
  } finally {
    await s.close();
  }
});

test('placement by hand, recall with a reason, one active placement per account, history kept, and no automatic return to the agency it was recalled from', async () => {
  const s = await portfolio(['P1', 'P2']);
  try {
    await agency(s, 'AG-A');
    await agency(s, 'AG-B');
    const p = await placeAccount(s.db, clock, { accountRef: 'P1', agencyId: 'AG-A', businessDate: DAY }, k());
    assert.equal(p.result.source, 'manual');
    assert.equal(p.result.recallDueOn, '2026-04-19');
    assert.equal(p.result.dpdAtPlacement, 33);
    await assert.rejects(placeAccount(s.db, clock, { accountRef: 'P1', agencyId: 'AG-B', businessDate: DAY }, k()), /accountRef: account 'P1' is placed with agency 'AG-A' since 2026-03-20; recall it first/);
    await assert.rejects(placeAccount(s.db, clock, { accountRef: 'NOPE', agencyId: 'AG-B', businessDate: DAY }, k()), /accountRef: no account 'NOPE'/);
    await assert.rejects(placeAccount(s.db, clock, { accountRef: 'P2', agencyId: 'AG-X', businessDate: DAY }, k()), /agencyId: no agency 'AG-X'/);
    await assert.rejects(recallAccount(s.db, clock, { accountRef: 'P1', businessDate: DAY, note: '' }, k()), /note: say why/);
    const r = await recallAccount(s.db, clock, { accountRef: 'P1', businessDate: '2026-03-25', note: '债务人要求' }, k());
    assert.deepEqual(r.result, { placementId: p.result.id, accountRef: 'P1', agencyId: 'AG-A', reason: 'manual' });
    await assert.rejects(recallAccount(s.db, clock, { accountRef: 'P1', businessDate: DAY, note: 'again' }, k()), /accountRef: account 'P1' is not placed with any agency/);

    await upsertPlacementRule(s.db, clock, { code: 'all', priority: 1, allocations: [{ agencyId: 'AG-A', shareBp: 9_000 }, { agencyId: 'AG-B', shareBp: 1_000 }] }, k());
    await placeAccounts(s.db, clock, { businessDate: '2026-03-25' }, k());
    const history = await listPlacements(s.db, { accountRef: 'P1' }, 10);
    assert.deepEqual(history.map((h) => [h.agencyId, h.endReason, h.endedOn]), [['AG-B', null, null], ['AG-A', 'manual', '2026-03-25']], 'P1 goes to B, not back to A');
    assert.deepEqual(history[1]!.endDetails, { note: '债务人要求' });
    await assert.rejects(upsertPlacementRule(s.db, clock, { code: 'bad', priority: 1, allocations: [{ agencyId: 'AG-Z', shareBp: 10_000 }] }, k()), /allocations\.0\.agencyId: no agency 'AG-Z'/);
  } finally {
    await s.close();
  }
});

test('accepting the strategy’s agency recommendation places the account and marks the recommendation accepted', async () => {
  const s = await portfolio(['R1']);
  try {
    await agency(s, 'AG-A');
    await s.db.query(`INSERT INTO case_recommendations (account_id, customer_id, business_date, kind) SELECT id, customer_id, $1, 'recommend_agency' FROM accounts WHERE ref = 'R1'`, [DAY]);
    await assert.rejects(acceptAgencyRecommendation(s.db, clock, { accountRef: 'R1', recommendedOn: DAY, businessDate: DAY }, k()), /agencyId: required: no placement rule places this account/);
    const p = await acceptAgencyRecommendation(s.db, clock, { accountRef: 'R1', recommendedOn: DAY, agencyId: 'AG-A', businessDate: DAY }, k());
    assert.equal(p.result.source, 'recommendation');
    const [rec] = await s.db.query<{ status: string }>(`SELECT status FROM case_recommendations`);
    assert.equal(rec!.status, 'accepted');
    await assert.rejects(acceptAgencyRecommendation(s.db, clock, { accountRef: 'R1', recommendedOn: DAY, agencyId: 'AG-A', businessDate: DAY }, k()), /recommendedOn: the recommendation of 2026-03-20 is accepted already/);
  } finally {
    await s.close();
  }
});

test('placement hands the case to the agency’s collector in the worklist; recall takes it back', async () => {
  const s = await portfolio(['W1']);
  try {
    await agency(s, 'AG-A');
    const wk = { actor: 'test', idempotencyKey: 'x' };
    await upsertCollector(s.db, clock, { id: 'in-1', name: '内催', team: 'T', languages: ['zh-CN'], maxOpenCases: 10 }, { ...wk, idempotencyKey: 'c1' });
    await upsertCollector(s.db, clock, { id: 'ag-1', name: '外催', team: 'T', agencyId: 'AG-A', languages: ['zh-CN'], maxOpenCases: 10 }, { ...wk, idempotencyKey: 'c2' });
    await upsertQueue(s.db, clock, { code: 'AGQ', name: 'agency', buckets: ['M3'], agencyId: 'AG-A', recallAfterDays: 30, priority: 1 }, { ...wk, idempotencyKey: 'q1' });
    await s.db.query(`INSERT INTO queues (code, name, buckets, recall_after_days, priority, created_at, updated_at) VALUES ('INQ', 'in house', '{M1,M2}', 10, 5, now(), now())`);
    await s.db.query(`INSERT INTO case_assignments (case_id, account_id, customer_id, collector_id, queue_code, assigned_on, period_from, recall_on) SELECT id, account_id, customer_id, 'in-1', 'INQ', '2026-03-01', '2026-03-01', '2026-03-11' FROM collection_cases`);
    await placeAccount(s.db, clock, { accountRef: 'W1', agencyId: 'AG-A', businessDate: DAY }, k());
    const rows = () => s.db.query<{ collector_id: string; ended_on: string | null; end_reason: string | null }>('SELECT collector_id, ended_on::text, end_reason FROM case_assignments ORDER BY id');
    assert.deepEqual(await rows(), [{ collector_id: 'in-1', ended_on: DAY, end_reason: 'reassigned' }, { collector_id: 'ag-1', ended_on: null, end_reason: null }]);
    await recallAccount(s.db, clock, { accountRef: 'W1', businessDate: '2026-03-22', note: 'test' }, k());
    assert.deepEqual((await rows())[1], { collector_id: 'ag-1', ended_on: '2026-03-22', end_reason: 'recalled' });
  } finally {
    await s.close();
  }
});

/** A complaint against an agency, taken in through the complaints module as the hotline would. */
async function complaint(db: Db, ref: string, agencyId: string, on: string, category: 'harassment' | 'agency_conduct' | 'other' = 'harassment'): Promise<void> {
  await intakeComplaint(db, fixedClock(`${on}T04:00:00.000Z`), { accountRef: ref, channel: 'hotline', category, summary: '频繁来电骚扰', agencyId, receivedOn: on }, k());
}

async function agencyCalls(db: Db, ref: string, agencyId: string, count: number, on: string): Promise<void> {
  await db.query(
    `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, outcome, initiator_kind, initiator_id)
     SELECT a.customer_id, a.id, ($3::date)::timestamptz + (g * interval '1 minute'), 'call', 'outbound', 'debtor', 'connected', 'agency', $2
     FROM accounts a, generate_series(1, $4) g WHERE a.ref = $1`,
    [ref, agencyId, on, count],
  );
}

test('the complaint-aware loop: a harassment complaint pushing an agency past its threshold recalls the complained account, suspends the agency, and new placements skip it', async () => {
  const s = await portfolio(['H1', 'H2', 'H3']);
  try {
    await agency(s, 'AG-A', { complaintThresholdPer10k: 50 }); // 0.5% of contacts
    await agency(s, 'AG-B', { complaintThresholdPer10k: 50 });
    for (const ref of ['H1', 'H2']) await placeAccount(s.db, clock, { accountRef: ref, agencyId: 'AG-A', businessDate: DAY }, k());
    await agencyCalls(s.db, 'H1', 'AG-A', 150, '2026-03-21');
    await agencyCalls(s.db, 'H2', 'AG-A', 150, '2026-03-22');
    // One complaint in 300 contacts: 33 per 10k, under the threshold of 50.
    await complaint(s.db, 'H1', 'AG-A', '2026-03-22');
    const calm = await recallPlacements(s.db, clock, { businessDate: '2026-03-23' }, k());
    assert.deepEqual(calm.result.recalled, []);
    assert.deepEqual(calm.result.agencies.find((a) => a.agencyId === 'AG-A')!.breaches, []);

    // The second harassment complaint: 66 per 10k, over 50.
    await complaint(s.db, 'H1', 'AG-A', '2026-03-24');
    const run = await recallPlacements(s.db, clock, { businessDate: '2026-03-24' }, k());
    assert.deepEqual(run.result.recalled.map((r) => [r.accountRef, r.agencyId, r.reason]), [['H1', 'AG-A', 'complaints']]);
    const check = run.result.agencies.find((a) => a.agencyId === 'AG-A')!;
    assert.deepEqual([check.complaints, check.contacts, check.suspended, check.breaches[0]!.value], [2, 300, true, 66]);
    assert.match(check.breaches[0]!.message['zh-CN'], /投诉率每万次联系66件，超过阈值50件/);
    const a = (await getAgency(s.db, 'AG-A'))!;
    assert.equal(a.status, 'suspended');
    const [h1] = await listPlacements(s.db, { accountRef: 'H1' }, 1);
    assert.equal(h1!.endReason, 'complaints');
    assert.deepEqual((h1!.endDetails as { byCategory: unknown }).byCategory, { harassment: 2 });
    assert.deepEqual(await placedRefs(s.db, 'AG-A'), ['H2'], 'the uncomplained account stays with recall_complained');
    const audit = await s.db.query<{ type: string }>(`SELECT type FROM audit_log WHERE type IN ('AGENCY_SUSPENDED', 'PLACEMENTS_RECALLED') ORDER BY seq`);
    assert.deepEqual(audit.map((r) => r.type), ['PLACEMENTS_RECALLED', 'PLACEMENTS_RECALLED', 'AGENCY_SUSPENDED']);

    await assert.rejects(placeAccount(s.db, clock, { accountRef: 'H3', agencyId: 'AG-A', businessDate: '2026-03-24' }, k()), /agencyId: agency 'AG-A' is suspended and takes no new placements/);
    await upsertPlacementRule(s.db, clock, { code: 'all', priority: 1, allocations: [{ agencyId: 'AG-A', shareBp: 5_000 }, { agencyId: 'AG-B', shareBp: 5_000 }] }, k());
    const placed = await placeAccounts(s.db, clock, { businessDate: '2026-03-24' }, k());
    assert.deepEqual(placed.result.byAgency, { 'AG-B': 2 }, 'H1 and H3 go to B; A is suspended');

    // The days-placed limit: H2 (placed 03-20, 30 days) is due on 04-19.
    const due = await recallPlacements(s.db, clock, { businessDate: '2026-04-19' }, k());
    assert.ok(due.result.recalled.some((r) => r.accountRef === 'H2' && r.reason === 'max_days'));
  } finally {
    await s.close();
  }
});

test('a breach under recall_all recalls every account of the agency; a QA score under the minimum does too', async () => {
  const s = await portfolio(['Q1', 'Q2', 'Q3']);
  try {
    await agency(s, 'AG-A', { complaintThresholdPer10k: 10, breachAction: 'recall_all' });
    await agency(s, 'AG-Q', { minQaScore: 70 });
    await placeAccount(s.db, clock, { accountRef: 'Q1', agencyId: 'AG-A', businessDate: DAY }, k());
    await placeAccount(s.db, clock, { accountRef: 'Q2', agencyId: 'AG-A', businessDate: DAY }, k());
    await placeAccount(s.db, clock, { accountRef: 'Q3', agencyId: 'AG-Q', businessDate: DAY }, k());
    await complaint(s.db, 'Q1', 'AG-A', '2026-03-21', 'agency_conduct');
    const qaScores = async () => [{ agencyId: 'AG-Q', averageScore: 64 }];
    const run = await recallPlacements(s.db, clock, { businessDate: '2026-03-22' }, k(), { qaScores });
    assert.deepEqual(run.result.recalled.map((r) => [r.accountRef, r.reason]).sort(), [['Q1', 'complaints'], ['Q2', 'complaints'], ['Q3', 'qa_score']]);
    assert.equal(run.result.agencies.find((a) => a.agencyId === 'AG-A')!.breaches[0]!.value, null, 'a complaint without any contact is over any threshold');
  } finally {
    await s.close();
  }
});

test('the commission statement of a month counts payments while placed, by DPD band, to the cent; the scorecard shows recovery, contacts, complaints and recalls', async () => {
  const s = await portfolio(['S1', 'S2', 'S3']);
  try {
    await agency(s, 'AG-A', { commission: { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 800 }, { from: 60, rateBp: 1_550 }] } });
    await s.pay('S1', 10_001, '2026-03-18'); // before placement: not the agency's
    await placeAccount(s.db, clock, { accountRef: 'S1', agencyId: 'AG-A', businessDate: DAY }, k());
    await placeAccount(s.db, clock, { accountRef: 'S2', agencyId: 'AG-A', businessDate: DAY }, k());
    await s.db.query(`UPDATE agency_placements SET dpd_at_placement = 75 FROM accounts a WHERE a.id = account_id AND a.ref = 'S2'`);
    await s.pay('S1', 12_345, '2026-03-20'); // the day of placement counts
    await s.closeThrough('2026-03-29');
    await s.pay('S1', 6_250, '2026-03-28');
    await s.pay('S2', 33_333, '2026-03-25');
    await s.closeThrough('2026-04-02');
    await s.pay('S2', 1_000, '2026-04-02'); // April
    await recallAccount(s.db, clock, { accountRef: 'S1', businessDate: '2026-03-30', note: '测试' }, k());
    await s.pay('S1', 50_000, '2026-03-30'); // the day of recall: no longer the agency's
    const st = await commissionStatementFor(s.db, 'AG-A', '2026-03');
    assert.deepEqual(st.lines.map((l) => [l.accountRef, l.recoveredMinor, l.rateBp, l.commissionMinor]), [
      ['S1', 18_595, 800, 1_488], // 18,595 × 8% = 1,487.60 → 1,488
      ['S2', 33_333, 1_550, 5_167], // 33,333 × 15.5% = 5,166.615 → 5,167
    ]);
    assert.equal(st.commissionMinor, 6_655);
    assert.equal(st.recoveredMinor, 51_928);
    assert.equal(st.period.to, '2026-03-31');
    const april = await commissionStatementFor(s.db, 'AG-A', '2026-04');
    assert.deepEqual(april.lines.map((l) => [l.accountRef, l.commissionMinor]), [['S2', 155]]);

    await agencyCalls(s.db, 'S2', 'AG-A', 40, '2026-03-26');
    await complaint(s.db, 'S2', 'AG-A', '2026-03-27', 'other');
    const sc = await agencyScorecard(s.db, 'AG-A', { from: '2026-03-01', to: '2026-03-31' }, { qaScores: async () => [{ agencyId: 'AG-A', averageScore: 88 }] });
    assert.equal(sc.placedAccounts, 2);
    assert.equal(sc.recoveredMinor, 51_928);
    assert.equal(sc.recoveryRateBp, Math.floor((51_928 * 10_000) / sc.baseMinor));
    assert.deepEqual([sc.contacts, sc.complaints, sc.complaintsPer10k, sc.qaScore, sc.recalls.manual], [40, 1, 250, 88, 1]);
  } finally {
    await s.close();
  }
});
