import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  blockSummary, complaintSeries, cureCurves, observationDates, per10k, periodOf, periodsBetween, promiseSeries, ratio, recoveryRows, rollMatrix, rpcSeries, strategyKey, transitions,
  type Period,
} from './analytics.rules.ts';

test('ratios keep their numerator and denominator, round to 4 decimals and are null without a denominator', () => {
  const rows: Array<[number, number, number, number | null]> = [
    [1, 3, 1, 0.3333],
    [2, 3, 1, 0.6667],
    [0, 5, 1, 0],
    [5, 5, 1, 1],
    [3, 0, 1, null],
    [0, 0, 1, null],
    [1, 8, 100, 12.5],
  ];
  for (const [n, d, scale, rate] of rows) assert.deepEqual(ratio(n, d, scale), { numerator: n, denominator: d, rate }, `${n}/${d}×${scale}`);
});

test('complaints per 10k contacts round to 2 decimals; no contacts gives no rate', () => {
  const rows: Array<[number, number, number | null]> = [[1, 3, 3333.33], [2, 10_000, 2], [1, 30_000, 0.33], [0, 100, 0], [4, 0, null]];
  for (const [c, n, rate] of rows) assert.deepEqual(per10k(c, n), { numerator: c, denominator: n, rate }, `${c} per ${n}`);
});

test('period keys: a month is YYYY-MM, a week is keyed by its Monday', () => {
  const rows: Array<[string, Period, string]> = [
    ['2026-03-15', 'month', '2026-03'],
    ['2026-03-16', 'week', '2026-03-16'], // a Monday
    ['2026-03-22', 'week', '2026-03-16'], // the Sunday after
    ['2026-01-01', 'week', '2025-12-29'], // the week began the year before
  ];
  for (const [d, p, key] of rows) assert.equal(periodOf(d, p), key, `${d} by ${p}`);
  assert.deepEqual(periodsBetween('2025-11-20', '2026-02-01', 'month'), ['2025-11', '2025-12', '2026-01', '2026-02']);
  assert.deepEqual(periodsBetween('2026-03-18', '2026-04-01', 'week'), ['2026-03-16', '2026-03-23', '2026-03-30']);
});

