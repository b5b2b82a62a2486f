import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FILE_FORMATS, type ImportKind } from './imports.types.ts';
import { csvLine, formatImportError, lineBreaks, mapRecord, parseMoney, readHeader } from './csv.rules.ts';

const PAYMENT_HEADER = ['ref', 'account_ref', 'type', 'amount', 'currency', 'value_date', 'channel'];
const CUSTOMER_HEADER = ['id', 'name', 'phones', 'emails', 'time_zone', 'jurisdiction', 'language'];
const ACCOUNT_HEADER = ['ref', 'customer_id', 'product_code', 'opened_on', 'currency', 'principal', 'term_count'];

function map(kind: ImportKind, header: string[], fields: string[]) {
  const h = readHeader(FILE_FORMATS[kind], header);
  assert.deepEqual(h.errors, []);
  const m = mapRecord(FILE_FORMATS[kind], h.header, fields, 7);
  return { input: m.input, errors: m.errors.map((e) => formatImportError('f.csv', e)) };
}

const payment = (over: Partial<Record<string, string>>) => {
  const base: Record<string, string> = { ref: 'P1', account_ref: 'L1', type: 'payment', amount: '10.00', currency: 'CNY', value_date: '2026-01-15', channel: '' };
  const row = { ...base, ...over };
  return PAYMENT_HEADER.map((c) => row[c]!);
};

test('maps payment rows to exact minor units or to errors on their line and column', () => {
  const cases: Array<[string, Partial<Record<string, string>>, Record<string, unknown> | string[]]> = [
    ['two decimals', { amount: '1234.50' }, { amountMinor: 123450 }],
    ['one decimal is tenths', { amount: '1234.5' }, { amountMinor: 123450 }],
    ['no decimals', { amount: '7' }, { amountMinor: 700 }],
    ['one fen', { amount: '0.01' }, { amountMinor: 1 }],
    ['spaces around a value are removed', { amount: ' 12.00 ', ref: ' P9 ' }, { amountMinor: 1200, ref: 'P9' }],
    ['type defaults to payment', { type: '' }, { type: 'payment' }],
    ['a drawdown', { type: 'drawdown' }, { type: 'drawdown' }],
    ['three decimals', { amount: '1.234' }, ["f.csv:7:4: amount: '1.234' has 3 decimal places; CNY has 2"]],
    ['thousands separator', { amount: '1,000.00' }, ["f.csv:7:4: amount: expected an amount in major units such as 1234.50 (digits and one decimal point, no thousands separators), got '1,000.00'"]],
    ['exponent', { amount: '1e3' }, ["f.csv:7:4: amount: expected an amount in major units such as 1234.50 (digits and one decimal point, no thousands separators), got '1e3'"]],
    ['negative', { amount: '-5.00' }, ['f.csv:7:4: amount: must be greater than 0']],
    ['zero', { amount: '0.00' }, ['f.csv:7:4: amount: must be greater than 0']],
    ['too large', { amount: '99999999999999999' }, ["f.csv:7:4: amount: '99999999999999999' is too large"]],
    ['impossible date', { value_date: '2026-02-30' }, ['f.csv:7:6: value_date: expected a date YYYY-MM-DD']],
    ['day-first date', { value_date: '15/01/2026' }, ['f.csv:7:6: value_date: expected a date YYYY-MM-DD']],
    ['unknown type', { type: 'refund' }, ['f.csv:7:3: type: Invalid option: expected one of "payment"|"drawdown"']],
    ['missing amount', { amount: '' }, ['f.csv:7:4: amount: required']],
    ['unknown currency: the amount cannot be read and is not reported twice', { currency: 'EUR', amount: 'x' }, ["f.csv:7:5: currency: expected one of CNY, USD, GBP, got 'EUR'"]],
    ['several errors in column order', { value_date: 'soon', ref: '', amount: '-1' }, ['f.csv:7:1: ref: required', 'f.csv:7:4: amount: must be greater than 0', 'f.csv:7:6: value_date: expected a date YYYY-MM-DD']],
  ];
  for (const [name, over, expected] of cases) {
    const { input, errors } = map('payments', PAYMENT_HEADER, payment(over));
    if (Array.isArray(expected)) {
      assert.deepEqual(errors, expected, name);
      assert.equal(input, undefined, name);
    } else {
      assert.deepEqual(errors, [], name);
      for (const [k, v] of Object.entries(expected)) assert.equal(input?.[k], v, `${name}: ${k}`);
    }
  }
});

