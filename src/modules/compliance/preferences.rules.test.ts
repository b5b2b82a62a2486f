import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, outcomeOf, rows } from './fixtures/build.ts';

// A Tuesday, 10:00 and 19:30 local, inside every pack's statutory hours.
const morning = { CN: '2026-03-10T10:00:00+08:00', UK: '2026-03-10T10:00:00Z', US: '2026-03-10T10:00:00-05:00', EU: '2026-03-10T10:00:00+01:00' } as const;
const evening = { CN: '2026-03-10T19:30:00+08:00', UK: '2026-03-10T19:30:00Z', US: '2026-03-10T19:30:00-05:00', EU: '2026-03-10T19:30:00+01:00' } as const;
const zones = { CN: 'Asia/Shanghai', UK: 'Europe/London', US: 'America/New_York', EU: 'Europe/Berlin' } as const;
const phone = '+86 138 0000 0001';

type Debtor = Record<string, unknown>;
type Action = { channel: 'sms' | 'call' | 'letter' | 'email' | 'voicemail'; purpose: string; contactPoint?: { type: string; value: string } };

describe('FD-PREF-01: the channels and hours the debtor chose, in every pack', () => {
  const table: Array<[string, Debtor, Action, 'morning' | 'evening', 'fail' | 'pass', string?]> = [
    ['denies an SMS after an SMS opt-out', { optOuts: [{ channel: 'sms' }] }, { channel: 'sms', purpose: 'collection' }, 'morning', 'fail', 'channel'],
    ['lets a call through after an SMS opt-out', { optOuts: [{ channel: 'sms' }] }, { channel: 'call', purpose: 'collection' }, 'morning', 'pass'],
    ['denies a voicemail after a call opt-out (one voice medium)', { optOuts: [{ channel: 'call' }] }, { channel: 'voicemail', purpose: 'collection' }, 'morning', 'fail', 'channel'],
    ['denies everything after an opt-out of all media', { optOuts: [{ channel: 'all' }] }, { channel: 'letter', purpose: 'collection' }, 'morning', 'fail', 'channel'],
    ['denies only the number opted out', { optOuts: [{ channel: 'call', value: '+8613800000001' }] }, { channel: 'call', purpose: 'collection', contactPoint: { type: 'mobile', value: phone } }, 'morning', 'fail', 'channel'],
    ['lets another number through', { optOuts: [{ channel: 'call', value: '+8613900000009' }] }, { channel: 'call', purpose: 'collection', contactPoint: { type: 'mobile', value: phone } }, 'morning', 'pass'],
    ['ignores an opt-out that starts later', { optOuts: [{ channel: 'sms', at: '2027-01-01T00:00:00Z' }] }, { channel: 'sms', purpose: 'collection' }, 'morning', 'pass'],
    ['denies a medium staff recorded as inconvenient', { designations: [{ type: 'inconvenient_medium', channel: 'email' }] }, { channel: 'email', purpose: 'collection' }, 'morning', 'fail', 'channel'],
    ['lets an opt-out confirmation through', { optOuts: [{ channel: 'sms' }] }, { channel: 'sms', purpose: 'opt_out_confirmation' }, 'morning', 'pass'],
    ['lets a statutory notice through', { optOuts: [{ channel: 'all' }] }, { channel: 'letter', purpose: 'statutory_notice' }, 'morning', 'pass'],
    ['denies a call in a window the debtor chose as inconvenient', { designations: [{ type: 'inconvenient_time', startLocal: '19:00', endLocal: '21:00' }] }, { channel: 'call', purpose: 'collection' }, 'evening', 'fail', 'hours'],
    ['lets the call through outside that window', { designations: [{ type: 'inconvenient_time', startLocal: '19:00', endLocal: '21:00' }] }, { channel: 'call', purpose: 'collection' }, 'morning', 'pass'],
    ['applies a window only on its days', { designations: [{ type: 'inconvenient_time', startLocal: '19:00', endLocal: '21:00', days: ['sat', 'sun'] }] }, { channel: 'sms', purpose: 'collection' }, 'evening', 'pass'],
    ['lets a letter through in the window (it arrives with the post)', { designations: [{ type: 'inconvenient_time', startLocal: '19:00', endLocal: '21:00' }] }, { channel: 'letter', purpose: 'collection' }, 'evening', 'pass'],
    ['lets a call through in the window when the debtor agreed to that time', {
      designations: [{ type: 'inconvenient_time', startLocal: '19:00', endLocal: '21:00' }],
      consents: [{ type: 'contact_time', startLocal: '19:00', endLocal: '21:00', givenAt: '2026-03-01T00:00:00Z' }],
    }, { channel: 'call', purpose: 'collection' }, 'evening', 'pass'],
    ['passes with no preferences', {}, { channel: 'sms', purpose: 'collection' }, 'evening', 'pass'],
  ];
  for (const j of ['CN', 'UK', 'US', 'EU'] as const) {
    for (const [name, debtor, action, when, outcome, checkName] of table) {
      it(`${j}: ${name}`, () => {
        const v = check({
          jurisdiction: j, now: (when === 'morning' ? morning : evening)[j], debtor: { timeZones: [zones[j]], ...debtor } as never,
          action: { ...action, debtIds: ['L1'] } as never, debts: [{ debtId: 'L1' }],
        });
        assert.equal(outcomeOf(v, 'FD-PREF-01'), outcome);
        if (outcome === 'fail') {
          assert.equal(outcomeOf(v, 'FD-PREF-01', checkName), 'fail');
          assert.equal(v.decision, 'deny');
          assert.ok(v.denyingRules.includes('FD-PREF-01'));
        }
      });
    }
  }

  it('CN: the debtor\'s chosen hours defer a call to the end of the window, on top of the statutory quiet hours', () => {
    const v = check({
      jurisdiction: 'CN', now: evening.CN, debtor: { timeZones: [zones.CN], designations: [{ type: 'inconvenient_time', startLocal: '19:00', endLocal: '23:00' }] },
      action: { channel: 'call', purpose: 'collection', debtIds: ['L1'] }, debts: [{ debtId: 'L1' }],
    });
    assert.deepEqual(v.denyingRules, ['FD-PREF-01']);
    // 23:00 is inside CN-HOURS-01's 22:00–08:00 ban: the next allowed moment is 08:00 the next morning.
    assert.equal(v.nextAllowedAt, '2026-03-11T08:00:00+08:00');
    assert.equal(rows(v, 'FD-PREF-01', 'hours')[0]?.reason.en, 'the debtor chose not to be contacted 19:00–23:00');
    assert.equal(rows(v, 'FD-PREF-01', 'hours')[0]?.reason['zh-CN'], '债务人已选择不在19:00–23:00联系');
  });

  it('CN: an SMS opt-out denies with the channel named in zh-CN and en, and no later time (it lasts until the debtor changes it)', () => {
    const v = check({
      jurisdiction: 'CN', now: morning.CN, debtor: { timeZones: [zones.CN], optOuts: [{ channel: 'sms', at: '2026-03-01T00:00:00Z' }] },
      action: { channel: 'sms', purpose: 'collection', debtIds: ['L1'] }, debts: [{ debtId: 'L1' }],
    });
    assert.deepEqual(v.denyingRules, ['FD-PREF-01']);
    assert.equal(v.nextAllowedAt, undefined);
    const row = rows(v, 'FD-PREF-01', 'channel')[0]!;
    assert.equal(row.reason['zh-CN'], '债务人已选择不通过sms联系');
    assert.equal(row.reason.en, 'the debtor chose not to be contacted by sms');
  });
});
