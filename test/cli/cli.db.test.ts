import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { newTarget, fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { seedingInterrupted } from '../../src/cli/demo.ts';

const REQUIRED = ['id', 'dpd', 'bucket', 'balances', 'currency'];
const BALANCES = ['principalMinor', 'interestMinor', 'penaltyMinor', 'feesMinor', 'totalMinor'];

test(`the stable CLI interface: demo seed, account list/show --json, bad input exits 2 naming the field (${TEST_ENGINE})`, { timeout: 300_000 }, async () => {
  const t = await newTarget();
  try {
    const seed = await fairdebt(['demo', 'seed', '--accounts', '60', '--seed', '5', '--today', '2026-03-01', '--json'], t.env);
    assert.equal(seed.code, 0, seed.stderr);
    assert.equal(JSON.parse(seed.stdout).accounts, 60);

    const list = await fairdebt(['account', 'list', '--json', '--limit', '7'], t.env);
    assert.equal(list.code, 0, list.stderr);
    const lines = list.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.equal(lines.length, 7);
    for (const a of lines) {
      for (const k of REQUIRED) assert.ok(k in a, `account list line has ${k}`);
      for (const k of BALANCES) assert.equal(typeof (a.balances as Record<string, unknown>)[k], 'number');
    }
    const first = lines[0]!;
    const show = await fairdebt(['account', 'show', String(first.id), '--json', '--as-of', '2026-02-01'], t.env);
    assert.equal(show.code, 0, show.stderr);
    const detail = JSON.parse(show.stdout) as Record<string, unknown>;
    for (const k of REQUIRED) assert.ok(k in detail);
    assert.equal(detail.asOf, '2026-02-01');

    const badDate = await fairdebt(['account', 'show', String(first.id), '--as-of', '2026-02-31'], t.env);
    assert.equal(badDate.code, 2);
    assert.match(badDate.stderr, /as-of: expected a date YYYY-MM-DD/);
    const unknown = await fairdebt(['account', 'show', 'NO-SUCH', '--json'], t.env);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /NOT_FOUND/);
    const badCycle = await fairdebt(['cycle', 'run', '--date', 'tomorrow'], t.env);
    assert.equal(badCycle.code, 2);
    assert.match(badCycle.stderr, /date: expected a date YYYY-MM-DD/);
    // A date that has not ended is not closed (a day under way, a mistyped year); nothing changes.
    const future = await fairdebt(['cycle', 'run', '--date', '2099-01-01'], t.env);
    assert.equal(future.code, 2);
    assert.match(future.stderr, /DATE_IN_FUTURE: date: 2099-01-01 has not ended yet \(today is \d{4}-\d{2}-\d{2} in Asia\/Shanghai, --time-zone\)/);
    const badZone = await fairdebt(['cycle', 'run', '--date', '2026-03-05', '--time-zone', 'Mars/Base'], t.env);
    assert.equal(badZone.code, 2);
    assert.match(badZone.stderr, /time-zone: expected an IANA time zone such as Asia\/Shanghai, got 'Mars\/Base'/);
    const stray = await fairdebt(['cycle', 'run', '--date', '2026-03-05', 'extra'], t.env);
    assert.equal(stray.code, 2);
    assert.match(stray.stderr, /VALIDATION_FAILED: arguments: Unexpected argument 'extra'/);
    const after = await fairdebt(['account', 'list', '--json', '--limit', '1'], t.env);
    assert.equal((JSON.parse(after.stdout.trim()) as { asOf: string }).asOf, first.asOf, 'still closed through the seed');
    const badSeed = await fairdebt(['demo', 'seed', '--accounts', 'many'], t.env);
    assert.equal(badSeed.code, 2);
    assert.match(badSeed.stderr, /accounts: expected a whole number/);
  } finally {
    await t.dispose();
  }
});

test('a second process gets a clear error instead of opening a PGlite directory in use', { skip: TEST_ENGINE === 'pg', timeout: 120_000 }, async () => {
  const t = await newTarget();
  const server = spawn(process.execPath, ['bin/fairdebt.mjs', 'serve'], { env: { ...process.env, ...t.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      server.stdout.on('data', (d: Buffer) => d.toString().includes('running at') && resolve());
      server.on('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const second = await fairdebt(['account', 'list'], t.env);
    assert.equal(second.code, 2);
    assert.match(second.stderr, /DATABASE_LOCKED: the data directory .* is in use by process \d+/);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.on('close', r));
    await t.dispose();
  }
});

test(`a demo seed killed half-way is known as such, and a finished one is not (${TEST_ENGINE})`, { timeout: 300_000 }, async () => {
  const t = await newTarget();
  try {
    // Killed by SIGKILL at the fifth business day of the simulated history: accounts without their history.
    const killed = await fairdebt(['demo', 'seed', '--accounts', '30', '--seed', '5', '--today', '2026-03-01', '--json'], { ...t.env, FAIRDEBT_FAULT: 'cycle.date.start:5' });
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    const db = await t.open();
    try {
      assert.ok((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts'))[0]!.n > 0, 'the accounts were made before the kill');
      assert.equal(await seedingInterrupted(db), true);
    } finally {
      await db.close();
    }
    const again = await fairdebt(['demo', 'seed', '--accounts', '30', '--seed', '5', '--today', '2026-03-01'], t.env);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already holds \d+ accounts/);
    if (TEST_ENGINE === 'pg') {
      // On a server the demo does not drop what it finds; it says what to do (embedded, it seeds its own directory again).
      const start = await fairdebt(['demo', 'start'], { ...t.env, PORT: '0' });
      assert.notEqual(start.code, 0);
      assert.match(start.stderr, /demo seeding into this database was interrupted/);
    }
  } finally {
    await t.dispose();
  }
  const fresh = await newTarget();
  try {
    const done = await fairdebt(['demo', 'seed', '--accounts', '30', '--seed', '5', '--today', '2026-03-01', '--json'], fresh.env);
    assert.equal(done.code, 0, done.stderr);
    const db = await fresh.open();
    try {
      assert.equal(await seedingInterrupted(db), false, 'a finished seed leaves no mark');
    } finally {
      await db.close();
    }
  } finally {
    await fresh.dispose();
  }
});

test(`a port in use: serve says so naming PORT, exits 2 at once and leaves the database free (${TEST_ENGINE})`, { timeout: 120_000 }, async () => {
  const t = await newTarget();
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const port = (taken.address() as AddressInfo).port;
  try {
    const serve = await fairdebt(['serve'], { ...t.env, PORT: String(port) });
    assert.equal(serve.code, 2, serve.stderr);
    assert.match(serve.stderr, new RegExp(`VALIDATION_FAILED: PORT: port ${port} on 127\\.0\\.0\\.1 is in use by another process`));
    // Nothing left holding the database (PGlite: the lock file is gone; the next command opens it).
    const list = await fairdebt(['account', 'list', '--json'], t.env);
    assert.equal(list.code, 0, list.stderr);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
    await t.dispose();
  }
});
