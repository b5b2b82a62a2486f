import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calls, check, outcomeOf, packsWith } from './fixtures/build.ts';

const ET = '-04:00'; // New York in daylight time (April–October 2026)
const ny = { timeZones: ['America/New_York'] };
const agency = { kind: 'agency' as const, id: 'ag1' };

describe('US-HOURS-01 inconvenient times', () => {
  const table: Array<[string, string, string]> = [
    ['denies a call at 07:59:59 because before 8 a.m. is inconvenient', `2026-05-05T07:59:59${ET}`, 'deny'],
    ['allows a call at 08:00:00 because 8 a.m. is not before 8 a.m.', `2026-05-05T08:00:00${ET}`, 'allow'],
    ['allows a call at 21:00:00 because 9 p.m. is not after 9 p.m.', `2026-05-05T21:00:00${ET}`, 'allow'],
    ['denies a call at 21:00:01 because after 9 p.m. is inconvenient', `2026-05-05T21:00:01${ET}`, 'deny'],
  ];
  for (const [name, now, decision] of table) {
    it(name, () => assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action: { initiator: agency } }).decision, decision));
  }

  it('applies to texts and e-mails by the time they are sent', () => {
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T22:00:00${ET}`, debtor: ny, action: { channel: 'email' } }).decision, 'deny');
  });

  it('gives nextAllowedAt 08:00 local for a call denied at 21:30', () => {
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T21:30:00${ET}`, debtor: ny }).nextAllowedAt, '2026-05-06T08:00:00-04:00');
  });

  describe('a consumer with two time zones: every known location must allow it', () => {
    const eastPacific = { timeZones: ['America/New_York', 'America/Los_Angeles'] };
    const eastMountain = { timeZones: ['America/New_York', 'America/Denver'] };
    it('denies 10:59 ET for an Eastern mobile and a Pacific address, because it is 07:59 Pacific', () => {
      assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T10:59:59${ET}`, debtor: eastPacific }).decision, 'deny');
    });
    it('allows 11:00 ET for an Eastern mobile and a Pacific address', () => {
      assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T11:00:00${ET}`, debtor: eastPacific }).decision, 'allow');
    });
    it('denies 21:00:01 ET for an Eastern mobile and a Pacific address, because it is after 9 p.m. ET', () => {
      assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T21:00:01${ET}`, debtor: eastPacific }).decision, 'deny');
    });
    it('allows 10:00 ET for an Eastern mobile and a Mountain landline', () => {
      assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T10:00:00${ET}`, debtor: eastMountain }).decision, 'allow');
      assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T09:59:00${ET}`, debtor: eastMountain }).decision, 'deny');
    });
    it('gives nextAllowedAt 11:00 ET when denied at 9:00 ET for Eastern and Pacific zones', () => {
      assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T09:00:00${ET}`, debtor: eastPacific }).nextAllowedAt, '2026-05-05T11:00:00-04:00');
    });
  });

  describe('daylight saving time', () => {
    it('allows 12:30Z on 8 March 2026 in New York, because clocks went forward and it is 08:30 EDT', () => {
      assert.equal(check({ jurisdiction: 'US', now: '2026-03-08T12:30:00Z', debtor: ny }).decision, 'allow');
    });
    it('denies 12:30Z on 7 March 2026 in New York, because before the change it is 07:30 EST', () => {
      assert.equal(check({ jurisdiction: 'US', now: '2026-03-07T12:30:00Z', debtor: ny }).decision, 'deny');
    });
    it('denies 12:30Z on 1 November 2026 in New York, because clocks went back and it is 07:30 EST', () => {
      assert.equal(check({ jurisdiction: 'US', now: '2026-11-01T12:30:00Z', debtor: ny }).decision, 'deny');
    });
    it('gives nextAllowedAt 08:00 EST on the day clocks go back', () => {
      assert.equal(check({ jurisdiction: 'US', now: '2026-11-01T05:30:00Z', debtor: ny }).nextAllowedAt, '2026-11-01T08:00:00-05:00');
    });
  });

  it('denies a call in a time the consumer designated as inconvenient', () => {
    const debtor = { ...ny, designations: [{ type: 'inconvenient_time' as const, days: ['tue' as const], startLocal: '15:00', endLocal: '17:00' }] };
    const v = check({ jurisdiction: 'US', now: `2026-05-05T15:30:00${ET}`, debtor });
    assert.equal(v.decision, 'deny');
    assert.equal(v.nextAllowedAt, '2026-05-05T17:00:00-04:00');
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-06T15:30:00${ET}`, debtor }).decision, 'allow');
  });

  it('accepts consent given directly to the collector for an early call, but not consent given to the creditor', () => {
    const direct = { ...ny, consents: [{ type: 'contact_time', startLocal: '07:00', endLocal: '08:00', givenTo: 'collector' as const }] };
    const viaCreditor = { ...ny, consents: [{ type: 'contact_time', startLocal: '07:00', endLocal: '08:00', givenTo: 'creditor' as const }] };
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T07:30:00${ET}`, debtor: direct }).decision, 'allow');
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T07:30:00${ET}`, debtor: viaCreditor }).decision, 'deny');
  });

  it('denies a letter to the home when the consumer designated home as inconvenient', () => {
    const debtor = { ...ny, designations: [{ type: 'inconvenient_place' as const, place: 'home' }] };
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T12:00:00${ET}`, debtor, action: { channel: 'letter', contactPoint: { type: 'home_address' } } }).decision, 'deny');
  });
});

