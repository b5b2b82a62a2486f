import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  NOTICE_POLICIES, disputeDueOn, fiveClass, isDisputeOverdue, metro2History, metro2Status, noticeVerdict, paymentRating, pbocAccountStatus, pbocHistory,
  pbocStatusChar, periodEnd, isMonthEnd, previousPeriodEnds, regimeOf, resolutionEffect, type HistoryMonth, type MonthFigures, type NoticeFact,
} from './bureau.rules.ts';

const fig = (dpd: number, balanceMinor = 100_000, principalMinor = balanceMinor): MonthFigures => ({ dpd, balanceMinor, principalMinor, pastDueMinor: dpd > 0 ? 10_000 : 0 });

test('Metro 2 account status follows the 30-day bands of days past due; a paid-off loan is 13, a line at zero stays 11', () => {
  const rows: Array<[number, string]> = [[0, '11'], [29, '11'], [30, '71'], [59, '71'], [60, '78'], [90, '80'], [120, '82'], [150, '83'], [179, '83'], [180, '84'], [700, '84']];
  for (const [dpd, status] of rows) assert.equal(metro2Status(fig(dpd), 'instalment'), status, `DPD ${dpd}`);
  assert.equal(metro2Status(fig(0, 0, 0), 'instalment'), '13');
  assert.equal(metro2Status(fig(0, 0, 0), 'revolving'), '11');
  assert.equal(paymentRating('13', fig(0, 0, 0)), '0');
  assert.equal(paymentRating('71', fig(40)), ' ', 'rating only with a closed status');
});

test('PBOC-like 还款状态 by 30-day bands (N, 1 … 7, C), 账户状态 and 五级分类 by days past due', () => {
  const rows: Array<[number, string, string, string]> = [
    [0, 'N', '1', '1'], [1, '1', '2', '2'], [30, '1', '2', '2'], [31, '2', '2', '2'], [90, '3', '2', '2'], [91, '4', '2', '3'],
    [180, '6', '2', '3'], [181, '7', '2', '4'], [360, '7', '2', '4'], [361, '7', '2', '5'],
  ];
  for (const [dpd, ch, status, cls] of rows) {
    assert.equal(pbocStatusChar(fig(dpd), 'instalment'), ch, `还款状态 at DPD ${dpd}`);
    assert.equal(pbocAccountStatus(fig(dpd), 'instalment'), status, `账户状态 at DPD ${dpd}`);
    assert.equal(fiveClass(fig(dpd)), cls, `五级分类 at DPD ${dpd}`);
  }
  assert.equal(pbocStatusChar(fig(0, 0, 0), 'instalment'), 'C');
  assert.equal(pbocAccountStatus(fig(0, 0, 0), 'instalment'), '3');
});

test('the Metro 2 payment history profile starts with the month before the report and turns to B for every month before the account opened', () => {
  const months: HistoryMonth[] = [fig(35), fig(5), fig(0, 0), 'no_data', fig(65), 'not_open', fig(0)];
  const h = metro2History(months);
  assert.equal(h.length, 24);
  assert.equal(h, '10ED2BBBBBBBBBBBBBBBBBBB', 'a month after not_open is B whatever its figures');
  assert.equal(metro2History([]), 'D'.repeat(24), 'no figures at all: no data');
});

test('the PBOC-like 24-month history runs oldest first and ends with the reported month', () => {
  const months: HistoryMonth[] = [...Array<HistoryMonth>(20).fill('not_open'), fig(0), fig(12), 'no_data', fig(0, 0, 0)];
  assert.equal(pbocHistory(months, 'instalment'), `${'/'.repeat(20)}N1#C`);
});

test('the pre-notice: CN reports 7 days after a written notice, US 14 days from and including the send date, at once after a call; UK needs none', () => {
  const sent = (channel: NoticeFact['channel'], sentOn: string): NoticeFact => ({ status: 'sent', channel, sentOn });
  const cases: Array<[string, keyof typeof NOTICE_POLICIES, NoticeFact[], string, string]> = [
    ['no notice yet', 'CN', [], '2026-03-31', 'none'],
    ['queued, not sent', 'CN', [{ status: 'pending', channel: null, sentOn: null }], '2026-03-31', 'pending'],
    ['CN notice on the 24th: the 31st is the 7th day after', 'CN', [sent('in_app', '2026-03-24')], '2026-03-31', 'satisfied'],
    ['CN notice on the 25th: too late for March', 'CN', [sent('in_app', '2026-03-25')], '2026-03-31', 'waiting'],
    ['US mailed May 1: may furnish after May 14', 'US', [sent('letter', '2026-05-01')], '2026-05-14', 'waiting'],
    ['US mailed May 1: May 15 is fine', 'US', [sent('letter', '2026-05-01')], '2026-05-15', 'satisfied'],
    ['US: spoken to by phone the same day', 'US', [sent('call', '2026-05-31')], '2026-05-31', 'satisfied'],
    ['US: an undeliverable letter does not count', 'US', [{ status: 'undeliverable', channel: 'letter', sentOn: '2026-04-01' }], '2026-05-31', 'none'],
    ['UK: no pre-notice rule', 'OTHER', [], '2026-05-31', 'not_required'],
  ];
  for (const [why, regime, notices, asOf, verdict] of cases) assert.equal(noticeVerdict(NOTICE_POLICIES[regime], notices, asOf).verdict, verdict, why);
  assert.deepEqual(noticeVerdict(NOTICE_POLICIES.US, [sent('letter', '2026-05-01'), sent('letter', '2026-05-11')], '2026-05-31'), { verdict: 'satisfied', reportableFrom: '2026-05-15' });
});

test('the dispute answer clock is 20 calendar days in CN and 30 in the US, and overdue only while open', () => {
  assert.equal(disputeDueOn('CN', '2026-04-03'), '2026-04-23');
  assert.equal(disputeDueOn('US', '2026-04-03'), '2026-05-03');
  assert.equal(isDisputeOverdue({ status: 'open', dueOn: '2026-04-23' }, '2026-04-23'), false);
  assert.equal(isDisputeOverdue({ status: 'open', dueOn: '2026-04-23' }, '2026-04-24'), true);
  assert.equal(isDisputeOverdue({ status: 'resolved', dueOn: '2026-04-23' }, '2026-05-24'), false);
});

test('a resolution writes corrections, deletes or nothing; unverifiable is deleted in the US and keeps the mark in CN', () => {
  assert.deepEqual(resolutionEffect('CN', 'corrected'), { records: 'correction', keepMark: false });
  assert.deepEqual(resolutionEffect('US', 'deleted'), { records: 'delete', keepMark: false });
  assert.deepEqual(resolutionEffect('CN', 'no_error'), { records: 'none', keepMark: false });
  assert.deepEqual(resolutionEffect('US', 'unverifiable'), { records: 'delete', keepMark: false });
  assert.deepEqual(resolutionEffect('CN', 'unverifiable'), { records: 'none', keepMark: true });
});

test('periods, month ends and regimes', () => {
  assert.equal(periodEnd('2026-02'), '2026-02-28');
  assert.equal(periodEnd('2028-02'), '2028-02-29');
  assert.equal(isMonthEnd('2026-04-30'), true);
  assert.equal(isMonthEnd('2026-04-29'), false);
  assert.deepEqual(previousPeriodEnds('2026-02', 3), ['2026-01-31', '2025-12-31', '2025-11-30']);
  assert.deepEqual(['CN', 'US', 'US-MA', 'UK', 'EU'].map(regimeOf), ['CN', 'US', 'US', 'OTHER', 'OTHER']);
});
