/**
 * The default tables read as the escalation ladder: single decisions per jurisdiction, and an unpaying
 * debtor walked day by day from the first day overdue, with each day's action fed back as history.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileTable, decide } from './decision.rules.ts';
import { CN_LEGAL_FROM_M4_BALANCE_MINOR, DEFAULT_BUCKET_DOMAIN, DEFAULT_TABLES, PRE_DUE_RISK_SCORE } from './defaults/index.ts';
import { facts } from './strategy.fixtures.ts';
import { STRATEGY_JURISDICTIONS, type AccountFacts, type Action, type DecisionTable } from './strategy.types.ts';
import { JURISDICTIONS } from '../compliance/index.ts';
import { DEFAULT_TEMPLATES } from '../contacts/index.ts';

const byJurisdiction = (j: string): DecisionTable => DEFAULT_TABLES.find((t) => t.jurisdiction === j)!;
const CN = compileTable(byJurisdiction('CN'));
const US = compileTable(byJurisdiction('US'));
const UK = compileTable(byJurisdiction('UK'));

const bucketOf = (dpd: number) => DEFAULT_BUCKET_DOMAIN.buckets.find((b) => dpd >= b.minDpd && (b.maxDpd === null || dpd <= b.maxDpd))!.code;
const at = (dpd: number, over: Partial<AccountFacts> = {}) => facts({ bucket: bucketOf(dpd), dpd, ...over });
const risky = { bucket: 'M0', dpd: 0, riskScore: PRE_DUE_RISK_SCORE };

const CASES: Array<[string, ReturnType<typeof compileTable>, AccountFacts, Action | null, string?]> = [
  ['CN: a risky account due in 3 days gets an app push', CN, facts({ ...risky, daysToDue: 3 }), 'push_reminder', 'push'],
  ['CN: a risky account due tomorrow gets an SMS', CN, facts({ ...risky, daysToDue: 1 }), 'sms_reminder', 'sms'],
  ['CN: a risky account due in 2 days gets nothing (reminders on D-3 and D-1 only)', CN, facts({ ...risky, daysToDue: 2 }), 'none'],
  ['CN: a low-risk account due tomorrow gets nothing', CN, facts({ ...risky, riskScore: PRE_DUE_RISK_SCORE - 1, daysToDue: 1 }), 'none'],
  ['CN: DPD 1 starts with a friendly SMS', CN, at(1), 'sms_reminder', 'sms'],
  ['CN: DPD 2 after yesterday\'s SMS is a rest day', CN, at(2, { daysSinceLastContact: 1, daysSinceAction: { sms_reminder: 1 } }), 'none'],
  ['CN: DPD 3, two days after the SMS, sends an e-mail', CN, at(3, { daysSinceLastContact: 2, daysSinceAction: { sms_reminder: 2 } }), 'email_reminder', 'email'],
  ['CN: DPD 10 is a robot call', CN, at(10), 'robot_call', 'robot_call'],
  ['CN: DPD 10 without a phone to call gets an SMS instead', CN, at(10, { hasChannel: ['sms', 'in_app'] }), 'robot_call', 'sms'],
  ['CN: DPD 20 is a collector call', CN, at(20), 'collector_call', 'collector_call'],
  ['CN: about one month overdue (DPD 30) the case goes to one-to-one handling', CN, at(30), 'one_to_one', 'collector_call'],
  ['CN: M2, a week after one-to-one started, brings the letter', CN, at(37, { daysSinceAction: { one_to_one: 7 } }), 'letter', 'letter'],
  ['CN: M3 recommends an agency', CN, at(61), 'recommend_agency', 'none'],
  ['CN: M4 with a large balance recommends legal action', CN, at(95, { balanceMinor: CN_LEGAL_FROM_M4_BALANCE_MINOR }), 'recommend_legal'],
  ['CN: M4 with a small balance stays with the agency', CN, at(95, { balanceMinor: CN_LEGAL_FROM_M4_BALANCE_MINOR - 1 }), 'recommend_agency'],
  ['CN: M6+ recommends legal action whatever the balance', CN, at(200, { balanceMinor: 10_000 }), 'recommend_legal'],
  ['CN: an open promise to pay is left alone', CN, at(20, { promiseState: 'open' }), 'none'],
  ['CN: an active plan is left alone', CN, at(45, { planState: 'active' }), 'none'],
  ['CN: a broken promise brings a collector call', CN, at(5, { promiseState: 'broken' }), 'collector_call'],
  ['US: the first overdue action is the validation notice, legally required', US, at(1, { jurisdiction: 'US', validationNoticeSent: false }), 'letter', 'letter'],
  ['US: while the validation notice is on its way nothing else is planned, even at DPD 20', US, at(20, { jurisdiction: 'US', validationNoticeSent: false, daysSinceAction: { letter: 2 } }), 'none'],
  ['US: after the notice, reminders start by e-mail', US, at(3, { jurisdiction: 'US' }), 'email_reminder'],
  ['US: DPD 12 is a collector call', US, at(12, { jurisdiction: 'US' }), 'collector_call'],
  ['US: no call two days after the last one (calls every third day at most)', US, at(14, { jurisdiction: 'US', daysSinceAction: { collector_call: 2, email_reminder: 1 } }), 'none'],
  ['US: a risky account due in 3 days gets an app push', US, facts({ ...risky, jurisdiction: 'US', daysToDue: 3 }), 'push_reminder'],
  ['UK: the first overdue contact offers an income & expenditure review', UK, at(1, { jurisdiction: 'UK' }), 'email_reminder', 'email'],
  ['UK: the I&E offer goes by letter when there is no e-mail address', UK, at(1, { jurisdiction: 'UK', hasChannel: ['letter', 'sms'] }), 'email_reminder', 'letter'],
  ['UK: DPD 20 is a call to agree an affordable plan', UK, at(20, { jurisdiction: 'UK' }), 'collector_call'],
  ['UK: M2 sends the notice of sums in arrears first', UK, at(31, { jurisdiction: 'UK' }), 'letter', 'letter'],
  ['UK: a risky account due tomorrow gets an SMS', UK, facts({ ...risky, jurisdiction: 'UK', daysToDue: 1 }), 'sms_reminder'],
];

describe('default tables, one decision at a time', () => {
  for (const [name, table, f, action, channel] of CASES) {
    it(name, () => {
      const d = decide(table, f);
      assert.equal(d?.action ?? null, action);
      if (channel) assert.equal(d?.channel, channel);
    });
  }

  it('marks the US validation notice and the UK arrears notice as legally required, so a holdout still gets them', () => {
    assert.equal(decide(US, at(1, { validationNoticeSent: false }))?.legallyRequired, true);
    assert.equal(decide(UK, at(31))?.legallyRequired, true);
    assert.equal(decide(CN, at(1))?.legallyRequired, false);
  });

  it('names only templates the contacts module ships, each for the channel it is sent on', () => {
    const shipped = new Set(DEFAULT_TEMPLATES.map((t) => `${t.code}@${t.channel}`));
    for (const t of DEFAULT_TABLES) {
      for (const r of t.rows) {
        for (const e of [{ channel: r.outputs.channel, template: r.outputs.template ?? null }, ...r.outputs.fallback]) {
          if (e.channel === 'none') continue;
          assert.ok(shipped.has(`${e.template}@${e.channel}`), `${t.code}/${r.id}: no template ${e.template} for ${e.channel}`);
        }
      }
    }
  });

  it('lists the same jurisdictions as the compliance packs', () => {
    assert.deepEqual([...STRATEGY_JURISDICTIONS].sort(), [...JURISDICTIONS].sort());
  });
});

/**
 * One debtor who never pays and is reachable everywhere, from DPD 1 for `days` days: each day's decision
 * becomes the history the next day reads (days since each action and since the last contact).
 */