test('a roll-rate matrix compares the month-ends inside the range, or every 7th day from its start', () => {
  const rows: Array<[string, string, Period, string[]]> = [
    ['2026-01-31', '2026-04-30', 'month', ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']],
    ['2026-01-01', '2026-04-15', 'month', ['2026-01-31', '2026-02-28', '2026-03-31']], // April has not ended
    ['2028-02-01', '2028-03-31', 'month', ['2028-02-29', '2028-03-31']], // leap year
    ['2026-02-01', '2026-02-20', 'month', []],
    ['2026-02-01', '2026-02-20', 'week', ['2026-02-01', '2026-02-08', '2026-02-15']],
  ];
  for (const [from, to, step, dates] of rows) assert.deepEqual(observationDates(from, to, step), dates, `${from}..${to} by ${step}`);
  assert.deepEqual(transitions(['a', 'b', 'c']), [{ from: 'a', to: 'b' }, { from: 'b', to: 'c' }]);
  assert.deepEqual(transitions(['a']), []);
});

test('the roll matrix has every cell, rates as shares of the row, and forward / back / stay shares', () => {
  const m = rollMatrix(['M0', 'M1', 'M2'], [
    { from: 'M0', to: 'M0', count: 8 }, { from: 'M0', to: 'M1', count: 2 },
    { from: 'M1', to: 'M0', count: 1 }, { from: 'M1', to: 'M2', count: 3 },
  ]);
  assert.deepEqual(m.map((r) => [r.bucket, r.total, r.cells.map((c) => c.count)]), [['M0', 10, [8, 2, 0]], ['M1', 4, [1, 0, 3]], ['M2', 0, [0, 0, 0]]]);
  assert.deepEqual(m[0]!.cells.map((c) => c.rate), [0.8, 0.2, 0]);
  assert.deepEqual(m[1]!.rollForward, { numerator: 3, denominator: 4, rate: 0.75 });
  assert.deepEqual(m[1]!.rollBack, { numerator: 1, denominator: 4, rate: 0.25 });
  assert.deepEqual(m[1]!.stay, { numerator: 0, denominator: 4, rate: 0 });
  assert.deepEqual(m[2]!.cells.map((c) => c.rate), [null, null, null], 'an empty row has no rates');
});

test('cure curves are cumulative shares of the cohort, and stop at the last day observed for all its cases', () => {
  const [jan, feb] = cureCurves([
    { cohort: '2026-01', days: 3, count: 1, lastEntry: '2026-01-20' },
    { cohort: '2026-01', days: 12, count: 1, lastEntry: '2026-01-20' },
    { cohort: '2026-01', days: null, count: 2, lastEntry: '2026-01-20' },
    { cohort: '2026-02', days: null, count: 1, lastEntry: '2026-02-25' },
  ], '2026-03-02', 90, 5);
  assert.equal(jan!.entered, 4);
  assert.equal(jan!.cured, 2);
  // Observed 41 days after the last entry: points 0..40.
  assert.deepEqual(jan!.points.map((p) => [p.day, p.numerator, p.rate]), [[0, 0, 0], [5, 1, 0.25], [10, 1, 0.25], [15, 2, 0.5], [20, 2, 0.5], [25, 2, 0.5], [30, 2, 0.5], [35, 2, 0.5], [40, 2, 0.5]]);
  assert.deepEqual(feb!.points.map((p) => p.day), [0, 5], 'observed 5 days');
  const long = cureCurves([{ cohort: '2025-01', days: 100, count: 1, lastEntry: '2025-01-31' }], '2026-03-02', 90, 30)[0]!;
  assert.deepEqual(long.points.map((p) => [p.day, p.numerator]), [[0, 0], [30, 0], [60, 0], [90, 0]], 'the horizon caps the curve; a cure after it is not on it');
});

test('the promise series has every period; the kept rate leaves open promises out', () => {
  const s = promiseSeries([{ period: '2026-02', kept: 2, partlyKept: 1, broken: 1, open: 3, promisedMinor: 700, paidMinor: 300 }], ['2026-01', '2026-02']);
  assert.deepEqual(s[0]!.keptRate, { numerator: 0, denominator: 0, rate: null });
  assert.deepEqual(s[1]!.keptRate, { numerator: 2, denominator: 4, rate: 0.5 });
  assert.deepEqual(s[1]!.anyPaymentRate, { numerator: 3, denominator: 4, rate: 0.75 });
});

test('right-party contact rates add up by period and by agency and team', () => {
  const r = rpcSeries([
    { period: '2026-02', agency: 'in_house', team: 'A', attempts: 4, rightParty: 1 },
    { period: '2026-02', agency: 'AG-1', team: 'X', attempts: 2, rightParty: 2 },
    { period: '2026-03', agency: 'in_house', team: 'A', attempts: 2, rightParty: 1 },
  ], ['2026-02', '2026-03', '2026-04']);
  assert.deepEqual(r.byPeriod.map((p) => [p.period, p.rate.numerator, p.rate.denominator, p.rate.rate]), [['2026-02', 3, 6, 0.5], ['2026-03', 1, 2, 0.5], ['2026-04', 0, 0, null]]);
  assert.deepEqual(r.byTeam.map((t) => [t.agency, t.team, t.rate.numerator, t.rate.denominator]), [['AG-1', 'X', 2, 2], ['in_house', 'A', 2, 6]]);
});

test('recovery groups carry their rate and come largest base first; strategy groups are named by version and arm', () => {
  const rows = recoveryRows([{ key: 'b', accounts: 1, baseMinor: 100, recoveredMinor: 25 }, { key: 'a', accounts: 2, baseMinor: 400, recoveredMinor: 0 }]);
  assert.deepEqual(rows.map((r) => [r.key, r.rate.rate]), [['a', 0], ['b', 0.25]]);
  assert.equal(strategyKey(3, null, null), 'v3');
  assert.equal(strategyKey(3, 'EXP', 'challenger'), 'v3 · EXP/challenger');
});

test('complaints per 10k by period and by agency, in house first', () => {
  const r = complaintSeries([
    { period: '2026-02', agency: 'AG-1', complaints: 1, contacts: 4 },
    { period: '2026-02', agency: 'in_house', complaints: 0, contacts: 6 },
    { period: '2026-03', agency: 'in_house', complaints: 1, contacts: 0 },
  ], ['2026-02', '2026-03']);
  assert.deepEqual(r.byPeriod.map((p) => [p.period, p.complaints, p.contacts, p.per10k.rate]), [['2026-02', 1, 10, 1000], ['2026-03', 1, 0, null]]);
  assert.deepEqual(r.byAgency.map((a) => [a.agency, a.complaints, a.contacts, a.per10k.rate]), [['in_house', 1, 6, 1666.67], ['AG-1', 1, 4, 2500]]);
});

test('blocks by rule count rule hits; the totals by period count blocked contacts once', () => {
  const s = blockSummary([
    { period: '2026-02', rule: 'CN-TIME', jurisdiction: 'CN', count: 2 },
    { period: '2026-02', rule: 'CN-FREQ', jurisdiction: 'CN', count: 1 },
    { period: '2026-03', rule: 'CN-TIME', jurisdiction: 'CN', count: 1 },
    { period: '2026-03', rule: 'US-FDCPA', jurisdiction: 'US', count: 1 },
    { period: '2026-02', rule: null, jurisdiction: null, count: 2 }, // one contact was blocked by both rules
    { period: '2026-03', rule: null, jurisdiction: null, count: 2 },
  ], ['2026-01', '2026-02', '2026-03']);
  assert.equal(s.total, 4);
  assert.deepEqual(s.byRule, [{ rule: 'CN-TIME', count: 3 }, { rule: 'CN-FREQ', count: 1 }, { rule: 'US-FDCPA', count: 1 }]);
  assert.deepEqual(s.byRuleAndJurisdiction[0], { rule: 'CN-TIME', jurisdiction: 'CN', count: 3 });
  assert.deepEqual(s.byPeriod, [{ period: '2026-01', count: 0 }, { period: '2026-02', count: 2 }, { period: '2026-03', count: 2 }]);
});
