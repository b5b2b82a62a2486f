import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scenario } from '../support/scenario.ts';
import { always, dispatchAt, outbox, planningWith, setUpContacts } from '../support/contacts.ts';
import { createFakeProvider, openDispute, verifyCode, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';

// CN_LOAN, ¥12,000 over 12 months, first instalment due 2026-02-15; the debtor lives in Asia/Shanghai (UTC+8).
// The close of 2026-02-16 (DPD 1) plans an SMS for 2026-02-17 09:00 local = 01:00Z.

async function overdueLoan() {
  const s = await scenario({ planning: planningWith(always('sms', 'early_sms')) });
  await setUpContacts(s.db);
  await s.loan('L1', { principalMinor: 1_200_000, termCount: 12, openedOn: '2026-01-15' });
  await s.closeThrough('2026-02-16');
  return s;
}

test('the close of a business date plans an SMS for 09:00 the next day in the debtor’s time zone, and dispatch sends it once', async () => {
  const s = await overdueLoan();
  try {
    const [item] = await outbox(s.db);
    assert.equal(item?.status, 'scheduled');
    assert.equal(item?.scheduled_at, '2026-02-17T01:00:00.000Z');
    const sms = createFakeProvider('sms');
    // Not due yet at 00:59Z.
    assert.equal((await dispatchAt(s.db, '2026-02-17T00:59:00.000Z', { sms })).sent, 0);
    const r = await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms });
    assert.equal(r.sent, 1);
    assert.equal(sms.sent.length, 1);
    assert.match(sms.sent[0]!.text, /逾期1天/);
    assert.match(sms.sent[0]!.text, /回复TD退订/);
    assert.equal(sms.sent[0]!.to, '+8613800000000');
    // Dispatching again sends nothing more.
    assert.equal((await dispatchAt(s.db, '2026-02-17T02:00:00.000Z', { sms })).sent, 0);
    assert.equal(sms.sent.length, 1);
    const [after] = await outbox(s.db);
    assert.equal(after?.status, 'sent');
    const [h] = await s.db.query<{ channel: string; outcome: string }>('SELECT channel, outcome FROM contact_history');
    assert.deepEqual(h, { channel: 'sms', outcome: 'delivered' });
    const v = await verifyCode(s.db, DEFAULT_LENDER, after!.verify_code.toLowerCase());
    assert.equal(v.genuine, true);
    assert.equal(v.sender?.kind, 'lender');
    assert.equal((await verifyCode(s.db, DEFAULT_LENDER, 'ZZZZZ-ZZZZZ')).genuine, false);
  } finally {
    await s.close();
  }
});

test('a payment that arrives after planning cancels the SMS at dispatch', async () => {
  const s = await overdueLoan();
  try {
    await s.pay('L1', 200_000, '2026-02-17');
    await s.closeThrough('2026-02-17');
    const sms = createFakeProvider('sms');
    const r = await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms });
    assert.equal(sms.sent.length, 0);
    assert.equal(r.cancelled, 1);
    const [item] = await outbox(s.db);
    assert.equal(item?.status, 'cancelled');
  } finally {
    await s.close();
  }
});

test('a dispute opened between planning and sending blocks the SMS with the dispute-hold rule', async () => {
  const s = await overdueLoan();
  try {
    await openDispute(s.db, fixedClock('2026-02-17T00:30:00.000Z'), { accountRef: 'L1', reason: '金额有误' }, { actor: 'debtor', idempotencyKey: 'd1' });
    const sms = createFakeProvider('sms');
    const r = await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms });
    assert.equal(sms.sent.length, 0);
    assert.equal(r.blocked, 1);
    const [item] = await outbox(s.db);
    assert.equal(item?.status, 'blocked');
    assert.match(item!.last_error!, /FD-DISPUTE/);
  } finally {
    await s.close();
  }
});

test('a send whose acknowledgement was lost is found at the provider after the lease and recorded without a second send', async () => {
  const s = await overdueLoan();
  try {
    const sms = createFakeProvider('sms');
    sms.loseAckNext(1);
    const r1 = await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms });
    assert.equal(r1.unknown, 1);
    assert.equal((await outbox(s.db))[0]?.status, 'sending');
    // Within the lease nothing happens; after it, the provider is asked.
    assert.equal((await dispatchAt(s.db, '2026-02-17T01:01:00.000Z', { sms })).recovered, 0);
    const r2 = await dispatchAt(s.db, '2026-02-17T01:03:00.000Z', { sms });
    assert.equal(r2.recovered, 1);
    assert.equal(sms.sent.length, 1);
    assert.equal((await outbox(s.db))[0]?.status, 'sent');
  } finally {
    await s.close();
  }
});

test('a refused send (retryable) is tried again after the retry delay; a non-retryable refusal fails the item', async () => {
  const s = await overdueLoan();
  try {
    const sms = createFakeProvider('sms');
    sms.failNext(1, true);
    assert.equal((await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms })).retried, 1);
    assert.equal((await outbox(s.db))[0]?.scheduled_at, '2026-02-17T01:05:00.000Z');
    sms.failNext(1, false);
    assert.equal((await dispatchAt(s.db, '2026-02-17T01:05:00.000Z', { sms })).failed, 1);
    assert.equal((await outbox(s.db))[0]?.status, 'failed');
    assert.equal(sms.sent.length, 0);
  } finally {
    await s.close();
  }
});

test('at 23:00 local the CN quiet hours hold the SMS until 08:00 the next morning', async () => {
  const s = await overdueLoan();
  try {
    await s.db.query(`UPDATE contacts_outbox SET scheduled_at = '2026-02-17T15:00:00Z', expires_at = '2026-02-18T12:00:00Z'`);
    const sms = createFakeProvider('sms');
    const r = await dispatchAt(s.db, '2026-02-17T15:00:00.000Z', { sms });
    assert.equal(r.rescheduled, 1);
    assert.equal((await outbox(s.db))[0]?.scheduled_at, '2026-02-18T00:00:00.000Z');
    assert.equal(sms.sent.length, 0);
  } finally {
    await s.close();
  }
});

test('a retryable error after the provider had in fact accepted the SMS is looked up before the retry: no second send', async () => {
  const s = await overdueLoan();
  try {
    const sms = createFakeProvider('sms');
    sms.loseAckNext(1, 'retryable');
    assert.equal((await dispatchAt(s.db, '2026-02-17T01:00:00.000Z', { sms })).retried, 1);
    const r = await dispatchAt(s.db, '2026-02-17T01:05:00.000Z', { sms });
    assert.equal(r.recovered, 1);
    assert.equal(r.sent, 0);
    assert.equal(sms.sent.length, 1);
    assert.equal((await outbox(s.db))[0]?.status, 'sent');
  } finally {
    await s.close();
  }
});
