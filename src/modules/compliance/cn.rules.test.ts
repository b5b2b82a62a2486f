import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { calls, check, outcomeOf, packsWith, rows } from './fixtures/build.ts';

const SH = '+08:00';
const debtor = { timeZones: ['Asia/Shanghai'] };

describe('CN-HOURS-01 quiet hours', () => {
  const table: Array<[string, string, string]> = [
    ['allows a call at 21:59:59 Shanghai because the CN ban starts at 22:00', `2026-03-10T21:59:59${SH}`, 'allow'],
    ['denies a call at 22:00:00 Shanghai because 22:00:00 is inside the CN ban', `2026-03-10T22:00:00${SH}`, 'deny'],
    ['denies a call at 03:00 Shanghai because night is inside the CN ban', `2026-03-11T03:00:00${SH}`, 'deny'],
    ['denies a call at 07:59:59 Shanghai because the CN ban lasts until 08:00', `2026-03-11T07:59:59${SH}`, 'deny'],
    ['allows a call at 08:00:00 Shanghai because 08:00:00 is outside the CN ban', `2026-03-11T08:00:00${SH}`, 'allow'],
    ['denies at 22:30 Shanghai even when now is given in UTC, because local time decides', '2026-03-10T14:30:00Z', 'deny'],
  ];
  for (const [name, now, decision] of table) {
    it(name, () => assert.equal(check({ jurisdiction: 'CN', now, debtor }).decision, decision));
  }

  it('gives nextAllowedAt 08:00 the next morning for a call denied at 22:00', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-03-10T22:00:00${SH}`, debtor });
    assert.equal(v.nextAllowedAt, '2026-03-11T08:00:00+08:00');
    assert.deepEqual(v.denyingRules, ['CN-HOURS-01']);
  });

  it('gives nextAllowedAt 08:00 the same morning for a call denied at 06:00', () => {
    assert.equal(check({ jurisdiction: 'CN', now: `2026-03-11T06:00:00${SH}`, debtor }).nextAllowedAt, '2026-03-11T08:00:00+08:00');
  });

  it('applies to SMS and field visits, not to letters, because letters are not sent at a time of day', () => {
    assert.equal(check({ jurisdiction: 'CN', now: `2026-03-10T23:00:00${SH}`, debtor, action: { channel: 'sms' } }).decision, 'deny');
    assert.equal(outcomeOf(check({ jurisdiction: 'CN', now: `2026-03-10T23:00:00${SH}`, debtor, action: { channel: 'visit', initiator: { kind: 'lender', collectors: 2 }, recording: true } }), 'CN-HOURS-01'), 'fail');
    assert.equal(outcomeOf(check({ jurisdiction: 'CN', now: `2026-03-10T23:00:00${SH}`, debtor, action: { channel: 'letter' } }), 'CN-HOURS-01'), 'not_applicable');
  });

  it('allows 22:30 when the debtor agreed to contact between 21:00 and 23:00', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-03-10T22:30:00${SH}`, debtor: { ...debtor, consents: [{ type: 'contact_time', startLocal: '21:00', endLocal: '23:00' }] } });
    assert.equal(v.decision, 'allow');
  });

  it('still denies 23:30 when the agreed window is 21:00–23:00', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-03-10T23:30:00${SH}`, debtor: { ...debtor, consents: [{ type: 'contact_time', from: '21:00', to: '23:00' }] } });
    assert.equal(v.decision, 'deny');
  });

  it('denies 21:30 when the pack is set to the conservative 21:00 quiet start', () => {
    const packs = packsWith({ CN: { quietStartLocalMinutes: 21 * 60 } });
    assert.equal(check({ jurisdiction: 'CN', now: `2026-03-10T21:30:00${SH}`, debtor }, packs).decision, 'deny');
    assert.equal(check({ jurisdiction: 'CN', now: `2026-03-10T21:30:00${SH}`, debtor }).decision, 'allow');
  });

  it('denies a debtor in London at 15:00 local because it is 23:00 in Shanghai and the stricter zone wins', () => {
    const v = check({ jurisdiction: 'CN', now: '2026-01-10T15:00:00Z', debtor: { timeZones: ['Europe/London'] } });
    assert.equal(v.decision, 'deny');
  });

  it('denies a debtor in Shanghai whose second zone is at night, because every known zone must allow it', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-01-10T12:00:00${SH}`, debtor: { timeZones: ['Asia/Shanghai', 'America/New_York'] } });
    assert.equal(v.decision, 'deny');
    assert.ok(v.nextAllowedAt === undefined || Date.parse(v.nextAllowedAt) > Date.parse(`2026-01-10T10:00:00${SH}`));
  });
});

