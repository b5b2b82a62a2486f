import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, outcomeOf } from './fixtures/build.ts';

const london = { timeZones: ['Europe/London'] };

describe('UK-CONC-04 contact times', () => {
  const table: Array<[string, string, string]> = [
    ['denies 07:59:59 in winter because the policy window opens at 08:00', '2026-01-14T07:59:59Z', 'deny'],
    ['allows 08:00:00 in winter', '2026-01-14T08:00:00Z', 'allow'],
    ['allows 20:59:59 BST', '2026-06-10T20:59:59+01:00', 'allow'],
    ['denies 21:00:00 BST because 21:00 is inside the policy quiet time', '2026-06-10T21:00:00+01:00', 'deny'],
    ['allows 07:30Z on 29 March 2026, because clocks went forward and it is 08:30 BST', '2026-03-29T07:30:00Z', 'allow'],
    ['denies 07:30Z on 28 March 2026, because before the change it is 07:30 GMT', '2026-03-28T07:30:00Z', 'deny'],
    ['denies 07:30Z on 25 October 2026, because clocks went back and it is 07:30 GMT', '2026-10-25T07:30:00Z', 'deny'],
  ];
  for (const [name, now, decision] of table) it(name, () => assert.equal(check({ jurisdiction: 'UK', now, debtor: london }).decision, decision));

  it('uses Europe/London when the request gives no zone', () => {
    assert.equal(check({ jurisdiction: 'UK', now: '2026-03-29T07:30:00Z' }).decision, 'allow');
  });
  it('respects a shift worker’s request not to be called in the morning', () => {
    const debtor = { ...london, designations: [{ type: 'inconvenient_time' as const, startLocal: '08:00', endLocal: '13:00' }] };
    assert.equal(check({ jurisdiction: 'UK', now: '2026-01-14T10:00:00Z', debtor }).decision, 'deny');
    assert.equal(check({ jurisdiction: 'UK', now: '2026-01-14T14:00:00Z', debtor }).decision, 'allow');
  });
  it('respects a request not to be contacted by phone', () => {
    assert.equal(check({ jurisdiction: 'UK', now: '2026-01-14T10:00:00Z', debtor: { ...london, optOuts: [{ channel: 'call' }] } }).decision, 'deny');
  });
});

describe('UK-BS-01 Breathing Space', () => {
  const bs = (startDate: string, extra: Record<string, unknown> = {}) => ({ ...london, status: ['breathing_space' as const], breathingSpace: { kind: 'standard' as const, startDate, ...extra } });
  const at = (d: string) => `${d}T12:00:00+01:00`;

  it('allows a payment demand the day before a standard moratorium starts', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-04-30'), debtor: bs('2026-05-01') }).decision, 'allow');
  });
  it('denies a payment demand on the start date', () => {
    const v = check({ jurisdiction: 'UK', now: at('2026-05-01'), debtor: bs('2026-05-01') });
    assert.deepEqual(v.denyingRules, ['UK-BS-01']);
  });
  it('denies a payment demand on start + 60 days, which the pack keeps inside the moratorium (conservative)', () => {
    const v = check({ jurisdiction: 'UK', now: at('2026-06-30'), debtor: bs('2026-05-01') });
    assert.equal(v.decision, 'deny');
    assert.equal(v.nextAllowedAt, '2026-07-01T08:00:00+01:00');
  });
  it('allows contact the day after the moratorium ends', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-07-01'), debtor: bs('2026-05-01') }).decision, 'allow');
  });
  it('ends early when the moratorium was cancelled (endDate given)', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-05-20'), debtor: bs('2026-05-01', { endDate: '2026-05-15' }) }).decision, 'allow');
  });
  it('allows a statutory notice during the moratorium', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-05-10'), debtor: bs('2026-05-01'), action: { channel: 'letter', purpose: 'statutory_notice' } }).decision, 'allow');
  });
  it('allows contact with the debt adviser', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-05-10'), debtor: bs('2026-05-01'), action: { recipient: { role: 'debt_adviser' } } }).decision, 'allow');
  });
  it('allows collection of a debt outside the moratorium', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-05-10'), debtor: bs('2026-05-01', { debtIds: ['A'] }), action: { debtIds: ['B'] } }).decision, 'allow');
  });
  it('denies during a mental health crisis moratorium while treatment continues', () => {
    const debtor = { ...london, status: ['mental_health_crisis' as const], breathingSpace: { kind: 'mental_health_crisis' as const, startDate: '2026-01-05' } };
    const v = check({ jurisdiction: 'UK', now: at('2026-09-01'), debtor });
    assert.equal(v.decision, 'deny');
    assert.equal(v.nextAllowedAt, undefined);
  });
  it('ends a mental health crisis moratorium 30 days after treatment ends', () => {
    const debtor = { ...london, breathingSpace: { kind: 'mental_health_crisis' as const, startDate: '2026-01-05', treatmentEndDate: '2026-05-01' } };
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-05-31'), debtor }).decision, 'deny');
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-06-01'), debtor }).decision, 'allow');
  });
  it('denies when only the status says breathing space, with no dates', () => {
    assert.equal(check({ jurisdiction: 'UK', now: at('2026-05-10'), debtor: { ...london, status: ['breathing_space'] } }).decision, 'deny');
  });
});

