/**
 * `fairdebt db dump` / `fairdebt db restore`, as an operator runs them: seed, dump, change, restore,
 * and the database is back to the dumped state (ledger and delinquency state hash, audit chain and
 * its head) — on PGlite (the data directory) and on PostgreSQL (pg_dump / pg_restore of the schema).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newTarget, fairdebt, stateHash, type Target } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { verifyAuditChain } from '../../src/platform/audit-chain.ts';

interface Snapshot {
  state: string;
  audit: { ok: boolean; entries: number };
  head: unknown;
  counts: unknown;
}

async function snapshot(t: Target): Promise<Snapshot> {
  const db = await t.open();
  try {
    const v = await verifyAuditChain(db);
    return {
      state: await stateHash(db),
      audit: { ok: v.ok, entries: v.entries },
      head: await db.query('SELECT seq, hash FROM audit_head'),
      counts: await db.query(`SELECT (SELECT count(*) FROM entries)::int AS entries, (SELECT count(*) FROM accounts)::int AS accounts,
                                     (SELECT count(*) FROM cycle_runs)::int AS runs, (SELECT count(*) FROM contacts_outbox)::int AS outbox`),
    };
  } finally {
    await db.close();
  }
}

test(`db dump, a change, db restore: the database is back to the dumped state (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const t = await newTarget();
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-backup-'));
  try {
    const seed = await fairdebt(['demo', 'seed', '--accounts', '30', '--seed', '11', '--today', '2026-03-01', '--json'], t.env);
    assert.equal(seed.code, 0, seed.stderr);
    const dumped = await snapshot(t);
    assert.equal(dumped.audit.ok, true);
    assert.ok(dumped.audit.entries > 0, 'the seed wrote audit entries');

    const file = join(dir, TEST_ENGINE === 'pg' ? 'fairdebt.dump' : 'fairdebt.tar.gz');
    const dump = await fairdebt(['db', 'dump', '--out', file, '--json'], t.env);
    assert.equal(dump.code, 0, dump.stderr);
    const report = JSON.parse(dump.stdout) as { engine: string; file: string; bytes: number };
    assert.deepEqual([report.engine, report.file], [TEST_ENGINE, file]);
    assert.equal(report.bytes, statSync(file).size);
    assert.ok(!existsSync(`${file}.partial`));

    // A change after the dump: two more business days (interest, buckets, audit entries).
    const cycle = await fairdebt(['cycle', 'run', '--date', '2026-03-03'], t.env);
    assert.equal(cycle.code, 0, cycle.stderr);
    const changed = await snapshot(t);
    assert.notEqual(changed.state, dumped.state, 'the cycle changed the state');
    assert.notDeepEqual(changed.counts, dumped.counts);

    const restore = await fairdebt(['db', 'restore', '--from', file, '--json'], t.env);
    assert.equal(restore.code, 0, restore.stderr);
    const restored = await snapshot(t);
    assert.deepEqual(restored, dumped, 'state hash, audit chain, head and counts are those of the dump');

    if (TEST_ENGINE === 'pglite') {
      const previous = (JSON.parse(restore.stdout) as { previous: string }).previous;
      assert.ok(previous && existsSync(join(previous, 'PG_VERSION')), 'the replaced data is kept beside the data directory');
      rmSync(previous, { recursive: true, force: true });
    }
    // The restored database works: the cycle runs on it again.
    const again = await fairdebt(['cycle', 'run', '--date', '2026-03-03'], t.env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((await snapshot(t)).state, changed.state, 'rerunning the same days from the dump gives the same state');

    // Bad input: exit 2 naming the field, nothing changed.
    const before = await snapshot(t);
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, 'not a dump');
    const bad = await fairdebt(['db', 'restore', '--from', junk], t.env);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /from: junk\.bin is not a/);
    const missing = await fairdebt(['db', 'restore', '--from', join(dir, 'nope.tar.gz')], t.env);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /from: no such file/);
    const noOut = await fairdebt(['db', 'dump'], t.env);
    assert.equal(noOut.code, 2);
    assert.match(noOut.stderr, /out: required/);
    assert.deepEqual(await snapshot(t), before);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.dispose();
  }
});
