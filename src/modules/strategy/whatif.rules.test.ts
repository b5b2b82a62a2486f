/** What-if simulation: counts per action, channel and row, and what the gate would block. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { simulate, SAMPLE_ACCOUNTS_PER_ACTION, type SimulationCheck } from './whatif.rules.ts';
import { compileTable } from './decision.rules.ts';
import { facts, table } from './strategy.fixtures.ts';

const T = compileTable(table([
  { id: 'sms', priority: 1, conditions: { buckets: ['M1'] }, outputs: { action: 'sms_reminder', channel: 'sms', template: 's', priority: 20, fallback: [{ channel: 'email', template: 'e' }] } },
  { id: 'agency', priority: 2, conditions: { buckets: ['M3'] }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70 } },
]));

const portfolio = [
  ...Array.from({ length: 12 }, (_, i) => facts({ accountId: 100 + i })),
  facts({ accountId: 200, hasChannel: ['email'] }),
  facts({ accountId: 300, bucket: 'M3', dpd: 70 }),
  facts({ accountId: 400, bucket: 'M2', dpd: 40 }),
];

describe('simulate', () => {
  it('counts decisions per action, channel and row, and keeps a few account ids per action', () => {
    const s = simulate(T, portfolio);
    assert.deepEqual(
      { accounts: s.accounts, decided: s.decided, undecided: s.undecided, byAction: s.byAction, byChannel: s.byChannel, byRow: s.byRow, undecidedSample: s.undecidedSample, gate: s.gate },
      {
        accounts: 15, decided: 14, undecided: 1,
        byAction: { sms_reminder: 13, recommend_agency: 1 },
        byChannel: { sms: 12, email: 1, none: 1 },
        byRow: { sms: 13, agency: 1 },
        undecidedSample: [400],
        gate: null,
      },
    );
    assert.equal(s.samples.sms_reminder!.length, SAMPLE_ACCOUNTS_PER_ACTION);
    assert.deepEqual(s.samples.recommend_agency, [300]);
  });

  it('tries the fallback when the gate blocks the SMS, and counts the rule that blocked it', () => {
    // The gate blocks SMS for even account ids (a quiet-hours rule, say) and e-mail for account 104.
    const check: SimulationCheck = (f, d) => {
      if (d.channel === 'sms' && f.accountId % 2 === 0) return { decision: 'deny', ruleIds: ['CN-HOURS-01'] };
      if (d.channel === 'email' && f.accountId === 104) return { decision: 'require_action', ruleIds: ['FD-EMAIL-CONSENT'] };
      return { decision: 'allow', ruleIds: [] };
    };
    const s = simulate(T, portfolio, check);
    assert.deepEqual(s.gate, {
      checked: 13,
      allowed: 12,
      rescuedByFallback: 5,
      blocked: 1,
      blockedByRule: { 'CN-HOURS-01': 6, 'FD-EMAIL-CONSENT': 1 },
      byChannel: { sms: 6, email: 6 },
    });
  });

  it('does not check decisions that contact nobody', () => {
    let calls = 0;
    simulate(T, [facts({ bucket: 'M3', dpd: 70 })], () => {
      calls++;
      return { decision: 'deny', ruleIds: [] };
    });
    assert.equal(calls, 0);
  });

  it('passes the fallback channel and template to the check when it retries', () => {
    const seen: string[] = [];
    simulate(T, [facts({ accountId: 2 })], (_f, d) => {
      seen.push(`${d.channel}:${d.template}:${d.fallback.length}`);
      return { decision: d.channel === 'sms' ? 'deny' : 'allow', ruleIds: ['X'] };
    });
    assert.deepEqual(seen, ['sms:s:1', 'email:e:0']);
  });
});
