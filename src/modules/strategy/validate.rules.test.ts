/** Table tests and properties of the table validator and its interval arithmetic. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { validateTable } from './validate.rules.ts';
import { compileTable, decide, rowDecision } from './decision.rules.ts';
import { boxSubtract, intersect, interval, pointsSet, subtract, union, type Box } from './regions.rules.ts';
import { DEFAULT_BUCKET_DOMAIN, DEFAULT_TABLES } from './defaults/index.ts';
import { factsArb, table, tableArb } from './strategy.fixtures.ts';
import type { Finding, RowInput } from './strategy.types.ts';

const none = { action: 'none', channel: 'none', priority: 0 } as const;
const sms = { action: 'sms_reminder', channel: 'sms', template: 's', priority: 20 } as const;
/** Covers every bucket, so a case about one row has no gap findings besides its own. */
const rest: RowInput = { id: 'rest', priority: 100, conditions: {}, outputs: none };

const summary = (fs: Finding[]) => fs.map((f) => `${f.kind}:${f.rowIds.join('+')}${f.field ? `@${f.field}` : ''}${f.region ? `@${f.region.bucket} ${f.region.dpdMin}–${f.region.dpdMax ?? '∞'}` : ''}`);
const check = (rows: RowInput[]) => summary(validateTable(table(rows), DEFAULT_BUCKET_DOMAIN));

