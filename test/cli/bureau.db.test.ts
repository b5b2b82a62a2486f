import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { newTarget, fairdebtInProcess as fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';

test(`fairdebt bureau: a month furnished to a file, again the same bytes; notices and disputes listed; bad input exits 2 naming the field (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const t = await newTarget();
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-bureau-'));
  try {
    const seed = await fairdebt(['demo', 'seed', '--accounts', '40', '--seed', '3', '--today', '2026-03-01', '--json'], t.env);
    assert.equal(seed.code, 0, seed.stderr);

    const first = await fairdebt(['bureau', 'run', '--period', '2026-02', '--format', 'pboc', '--out', join(dir, 'a.txt'), '--json'], t.env);
    assert.equal(first.code, 0, first.stderr);
    const r = JSON.parse(first.stdout) as { runId: number; reported: number; withheld: number; noticesQueued: number; files: Record<string, string>; repeated: boolean };
    assert.equal(r.repeated, false);
    assert.ok(r.reported + r.withheld > 0, JSON.stringify(r));
    assert.equal(r.noticesQueued, r.withheld, 'every withheld account has a notice queued');
    const again = await fairdebt(['bureau', 'run', '--period', '2026-02', '--format', 'pboc', '--out', join(dir, 'b.txt'), '--json'], t.env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { repeated: boolean }).repeated, true);
    assert.deepEqual(readFileSync(join(dir, 'b.txt')), readFileSync(join(dir, 'a.txt')), 'the same bytes');
    assert.match(readFileSync(join(dir, 'a.txt'), 'utf8'), /^HFD000000000001/);

    const notices = await fairdebt(['bureau', 'notices', '--json'], t.env);
    assert.equal(notices.code, 0, notices.stderr);
    assert.equal((JSON.parse(notices.stdout) as unknown[]).length, r.noticesQueued);
    const disputes = await fairdebt(['bureau', 'disputes', '--json'], t.env);
    assert.equal(disputes.code, 0, disputes.stderr);
    assert.deepEqual((JSON.parse(disputes.stdout) as { items: unknown[] }).items, []);

    const bad = await fairdebt(['bureau', 'run', '--period', '2026-02', '--format', 'xml'], t.env);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /format/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.dispose();
  }
});
