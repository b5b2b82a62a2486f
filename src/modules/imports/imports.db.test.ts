import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { verifyAuditChain } from '../audit/index.ts';
import type { App } from '../../main.ts';
import { formatImportError, runImport, type ImportKind, type ImportReport } from './index.ts';
import { scratch, tableCounts, testApp } from './imports.test-app.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/import');

let app: App;
let files: ReturnType<typeof scratch>;

before(async () => {
  app = await testApp();
  files = scratch();
  for (const kind of ['customers', 'accounts', 'payments'] as const) {
    const r = await runImport(app, { kind, file: join(FIXTURES, `${kind}.csv`), fileName: `${kind}.csv`, actor: 'test' });
    assert.equal(r.ok, true, `${kind}: ${r.errors.map((e) => formatImportError(r.file, e)).join('\n')}`);
  }
});
after(async () => {
  await app.close();
  files.remove();
});

async function importText(kind: ImportKind, name: string, text: string, o: { skipInvalid?: boolean } = {}): Promise<ImportReport> {
  return runImport(app, { kind, file: files.file(name, text), fileName: name, actor: 'test', ...o });
}

const messages = (r: ImportReport) => r.errors.map((e) => formatImportError(r.file, e));

async function expectRejected(kind: ImportKind, name: string, text: string, expected: string[]): Promise<void> {
  const before = await tableCounts(app);
  const r = await importText(kind, name, text);
  assert.equal(r.ok, false);
  assert.deepEqual(messages(r), expected);
  assert.equal(r.errorCount, expected.length);
  assert.deepEqual(await tableCounts(app), before, 'a file with errors must leave the database unchanged');
  assert.equal(existsSync(join(files.dir, name.replace('.csv', '.rejects.csv'))), false, 'no reject file without skipInvalid');
}

test('the example files import in order: customers, then accounts naming them, then payments naming those', async () => {
  const [c] = await app.db.query<{ name: string; phones: string[]; address: string }>("SELECT name, phones, address FROM customers WHERE id = 'C0002'");
  assert.deepEqual(c, { name: 'Smith, Jane', phones: ['+1 212 555 0100'], address: '12 Main St\nApt 4B\nBoston MA 02108' });
  const accounts = await app.db.query<{ ref: string; currency: string; principal_minor: number | null; credit_limit_minor: number | null }>('SELECT ref, currency, principal_minor, credit_limit_minor FROM accounts ORDER BY ref');
  assert.deepEqual(accounts.map((a) => [a.ref, a.currency, a.principal_minor, a.credit_limit_minor]), [
    ['L0001', 'CNY', 1_200_000, null], ['L0002', 'CNY', 500_000, null], ['R0001', 'CNY', null, 2_000_000], ['R0002', 'USD', null, 500_050],
  ]);
  const txs = await app.db.query<{ ref: string; type: string; amount_minor: number; status: string }>("SELECT ref, type, amount_minor, status FROM transactions WHERE type <> 'disbursement' ORDER BY ref");
  assert.deepEqual(txs.map((t) => [t.ref, t.type, t.amount_minor, t.status]), [
    ['DRAW-0001', 'drawdown', 300_000, 'pending'], ['PAY-0001', 'payment', 103_450, 'pending'], ['PAY-0002', 'payment', 2_500, 'pending'],
  ]);
});

test('importing the same files again creates nothing twice, and each import leaves one audit entry', async () => {
  const before = await tableCounts(app);
  for (const kind of ['customers', 'accounts', 'payments'] as const) {
    const r = await runImport(app, { kind, file: join(FIXTURES, `${kind}.csv`), fileName: `${kind}.csv`, actor: 'test' });
    assert.equal(r.ok, true);
    assert.equal(r.created, 0, kind);
    assert.equal(r.skipped, r.rows, kind);
  }
  const afterCounts = await tableCounts(app);
  assert.deepEqual({ ...afterCounts, audit_log: 0 }, { ...before, audit_log: 0 });
  assert.equal(afterCounts.audit_log, before.audit_log! + 3);
  const audit = await app.db.query<{ type: string; subject: string; data: { kind: string; created: number; skipped: number; rows: number } }>("SELECT type, subject, data FROM audit_log WHERE type = 'IMPORT_APPLIED' ORDER BY seq");
  assert.deepEqual(audit.map((a) => [a.data.kind, a.data.rows, a.data.created, a.data.skipped]), [
    ['customers', 3, 3, 0], ['accounts', 4, 4, 0], ['payments', 3, 3, 0], ['customers', 3, 0, 3], ['accounts', 4, 0, 4], ['payments', 3, 0, 3],
  ]);
  assert.match(audit[0]!.subject, /^import:customers:[0-9a-f]{64}$/);
  assert.equal((await verifyAuditChain(app.db)).ok, true);
});

