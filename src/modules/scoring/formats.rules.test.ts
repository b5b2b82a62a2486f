import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { ageBand, detectFormat, parseDataset, splitCsvLine } from './formats.rules.ts';
import { stratifiedSplit } from './split.rules.ts';

const UCI_HEADER = 'ID,LIMIT_BAL,SEX,EDUCATION,MARRIAGE,AGE,PAY_0,PAY_2,PAY_3,PAY_4,PAY_5,PAY_6,BILL_AMT1,BILL_AMT2,BILL_AMT3,BILL_AMT4,BILL_AMT5,BILL_AMT6,PAY_AMT1,PAY_AMT2,PAY_AMT3,PAY_AMT4,PAY_AMT5,PAY_AMT6,default payment next month';
const UCI_ROWS = ['2,120000,2,2,2,26,-1,2,0,0,0,2,2682,1725,2682,3272,3455,3261,0,1000,1000,1000,0,2000,1', '3,90000,2,2,2,34,0,0,0,0,0,0,29239,14027,13559,14331,14948,15549,1518,1500,1000,1000,1000,5000,0'];
const GMSC_HEADER = 'id,SeriousDlqin2yrs,RevolvingUtilizationOfUnsecuredLines,age,NumberOfTime30-59DaysPastDueNotWorse,DebtRatio,MonthlyIncome,NumberOfOpenCreditLinesAndLoans,NumberOfTimes90DaysLate,NumberRealEstateLoansOrLines,NumberOfTime60-89DaysPastDueNotWorse,NumberOfDependents';
const refused = (fn: () => unknown, message: RegExp) => assert.throws(fn, (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && message.test(e.message));

describe('data formats', () => {
  it('reads UCI rows into features (protected ones left out), derived features and groups', () => {
    const d = parseDataset([UCI_HEADER, ...UCI_ROWS].join('\n') + '\n');
    assert.equal(d.format, 'uci');
    assert.equal(d.rows, 2);
    assert.deepEqual(Array.from(d.y), [1, 0]);
    assert.ok(!d.names.includes('SEX') && !d.names.includes('AGE') && !d.names.includes('MARRIAGE'));
    const v = (name: string) => Array.from(d.columns[d.names.indexOf(name)]!);
    assert.deepEqual(v('MAX_DELAY'), [2, 0]);
    assert.deepEqual(v('MONTHS_DELAYED'), [2, 0]);
    assert.deepEqual(v('UTIL_1'), [2682 / 120000, 29239 / 90000]);
    assert.deepEqual(v('PAY_RATIO_1'), [0, 1518 / 14027]);
    assert.equal(d.kinds[d.names.indexOf('EDUCATION')], 'nominal');
    assert.deepEqual(d.groups, { sex: ['female', 'female'], age: ['<30', '30-39'], marriage: ['single', 'single'] });
    const withProtected = parseDataset([UCI_HEADER, ...UCI_ROWS].join('\n'), { includeProtected: true });
    assert.deepEqual(withProtected.names.slice(-3), ['SEX', 'MARRIAGE', 'AGE']);
  });
  it('reads GMSC with CRLF line endings and NA as missing where the source allows it', () => {
    const d = parseDataset([GMSC_HEADER, '1,1,0.766126609,45,2,0.802982129,9120,13,0,6,0,2', '2,0,0.957151019,40,0,0.121876201,NA,4,0,0,0,NA'].join('\r\n') + '\r\n');
    assert.equal(d.format, 'gmsc');
    assert.ok(Number.isNaN(d.columns[d.names.indexOf('MonthlyIncome')]![1]!));
    assert.ok(Number.isNaN(d.columns[d.names.indexOf('NumberOfDependents')]![1]!));
    assert.deepEqual(Array.from(d.columns[d.names.indexOf('TOTAL_LATE')]!), [2, 0]);
    assert.deepEqual(d.groups, { age: ['40-49', '40-49'] });
  });
  it('refuses bad input naming the column and the line', () => {
    refused(() => parseDataset([UCI_HEADER.replace(',PAY_0,', ',PAY_1,'), ...UCI_ROWS].join('\n')), /^PAY_0: column missing from the header \(format uci needs/);
    refused(() => parseDataset([UCI_HEADER, UCI_ROWS[0]!, UCI_ROWS[1]!.replace(',34,', ',abc,')].join('\n')), /^AGE: expected a number on line 3, got 'abc'/);
    refused(() => parseDataset([UCI_HEADER, UCI_ROWS[0]!.replace(/1$/, '2')].join('\n')), /^default payment next month: the target must be 0 or 1, got 2 on line 2/);
    refused(() => parseDataset([GMSC_HEADER, '1,1,0.7,NA,2,0.8,9120,13,0,6,0,2'].join('\n')), /^age: expected a number on line 2, got 'NA'/);
    refused(() => parseDataset([UCI_HEADER, ...UCI_ROWS].join('\n'), { format: 'csv' }), /^format: unknown format 'csv'/);
    refused(() => parseDataset('a,b\n1,2\n'), /^format: could not tell the format/);
    refused(() => parseDataset(''), /^data: the file is empty/);
    refused(() => parseDataset([UCI_HEADER, ...UCI_ROWS].join('\n'), { target: 'Y' }), /^Y: column missing/);
  });
  it('detects the format from the header; splits quoted CSV cells', () => {
    assert.equal(detectFormat(UCI_HEADER.split(',')), 'uci');
    assert.equal(detectFormat(GMSC_HEADER.split(',')), 'gmsc');
    assert.deepEqual(splitCsvLine('1,"a, ""b""",3'), ['1', 'a, "b"', '3']);
  });
  it('bands ages', () => assert.deepEqual([25, 30, 49, 55, 70, 0].map(ageBand), ['<30', '30-39', '40-49', '50-59', '60+', null]));
});

describe('stratified split', () => {
  const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
  it('keeps the bad rate in both parts, covers every row once, and repeats for a seed', () => {
    const s = stratifiedSplit(y, 0.3, 7);
    assert.equal(s.test.length, 300);
    assert.equal(s.train.length + s.test.length, 1000);
    assert.equal(new Set([...s.train, ...s.test]).size, 1000);
    assert.equal(s.test.reduce((a, r) => a + y[r]!, 0), 60);
    assert.deepEqual(stratifiedSplit(y, 0.3, 7), s);
    assert.notDeepEqual(stratifiedSplit(y, 0.3, 8).test, s.test);
  });
  it('refuses a share outside [0, 1)', () => refused(() => stratifiedSplit(y, 1, 1), /^holdout:/));
});
