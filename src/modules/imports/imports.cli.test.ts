import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../cli/main.ts';
import { memoryIo } from '../../cli/io.ts';
import { scratch } from './imports.test-app.ts';
import { freshDataDir } from '../../platform/testing.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/import');
let files: ReturnType<typeof scratch>;

before(async () => {
  files = scratch();
  // The CLI opens the application from the environment: an embedded database in a fresh folder.
  process.env.DATA_DIR = await freshDataDir(join(files.dir, 'pglite'));
  process.env.DATABASE_URL = '';
});
after(() => files.remove());

test('fairdebt import reads the three example files in order and prints one summary line each', async () => {
  for (const kind of ['customers', 'accounts', 'payments']) {
    const io = memoryIo();
    assert.equal(await main(['import', kind, join(FIXTURES, `${kind}.csv`)], io), 0, io.err());
    assert.match(io.out(), new RegExp(`^.*${kind}\\.csv: \\d rows, \\d created, 0 skipped \\(exist already\\), 0 rejected\\n$`));
  }
  const io = memoryIo();
  assert.equal(await main(['import', 'payments', join(FIXTURES, 'payments.csv'), '--json'], io), 0);
  const out = JSON.parse(io.out());
  assert.deepEqual([out.ok, out.rows, out.created, out.skipped, out.errors], [true, 3, 0, 3, []]);
});

test('fairdebt import exits 2 with one FILE:LINE:COLUMN error per line on stderr and writes nothing', async () => {
  const bad = files.file('bad.csv', 'ref,account_ref,amount,currency,value_date\nX1,L0001,12.345,CNY,2026-01-15\nX2,L0001,5.00,CNY,2026-01-15\nX1,L0001,1.00,CNY,2026-01-15\n');
  const io = memoryIo();
  assert.equal(await main(['import', 'payments', bad], io), 2);
  assert.equal(io.err(), `${bad}:2:3: amount: '12.345' has 3 decimal places; CNY has 2\n${bad}:4:1: ref: duplicate ref 'X1' (first on line 2)\n`);
  assert.equal(io.out(), `${bad}: 2 errors in 3 rows; nothing was imported\n`);
  assert.equal(existsSync(join(files.dir, 'bad.rejects.csv')), false);

  const skip = memoryIo();
  assert.equal(await main(['import', 'payments', bad, '--skip-invalid'], skip), 0);
  assert.equal(skip.out(), `${bad}: 3 rows, 1 created, 0 skipped (exist already), 2 rejected (to ${join(files.dir, 'bad.rejects.csv')})\n`);
  assert.equal(readFileSync(join(files.dir, 'bad.rejects.csv'), 'utf8').split('\n')[0], 'ref,account_ref,amount,currency,value_date,error');

  const named = memoryIo();
  const rejects = join(files.dir, 'elsewhere.csv');
  assert.equal(await main(['import', 'payments', bad, '--skip-invalid', '--reject-file', rejects, '--json'], named), 0);
  assert.deepEqual([JSON.parse(named.out()).created, JSON.parse(named.out()).skipped, JSON.parse(named.out()).rejectFile], [0, 1, rejects]);
  assert.equal(readFileSync(rejects, 'utf8').split('\n').length, 4);
});

test('fairdebt import prints its usage and exits 2 for an unknown kind or a missing file name', async () => {
  for (const args of [['import', 'invoices', 'x.csv'], ['import', 'payments']]) {
    const io = memoryIo();
    assert.equal(await main(args, io), 2);
    assert.match(io.err(), /^usage: fairdebt import customers\|accounts\|payments FILE\.csv/);
  }
  const missing = memoryIo();
  assert.equal(await main(['import', 'payments', join(files.dir, 'nope.csv')], missing), 2);
  assert.match(missing.err(), /NOT_FOUND: file: no file '.*nope\.csv'/);
});

test('fairdebt import - reads the file from standard input', async () => {
  const io = memoryIo('id,name,time_zone,jurisdiction,language\nIN1,From Stdin,UTC,EU,en\n');
  assert.equal(await main(['import', 'customers', '-', '--json'], io), 0, io.err());
  const out = JSON.parse(io.out());
  assert.deepEqual([out.file, out.rows, out.created, out.rejectFile], ['stdin', 1, 1, null]);
});