const CASES: Array<{ name: string; rows: RowInput[]; expect: string[] }> = [
  { name: 'finds nothing in a table whose last row catches everything', rows: [{ id: 'a', priority: 1, conditions: { buckets: ['M1'] }, outputs: sms }, rest], expect: [] },
  { name: 'reports min above max as invalid, naming the row and the field', rows: [{ id: 'a', priority: 1, conditions: { dpd: { min: 9, max: 3 } }, outputs: none }, rest], expect: ['invalid:a@rows.0.conditions.dpd'] },
  { name: 'reports an unknown bucket code as invalid', rows: [{ id: 'a', priority: 1, conditions: { buckets: ['M1', 'M9'] }, outputs: none }, rest], expect: ['invalid:a@rows.0.conditions.buckets'] },
  { name: 'reports an empty list as invalid because it would match nothing', rows: [{ id: 'a', priority: 1, conditions: { promiseState: [] }, outputs: none }, rest], expect: ['invalid:a@rows.0.conditions.promiseState'] },
  { name: 'reports a risk score above 1000 as invalid', rows: [{ id: 'a', priority: 1, conditions: { riskScore: { min: 1200 } }, outputs: none }, rest], expect: ['invalid:a@rows.0.conditions.riskScore.min'] },
  { name: 'reports a negative DPD as invalid', rows: [{ id: 'a', priority: 1, conditions: { dpd: { min: -1 } }, outputs: none }, rest], expect: ['invalid:a@rows.0.conditions.dpd.min'] },
  { name: "reports nulls 'only' with a range as invalid because only null would match", rows: [{ id: 'a', priority: 1, conditions: { riskScore: { min: 1, nulls: 'only' } }, outputs: none }, rest], expect: ['invalid:a@rows.0.conditions.riskScore.nulls'] },
  { name: 'reports an SMS reminder sent by letter as invalid', rows: [{ id: 'a', priority: 1, conditions: {}, outputs: { ...sms, channel: 'letter' } }], expect: ['invalid:a@rows.0.outputs.channel'] },
  { name: 'reports a contact without a template as invalid', rows: [{ id: 'a', priority: 1, conditions: {}, outputs: { action: 'sms_reminder', channel: 'sms', priority: 1 } }], expect: ['invalid:a@rows.0.outputs.template'] },
  { name: 'reports a fallback on a recommendation as invalid because it contacts nobody', rows: [{ id: 'a', priority: 1, conditions: {}, outputs: { action: 'recommend_agency', channel: 'none', priority: 1, fallback: [{ channel: 'sms', template: 's' }] } }], expect: ['invalid:a@rows.0.outputs.fallback'] },
  { name: 'reports a fallback repeating the row channel as invalid', rows: [{ id: 'a', priority: 1, conditions: {}, outputs: { ...sms, fallback: [{ channel: 'sms', template: 's2' }] } }, rest], expect: ['invalid:a@rows.0.outputs.fallback.0.channel'] },
  { name: 'reports a duplicate row id as invalid', rows: [{ id: 'a', priority: 1, conditions: {}, outputs: none }, { id: 'a', priority: 2, conditions: {}, outputs: none }], expect: ['invalid:a@rows.1.id'] },
  { name: 'reports a row after an unconditional row as shadowed, naming the row that covers it', rows: [rest, { id: 'late', priority: 200, conditions: { buckets: ['M1'] }, outputs: sms }], expect: ['shadowed:late+rest'] },
  { name: 'reports a row covered only by two earlier rows together as shadowed', rows: [
    { id: 'hi', priority: 1, conditions: { buckets: ['M1'], riskScore: { min: 500 } }, outputs: none },
    { id: 'lo', priority: 2, conditions: { buckets: ['M1'], riskScore: { max: 499, nulls: 'include' } }, outputs: none },
    { id: 'm1', priority: 3, conditions: { buckets: ['M1'] }, outputs: none }, rest], expect: ['shadowed:m1+hi+lo'] },
  { name: 'does not report a row after a row with cadence, because the later row fires while the earlier waits', rows: [
    { id: 'sms', priority: 1, conditions: { buckets: ['M1'] }, outputs: { ...sms, cadenceDays: 3 } },
    { id: 'wait', priority: 2, conditions: { buckets: ['M1'] }, outputs: none }, rest], expect: [] },
  { name: 'does not report a row after an SMS row, because the later row fires for debtors without SMS', rows: [
    { id: 'sms', priority: 1, conditions: { buckets: ['M1'] }, outputs: sms },
    { id: 'wait', priority: 2, conditions: { buckets: ['M1'] }, outputs: none }, rest], expect: [] },
  { name: 'reports a row after an SMS row that needs SMS as shadowed', rows: [
    { id: 'sms', priority: 1, conditions: { buckets: ['M1'] }, outputs: sms },
    { id: 'sms2', priority: 2, conditions: { buckets: ['M1'], hasChannel: ['sms'] }, outputs: none }, rest], expect: ['shadowed:sms2+sms'] },
  { name: 'reports a row whose bucket and DPD range cannot meet as never firing', rows: [{ id: 'odd', priority: 1, conditions: { buckets: ['M1'], dpd: { min: 40 } }, outputs: none }, rest], expect: ['shadowed:odd'] },
  { name: 'reports a pre-due row on an overdue bucket as never firing, since overdue accounts have no daysToDue', rows: [{ id: 'pre', priority: 1, conditions: { buckets: ['M2'], daysToDue: { max: 3 } }, outputs: none }, rest], expect: ['shadowed:pre'] },
  { name: 'reports two rows of the same priority that both fire for some account as an overlap', rows: [
    { id: 'a', priority: 1, conditions: { buckets: ['M1'], dpd: { max: 10 } }, outputs: none },
    { id: 'b', priority: 1, conditions: { buckets: ['M1'], dpd: { min: 5 } }, outputs: none }, rest], expect: ['overlap:a+b'] },
  { name: 'does not report rows of the same priority whose DPD ranges are disjoint', rows: [
    { id: 'a', priority: 1, conditions: { buckets: ['M1'], dpd: { max: 4 } }, outputs: none },
    { id: 'b', priority: 1, conditions: { buckets: ['M1'], dpd: { min: 5 } }, outputs: none }, rest], expect: [] },
  { name: 'reports each bucket and DPD range no row covers as a gap', rows: [
    { id: 'm0', priority: 1, conditions: { buckets: ['M0'] }, outputs: none },
    { id: 'm1', priority: 2, conditions: { buckets: ['M1'], dpd: { max: 7 } }, outputs: none },
    { id: 'm1b', priority: 3, conditions: { buckets: ['M1'], dpd: { min: 16 } }, outputs: none },
    { id: 'late', priority: 4, conditions: { buckets: ['M3', 'M4', 'M5', 'M6', 'M6+'] }, outputs: none }],
  expect: ['gap:@M1 8–15', 'gap:@M2 31–60'] },
  { name: 'reports a gap where the only row is held back by its cadence', rows: [
    { id: 'agency', priority: 1, conditions: { buckets: ['M3'] }, outputs: { action: 'recommend_agency', channel: 'none', priority: 70, cadenceDays: 30 } },
    { id: 'others', priority: 2, conditions: { buckets: ['M0', 'M1', 'M2', 'M4', 'M5', 'M6', 'M6+'] }, outputs: none }], expect: ['gap:@M3 61–90'] },
  { name: 'reports a gap for an open-ended last bucket with no upper DPD', rows: [{ id: 'a', priority: 1, conditions: { dpd: { max: 400 } }, outputs: none }], expect: ['gap:@M6+ 401–∞'] },
];

describe('validateTable', () => {
  for (const c of CASES) it(c.name, () => assert.deepEqual(check(c.rows), c.expect));

  it('names the bucket, DPD range and an example of the other facts in a gap message, in both languages', () => {
    const [gap] = validateTable(table([{ id: 'a', priority: 1, conditions: { riskScore: { min: 0 } }, outputs: none }]), { buckets: [{ code: 'M0', minDpd: 0, maxDpd: null }] });
    assert.equal(gap!.message.en, 'M0 DPD ≥ 0: no row decides (for example when riskScore null)');
    assert.equal(gap!.message['zh-CN'], 'M0 逾期天数 ≥ 0：没有规则行作出决策（例如 riskScore 空 时）');
  });

  it('checks coverage only after every invalid field is fixed', () => {
    const fs = validateTable(table([{ id: 'a', priority: 1, conditions: { dpd: { min: 5, max: 1 } }, outputs: none }]), DEFAULT_BUCKET_DOMAIN);
    assert.deepEqual(fs.map((f) => f.kind), ['invalid']);
  });

  for (const t of DEFAULT_TABLES) {
    it(`finds nothing in the default table ${t.code}: no invalid field, no shadowed row, no overlap, no gap over the default buckets`, () => {
      assert.deepEqual(summary(validateTable(t, DEFAULT_BUCKET_DOMAIN)), []);
    });
  }
});

