import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { newTarget, fairdebt } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { startSinks, buildSinkServer } from '../../src/sinks/index.ts';
import { ensureDefaultTemplates, saveTemplate, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';

// A crash in the middle of dispatch sends nothing twice: the dispatcher is killed with SIGKILL right
// after the SMSC accepted a message and before the send was recorded; the next run finds the
// interrupted sends at the SMSC (by their reference) and records them, then sends the rest. The sink
// counts what it received: every contact exactly once.

const SEED = ['demo', 'seed', '--accounts', '150', '--seed', '11', '--today', '2026-04-01', '--json'];

test(`kill -9 during dispatch, then rerun: the SMSC received every SMS exactly once (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const target = await newTarget();
  const sinks = await startSinks({ registeredSenders: ['106900000001'] });
  const viewer = await buildSinkServer(sinks);
  await viewer.listen({ port: 0, host: '127.0.0.1' });
  try {
    const seed = await fairdebt(SEED, target.env);
    assert.equal(seed.code, 0, seed.stderr);
    const db = await target.open();
    let planned: number;
    try {
      const clock = fixedClock('2026-04-01T00:00:00.000Z');
      await ensureDefaultTemplates(db, clock, DEFAULT_LENDER);
      await saveTemplate(db, clock, { code: 'test_reminder', language: 'zh-CN', channel: 'sms', body: '【{{lender}}】{{name}}您好，您的账单应还{{amountDue}}。验证码{{verifyCode}}。回复TD退订' }, { actor: 'test', idempotencyKey: 'tpl-1' });
      await saveTemplate(db, clock, { code: 'test_reminder', language: 'en', channel: 'sms', body: '{{lender}}: {{name}}, {{amountDue}} is due. Verify code {{verifyCode}}. Reply STOP to opt out' }, { actor: 'test', idempotencyKey: 'tpl-2' });
      // Three reminders per CN account with an unpaid instalment, due at 09:00 Shanghai time.
      const rows = await db.query<{ n: number }>(
        `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, template_code, language, contact_point, sender,
                                      initiator_kind, initiator_id, priority, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
         SELECT 'fd-test-' || a.id || '-' || k, a.id, a.customer_id, '2026-04-01', 'sms_reminder', 'reminder', 'sms', 'test_reminder', c.language,
                c.phones->>0, '106900000001', 'lender', $1, 0, '2026-04-02T01:00:00Z', '2026-04-02T12:00:00Z', 'scheduled',
                substr(md5(a.id || '-' || k), 1, 10), '{"decision":"allow"}', '2026-04-01T16:00:00Z'
         FROM accounts a JOIN customers c ON c.id = a.customer_id CROSS JOIN generate_series(1, 3) AS k
         WHERE c.jurisdiction = 'CN' AND jsonb_array_length(c.phones) > 0
           AND EXISTS (SELECT 1 FROM due_items d WHERE d.account_id = a.id AND d.settled_on IS NULL)
         RETURNING 1 AS n`,
        [DEFAULT_LENDER.id],
      );
      planned = rows.length;
    } finally {
      await db.close();
    }
    assert.ok(planned >= 150, `enough contacts to interrupt (${planned})`);
    const sinksUrl = `http://127.0.0.1:${(viewer.server.address() as AddressInfo).port}`;
    const args = ['dispatch', 'run', '--sms', `127.0.0.1:${sinks.smpp.port}`, '--sinks', sinksUrl, '--json'];

    const killed = await fairdebt([...args, '--at', '2026-04-02T01:00:00Z'], { ...target.env, FAIRDEBT_FAULT_KILL_AFTER_SENDS: '100' });
    assert.equal(killed.signal, 'SIGKILL', `the dispatcher was killed: ${killed.stderr}`);
    const afterKill = sinks.smpp.messages().filter((m) => m.reference?.startsWith('fd-test-')).length;
    assert.ok(afterKill >= 100 && afterKill < planned, `killed partway: ${afterKill} of ${planned} at the SMSC`);

    // Within the lease the interrupted items are left alone; after it they are reconciled, not resent.
    const rerun = await fairdebt([...args, '--at', '2026-04-02T01:03:00Z'], target.env);
    assert.equal(rerun.code, 0, rerun.stderr);
    const summary = JSON.parse(rerun.stdout) as { recovered: number; sent: number; released: number };
    assert.ok(summary.recovered >= 100, `interrupted sends found at the SMSC: ${rerun.stdout}`);

    // Only this test's contacts: the seeded portfolio's own plans go their way (most have expired by then).
    const refs = sinks.smpp.messages().map((m) => m.reference).filter((r) => r?.startsWith('fd-test-'));
    assert.equal(refs.length, planned, 'the SMSC received every contact');
    assert.equal(new Set(refs).size, planned, 'and none twice');

    const check = await target.open();
    try {
      const [s] = await check.query<{ sent: number; other: number; history: number }>(
        `SELECT count(*) FILTER (WHERE status IN ('sent', 'delivered'))::int AS sent, count(*) FILTER (WHERE status NOT IN ('sent', 'delivered'))::int AS other,
                (SELECT count(*)::int FROM contact_history h JOIN contacts_outbox x ON x.id = h.outbox_id WHERE x.reference LIKE 'fd-test-%') AS history
         FROM contacts_outbox WHERE reference LIKE 'fd-test-%'`,
      );
      assert.deepEqual(s, { sent: planned, other: 0, history: planned });
    } finally {
      await check.close();
    }
  } finally {
    await viewer.close();
    await sinks.close();
    await target.dispose();
  }
});
