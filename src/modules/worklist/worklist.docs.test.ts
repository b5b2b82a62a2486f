import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DEFAULT_PROMISE_POLICY } from '../negotiation/index.ts';
import { OUTCOME_CODES, OUTCOME_RULES, type FollowUp } from './outcomes.rules.ts';

const DOC = readFileSync(new URL('../../../docs/worklist.md', import.meta.url), 'utf8');

const when = (f: FollowUp) => (f.from === 'none' ? 'none' : f.from === 'promise_due' ? `promised date + ${f.days}` : f.days === 0 ? 'business date' : `business date + ${f.days}`);

test('docs/worklist.md lists every outcome code as the rules define it', () => {
  for (const code of OUTCOME_CODES) {
    const r = OUTCOME_RULES[code];
    const line = DOC.split('\n').find((l) => l.startsWith(`| \`${code}\` |`));
    assert.ok(line, `${code} is not in the outcome table`);
    const cells = line.split('|').slice(2, 9).map((c) => c.trim());
    assert.deepEqual(cells, [r.label['zh-CN'], r.history.outcome, r.history.recipientRole, r.rightPartyContact ? 'yes' : 'no', r.nextAction, when(r.followUp), cells[6]], code);
  }
});

test('docs/worklist.md states the shipped promise policy', () => {
  for (const [field, value] of Object.entries(DEFAULT_PROMISE_POLICY)) {
    if (field === 'version') continue;
    assert.match(DOC, new RegExp(`\\| \`${field}\` \\| ${value.toLocaleString('en')} \\|`), field);
  }
});
