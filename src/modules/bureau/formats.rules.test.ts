import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FURNISHER, type FileMeta, type ReportRow } from './bureau.types.ts';
import {
  METRO2_BASE, METRO2_HEADER, PBOC_HEADER, PBOC_RECORD, CSV_COLUMNS, alpha, numeric, positions, recordWidth, renderCsv, renderMetro2, renderPboc, splitName,
  ssnOf, utf8Field, utf8Length, metro2Text,
} from './formats.rules.ts';

const meta: FileMeta = { furnisher: DEFAULT_FURNISHER, periodEnd: '2026-05-31', createdAt: '2026-06-01T02:03:04.000Z', runId: 7, runKind: 'monthly' };

const row = (o: Partial<ReportRow> = {}): ReportRow => ({
  id: 1, kind: 'report', period: '2026-05', accountRef: 'L-0001', customerId: 'C-1', jurisdiction: 'US', productKind: 'instalment', currency: 'USD',
  openedOn: '2026-01-15', maturityOn: '2026-12-15', termCount: 12, creditLimitMinor: null, originalMinor: 1_200_099, scheduledMinor: 110_050,
  actualPaymentMinor: 0, lastPaymentOn: '2026-03-15', lastPaymentMinor: 110_050, balanceMinor: 1_012_345, pastDueMinor: 220_199, dpd: 45, itemsPastDue: 2,
  firstDelinquencyOn: '2026-04-15', closedOn: null, metro2Status: '71', paymentRating: ' ', metro2History: '00BBBBBBBBBBBBBBBBBBBBBB', pbocStatus: '2',
  pbocHistory: `${'/'.repeat(19)}NNN12`, fiveClass: '2', specialComment: '', complianceCode: '', disputed: false, debtorName: 'José Smith', idNumber: '123-45-6789',
  address: '12 Elm St', ...o,
});

/** 1-based, inclusive. */
const at = (line: string, start: number, end: number) => line.slice(start - 1, end);

test('the Metro 2 header, base segment and trailer are 426 characters each', () => {
  assert.equal(recordWidth(METRO2_BASE), 426);
  assert.equal(recordWidth(METRO2_HEADER), 426);
  const lines = renderMetro2([row(), row({ accountRef: 'L-0002', metro2Status: '11', dpd: 0 })], meta).split('\n');
  assert.equal(lines.pop(), '', 'the file ends with a line feed');
  assert.deepEqual(lines.map((l) => l.length), [426, 426, 426, 426]);
});