describe('CN-FREQ-01 connected conversations per debtor per day', () => {
  const at = (h: string) => `2026-03-10T${h}${SH}`;
  const connected = (times: string[], extra: Record<string, unknown> = {}) => calls(times.map(at), { outcome: 'connected', ...extra });

  it('allows a third conversation because two connected calls today are under the cap of 3', () => {
    assert.equal(check({ jurisdiction: 'CN', now: at('15:00:00'), debtor, history: connected(['09:00:00', '10:00:00']) }).decision, 'allow');
  });

  it('denies a fourth call because 3 connected institution-initiated conversations today reach the cap', () => {
    const v = check({ jurisdiction: 'CN', now: at('15:00:00'), debtor, history: connected(['09:00:00', '10:00:00', '11:00:00']) });
    assert.equal(v.decision, 'deny');
    assert.deepEqual(v.denyingRules, ['CN-FREQ-01']);
    assert.equal(v.nextAllowedAt, '2026-03-11T08:00:00+08:00');
  });

  it('counts conversations across the lender and all its agencies', () => {
    const history = [
      ...connected(['09:00:00'], { initiator: { kind: 'lender', id: 'bank' } }),
      ...connected(['10:00:00'], { initiator: { kind: 'agency', id: 'agency-a' } }),
      ...connected(['11:00:00'], { initiator: { kind: 'agency', id: 'agency-b' } }),
    ];
    const v = check({ jurisdiction: 'CN', now: at('15:00:00'), debtor, action: { initiator: { kind: 'agency', id: 'agency-c' } }, history });
    assert.equal(v.decision, 'deny');
  });

  it('counts per initiator only when the pack is set to that scope', () => {
    const packs = packsWith({ CN: { conversationCountScope: 'initiator' } });
    const history = connected(['09:00:00', '10:00:00', '11:00:00'], { initiator: { kind: 'agency', id: 'agency-a' } });
    const v = check({ jurisdiction: 'CN', now: at('15:00:00'), debtor, action: { initiator: { kind: 'agency', id: 'agency-b' } }, history }, packs);
    assert.equal(outcomeOf(v, 'CN-FREQ-01'), 'pass');
  });

  it('does not count debtor-initiated calls, because the cap is on institution-initiated conversations', () => {
    const history = [...connected(['09:00:00', '10:00:00']), ...connected(['11:00:00', '12:00:00'], { direction: 'inbound' })];
    assert.equal(check({ jurisdiction: 'CN', now: at('15:00:00'), debtor, history }).decision, 'allow');
  });

  it('does not count yesterday’s conversations, because the cap is per local day', () => {
    const history = calls(['2026-03-09T20:00:00+08:00', '2026-03-09T20:10:00+08:00', '2026-03-09T20:20:00+08:00'], { outcome: 'connected' });
    assert.equal(check({ jurisdiction: 'CN', now: at('08:00:00'), debtor, history }).decision, 'allow');
  });

  it('does not apply to an SMS', () => {
    assert.equal(outcomeOf(check({ jurisdiction: 'CN', now: at('15:00:00'), debtor, action: { channel: 'sms' }, history: connected(['09:00:00', '10:00:00', '11:00:00']) }), 'CN-FREQ-01'), 'not_applicable');
  });
});

