import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../cli/main.ts';
import { memoryIo } from '../../cli/io.ts';
import { runCycle } from '../../jobs/cycle.ts';
import { openApp } from '../../main.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { thresholdModel } from '../../../test/support/scoring.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'fairdebt-model-register-'));
  process.env.DATA_DIR = join(dir, 'pglite');
  process.env.DATABASE_URL = '';
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

test('fairdebt model register|list|score: only an accounts-format model is put in force; list shows it; score scores the closed portfolio now', async () => {
  const uci = join(dir, 'uci.json');
  const good = join(dir, 'size.json');
  writeFileSync(uci, JSON.stringify({ ...thresholdModel('size_minor', 1_000_000, -3, 3), format: 'uci' }));
  writeFileSync(good, JSON.stringify(thresholdModel('size_minor', 1_000_000, -3, 3)));

  assert.match((await cli(['model', 'list'])).out, /no model registered/);
  assert.match((await cli(['model', 'score'])).err, /date: the daily cycle has closed no date yet/);
  const refused = await cli(['model', 'register', '--model', uci]);
  assert.equal(refused.code, 2);
  assert.match(refused.err, /model\.format/);
  assert.equal((await cli(['model', 'register'])).code, 2, '--model is required');

  const reg = await cli(['model', 'register', '--model', good, '--name', 'size', '--json']);
  assert.equal(reg.code, 0, reg.err);
  const r = JSON.parse(reg.out) as { id: number; name: string; method: string; retired: number[] };
  assert.deepEqual([r.name, r.method, r.retired], ['size', 'gbdt', []]);
  const again = JSON.parse((await cli(['model', 'register', '--model', good, '--name', 'size', '--json'])).out) as { id: number };
  assert.equal(again.id, r.id, 'registering the same file under the same name again is the same command');
  const listed = JSON.parse((await cli(['model', 'list', '--json'])).out) as Array<{ id: number; active: boolean; format: string }>;
  assert.deepEqual(listed.map((m) => [m.id, m.active, m.format]), [[r.id, true, 'accounts']]);

  const app = await openApp({ clock: fixedClock('2026-01-15T02:00:00.000Z') });
  try {
    await createCustomer(app.db, app.clock, { id: 'C1', name: '客户C1', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, { actor: 'test', idempotencyKey: 'c1' });
    await openAccount(app.db, app.clock, { ref: 'L-C1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, { actor: 'test', idempotencyKey: 'a1' });
    await runCycle(app.db, app.clock, { date: '2026-01-20' });
    await app.db.query('DELETE FROM account_scores');
  } finally {
    await app.close();
  }
  const scored = await cli(['model', 'score', '--json']);
  assert.equal(scored.code, 0, scored.err);
  assert.deepEqual(JSON.parse(scored.out), { scored: 1, model: r.id, asOf: '2026-01-20' });
});
