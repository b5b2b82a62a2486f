import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { accountRowsDataset, bandOf, expectedRecovery, scoreFigures } from './score.rules.ts';
import { FORMAT_SPECS } from './formats.rules.ts';

test('scoreFigures: probabilities in parts per million, risk score per mille, band, expected recovery rounded half up', () => {
  const cases: Array<[pd: number, owed: number, pdPpm: number, ppPpm: number, risk: number, band: string, er: number]> = [
    [0, 1_000_000, 0, 1_000_000, 0, 'low', 1_000_000],
    [1, 1_000_000, 1_000_000, 0, 1000, 'high', 0],
    [0.1999994, 100, 199_999, 800_001, 200, 'medium', 80],
    [0.1994999, 100, 199_500, 800_500, 200, 'medium', 80],
    [0.1994994, 100, 199_499, 800_501, 199, 'low', 80],
    [0.6, 1_234_567, 600_000, 400_000, 600, 'high', 493_827],
    [0.5999, 3, 599_900, 400_100, 600, 'high', 1],
    [0.25, 2, 250_000, 750_000, 250, 'medium', 2],
    [0.75, 2, 750_000, 250_000, 750, 'high', 1],
    [0.5, -500, 500_000, 500_000, 500, 'medium', 0],
  ];
  for (const [pd, owed, pdPpm, ppPpm, risk, band, er] of cases) {
    assert.deepEqual(scoreFigures(pd, owed), { pdPpm, ppPpm, riskScore: risk, band, owedMinor: owed, expectedRecoveryMinor: er }, `pd ${pd}, owed ${owed}`);
  }
});

test('expectedRecovery: exact in integers for amounts beyond 2^53 / 10^6, half up', () => {
  assert.equal(expectedRecovery(500_000, 1), 1, '0.5 rounds up');
  assert.equal(expectedRecovery(499_999, 1), 0);
  assert.equal(expectedRecovery(333_333, 9_007_199_254_740_991), 3_002_396_749_180_579);
  assert.equal(expectedRecovery(1_000_000, 9_007_199_254_740_991), 9_007_199_254_740_991);
  for (const [pp, owed, field] of [[1_000_001, 1, 'ppPpm'], [-1, 1, 'ppPpm'], [0.5, 1, 'ppPpm'], [1, 2 ** 53, 'owedMinor']] as const) {
    assert.throws(() => expectedRecovery(pp, owed), (e: unknown) => e instanceof AppError && e.issues[0]?.path === field);
  }
});

test('bandOf cuts at 200 and 600; scoreFigures refuses a probability outside [0, 1]', () => {
  assert.deepEqual([0, 199, 200, 599, 600, 1000].map(bandOf), ['low', 'low', 'medium', 'medium', 'high', 'high']);
  for (const pd of [-0.01, 1.01, Number.NaN, Infinity]) assert.throws(() => scoreFigures(pd, 1), (e: unknown) => e instanceof AppError && e.issues[0]?.path === 'pd');
});

test('accountRowsDataset: the accounts format in the model feature order, missing values as NaN, no label', () => {
  const names = FORMAT_SPECS.accounts.features.map((f) => f.name);
  const row = Object.fromEntries(names.map((n, i) => [n, i + 1])) as Record<string, number | null>;
  const d = accountRowsDataset([{ ...row, days_since_payment: null, utilisation: 0.5 }, row]);
  assert.equal(d.format, 'accounts');
  assert.equal(d.rows, 2);
  assert.deepEqual(d.names, names);
  assert.ok(Number.isNaN(d.columns[names.indexOf('days_since_payment')]![0]!));
  assert.equal(d.columns[names.indexOf('utilisation')]![0], 0.5);
  assert.deepEqual(Array.from(d.columns[0]!), [1, 1]);
  assert.deepEqual(Array.from(d.y), [0, 0]);
});
