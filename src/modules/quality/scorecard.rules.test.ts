import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { PASS_MARK, SCORECARD, scoreAnswers } from './scorecard.rules.ts';
import type { Answer } from './quality.types.ts';

const all = (a: Answer) => Object.fromEntries(SCORECARD.map((c) => [c.code, a])) as Record<string, Answer>;

describe('reviewer scorecard', () => {
  it('weighs to 100 and has labels in both languages', () => {
    assert.equal(SCORECARD.reduce((s, c) => s + c.weight, 0), 100);
    for (const c of SCORECARD) assert.ok(c.label['zh-CN'] && c.label.en);
  });
  const rows: Array<[string, Record<string, Answer>, number, boolean]> = [
    ['everything met', all('met'), 100, true],
    ['no options offered (10)', { ...all('met'), offered_options: 'not_met' }, 90, true],
    ['amount and purpose missed (25)', { ...all('met'), accurate_amount: 'not_met', stated_purpose: 'not_met' }, 75, false],
    ['a threat fails the review despite a score of 80', { ...all('met'), no_threats: 'not_met' }, 80, false],
    ['not applicable criteria are left out of the base', { ...all('na'), no_threats: 'met', respectful_tone: 'not_met' }, 57, false],
    ['81.25 rounds down', { ...all('met'), offered_options: 'na', stated_purpose: 'na', identified_self_and_lender: 'not_met' }, 81, true],
    ['37.5 rounds half up', { ...all('na'), identified_self_and_lender: 'met', accurate_amount: 'not_met', stated_purpose: 'not_met' }, 38, false],
  ];
  for (const [what, answers, score, passed] of rows) {
    it(`${what} → ${score}, ${passed ? 'pass' : 'fail'}`, () => {
      const r = scoreAnswers(answers);
      assert.deepEqual([r.score, r.passed], [score, passed]);
    });
  }
  it(`passes at ${PASS_MARK} and names the failed critical criteria`, () => {
    const r = scoreAnswers({ ...all('met'), no_third_party_disclosure: 'not_met' });
    assert.deepEqual(r.failedCritical, ['no_third_party_disclosure']);
  });
  const refused: Array<[string, Record<string, Answer>, RegExp]> = [
    ['a missing criterion', (({ no_threats: _, ...rest }) => rest)(all('met')), /^answers\.no_threats: required/],
    ['an unknown criterion', { ...all('met'), smiled: 'met' }, /^answers\.smiled: not a criterion/],
    ['all not applicable', all('na'), /^answers: at least one criterion must apply/],
  ];
  for (const [what, answers, message] of refused) {
    it(`refuses ${what}`, () => assert.throws(() => scoreAnswers(answers), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION_FAILED' && message.test(e.message)));
  }
});