describe('US-FREQ-01 the 7-in-7 presumptions (official examples of comment 14(b)(2))', () => {
  const day = (d: string, t = '10:00:00') => `2026-${d}T${t}${ET}`;
  const base = { jurisdiction: 'US' as const, debtor: ny, action: { debtIds: ['X'], initiator: agency } };

  it('14(b)(2)(i)-1.i: allows a call on Wed 8 April after a call with a message on 1 April and one unanswered call each day 2–7 April', () => {
    const history = [...calls([day('04-01')], { outcome: 'voicemail', debtIds: ['X'] }), ...calls(['04-02', '04-03', '04-04', '04-05', '04-06', '04-07'].map((d) => day(d)), { debtIds: ['X'] })];
    assert.equal(check({ ...base, now: day('04-08'), history }).decision, 'allow');
  });

  it('14(b)(2)(i)-1.ii: allows a call on Thu 20 August after a consumer-initiated conversation on Thu 13 August', () => {
    const history = [{ at: day('08-13'), channel: 'call' as const, direction: 'inbound' as const, outcome: 'connected' as const, debtIds: ['X'] }];
    assert.equal(check({ ...base, now: day('08-20'), history }).decision, 'allow');
  });

  it('14(b)(2)(i)-1.ii: denies a call on 19 August, within 7 days of that conversation, and names 20 August', () => {
    const history = [{ at: day('08-13'), channel: 'call' as const, direction: 'inbound' as const, outcome: 'connected' as const, debtIds: ['X'] }];
    const v = check({ ...base, now: day('08-19'), history });
    assert.equal(v.decision, 'deny');
    assert.equal(v.nextAllowedAt, '2026-08-20T08:00:00-04:00');
  });

  it('14(b)(2)(i)-1.iii: allows the seventh unanswered location call to a third party in 7 days', () => {
    const history = calls(['10-06', '10-07', '10-08', '10-09', '10-10', '10-11'].map((d) => day(d)), { recipientRole: 'third_party', personId: 'tp1', debtIds: ['X'] });
    const v = check({ ...base, now: day('10-12'), action: { ...base.action, purpose: 'locate_debtor', recipient: { role: 'third_party', personId: 'tp1' } }, history });
    assert.equal(outcomeOf(v, 'US-FREQ-01'), 'pass');
    assert.equal(v.decision, 'allow');
  });

  it('14(b)(2)(ii)-1.i: denies the eighth call in 7 days (message 1 April, two calls on 2, 3 and 6 April, then one on 7 April)', () => {
    const history = [
      ...calls([day('04-01')], { outcome: 'voicemail', debtIds: ['X'] }),
      ...calls(['04-02', '04-03', '04-06'].flatMap((d) => [day(d, '10:00:00'), day(d, '15:00:00')]), { debtIds: ['X'] }),
    ];
    assert.equal(check({ ...base, now: day('04-07', '11:00:00'), history: history.slice(1) }).decision, 'allow');
    const v = check({ ...base, now: day('04-07', '11:00:00'), history });
    assert.equal(v.decision, 'deny');
    assert.equal(outcomeOf(v, 'US-FREQ-01', 'seven-in-seven'), 'fail');
    assert.equal(v.nextAllowedAt, '2026-04-08T08:00:00-04:00');
  });

  it('14(b)(2)(ii)-1.ii: denies any call before Fri 21 August after an unanswered call on 11 August and a conversation on Fri 14 August', () => {
    const history = [...calls([day('08-11')], { debtIds: ['X'] }), ...calls([day('08-14')], { outcome: 'connected', debtIds: ['X'] })];
    const v = check({ ...base, now: day('08-20', '20:00:00'), history });
    assert.equal(v.decision, 'deny');
    assert.equal(v.nextAllowedAt, '2026-08-21T08:00:00-04:00');
    assert.equal(check({ ...base, now: day('08-21'), history }).decision, 'allow');
  });

  it('does not count busy signals or numbers out of service, because they never connected', () => {
    const history = calls(['04-01', '04-02', '04-03', '04-04', '04-05', '04-06', '04-07'].map((d) => day(d)), { outcome: 'busy', debtIds: ['X'] });
    assert.equal(outcomeOf(check({ ...base, now: day('04-07', '18:00:00'), history }), 'US-FREQ-01', 'seven-in-seven'), undefined);
  });

  it('counts ringless voicemail as a call', () => {
    const history = [...calls(['04-01', '04-02', '04-03', '04-04', '04-05', '04-06'].map((d) => day(d)), { debtIds: ['X'] }), { at: day('04-07'), channel: 'voicemail' as const, outcome: 'voicemail' as const, debtIds: ['X'] }];
    assert.equal(check({ ...base, now: day('04-07', '18:00:00'), history }).decision, 'deny');
  });

  it('does not count texts and e-mails, which are not telephone calls', () => {
    const history = ['04-01', '04-02', '04-03', '04-04', '04-05', '04-06', '04-07'].map((d) => ({ at: day(d), channel: 'sms' as const, outcome: 'delivered' as const, debtIds: ['X'] }));
    assert.equal(outcomeOf(check({ ...base, now: day('04-07', '18:00:00'), history }), 'US-FREQ-01', 'seven-in-seven'), undefined);
  });

  it('counts each debt separately, so 7 calls about debt Y do not stop a call about debt X', () => {
    const history = calls(['04-01', '04-02', '04-03', '04-04', '04-05', '04-06', '04-07'].map((d) => day(d)), { debtIds: ['Y'] });
    assert.equal(check({ ...base, now: day('04-07', '18:00:00'), history }).decision, 'allow');
  });

  it('excludes calls placed within 7 days of consent given directly to the collector', () => {
    const debtor = { ...ny, consents: [{ type: 'call_frequency', givenAt: day('04-01', '09:00:00'), givenTo: 'collector' as const }] };
    const history = calls(['04-01', '04-02', '04-03', '04-04', '04-05', '04-06', '04-07'].map((d) => day(d)), { debtIds: ['X'] });
    assert.equal(check({ ...base, debtor, now: day('04-07', '18:00:00'), history }).decision, 'allow');
  });

  it('blocks a redial to the same number within 5 minutes as engine policy (rapid succession)', () => {
    const history = calls([day('04-07', '10:00:00')], { debtIds: ['X'], contactPoint: '+1 212 555 0100' });
    const v = check({ ...base, now: day('04-07', '10:03:00'), action: { ...base.action, contactPoint: { type: 'mobile', value: '+12125550100' } }, history });
    assert.equal(outcomeOf(v, 'US-FREQ-01', 'rapid-redial'), 'fail');
    assert.equal(v.nextAllowedAt, '2026-04-07T10:05:00-04:00');
  });

  it('flags a fourth call in one day as concentrated calling', () => {
    const history = calls([day('04-07', '09:00:00'), day('04-07', '11:00:00'), day('04-07', '13:00:00')], { debtIds: ['X'] });
    assert.equal(check({ ...base, now: day('04-07', '16:00:00'), history }).decision, 'allow_with_flag');
  });
});