describe('UK conduct rules', () => {
  const now = '2026-01-14T12:00:00Z';
  it('UK-CONC-01 requires a forbearance assessment before a default notice to a customer in difficulty', () => {
    const v = check({ jurisdiction: 'UK', now, debtor: { ...london, status: ['financial_difficulty'] }, action: { channel: 'letter', purpose: 'default_notice' } });
    assert.equal(v.requiredActions[0]?.action, 'assess_forbearance');
  });
  it('UK-CONC-01 allows the default notice once forbearance was assessed', () => {
    assert.equal(check({ jurisdiction: 'UK', now, debtor: { ...london, status: ['financial_difficulty'], forbearanceAssessed: true }, action: { channel: 'letter', purpose: 'default_notice' } }).decision, 'allow');
  });
  it('UK-VULN-01 flags every contact with a vulnerable customer', () => {
    assert.equal(check({ jurisdiction: 'UK', now, debtor: { ...london, status: ['vulnerable'] } }).decision, 'allow_with_flag');
  });
  it('UK-VULN-01 denies automated dialling to a vulnerable customer', () => {
    assert.equal(check({ jurisdiction: 'UK', now, debtor: { ...london, status: ['vulnerable'] }, action: { automated: true } }).decision, 'deny');
  });
  it('UK-CONC-06 denies a visit to a customer known to be vulnerable', () => {
    assert.equal(outcomeOf(check({ jurisdiction: 'UK', now, debtor: { ...london, status: ['vulnerable'] }, action: { channel: 'visit' } }), 'UK-CONC-06'), 'fail');
  });
  it('UK-CONC-02 denies pressure to sell the house', () => {
    assert.equal(check({ jurisdiction: 'UK', now, debtor: london, action: { channel: 'email', content: { text: 'You should sell your house to clear this.' } } }).decision, 'deny');
  });
  it('UK-CONC-07 denies a false claim that bailiffs are coming', () => {
    assert.deepEqual(check({ jurisdiction: 'UK', now, debtor: london, action: { channel: 'letter', content: { text: 'Bailiffs will attend your address next week.' } } }).denyingRules, ['UK-CONC-07']);
  });
  it('UK-CONC-05 denies telling a neighbour about the debt', () => {
    const v = check({ jurisdiction: 'UK', now, debtor: london, action: { purpose: 'locate_debtor', recipient: { role: 'third_party' }, channel: 'sms', content: { text: 'Tell John his loan payment is overdue.' } } });
    assert.equal(outcomeOf(v, 'UK-CONC-05'), 'fail');
  });
});

describe('EU baseline', () => {
  const now = '2026-01-14T12:00:00+01:00';
  const berlin = { timeZones: ['Europe/Berlin'] };
  it('EU-CSD-10 denies a call at 22:00 Berlin under the policy window', () => {
    assert.equal(check({ jurisdiction: 'EU', now: '2026-01-14T22:00:00+01:00', debtor: berlin }).decision, 'deny');
  });
  it('EU-CSD-10 allows a daytime call', () => {
    assert.equal(check({ jurisdiction: 'EU', now, debtor: berlin }).decision, 'allow');
  });
  it('EU-CSD-10 denies a threatening message as harassment', () => {
    assert.equal(check({ jurisdiction: 'EU', now, debtor: berlin, action: { channel: 'email', content: { text: 'Pay now or you will go to jail.' } } }).decision, 'deny');
  });
  it('EU-CSD-10 requires the transfer notice before a new owner’s first collection', () => {
    const v = check({ jurisdiction: 'EU', now, debtor: { ...berlin, transferNoticeSent: false }, action: { initiator: { kind: 'purchaser' } } });
    assert.equal(v.requiredActions[0]?.action, 'send_transfer_notice');
  });
  it('EU-CCD2-35 requires forbearance to be considered before enforcement', () => {
    assert.equal(check({ jurisdiction: 'EU', now, debtor: berlin, action: { channel: 'letter', purpose: 'enforcement' } }).requiredActions[0]?.action, 'consider_forbearance');
  });
  it('EU-GDPR-01 flags a locate-only call to a relative and denies a collection call', () => {
    assert.equal(check({ jurisdiction: 'EU', now, debtor: berlin, action: { purpose: 'locate_debtor', recipient: { role: 'contact' } } }).decision, 'allow_with_flag');
    assert.equal(check({ jurisdiction: 'EU', now, debtor: berlin, action: { recipient: { role: 'contact' } } }).decision, 'deny');
  });
});
