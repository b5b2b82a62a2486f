/**
 * The strategy screens' pure parts: findings placed on the row and cell they name, the row diff of two
 * versions, an experiment's stop reason, the what-if figures; and the UI's lists of actions, channels and
 * condition values are the server's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cellOf, diffRows, placeFindings, rowPath, stopReasonOf, whatIfFigures, percentToBp, bpToPercent } from '../../web/src/workbench/pages/strategy/model.ts';
import * as ui from '../../web/src/shared/api/strategy.ts';
import type { Finding, Simulation, TableRow } from '../../web/src/shared/api/strategy.ts';
import {
  ACTIONS, CHANNELS, CONTACT_CHANNELS, GUARDRAIL_METRICS, LAST_OUTCOMES, MAX_HOLDOUT_BP, PLAN_STATES, PROMISE_STATES, REACHABLE_CHANNELS, STRATEGY_JURISDICTIONS, BP_WHOLE,
} from '../../src/modules/strategy/strategy.types.ts';
import { ACTION_CHANNELS } from '../../src/modules/strategy/validate.rules.ts';

test("the UI's lists are the server's", () => {
  assert.deepEqual(ui.ACTIONS, ACTIONS);
  assert.deepEqual(ui.CHANNELS, CHANNELS);
  assert.deepEqual(ui.CONTACT_CHANNELS, CONTACT_CHANNELS);
  assert.deepEqual(ui.ACTION_CHANNELS, ACTION_CHANNELS);
  assert.deepEqual(ui.JURISDICTIONS, STRATEGY_JURISDICTIONS);
  assert.deepEqual(ui.LAST_OUTCOMES, LAST_OUTCOMES);
  assert.deepEqual(ui.PROMISE_STATES, PROMISE_STATES);
  assert.deepEqual(ui.PLAN_STATES, PLAN_STATES);
  assert.deepEqual(ui.REACHABLE_CHANNELS, REACHABLE_CHANNELS);
  assert.deepEqual(ui.GUARDRAIL_METRICS, GUARDRAIL_METRICS);
  assert.equal(ui.MAX_HOLDOUT_BP, MAX_HOLDOUT_BP);
  assert.equal(ui.BP_WHOLE, BP_WHOLE);
});

test('a path names a row and a cell of the grid', () => {
  const cases: Array<[string, { index: number; rest: string[] } | null, ReturnType<typeof cellOf>]> = [
    ['rows.3.conditions.dpd', { index: 3, rest: ['conditions', 'dpd'] }, 'dpd'],
    ['body.rows.0.conditions.dpd.min', { index: 0, rest: ['conditions', 'dpd', 'min'] }, 'dpd'],
    ['body.table.rows.2.outputs.channel', { index: 2, rest: ['outputs', 'channel'] }, 'channel'],
    ['rows.1.outputs.priority', { index: 1, rest: ['outputs', 'priority'] }, 'queuePriority'],
    ['rows.1.outputs.fallback.0.channel', { index: 1, rest: ['outputs', 'fallback', '0', 'channel'] }, 'fallback'],
    ['rows.4.conditions.riskScore', { index: 4, rest: ['conditions', 'riskScore'] }, 'more'],
    ['rows.4.id', { index: 4, rest: ['id'] }, 'id'],
    ['rows.4', { index: 4, rest: [] }, null],
    ['code', null, null],
    ['rows', null, null],
    ['rows.x.id', null, null],
  ];
  for (const [path, want, cell] of cases) {
    const got = rowPath(path);
    assert.deepEqual(got, want, path);
    if (got) assert.equal(cellOf(got.rest), cell, path);
  }
});

const msg = (en: string) => ({ 'zh-CN': `中文 ${en}`, en });

test('findings go on the row and cell they name; overlaps on each row; gaps and table fields on the table', () => {
  const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
  const findings: Finding[] = [
    { kind: 'invalid', rowIds: ['b'], field: 'rows.1.outputs.channel', message: msg('bad channel') },
    { kind: 'overlap', rowIds: ['a', 'c'], message: msg('a overlaps c') },
    { kind: 'gap', rowIds: [], region: { bucket: 'M1', dpdMin: 1, dpdMax: 3 }, message: msg('gap in M1') },
    { kind: 'invalid', rowIds: [], field: 'rows', message: msg('too complex') },
    // A row index past the grid (the table changed since): on the table, not lost.
    { kind: 'invalid', rowIds: [], field: 'rows.7.id', message: msg('gone') },
  ];
  const p = placeFindings(rows, findings, [{ path: 'body.rows.2.conditions.dpd.min', message: 'Invalid input' }, { path: 'body.code', message: 'bad code' }]);
  assert.deepEqual([...p.rows.keys()].sort(), [0, 1, 2]);
  assert.deepEqual(p.rows.get(1)!.messages.map((m) => m.en), ['bad channel']);
  assert.deepEqual([...p.rows.get(1)!.cells], ['channel']);
  assert.deepEqual(p.rows.get(0)!.messages.map((m) => m.en), ['a overlaps c']);
  assert.deepEqual([...p.rows.get(0)!.cells], []);
  assert.deepEqual(p.rows.get(2)!.messages.map((m) => m.en), ['a overlaps c', 'rows.2.conditions.dpd.min: Invalid input']);
  assert.deepEqual([...p.rows.get(2)!.cells], ['dpd']);
  assert.deepEqual(p.table.map((m) => m.en), ['gap in M1', 'too complex', 'gone', 'code: bad code']);
  assert.equal(placeFindings(rows, []).rows.size, 0);
});

const row = (id: string, patch: Partial<TableRow> = {}): TableRow => ({ id, priority: 10, conditions: { buckets: ['M1'] }, outputs: { action: 'sms_reminder', channel: 'sms', template: 't', priority: 5 }, ...patch });

test('the diff of two versions: added, removed, changed with the fields, moved; defaults left out are no change', () => {
  const from = [row('a'), row('b'), row('c'), row('d')];
  const to = [
    row('a', { outputs: { action: 'sms_reminder', channel: 'sms', template: 't', priority: 5, fallback: [], cadenceDays: 0, legallyRequired: false } }),
    row('c', { conditions: { buckets: ['M1'], dpd: { min: 1 } } }),
    row('b', { priority: 20, outputs: { action: 'letter', channel: 'letter', template: 't', priority: 5 } }),
    row('e'),
  ];
  assert.deepEqual(diffRows(from, to), {
    added: ['e'],
    removed: ['d'],
    changed: [{ id: 'c', fields: ['conditions.dpd'] }, { id: 'b', fields: ['outputs.action', 'outputs.channel', 'priority'] }],
    moved: ['c', 'b'],
  });
  assert.deepEqual(diffRows(from, from), { added: [], removed: [], changed: [], moved: [] });
  // Key order inside a condition is not a change.
  assert.deepEqual(diffRows([row('a', { conditions: { dpd: { min: 1, max: 2 } } })], [row('a', { conditions: { dpd: { max: 2, min: 1 } } })]).changed, []);
});

test("an experiment's stop reason: by hand, by guardrail, or none", () => {
  assert.deepEqual(stopReasonOf({ kind: 'manual', reason: 'done', actor: 'user:strategy' }), { kind: 'manual', reason: 'done', actor: 'user:strategy' });
  const g = stopReasonOf({ kind: 'guardrail', businessDate: '2026-03-01', reasons: [{ arm: 'challenger', rule: 'c', kind: 'ceiling', metric: 'complaintsPer10kContacts', value: 9, threshold: 5, message: msg('over') }, { junk: true }] });
  assert.equal(g?.kind, 'guardrail');
  assert.equal(g?.kind === 'guardrail' ? g.reasons.length : -1, 1);
  for (const x of [null, undefined, 'text', 42, {}, { kind: 'manual' }, { kind: 'other', reason: 'x' }]) assert.equal(stopReasonOf(x), null, JSON.stringify(x));
});

test('what-if figures: every action and channel of either side, zeros where one side has none, the gate when there is one', () => {
  const sim = (over: Partial<Simulation>): Simulation => ({
    table: { code: 'x', version: null }, findings: [], accounts: 10, decided: 9, undecided: 1, byAction: {}, byChannel: {}, byRow: {}, samples: {}, undecidedSample: [], gate: null, ...over,
  });
  const draft = sim({ byAction: { sms_reminder: 6, none: 3 }, byChannel: { sms: 6, none: 3 }, gate: { checked: 6, allowed: 4, rescuedByFallback: 1, blocked: 1, blockedByRule: { 'cn.hours': 1 }, byChannel: {} } });
  const inForce = sim({ table: { code: 'x', version: 2 }, decided: 10, undecided: 0, byAction: { letter: 10 }, byChannel: { letter: 10 } });
  const f = whatIfFigures(draft, inForce, ui.ACTIONS, ui.CHANNELS);
  const get = (group: string, key: string) => f.find((x) => x.group === group && x.key === key);
  assert.deepEqual(get('total', 'decided'), { group: 'total', key: 'decided', draft: 9, inForce: 10 });
  assert.deepEqual(get('action', 'sms_reminder'), { group: 'action', key: 'sms_reminder', draft: 6, inForce: 0 });
  assert.deepEqual(get('action', 'letter'), { group: 'action', key: 'letter', draft: 0, inForce: 10 });
  assert.equal(get('action', 'robot_call'), undefined);
  assert.deepEqual(get('gate', 'blocked'), { group: 'gate', key: 'blocked', draft: 1, inForce: 0 });
  assert.deepEqual(get('blockedByRule', 'cn.hours'), { group: 'blockedByRule', key: 'cn.hours', draft: 1, inForce: 0 });
  // Without a table in force, its side is null (shown as a dash), never 0.
  assert.ok(whatIfFigures(draft, null, ui.ACTIONS, ui.CHANNELS).every((x) => x.inForce === null));
  // In the order of the lists given, not of the objects.
  assert.deepEqual(f.filter((x) => x.group === 'action').map((x) => x.key), ['sms_reminder', 'letter', 'none']);
});

test('shares: percent in the form, basis points on the wire', () => {
  for (const [pct, bp] of [[10, 1000], [0.01, 1], [25.5, 2550], [100, 10000], [0, 0]] as const) {
    assert.equal(percentToBp(pct), bp);
    assert.equal(bpToPercent(bp), pct);
  }
});