test('Metro 2 base segment fields sit at the positions of the published layout', () => {
  const p = positions(METRO2_BASE);
  const expect: Array<[string, number, number]> = [
    ['Record Descriptor Word', 1, 4], ['Time Stamp', 6, 19], ['Correction Indicator', 20, 20], ['Identification Number', 21, 40], ['Consumer Account Number', 43, 72],
    ['Date Opened', 76, 83], ['Account Status', 124, 125], ['Payment History Profile', 127, 150], ['Compliance Condition Code', 153, 154], ['Current Balance', 155, 163],
    ['Amount Past Due', 164, 172], ['Date of Account Information', 182, 189], ['FCRA Compliance/Date of First Delinquency', 190, 197], ['Date Closed', 198, 205],
    ['Date of Last Payment', 206, 213], ['Surname', 232, 256], ['First Name', 257, 276], ['Social Security Number', 298, 306], ['ECOA Code', 325, 325],
    ['First Line of Address', 330, 361], ['Postal/Zip Code', 416, 424], ['Residence Code', 426, 426],
  ];
  for (const [name, start, end] of expect) assert.deepEqual(p.get(name), { start, end }, name);

  const line = renderMetro2([row()], meta).split('\n')[1]!;
  assert.equal(at(line, 1, 4), '0426');
  assert.equal(at(line, 5, 5), '1');
  assert.equal(at(line, 6, 19), '06012026020304', 'MMDDYYYYHHMMSS of the run');
  assert.equal(at(line, 20, 20), '0');
  assert.equal(at(line, 21, 40), 'FAIRDEBT0001        ');
  assert.equal(at(line, 43, 72), 'L-0001'.padEnd(30));
  assert.equal(at(line, 73, 75), 'I01');
  assert.equal(at(line, 76, 83), '01152026');
  assert.equal(at(line, 84, 92), '000000000', 'no credit limit on an instalment loan');
  assert.equal(at(line, 93, 101), '000012000', 'original amount in whole dollars, cents truncated');
  assert.equal(at(line, 102, 105), '012M');
  assert.equal(at(line, 106, 114), '000001100');
  assert.equal(at(line, 124, 126), '71 ');
  assert.equal(at(line, 127, 150), '00BBBBBBBBBBBBBBBBBBBBBB');
  assert.equal(at(line, 155, 163), '000010123');
  assert.equal(at(line, 164, 172), '000002201');
  assert.equal(at(line, 182, 189), '05312026');
  assert.equal(at(line, 190, 197), '04152026');
  assert.equal(at(line, 198, 205), '00000000', 'not closed: zero-filled');
  assert.equal(at(line, 206, 213), '03152026');
  assert.equal(at(line, 232, 256), 'SMITH'.padEnd(25));
  assert.equal(at(line, 257, 276), 'JOSE'.padEnd(20), 'accents removed, upper case');
  assert.equal(at(line, 298, 306), '123456789');
  assert.equal(at(line, 330, 361), '12 ELM ST'.padEnd(32));
});

test('a disputed account carries XB, a correction carries the correction indicator and a delete record the status DA', () => {
  const [, disputed, corrected, deleted] = renderMetro2([row({ complianceCode: 'XB', disputed: true }), row({ kind: 'correction' }), row({ kind: 'delete' })], meta).split('\n');
  assert.equal(at(disputed!, 153, 154), 'XB');
  assert.equal(at(corrected!, 20, 20), '1');
  assert.equal(at(deleted!, 20, 20), '1');
  assert.equal(at(deleted!, 124, 125), 'DA');
});

test('the Metro 2 trailer counts base records and statuses at their positions', () => {
  const lines = renderMetro2([row(), row({ metro2Status: '11' }), row({ metro2Status: '11', idNumber: '***' }), row({ kind: 'delete' })], meta).split('\n');
  const t = lines[lines.length - 2]!;
  assert.equal(t.length, 426);
  assert.equal(at(t, 5, 11), 'TRAILER');
  assert.equal(at(t, 12, 20), '000000004');
  assert.equal(at(t, 66, 74), '000000001', 'DA');
  assert.equal(at(t, 84, 92), '000000002', 'status 11');
  assert.equal(at(t, 147, 155), '000000001', 'status 71');
  assert.equal(at(t, 327, 335), '000000003', 'SSNs in all segments');
});

test('the Metro 2 header names the reporter and the activity date', () => {
  const h = renderMetro2([], meta).split('\n')[0]!;
  assert.equal(at(h, 5, 10), 'HEADER');
  assert.equal(at(h, 48, 55), '05312026');
  assert.equal(at(h, 56, 63), '06012026');
  assert.equal(at(h, 80, 119), 'FAIRDEBT LENDER'.padEnd(40));
});

test('PBOC-like records have a fixed length in UTF-8 bytes: the 30-byte name field holds ten CJK characters', () => {
  const width = recordWidth(PBOC_RECORD);
  const names = ['张三', '欧阳娜娜', 'Li Lei', '一二三四五六七八九十十一', '𠀀字'];
  for (const n of names) {
    const line = renderPboc([row({ jurisdiction: 'CN', currency: 'CNY', debtorName: n, idNumber: '11010519491231002X' })], meta).split('\n')[1]!;
    assert.equal(utf8Length(line), width, `record for ${n}`);
  }
  assert.equal(utf8Field('张三', 30), `张三${' '.repeat(24)}`, '2 characters of 3 bytes, padded with 24 spaces');
  assert.equal(utf8Field('一二三四五六七八九十十一', 30), '一二三四五六七八九十', 'cut at a character boundary');
  assert.equal(utf8Field('ab张', 4), 'ab  ', 'a character that would not fit is left out whole');
  assert.equal(utf8Length(utf8Field('𠀀字', 30)), 30, 'a 4-byte character counts 4');
});

