import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, hooks, type Scenario } from '../support/scenario.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { run as auditCli } from '../../src/cli/audit.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import type { App } from '../../src/main.ts';

const appOf = (s: Scenario) => async (): Promise<App> => ({ config: loadConfig({}), db: s.db, clock: fixedClock('2026-03-01T00:00:00.000Z'), hooks, close: async () => undefined });

async function verify(s: Scenario): Promise<{ code: number; out: { ok: boolean; entries: number; firstBrokenSeq: number | null; reason: string | null; kind: string | null } }> {
  const io = memoryIo();
  const code = await auditCli(['verify', '--json'], io, appOf(s));
  return { code, out: JSON.parse(io.out()) };
}

type Row = { seq: number; at: string; type: string; actor: string; subject: string; data: unknown; command_key: string | null; prev_hash: string; hash: string };
async function rowAt(s: Scenario, seq: number): Promise<Row> {
  const [r] = await s.db.query<Row>('SELECT seq, at, type, actor, subject, data, command_key, prev_hash, hash FROM audit_log WHERE seq = $1', [seq]);
  return r!;
}
async function putBack(s: Scenario, r: Row): Promise<void> {
  await s.db.query('DELETE FROM audit_log WHERE seq = $1', [r.seq]);
  await s.db.query('INSERT INTO audit_log (seq, at, type, actor, subject, data, command_key, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)', [r.seq, r.at, r.type, r.actor, r.subject, JSON.stringify(r.data), r.command_key, r.prev_hash, r.hash]);
}

