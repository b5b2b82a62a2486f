import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, type Scenario } from '../../../test/support/scenario.ts';
import { packs, setUpContacts } from '../../../test/support/contacts.ts';
import { fixedClock } from '../../platform/clock.ts';
import { DEFAULT_LENDER, type Decider } from '../contacts/index.ts';
import { upsertCollector, upsertQueue, assignCases, lockCase, recordCallOutcome, type OutcomeCode } from '../worklist/index.ts';
import { upsertAgency, placeAccount } from '../agencies/index.ts';
import { recordPromiseToPay } from '../negotiation/index.ts';
import { intakeComplaint } from '../complaints/index.ts';
import { loadConfig } from '../../platform/config.ts';
import { buildServer } from '../../http/app.ts';
import { cycleHooks } from '../../main.ts';
import { signIn } from '../../../test/support/auth.ts';
import {
  rollRates, cureRates, promiseKeptRates, rightPartyContactRates, recoveryByStrategy, recoveryByAgency, complaintRates, complianceBlocks,
} from './index.ts';

let n = 0;
const opts = () => ({ actor: 'test', idempotencyKey: `an-${++n}` });
const at = (instant: string) => fixedClock(instant);

// A strategy that texts every delinquent account on DPD 3, 13, 23 …; A4 is in the challenger arm of an experiment.
const decider: Decider = (f) => (f.dpd % 10 === 3
  ? { action: 'sms_reminder', channel: 'sms', template: 'early_sms', priority: 50, fallback: [], rowId: 'r1', tableCode: 'CN', tableVersion: 2,
      ...(f.accountRef === 'A4' ? { experiment: 'EXP1', arm: 'challenger' } : {}) }
  : null);

/**
 * Four loans opened 2026-01-15, run through the daily cycle to 2026-04-30:
 *  A1 pays its first instalments ahead; A2 misses February, promises and pays in March (cured);
 *  A3 never pays (M1 → M2 → M3) and breaks a promise; A4 (product CN_LOAN_B) is placed with agency
 *  AG-1 on 2026-02-20, promises 80,000 and pays 30,000 (partly kept). A3's debtor is recorded as
 *  deceased, so every text planned for A3 is blocked by the gate.
 */