test('PBOC-like record fields sit where the layout says', () => {
  const p = positions(PBOC_RECORD);
  const line = renderPboc([row({ jurisdiction: 'CN', currency: 'CNY', debtorName: '张三', idNumber: '11010519491231002X', disputed: true, complianceCode: 'XB' })], meta).split('\n')[1]!;
  const field = (name: string) => {
    const f = p.get(name)!;
    return Buffer.from(line, 'utf8').subarray(f.start - 1, f.end).toString('utf8');
  };
  assert.equal(field('记录类型'), 'A');
  assert.equal(field('账户标识'), 'L-0001'.padEnd(40));
  assert.equal(field('信息报告日期'), '20260531');
  assert.equal(field('账户类型'), 'D1');
  assert.equal(field('开立日期'), '20260115');
  assert.equal(field('到期日期'), '20261215');
  assert.equal(field('借款金额/授信额度'), '000000012000');
  assert.equal(field('余额'), '000000010123');
  assert.equal(field('当前逾期期数'), '002');
  assert.equal(field('当前逾期总额'), '000000002201');
  assert.equal(field('五级分类'), '2');
  assert.equal(field('账户状态'), '2');
  assert.equal(field('24个月还款状态'), `${'/'.repeat(19)}NNN12`);
  assert.equal(field('异议标注'), '1');
  assert.equal(field('证件号码'), '11010519491231002X');
  assert.equal(field('姓名'), `张三${' '.repeat(24)}`);
  const lines = renderPboc([row()], meta).split('\n');
  assert.equal(lines[0], ['H', 'FD000000000001', '20260531', '20260601020304', '000000000007', 'FD-PBOC1'].join(''));
  assert.equal(utf8Length(lines[0]!), recordWidth(PBOC_HEADER));
  assert.equal(lines[2], 'T0000000001');
});

test('the CSV has a header row, quotes what needs it and defuses formulas', () => {
  const csv = renderCsv([row({ debtorName: 'Smith, "Jo"' }), row({ debtorName: '=HYPERLINK("x")', disputed: true })]);
  const lines = csv.split('\n');
  assert.equal(lines[0], CSV_COLUMNS.join(','));
  assert.equal(lines.length, 4);
  assert.ok(lines[1]!.includes(',"Smith, ""Jo""",'));
  assert.ok(lines[2]!.includes(`,"'=HYPERLINK(""x"")",`));
  assert.equal(lines[1]!.split(',')[CSV_COLUMNS.indexOf('balance_minor')], '1012345', 'money in minor units');
});

test('field helpers: numeric refuses what does not fit, alpha keeps one byte per character', () => {
  assert.equal(numeric(42, 5, 'x'), '00042');
  assert.throws(() => numeric(123456, 5, 'x'), /does not fit/);
  assert.throws(() => numeric(-1, 5, 'x'), /whole number/);
  assert.equal(alpha('张3', 4), '?3  ');
  assert.equal(metro2Text('  Zoë  Ångström '), 'ZOE ANGSTROM');
  assert.deepEqual(splitName('Smith, Anna Maria'), { surname: 'SMITH', first: 'ANNA MARIA' });
  assert.deepEqual(splitName('Anna Maria Smith'), { surname: 'SMITH', first: 'ANNA MARIA' });
  assert.equal(ssnOf('***-**-6789'), 0, 'a masked id is not reported');
});
