/** The portal's contact preferences mapped onto the compliance context, and back, as a table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyPortalPreferences, ceaseAvailable, EMPTY_PREFERENCES, portalView, PortalPreferencesInputSchema, type PortalPreferencesInput, type StoredPreferences } from './preferences.rules.ts';

const NOW = '2026-03-20T02:00:00.000Z';
const LATER = '2026-03-21T02:00:00.000Z';
const none: PortalPreferencesInput = { optOuts: [], quietHours: [], noThirdPartyContact: false, ceaseRequested: false };
const staff: StoredPreferences = {
  statuses: ['vulnerable'],
  optOuts: [{ channel: 'call', value: '+86 138 0000 0001' }],
  consents: [{ type: 'contact_time', startLocal: '21:00', endLocal: '23:00' }, { type: 'third_party_contact', givenAt: NOW }],
  designations: [{ type: 'no_work_contact' }],
  ceaseRequested: false,
};

test('applyPortalPreferences: what the portal manages is replaced, what staff recorded is kept', () => {
  const cases: Array<[string, StoredPreferences, PortalPreferencesInput, string, Partial<StoredPreferences>]> = [
    ['nothing chosen on an empty context', EMPTY_PREFERENCES, none, NOW, EMPTY_PREFERENCES],
    ['a medium stopped, from now', EMPTY_PREFERENCES, { ...none, optOuts: ['sms'] }, NOW, { optOuts: [{ channel: 'sms', at: NOW }] }],
    ['a medium stopped again keeps when it was first asked', { ...EMPTY_PREFERENCES, optOuts: [{ channel: 'sms', at: NOW }] }, { ...none, optOuts: ['sms', 'letter'] }, LATER,
      { optOuts: [{ channel: 'sms', at: NOW }, { channel: 'letter', at: LATER }] }],
    ['a time window with days', EMPTY_PREFERENCES, { ...none, quietHours: [{ from: '22:30', to: '07:00', days: ['sat', 'sun'] }] }, NOW,
      { designations: [{ type: 'inconvenient_time', startLocal: '22:30', endLocal: '07:00', days: ['sat', 'sun'] }] }],
    ['no third-party contact replaces a consent given before', staff, { ...none, noThirdPartyContact: true }, NOW,
      { consents: [{ type: 'contact_time', startLocal: '21:00', endLocal: '23:00' }, { type: 'third_party_contact', revoked: true, givenAt: NOW }] }],
    ['staff entries survive a save with nothing chosen', staff, none, NOW, staff],
    ['cease asked: when, and of what kind', EMPTY_PREFERENCES, { ...none, ceaseRequested: true }, NOW, { ceaseRequested: { at: NOW, kind: 'cease' } }],
    ['cease kept from when it was first asked', { ...EMPTY_PREFERENCES, ceaseRequested: { at: NOW, kind: 'cease' } }, { ...none, ceaseRequested: true }, LATER, { ceaseRequested: { at: NOW, kind: 'cease' } }],
    ['cease withdrawn', { ...EMPTY_PREFERENCES, ceaseRequested: { at: NOW, kind: 'cease' } }, none, LATER, { ceaseRequested: false }],
  ];
  for (const [name, stored, input, now, expected] of cases) {
    assert.deepEqual(applyPortalPreferences(stored, input, now), { ...EMPTY_PREFERENCES, ...(stored === staff ? staff : {}), ...expected }, name);
  }
});

test('portalView shows back what was saved, and ignores what the portal does not manage', () => {
  const input: PortalPreferencesInput = { optOuts: ['email', 'call'], quietHours: [{ from: '12:00', to: '14:00' }], noThirdPartyContact: true, ceaseRequested: true };
  assert.deepEqual(portalView(applyPortalPreferences(staff, input, NOW)), input);
  assert.deepEqual(portalView(staff), none, 'a number opted out by staff is not "calls stopped"');
});

test('the input schema names each bad field; cease is a US right', () => {
  const bad: Array<[unknown, string]> = [
    [{ ...none, optOuts: ['fax'] }, 'optOuts.0'],
    [{ ...none, optOuts: ['sms', 'sms'] }, 'optOuts'],
    [{ ...none, quietHours: [{ from: '24:00', to: '01:00' }] }, 'quietHours.0.from'],
    [{ ...none, quietHours: [{ from: '09:00', to: '09:00' }] }, 'quietHours.0.to'],
    [{ ...none, quietHours: Array.from({ length: 5 }, () => ({ from: '09:00', to: '10:00' })) }, 'quietHours'],
    [{ ...none, ceaseRequested: 'yes' }, 'ceaseRequested'],
  ];
  for (const [input, path] of bad) {
    const r = PortalPreferencesInputSchema.safeParse(input);
    assert.equal(r.success, false, JSON.stringify(input));
    assert.equal(r.error!.issues[0]!.path.join('.'), path, JSON.stringify(input));
  }
  assert.deepEqual(['CN', 'UK', 'EU', 'US', 'US-MA', 'US-NYC'].map(ceaseAvailable), [false, false, false, true, true, true]);
});
