/**
 * `fairdebt worker [--jobs dispatch,cycle] [--sms HOST:PORT] [--email HOST:PORT] [--sinks URL]
 * [--drain-seconds N] [--time-zone ZONE] [--at ISO]`: the background workers as a process of their
 * own, apart from the API (`fairdebt serve`), as many as wanted against one PostgreSQL database:
 *
 * - `dispatch`: the contacts queue (pg-boss on the same database) — woken every minute, at the next
 *   scheduled contact and after the cycle; concurrent workers claim disjoint items (SKIP LOCKED).
 * - `cycle`: the daily cycle, every night at 00:30 in --time-zone (default Asia/Shanghai), up to
 *   yesterday; pg-boss hands each night's job to one worker, and the cycle resumes an interrupted run.
 *
 * SIGTERM or SIGINT stops it gracefully: no new jobs; the dispatcher claims nothing more and puts back
 * what it claimed but has not sent; sends under way finish and are recorded within --drain-seconds
 * (default 30); then the queue and the database pool close and the process exits 0. (What a deadline
 * cuts off is reconciled with the provider by the next worker after the lease.)
 * `fairdebt dispatch worker` is this verb with `--jobs dispatch`.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { fixedClock, systemClock } from '../platform/clock.ts';
import { invalidField } from '../platform/errors.ts';
import { loadPacks, openChannels, startDispatchWorker, DEFAULT_DRAIN_MS } from '../jobs/dispatch.ts';
import { DEFAULT_CYCLE_TIME_ZONE } from '../jobs/cycle.ts';
import { parseTimeZone } from '../platform/dates.ts';
import { channelConfig } from './dispatch.ts';

export const WORKER_JOBS = ['dispatch', 'cycle'] as const;
type Job = (typeof WORKER_JOBS)[number];

export const USAGE = 'usage: fairdebt worker [--jobs dispatch,cycle] [--sms HOST:PORT] [--email HOST:PORT] [--sinks URL] [--drain-seconds N] [--time-zone ZONE] [--at ISO]\n';

export async function run(args: string[], io: CliIo, defaults: { jobs?: string } = {}): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        jobs: { type: 'string', default: defaults.jobs ?? WORKER_JOBS.join(',') }, sms: { type: 'string' }, email: { type: 'string' }, sinks: { type: 'string' },
        'drain-seconds': { type: 'string', default: String(DEFAULT_DRAIN_MS / 1000) }, 'time-zone': { type: 'string', default: DEFAULT_CYCLE_TIME_ZONE }, at: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw invalidField('arguments', `${(err as Error).message}\n${USAGE}`);
  }
  const jobs = values.jobs.split(',').map((j) => j.trim()).filter(Boolean);
  const unknown = jobs.filter((j) => !(WORKER_JOBS as readonly string[]).includes(j));
  if (jobs.length === 0 || unknown.length) throw invalidField('jobs', `expected a comma-separated list of ${WORKER_JOBS.join(', ')}, got '${values.jobs}'`);
  const drain = Number(values['drain-seconds']);
  if (!/^\d+(\.\d+)?$/.test(values['drain-seconds']) || drain > 3600) throw invalidField('drain-seconds', `expected seconds 0–3600, got '${values['drain-seconds']}'`);
  const timeZone = parseTimeZone(values['time-zone'], 'time-zone');
  if (values.at !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(values.at) || Number.isNaN(Date.parse(values.at)))) {
    throw invalidField('at', `expected an ISO-8601 instant with offset, e.g. 2026-02-17T09:00:00+08:00, got '${values.at}'`);
  }
  const cfg = channelConfig(values);
  const has = (j: Job) => jobs.includes(j);
  // Signals that arrive while starting up still stop the worker, once it is up.
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const app = await openApp(values.at ? { clock: fixedClock(new Date(values.at).toISOString()) } : {});
  try {
    const channels = await openChannels(app, cfg);
    try {
      const clock = values.at ? fixedClock(new Date(values.at).toISOString()) : systemClock;
      const worker = await startDispatchWorker(app, channels, {
        clock, lender: cfg.lender, packs: await loadPacks(app), dispatch: has('dispatch'),
        // Deployments sharing a database in schemas of their own keep their queues apart too.
        ...(app.config.databaseSchema ? { queueSchema: `${app.config.databaseSchema}_pgboss` } : {}),
        ...(has('cycle') ? {
          dailyCycle: { timeZone },
        } : {}),
      });
      if (has('dispatch')) await worker.kick();
      const line = { worker: 'running', pid: process.pid, jobs };
      io.stdout.write(values.json ? `${JSON.stringify(line)}\n` : `worker ${process.pid} running (${jobs.join(', ')}); stop with Ctrl-C or SIGTERM\n`);
      const signal = await stopped;
      const t0 = performance.now();
      const { drained } = await worker.stop(drain * 1000);
      const runs = worker.runs;
      const sent = runs.reduce((a, r) => a + r.sent + r.recovered, 0);
      const returned = runs.reduce((a, r) => a + r.returned, 0);
      const out = { worker: 'stopped', signal, drained, seconds: Math.round(performance.now() - t0) / 1000, runs: runs.length, sent, returned };
      io.stdout.write(values.json ? `${JSON.stringify(out)}\n` : `worker stopped on ${signal}: ${drained ? 'work under way finished' : `drain deadline (${drain} s) passed; what was in flight is reconciled after its lease`}; ${sent} sent, ${returned} put back\n`);
      return 0;
    } finally {
      await channels.close();
    }
  } finally {
    await app.close();
  }
}
