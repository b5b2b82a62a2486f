/**
 * Contacts in scenario tests: plan with a given decider at the close of a business date, and dispatch
 * at an instant through the given providers, with the bundled compliance packs.
 */
import type { Db } from '../../src/platform/db.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { compileAllPacks, bundledHolidayCalendar } from '../../src/modules/compliance/index.ts';
import {
  dispatchDue, ensureDefaultTemplates, createSmppProvider, DEFAULT_LENDER, type Decider, type PlanningDeps, type ChannelProvider, type DispatchSummary, type ProviderChannel,
} from '../../src/modules/contacts/index.ts';
import { startSinks, DEFAULT_SINK_PASSWORD, DEFAULT_SINK_SYSTEM_ID } from '../../src/sinks/index.ts';
import { buildServer } from '../../src/http/app.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { App } from '../../src/main.ts';
import { hooks, type Scenario } from './scenario.ts';

export const packs = compileAllPacks({ calendar: bundledHolidayCalendar() });

/** A decider that sends one action on one channel to every delinquent account. */
export function always(channel: string, template: string, action = 'sms_reminder'): Decider {
  return (f) => (f.dpd > 0 ? { action, channel, template, priority: 50, fallback: [], rowId: 'test', tableCode: 'test', tableVersion: 1 } : null);
}

export async function setUpContacts(db: Db): Promise<void> {
  await ensureDefaultTemplates(db, fixedClock('2026-01-01T00:00:00.000Z'), DEFAULT_LENDER);
}

/** Planning for the cycle with a fixed decider. */
export function planningWith(decider: Decider): PlanningDeps {
  return { loadDecider: async () => decider, packs: async () => packs, lenderId: DEFAULT_LENDER.id };
}

export function dispatchAt(db: Db, at: string, providers: Partial<Record<ProviderChannel, ChannelProvider>>): Promise<DispatchSummary> {
  return dispatchDue({ db, clock: fixedClock(at), providers, packs, lender: DEFAULT_LENDER });
}

export async function outbox(db: Db): Promise<Array<{ reference: string; status: string; channel: string; scheduled_at: string; last_error: string | null; verify_code: string; account_id: number }>> {
  return db.query('SELECT reference, status, channel, scheduled_at, last_error, verify_code, account_id FROM contacts_outbox ORDER BY id');
}

/**
 * The real API over a scenario's database, with a clock the test moves (`setNow`), the local SMS and
 * e-mail sinks, and an SMPP provider bound to the SMS sink: what a portal action followed by dispatch
 * needs. `close` ends all three (the scenario's database is the caller's).
 */
export async function apiWithSinks(s: Scenario, startAt: string) {
  let now = startAt;
  const app: App = { config: loadConfig({}), db: s.db, clock: { now: () => now }, hooks, close: async () => {} };
  const sinks = await startSinks();
  const server = await buildServer(app);
  const sms = createSmppProvider({ host: '127.0.0.1', port: sinks.smpp.port, systemId: DEFAULT_SINK_SYSTEM_ID, password: DEFAULT_SINK_PASSWORD });
  const close = async () => {
    await sms.close();
    await server.close();
    await sinks.close();
  };
  try {
    await sms.ready();
  } catch (err) {
    await close();
    throw err;
  }
  return { app, sinks, server, sms, setNow: (at: string) => void (now = at), close };
}