async function world(): Promise<Scenario> {
  const s = await scenario({ planning: { loadDecider: async () => decider, packs: async () => packs, lenderId: DEFAULT_LENDER.id } });
  await setUpContacts(s.db);
  await s.customer('C-A3');
  await s.db.query(`INSERT INTO contact_preferences (customer_id, statuses, updated_at) VALUES ('C-A3', '["deceased"]', '2026-01-15T00:00:00Z')`);
  await s.product({ code: 'CN_LOAN_B' });
  for (const ref of ['A1', 'A2', 'A3']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
  await s.loan('A4', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15', product: 'CN_LOAN_B' });
  await s.closeThrough('2026-02-09');
  await s.pay('A1', 450_000, '2026-02-10');
  await s.closeThrough('2026-02-19');

  const c = at('2026-02-20T01:00:00.000Z');
  await upsertAgency(s.db, c, { id: 'AG-1', name: '甲催收', commission: { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 1000 }] }, maxDaysPlaced: 120 }, opts());
  await upsertCollector(s.db, c, { id: 'c1', name: '内催一', team: 'T1', languages: ['zh-CN'], maxOpenCases: 10 }, opts());
  await upsertCollector(s.db, c, { id: 'g1', name: '甲一', team: 'G', languages: ['zh-CN'], maxOpenCases: 10, agencyId: 'AG-1' }, opts());
  await upsertQueue(s.db, c, { code: 'IN', name: 'in house', buckets: ['M1', 'M2', 'M3'], recallAfterDays: 60, priority: 1 }, opts());
  await upsertQueue(s.db, c, { code: 'QA', name: 'agency', buckets: ['M1', 'M2', 'M3'], recallAfterDays: 60, priority: 2, agencyId: 'AG-1' }, opts());
  await placeAccount(s.db, c, { accountRef: 'A4', agencyId: 'AG-1', businessDate: '2026-02-20' }, opts());
  await assignCases(s.db, c, { businessDate: '2026-02-20' }, opts());
  const cases = new Map((await s.db.query<{ ref: string; case_id: number; collector_id: string }>(
    `SELECT a.ref, ca.case_id, ca.collector_id FROM case_assignments ca JOIN accounts a ON a.id = ca.account_id WHERE ca.ended_on IS NULL`)).map((r) => [r.ref, r]));
  const call = async (ref: string, outcome: OutcomeCode, instant: string) => {
    const k = cases.get(ref)!;
    await lockCase(s.db, at(instant), { caseId: k.case_id, collectorId: k.collector_id }, opts());
    await recordCallOutcome(s.db, at(instant), { caseId: k.case_id, collectorId: k.collector_id, outcome, contactPoint: '+86 138 0000 0000', at: instant }, opts());
  };
  await call('A2', 'rpc', '2026-02-20T02:00:00.000Z');
  await call('A3', 'no_answer', '2026-02-20T02:30:00.000Z');
  await call('A4', 'no_answer', '2026-02-20T03:00:00.000Z');
  await recordPromiseToPay(s.db, at('2026-02-20T04:00:00.000Z'), { accountRef: 'A3', amountMinor: 50_000, dueOn: '2026-02-25', source: 'collector' }, opts());

  await s.closeThrough('2026-03-02');
  await recordPromiseToPay(s.db, at('2026-03-03T04:00:00.000Z'), { accountRef: 'A2', amountMinor: 50_000, dueOn: '2026-03-05', source: 'portal' }, opts());
  await s.closeThrough('2026-03-03');
  const owed = (await s.account('A2')).balances.overdueMinor;
  await s.pay('A2', owed, '2026-03-04');
  await s.closeThrough('2026-03-09');
  await call('A4', 'rpc', '2026-03-10T02:00:00.000Z');
  await call('A3', 'refused', '2026-03-10T03:00:00.000Z');
  await recordPromiseToPay(s.db, at('2026-03-10T04:00:00.000Z'), { accountRef: 'A4', amountMinor: 80_000, dueOn: '2026-03-20', source: 'collector' }, opts());
  await intakeComplaint(s.db, at('2026-03-12T04:00:00.000Z'), { accountRef: 'A4', channel: 'hotline', category: 'agency_conduct', summary: '催收员态度恶劣', agencyId: 'AG-1', receivedOn: '2026-03-12' }, opts());
  await intakeComplaint(s.db, at('2026-03-15T04:00:00.000Z'), { accountRef: 'A3', channel: 'hotline', category: 'other', summary: '短信太多', receivedOn: '2026-03-15' }, opts());
  await s.closeThrough('2026-03-17');
  await s.pay('A4', 30_000, '2026-03-18');
  await s.closeThrough('2026-04-30');
  return s;
}

let s: Scenario;
before(async () => { s = await world(); });
after(async () => { await s?.close(); });

const all = { from: '2026-01-01', to: '2026-04-30' };

const cells = (m: Awaited<ReturnType<typeof rollRates>>) =>
  m.matrix.filter((r) => r.total > 0).map((r) => [r.bucket, r.cells.filter((c) => c.count > 0).map((c) => `${c.to}:${c.count}`).join(' ')]);

