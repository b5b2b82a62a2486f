/**
 * The debtor's own contact preferences, as the portal shows and saves them, mapped onto the
 * compliance context kept in `contact_preferences` (the same opt-outs, designations, consents and cease
 * request every compliance check receives). Pure: the command loads the stored row and saves what
 * `applyPortalPreferences` returns.
 *
 * What the portal manages, and what it leaves alone:
 * - opt-outs of a whole medium (SMS, e-mail, calls, letters) — entries naming one address or number
 *   (recorded by staff) are kept;
 * - inconvenient times (designations of type `inconvenient_time`) — other designations are kept;
 * - "do not contact my contacts": a withdrawn `third_party_contact` consent (any such consent given
 *   before is replaced);
 * - a request to cease communication, which only US law gives effect (Reg F §1006.6(c)).
 * Statuses (deceased, breathing space, …) are never changed from the portal.
 */
import { z } from 'zod';

/** Media a debtor may stop from the portal (compliance channel names; `call` covers robot and collector calls). */
export const PORTAL_OPT_OUT_CHANNELS = ['sms', 'email', 'call', 'letter'] as const;
export type PortalOptOutChannel = (typeof PORTAL_OPT_OUT_CHANNELS)[number];
export const WEEKDAY_CODES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
/** Inconvenient windows a debtor may name at once. */
export const MAX_QUIET_WINDOWS = 4;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM');

export const QuietWindowSchema = z.object({
  from: clock,
  to: clock,
  days: z.array(z.enum(WEEKDAY_CODES)).max(7).optional().describe('Weekdays the window applies to; every day when absent'),
}).refine((w) => w.from !== w.to, { message: 'from and to must differ', path: ['to'] });

export const PortalPreferencesInputSchema = z.object({
  optOuts: z.array(z.enum(PORTAL_OPT_OUT_CHANNELS)).max(PORTAL_OPT_OUT_CHANNELS.length).refine((a) => new Set(a).size === a.length, { message: 'each channel at most once' }),
  quietHours: z.array(QuietWindowSchema).max(MAX_QUIET_WINDOWS),
  noThirdPartyContact: z.boolean(),
  ceaseRequested: z.boolean().describe('US only (Reg F §1006.6(c)): stop communication about my debts'),
});
export type PortalPreferencesInput = z.infer<typeof PortalPreferencesInputSchema>;
export type QuietWindow = z.infer<typeof QuietWindowSchema>;

/** The stored compliance context (jsonb columns of contact_preferences). */
export interface StoredPreferences {
  statuses: unknown[];
  optOuts: Array<Record<string, unknown>>;
  consents: Array<Record<string, unknown>>;
  designations: Array<Record<string, unknown>>;
  ceaseRequested: unknown;
}

export const EMPTY_PREFERENCES: StoredPreferences = { statuses: [], optOuts: [], consents: [], designations: [], ceaseRequested: false };

/** A cease request has legal effect only under US law; elsewhere it is refused with the rule named. */
export function ceaseAvailable(jurisdiction: string): boolean {
  return jurisdiction === 'US' || jurisdiction.startsWith('US-');
}

const isPortalOptOut = (o: Record<string, unknown>) => o.value === undefined && (PORTAL_OPT_OUT_CHANNELS as readonly unknown[]).includes(o.channel);

/** What the portal shows of the stored context. */
export function portalView(p: StoredPreferences): PortalPreferencesInput {
  const optOuts = PORTAL_OPT_OUT_CHANNELS.filter((c) => p.optOuts.some((o) => isPortalOptOut(o) && o.channel === c));
  const quietHours = p.designations
    .filter((d) => d.type === 'inconvenient_time' && typeof d.startLocal === 'string' && typeof d.endLocal === 'string')
    .map((d) => ({ from: d.startLocal as string, to: d.endLocal as string, ...(Array.isArray(d.days) && d.days.length > 0 ? { days: d.days as QuietWindow['days'] } : {}) }));
  const noThirdPartyContact = p.consents.some((c) => c.type === 'third_party_contact' && c.revoked === true);
  const ceaseRequested = p.ceaseRequested === true || (typeof p.ceaseRequested === 'object' && p.ceaseRequested !== null);
  return { optOuts, quietHours, noThirdPartyContact, ceaseRequested };
}

/** The stored context after the debtor saved `input` at `now`; what the portal does not manage is kept as it was. */
export function applyPortalPreferences(stored: StoredPreferences, input: PortalPreferencesInput, now: string): StoredPreferences {
  const before = portalView(stored);
  const firstAt = new Map(stored.optOuts.filter(isPortalOptOut).map((o) => [o.channel as string, o.at]));
  const optOuts = [
    ...stored.optOuts.filter((o) => !isPortalOptOut(o)),
    ...input.optOuts.map((channel) => ({ channel, at: (firstAt.get(channel) as string | undefined) ?? now })),
  ];
  const designations = [
    ...stored.designations.filter((d) => d.type !== 'inconvenient_time'),
    ...input.quietHours.map((w) => ({ type: 'inconvenient_time', startLocal: w.from, endLocal: w.to, ...(w.days && w.days.length > 0 ? { days: w.days } : {}) })),
  ];
  const keptConsents = stored.consents.filter((c) => c.type !== 'third_party_contact');
  const priorRevoked = stored.consents.find((c) => c.type === 'third_party_contact' && c.revoked === true);
  const consents = input.noThirdPartyContact
    ? [...keptConsents, priorRevoked ?? { type: 'third_party_contact', revoked: true, givenAt: now }]
    : [...keptConsents, ...stored.consents.filter((c) => c.type === 'third_party_contact' && c.revoked !== true)];
  const ceaseRequested = input.ceaseRequested ? (before.ceaseRequested ? stored.ceaseRequested : { at: now, kind: 'cease' }) : false;
  return { statuses: stored.statuses, optOuts, consents, designations, ceaseRequested };
}