test(`fairdebt audit verify: exit 0 on an intact chain; an edited, deleted or reordered row and a cut tail exit 1 naming the seq and what happened; an anchor taken earlier catches a tail cut off with its head (${TEST_ENGINE})`, async () => {
  const s = await scenario();
  try {
    for (const ref of ['A1', 'A2', 'A3']) await s.loan(ref, { principalMinor: 300_000, termCount: 3, openedOn: '2026-01-15' });
    await s.closeThrough('2026-01-20');
    await s.pay('A1', 50_000, '2026-01-20');
    const intact = await verify(s);
    assert.equal(intact.code, 0);
    assert.equal(intact.out.ok, true);
    const n = intact.out.entries;
    assert.ok(n >= 7, `entries: ${n}`);
    const text = memoryIo();
    assert.equal(await auditCli(['verify'], text, appOf(s)), 0);
    assert.match(text.out(), new RegExp(`audit chain intact: ${n} entries`));

    // UPDATE: the data of entry 3 is changed.
    const three = await rowAt(s, 3);
    await s.db.query(`UPDATE audit_log SET data = '{"count": 99}' WHERE seq = 3`);
    const edited = await verify(s);
    assert.deepEqual([edited.code, edited.out.ok, edited.out.firstBrokenSeq, edited.out.kind], [1, false, 3, 'edited']);
    assert.match(edited.out.reason!, /entry 3 was edited/);
    await putBack(s, three);
    assert.equal((await verify(s)).code, 0, 'restored');

    // DELETE: entry 4 is gone.
    const four = await rowAt(s, 4);
    await s.db.query('DELETE FROM audit_log WHERE seq = 4');
    const deleted = await verify(s);
    assert.deepEqual([deleted.code, deleted.out.firstBrokenSeq, deleted.out.kind], [1, 4, 'deleted']);
    assert.match(deleted.out.reason!, /entry 4 is missing/);
    // … and the rows after it renumbered to close the gap.
    const after = (await s.db.query<{ seq: number }>('SELECT seq FROM audit_log WHERE seq > 4 ORDER BY seq')).map((r) => r.seq);
    const saved = await Promise.all(after.map((q) => rowAt(s, q)));
    for (const q of after) await s.db.query('UPDATE audit_log SET seq = $1 WHERE seq = $2', [q - 1, q]);
    const closed = await verify(s);
    assert.deepEqual([closed.code, closed.out.firstBrokenSeq, closed.out.kind], [1, 4, 'deleted']);
    for (const q of after) await s.db.query('DELETE FROM audit_log WHERE seq = $1', [q - 1]);
    for (const r of saved) await putBack(s, r);
    await putBack(s, four);
    assert.equal((await verify(s)).code, 0, 'restored');

    // Reorder: entries 3 and 5 swap places (seq), each keeping its content and hash.
    await s.db.query('UPDATE audit_log SET seq = -1 WHERE seq = 3');
    await s.db.query('UPDATE audit_log SET seq = 3 WHERE seq = 5');
    await s.db.query('UPDATE audit_log SET seq = 5 WHERE seq = -1');
    const swapped = await verify(s);
    assert.deepEqual([swapped.code, swapped.out.firstBrokenSeq, swapped.out.kind], [1, 3, 'reordered']);
    assert.match(swapped.out.reason!, /entry 3 was moved: it was written after entry 4/);
    await s.db.query('UPDATE audit_log SET seq = -1 WHERE seq = 3');
    await s.db.query('UPDATE audit_log SET seq = 3 WHERE seq = 5');
    await s.db.query('UPDATE audit_log SET seq = 5 WHERE seq = -1');
    assert.equal((await verify(s)).code, 0, 'restored');

    // An anchor taken now (the head) verifies; after the last entry is cut off and the head set back to
    // the one before, the chain verifies on its own but the anchor is gone.
    const [head] = await s.db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head');
    const anchored = memoryIo();
    assert.equal(await auditCli(['verify', '--anchor', `${head!.seq}:${head!.hash}`, '--json'], anchored, appOf(s)), 0);
    assert.equal(JSON.parse(anchored.out()).anchor.matches, true);
    const last = await rowAt(s, n);
    await s.db.query('DELETE FROM audit_log WHERE seq = $1', [n]);
    await s.db.query('UPDATE audit_head SET seq = $1, hash = $2', [n - 1, last.prev_hash]);
    assert.equal((await verify(s)).code, 0, 'cut back with its head, the chain verifies on its own');
    const lost = memoryIo();
    assert.equal(await auditCli(['verify', '--anchor', `${head!.seq}:${head!.hash}`], lost, appOf(s)), 1);
    assert.match(lost.out(), new RegExp(`anchor ${n}: NOT in the log`));
    await assert.rejects(auditCli(['verify', '--anchor', 'latest'], memoryIo(), appOf(s)), /anchor: expected SEQ:HASH/);
    await putBack(s, last);
    await s.db.query('UPDATE audit_head SET seq = $1, hash = $2', [head!.seq, head!.hash]);
    assert.equal((await verify(s)).code, 0, 'restored');

    // Truncated tail: the last entry is deleted; the head still counts it.
    await s.db.query('DELETE FROM audit_log WHERE seq = $1', [n]);
    const cut = await verify(s);
    assert.deepEqual([cut.code, cut.out.firstBrokenSeq, cut.out.kind, cut.out.entries], [1, n, 'truncated', n - 1]);
    const human = memoryIo();
    assert.equal(await auditCli(['verify'], human, appOf(s)), 1);
    assert.match(human.out(), new RegExp(`audit chain BROKEN at entry ${n} \\(truncated\\)`));
  } finally {
    await s.close();
  }
});

test('fairdebt audit list: entries by subject in seq order with their hashes; a bad option is refused naming it', async () => {
  const s = await scenario();
  try {
    await s.loan('B1', { principalMinor: 300_000, termCount: 3, openedOn: '2026-01-15' });
    await s.closeThrough('2026-01-20');
    await s.pay('B1', 50_000, '2026-01-20');
    const io = memoryIo();
    assert.equal(await auditCli(['list', '--subject', 'account:B1', '--json'], io, appOf(s)), 0);
    const rows = io.out().trim().split('\n').map((l) => JSON.parse(l));
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((r: { subject: string; hash: string }) => r.subject === 'account:B1' && /^[0-9a-f]{64}$/.test(r.hash)));
    await assert.rejects(auditCli(['list', '--limit', 'lots'], memoryIo(), appOf(s)), /limit: /);
    await assert.rejects(auditCli(['list', '--from', 'yesterday'], memoryIo(), appOf(s)), /from: /);
  } finally {
    await s.close();
  }
});
