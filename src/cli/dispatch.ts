/**
 * `fairdebt dispatch run [--at ISO] [--sms HOST:PORT] [--email HOST:PORT] [--sinks URL] [--json]`:
 * dispatches every contact due at `--at` (default: now) once and prints what happened.
 * `fairdebt dispatch worker [same options]`: the queue worker, until SIGINT or SIGTERM: `fairdebt worker
 * --jobs dispatch` (src/cli/worker.ts), with its graceful stop.
 *
 * SMS go over SMPP to --sms (or FAIRDEBT_SMPP), e-mail over SMTP to --email (or FAIRDEBT_SMTP); --sinks
 * (or FAIRDEBT_SINKS) is the base URL of the sinks' viewer, whose by-reference search answers the
 * dispatcher's lookups after an interrupted send. Without --sms/--email those channels are not sent.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { fixedClock, systemClock } from '../platform/clock.ts';
import { invalidField } from '../platform/errors.ts';
import { DEFAULT_LENDER, dispatchDue } from '../modules/contacts/index.ts';
import { DEFAULT_SINK_PASSWORD, DEFAULT_SINK_SYSTEM_ID } from '../sinks/index.ts';
import { loadPacks, openChannels, type ChannelConfig } from '../jobs/dispatch.ts';

export const DEMO_LENDER_ADDRESS = '上海市浦东新区示范路 1 号\n1 Example Road, Pudong, Shanghai';

function hostPort(value: string | undefined, field: string): { host: string; port: number } | undefined {
  if (!value) return undefined;
  const m = /^([^:]+):(\d{1,5})$/.exec(value);
  if (!m || Number(m[2]) > 65535) throw invalidField(field, `expected HOST:PORT, got '${value}'`);
  return { host: m[1]!, port: Number(m[2]) };
}

/** Channel configuration from flags or the environment. */
export function channelConfig(values: { sms?: string | undefined; email?: string | undefined; sinks?: string | undefined }, env: NodeJS.ProcessEnv = process.env): ChannelConfig {
  const sms = hostPort(values.sms ?? env.FAIRDEBT_SMPP, 'sms');
  const email = hostPort(values.email ?? env.FAIRDEBT_SMTP, 'email');
  const sinks = (values.sinks ?? env.FAIRDEBT_SINKS)?.replace(/\/+$/, '');
  if (sinks !== undefined && !/^https?:\/\/[^\s]+$/.test(sinks)) throw invalidField('sinks', `expected an http(s) URL, got '${sinks}'`);
  return {
    lender: DEFAULT_LENDER,
    lenderAddress: DEMO_LENDER_ADDRESS,
    ...(sms ? { sms: { ...sms, systemId: env.FAIRDEBT_SMPP_SYSTEM_ID ?? DEFAULT_SINK_SYSTEM_ID, password: env.FAIRDEBT_SMPP_PASSWORD ?? DEFAULT_SINK_PASSWORD, ...(sinks ? { lookupUrl: `${sinks}/dev/sinks/sms/by-reference` } : {}) } } : {}),
    ...(email ? { email: { ...email, ...(sinks ? { lookupUrl: `${sinks}/dev/sinks/mail/by-reference` } : {}) } } : {}),
  };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'worker') return (await import('./worker.ts')).run(rest, io, { jobs: 'dispatch' });
  if (sub !== 'run') {
    io.stderr.write('usage: fairdebt dispatch run [--at ISO] [--sms HOST:PORT] [--email HOST:PORT] [--sinks URL] [--json]\n       fairdebt dispatch worker [--sms …] [--email …] [--sinks …]\n');
    return 2;
  }
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: { at: { type: 'string' }, sms: { type: 'string' }, email: { type: 'string' }, sinks: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true }));
  } catch (err) {
    throw invalidField('arguments', (err as Error).message);
  }
  if (values.at !== undefined && (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(values.at) || Number.isNaN(Date.parse(values.at)))) {
    throw invalidField('at', `expected an ISO-8601 instant with offset, e.g. 2026-02-17T09:00:00+08:00, got '${values.at}'`);
  }
  const cfg = channelConfig(values);
  const app = await openApp();
  try {
    const channels = await openChannels(app, cfg);
    const clock = values.at ? fixedClock(new Date(values.at).toISOString()) : systemClock;
    const packs = await loadPacks(app);
    try {
      const summary = await dispatchDue({ db: app.db, clock, providers: channels.providers, packs, lender: cfg.lender });
      await channels.flushReports();
      io.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `${Object.entries(summary).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
      return 0;
    } finally {
      await channels.close();
    }
  } finally {
    await app.close();
  }
}
