/**
 * The scale-out path's monthly partitioning of the audit log (docs/sql/partition-audit-log.sql, see
 * docs/operations.md "Scale-out"), run on both engines: the chain written before the change verifies
 * after it, new entries land in their month's partition and chain on, and tampering is still found.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp } from '../support/app.ts';
import { appendAudit, verifyAuditChain } from '../../src/platform/audit-chain.ts';

const SQL = readFileSync(new URL('../../docs/sql/partition-audit-log.sql', import.meta.url), 'utf8');

test('the audit log partitioned by month keeps its chain: verified before and after, appends go on, an edit is found', async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  try {
    const at = ['2026-03-31T23:59:59.000Z', '2026-04-01T00:00:00.000Z', '2026-04-15T08:00:00.000Z', '2026-05-01T02:00:00.000Z'];
    for (const [i, t] of at.entries()) {
      await app.db.transaction((tx) => appendAudit(tx, t, { type: 'TEST', actor: 'test', subject: `s:${i}`, data: { i } }));
    }
    const before = await verifyAuditChain(app.db);
    assert.equal(before.ok, true);

    await app.db.exec(SQL);
    const [kind] = await app.db.query<{ relkind: string }>(`SELECT c.relkind FROM pg_class c WHERE c.oid = 'audit_log'::regclass`);
    assert.equal(kind!.relkind, 'p', 'audit_log is now a partitioned table');
    const after = await verifyAuditChain(app.db);
    assert.deepEqual([after.ok, after.entries], [true, before.entries], 'the same chain verifies after the change');

    await app.db.transaction((tx) => appendAudit(tx, '2026-06-02T10:00:00.000Z', { type: 'TEST', actor: 'test', subject: 's:new', data: { i: 9 } }));
    const parts = await app.db.query<{ part: string; n: number }>(
      `SELECT c.relname AS part, count(*)::int AS n FROM audit_log a JOIN pg_class c ON c.oid = a.tableoid GROUP BY c.relname ORDER BY c.relname`);
    assert.deepEqual(parts, [
      { part: 'audit_log_2026_03', n: 1 }, { part: 'audit_log_2026_04', n: 2 }, { part: 'audit_log_2026_05', n: 1 }, { part: 'audit_log_2026_06', n: 1 },
    ], 'each entry in its month (UTC); nothing in the default partition');
    assert.deepEqual([(await verifyAuditChain(app.db)).ok, (await verifyAuditChain(app.db)).entries], [true, before.entries + 1]);

    await app.db.query(`UPDATE audit_log SET data = '{"i": 99}' WHERE subject = 's:2'`);
    const tampered = await verifyAuditChain(app.db);
    assert.equal(tampered.ok, false);
    assert.equal(tampered.firstBrokenSeq, 3);
  } finally {
    await app.close();
  }
});
