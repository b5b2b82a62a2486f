/**
 * The debtor saves their contact preferences (portal). One command with an idempotency key and an
 * audit record; the next compliance check of any contact to the customer — at planning and again at
 * dispatch — reads the saved context, so an opt-out takes effect for the very next planned contact.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError, invalidField, parseInput } from '../../platform/errors.ts';
import {
  applyPortalPreferences, ceaseAvailable, EMPTY_PREFERENCES, portalView, PortalPreferencesInputSchema, type PortalPreferencesInput, type StoredPreferences,
} from './preferences.rules.ts';

export interface PortalPreferencesView extends PortalPreferencesInput {
  customerId: string;
  jurisdiction: string;
  /** Whether a cease request is offered (US only). */
  ceaseAvailable: boolean;
  updatedAt: string | null;
}

/** Audit event of a debtor's saved preferences. */
export type PreferencesAuditEvent = {
  type: 'CONTACT_PREFERENCES_SAVED';
  subject: `customer:${string}`;
  data: { source: 'portal'; optOuts: string[]; quietHours: number; noThirdPartyContact: boolean; ceaseRequested: boolean };
};

async function load(db: Db, customerId: string, lock: boolean): Promise<{ jurisdiction: string; stored: StoredPreferences; updatedAt: string | null }> {
  const [c] = await db.query<{ jurisdiction: string }>('SELECT jurisdiction FROM customers WHERE id = $1', [customerId]);
  if (!c) throw new AppError('NOT_FOUND', `customerId: no customer '${customerId}'`, { issues: [{ path: 'customerId', message: 'no such customer' }] });
  const [p] = await db.query<{ statuses: unknown[]; opt_outs: Array<Record<string, unknown>>; consents: Array<Record<string, unknown>>; designations: Array<Record<string, unknown>>; cease_requested: unknown; updated_at: string }>(
    `SELECT statuses, opt_outs, consents, designations, cease_requested, updated_at FROM contact_preferences WHERE customer_id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [customerId],
  );
  const stored = p ? { statuses: p.statuses, optOuts: p.opt_outs, consents: p.consents, designations: p.designations, ceaseRequested: p.cease_requested } : EMPTY_PREFERENCES;
  return { jurisdiction: c.jurisdiction, stored, updatedAt: p?.updated_at ?? null };
}

function view(customerId: string, l: { jurisdiction: string; stored: StoredPreferences; updatedAt: string | null }): PortalPreferencesView {
  return { customerId, jurisdiction: l.jurisdiction, ceaseAvailable: ceaseAvailable(l.jurisdiction), updatedAt: l.updatedAt, ...portalView(l.stored) };
}

export async function getPortalPreferences(db: Db, customerId: string): Promise<PortalPreferencesView> {
  return view(customerId, await load(db, customerId, false));
}

export async function savePortalPreferences(db: Db, clock: Clock, customerId: string, input: unknown, opts: { actor: string; idempotencyKey: string }) {
  const p = parseInput(PortalPreferencesInputSchema, input);
  return runCommand<PortalPreferencesView>(db, clock, { command: 'saveContactPreferences', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { customerId, ...p } }, async (tx) => {
    const l = await load(tx, customerId, true);
    if (p.ceaseRequested && !ceaseAvailable(l.jurisdiction) && !portalView(l.stored).ceaseRequested) {
      throw invalidField('ceaseRequested', `a request to cease communication is a US right (Reg F §1006.6(c)); not available for jurisdiction ${l.jurisdiction}`);
    }
    const now = clock.now();
    const next = applyPortalPreferences(l.stored, p, now);
    await tx.query(
      `INSERT INTO contact_preferences (customer_id, statuses, opt_outs, consents, designations, cease_requested, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (customer_id) DO UPDATE SET statuses = excluded.statuses, opt_outs = excluded.opt_outs, consents = excluded.consents,
         designations = excluded.designations, cease_requested = excluded.cease_requested, updated_at = excluded.updated_at`,
      [customerId, JSON.stringify(next.statuses), JSON.stringify(next.optOuts), JSON.stringify(next.consents), JSON.stringify(next.designations), JSON.stringify(next.ceaseRequested), now],
    );
    const audit: PreferencesAuditEvent & { actor: string } = {
      type: 'CONTACT_PREFERENCES_SAVED', actor: opts.actor, subject: `customer:${customerId}`,
      data: { source: 'portal', optOuts: p.optOuts, quietHours: p.quietHours.length, noThirdPartyContact: p.noThirdPartyContact, ceaseRequested: p.ceaseRequested },
    };
    return { result: view(customerId, { jurisdiction: l.jurisdiction, stored: next, updatedAt: now }), audit };
  });
}
