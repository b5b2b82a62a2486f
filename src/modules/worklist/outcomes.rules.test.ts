import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OUTCOME_CODES, OUTCOME_RULES, nextActionFor, isCallable, type OutcomeCode } from './outcomes.rules.ts';

const TODAY = '2026-03-10';

// code, compliance outcome, recipient role, RPC, next action, next action on, flags, why
const rows: Array<[OutcomeCode, string, string, boolean, string, string | null, string, string]> = [
  ['rpc', 'connected', 'debtor', true, 'follow_up', '2026-03-13', '', 'the debtor was reached; follow up in 3 days'],
  ['ptp', 'connected', 'debtor', true, 'follow_up', '2026-03-16', 'promise', 'the debtor promised to pay by 03-15; follow up the day after'],
  ['no_answer', 'unanswered', 'debtor', false, 'retry', '2026-03-11', '', 'nobody answered; retry the next day'],
  ['busy', 'busy', 'debtor', false, 'retry', '2026-03-10', '', 'the line was busy; retry later the same day'],
  ['voicemail', 'voicemail', 'debtor', false, 'retry', '2026-03-12', '', 'a voicemail answered; retry in 2 days'],
  ['wrong_number', 'invalid_number', 'debtor', false, 'skip_trace', '2026-03-10', 'invalid', 'the number is not the debtor’s; find another one today'],
  ['refused', 'refused', 'debtor', true, 'supervisor_review', '2026-03-17', 'supervisor', 'the debtor refused; no call for 7 days and a supervisor looks at it'],
  ['dispute', 'connected', 'debtor', true, 'open_dispute', '2026-03-10', 'stop', 'the debtor disputes the debt; collection stops until it is settled'],
  ['hardship', 'connected', 'debtor', true, 'offer_plan', '2026-03-10', '', 'the debtor cannot pay; offer a plan'],
  ['third_party', 'connected', 'third_party', false, 'retry', '2026-03-12', '', 'someone else answered and was told nothing; retry the debtor in 2 days'],
  ['deceased', 'connected', 'third_party', false, 'supervisor_review', null, 'supervisor,stop', 'the debtor died; collection stops and a supervisor reviews'],
];

test('every outcome code has exactly one row in this table', () => {
  assert.deepEqual(rows.map((r) => r[0]).sort(), [...OUTCOME_CODES].sort());
});

for (const [code, outcome, role, rpc, action, on, flags, why] of rows) {
  test(`${code}: ${why}`, () => {
    const r = OUTCOME_RULES[code];
    assert.deepEqual([r.history.outcome, r.history.recipientRole, r.rightPartyContact], [outcome, role, rpc]);
    assert.deepEqual(nextActionFor(code, { today: TODAY, promiseDueOn: '2026-03-15' }), { nextAction: action, nextActionOn: on });
    const actual = [r.promise === 'required' && 'promise', r.invalidatesContactPoint && 'invalid', r.supervisorReview && 'supervisor', r.stopsCollection && 'stop'].filter(Boolean).join(',');
    assert.equal(actual, flags);
  });
}

test('a promise outcome without the promised date is a programming error, not a silent default', () => {
  assert.throws(() => nextActionFor('ptp', { today: TODAY }), /needs the promised date/);
});

const callable: Array<[{ outcome: OutcomeCode; nextActionOn: string | null } | null, boolean, string]> = [
  [null, true, 'a case never called can be called'],
  [{ outcome: 'no_answer', nextActionOn: '2026-03-10' }, true, 'the retry date has come'],
  [{ outcome: 'refused', nextActionOn: '2026-03-17' }, false, 'a refusal keeps the phone quiet for 7 days'],
  [{ outcome: 'dispute', nextActionOn: '2026-03-01' }, false, 'a dispute stops collection whatever the date'],
  [{ outcome: 'deceased', nextActionOn: null }, false, 'after a death nobody calls'],
];
for (const [last, expected, why] of callable) {
  test(`callable on ${TODAY}: ${expected} because ${why}`, () => {
    assert.equal(isCallable(last, TODAY), expected);
  });
}
