import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, outcomeOf } from './fixtures/build.ts';

// A weekday morning in every pack's allowed hours.
const at = { CN: '2026-03-10T10:00:00+08:00', UK: '2026-03-10T10:00:00Z', US: '2026-03-10T10:00:00-05:00', EU: '2026-03-10T10:00:00+01:00' } as const;
const zones = { CN: 'Asia/Shanghai', UK: 'Europe/London', US: 'America/New_York', EU: 'Europe/Berlin' } as const;

describe('FD-STATUS-01 legal hold: a debt whose legal case holds contact', () => {
  const table: Array<[string, 'automated' | 'all' | undefined, { channel: 'sms' | 'call' | 'letter' | 'email'; purpose: string; automated?: boolean }, 'fail' | 'pass']> = [
    ['holds a collection SMS under an automated hold', 'automated', { channel: 'sms', purpose: 'collection' }, 'fail'],
    ['holds a collection letter under an automated hold', 'automated', { channel: 'letter', purpose: 'collection' }, 'fail'],
    ['holds a robot call under an automated hold', 'automated', { channel: 'call', purpose: 'collection', automated: true }, 'fail'],
    ['lets a collector\'s own call through under an automated hold', 'automated', { channel: 'call', purpose: 'collection' }, 'pass'],
    ['holds a collector\'s call under an all-contacts hold', 'all', { channel: 'call', purpose: 'collection' }, 'fail'],
    ['lets a statutory notice through under an all-contacts hold', 'all', { channel: 'letter', purpose: 'statutory_notice' }, 'pass'],
    ['lets an answer to the debtor through under an all-contacts hold', 'all', { channel: 'email', purpose: 'response_to_debtor' }, 'pass'],
    ['holds nothing without a legal case', undefined, { channel: 'sms', purpose: 'collection' }, 'pass'],
  ];
  for (const j of ['CN', 'UK', 'US', 'EU'] as const) {
    for (const [name, hold, action, outcome] of table) {
      it(`${j}: ${name}`, () => {
        const v = check({
          jurisdiction: j, now: at[j], debtor: { timeZones: [zones[j]] },
          action: { ...action, debtIds: ['L1'] }, debts: [{ debtId: 'L1', ...(hold ? { legalHold: hold } : {}) }],
        });
        assert.equal(outcomeOf(v, 'FD-STATUS-01'), outcome);
        if (outcome === 'fail') {
          assert.equal(outcomeOf(v, 'FD-STATUS-01', 'legal-hold'), 'fail');
          assert.equal(v.decision, 'deny');
        }
      });
    }
  }

  it('holds only the debt in proceedings: a contact about another debt of the debtor passes', () => {
    const v = check({
      jurisdiction: 'CN', now: at.CN, debtor: { timeZones: [zones.CN] },
      action: { channel: 'sms', purpose: 'collection', debtIds: ['L2'] }, debts: [{ debtId: 'L1', legalHold: 'all' }, { debtId: 'L2' }],
    });
    assert.equal(outcomeOf(v, 'FD-STATUS-01'), 'pass');
  });

  it('names the debt and says why in zh-CN and en', () => {
    const v = check({ jurisdiction: 'CN', now: at.CN, debtor: { timeZones: [zones.CN] }, action: { channel: 'sms', purpose: 'collection', debtIds: ['L1'] }, debts: [{ debtId: 'L1', legalHold: 'automated' }] });
    const row = v.trace.find((t) => t.ruleId === 'FD-STATUS-01')!;
    assert.match(row.reason['zh-CN'], /债务L1已进入诉讼程序/);
    assert.match(row.reason.en, /debt L1 is in legal proceedings/);
  });
});
