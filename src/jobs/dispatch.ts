/**
 * Dispatch workers: the channel providers of this deployment and the durable queue (pg-boss) that
 * wakes the dispatcher. The outbox is the schedule; pg-boss runs the dispatcher every minute, at the
 * next scheduled instant, and when the cycle has planned new contacts, and retries a run that died.
 */
import PgBoss from 'pg-boss';
import type { App } from '../main.ts';
import type { Clock } from '../platform/clock.ts';
import { compileAllPacks, loadHolidayCalendar, type CompiledPack } from '../modules/compliance/index.ts';
import {
  createInboxProvider, createRobotCallProvider, createLetterProvider, createSmppProvider, createSmtpProvider, dispatchDue, storeDeliveryReports, SMPP_READY_TIMEOUT_MS,
  type ChannelProvider, type DeliveryReport, type DispatchSummary, type LenderProfile, type ProviderChannel, type SmppProviderOptions, type SmtpProviderOptions,
} from '../modules/contacts/index.ts';
import { createCallTask } from '../modules/worklist/index.ts';
import type { Db } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { nightlyCycle } from './cycle.ts';

export const DISPATCH_QUEUE = 'contacts-dispatch';
export const DAILY_CYCLE_QUEUE = 'daily-cycle';
/** How long a worker may run a night's cycle before pg-boss counts the job as lost: 12 hours. */
export const DAILY_CYCLE_EXPIRE_SECONDS = 12 * 3600;
/** When the daily cycle closes yesterday: half past midnight in the lender's time zone. */
export const DAILY_CYCLE_CRON = '30 0 * * *';
/** How often the queue is polled for a wake-up, in seconds. */
export const DISPATCH_POLL_SECONDS = 2;
/** Delivery reports are written in batches at most this often, in milliseconds. */
export const REPORT_FLUSH_MS = 500;

export interface ChannelConfig {
  sms?: SmppProviderOptions;
  email?: SmtpProviderOptions;
  lender: LenderProfile;
  lenderAddress: string;
}