describe('validateTable: properties against decide()', () => {
  const analysed = tableArb.filter((t) => !validateTable(t, DEFAULT_BUCKET_DOMAIN).some((f) => f.kind === 'invalid'));

  it('reports a gap covering every account in the domain that gets no decision', () => {
    fc.assert(
      fc.property(analysed, fc.array(factsArb, { minLength: 1, maxLength: 30 }), (t, fs) => {
        const gaps = validateTable(t, DEFAULT_BUCKET_DOMAIN).filter((f) => f.kind === 'gap');
        const c = compileTable(t);
        for (const f of fs) {
          if (decide(c, f) !== null) continue;
          const covered = gaps.some((g) => g.region && g.region.bucket === f.bucket && f.dpd >= g.region.dpdMin && (g.region.dpdMax === null || f.dpd <= g.region.dpdMax));
          assert.ok(covered, `no gap reported for ${f.bucket} DPD ${f.dpd}, yet no row decides`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never sees a row reported as shadowed decide', () => {
    fc.assert(
      fc.property(analysed, fc.array(factsArb, { minLength: 1, maxLength: 30 }), (t, fs) => {
        const shadowed = new Set(validateTable(t, DEFAULT_BUCKET_DOMAIN).filter((f) => f.kind === 'shadowed').map((f) => f.rowIds[0]));
        const c = compileTable(t);
        for (const f of fs) assert.ok(!shadowed.has(decide(c, f)?.rowId), 'a shadowed row decided');
      }),
      { numRuns: 300 },
    );
  });

  it('reports an overlap for every pair of same-priority rows that both fire for an account', () => {
    fc.assert(
      fc.property(analysed, fc.array(factsArb, { minLength: 1, maxLength: 30 }), (t, fs) => {
        const overlaps = new Set(validateTable(t, DEFAULT_BUCKET_DOMAIN).filter((f) => f.kind === 'overlap').map((f) => f.rowIds.join('+')));
        for (const f of fs) {
          const firing = t.rows.filter((r) => rowDecision(r, f) !== null);
          for (let a = 0; a < firing.length; a++) {
            for (let b = a + 1; b < firing.length; b++) {
              if (firing[a]!.priority !== firing[b]!.priority) continue;
              assert.ok(overlaps.has(`${firing[a]!.id}+${firing[b]!.id}`), `rows ${firing[a]!.id} and ${firing[b]!.id} both fire at priority ${firing[a]!.priority}`);
            }
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('interval sets and boxes', () => {
  const SMALL = 12;
  const setArb = fc.array(fc.integer({ min: 0, max: SMALL }), { maxLength: 8 }).map(pointsSet);
  const members = (s: readonly number[]) => Array.from({ length: SMALL + 1 }, (_, v) => v).filter((v) => {
    for (let i = 0; i < s.length; i += 2) if (v >= s[i]! && v <= s[i + 1]!) return true;
    return false;
  });

  it('computes union, intersection and difference exactly, as on explicit sets', () => {
    fc.assert(
      fc.property(setArb, setArb, (a, b) => {
        const A = new Set(members(a));
        const B = new Set(members(b));
        assert.deepEqual(members(union(a, b)), [...new Set([...A, ...B])].sort((x, y) => x - y));
        assert.deepEqual(members(intersect(a, b)), [...A].filter((v) => B.has(v)));
        assert.deepEqual(members(subtract(a, b)), [...A].filter((v) => !B.has(v)));
      }),
    );
  });

  it('splits a − b into disjoint boxes holding exactly the points of a outside b', () => {
    const boxArb = fc.tuple(setArb, setArb, setArb);
    fc.assert(
      fc.property(boxArb, boxArb, (a, b) => {
        const pieces = boxSubtract(a, b);
        const inBox = (box: Box, p: number[]) => p.every((v, d) => members(box[d]!).includes(v));
        for (let x = 0; x <= SMALL; x += 3) {
          for (let y = 0; y <= SMALL; y += 2) {
            for (let z = 0; z <= SMALL; z++) {
              const p = [x, y, z];
              const expected = inBox(a, p) && !inBox(b, p);
              const hits = pieces.filter((q) => inBox(q, p)).length;
              assert.equal(hits, expected ? 1 : 0, `point ${p}`);
            }
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('treats an inverted interval as empty', () => {
    assert.deepEqual(interval(5, 4), []);
  });
});