function walk(table: ReturnType<typeof compileTable>, days: number, start: Partial<AccountFacts> = {}) {
  const lastTaken = new Map<Action, number>();
  let lastContact: number | null = null;
  let validationNoticeSent = start.validationNoticeSent ?? true;
  const out: Array<{ dpd: number; action: Action; channel: string }> = [];
  for (let dpd = 1; dpd <= days; dpd++) {
    const since = Object.fromEntries([...lastTaken].map(([a, d]) => [a, dpd - d]));
    const d = decide(table, at(dpd, { ...start, balanceMinor: 2 * CN_LEGAL_FROM_M4_BALANCE_MINOR, daysSinceAction: since, daysSinceLastContact: lastContact === null ? null : dpd - lastContact, validationNoticeSent }));
    assert.ok(d, `DPD ${dpd}: no decision`);
    out.push({ dpd, action: d.action, channel: d.channel });
    if (d.action !== 'none') lastTaken.set(d.action, dpd);
    if (d.channel !== 'none') lastContact = dpd;
    if (d.template === 'validation_notice') validationNoticeSent = true;
  }
  return out;
}

const firstTimes = (steps: ReturnType<typeof walk>) => [...new Set(steps.filter((s) => s.action !== 'none').map((s) => s.action))];

describe('default tables, an unpaying debtor day by day', () => {
  it('CN climbs the ladder the seeds describe: reminders, robot calls, collectors, one-to-one, letter, agency, legal', () => {
    assert.deepEqual(firstTimes(walk(CN, 200)), ['sms_reminder', 'email_reminder', 'push_reminder', 'robot_call', 'in_app_message', 'collector_call', 'one_to_one', 'letter', 'recommend_agency', 'recommend_legal']);
  });

  it('CN contacts at most every other day in the first week', () => {
    const week = walk(CN, 7).filter((s) => s.channel !== 'none').map((s) => s.dpd);
    assert.deepEqual(week, [1, 3, 5, 7]);
  });

  it('US sends the validation notice before any other contact, then never calls on consecutive days nor more than 3 times in 7 days', () => {
    const steps = walk(US, 200, { jurisdiction: 'US', validationNoticeSent: false });
    assert.deepEqual(steps[0], { dpd: 1, action: 'letter', channel: 'letter' });
    const calls = steps.filter((s) => s.channel === 'collector_call' || s.channel === 'robot_call').map((s) => s.dpd);
    assert.ok(calls.length > 0);
    for (let i = 1; i < calls.length; i++) assert.ok(calls[i]! - calls[i - 1]! >= 2, `calls on DPD ${calls[i - 1]} and ${calls[i]}`);
    for (const d of calls) assert.ok(calls.filter((c) => c >= d && c < d + 7).length <= 3, `more than 3 calls in the 7 days from DPD ${d}`);
    assert.deepEqual(firstTimes(steps), ['letter', 'email_reminder', 'sms_reminder', 'collector_call', 'one_to_one', 'recommend_agency', 'recommend_legal']);
  });

  it('UK opens with the I&E offer and repeats the arrears notice six-monthly', () => {
    const steps = walk(UK, 400, { jurisdiction: 'UK' });
    assert.equal(steps[0]!.action, 'email_reminder');
    const notices = steps.filter((s) => s.action === 'letter').map((s) => s.dpd);
    assert.deepEqual(notices, [31, 211, 391]);
  });
});
