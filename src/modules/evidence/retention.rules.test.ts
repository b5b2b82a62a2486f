import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountVerdict, customerPurgeable, policyFor, retainUntil, type AccountRetentionFacts } from './retention.rules.ts';
import type { RetentionPolicy } from './evidence.types.ts';

const POLICIES: RetentionPolicy[] = [
  { jurisdiction: 'CN', recordKind: 'collection_records', years: 5, startsFrom: 'settled', source: 'CN-REC-01', isPolicy: false },
  { jurisdiction: 'US', recordKind: 'collection_records', years: 3, startsFrom: 'last_activity', source: 'US-REC-01', isPolicy: false },
  { jurisdiction: 'US-MA', recordKind: 'collection_records', years: 4, startsFrom: 'last_activity', source: 'test overlay', isPolicy: true },
  { jurisdiction: 'UK', recordKind: 'collection_records', years: 6, startsFrom: 'settled', source: 'policy', isPolicy: true },
];
const facts = (o: Partial<AccountRetentionFacts> = {}): AccountRetentionFacts => ({ ref: 'A1', settledOn: '2026-04-15', lastActivityOn: '2026-04-15', onHold: false, ...o });
const cn = policyFor('CN', 'collection_records', POLICIES);
const us = policyFor('US', 'collection_records', POLICIES);

const verdicts: Array<[string, AccountRetentionFacts, RetentionPolicy | null, string, boolean, string | null, string]> = [
  ['CN', facts(), cn, '2031-04-15', false, 'within_retention', 'the last day of the 5 years is still kept'],
  ['CN', facts(), cn, '2031-04-16', true, null, 'the day after 5 years from settlement'],
  ['CN', facts({ lastActivityOn: '2027-01-01' }), cn, '2031-04-16', true, null, 'CN counts from settlement: later contacts do not extend it'],
  ['US', facts({ lastActivityOn: '2027-01-01' }), us, '2029-04-16', false, 'within_retention', 'US counts 3 years from the last collection activity (2027-01-01)'],
  ['US', facts({ lastActivityOn: '2027-01-01' }), us, '2030-01-02', true, null, '3 years after the last activity'],
  ['CN', facts({ settledOn: null }), cn, '2099-01-01', false, 'owing', 'an account that still owes is never purged'],
  ['CN', facts({ onHold: true }), cn, '2040-01-01', false, 'on_hold', 'an open dispute or complaint holds the records'],
  ['EU', facts(), null, '2099-01-01', false, 'no_policy', 'no policy row means the records are kept'],
];
for (const [j, f, policy, date, purgeable, reason, why] of verdicts) {
  test(`retention ${j} on ${date}: ${purgeable ? 'past retention' : `kept (${reason})`}: ${why}`, () => {
    const v = accountVerdict(f, policy, date);
    assert.equal(v.purgeable, purgeable);
    if (!v.purgeable) assert.equal(v.reason, reason);
  });
}

test('a sub-jurisdiction uses its own row, else its country\'s; a missing one has none', () => {
  assert.equal(policyFor('US-MA', 'collection_records', POLICIES)?.years, 4);
  assert.equal(policyFor('US-WA', 'collection_records', POLICIES)?.years, 3);
  assert.equal(policyFor('EU', 'collection_records', POLICIES), null);
  assert.equal(policyFor('CN', 'call_recordings', POLICIES), null);
});

test('retention ends on the same calendar day N years later, clamped at month end (29 February)', () => {
  assert.equal(retainUntil(facts({ settledOn: '2028-02-29', lastActivityOn: null }), cn!), '2033-02-28');
});

test('a customer is anonymised only when every account is past retention', () => {
  const old = facts({ ref: 'OLD' });
  const recent = facts({ ref: 'NEW', settledOn: '2026-06-01', lastActivityOn: '2026-06-01' });
  assert.equal(customerPurgeable([old], cn, '2031-05-01'), true);
  assert.equal(customerPurgeable([old, recent], cn, '2031-05-01'), false);
  assert.equal(customerPurgeable([], cn, '2031-05-01'), false, 'a customer without accounts is left alone');
});
