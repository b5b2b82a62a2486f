/** docs/strategy.md shows the shipped tables as they are and documents every field, finding and metric. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileTable, decide } from './decision.rules.ts';
import { DEFAULT_TABLES } from './defaults/index.ts';
import { markdownRow } from './strategy.docs.ts';
import { facts } from './strategy.fixtures.ts';
import { AccountFactsSchema, ConditionsSchema, FINDING_KINDS, GUARDRAIL_METRICS, OutputsSchema, RowSchema } from './strategy.types.ts';

const DOC = readFileSync(new URL('../../../docs/strategy.md', import.meta.url), 'utf8');

describe('docs/strategy.md', () => {
  for (const t of DEFAULT_TABLES) {
    it(`shows every row of ${t.code} as the table has it`, () => {
      const section = DOC.slice(DOC.indexOf(`### ${t.jurisdiction} (\`${t.code}\`)`));
      for (const r of t.rows) assert.ok(section.includes(markdownRow(r)), `${t.code}: ${markdownRow(r)}`);
    });
  }

  it('documents every condition, output, row field and fact', () => {
    for (const key of [...Object.keys(ConditionsSchema.shape), ...Object.keys(OutputsSchema.shape), ...Object.keys(RowSchema.shape), ...Object.keys(AccountFactsSchema.shape)]) {
      assert.ok(DOC.includes(`\`${key}\``), `${key} is not documented`);
    }
  });

  it('documents every finding kind and guardrail metric', () => {
    for (const k of [...FINDING_KINDS, ...GUARDRAIL_METRICS]) assert.ok(DOC.includes(`\`${k}\``), `${k} is not documented`);
  });

  it('tells the CN first week as the table does it: SMS, e-mail, SMS, push on days 1, 3, 5, 7', () => {
    const cn = compileTable(DEFAULT_TABLES.find((t) => t.code === 'cn-default')!);
    const taken: Record<string, number> = {};
    let last: number | null = null;
    const actions: string[] = [];
    for (let dpd = 1; dpd <= 7; dpd++) {
      const since = Object.fromEntries(Object.entries(taken).map(([a, d]) => [a, dpd - d]));
      const d = decide(cn, facts({ dpd, daysSinceAction: since, daysSinceLastContact: last === null ? null : dpd - last }))!;
      actions.push(d.action);
      if (d.action !== 'none') {
        taken[d.action] = dpd;
        last = dpd;
      }
    }
    assert.deepEqual(actions, ['sms_reminder', 'none', 'email_reminder', 'none', 'sms_reminder', 'none', 'push_reminder']);
    assert.ok(DOC.includes('at most every other day: SMS, then e-mail,\nSMS, push'));
  });
});
