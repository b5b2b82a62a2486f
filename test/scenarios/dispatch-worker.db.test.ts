import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { scenario } from '../support/scenario.ts';
import { always, outbox, packs, planningWith, setUpContacts } from '../support/contacts.ts';
import { createFakeProvider, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { openChannels, startDispatchWorker } from '../../src/jobs/dispatch.ts';
import { startSinks } from '../../src/sinks/index.ts';
import { AppError } from '../../src/platform/errors.ts';
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

test('a dispatcher whose SMSC cannot be reached stops at start with UNAVAILABLE naming it, instead of waiting silently', async () => {
  const s = await scenario();
  try {
    // A port nothing listens on: taken and freed.
    const probe = await startSinks({ registeredSenders: ['106900000001'] });
    const port = probe.smpp.port;
    await probe.close();
    const sms = { host: '127.0.0.1', port, systemId: 'fairdebt', password: 'x' };
    await assert.rejects(openChannels({ db: s.db } as App, { sms, lender: DEFAULT_LENDER, lenderAddress: 'x' }, 300), (err: unknown) => {
      assert.ok(err instanceof AppError && err.code === 'UNAVAILABLE', String(err));
      assert.match(err.message, new RegExp(`^sms: no bind with the SMSC at 127\\.0\\.0\\.1:${port} within 300 ms \\(last error: connect ECONNREFUSED`));
      return true;
    });
  } finally {
    await s.close();
  }
});