describe('CN-FREQ-02 unanswered attempts per contact point per day', () => {
  const at = (h: string) => `2026-03-10T${h}${SH}`;
  const number = { type: 'mobile', value: '138 0000 0000' };
  const unanswered = (n: number, value = '13800000000') => calls(Array.from({ length: n }, (_, i) => at(`${String(9 + i).padStart(2, '0')}:00:00`)), { contactPoint: value });

  it('allows a sixth attempt because five unanswered attempts are under the cap of 6', () => {
    assert.equal(check({ jurisdiction: 'CN', now: at('16:00:00'), debtor, action: { contactPoint: number }, history: unanswered(5) }).decision, 'allow');
  });
  it('denies a seventh attempt because six unanswered attempts to the same number reach the cap', () => {
    const v = check({ jurisdiction: 'CN', now: at('16:00:00'), debtor, action: { contactPoint: number }, history: unanswered(6) });
    assert.equal(v.decision, 'deny');
    assert.deepEqual(v.denyingRules, ['CN-FREQ-02']);
  });
  it('allows a call to another number after six unanswered attempts to the first', () => {
    assert.equal(check({ jurisdiction: 'CN', now: at('16:00:00'), debtor, action: { contactPoint: { type: 'mobile', value: '13900000000' } }, history: unanswered(6) }).decision, 'allow');
  });
  it('lets the debtor agree to more attempts', () => {
    const d = { ...debtor, consents: [{ type: 'contact_frequency', maxPerDay: 8 }] };
    assert.equal(check({ jurisdiction: 'CN', now: at('16:00:00'), debtor: d, action: { contactPoint: number }, history: unanswered(6) }).decision, 'allow');
  });
});

describe('CN-3P-01 and CN-PIPL-02 contacts and third parties', () => {
  const now = `2026-03-10T15:00:00${SH}`;
  const toDebtor = (times: string[], outcome: string, direction = 'outbound') =>
    times.map((t) => ({ at: `2026-03-10T${t}${SH}`, channel: 'call', recipientRole: 'debtor', outcome, direction }));
  const contact = { channel: 'call' as const, purpose: 'locate_debtor', recipient: { role: 'contact' as const, personId: 'c1' } };

  it('denies calling a contact while the debtor has not been tried, because contacts are only for an unreachable debtor', () => {
    const v = check({ jurisdiction: 'CN', now, debtor, action: contact });
    assert.equal(v.decision, 'deny');
    assert.equal(outcomeOf(v, 'CN-3P-01'), 'fail');
  });
  it('denies calling a contact after two failed attempts, because three consecutive failures are needed', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: contact, history: toDebtor(['09:00:00', '10:00:00'], 'unanswered') as never }).decision, 'deny');
  });
  it('allows calling a contact after three consecutive failed attempts to the debtor', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: contact, history: toDebtor(['09:00:00', '10:00:00', '11:00:00'], 'unanswered') as never }).decision, 'allow');
  });
  it('denies calling a contact when the debtor answered after earlier failures, because the run of failures was broken', () => {
    const history = [...toDebtor(['09:00:00', '10:00:00', '11:00:00'], 'unanswered'), ...toDebtor(['12:00:00'], 'connected')];
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: contact, history: history as never }).decision, 'deny');
  });
  it('denies calling a contact when the debtor called in after the failures', () => {
    const history = [...toDebtor(['09:00:00', '10:00:00', '11:00:00'], 'unanswered'), ...toDebtor(['12:00:00'], 'connected', 'inbound')];
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: contact, history: history as never }).decision, 'deny');
  });
  it('allows calling a contact when the debtor’s own number is invalid', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: contact, history: toDebtor(['09:00:00'], 'invalid_number') as never }).decision, 'allow');
  });
  it('allows calling a contact when the debtor is deceased', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['deceased'] }, action: contact }).decision, 'allow');
  });
  it('allows calling a contact when the debtor is incapacitated', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['incapacitated'] }, action: contact }).decision, 'allow');
  });
  it('denies asking a contact to pay, because a contact may only help reach the debtor', () => {
    const v = check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['deceased'] }, action: { ...contact, purpose: 'collection' } });
    assert.equal(v.decision, 'deny');
    assert.equal(outcomeOf(v, 'CN-PIPL-02', 'purpose'), 'fail');
  });
  it('denies a message to a contact that mentions the overdue loan, because the debt may not be disclosed', () => {
    const v = check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['deceased'] }, action: { ...contact, channel: 'sms', content: { text: '请转告张三尽快处理逾期欠款' } } });
    assert.equal(outcomeOf(v, 'CN-PIPL-02', 'disclosure'), 'fail');
  });
  it('allows a neutral message to a contact asking the debtor to call back', () => {
    const v = check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['deceased'] }, action: { ...contact, channel: 'sms', content: { text: '您好，请转告张三回电4001234567，谢谢。' } } });
    assert.equal(v.decision, 'allow');
  });
  it('denies a contact who refused before, permanently', () => {
    const history = [...toDebtor(['09:00:00', '10:00:00', '11:00:00'], 'unanswered'), { at: '2026-02-01T10:00:00+08:00', channel: 'call', recipientRole: 'contact', personId: 'c1', outcome: 'refused' }];
    const v = check({ jurisdiction: 'CN', now, debtor, action: contact, history: history as never });
    assert.equal(outcomeOf(v, 'CN-PIPL-02', 'refusal'), 'fail');
    assert.equal(v.decision, 'deny');
  });
  it('denies a contact taken from the debtor’s address book', () => {
    const v = check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['deceased'] }, action: { ...contact, recipient: { role: 'contact', personId: 'c9', source: 'address_book' } } });
    assert.equal(v.decision, 'deny');
  });
  it('denies collecting from an unrelated third party', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { recipient: { role: 'third_party' } } }).decision, 'deny');
  });
  it('denies calling the debtor’s employer', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { recipient: { role: 'employer' } } }).decision, 'deny');
  });
  it('flags a third party who volunteered to pay, because that is the only exception', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { purpose: 'voluntary_payment', recipient: { role: 'third_party' } } }).decision, 'allow_with_flag');
  });
  it('allows calling the guarantor', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { recipient: { role: 'guarantor' } } }).decision, 'allow');
  });
  it('treats the spouse as a contact by default', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { recipient: { role: 'spouse' } } }).decision, 'deny');
  });
});