test('roll rates between month-ends come from the bucket history the cycle wrote, with filters by agency (on the first date) and product', async () => {
  const r = await rollRates(s.db, all);
  assert.deepEqual(r.dates, ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
  // Jan→Feb: A1 stays M0, A2–A4 roll to M1. Feb→Mar: A1 stays; A2 cured on 03-04 but is back in M1 on 03-16; A3, A4 roll to M2.
  // Mar→Apr: A1 stays, A2 M1→M2, A3 and A4 M2→M3.
  assert.deepEqual(cells(r), [['M0', 'M0:3 M1:3'], ['M1', 'M1:1 M2:3'], ['M2', 'M3:2']]);
  assert.equal(r.accounts, 12);
  assert.deepEqual(r.matrix[1]!.rollForward, { numerator: 3, denominator: 4, rate: 0.75 });
  assert.deepEqual(r.matrix[0]!.cells.slice(0, 2).map((c) => c.rate), [0.5, 0.5]);
  // A4 is AG-1's from 2026-02-20: its transitions from Feb and Mar month-ends only; in house the rest.
  assert.deepEqual(cells(await rollRates(s.db, { ...all, agency: 'AG-1' })), [['M1', 'M2:1'], ['M2', 'M3:1']]);
  assert.deepEqual(cells(await rollRates(s.db, { ...all, agency: 'in_house' })), [['M0', 'M0:3 M1:3'], ['M1', 'M1:1 M2:2'], ['M2', 'M3:1']]);
  assert.deepEqual(cells(await rollRates(s.db, { ...all, product: 'CN_LOAN_B' })), [['M0', 'M1:1'], ['M1', 'M2:1'], ['M2', 'M3:1']]);
  assert.equal((await rollRates(s.db, { ...all, jurisdiction: 'US' })).accounts, 0);
  // Weekly from 02-01: the three roll into M1 between 02-08 and 02-15... and are still there on 02-22 and 03-01.
  const w = await rollRates(s.db, { from: '2026-02-01', to: '2026-03-01', step: 'week' });
  assert.deepEqual(w.dates, ['2026-02-01', '2026-02-08', '2026-02-15', '2026-02-22', '2026-03-01']);
  assert.deepEqual(cells(w), [['M0', 'M0:10 M1:3'], ['M1', 'M1:3']]);
});

test('cure curves: of the three cases opened in February one cured after 16 days; curves end at the last day observed', async () => {
  const r = await cureRates(s.db, all);
  assert.equal(r.asOf, '2026-04-30');
  const [feb, mar] = r.curves;
  assert.deepEqual([feb!.cohort, feb!.entered, feb!.cured], ['2026-02', 3, 1]);
  assert.deepEqual(feb!.points.filter((p) => [15, 20, 70].includes(p.day)).map((p) => [p.day, p.numerator, p.denominator, p.rate]), [[15, 0, 3, 0], [20, 1, 3, 0.3333], [70, 1, 3, 0.3333]]);
  assert.equal(feb!.points.at(-1)!.day, 70, 'opened 02-16, observed 73 days to 04-30');
  assert.deepEqual([mar!.cohort, mar!.entered, mar!.cured, mar!.points.at(-1)!.day], ['2026-03', 1, 0, 45]);
  const placed = await cureRates(s.db, { ...all, agency: 'AG-1' });
  assert.deepEqual(placed.curves.map((c) => [c.cohort, c.entered, c.cured]), [['2026-02', 1, 0]]);
  const inHouse = await cureRates(s.db, { ...all, agency: 'in_house' });
  assert.deepEqual(inHouse.curves.map((c) => [c.cohort, c.entered, c.cured]), [['2026-02', 2, 1], ['2026-03', 1, 0]]);
});

test('promises due in the window: February one broken, March one kept and one partly kept; the agency filter takes the promise date', async () => {
  const r = await promiseKeptRates(s.db, all);
  assert.deepEqual(r.series.map((p) => [p.period, p.kept, p.partlyKept, p.broken, p.open, p.keptRate.rate]), [
    ['2026-01', 0, 0, 0, 0, null], ['2026-02', 0, 0, 1, 0, 0], ['2026-03', 1, 1, 0, 0, 0.5], ['2026-04', 0, 0, 0, 0, null],
  ]);
  assert.deepEqual([r.series[2]!.promisedMinor, r.series[2]!.paidMinor, r.series[2]!.anyPaymentRate.rate], [130_000, 145_840, 1]);
  const ag = await promiseKeptRates(s.db, { ...all, agency: 'AG-1' });
  assert.deepEqual(ag.series.map((p) => [p.kept, p.partlyKept, p.broken]), [[0, 0, 0], [0, 0, 0], [0, 1, 0], [0, 0, 0]]);
  const weekly = await promiseKeptRates(s.db, { from: '2026-02-23', to: '2026-03-22', period: 'week' });
  assert.deepEqual(weekly.series.map((p) => [p.period, p.kept, p.partlyKept, p.broken]), [['2026-02-23', 0, 0, 1], ['2026-03-02', 1, 0, 0], ['2026-03-09', 0, 0, 0], ['2026-03-16', 0, 1, 0]]);
});

test('right-party contact: rpc and refused reached the debtor, no_answer did not; by period and by agency and team', async () => {
  const r = await rightPartyContactRates(s.db, all);
  assert.deepEqual(r.byPeriod.map((p) => [p.period, p.rate.numerator, p.rate.denominator, p.rate.rate]), [['2026-01', 0, 0, null], ['2026-02', 1, 3, 0.3333], ['2026-03', 2, 2, 1], ['2026-04', 0, 0, null]]);
  assert.deepEqual(r.byTeam.map((t) => [t.agency, t.team, t.rate.numerator, t.rate.denominator]), [['AG-1', 'G', 1, 2], ['in_house', 'T1', 2, 3]]);
  const ag = await rightPartyContactRates(s.db, { ...all, agency: 'AG-1' });
  assert.deepEqual(ag.byTeam.map((t) => [t.agency, t.rate.numerator, t.rate.denominator]), [['AG-1', 1, 2]]);
  const loanB = await rightPartyContactRates(s.db, { ...all, product: 'CN_LOAN_B' });
  assert.deepEqual(loanB.byPeriod.map((p) => [p.rate.numerator, p.rate.denominator]), [[0, 0], [0, 1], [1, 1], [0, 0]]);
});

test('recovery by strategy arm (owed before the first planned contact) and by agency (owed at placement; in house per case)', async () => {
  const st = await recoveryByStrategy(s.db, all);
  // A2 and A3 first planned on 02-18: owed 1,200,000 + interest 14,880 + two days of penalty 120 each.
  assert.deepEqual(st.groups.map((g) => [g.key, g.accounts, g.baseMinor, g.recoveredMinor, g.rate.rate]), [
    ['v2', 2, 2_430_000, 115_840, 0.0477],
    ['v2 · EXP1/challenger', 1, 1_215_000, 30_000, 0.0247],
  ]);
  assert.deepEqual((await recoveryByStrategy(s.db, { ...all, product: 'CN_LOAN_B' })).groups.map((g) => g.key), ['v2 · EXP1/challenger']);
  const ag = await recoveryByAgency(s.db, all);
  // In house: A2's first case (owed 1,214,880 on opening, paid 115,840 on 03-04), its second (owed 1,112,320 on 03-16), A3 (1,214,880).
  assert.deepEqual(ag.groups.map((g) => [g.key, g.accounts, g.baseMinor, g.recoveredMinor]), [['in_house', 2, 3_542_080, 115_840], ['AG-1', 1, 1_215_120, 30_000]]);
  assert.deepEqual((await recoveryByAgency(s.db, { ...all, agency: 'AG-1' })).groups.map((g) => g.key), ['AG-1']);
  assert.deepEqual((await recoveryByAgency(s.db, { ...all, agency: 'in_house' })).groups.map((g) => g.key), ['in_house']);
  // Payments outside the window do not count: A2 paid on 03-04.
  assert.deepEqual((await recoveryByAgency(s.db, { from: '2026-03-05', to: '2026-04-30' })).groups.map((g) => [g.key, g.recoveredMinor]), [['in_house', 0], ['AG-1', 30_000]]);
});

test('complaints per 10k contacts by period and by agency: the contacts are the calls made', async () => {
  const r = await complaintRates(s.db, all);
  assert.deepEqual(r.byPeriod.map((p) => [p.period, p.complaints, p.contacts, p.per10k.rate]), [['2026-01', 0, 0, null], ['2026-02', 0, 3, 0], ['2026-03', 2, 2, 10_000], ['2026-04', 0, 0, null]]);
  assert.deepEqual(r.byAgency.map((a) => [a.agency, a.complaints, a.contacts, a.per10k.rate]), [['in_house', 1, 3, 3333.33], ['AG-1', 1, 2, 5000]]);
  const ag = await complaintRates(s.db, { ...all, agency: 'AG-1' });
  assert.deepEqual(ag.byAgency.map((a) => [a.agency, a.complaints, a.contacts]), [['AG-1', 1, 2]]);
});

test('compliance blocks by rule: every text planned for the deceased debtor was blocked by FD-STATUS-01', async () => {
  const r = await complianceBlocks(s.db, all);
  assert.equal(r.total, 8);
  assert.deepEqual(r.byRule, [{ rule: 'FD-STATUS-01', count: 8 }]);
  assert.deepEqual(r.byRuleAndJurisdiction, [{ rule: 'FD-STATUS-01', jurisdiction: 'CN', count: 8 }]);
  assert.deepEqual(r.byPeriod.map((p) => p.count), [0, 2, 3, 3]);
  assert.equal((await complianceBlocks(s.db, { ...all, product: 'CN_LOAN_B' })).total, 0);
  assert.equal((await complianceBlocks(s.db, { ...all, agency: 'AG-1' })).total, 0, 'the lender planned them, not the agency');
  assert.equal((await complianceBlocks(s.db, { ...all, jurisdiction: 'CN', from: '2026-03-01' })).total, 6);
});

test('the analytics routes: filters, a metric with its filter, bad input answered 400 naming the field, a collector refused', async () => {
  const app = { config: loadConfig({}), db: s.db, clock: fixedClock('2026-05-01T02:00:00.000Z'), hooks: cycleHooks, close: async () => undefined };
  const server = await buildServer(app);
  try {
    const sup = await signIn(app, { roles: ['supervisor'] });
    const filters = await server.inject({ method: 'GET', url: '/api/v1/analytics/filters', headers: sup });
    assert.equal(filters.statusCode, 200, filters.body);
    assert.deepEqual(filters.json(), { products: ['CN_LOAN', 'CN_LOAN_B'], jurisdictions: ['CN'], agencies: [{ id: 'AG-1', name: '甲催收' }], inHouse: 'in_house' });
    const blocks = await server.inject({ method: 'GET', url: '/api/v1/analytics/compliance-blocks?from=2026-01-01&to=2026-04-30&jurisdiction=CN', headers: sup });
    assert.equal(blocks.statusCode, 200, blocks.body);
    assert.equal(blocks.json().total, 8);
    const roll = await server.inject({ method: 'GET', url: '/api/v1/analytics/roll-rates?from=2026-01-01&to=2026-04-30&agency=AG-1', headers: sup });
    assert.equal(roll.statusCode, 200, roll.body);
    assert.equal(roll.json().accounts, 2);
    for (const url of ['promises', 'right-party-contact', 'cure-curves', 'recovery/strategies', 'recovery/agencies', 'complaints']) {
      const res = await server.inject({ method: 'GET', url: `/api/v1/analytics/${url}?from=2026-01-01&to=2026-04-30&period=week`, headers: sup });
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
    }
    const bad: Array<[string, string]> = [
      ['from=2026-02-30&to=2026-04-30', 'from'],
      ['to=2026-04-30', 'from'],
      ['from=2026-05-01&to=2026-04-30', 'from'],
      ['from=2020-01-01&to=2026-04-30', 'to'],
      ['from=2026-01-01&to=2026-04-30&period=year', 'period'],
      ['from=2026-01-01&to=2026-04-30&jurisdiction=cn', 'jurisdiction'],
      ['from=2026-01-01&to=2026-04-30&agency=%20', 'agency'],
    ];
    for (const [q, field] of bad) {
      const res = await server.inject({ method: 'GET', url: `/api/v1/analytics/promises?${q}`, headers: sup });
      assert.equal(res.statusCode, 400, q);
      assert.ok(res.json().issues.some((i: { path: string }) => i.path === `querystring.${field}`), `${q} names ${field}: ${res.body}`);
    }
    const collector = await signIn(app, { roles: ['collector'] });
    const refused = await server.inject({ method: 'GET', url: '/api/v1/analytics/promises?from=2026-01-01&to=2026-04-30', headers: collector });
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().details?.access, 'denied', 'the refusal says it is about access, as the UI shows it');
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/analytics/filters' })).statusCode, 401);
  } finally {
    await server.close();
  }
});
