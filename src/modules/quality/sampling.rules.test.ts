import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { reviewReason, sampleRateBp } from './sampling.rules.ts';
import { hash32 } from '../../platform/hash.rules.ts';
import { SamplingSchema } from './quality.types.ts';

const policy = SamplingSchema.parse({ seed: 'seed-1', rateBp: 1_000, agencyRateBp: { A1: 5_000 }, collectorRateBp: { c9: 0 } });
const item = (n: number, who: { agencyId?: string; collectorId?: string } = {}) => ({ key: `message:${n}`, agencyId: who.agencyId ?? null, collectorId: who.collectorId ?? null, maxSeverity: null });

describe('sampling for human review', () => {
  it('always reviews an item with a high-severity finding, whatever the rate', () => {
    assert.equal(reviewReason({ ...policy, rateBp: 0 }, '2026-03-01', { ...item(1), maxSeverity: 'high' }), 'finding');
  });
  it('draws the same sample for the same seed and date', () => {
    const draw = () => Array.from({ length: 200 }, (_, n) => reviewReason(policy, '2026-03-01', item(n)));
    assert.deepEqual(draw(), draw());
  });
  it('draws a different sample on another date and with another seed', () => {
    const a = Array.from({ length: 500 }, (_, n) => reviewReason(policy, '2026-03-01', item(n)));
    const b = Array.from({ length: 500 }, (_, n) => reviewReason(policy, '2026-03-02', item(n)));
    const c = Array.from({ length: 500 }, (_, n) => reviewReason({ ...policy, seed: 'seed-2' }, '2026-03-01', item(n)));
    assert.notDeepEqual(a, b);
    assert.notDeepEqual(a, c);
  });
  it('samples close to the rate (10 % default, 50 % for agency A1, none for collector c9)', () => {
    const share = (who: { agencyId?: string; collectorId?: string }) =>
      Array.from({ length: 10_000 }, (_, n) => reviewReason(policy, '2026-03-01', item(n, who))).filter((r) => r === 'sample').length;
    const d = share({});
    assert.ok(d > 900 && d < 1_100, `default ${d}`);
    const a = share({ agencyId: 'A1' });
    assert.ok(a > 4_800 && a < 5_200, `agency ${a}`);
    assert.equal(share({ agencyId: 'A1', collectorId: 'c9' }), 0, 'the collector rate wins over the agency rate');
  });
  it('takes the collector rate, else the agency rate, else the default', () => {
    assert.equal(sampleRateBp(policy, { agencyId: 'A1', collectorId: 'c9' }), 0);
    assert.equal(sampleRateBp(policy, { agencyId: 'A1', collectorId: 'c1' }), 5_000);
    assert.equal(sampleRateBp(policy, { agencyId: null, collectorId: null }), 1_000);
  });
  it('hashes to unsigned 32-bit integers, deterministically', () => {
    assert.equal(hash32('abc'), hash32('abc'));
    assert.notEqual(hash32('abc'), hash32('abd'));
    assert.ok(hash32('') >= 0 && hash32('x') < 2 ** 32);
  });
});
