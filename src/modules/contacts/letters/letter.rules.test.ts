import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../platform/errors.ts';
import { formatMoney, groupThousands, type Currency } from '../../../platform/money.ts';
import {
  buildLetterLayout,
  formatLetterDate,
  parseLetterInput,
  splitLines,
  splitParagraphs,
  totalDueMinor,
  WORDING,
  type LetterInput,
} from './letter.rules.ts';

const MONEY_CASES: Array<[amountMinor: number, currency: Currency, printed: string, why: string]> = [
  [0, 'CNY', '¥0.00', 'zero keeps its two decimals'],
  [-0, 'CNY', '¥0.00', 'negative zero prints without a sign'],
  [1, 'CNY', '¥0.01', 'one fen'],
  [99, 'USD', '$0.99', 'less than one major unit'],
  [100, 'GBP', '£1.00', 'exactly one major unit'],
  [123_456, 'CNY', '¥1,234.56', 'thousands are grouped'],
  [123_456, 'USD', '$1,234.56', 'dollars use the same grouping'],
  [123_456, 'GBP', '£1,234.56', 'pounds use the same grouping'],
  [100_000, 'CNY', '¥1,000.00', 'a group boundary at one thousand'],
  [99_999, 'CNY', '¥999.99', 'just below a group boundary'],
  [123_456_789_012, 'CNY', '¥1,234,567,890.12', 'several groups'],
  [-5, 'USD', '-$0.05', 'a negative amount puts the sign before the symbol'],
  [-123_456, 'GBP', '-£1,234.56', 'a negative amount with a group'],
  [Number.MAX_SAFE_INTEGER, 'CNY', '¥90,071,992,547,409.91', 'the largest safe integer prints every digit exactly'],
  [-Number.MAX_SAFE_INTEGER, 'USD', '-$90,071,992,547,409.91', 'the smallest safe integer prints every digit exactly'],
  [Number.MAX_SAFE_INTEGER - 9, 'GBP', '£90,071,992,547,409.82', 'a large value just below the limit'],
];

for (const [amountMinor, currency, printed, why] of MONEY_CASES) {
  test(`formatMoney(${amountMinor}, ${currency}) is '${printed}': ${why}`, () => {
    assert.equal(formatMoney(amountMinor, currency), printed);
  });
}

test('formatMoney agrees with exact BigInt arithmetic for large amounts, so no digit is lost to a fraction', () => {
  const samples = [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER - 1, 2 ** 52 + 99, 2 ** 50 - 1, 10 ** 15 + 99, 999_999_999_999_999];
  for (const n of samples) {
    const big = BigInt(n);
    const expected = `¥${groupThousands((big / 100n).toString())}.${(big % 100n).toString().padStart(2, '0')}`;
    assert.equal(formatMoney(n, 'CNY'), expected, String(n));
  }
});

