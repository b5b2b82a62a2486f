import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../cli/main.ts';
import { memoryIo } from '../../cli/io.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { openApp } from '../../main.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { ACCOUNT_COLUMNS } from './accounts.queries.ts';
import { freshDataDir } from '../../platform/testing.ts';

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fairdebt-model-features-'));
  // The CLI opens the application from the environment: an embedded database in a fresh folder.
  process.env.DATA_DIR = await freshDataDir(join(dir, 'pglite'));
  process.env.DATABASE_URL = '';
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

test('fairdebt model features: writes the accounts as of a date in the accounts format; refuses an open window and missing options', async () => {
  const none = await cli(['model', 'features', '--as-of', '2026-01-20', '--out', join(dir, 'x.csv')]);
  assert.equal(none.code, 2);
  assert.match(none.err, /as-of: the window 2026-01-20 \+ 30 days ends 2026-02-19, after the last closed business date \(none\)/);

  const app = await openApp({ clock: fixedClock('2026-01-15T02:00:00.000Z') });
  try {
    let k = 0;
    const o = () => ({ actor: 'test', idempotencyKey: `setup-${++k}` });
    for (const id of ['C1', 'C2']) {
      await createCustomer(app.db, app.clock, { id, name: `客户${id}`, timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, o());
      await openAccount(app.db, app.clock, { ref: `L-${id}`, customerId: id, productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, o());
    }
    await runCycle(app.db, app.clock, { date: '2026-02-20' });
  } finally {
    await app.close();
  }
  const out = join(dir, 'accounts.csv');
  const r = await cli(['model', 'features', '--as-of', '2026-01-20', '--horizon', '30', '--out', out, '--json']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), { asOf: '2026-01-20', horizonDays: 30, rows: 2, bads: 0, out });
  const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
  assert.equal(lines[0], ACCOUNT_COLUMNS.join(','));
  assert.equal(lines.length, 3);

  assert.match((await cli(['model', 'features', '--out', out])).err, /as-of: required/);
  assert.match((await cli(['model', 'features', '--as-of', '2026-01-20', '--horizon', 'ten', '--out', out])).err, /horizon: expected a whole number/);
});