export interface Channels {
  providers: Partial<Record<ProviderChannel, ChannelProvider>>;
  /** Writes buffered delivery reports now. */
  flushReports(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The providers of every channel: SMPP and SMTP when configured, the inbox, letters and calls always.
 * With SMS configured it waits for the first bind with the SMSC, up to readyTimeoutMs, and fails with
 * UNAVAILABLE naming the SMSC and the reason when none comes.
 */
export async function openChannels(app: App, cfg: ChannelConfig, readyTimeoutMs = SMPP_READY_TIMEOUT_MS): Promise<Channels> {
  const providers: Partial<Record<ProviderChannel, ChannelProvider>> = {
    in_app: createInboxProvider(app.db, 'in_app'),
    push: createInboxProvider(app.db, 'push'),
    robot_call: createRobotCallProvider(app.db),
    collector_call: createCollectorCallProvider(app.db),
    letter: createLetterProvider(app.db, {
      lenderName: cfg.lender.name['zh-CN'], lenderAddress: cfg.lenderAddress, hotline: cfg.lender.hotline, portalUrl: cfg.lender.portalUrl,
      async loadLetterData(reference) {
        const [r] = await app.db.query<{ name: string; time_zone: string; currency: 'CNY' | 'USD' | 'GBP'; principal_minor: number; interest_minor: number; penalty_minor: number; fees_minor: number }>(
          `SELECT c.name, c.time_zone, a.currency, s.principal_minor, s.interest_minor, s.penalty_minor, s.fees_minor
           FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id AND a.customer_id = o.customer_id JOIN customers c ON c.id = o.customer_id JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
           WHERE o.reference = $1`, [reference]);
        if (!r) throw new Error(`no outbox item ${reference}`);
        return {
          debtorName: r.name, timeZone: r.time_zone,
          amountDue: { currency: r.currency, principalMinor: r.principal_minor, interestMinor: r.interest_minor, penaltyMinor: r.penalty_minor, feesMinor: r.fees_minor },
        };
      },
    }),
  };
  const pending: Array<[ProviderChannel, DeliveryReport]> = [];
  const flushReports = async () => {
    const batch = pending.splice(0);
    for (const ch of new Set(batch.map(([c]) => c))) await storeDeliveryReports(app.db, ch, batch.filter(([c]) => c === ch).map(([, r]) => r));
  };
  const timer = setInterval(() => void flushReports().catch((err) => process.stderr.write(`delivery reports not stored: ${(err as Error).message}\n`)), REPORT_FLUSH_MS);
  timer.unref();
  if (cfg.sms) {
    const sms = createSmppProvider(cfg.sms);
    sms.onReport((r) => pending.push(['sms', r]));
    try {
      await sms.ready(readyTimeoutMs);
    } catch (err) {
      // An SMSC that cannot be reached (or refuses the account) is said at once, not waited on silently.
      clearInterval(timer);
      await sms.close();
      throw new AppError('UNAVAILABLE', `sms: ${(err as Error).message}`, { details: { host: cfg.sms.host, port: cfg.sms.port } });
    }
    providers.sms = sms;
  }
  if (cfg.email) providers.email = createSmtpProvider(cfg.email);
  return {
    providers,
    flushReports,
    async close() {
      clearInterval(timer);
      await flushReports().catch(() => undefined);
      for (const p of Object.values(providers)) await p.close();
    },
  };
}

/**
 * Collector calls: the planned call becomes a task in the worklist, with the verify code the collector
 * gives on the call. The collector's call record (催记) is the contact; the task is keyed by reference.
 */
export function createCollectorCallProvider(db: Db): ChannelProvider {
  const lookup = async (reference: string) => {
    const [r] = await db.query<{ id: number; created_at: string }>('SELECT id, created_at FROM call_tasks WHERE reference = $1', [reference]);
    return r ? { providerMessageId: `task:${r.id}`, acceptedAt: r.created_at } : null;
  };
  return {
    channel: 'collector_call',
    async send(msg) {
      await db.transaction(async (tx) => {
        const [a] = await tx.query<{ id: number }>('SELECT id FROM accounts WHERE ref = $1', [msg.accountRef]);
        if (!a) throw new Error(`no account ${msg.accountRef}`);
        await createCallTask(tx, { reference: msg.reference, accountId: a.id, customerId: msg.customerId, kind: 'collector', dueAt: msg.at, verifyCode: msg.verifyCode, createdAt: msg.at });
      });
      return (await lookup(msg.reference))!;
    },
    lookup,
    async close() {},
  };
}

/** The compiled packs with the admin-editable holiday table, as the server and the cycle use them. */
export async function loadPacks(app: Pick<App, 'db'>): Promise<Record<string, CompiledPack>> {
  const calendar = await loadHolidayCalendar((sql, params) => app.db.query(sql, params ?? []));
  return compileAllPacks({ calendar });
}

/**
 * pg-boss's statements through the application's connection. Its migrations are several statements
 * without parameters, which the extended protocol refuses; those go as a simple query.
 */
async function executeSql(app: App, text: string, values: unknown[] = []): Promise<{ rows: unknown[] }> {
  if (values.length === 0 && /;\s*\S/.test(text)) {
    await app.db.exec(text);
    return { rows: [] };
  }
  return { rows: await app.db.query(text, values) };
}

/** How long a stopping worker waits for the work under way, by default, in milliseconds. */
export const DEFAULT_DRAIN_MS = 30_000;

export interface DispatchWorker {
  /** Asks for a dispatch run now (after a cycle has planned contacts). */
  kick(): Promise<void>;
  /**
   * Graceful stop: takes no new jobs, tells the dispatcher under way to claim nothing more and to put
   * back what it claimed but has not sent, waits up to `drainMs` for the sends under way to be
   * recorded, then stops the queue. What is still in flight after the deadline keeps its lease and is
   * reconciled with the provider by the next worker once the lease expires. Resolves with whether
   * the work drained within the deadline.
   */
  stop(drainMs?: number): Promise<{ drained: boolean }>;
  /** Runs of the dispatcher so far, newest last (for the demo's status page and tests). */
  readonly runs: DispatchSummary[];
}

/**
 * Starts pg-boss on the application's own database (its tables live in schema `pgboss` unless told) and a worker
 * that runs the dispatcher whenever a wake-up job is due.
 */
export async function startDispatchWorker(app: App, channels: Channels, opts: {
  clock: Clock; lender: LenderProfile; packs: Record<string, CompiledPack>; queueSchema?: string;
  /** Whether this worker dispatches (default true); a worker for the cycle alone only wakes the dispatchers. */
  dispatch?: boolean;
  /**
   * The daily cycle up to yesterday in the time zone (nightlyCycle), every night at DAILY_CYCLE_CRON
   * there, when given; dispatch is woken after it.
   */
  dailyCycle?: { timeZone: string };
}): Promise<DispatchWorker> {
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => executeSql(app, text, values) },
    schema: opts.queueSchema ?? 'pgboss',
    supervise: true,
    schedule: true,
  });
  boss.on('error', (err) => process.stderr.write(`queue: ${err.message}\n`));
  await boss.start();
  await boss.createQueue(DISPATCH_QUEUE);
  await boss.schedule(DISPATCH_QUEUE, '* * * * *', {}, { singletonKey: 'minute' });
  const dispatching = opts.dispatch ?? true;
  const runs: DispatchSummary[] = [];
  const stopping = new AbortController();
  const active = new Set<Promise<unknown>>();
  /** A job's work, counted while it runs, so that a stop can wait for it. */
  const tracked = <T>(work: () => Promise<T>): Promise<T> => {
    const p = work();
    active.add(p);
    void p.finally(() => active.delete(p)).catch(() => undefined);
    return p;
  };
  if (dispatching) await boss.work(DISPATCH_QUEUE, { pollingIntervalSeconds: DISPATCH_POLL_SECONDS, batchSize: 1 }, () => tracked(async () => {
    if (stopping.signal.aborted) return;
    const summary = await dispatchDue({ db: app.db, clock: opts.clock, providers: channels.providers, packs: opts.packs, lender: opts.lender, signal: stopping.signal });
    await channels.flushReports();
    runs.push(summary);
    if (runs.length > 100) runs.shift();
    if (stopping.signal.aborted) return;
    // Wake again at the next scheduled contact (the minute schedule is the safety net).
    const [next] = await app.db.query<{ at: string | null }>(`SELECT min(scheduled_at) AS at FROM contacts_outbox WHERE status = 'scheduled' AND scheduled_at > $1`, [opts.clock.now()]);
    if (next?.at) await boss.sendAfter(DISPATCH_QUEUE, {}, { singletonKey: `at:${next.at}` }, new Date(next.at));
  }));
  if (opts.dailyCycle) {
    const cycle = opts.dailyCycle;
    // pg-boss gives a job 15 minutes by default and then hands it to another worker; a night's cycle
    // catching up a large portfolio may take longer (a second cycle would only find it running).
    await boss.createQueue(DAILY_CYCLE_QUEUE, { name: DAILY_CYCLE_QUEUE, expireInSeconds: DAILY_CYCLE_EXPIRE_SECONDS });
    await boss.updateQueue(DAILY_CYCLE_QUEUE, { name: DAILY_CYCLE_QUEUE, expireInSeconds: DAILY_CYCLE_EXPIRE_SECONDS });
    await boss.schedule(DAILY_CYCLE_QUEUE, DAILY_CYCLE_CRON, {}, { tz: cycle.timeZone, singletonKey: 'nightly' });
    // The cycle checkpoints every batch: a stop that cannot wait for it leaves a run the next start resumes.
    await boss.work(DAILY_CYCLE_QUEUE, { pollingIntervalSeconds: 30, batchSize: 1 }, () => tracked(async () => {
      if (!(await nightlyCycle(app.db, app.clock, cycle.timeZone, app.planning))) {
        process.stderr.write(`worker ${process.pid}: the daily cycle is already running in another process; left to it\n`);
      }
      await boss.send(DISPATCH_QUEUE, {}, { singletonKey: 'after-cycle', singletonSeconds: 1 });
    }));
  }
  return {
    runs,
    async kick() {
      await boss.send(DISPATCH_QUEUE, {}, { singletonKey: 'kick', singletonSeconds: 1 });
    },
    async stop(drainMs = DEFAULT_DRAIN_MS) {
      stopping.abort();
      // No new jobs: stop polling first, then wait for the work under way, up to the deadline.
      await Promise.all([...(dispatching ? [boss.offWork(DISPATCH_QUEUE)] : []), ...(opts.dailyCycle ? [boss.offWork(DAILY_CYCLE_QUEUE)] : [])]);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), drainMs)));
      const outcome = await Promise.race([Promise.allSettled([...active]).then(() => 'drained' as const), deadline]);
      clearTimeout(timer);
      await boss.stop({ graceful: outcome === 'drained', wait: true, timeout: 5_000 });
      return { drained: outcome === 'drained' };
    },
  };
}
