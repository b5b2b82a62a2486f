import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { newTarget, type Target } from '../support/processes.ts';
import { loadDispatchPortfolio, DISPATCH_LOAD_AT, DISPATCH_LOAD_PREFIX } from '../support/dispatch-load.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { startSinks, buildSinkServer, type Sinks } from '../../src/sinks/index.ts';

// `fairdebt worker` stopped with SIGTERM in the middle of a dispatch run: it claims nothing more,
// puts back what it claimed and has not sent, lets the sends under way finish and be recorded, and
// exits 0. Nothing is lost and nothing is sent twice: the next worker sends exactly the rest.

const TOTAL = 1500;
const ROOT = new URL('../../', import.meta.url).pathname;

interface Stopped {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts a worker, sends it SIGTERM once `until()` holds, and waits for it to exit. */
async function workerUntil(target: Target, args: string[], until: () => boolean): Promise<Stopped & { sentAtSignal: boolean }> {
  const child = spawn(process.execPath, [`${ROOT}bin/fairdebt.mjs`, 'worker', '--jobs', 'dispatch', '--json', ...args], {
    cwd: ROOT, env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', DATABASE_SCHEMA: '', ...target.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'close') as Promise<[number | null, NodeJS.Signals | null]>;
  let signalled = false;
  const deadline = Date.now() + 240_000;
  while (!signalled && child.exitCode === null && Date.now() < deadline) {
    if (until()) {
      child.kill('SIGTERM');
      signalled = true;
    } else await new Promise((r) => setTimeout(r, 5));
  }
  if (!signalled) child.kill('SIGKILL');
  const [code, signal] = await exited;
  return { code, signal, stdout, stderr, sentAtSignal: signalled };
}

function received(sinks: Sinks): string[] {
  return sinks.smpp.messages().map((m) => m.reference ?? '').filter((r) => r.startsWith(DISPATCH_LOAD_PREFIX));
}

test(`SIGTERM stops a dispatch worker gracefully mid-run; the next worker sends the rest, each once (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const target = await newTarget();
  const sinks = await startSinks({ registeredSenders: ['106900000001'] });
  const viewer = await buildSinkServer(sinks);
  await viewer.listen({ port: 0, host: '127.0.0.1' });
  const queueSchema = target.env.DATABASE_SCHEMA ? `${target.env.DATABASE_SCHEMA}_pgboss` : undefined;
  try {
    const db = await target.open();
    try {
      await loadDispatchPortfolio(db, TOTAL, 'sms');
    } finally {
      await db.close();
    }
    const args = ['--at', DISPATCH_LOAD_AT, '--sms', `127.0.0.1:${sinks.smpp.port}`, '--sinks', `http://127.0.0.1:${(viewer.server.address() as AddressInfo).port}`];

    // The first worker is stopped once the SMSC has received some of the messages.
    const first = await workerUntil(target, args, () => received(sinks).length >= 150);
    assert.ok(first.sentAtSignal, `the worker was stopped by SIGTERM, not by the test's deadline: ${first.stderr}`);
    assert.equal(first.code, 0, `a graceful stop exits 0: ${first.stderr}`);
    const summary = JSON.parse(first.stdout.trim().split('\n').at(-1)!) as { worker: string; signal: string; drained: boolean; sent: number; returned: number };
    assert.deepEqual([summary.worker, summary.signal, summary.drained], ['stopped', 'SIGTERM', true]);
    const afterFirst = received(sinks);
    assert.ok(afterFirst.length < TOTAL, `stopped partway: ${afterFirst.length} of ${TOTAL}`);
    assert.equal(new Set(afterFirst).size, afterFirst.length, 'nothing sent twice');
    assert.equal(summary.sent, afterFirst.length, 'everything the SMSC accepted was recorded as sent before the exit');

    const check = await target.open();
    try {
      const rows = await check.query<{ status: string; leased: number; n: number }>(
        `SELECT status, count(*) FILTER (WHERE lease_until IS NOT NULL)::int AS leased, count(*)::int AS n FROM contacts_outbox WHERE reference LIKE $1 GROUP BY status ORDER BY status`,
        [`${DISPATCH_LOAD_PREFIX}%`],
      );
      const by = Object.fromEntries(rows.map((r) => [r.status, r]));
      assert.equal((by.sent?.n ?? 0) + (by.delivered?.n ?? 0), afterFirst.length, 'every message at the SMSC is recorded');
      assert.equal(by.sending, undefined, 'nothing is left claimed: what was not sent went back to the queue');
      assert.equal(by.scheduled?.n, TOTAL - afterFirst.length, 'the rest waits in the queue');
      assert.equal(by.scheduled?.leased, 0, 'with no lease');
      const [h] = await check.query<{ n: number }>(`SELECT count(*)::int AS n FROM contact_history h JOIN contacts_outbox o ON o.id = h.outbox_id WHERE o.reference LIKE $1`, [`${DISPATCH_LOAD_PREFIX}%`]);
      assert.equal(h!.n, afterFirst.length);
    } finally {
      await check.close();
    }

    // The next worker takes what is left, and nothing else.
    const second = await workerUntil(target, args, () => received(sinks).length >= TOTAL);
    assert.equal(second.code, 0, second.stderr);
    const all = received(sinks);
    assert.equal(all.length, TOTAL, 'every contact reached the SMSC');
    assert.equal(new Set(all).size, TOTAL, 'and none twice');

    const end = await target.open();
    try {
      // The last sends may still be recording when the SMSC has them all; the worker's stop waited for them.
      const [s] = await end.query<{ sent: number; history: number }>(
        `SELECT count(*) FILTER (WHERE status IN ('sent', 'delivered'))::int AS sent,
                (SELECT count(*)::int FROM contact_history h JOIN contacts_outbox x ON x.id = h.outbox_id WHERE x.reference LIKE $1) AS history
         FROM contacts_outbox WHERE reference LIKE $1`,
        [`${DISPATCH_LOAD_PREFIX}%`],
      );
      assert.deepEqual(s, { sent: TOTAL, history: TOTAL });
    } finally {
      await end.close();
    }
  } finally {
    await viewer.close();
    await sinks.close();
    if (queueSchema) {
      const db = await target.open();
      await db.exec(`DROP SCHEMA IF EXISTS ${queueSchema} CASCADE`);
      await db.close();
    }
    await target.dispose();
  }
});
