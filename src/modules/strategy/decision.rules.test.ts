/** Table tests and properties of the decision table evaluator. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compileTable, decide, decideReference, inCadence, reachableFor, rowDecision, rowMatches } from './decision.rules.ts';
import { validateTable } from './validate.rules.ts';
import { DEFAULT_BUCKET_DOMAIN } from './defaults/index.ts';
import { facts, factsArb, row, rowArb, table, tableArb } from './strategy.fixtures.ts';
import type { AccountFacts, DecisionTable } from './strategy.types.ts';

const none = { action: 'none', channel: 'none', priority: 0 } as const;
const T = table([
  { id: 'predue', priority: 10, conditions: { buckets: ['M0'], daysToDue: { min: 1, max: 3 }, riskScore: { min: 600 } },
    outputs: { action: 'sms_reminder', channel: 'sms', template: 'pre.sms', priority: 10, cadenceDays: 1, fallback: [{ channel: 'push', template: 'pre.push' }, { channel: 'in_app', template: 'pre.in_app' }] } },
  { id: 'current', priority: 20, conditions: { buckets: ['M0'] }, outputs: none },
  { id: 'promise', priority: 30, conditions: { promiseState: ['open'] }, outputs: none },
  { id: 'sms', priority: 40, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 } }, outputs: { action: 'sms_reminder', channel: 'sms', template: 'm1.sms', priority: 20, cadenceDays: 3 } },
  { id: 'push', priority: 50, conditions: { buckets: ['M1'], dpd: { min: 1, max: 7 } }, outputs: { action: 'push_reminder', channel: 'push', template: 'm1.push', priority: 20 } },
  { id: 'call', priority: 60, conditions: { buckets: ['M1'], dpd: { min: 8 }, riskScore: { min: 700, nulls: 'include' } },
    outputs: { action: 'collector_call', channel: 'collector_call', template: 'm1.call', priority: 40, fallback: [{ channel: 'sms', template: 'm1.sms' }] } },
  { id: 'sme', priority: 70, conditions: { buckets: ['M2'], segment: ['sme'], balanceMinor: { min: 100_000 } }, outputs: { action: 'one_to_one', channel: 'collector_call', template: 'sme.call', priority: 60 } },
  { id: 'us-notice', priority: 80, conditions: { buckets: ['M2'], validationNoticeSent: false }, outputs: { action: 'letter', channel: 'letter', template: 'vn', priority: 90, legallyRequired: true } },
  { id: 'agency', priority: 5, conditions: { buckets: ['M3'] }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
]);
const compiled = compileTable(T);

const CASES: Array<{ name: string; facts: AccountFacts; row: string | null; channel?: string; template?: string | null; fallback?: string[] }> = [
  { name: 'sends the pre-due SMS to a risky current account due in 2 days', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 2, riskScore: 650 }), row: 'predue', channel: 'sms', fallback: ['push', 'in_app'] },
  { name: 'leaves a current account alone when its risk score 599 is below the pre-due minimum 600', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 2, riskScore: 599 }), row: 'current', channel: 'none' },
  { name: 'leaves an unscored current account alone because a range excludes null unless it says otherwise', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 1, riskScore: null }), row: 'current' },
  { name: 'gives no pre-due reminder 4 days before the due day because daysToDue is 1–3', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 4, riskScore: 900 }), row: 'current' },
  { name: 'falls back to push with the fallback template when the debtor has no usable SMS number', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 1, riskScore: 900, hasChannel: ['push', 'in_app'] }), row: 'predue', channel: 'push', template: 'pre.push', fallback: ['in_app'] },
  { name: 'falls back to in-app when neither SMS nor push is usable, with nothing left to fall back on', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 1, riskScore: 900, hasChannel: ['in_app', 'email'] }), row: 'predue', channel: 'in_app', fallback: [] },
  { name: 'lets the next row decide when no channel of the chain is usable', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 1, riskScore: 900, hasChannel: ['email'] }), row: 'current' },
  { name: 'lets the next row decide when the pre-due SMS went out today (cadence 1 day)', facts: facts({ bucket: 'M0', dpd: 0, daysToDue: 1, riskScore: 900, daysSinceAction: { sms_reminder: 0 } }), row: 'current' },
  { name: 'waits on an open promise because the promise row comes before the reminders', facts: facts({ promiseState: 'open' }), row: 'promise', channel: 'none' },
  { name: 'sends an SMS at DPD 1 because nothing was sent yet', facts: facts({ dpd: 1 }), row: 'sms', channel: 'sms' },
  { name: 'sends a push instead because an SMS went out 2 days ago and the SMS cadence is 3 days', facts: facts({ dpd: 3, daysSinceAction: { sms_reminder: 2 } }), row: 'push', channel: 'push' },
  { name: 'sends an SMS again 3 days after the last one because cadence 3 allows it from day 3', facts: facts({ dpd: 4, daysSinceAction: { sms_reminder: 3 } }), row: 'sms' },
  { name: 'treats a null daysSinceAction as never taken', facts: facts({ dpd: 4, daysSinceAction: { sms_reminder: null } }), row: 'sms' },
  { name: 'calls an unscored account at DPD 10 because the call row includes nulls', facts: facts({ dpd: 10, riskScore: null }), row: 'call', channel: 'collector_call', fallback: ['sms'] },
  { name: 'sends the call row by SMS when the debtor has no phone to call', facts: facts({ dpd: 10, riskScore: 800, hasChannel: ['sms'] }), row: 'call', channel: 'sms', template: 'm1.sms' },
  { name: 'decides nothing for a low-risk account at DPD 10: risk 300 is below 700 and no later row matches', facts: facts({ dpd: 10, riskScore: 300 }), row: null },
  { name: 'hands an SME account over 1,000.00 to one-to-one handling', facts: facts({ bucket: 'M2', dpd: 40, segment: 'sme', balanceMinor: 100_000 }), row: 'sme' },
  { name: 'does not treat a retail account as SME', facts: facts({ bucket: 'M2', dpd: 40, segment: 'retail', balanceMinor: 100_000 }), row: null },
  { name: 'does not treat an account without a segment as SME', facts: facts({ bucket: 'M2', dpd: 40, segment: null, balanceMinor: 100_000 }), row: null },
  { name: 'sends the validation notice when it has not been sent', facts: facts({ bucket: 'M2', dpd: 40, validationNoticeSent: false }), row: 'us-notice', channel: 'letter' },
  { name: 'decides by priority, not position: the agency row (priority 5) listed last wins in M3', facts: facts({ bucket: 'M3', dpd: 70 }), row: 'agency' },
  { name: 'recommends nothing in M3 within 30 days of the last agency recommendation, since no other row matches', facts: facts({ bucket: 'M3', dpd: 70, daysSinceAction: { recommend_agency: 29 } }), row: null },
  { name: 'returns null for a bucket no row names', facts: facts({ bucket: 'M6+', dpd: 200 }), row: null },
  { name: 'returns null for a bucket code the table has never heard of', facts: facts({ bucket: 'X9', dpd: 200 }), row: null },
];

describe('decide', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const d = decide(compiled, c.facts);
      assert.equal(d?.rowId ?? null, c.row);
      if (c.channel !== undefined) assert.equal(d?.channel, c.channel);
      if (c.template !== undefined) assert.equal(d?.template, c.template);
      if (c.fallback !== undefined) assert.deepEqual(d?.fallback.map((f) => f.channel), c.fallback);
      assert.deepEqual(d, decideReference(T, c.facts), 'the compiled evaluator agrees with the reference');
    });
  }

  it('returns the row outputs with the queue priority, cadence and legal flag', () => {
    assert.deepEqual(decide(compiled, facts({ bucket: 'M2', dpd: 40, validationNoticeSent: false })), {
      rowId: 'us-notice', action: 'letter', channel: 'letter', template: 'vn', priority: 90, fallback: [], cadenceDays: 0, legallyRequired: true,
    });
  });

  it('keeps table order among rows of the same priority (first hit)', () => {
    const t = compileTable(table([
      { id: 'a', priority: 1, conditions: { buckets: ['M1'] }, outputs: none },
      { id: 'b', priority: 1, conditions: { buckets: ['M1'] }, outputs: none },
    ]));
    assert.equal(decide(t, facts())?.rowId, 'a');
  });

  it("matches nulls: 'only' for never-contacted accounts and nothing else", () => {
    const t = compileTable(table([{ id: 'first', priority: 1, conditions: { daysSinceLastContact: { nulls: 'only' } }, outputs: none }]));
    assert.equal(decide(t, facts({ daysSinceLastContact: null }))?.rowId, 'first');
    assert.equal(decide(t, facts({ daysSinceLastContact: 0 })), null);
  });

  it('requires every listed channel for a hasChannel condition', () => {
    const t = compileTable(table([{ id: 'both', priority: 1, conditions: { hasChannel: ['sms', 'call'] }, outputs: none }]));
    assert.equal(decide(t, facts({ hasChannel: ['sms', 'call'] }))?.rowId, 'both');
    assert.equal(decide(t, facts({ hasChannel: ['sms'] })), null);
  });

  it('maps both call channels to the debtor being reachable by call', () => {
    assert.deepEqual(['robot_call', 'collector_call', 'sms', 'none'].map((c) => reachableFor(c as 'sms')), ['call', 'call', 'sms', null]);
  });

  it('refuses to compile a table naming more distinct segments than the masks hold', () => {
    const segs = Array.from({ length: 31 }, (_, i) => `s${i}`);
    assert.throws(() => compileTable(table([{ id: 'a', priority: 1, conditions: { segment: segs }, outputs: none }])), /at most 30 distinct values/);
  });
});

describe('decide: properties', () => {
  it('agrees with the row-by-row reference on random tables and facts', () => {
    fc.assert(
      fc.property(tableArb, fc.array(factsArb, { minLength: 1, maxLength: 20 }), (t, fs) => {
        const c = compileTable(t);
        for (const f of fs) assert.deepEqual(decide(c, f), decideReference(t, f));
      }),
      { numRuns: 300 },
    );
  });

  it('never returns a row whose conditions, cadence or channels the facts fail', () => {
    fc.assert(
      fc.property(tableArb, factsArb, (t, f) => {
        const d = decide(compileTable(t), f);
        if (!d) return;
        const r = t.rows.find((x) => x.id === d.rowId)!;
        assert.ok(rowMatches(r, f), 'conditions hold');
        assert.ok(!inCadence(r, f), 'cadence allows it');
        const need = reachableFor(d.channel);
        assert.ok(need === null || f.hasChannel.includes(need), 'the chosen channel is usable');
      }),
      { numRuns: 500 },
    );
  });

  it('returns a decision for every fact in the domain when the table has no gaps', () => {
    fc.assert(
      fc.property(tableArb, fc.array(factsArb, { minLength: 1, maxLength: 30 }), (t, fs) => {
        const findings = validateTable(t, DEFAULT_BUCKET_DOMAIN);
        fc.pre(!findings.some((x) => x.kind === 'gap' || x.kind === 'invalid'));
        const c = compileTable(t);
        for (const f of fs) assert.notEqual(decide(c, f), null, `no decision for ${JSON.stringify(f)}`);
      }),
      { numRuns: 200 },
    );
  });

  it('never changes the decision for facts an earlier row decided when a row is added at the end', () => {
    fc.assert(
      fc.property(tableArb, rowArb('added'), fc.array(factsArb, { minLength: 1, maxLength: 20 }), (t, extra, fs) => {
        const last = Math.max(...t.rows.map((r) => r.priority));
        const longer: DecisionTable = { ...t, rows: [...t.rows, row({ ...extra, priority: last })] };
        const before = compileTable(t);
        const after = compileTable(longer);
        for (const f of fs) {
          const d = decide(before, f);
          if (d) assert.deepEqual(decide(after, f), d);
          else assert.ok([null, 'added'].includes(decide(after, f)?.rowId ?? null));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer as rowDecision of the deciding row', () => {
    fc.assert(
      fc.property(tableArb, factsArb, (t, f) => {
        const d = decide(compileTable(t), f);
        if (d) assert.deepEqual(rowDecision(t.rows.find((r) => r.id === d.rowId)!, f), d);
      }),
    );
  });
});
