import assert from 'node:assert/strict';
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { runImport, BATCH_SIZE_ROWS } from './index.ts';
import { scratch, testApp } from './imports.test-app.ts';

/**
 * Rows in the generated payments file: eight of the importer's chunks, so the file is read, checked
 * and written chunk by chunk rather than at once. A million rows works the same way, only slower.
 */
const PAYMENT_ROWS = 8 * BATCH_SIZE_ROWS;
const ACCOUNTS = 1_000;

async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  for (let i = 0; i < count; i++) {
    if (!out.write(`${line(i)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

test(`streams a ${PAYMENT_ROWS.toLocaleString('en')}-row payments file written to disk and records every row once`, async (t) => {
  const app = await testApp();
  const files = scratch();
  try {
    const customers = join(files.dir, 'customers.csv');
    await writeLines(customers, 'id,name,time_zone,jurisdiction,language', ACCOUNTS, (i) => `S${i},Customer ${i},Asia/Shanghai,CN,zh-CN`);
    const accounts = join(files.dir, 'accounts.csv');
    await writeLines(accounts, 'ref,customer_id,product_code,opened_on,currency,credit_limit', ACCOUNTS, (i) => `R${i},S${i},CN_LINE,2026-01-10,CNY,50000.00`);
    for (const [kind, file] of [['customers', customers], ['accounts', accounts]] as const) {
      const r = await runImport(app, { kind, file, actor: 'test' });
      assert.equal(r.created, ACCOUNTS, kind);
    }
    const payments = join(files.dir, 'payments.csv');
    await writeLines(payments, 'ref,account_ref,amount,currency,value_date,channel', PAYMENT_ROWS, (i) => `P${i},R${i % ACCOUNTS},${(i % 997) + 1}.${String(i % 100).padStart(2, '0')},CNY,2026-01-10,bank`);
    const started = process.hrtime.bigint();
    const r = await runImport(app, { kind: 'payments', file: payments, actor: 'test' });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    assert.equal(r.ok, true);
    assert.equal(r.errorCount, 0);
    assert.equal(r.rows, PAYMENT_ROWS, 'every data line of the file was read');
    assert.equal(r.created, PAYMENT_ROWS);
    const [row] = await app.db.query<{ n: number; total: number }>("SELECT count(*)::int AS n, sum(amount_minor)::bigint AS total FROM transactions WHERE type = 'payment'");
    assert.equal(row!.n, PAYMENT_ROWS);
    let expected = 0;
    for (let i = 0; i < PAYMENT_ROWS; i++) expected += ((i % 997) + 1) * 100 + (i % 100);
    assert.equal(row!.total, expected, 'amounts converted exactly');
    t.diagnostic(`${app.db.engine}: ${PAYMENT_ROWS} rows (${(statSync(payments).size / 1e6).toFixed(1)} MB) in ${seconds.toFixed(1)} s, ${Math.round(PAYMENT_ROWS / seconds)} rows/s, heap ${Math.round(process.memoryUsage().heapUsed / 1e6)} MB`);
  } finally {
    await app.close();
    files.remove();
  }
});
