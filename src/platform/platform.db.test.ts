import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb, TEST_ENGINE } from './testing.ts';
import { openDb } from './db.ts';
import { runCommand } from './commands.ts';
import { fixedClock } from './clock.ts';
import { verifyAuditChain } from './audit-chain.ts';
import { AppError } from './errors.ts';

const clock = fixedClock('2026-05-01T10:00:00.000Z');

test(`int8, numeric, date and timestamptz come back the same way on ${TEST_ENGINE}`, async () => {
  const db = await openTestDb();
  try {
    const [r] = await db.query<Record<string, unknown>>(
      "SELECT 9007199254740991::int8 AS big, 12.50::numeric AS num, DATE '2026-02-28' AS d, TIMESTAMPTZ '2026-05-01 18:00:00+08' AS ts, 5::int AS i",
    );
    assert.deepEqual(r, { big: 9007199254740991, num: '12.50', d: '2026-02-28', ts: '2026-05-01T10:00:00.000Z', i: 5 });
    await assert.rejects(db.query('SELECT 9007199254740993::int8 AS x'), /beyond the safe integer range/);
  } finally {
    await db.close();
  }
});

test('a transaction that throws leaves nothing behind', async () => {
  const db = await openTestDb();
  try {
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO settings (key, value) VALUES ('x', '1')");
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal((await db.query("SELECT * FROM settings WHERE key = 'x'")).length, 0);
  } finally {
    await db.close();
  }
});

test('statements for the start of a transaction run inside it, and are refused when joining a running one', async () => {
  const db = await openTestDb();
  try {
    const inside = await db.transaction(
      async (tx) => (await tx.query<{ v: string; ro: string }>("SELECT current_setting('fairdebt.probe', true) AS v, current_setting('transaction_read_only') AS ro"))[0],
      { begin: "SET TRANSACTION READ ONLY; SELECT set_config('fairdebt.probe', 'x', true)" },
    );
    assert.deepEqual(inside, { v: 'x', ro: 'on' });
    // Local to that transaction: the next one on the same pool sees neither.
    const [after] = await db.query<{ v: string | null; ro: string }>("SELECT nullif(current_setting('fairdebt.probe', true), '') AS v, current_setting('transaction_read_only') AS ro");
    assert.deepEqual(after, { v: null, ro: 'off' });
    await assert.rejects(
      db.transaction((tx) => tx.transaction(async () => 1, { begin: 'SET TRANSACTION READ ONLY' })),
      (e: unknown) => e instanceof AppError && /already running/.test(e.message),
    );
    // A failing start statement ends the transaction; the connection is usable afterwards.
    await assert.rejects(db.transaction(async () => 1, { begin: 'SELECT no_such_function()' }), /no_such_function/);
    assert.deepEqual(await db.query<{ one: number }>('SELECT 1 AS one'), [{ one: 1 }]);
  } finally {
    await db.close();
  }
});

test(`a named lock has one holder at a time, is free again when its holder ends, and is per schema (${TEST_ENGINE})`, async () => {
  const db = await openTestDb();
  const other = TEST_ENGINE === 'pg' ? await openTestDb() : undefined;
  try {
    const busy = (e: unknown) => e instanceof AppError && e.code === 'ALREADY_RUNNING' && /the job is already running in another process/.test(e.message);
    const order: string[] = [];
    const result = await db.exclusive('the job', async () => {
      order.push('held');
      await assert.rejects(db.exclusive('the job', async () => order.push('twice')), busy);
      // Another name is not held; nor, on a server, the same name in another schema (another
      // deployment). (The test PGlite switches one instance between schemas: no second schema at once.)
      assert.equal(await db.exclusive('another job', async () => 'other name'), 'other name');
      if (other) assert.equal(await other.exclusive('the job', async () => 'other schema'), 'other schema');
      return 42;
    });
    assert.equal(result, 42);
    assert.deepEqual(order, ['held']);
    // Released when fn ends, also when it throws.
    await assert.rejects(db.exclusive('the job', async () => { throw new Error('fails inside'); }), /fails inside/);
    assert.equal(await db.exclusive('the job', async () => 'again'), 'again');
  } finally {
    await other?.close();
    await db.close();
  }
});

test('a repeated idempotency key returns the stored result and writes nothing twice', async () => {
  const db = await openTestDb();
  try {
    let runs = 0;
    const handler = async (tx: typeof db) => {
      runs++;
      await tx.query("INSERT INTO settings (key, value) VALUES ('k', 'v')");
      return { result: { ok: true, n: 1 }, audit: { type: 'SETTING_CHANGED', actor: 'test', subject: 'setting:k', data: { value: 'v' } } };
    };
    const first = await runCommand(db, clock, { command: 'setThing', idempotencyKey: 'key-1', actor: 'test', input: { a: 1 } }, handler);
    const second = await runCommand(db, clock, { command: 'setThing', idempotencyKey: 'key-1', actor: 'test', input: { a: 1 } }, handler);
    assert.equal(runs, 1);
    assert.equal(first.replayed, false);
    assert.equal(second.replayed, true);
    assert.deepEqual(second.result, first.result);
    await assert.rejects(
      runCommand(db, clock, { command: 'setThing', idempotencyKey: 'key-1', actor: 'test', input: { a: 2 } }, handler),
      (e: unknown) => e instanceof AppError && e.code === 'IDEMPOTENCY_KEY_REUSED',
    );
    assert.equal((await db.query('SELECT * FROM audit_log')).length, 1);
  } finally {
    await db.close();
  }
});

test('the audit chain verifies, and an edited row is found', async () => {
  const db = await openTestDb();
  try {
    for (let i = 0; i < 5; i++) {
      await runCommand(db, clock, { command: 'c', idempotencyKey: `k${i}`, actor: 'test', input: { i } }, async () => ({
        result: i,
        audit: { type: 'TEST', actor: 'test', subject: `s:${i}`, data: { i, text: '逾期 ✓' } },
      }));
    }
    assert.deepEqual(await verifyAuditChain(db), { ok: true, entries: 5 });
    await db.query(`UPDATE audit_log SET data = '{"i": 99}' WHERE seq = 3`);
    const v = await verifyAuditChain(db);
    assert.equal(v.ok, false);
    assert.equal(v.firstBrokenSeq, 3);
  } finally {
    await db.close();
  }
});

test('a second process cannot open a PGlite data directory in use', { skip: TEST_ENGINE === 'pg' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-lock-'));
  try {
    const first = await openDb({ dataDir: dir });
    await assert.rejects(openDb({ dataDir: dir }), (e: unknown) => e instanceof AppError && e.code === 'DATABASE_LOCKED');
    await first.close();
    const again = await openDb({ dataDir: dir });
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('server options in a PostgreSQL URL are kept beside the schema and time zone the project sets', { skip: TEST_ENGINE !== 'pg' }, async () => {
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.searchParams.set('options', '-c statement_timeout=12345 -c application_name=fairdebt-options-test');
  const db = await openDb({ databaseUrl: url.toString(), schema: 'pg_catalog' });
  try {
    const [r] = await db.query<{ st: string; app: string; sp: string; tz: string }>(
      "SELECT current_setting('statement_timeout') AS st, current_setting('application_name') AS app, current_setting('search_path') AS sp, current_setting('TimeZone') AS tz",
    );
    assert.deepEqual(r, { st: '12345ms', app: 'fairdebt-options-test', sp: 'pg_catalog', tz: 'UTC' });
  } finally {
    await db.close();
  }
});