test('maps customer rows: lists split on ;, empty optional columns left out, field rules from the ledger schema', () => {
  const ok = map('customers', CUSTOMER_HEADER, ['C1', '王芳', '+86 138 0013 8000; +86 10 6552 9988;', '', 'Asia/Shanghai', 'CN', 'zh-CN']);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.input, { id: 'C1', name: '王芳', phones: ['+86 138 0013 8000', '+86 10 6552 9988'], emails: [], timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' });
  assert.deepEqual(map('customers', CUSTOMER_HEADER, ['C1', 'A', '12', 'x@', 'Mars/Olympus', 'CN', 'fr']).errors, [
    'f.csv:7:3: phones: item 1: expected a phone number',
    'f.csv:7:4: emails: item 1: Invalid email address',
    'f.csv:7:5: time_zone: expected an IANA time zone such as Asia/Shanghai',
    'f.csv:7:7: language: Invalid option: expected one of "zh-CN"|"en"',
  ]);
  assert.deepEqual(map('customers', CUSTOMER_HEADER, ['C 1', 'A', '', '', 'UTC', 'CN', 'en']).errors, ['f.csv:7:1: id: letters, digits, _ . : - only']);
  assert.deepEqual(map('customers', CUSTOMER_HEADER, ['C1', 'A', '', '', 'UTC', 'CN', 'bad \uFFFD byte']).errors, ['f.csv:7:7: language: is not valid UTF-8 text']);
});

test('maps account rows: money in the row currency, whole numbers, the date order rule', () => {
  const ok = map('accounts', ACCOUNT_HEADER, ['L1', 'C1', 'CN_LOAN', '2026-01-15', 'CNY', '12000', '12']);
  assert.deepEqual(ok.errors, []);
  assert.deepEqual(ok.input, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 });
  assert.deepEqual(map('accounts', ACCOUNT_HEADER, ['L1', 'C1', 'CN_LOAN', '2026-01-15', 'CNY', '12000', '12.5']).errors, ["f.csv:7:7: term_count: expected a whole number, got '12.5'"]);
  const withDue = [...ACCOUNT_HEADER, 'first_due_on'];
  assert.deepEqual(map('accounts', withDue, ['L1', 'C1', 'CN_LOAN', '2026-01-15', 'CNY', '12000', '12', '2026-01-10']).errors, ['f.csv:7:8: first_due_on: must be after openedOn']);
});

test('a record with more or fewer fields than the header is one error at the first missing or extra column', () => {
  assert.deepEqual(map('payments', PAYMENT_HEADER, ['P1', 'L1', 'payment']).errors, ['f.csv:7:4: (record): has 3 fields; the header has 7']);
  assert.deepEqual(map('payments', PAYMENT_HEADER, [...payment({}), 'extra']).errors, ['f.csv:7:8: (record): has 8 fields; the header has 7']);
});

test('reads a header in any order and names unknown, repeated and missing columns on line 1', () => {
  assert.deepEqual(readHeader(FILE_FORMATS.payments, ['value_date', 'currency', 'amount', 'account_ref', 'ref']).errors, []);
  assert.deepEqual(readHeader(FILE_FORMATS.payments, ['ref', 'account_ref', 'Amount', 'currency', 'value_date', 'ref']).errors.map((e) => formatImportError('f.csv', e)), [
    'f.csv:1:3: Amount: unknown column; a payments file has ref, account_ref, type, amount, currency, value_date, channel',
    'f.csv:1:6: ref: column appears twice (first in column 1)',
    'f.csv:1:1: amount: required column is missing from the header',
  ]);
});

test('parseMoney converts decimal text exactly, never through a float', () => {
  assert.equal(parseMoney('0.29', 'USD'), 29);
  assert.equal(parseMoney('1.10', 'GBP'), 110);
  assert.equal(parseMoney('90071992547409.91', 'CNY'), 9007199254740991);
  assert.equal(typeof parseMoney('90071992547409.92', 'CNY'), 'string');
});

test('counts line breaks as editors do: \\r\\n, \\n and a lone \\r one each', () => {
  assert.equal(lineBreaks('a,b'), 0);
  assert.equal(lineBreaks('"12 Main St\nApt 4B\r\nBoston",x\ry\r\n'), 4);
});

test('writes reject lines with RFC 4180 quoting', () => {
  assert.equal(csvLine(['a', 'b,c', 'say "hi"', 'two\nlines', ' pad']), 'a,"b,c","say ""hi""","two\nlines"," pad"\n');
});