test('rejects a customers file with a bad time zone and a repeated id, reporting the lines after a quoted value with a comma and line breaks', async () => {
  await expectRejected('customers', 'customers-bad.csv', [
    'id,name,address,time_zone,jurisdiction,language',
    'N1,"Doe, John","1 High St',
    'Flat 2, Leeds",Europe/London,UK,en',
    'N2,Ann,,Europe/Londres,UK,en',
    'N3,Bo,"""The Mill""",UTC,EU,en',
    'N1,John again,,Europe/London,UK,en',
    '',
    'N4,Cy,,Asia/Shanghai,CN,',
  ].join('\n'), [
    'customers-bad.csv:4:4: time_zone: expected an IANA time zone such as Asia/Shanghai',
    "customers-bad.csv:6:1: id: duplicate id 'N1' (first on line 2)",
    'customers-bad.csv:8:6: language: required',
  ]);
});

test('keeps line numbers right in a file with Windows line ends and a byte order mark', async () => {
  await expectRejected('customers', 'customers-crlf.csv', '\uFEFFid,name,address,time_zone,jurisdiction,language\r\nW1,"Doe, J","a\r\nb\r\nc",UTC,EU,en\r\nW2,X,,Nowhere,EU,en\r\n', [
    'customers-crlf.csv:5:4: time_zone: expected an IANA time zone such as Asia/Shanghai',
  ]);
});

test('rejects an accounts file with an unknown product, a bad date, too many decimals, a wrong currency and unknown customers', async () => {
  await expectRejected('accounts', 'accounts-bad.csv', [
    'ref,customer_id,product_code,opened_on,currency,credit_limit,principal,term_count',
    'A1,C0001,CN_GOLD,2026-01-15,CNY,,1000.00,12',
    'A2,C0001,CN_LOAN,2026-02-30,CNY,,1000.00,12',
    'A3,C0001,CN_LOAN,2026-01-15,CNY,,1000.005,12',
    'A4,C0001,CN_LOAN,2026-01-15,USD,,1000.00,12',
    'A5,NOBODY,CN_LOAN,2026-01-15,CNY,,1000.00,36',
    'A6,C0001,CN_LINE,2026-01-15,CNY,,1000.00,',
    'A7,C0003,CN_LOAN,2026-01-15,CNY,,1000.00,12',
  ].join('\n'), [
    "accounts-bad.csv:2:3: product_code: unknown product 'CN_GOLD'",
    'accounts-bad.csv:3:4: opened_on: expected a date YYYY-MM-DD',
    "accounts-bad.csv:4:7: principal: '1000.005' has 3 decimal places; CNY has 2",
    'accounts-bad.csv:5:5: currency: the product CN_LOAN is in CNY, not USD',
    "accounts-bad.csv:6:2: customer_id: unknown customer 'NOBODY'",
    'accounts-bad.csv:6:8: term_count: at most 24 for CN_LOAN',
    'accounts-bad.csv:7:6: credit_limit: required for a revolving line',
    'accounts-bad.csv:7:7: principal: only for an instalment loan',
  ]);
});

test('rejects a payments file with a negative amount, a repeated ref, an unknown account and dates the account cannot take', async () => {
  await expectRejected('payments', 'payments-bad.csv', [
    'ref,account_ref,amount,currency,value_date',
    'Q1,L0001,-10.00,CNY,2026-01-15',
    'Q2,L0001,10.00,CNY,2026-01-15',
    'Q2,L0002,10.00,CNY,2026-01-20',
    'Q3,L9999,10.00,CNY,2026-01-15',
    'Q4,L0001,10.00,USD,2026-01-14',
    'Q5,L0001,10.00,CNY,2026-01-16',
    'Q6,L0001,10,CNY,15/01/2026',
  ].join('\n'), [
    'payments-bad.csv:2:3: amount: must be greater than 0',
    "payments-bad.csv:4:1: ref: duplicate ref 'Q2' (first on line 3)",
    "payments-bad.csv:5:2: account_ref: no account 'L9999'",
    'payments-bad.csv:6:4: currency: the account is in CNY',
    'payments-bad.csv:6:5: value_date: before the account was opened (2026-01-15)',
    'payments-bad.csv:7:5: value_date: after the open business date 2026-01-15',
    'payments-bad.csv:8:5: value_date: expected a date YYYY-MM-DD',
  ]);
});

test('rejects a file whose header has an unknown column, and one without a required column, at line 1', async () => {
  await expectRejected('payments', 'payments-header.csv', 'ref,account_ref,amount,currency,value_date,memo\nQ9,L0001,1.00,CNY,2026-01-15,hello\n', [
    'payments-header.csv:1:6: memo: unknown column; a payments file has ref, account_ref, type, amount, currency, value_date, channel',
  ]);
  await expectRejected('payments', 'payments-missing.csv', 'ref,account_ref,amount,value_date\nQ9,L0001,1.00,2026-01-15\n', [
    'payments-missing.csv:1:1: currency: required column is missing from the header',
  ]);
  await expectRejected('payments', 'payments-empty.csv', '', ['payments-empty.csv:1:1: (header): the file is empty; expected a header row']);
});

