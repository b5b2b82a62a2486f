/**
 * `fairdebt demo seed --accounts N --seed S [--today D] [--json]`: a reproducible synthetic portfolio,
 * simulated day by day through the daily cycle up to the day before `today`.
 * `fairdebt demo start`: what `npm start` runs — seeds about 5,000 accounts on first start (then
 * catches the cycle up to yesterday on later starts) and serves the API and UI on one port.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { CliIo } from './io.ts';
import { openApp, type App } from '../main.ts';
import { seedDemo, registerDemoModel, ensureDemoWorklist, ensureDemoUsers, ensureDemoAgency, DEMO_USERS, DEMO_AGENCY_USERS, DEMO_PASSWORD, type SeedSummary } from '../modules/demo/index.ts';
import { smsCodeSender } from '../modules/identity/index.ts';
import type { Channels } from '../jobs/dispatch.ts';
import { runCycle, lastClosedDate, getSetting, setSetting, DEFAULT_CYCLE_TIME_ZONE } from '../jobs/cycle.ts';
import { addDays, dateInZone, parseIsoDate } from '../platform/dates.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import type { Db } from '../platform/db.ts';
import { rmSync } from 'node:fs';
import { startServer } from './serve.ts';
import { loadConfig } from '../platform/config.ts';
import { ensureDemoIdKeys } from '../platform/id-keys.ts';
import { DEMO_LENDER_ADDRESS } from './dispatch.ts';
import { startSinks, DEFAULT_SINK_SENDERS, DEFAULT_SINK_SYSTEM_ID, DEFAULT_SINK_PASSWORD } from '../sinks/index.ts';
import { openChannels, startDispatchWorker, loadPacks } from '../jobs/dispatch.ts';
import { DEFAULT_LENDER } from '../modules/contacts/index.ts';

/**
 * The embedded demo seals ID numbers with a key generated on first use into a file beside its data
 * directory, so that it starts without any environment; a server (DATABASE_URL) or FAIRDEBT_ID_KEYS
 * never uses it.
 */
function demoIdKeys(io: CliIo): void {
  const config = loadConfig();
  if (config.idKeys || config.databaseUrl) return;
  const k = ensureDemoIdKeys(config.dataDir);
  io.stderr.write(`WARNING: FAIRDEBT_ID_KEYS is not set; ID numbers are sealed with the demo key in ${k.file}${k.created ? ' (generated now)' : ''}. ` +
    'Not for real data: a real installation sets FAIRDEBT_ID_KEYS (docs/operations.md).\n');
}