describe('US holds, media and content', () => {
  const now = `2026-05-05T12:00:00${ET}`;
  it('US-ATTY-01 denies contacting a represented consumer directly', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: { ...ny, status: ['attorney_represented'] } }).decision, 'deny');
  });
  it('US-ATTY-01 allows contacting the attorney', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: { ...ny, status: ['attorney_represented'] }, action: { recipient: { role: 'attorney' } } }).decision, 'allow');
  });
  it('US-CEASE-01 denies collection after a cease-communication notice', () => {
    assert.deepEqual(check({ jurisdiction: 'US', now, debtor: { ...ny, ceaseRequested: true } }).denyingRules, ['US-CEASE-01']);
  });
  it('US-CEASE-01 allows the letter saying collection efforts are terminated', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: { ...ny, ceaseRequested: true }, action: { channel: 'letter', purpose: 'cease_confirmation' } }).decision, 'allow');
  });
  it('US-DISP-01 holds collection on a disputed debt until verification is sent', () => {
    const debtor = { ...ny, disputes: [{ debtId: 'X', status: 'open' as const }] };
    assert.deepEqual(check({ jurisdiction: 'US', now, debtor, action: { debtIds: ['X'] } }).denyingRules, ['US-DISP-01']);
    assert.equal(check({ jurisdiction: 'US', now, debtor: { ...ny, disputes: [{ debtId: 'X', status: 'verification_sent' as const }] }, action: { debtIds: ['X'] } }).decision, 'allow');
  });
  it('US-MEDIUM-01 denies a voicemail after "stop calling", because it covers all calls', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: { ...ny, optOuts: [{ channel: 'call' }] }, action: { channel: 'voicemail' } }).decision, 'deny');
  });
  it('US-MEDIUM-01 denies one opted-out e-mail address but allows another', () => {
    const debtor = { ...ny, optOuts: [{ channel: 'email' as const, value: 'a@example.com' }] };
    const text = 'Reply STOP to opt out.';
    assert.equal(check({ jurisdiction: 'US', now, debtor, action: { channel: 'email', contactPoint: { type: 'email', value: 'a@example.com' }, content: { text } } }).decision, 'deny');
    assert.equal(check({ jurisdiction: 'US', now, debtor, action: { channel: 'email', contactPoint: { type: 'email', value: 'b@example.com' }, content: { text } } }).decision, 'allow');
  });
  it('US-EOPT-01 requires an opt-out notice in a text that has none', () => {
    const v = check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'sms', content: { text: 'Please call us at 800-555-0100.' } } });
    assert.equal(v.decision, 'require_action');
    assert.equal(v.requiredActions[0]?.action, 'add_opt_out_notice');
  });
  it('US-EMAIL-01 denies e-mail to an employer-provided address', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'email', contactPoint: { type: 'work_email', value: 'j@employer.com' } } }).decision, 'deny');
  });
  it('US-WORK-01 denies a call to work after the consumer said the employer forbids it', () => {
    const debtor = { ...ny, designations: [{ type: 'no_work_contact' as const }] };
    assert.equal(check({ jurisdiction: 'US', now, debtor, action: { contactPoint: { type: 'work_phone', value: '2125550199' } } }).decision, 'deny');
  });
  it('US-3P-01 denies asking a third party about the debt', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action: { recipient: { role: 'third_party', personId: 'n1' } } }).decision, 'deny');
  });
  it('US-3P-01 allows one location call to a neighbour and denies a second one', () => {
    const action = { purpose: 'locate_debtor', recipient: { role: 'third_party' as const, personId: 'n1' } };
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action }).decision, 'allow');
    const history = [{ at: `2026-05-01T12:00:00${ET}`, channel: 'call' as const, recipientRole: 'third_party' as const, personId: 'n1', outcome: 'connected' as const }];
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action, history }).decision, 'deny');
  });
  it('US-3P-01 treats the spouse as the consumer', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action: { recipient: { role: 'spouse' } } }).decision, 'allow');
  });
  it('US-LCM-01 classifies a voicemail with only a name, a callback request and a number as a limited-content message', () => {
    const v = check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'voicemail', content: { text: 'Hi, this is Jane Lee from ACME Services. Please call me back at 800-555-0100.' } } });
    assert.equal(v.classification, 'limited_content_message');
    assert.equal(v.decision, 'allow');
  });
  it('US-LCM-01 classifies a voicemail that mentions a debt as a communication and flags it', () => {
    const v = check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'voicemail', content: { text: 'This is a debt collector calling about your overdue balance.' } } });
    assert.equal(v.classification, 'communication');
    assert.equal(v.decision, 'allow_with_flag');
  });
  it('US-DISC-01 requires an agency’s text to say it is from a debt collector', () => {
    const v = check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'sms', initiator: agency, content: { text: 'Your account needs attention. Reply STOP to opt out.' } } });
    assert.equal(v.requiredActions[0]?.action, 'add_debt_collector_disclosure');
  });
  it('US-VAL-01 requires the validation notice in or within 5 days of the initial communication', () => {
    const v = check({ jurisdiction: 'US', now, debtor: { ...ny, validationNotice: {} }, action: { initiator: agency } });
    assert.equal(v.decision, 'require_action');
    assert.equal(v.requiredActions[0]?.action, 'send_validation_notice');
  });
  it('US-VAL-01 passes once the notice was provided, and reports the validation period', () => {
    const v = check({ jurisdiction: 'US', now, debtor: { ...ny, validationNotice: { providedAt: `2026-05-01T12:00:00${ET}` } }, action: { initiator: agency } });
    assert.equal(outcomeOf(v, 'US-VAL-01'), 'pass');
    // 1 May (Fri) + 5 business days = 8 May; + 30 days = 7 June
    assert.match(v.trace.find((t) => t.ruleId === 'US-VAL-01')!.reason.en, /assumed received 2026-05-08, validation period ends 2026-06-07/);
  });
  it('US-VAL-01 skips federal holidays when counting to assumed receipt', () => {
    // sent Fri 22 May 2026; Memorial Day is Mon 25 May → receipt Mon 1 June
    const v = check({ jurisdiction: 'US', now, debtor: { ...ny, validationNotice: { providedAt: `2026-05-22T12:00:00${ET}` } }, action: { initiator: agency } });
    assert.match(v.trace.find((t) => t.ruleId === 'US-VAL-01')!.reason.en, /assumed received 2026-06-01/);
  });
  it('US-CRA-01 denies furnishing on 14 May after a letter mailed on 1 May and allows it on 15 May', () => {
    const history = [{ at: `2026-05-01T12:00:00${ET}`, channel: 'letter' as const, outcome: 'delivered' as const, debtIds: ['X'] }];
    const action = { channel: 'letter' as const, purpose: 'credit_furnishing', debtIds: ['X'], initiator: agency };
    const denied = check({ jurisdiction: 'US', now: `2026-05-14T12:00:00${ET}`, debtor: ny, action, history });
    assert.equal(denied.decision, 'deny');
    assert.equal(denied.nextAllowedAt, '2026-05-15T00:00:00-04:00');
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-15T12:00:00${ET}`, debtor: ny, action, history }).decision, 'allow');
  });
  it('US-CRA-01 allows furnishing after speaking to the consumer', () => {
    const history = [{ at: `2026-05-04T12:00:00${ET}`, channel: 'call' as const, outcome: 'connected' as const, debtIds: ['X'] }];
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'letter', purpose: 'credit_furnishing', debtIds: ['X'] }, history }).decision, 'allow');
  });
  it('US-TBD-01 denies a threat of suit on a time-barred debt', () => {
    const v = check({ jurisdiction: 'US', now, debtor: ny, debts: [{ debtId: 'X', timeBarred: true }], action: { channel: 'letter', debtIds: ['X'], content: { text: 'We will file a lawsuit unless you pay.' } } });
    assert.deepEqual(v.denyingRules, ['US-TBD-01']);
  });
  it('US-HARASS-01 denies abusive content', () => {
    assert.equal(check({ jurisdiction: 'US', now, debtor: ny, action: { channel: 'email', content: { text: 'Pay up, you deadbeat. Reply STOP to opt out.' } } }).decision, 'deny');
  });
  it('US-SCOPE-01 leaves a creditor outside Regulation F when the pack is set that way', () => {
    const packs = packsWith({ US: { appliesToCreditors: false } });
    assert.equal(check({ jurisdiction: 'US', now: `2026-05-05T22:00:00${ET}`, debtor: ny, action: { initiator: { kind: 'lender' } } }, packs).decision, 'allow');
  });
});

describe('state overlays stack on the federal pack', () => {
  const day = (d: string, t = '10:00:00') => `2026-${d}T${t}${ET}`;
  it('US-MA-01 denies a third call or text in 7 days to a personal number for one debt', () => {
    const history = calls([day('05-01'), day('05-03')], { debtIds: ['X'], contactPoint: { type: 'mobile', value: '6175550100' } });
    const v = check({ jurisdiction: 'US-MA', now: day('05-05'), debtor: { timeZones: ['America/New_York'] }, action: { debtIds: ['X'], contactPoint: { type: 'mobile', value: '6175550100' } }, history });
    assert.deepEqual(v.denyingRules, ['US-MA-01']);
    assert.equal(v.nextAllowedAt, '2026-05-08T08:00:00-04:00');
    assert.deepEqual(v.packs.map((p) => p.id), ['US', 'US-MA']);
  });
  it('US-MA-01 still applies the federal hours', () => {
    assert.deepEqual(check({ jurisdiction: 'US-MA', now: day('05-05', '21:30:00'), debtor: ny }).denyingRules, ['US-HOURS-01']);
  });
  it('US-MA-01 limits work numbers to 2 in 30 days', () => {
    const history = calls([day('04-10'), day('04-20')], { debtIds: ['X'], contactPoint: { type: 'work_phone', value: '6175550199' } });
    assert.equal(check({ jurisdiction: 'US-MA', now: day('05-05'), debtor: ny, action: { debtIds: ['X'], contactPoint: { type: 'work_phone', value: '6175550199' } }, history }).decision, 'deny');
  });
  it('US-WA-01 denies a fourth communication with the debtor in a week', () => {
    const history = [day('05-01'), day('05-02'), day('05-04')].map((at) => ({ at, channel: 'sms' as const, outcome: 'delivered' as const }));
    const v = check({ jurisdiction: 'US-WA', now: '2026-05-05T10:00:00-07:00', debtor: { timeZones: ['America/Los_Angeles'] }, action: { channel: 'letter' }, history });
    assert.deepEqual(v.denyingRules, ['US-WA-01']);
  });
  it('US-NYC-01 denies a third communication in 7 days', () => {
    const history = [day('05-01'), day('05-03')].map((at) => ({ at, channel: 'sms' as const, outcome: 'delivered' as const }));
    assert.deepEqual(check({ jurisdiction: 'US-NYC', now: day('05-05'), debtor: ny, action: { channel: 'letter' }, history }).denyingRules, ['US-NYC-01']);
  });
  it('US-NYC-01 does not count consumer-initiated contacts', () => {
    const history = [day('05-01'), day('05-03')].map((at) => ({ at, channel: 'call' as const, direction: 'inbound' as const, outcome: 'connected' as const }));
    assert.equal(outcomeOf(check({ jurisdiction: 'US-NYC', now: day('05-12'), debtor: ny, action: { channel: 'letter' }, history }), 'US-NYC-01'), 'pass');
  });
});