test('formatMoney refuses a fraction or an unsafe integer, because money is an integer of minor units', () => {
  for (const bad of [1.5, Number.MAX_SAFE_INTEGER + 1, Number.NaN, Number.POSITIVE_INFINITY]) {
    assert.throws(() => formatMoney(bad, 'CNY'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && /^amountMinor: /.test(e.message), String(bad));
  }
});

const GROUP_CASES: Array<[string, string]> = [
  ['0', '0'],
  ['12', '12'],
  ['123', '123'],
  ['1234', '1,234'],
  ['123456', '123,456'],
  ['1234567', '1,234,567'],
];
for (const [digits, grouped] of GROUP_CASES) {
  test(`groupThousands('${digits}') is '${grouped}'`, () => assert.equal(groupThousands(digits), grouped));
}

const DATE_CASES: Array<[string, 'zh-CN' | 'en', string]> = [
  ['2026-03-05', 'zh-CN', '2026年3月5日'],
  ['2026-03-05', 'en', '5 March 2026'],
  ['2026-12-31', 'zh-CN', '2026年12月31日'],
  ['2026-12-31', 'en', '31 December 2026'],
  ['2028-02-29', 'en', '29 February 2028'],
];
for (const [date, language, printed] of DATE_CASES) {
  test(`formatLetterDate('${date}', ${language}) is '${printed}'`, () => assert.equal(formatLetterDate(date, language), printed));
}

test('formatLetterDate refuses a day that is not in the calendar', () => {
  for (const bad of ['2026-02-29', '2026-13-01', '2026-04-31', '26-1-1']) {
    assert.throws(() => formatLetterDate(bad, 'en'), { message: /^date: / }, bad);
  }
});

test('splitLines drops blank lines and trims each line, whatever the line endings', () => {
  assert.deepEqual(splitLines('  上海市浦东新区\r\n\r\n世纪大道 100 号 \n200120'), ['上海市浦东新区', '世纪大道 100 号', '200120']);
});

test('splitParagraphs separates paragraphs at blank lines and keeps single newlines inside a paragraph', () => {
  assert.deepEqual(splitParagraphs('First line\nsecond line\n\n  \nNext paragraph.\r\n\r\nLast.'), ['First line\nsecond line', 'Next paragraph.', 'Last.']);
});

const BASE: LetterInput = {
  reference: 'fd-000000123',
  language: 'zh-CN',
  date: '2026-03-05',
  lenderName: '示例消费金融有限公司',
  lenderAddress: '北京市朝阳区建国路 1 号\n100022',
  debtorName: '张三',
  debtorAddress: '上海市浦东新区世纪大道 100 号\n200120',
  title: '逾期还款提醒函',
  body: '您在我司的借款已逾期 35 天。\n\n请尽快还款。',
  amountDue: { currency: 'CNY', principalMinor: 1_000_000, interestMinor: 12_345, penaltyMinor: 6_789, feesMinor: 5_000 },
  hotline: '400-800-1234',
  portalUrl: 'https://portal.example.cn',
  verifyCode: 'K7Q2-9XZ4',
};

test('totalDueMinor adds the breakdown in integers and refuses a total beyond the safe range', () => {
  assert.equal(totalDueMinor(BASE.amountDue!), 1_024_134);
  assert.throws(() => totalDueMinor({ currency: 'CNY', principalMinor: Number.MAX_SAFE_INTEGER, interestMinor: 1, penaltyMinor: 0, feesMinor: 0 }), { message: /^amountDue: / });
});

const WORDING_CASES: Array<{ language: 'zh-CN' | 'en'; expect: Record<string, string | string[]> }> = [
  {
    language: 'zh-CN',
    expect: {
      greeting: '尊敬的张三：',
      dateLine: '2026年3月5日',
      referenceLine: '函件编号：fd-000000123',
      amountHeading: '应还金额明细',
      rows: ['本金 ¥10,000.00', '利息 ¥123.45', '罚息 ¥67.89', '费用 ¥50.00'],
      total: '合计应还 ¥10,241.34',
      howToPayHeading: '还款方式',
      contactLines: ['客服热线：400-800-1234', '在线服务：https://portal.example.cn'],
      verify: '本函件验证码为 K7Q2-9XZ4。您可以在 https://portal.example.cn 输入此验证码，核实本函件的真实性。',
      footer: WORDING['zh-CN'].rights,
    },
  },
  {
    language: 'en',
    expect: {
      greeting: 'Dear 张三,',
      dateLine: '5 March 2026',
      referenceLine: 'Our reference: fd-000000123',
      amountHeading: 'Amount due',
      rows: ['Principal ¥10,000.00', 'Interest ¥123.45', 'Penalty interest ¥67.89', 'Fees ¥50.00'],
      total: 'Total due ¥10,241.34',
      howToPayHeading: 'How to pay',
      contactLines: ['Hotline: 400-800-1234', 'Online: https://portal.example.cn'],
      verify: 'The verification code of this letter is K7Q2-9XZ4. You can check that this letter is genuine by entering this code at https://portal.example.cn.',
      footer: WORDING.en.rights,
    },
  },
];

for (const { language, expect } of WORDING_CASES) {
  test(`a ${language} letter is worded in ${language}: greeting, date, breakdown with 罚息/penalty, how to pay, verify sentence, rights`, () => {
    const l = buildLetterLayout({ ...BASE, language });
    assert.equal(l.greeting, expect.greeting);
    assert.equal(l.dateLine, expect.dateLine);
    assert.equal(l.referenceLine, expect.referenceLine);
    assert.equal(l.amountTable?.heading, expect.amountHeading);
    assert.deepEqual(l.amountTable?.rows.map((r) => `${r.label} ${r.amount}`), expect.rows);
    assert.equal(`${l.amountTable?.total.label} ${l.amountTable?.total.amount}`, expect.total);
    assert.equal(l.howToPay.heading, expect.howToPayHeading);
    assert.deepEqual(l.contactLines, expect.contactLines);
    assert.equal(l.verify.sentence, expect.verify);
    assert.equal(l.footer, expect.footer);
    assert.deepEqual(l.paragraphs, ['您在我司的借款已逾期 35 天。', '请尽快还款。']);
    assert.deepEqual(l.recipient, { name: '张三', addressLines: ['上海市浦东新区世纪大道 100 号', '200120'] });
  });
}

test('the rights sentence is one sentence in each language, because the footer holds exactly one', () => {
  assert.equal(WORDING['zh-CN'].rights.split('。').filter(Boolean).length, 1);
  assert.equal(WORDING.en.rights.split('. ').length, 1);
});

test('a letter without an amount due has no table, and payment instructions come before the portal and hotline sentence', () => {
  const l = buildLetterLayout({ ...BASE, language: 'en', amountDue: undefined, paymentInstructions: 'Bank transfer to 6222 0000 1111 2222.' });
  assert.equal(l.amountTable, undefined);
  assert.equal(l.howToPay.paragraphs.length, 2);
  assert.equal(l.howToPay.paragraphs[0], 'Bank transfer to 6222 0000 1111 2222.');
  assert.match(l.howToPay.paragraphs[1]!, /portal\.example\.cn.*400-800-1234/);
});

test('amounts in dollars and pounds print with their own symbol in the table', () => {
  for (const [currency, symbol] of [['USD', '$'], ['GBP', '£']] as const) {
    const l = buildLetterLayout({ ...BASE, language: 'en', amountDue: { ...BASE.amountDue!, currency } });
    assert.equal(l.amountTable?.total.amount, `${symbol}10,241.34`);
  }
});

const INVALID_CASES: Array<[string, Partial<Record<keyof LetterInput, unknown>>, string]> = [
  ['a fractional amount', { amountDue: { ...BASE.amountDue!, penaltyMinor: 1.5 } }, 'amountDue.penaltyMinor'],
  ['an unknown currency', { amountDue: { ...BASE.amountDue!, currency: 'EUR' } }, 'amountDue.currency'],
  ['an impossible date', { date: '2026-02-30' }, 'date'],
  ['an empty address', { debtorAddress: ' \n ' }, 'debtorAddress'],
  ['too many address lines', { debtorAddress: Array.from({ length: 9 }, (_, i) => `line ${i}`).join('\n') }, 'debtorAddress'],
  ['a language without wording', { language: 'fr' }, 'language'],
  ['a reference with spaces', { reference: 'fd 1' }, 'reference'],
  ['an empty body', { body: '   ' }, 'body'],
];
for (const [what, patch, path] of INVALID_CASES) {
  test(`a letter input with ${what} is refused naming ${path}`, () => {
    assert.throws(
      () => parseLetterInput({ ...BASE, ...patch }),
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && e.issues.some((i) => i.path === path),
    );
  });
}
