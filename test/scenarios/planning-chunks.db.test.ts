import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { always, planningWith, setUpContacts } from '../support/contacts.ts';
import { openAccount } from '../../src/modules/ledger/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';

// Planning reads, decides and writes a batch's candidates in chunks of whole customers; the outbox
// must be the same whatever the chunk size, and a customer with two overdue loans still gets one SMS.
async function planned(chunkAccounts: number | undefined) {
  const s = await scenario({ planning: { ...planningWith(always('sms', 'early_sms')), ...(chunkAccounts ? { chunkAccounts } : {}) } });
  try {
    await setUpContacts(s.db);
    for (const ref of ['L1', 'L2', 'L3', 'L4', 'L5']) await s.loan(ref, { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    // A second loan of L3's debtor, overdue for longer.
    await openAccount(s.db, fixedClock('2026-01-01T00:00:00.000Z'), {
      ref: 'L3b', customerId: 'C-L3', productCode: 'CN_LOAN', openedOn: '2025-12-20', principalMinor: 600_000, termCount: 6, scheduleMethod: 'equal_principal',
    }, { actor: 'test', idempotencyKey: 'open-L3b' });
    await s.closeThrough('2026-02-16');
    return await s.db.query<{ reference: string; status: string; channel: string; ref: string; customer_id: string }>(
      `SELECT o.reference, o.status, o.channel, a.ref, o.customer_id FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id ORDER BY o.reference`,
    );
  } finally {
    await s.close();
  }
}

test('planning in chunks of one account gives the same outbox as one chunk, one SMS per debtor from their most overdue loan', async () => {
  const whole = await planned(undefined);
  const oneByOne = await planned(1);
  assert.deepEqual(oneByOne, whole);
  assert.equal(whole.length, 5);
  assert.deepEqual(whole.filter((r) => r.customer_id === 'C-L3').map((r) => r.ref), ['L3b']);
  assert.ok(whole.every((r) => r.status === 'scheduled' && r.channel === 'sms'));
});