export const DEMO_ACCOUNTS = 5_000;
export const DEMO_SEED = 20_260_101;
const MAX_DEMO_ACCOUNTS = 1_000_000;

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { accounts: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  const today = values.today ? parseIsoDate(values.today, 'today') : dateInZone(new Date().toISOString(), DEFAULT_CYCLE_TIME_ZONE);
  if (sub === 'seed' || sub === 'start') demoIdKeys(io);
  if (sub === 'seed') {
    const accounts = wholeNumber(values.accounts ?? String(DEMO_ACCOUNTS), 'accounts', 1, MAX_DEMO_ACCOUNTS);
    const seed = wholeNumber(values.seed ?? String(DEMO_SEED), 'seed', 0, 2 ** 31 - 1);
    const app = await openApp();
    try {
      const summary = await seedPortfolio(app, io, { accounts, seed, today, json: values.json });
      if (values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    } finally {
      await app.close();
    }
  }
  if (sub === 'start') {
    let app = await openApp();
    // What is started is stopped in reverse order, also when a later step fails (a port in use).
    const stops: Array<() => Promise<void>> = [];
    try {
      if (await seedingInterrupted(app.db)) {
        // Killed while it seeded: accounts without their history. Embedded, the directory is the
        // demo's own (the mark proves the demo made it), so it starts again from nothing.
        if (app.config.databaseUrl) {
          throw new AppError('CONFLICT', 'the demo seeding into this database was interrupted: start the demo on an empty database (another DATABASE_URL or DATABASE_SCHEMA)');
        }
        io.stdout.write(`The demo seeding was interrupted last time; ${app.config.dataDir} is seeded again from the start.\n`);
        await app.close();
        rmSync(app.config.dataDir, { recursive: true, force: true });
        app = await openApp();
      }
      const [{ n }] = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')) as [{ n: number }];
      if (n === 0) {
        io.stdout.write(`Seeding the demo portfolio (${DEMO_ACCOUNTS} accounts, history simulated day by day through the daily cycle)…\n`);
        await seedPortfolio(app, io, { accounts: DEMO_ACCOUNTS, seed: DEMO_SEED, today, json: false });
      } else {
        const last = await lastClosedDate(app.db);
        const yesterday = addDays(today, -1);
        if (last && last < yesterday) {
          io.stdout.write(`Catching the daily cycle up from ${last} to ${yesterday}…\n`);
          await runCycle(app.db, app.clock, { date: yesterday, planning: app.planning });
        }
      }
      // Collectors and queues with cases assigned, for the workbench's queue (the first time only).
      const closed = await lastClosedDate(app.db);
      if (closed) await ensureDemoWorklist(app, closed);
      await ensureDemoUsers(app);
      if (closed) await ensureDemoAgency(app, closed, DEMO_PASSWORD);
      // The SMS and e-mail sinks run inside the demo server; their viewer is at /dev/mailbox.
      const sinks = await startSinks({ registeredSenders: DEFAULT_SINK_SENDERS });
      stops.push(() => sinks.close());
      // The portal's sign-in codes go out through the same SMPP gateway as the contacts, once it is bound.
      const gateway: { channels?: Channels } = {};
      const codeSender = () => (gateway.channels?.providers.sms ? smsCodeSender(gateway.channels.providers.sms, DEFAULT_SINK_SENDERS[0]!) : undefined);
      // The demo's console shows its own lines (URLs, sign-ins); request logs only at LOG_LEVEL=info.
      const server = await startServer(app, io, { sinks, codeSender }, 'warn');
      stops.push(() => server.close());
      const base = server.url.replace('localhost', '127.0.0.1');
      const lender = { ...DEFAULT_LENDER, portalUrl: `${server.url}/portal` };
      const channels = await openChannels(app, {
        lender, lenderAddress: DEMO_LENDER_ADDRESS,
        sms: { host: '127.0.0.1', port: sinks.smpp.port, systemId: DEFAULT_SINK_SYSTEM_ID, password: DEFAULT_SINK_PASSWORD, lookupUrl: `${base}/dev/sinks/sms/by-reference` },
        email: { host: '127.0.0.1', port: sinks.smtp.port, lookupUrl: `${base}/dev/sinks/mail/by-reference` },
      });
      gateway.channels = channels;
      stops.push(() => channels.close());
      const worker = await startDispatchWorker(app, channels, {
        clock: app.clock, lender, packs: await loadPacks(app),
        dailyCycle: { timeZone: DEFAULT_CYCLE_TIME_ZONE },
      });
      stops.push(async () => void (await worker.stop()));
      await worker.kick();
      const [planned] = await app.db.query<{ n: number; first: string | null }>(`SELECT count(*)::int AS n, min(scheduled_at) AS first FROM contacts_outbox WHERE status = 'scheduled'`);
      io.stdout.write(`Contacts planned and waiting: ${planned?.n ?? 0}${planned?.first ? ` (the first at ${planned.first}; each at the debtor's allowed local time)` : ''}\n`);
      io.stdout.write(`Messages sent to the local SMS and e-mail sinks: ${server.url}/dev/mailbox\n`);
      io.stdout.write(`Demo sign-in (workbench): ${[...DEMO_USERS, ...DEMO_AGENCY_USERS].map((u) => u.id).join(', ')} — password '${DEMO_PASSWORD}' (a demo only)\n`);
      io.stdout.write(`Debtor portal: sign in with a demo customer's phone; the one-time code arrives in ${server.url}/dev/mailbox\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      return 0;
    } finally {
      for (const stop of stops.reverse()) await stop();
      await app.close();
    }
  }
  io.stderr.write('usage: fairdebt demo seed --accounts N --seed S [--today YYYY-MM-DD] [--json]\n       fairdebt demo start\n');
  return 2;
}

function wholeNumber(text: string, field: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) throw invalidField(field, `expected a whole number ${min}–${max}, got '${text}'`);
  return n;
}

async function seedPortfolio(app: App, io: CliIo, o: { accounts: number; seed: number; today: string; json: boolean }): Promise<SeedSummary> {
  const [{ n }] = (await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')) as [{ n: number }];
  if (n > 0) throw invalidField('accounts', `the database already holds ${n} accounts; seed into an empty database (another DATA_DIR or DATABASE_URL)`);
  // Marked before the first account and cleared after the last step: a seed killed half-way is known.
  await setSetting(app.db, SEEDING_MARK, new Date().toISOString());
  const bar = !o.json && io.stderr.isTTY ? new cliProgress.SingleBar({ format: 'demo {date} |{bar}| {percentage}% {value}/{total} days', stream: io.stderr as NodeJS.WriteStream }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  const summary = await seedDemo(app, {
    accounts: o.accounts, seed: o.seed, today: o.today,
    onProgress: (p) => {
      if (!bar) return;
      if (!started) bar.start(p.total, 0, { date: p.date });
      started = true;
      bar.update(p.done, { date: p.date });
    },
  });
  bar?.stop();
  // The demo's risk model in force, and the portfolio scored with it (the cycle keeps it current).
  const risk = await registerDemoModel(app, { seed: o.seed, today: o.today, lastClosed: summary.lastClosedDate });
  if (!o.json) io.stdout.write(`  risk model ${risk.model.id} in force: ${risk.scored} accounts scored as of ${summary.lastClosedDate}\n`);
  if (!o.json) {
    io.stdout.write(`Seeded ${summary.accounts} accounts (seed ${summary.seed}), history ${summary.fromDate} → ${summary.lastClosedDate} in ${summary.seconds.toFixed(0)} s\n`);
    io.stdout.write(`  by bucket: ${Object.entries(summary.buckets).map(([b, k]) => `${b} ${k}`).join(', ')}\n`);
  }
  await app.db.query('DELETE FROM settings WHERE key = $1', [SEEDING_MARK]);
  return summary;
}

/** The settings key a demo seed holds while it runs. */
export const SEEDING_MARK = 'demo.seeding';

/** Whether a demo seed began in this database and never finished (the process was killed). */
export async function seedingInterrupted(db: Db): Promise<boolean> {
  return (await getSetting(db, SEEDING_MARK)) !== null;
}
