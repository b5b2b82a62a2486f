/**
 * Contacts in scenario tests: plan with a given decider at the close of a business date, and dispatch
 * at an instant through the given providers, with the bundled compliance packs.
 */
import type { Db } from '../../src/platform/db.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { compileAllPacks, bundledHolidayCalendar } from '../../src/modules/compliance/index.ts';
import {
  dispatchDue, ensureDefaultTemplates, DEFAULT_LENDER, type Decider, type PlanningDeps, type ChannelProvider, type DispatchSummary, type ProviderChannel,
} from '../../src/modules/contacts/index.ts';

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