describe('CN-VISIT-01 field visits', () => {
  const now = `2026-03-10T10:00:00${SH}`;
  it('denies a visit by one collector because at least two are required', () => {
    const v = check({ jurisdiction: 'CN', now, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: 1 }, recording: true } });
    assert.equal(v.decision, 'deny');
  });
  it('allows a visit by two collectors with full recording in the daytime', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: ['a', 'b'] }, recording: true } }).decision, 'allow');
  });
  it('denies a visit without recording', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: 2 }, recording: false } }).decision, 'deny');
  });
  it('requires recording to be arranged when the request does not say', () => {
    const v = check({ jurisdiction: 'CN', now, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: 2 } } });
    assert.equal(v.decision, 'require_action');
    assert.equal(v.requiredActions[0]?.action, 'record_visit');
  });
  it('denies a visit at 22:30 because visits may not take place in quiet hours', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-03-10T22:30:00${SH}`, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: 2 }, recording: true } });
    assert.deepEqual(v.denyingRules, ['CN-HOURS-01']);
  });
  it('flags a visit on National Day because the pack flags visits on statutory holidays', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-10-02T10:00:00${SH}`, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: 2 }, recording: true } });
    assert.equal(v.decision, 'allow_with_flag');
  });
  it('does not flag a visit on a make-up working day (调休), because it is a working day', () => {
    const v = check({ jurisdiction: 'CN', now: `2026-10-10T10:00:00${SH}`, debtor, action: { channel: 'visit', initiator: { kind: 'agency', collectors: 2 }, recording: true } });
    assert.equal(v.decision, 'allow');
  });
});

