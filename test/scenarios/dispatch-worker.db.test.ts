import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { scenario } from '../support/scenario.ts';
import { always, outbox, packs, planningWith, setUpContacts } from '../support/contacts.ts';
import { createFakeProvider, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { startDispatchWorker } from '../../src/jobs/dispatch.ts';
import type { App } from '../../src/main.ts';

test('the queue worker (pg-boss on the same database) dispatches planned contacts when woken', async () => {
  const s = await scenario({ planning: planningWith(always('sms', 'early_sms')) });
  const sms = createFakeProvider('sms');
  const app = { db: s.db } as App;
  const queueSchema = `pgboss_${randomBytes(4).toString('hex')}`;
  let worker: Awaited<ReturnType<typeof startDispatchWorker>> | undefined;
  try {
    await setUpContacts(s.db);
    await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    await s.closeThrough('2026-02-16');
    worker = await startDispatchWorker(app, { providers: { sms }, flushReports: async () => {}, close: async () => {} }, {
      clock: fixedClock('2026-02-17T01:00:00.000Z'), lender: DEFAULT_LENDER, packs, queueSchema,
    });
    await worker.kick();
    for (let i = 0; i < 100 && (await outbox(s.db))[0]?.status !== 'sent'; i++) await new Promise((r) => setTimeout(r, 200));
    assert.equal((await outbox(s.db))[0]?.status, 'sent');
    assert.equal(sms.sent.length, 1);
  } finally {
    await worker?.stop();
    // The queue's schema lives beside the test's own and would outlive it on a shared server.
    await s.db.exec(`DROP SCHEMA IF EXISTS ${queueSchema} CASCADE`);
    await s.close();
  }
});
