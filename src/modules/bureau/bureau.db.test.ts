import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { scenario, type Scenario } from '../../../test/support/scenario.ts';
import { fixedClock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import {
  getRun, listDisputes, listNotices, loadRunRows, openBureauDispute, recordBureauNotice, renderRunFiles, resolveBureauDispute, runFurnishing, sendBureauNotices,
} from './index.ts';

// CN_LOAN ¥12,000 over 12 months opened 2026-01-15, equal principal: the first instalment (¥1,000
// principal + ¥148.80 interest) falls due 2026-02-15.
const clock = fixedClock('2026-06-01T02:03:04.000Z');
let keys = 0;
const opts = () => ({ actor: 'user:compliance', idempotencyKey: `bureau-${++keys}` });
const run = (s: Scenario, period: string, key = opts()) => runFurnishing({ db: s.db, clock }, { period }, key);
const rowsOf = async (s: Scenario, runId: number) => Object.fromEntries((await loadRunRows(s.db, runId)).map((r) => [r.accountRef, r]));

test('the first negative report waits for the pre-notice: February withheld with a notice queued, sent in March, March reported; history from the cycle\'s month ends', async () => {
  const s = await scenario();
  try {
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.loan('OK', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-01-31');
    const jan = (await run(s, '2026-01')).result;
    assert.deepEqual([jan.reported, jan.withheld, jan.noticesQueued], [2, 0, 0]);

    await s.closeThrough('2026-02-14');
    await s.pay('OK', 114_880, '2026-02-15');
    await s.closeThrough('2026-02-28');
    const feb = (await run(s, '2026-02')).result;
    assert.deepEqual([feb.reported, feb.withheld, feb.noticesQueued], [1, 1, 1], 'L1 missed 02-15: its first negative report is withheld');
    const febRows = await rowsOf(s, feb.runId);
    assert.equal(febRows.L1!.kind, 'withheld');
    assert.equal(febRows.L1!.dpd, 13);
    assert.equal(febRows.OK!.kind, 'report');
    assert.ok(!(await renderRunFiles(s.db, (await getRun(s.db, feb.runId))!)).pboc.includes('L1'), 'a withheld account is in no file');
    assert.deepEqual((await listNotices(s.db, { limit: 10 })).map((n) => [n.accountRef, n.status]), [['L1', 'pending']]);

    const sent = (await sendBureauNotices({ db: s.db, clock }, { businessDate: '2026-03-02' }, opts())).result.sent;
    assert.deepEqual(sent.map((n) => [n.accountRef, n.channel, n.sentOn]), [['L1', 'in_app', '2026-03-02']]);
    const [inbox] = await s.db.query<{ body: string }>('SELECT body FROM inbox_messages WHERE reference = $1', [sent[0]!.reference]);
    assert.match(inbox!.body, /征信业管理条例/, 'the notice is in the debtor\'s language and names its ground');

    await s.closeThrough('2026-03-31');
    const mar = (await run(s, '2026-03')).result;
    assert.deepEqual([mar.reported, mar.withheld, mar.noticesQueued], [1, 1, 1], 'L1 is reported; OK missed 03-15 and now waits for its own notice');
    const marRows = await rowsOf(s, mar.runId);
    assert.equal(marRows.OK!.withheldReason, 'pre_notice_queued');
    const l1 = marRows.L1!;
    assert.equal(l1.kind, 'report', 'the notice went out 03-02, seven days before 03-31');
    assert.deepEqual([l1.kind, l1.dpd, l1.itemsPastDue, l1.metro2Status, l1.pbocStatus, l1.fiveClass, l1.firstDelinquencyOn], ['report', 44, 2, '71', '2', '2', '2026-02-15']);
    assert.equal(l1.metro2History, `00${'B'.repeat(22)}`, 'Feb at 13 DPD and Jan current, nothing before the account opened');
    assert.equal(l1.pbocHistory, `${'/'.repeat(21)}N12`);

    // L1 pays all it owes on 04-10: current again at the April month end.
    await s.closeThrough('2026-04-09');
    const owed = (await s.account('L1')).balances.overdueMinor;
    await s.pay('L1', owed + 120_000, '2026-04-10');
    await s.closeThrough('2026-04-30');
    const apr = (await run(s, '2026-04')).result;
    const l1Apr = (await rowsOf(s, apr.runId)).L1!;
    assert.deepEqual([l1Apr.kind, l1Apr.dpd, l1Apr.metro2Status, l1Apr.pbocStatus, l1Apr.lastPaymentOn], ['report', 0, '11', '1', '2026-04-10']);
    assert.equal(l1Apr.metro2History, `100${'B'.repeat(21)}`, 'March 30–59 days, February and January current');
    assert.equal(l1Apr.pbocHistory, `${'/'.repeat(20)}N12N`);
    assert.equal(l1Apr.actualPaymentMinor, owed + 120_000);
  } finally {
    await s.close();
  }
});

test('a period is furnished once: running it again, with any key, gives the same run and the same bytes, whose sha256 is in the audit log', async () => {
  const s = await scenario();
  try {
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-01-31');
    const first = (await run(s, '2026-01')).result;
    const files = await renderRunFiles(s.db, (await getRun(s.db, first.runId))!);
    const again = (await run(s, '2026-01')).result;
    assert.equal(again.runId, first.runId);
    assert.equal(again.repeated, true);
    assert.deepEqual(again.files, first.files);
    const rendered = await renderRunFiles(s.db, (await getRun(s.db, first.runId))!);
    assert.deepEqual(rendered, files, 'the same bytes');
    for (const [format, text] of Object.entries(rendered)) assert.equal(createHash('sha256').update(text, 'utf8').digest('hex'), first.files[format], format);
    const [audit] = await s.db.query<{ data: { files: Record<string, string> } }>(`SELECT data FROM audit_log WHERE type = 'BUREAU_RUN_MADE' ORDER BY seq LIMIT 1`);
    assert.deepEqual(audit!.data.files, first.files);
  } finally {
    await s.close();
  }
});

test('a month is refused while the cycle has not closed its last day, naming the accounts', async () => {
  const s = await scenario();
  try {
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-01-30');
    await assert.rejects(run(s, '2026-01'), (e: AppError) => e.code === 'CONFLICT' && /not closed 2026-01-31 for 1 account\(s\) \(e\.g\. L1\)/.test(e.message));
    await assert.rejects(runFurnishing({ db: s.db, clock }, { period: '2026-13' }, opts()), (e: AppError) => e.code === 'VALIDATION_FAILED' && /^period: /.test(e.message));
  } finally {
    await s.close();
  }
});

test('a US account waits 14 days from and including a mailed notice, and is reported at once after a call', async () => {
  const s = await scenario();
  try {
    await s.product({ code: 'US_LOAN', currency: 'USD' }, 'CN_LOAN');
    for (const id of ['U1', 'U2']) {
      await createCustomer(s.db, clock, { id, name: `Anna ${id} Smith`, timeZone: 'America/New_York', jurisdiction: 'US', language: 'en', phones: ['+12125550100'], idNumberMasked: '*****6789', address: '1 Main St' }, opts());
      await openAccount(s.db, clock, { ref: id, customerId: id, productCode: 'US_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12, scheduleMethod: 'equal_principal' }, opts());
    }
    await s.closeThrough('2026-02-28');
    const feb = (await run(s, '2026-02')).result;
    assert.deepEqual([feb.reported, feb.withheld, feb.noticesQueued], [0, 2, 2]);
    await recordBureauNotice({ db: s.db, clock }, { accountRef: 'U1', channel: 'letter', reference: 'LTR-1', sentOn: '2026-03-18' }, opts());
    await recordBureauNotice({ db: s.db, clock }, { accountRef: 'U2', channel: 'call', reference: 'CALL-9', sentOn: '2026-03-31' }, opts());
    await s.closeThrough('2026-03-31');
    const mar = (await run(s, '2026-03')).result;
    const rows = await rowsOf(s, mar.runId);
    assert.equal(rows.U1!.kind, 'withheld', 'mailed 03-18: may furnish from 04-01');
    assert.equal(rows.U1!.withheldReason, 'pre_notice_wait_until_2026-04-01');
    assert.equal(rows.U2!.kind, 'report', 'spoken to on 03-31');
    const metro2 = (await renderRunFiles(s.db, (await getRun(s.db, mar.runId))!)).metro2.split('\n');
    assert.equal(metro2.length, 4, 'header, U2, trailer and the final line feed');
    assert.equal(metro2[1]!.slice(42, 72).trim(), 'U2');
    assert.equal(metro2[1]!.slice(231, 256).trim(), 'SMITH');
    assert.equal(metro2[1]!.slice(123, 125), '71');
  } finally {
    await s.close();
  }
});

test('a CN credit-report dispute marks the account in the next file, runs a 20-day clock, and its correction re-reports the month from the corrected ledger', async () => {
  const s = await scenario();
  try {
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await recordBureauNotice({ db: s.db, clock }, { accountRef: 'L1', channel: 'call', reference: 'CALL-1', sentOn: '2026-01-20' }, opts());
    await s.closeThrough('2026-03-31');
    for (const p of ['2026-01', '2026-02', '2026-03']) await run(s, p);

    const d = (await openBureauDispute({ db: s.db, clock }, { accountRef: 'L1', reason: '我在2月15日已还款', periods: ['2026-02', '2026-03'] }, { source: 'portal', customerId: 'C-L1', businessDate: '2026-04-02' }, opts())).result;
    assert.deepEqual([d.receivedOn, d.dueOn, d.answerDays, d.overdue, d.status], ['2026-04-02', '2026-04-22', 20, false, 'open']);
    await assert.rejects(
      openBureauDispute({ db: s.db, clock }, { accountRef: 'L1', reason: 'x' }, { source: 'portal', customerId: 'C-OTHER', businessDate: '2026-04-02' }, opts()),
      (e: AppError) => e.code === 'NOT_FOUND' && e.message === "accountRef: no account 'L1'",
      'another debtor\'s account is answered like one that does not exist',
    );

    await s.closeThrough('2026-04-30');
    const apr = (await run(s, '2026-04')).result;
    const marked = (await rowsOf(s, apr.runId)).L1!;
    assert.deepEqual([marked.disputed, marked.complianceCode], [true, 'XB']);
    assert.match((await renderRunFiles(s.db, (await getRun(s.db, apr.runId))!)).pboc.split('\n')[1]!, /^A.{171}1/, '异议标注 (position 173) is 1');
    const listed = await listDisputes(s.db, { status: 'open', limit: 10 });
    assert.equal(listed.length, 1);

    // The debtor was right: the payment of 02-15 is posted late, which replays the account.
    await s.pay('L1', 114_880, '2026-02-15');
    const res = (await resolveBureauDispute({ db: s.db, clock }, d.id, { outcome: 'corrected', note: '2月15日还款入账延误，已更正' }, { businessDate: '2026-04-30' }, opts())).result;
    assert.equal(res.answeredLate, true, 'answered after the 20 days');
    assert.equal(res.dispute.overdue, false, 'an answered dispute is not overdue');
    assert.equal(res.records, 2);
    const corrections = await rowsOf(s, res.correctionRunId!);
    assert.deepEqual(Object.keys(corrections), ['L1']);
    const rows = await loadRunRows(s.db, res.correctionRunId!);
    assert.deepEqual(rows.map((r) => [r.kind, r.period, r.dpd, r.metro2Status, r.disputed]), [
      ['correction', '2026-02', 0, '11', false],
      ['correction', '2026-03', 16, '11', false],
    ]);
    assert.equal(rows[1]!.pbocHistory.slice(-3), 'NN1', 'the corrected March history: Jan and Feb current');
    const metro2Line = (await renderRunFiles(s.db, (await getRun(s.db, res.correctionRunId!))!)).csv.split('\n')[1]!;
    assert.match(metro2Line, /^correction,2026-02,L1,/);
    await assert.rejects(
      resolveBureauDispute({ db: s.db, clock }, d.id, { outcome: 'no_error', note: 'x' }, { businessDate: '2026-04-30' }, opts()),
      (e: AppError) => e.code === 'CONFLICT',
    );

    await s.closeThrough('2026-05-31');
    const may = (await rowsOf(s, (await run(s, '2026-05')).result.runId)).L1!;
    assert.deepEqual([may.disputed, may.complianceCode], [false, ''], 'the mark goes once the dispute is answered');
  } finally {
    await s.close();
  }
});