describe('CN-PROHIB-01 prohibited conduct', () => {
  const now = `2026-03-10T10:00:00${SH}`;
  const sms = (text: string, extra: Record<string, unknown> = {}) => check({ jurisdiction: 'CN', now, debtor, action: { channel: 'sms', content: { text }, ...extra } });
  const table: Array<[string, string]> = [
    ['a threat to tell the employer', '再不还钱就通知你单位领导'],
    ['an insult', '你这个老赖'],
    ['impersonating the police', '我们是公安局经侦大队，请配合'],
    ['a fictitious blacklist', '您已被列入全国黑名单'],
    ['an exaggerated consequence', '不还款将追究刑事责任，让你坐牢'],
    ['an extra collection fee', '需另外支付催收费200元'],
    ['pushing the debtor to borrow to repay', '可以去网贷借钱还'],
    ['a threat to post publicly', '不还就把你的照片发到朋友圈曝光'],
  ];
  for (const [what, text] of table) {
    it(`denies an SMS with ${what}`, () => {
      const v = sms(text);
      assert.equal(v.decision, 'deny');
      assert.equal(outcomeOf(v, 'CN-PROHIB-01', 'content'), 'fail');
    });
  }
  it('allows a factual reminder that mentions the credit report', () => {
    assert.equal(sms('【某银行】您的借款已逾期3天，逾期将按约定计收罚息并可能影响个人征信。如已还款请忽略。').decision, 'allow');
  });
  it('denies an agency call from an unregistered number, because private phones are not allowed', () => {
    const v = check({ jurisdiction: 'CN', now, debtor, action: { initiator: { kind: 'agency', id: 'a1' }, contactPoint: { type: 'mobile', value: '13800000000', callerNumberRegistered: false } } });
    assert.equal(outcomeOf(v, 'CN-PROHIB-01', 'caller-number'), 'fail');
  });
  it('requires an agency to confirm a registered number when the request does not say', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { initiator: { kind: 'agency', id: 'a1' } } }).decision, 'require_action');
  });
  it('denies a public posting', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: { channel: 'letter', content: { text: '催收公告', public: true } } }).decision, 'deny');
  });
});

describe('CN-CREDIT-01 notice before adverse credit reporting', () => {
  const now = `2026-03-20T10:00:00${SH}`;
  const furnish = { channel: 'letter' as const, purpose: 'credit_furnishing' };
  it('requires a pre-notice before the first adverse report', () => {
    const v = check({ jurisdiction: 'CN', now, debtor, action: furnish });
    assert.equal(v.decision, 'require_action');
    assert.equal(v.requiredActions[0]?.action, 'send_credit_report_notice');
  });
  it('denies furnishing 3 days after the notice, with the date it becomes possible', () => {
    const history = [{ at: `2026-03-17T10:00:00${SH}`, channel: 'sms', outcome: 'delivered', purpose: 'credit_report_notice' }];
    const v = check({ jurisdiction: 'CN', now, debtor, action: furnish, history: history as never });
    assert.equal(v.decision, 'deny');
    assert.equal(v.nextAllowedAt, '2026-03-24T00:00:00+08:00');
  });
  it('allows furnishing 7 days after the notice', () => {
    const history = [{ at: `2026-03-13T10:00:00${SH}`, channel: 'sms', outcome: 'delivered', purpose: 'credit_report_notice' }];
    assert.equal(check({ jurisdiction: 'CN', now, debtor, action: furnish, history: history as never }).decision, 'allow');
  });
});

describe('FD holds in the CN pack', () => {
  const now = `2026-03-10T10:00:00${SH}`;
  it('denies collection on a disputed debt until it is verified', () => {
    const v = check({ jurisdiction: 'CN', now, debtor: { ...debtor, disputes: [{ debtId: 'L1', status: 'open' }] }, action: { debtIds: ['L1'] } });
    assert.deepEqual(v.denyingRules, ['FD-DISPUTE-01']);
  });
  it('allows the dispute response itself', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor: { ...debtor, disputes: [{ debtId: 'L1', status: 'open' }] }, action: { debtIds: ['L1'], purpose: 'dispute_response' } }).decision, 'allow');
  });
  it('allows collection on another debt that is not disputed', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor: { ...debtor, disputes: [{ debtId: 'L1', status: 'open' }] }, action: { debtIds: ['L2'] } }).decision, 'allow');
  });
  it('denies calling a deceased debtor', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor: { ...debtor, status: ['deceased'] } }).decision, 'deny');
  });
  it('flags a debtor who asked to stop, because CN law gives no right to stop collection', () => {
    assert.equal(check({ jurisdiction: 'CN', now, debtor: { ...debtor, ceaseRequested: true } }).decision, 'allow_with_flag');
  });
  it('keeps one trace row per rule check with its source and status', () => {
    const v = check({ jurisdiction: 'CN', now, debtor });
    for (const r of v.trace) {
      assert.match(r.ruleId, /^(CN|FD)-/);
      assert.ok(r.reason['zh-CN'].length > 0 && r.reason.en.length > 0);
      assert.ok(['P', 'S', 'U'].includes(r.source.status));
    }
    assert.ok(rows(v, 'CN-HOURS-01').length === 1);
  });
});