test('rejects a file with an unclosed quote: the rows before it are reported, nothing after it is trusted', async () => {
  await expectRejected('payments', 'payments-quote.csv', 'ref,account_ref,amount,currency,value_date\nQ1,L0001,x,CNY,2026-01-15\nQ2,"L0001,1.00,CNY,2026-01-15\nQ3,L0001,1.00,CNY,2026-01-15\n', [
    "payments-quote.csv:2:3: amount: expected an amount in major units such as 1234.50 (digits and one decimal point, no thousands separators), got 'x'",
    'payments-quote.csv:3:2: (record): a quoted value is not closed before the end of the file; the rest of the file cannot be read',
  ]);
  const r = await importText('payments', 'payments-quote2.csv', 'ref,account_ref,amount,currency,value_date\nQ2,"L0001,1.00,CNY,2026-01-15\n', { skipInvalid: true });
  assert.equal(r.ok, false, 'an unreadable file is not imported even with skipInvalid');
});

test('with skipInvalid the valid rows are written and the invalid ones go to the reject file with their errors', async () => {
  const before = await tableCounts(app);
  const text = [
    'ref,account_ref,amount,currency,value_date,channel',
    'S1,L0002,100.00,CNY,2026-01-20,"branch, counter"',
    'S2,L0002,1.001,CNY,2026-01-20,app',
    'S3,L0002,"50.00",CNY,2026-01-20,app',
    'S4,NOPE,5.00,CNY,2026-01-20,"multi',
    'line"',
    'S1,L0002,100.00,CNY,2026-01-20,again',
  ].join('\n');
  const r = await importText('payments', 'payments-mixed.csv', text, { skipInvalid: true });
  assert.equal(r.ok, true);
  assert.deepEqual({ rows: r.rows, created: r.created, skipped: r.skipped, rejected: r.rejected, errorCount: r.errorCount }, { rows: 5, created: 2, skipped: 0, rejected: 3, errorCount: 3 });
  assert.equal(r.rejectFile, join(files.dir, 'payments-mixed.rejects.csv'));
  assert.equal(readFileSync(r.rejectFile, 'utf8'), [
    'ref,account_ref,amount,currency,value_date,channel,error',
    "S2,L0002,1.001,CNY,2026-01-20,app,payments-mixed.csv:3:3: amount: '1.001' has 3 decimal places; CNY has 2",
    'S4,NOPE,5.00,CNY,2026-01-20,"multi\nline",payments-mixed.csv:5:2: account_ref: no account \'NOPE\'',
    "S1,L0002,100.00,CNY,2026-01-20,again,payments-mixed.csv:7:1: ref: duplicate ref 'S1' (first on line 2)",
    '',
  ].join('\n'));
  const afterCounts = await tableCounts(app);
  assert.equal(afterCounts.transactions, before.transactions! + 2);
  assert.equal(afterCounts.audit_log, before.audit_log! + 1);
  const again = await importText('payments', 'payments-mixed.csv', text, { skipInvalid: true });
  assert.deepEqual({ created: again.created, skipped: again.skipped, rejected: again.rejected }, { created: 0, skipped: 2, rejected: 3 });
});

test('reports the first 1,000 errors in full and counts all of them', async () => {
  const lines = ['ref,account_ref,amount,currency,value_date'];
  for (let i = 0; i < 1_200; i++) lines.push(`M${i},L0001,-1,CNY,2026-01-15`);
  const before = await tableCounts(app);
  const r = await importText('payments', 'payments-many.csv', lines.join('\n'));
  assert.equal(r.ok, false);
  assert.equal(r.errorCount, 1_200);
  assert.equal(r.errors.length, 1_000);
  assert.equal(formatImportError(r.file, r.errors.at(-1)!), 'payments-many.csv:1001:3: amount: must be greater than 0');
  assert.deepEqual(await tableCounts(app), before);
});

test('arbitrary garbage lines only ever come back as reported row errors, and a file with errors writes nothing', async () => {
  const token = fc.constantFrom('a', 'Z', '1', '0', '.', '-', ',', ',', '"', '""', '\n', '\r\n', '\r', ' ', ';', '\uFEFF', 'é', '中', 'L0001', 'CNY', 'USD', '2026-01-15', '99.999', '\u0000');
  const garbage = fc.array(token, { maxLength: 80 }).map((t) => t.join(''));
  let n = 0;
  await fc.assert(
    fc.asyncProperty(garbage, fc.boolean(), async (body, withHeader) => {
      const text = (withHeader ? 'ref,account_ref,amount,currency,value_date\n' : '') + body;
      const lineCount = text.split(/\r\n|\n|\r/).length;
      const before = await tableCounts(app);
      const r = await importText('payments', `garbage-${n++}.csv`, text);
      for (const e of r.errors) {
        assert.ok(e.line >= 1 && e.line <= lineCount, `line ${e.line} of ${lineCount}`);
        assert.ok(e.column >= 1, `column ${e.column}`);
      }
      const afterCounts = await tableCounts(app);
      if (!r.ok) {
        assert.ok(r.errorCount > 0);
        assert.deepEqual(afterCounts, before);
      } else {
        assert.equal(r.errorCount, 0);
        assert.equal(afterCounts.transactions, before.transactions! + r.created);
      }
    }),
    { numRuns: 60 },
  );
});
