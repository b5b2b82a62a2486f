import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario, hooks } from '../support/scenario.ts';
import { planningWith, setUpContacts } from '../support/contacts.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { addDays } from '../../src/platform/dates.ts';
import { acceptPortalOption } from '../../src/modules/negotiation/index.ts';
import type { PlanningFacts } from '../../src/modules/contacts/index.ts';

// The strategy sees a plan's state: active while the plan holds (its rows hold collection back),
// broken once an instalment is missed for longer than the policy allows (collection resumes).
test('planning gives the strategy the plan state: none before, active while the plan holds, broken after the missed instalment', async () => {
  const seen = new Map<string, PlanningFacts['planState']>();
  let today = '';
  const s = await scenario({ planning: planningWith((f) => (seen.set(today, f.planState), null)) });
  try {
    await setUpContacts(s.db);
    await s.loan('FA', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    today = '2026-03-19';
    await s.closeThrough(today);
    assert.equal(seen.get(today), 'none');
    const accepted = await acceptPortalOption(
      { db: s.db, clock: fixedClock('2026-03-20T02:00:00.000Z'), hooks, lenderName: '示例消费金融' },
      { accountRef: 'FA', choice: { kind: 'plan', termCount: 3 } },
      { idempotencyKey: 'accept-FA' },
    );
    const c = 'concession' in accepted && accepted.concession ? accepted.concession : assert.fail('a concession');
    const first = c.terms.kind === 'plan' ? c.terms.restructure.items[0]!.dueOn : assert.fail('a plan');
    // The day after the missed instalment the account is overdue again, and the plan still holds.
    today = addDays(first, 1);
    await s.closeThrough(today);
    assert.equal(seen.get(today), 'active');
    today = addDays(first, 11);
    await s.closeThrough(today);
    assert.equal(seen.get(today), 'broken');
  } finally {
    await s.close();
  }
});
