import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';
import { startSinks, buildSinkServer, type Sinks } from '../../../sinks/index.ts';
import { createSmppProvider, parseReceipt, receiptInstant, type SmppProvider, type SmppProviderOptions } from './sms-smpp.ts';
import { ProviderError, type DeliveryReport, type OutboundMessage } from './provider.types.ts';

const SYSTEM_ID = 'fairdebt';
const PASSWORD = 'sinkpass';
const SENDER = '106900000001';

function sms(reference: string, over: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    reference, channel: 'sms', to: '+8613800138000', from: SENDER, language: 'zh-CN',
    text: '【Fairdebt】尊敬的客户，您的账户已逾期 30 天，请及时还款。核验码 A1B2。', verifyCode: 'A1B2',
    customerId: 'C-1', accountRef: 'ACC-1', at: '2026-04-05T02:00:00.000Z', ...over,
  };
}

/** Sinks, their HTTP endpoints, and a provider bound to the SMSC sink; all closed when the test ends. */
async function setup(t: TestContext, over: Partial<SmppProviderOptions> = {}) {
  const sinks = await startSinks({ registeredSenders: [SENDER], systemId: SYSTEM_ID, password: PASSWORD });
  const http = await buildSinkServer(sinks);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const lookupUrl = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/dev/sinks/sms/by-reference`;
  const provider = createSmppProvider({ host: '127.0.0.1', port: sinks.smpp.port, systemId: SYSTEM_ID, password: PASSWORD, lookupUrl, ...over });
  // The provider unbinds before the sink goes away, as a client leaves a server that stays.
  t.after(async () => {
    await provider.close();
    await http.close();
    await sinks.close();
  });
  return { sinks, provider, reports: collectReports(provider) };
}

/** Delivery reports by provider message id; `of(id)` waits for the one of a message. */
function collectReports(provider: SmppProvider) {
  const seen = new Map<string, DeliveryReport>();
  const waiting = new Map<string, (r: DeliveryReport) => void>();
  provider.onReport((r) => {
    seen.set(r.providerMessageId, r);
    waiting.get(r.providerMessageId)?.(r);
  });
  return {
    of(id: string): Promise<DeliveryReport> {
      const r = seen.get(id);
      return r ? Promise.resolve(r) : new Promise((resolve) => waiting.set(id, resolve));
    },
  };
}

/** An SMSC that binds anyone and lets the test answer submit_sm; closed when the test ends. */
async function standInSmsc(t: TestContext, onSubmit: (session: Session, pdu: PDU) => void): Promise<number> {
  const server = smpp.createServer((session) => {
    session.on('error', () => undefined);
    session.on('bind_transceiver', (pdu: PDU) => session.send(pdu.response({ system_id: 'stand-in' })));
    session.on('unbind', (pdu: PDU) => session.send(pdu.response(), () => session.close()));
    session.on('submit_sm', (pdu: PDU) => onSubmit(session, pdu));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(async () => {
    // A provider still connected must not keep the server open; it is closed by its own hook.
    for (const s of server.sessions) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

const messagesTo = (sinks: Sinks, reference: string) => sinks.smpp.messages().filter((m) => m.reference === reference);

test('a Chinese SMS arrives at the SMSC decoded (UCS2) with its reference, and its receipt comes back as a delivered report', async (t) => {
  const { sinks, provider, reports } = await setup(t);
  const msg = sms('fd-000000001');
  const receipt = await provider.send(msg);
  assert.equal(receipt.acceptedAt, msg.at);
  const [held] = messagesTo(sinks, 'fd-000000001');
  assert.ok(held);
  assert.deepEqual(
    { id: held.messageId, source: held.source, destination: held.destination, text: held.text, dataCoding: held.dataCoding, registeredDelivery: held.registeredDelivery },
    { id: receipt.providerMessageId, source: SENDER, destination: '+8613800138000', text: msg.text, dataCoding: 8, registeredDelivery: 1 },
  );
  const report = await reports.of(receipt.providerMessageId);
  assert.equal(report.status, 'delivered');
  assert.equal(report.detail, 'stat:DELIVRD err:000');
  assert.match(report.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/);
});

test('a plain-ASCII SMS goes in the GSM default alphabet and a long Chinese text whole in message_payload', async (t) => {
  const { sinks, provider } = await setup(t);
  const plain = 'Payment of CNY 1,200.00 is due @ 2026-04-10 (ref #A1_B2).';
  await provider.send(sms('fd-plain', { text: plain, language: 'en' }));
  const long = '您的账户已逾期，请尽快联系我们协商还款方案。'.repeat(12);
  await provider.send(sms('fd-long', { text: long }));
  const [p] = messagesTo(sinks, 'fd-plain');
  const [l] = messagesTo(sinks, 'fd-long');
  assert.deepEqual([p?.text, p?.dataCoding], [plain, 0]);
  assert.deepEqual([l?.text, l?.dataCoding], [long, 8]);
});

test('an unregistered sender is refused with a non-retryable ProviderError naming the field, and the SMSC holds nothing', async (t) => {
  const { sinks, provider } = await setup(t);
  await assert.rejects(provider.send(sms('fd-badsender', { from: '10690009999' })), (err: unknown) => {
    assert.ok(err instanceof ProviderError);
    assert.equal(err.retryable, false);
    assert.match(err.message, /^from: .*'10690009999'.*ESME_RINVSRCADR/);
    return true;
  });
  assert.equal(sinks.smpp.messages().length, 0);
});

test('a destination matching the undeliverable pattern gets a failed report', async (t) => {
  const { provider, reports } = await setup(t);
  const receipt = await provider.send(sms('fd-undeliv', { to: '+8613800130000' }));
  const report = await reports.of(receipt.providerMessageId);
  assert.equal(report.status, 'failed');
  assert.equal(report.detail, 'stat:UNDELIV err:001');
});

test('a wrong bind password fails clearly: ready() and send reject with a non-retryable error naming the credentials', async (t) => {
  const { sinks, provider } = await setup(t, { password: 'wrong' });
  await assert.rejects(provider.ready(), (err: unknown) => {
    assert.ok(err instanceof ProviderError);
    assert.equal(err.retryable, false);
    assert.match(err.message, /^systemId\/password: .*refused bind_transceiver for system_id 'fairdebt': ESME_RBINDFAIL/);
    return true;
  });
  await assert.rejects(provider.send(sms('fd-nobind')), /ESME_RBINDFAIL/);
  assert.equal(sinks.smpp.messages().length, 0);
});

test('an SMSC that cannot be reached: ready(timeout) says so with the connection error, and a later SMSC on that port is bound', async (t) => {
  // A port nothing listens on (taken and freed), then an SMSC sink started on it.
  const probe = await startSinks({ registeredSenders: [SENDER], systemId: SYSTEM_ID, password: PASSWORD });
  const port = probe.smpp.port;
  await probe.close();
  const provider = createSmppProvider({ host: '127.0.0.1', port, systemId: SYSTEM_ID, password: PASSWORD });
  t.after(() => provider.close());
  await assert.rejects(provider.ready(300), (err: unknown) => {
    assert.ok(err instanceof ProviderError);
    assert.equal(err.retryable, true);
    assert.match(err.message, new RegExp(`^no bind with the SMSC at 127\\.0\\.0\\.1:${port} within 300 ms \\(last error: connect ECONNREFUSED`));
    return true;
  });
  // The provider goes on trying: an SMSC that comes up is bound, and a message goes through.
  const sinks = await startSinks({ registeredSenders: [SENDER], systemId: SYSTEM_ID, password: PASSWORD, smppPort: port });
  t.after(() => sinks.close());
  await provider.ready(30_000);
  await provider.send(sms('fd-after-outage'));
  assert.deepEqual(sinks.smpp.messages().map((m) => m.reference), ['fd-after-outage']);
});

test('500 messages sent at once all arrive exactly once, each resolved with its own message_id', async (t) => {
  const { sinks, provider } = await setup(t);
  await provider.ready();
  const N = 500;
  const started = performance.now();
  const receipts = await Promise.all(Array.from({ length: N }, (_, i) => provider.send(sms(`fd-bulk-${i}`, { to: `+86138${String(i).padStart(8, '0')}`, text: `【Fairdebt】第 ${i} 条提醒：请及时还款。` }))));
  const ms = performance.now() - started;
  t.diagnostic(`${N} SMS accepted in ${ms.toFixed(0)} ms (${Math.round((N / ms) * 1000)} per second, window 64)`);
  const held = sinks.smpp.messages();
  assert.equal(held.length, N);
  const perReference = new Map<string, number>();
  for (const m of held) perReference.set(m.reference!, (perReference.get(m.reference!) ?? 0) + 1);
  assert.equal(perReference.size, N);
  assert.ok([...perReference.values()].every((n) => n === 1));
  assert.equal(new Set(receipts.map((r) => r.providerMessageId)).size, N);
  for (let i = 0; i < N; i += 97) assert.equal(sinks.smpp.findByReference(`fd-bulk-${i}`)?.messageId, receipts[i]!.providerMessageId);
});

test('lookup finds a sent reference through the search endpoint and returns null for an unknown one', async (t) => {
  const { provider } = await setup(t);
  const receipt = await provider.send(sms('fd-lookup'));
  const found = await provider.lookup('fd-lookup');
  assert.equal(found?.providerMessageId, receipt.providerMessageId);
  assert.match(found!.acceptedAt, /^\d{4}-\d\d-\d\dT/);
  assert.equal(await provider.lookup('fd-never-sent'), null);
});

test('lookup without a lookupUrl says the provider cannot be asked', async (t) => {
  const { provider } = await setup(t, { lookupUrl: undefined });
  await assert.rejects(provider.lookup('fd-1'), (err: unknown) => err instanceof ProviderError && !err.retryable && /^lookupUrl: .*cannot be asked/.test(err.message));
});

test('after the connection drops the provider binds again and the next message goes through', async (t) => {
  const { sinks, provider } = await setup(t);
  await provider.send(sms('fd-before'));
  const rebound = once(sinks.smpp.events, 'bind');
  sinks.smpp.disconnectAll();
  await rebound;
  const after = await provider.send(sms('fd-after'));
  assert.equal(sinks.smpp.findByReference('fd-after')?.messageId, after.providerMessageId);
  assert.equal(sinks.smpp.messages().length, 2);
});

test('a connection lost before submit_sm_resp gives a retryable error that says to look the message up first; the provider reconnects', async (t) => {
  // The stand-in SMSC drops the connection on the first submit_sm without answering, then accepts.
  let drops = 1;
  const port = await standInSmsc(t, (session, pdu) => {
    if (drops-- > 0) return session.destroy();
    session.send(pdu.response({ message_id: 'M-1' }));
  });
  const provider = createSmppProvider({ host: '127.0.0.1', port, systemId: 'x', password: 'y' });
  t.after(() => provider.close());
  await assert.rejects(provider.send(sms('fd-lost')), (err: unknown) => {
    assert.ok(err instanceof ProviderError);
    assert.equal(err.retryable, true);
    assert.match(err.message, /connection closed.*may hold the message, so call lookup\(reference\) before sending it again/);
    return true;
  });
  assert.equal((await provider.send(sms('fd-next'))).providerMessageId, 'M-1');
});

test('the session is kept alive with enquire_link', async (t) => {
  const { sinks, provider } = await setup(t, { enquireLinkIntervalMs: 20 });
  await provider.ready();
  await once(sinks.smpp.events, 'enquire_link');
});

test('a message that fails the edge checks is refused before anything is sent, naming the field', async (t) => {
  const { sinks, provider } = await setup(t);
  const cases: Array<[Partial<OutboundMessage>, RegExp]> = [
    [{ to: '' }, /^to: /],
    [{ to: 'not-a-number' }, /^to: /],
    [{ text: '' }, /^text: is empty/],
    [{ text: '长'.repeat(1001) }, /^text: has 1001 characters/],
    [{ reference: 'x'.repeat(33) }, /^reference: /],
    [{ channel: 'email' }, /^channel: /],
  ];
  for (const [over, message] of cases) {
    await assert.rejects(provider.send(sms('fd-edge', over)), (err: unknown) => err instanceof ProviderError && !err.retryable && message.test(err.message));
  }
  assert.equal(sinks.smpp.messages().length, 0);
});

test('throttling (ESME_RTHROTTLED) and system errors are retryable, an invalid destination is not', async (t) => {
  // The stand-in answers each submit_sm with the command status the last three digits of the destination name.
  const port = await standInSmsc(t, (session, pdu) => session.send(pdu.response({ command_status: Number(String(pdu.destination_addr).slice(-3)) })));
  const provider = createSmppProvider({ host: '127.0.0.1', port, systemId: 'x', password: 'y' });
  t.after(() => provider.close());
  const outcome = (status: number) =>
    provider.send(sms(`fd-${status}`, { to: `+8613800138${String(status).padStart(3, '0')}` })).then(
      () => assert.fail('expected a refusal'),
      (err: ProviderError) => [err.retryable, err.message] as const,
    );
  const [throttled, syserr, baddest] = await Promise.all([outcome(0x58), outcome(0x08), outcome(0x0b)]);
  assert.equal(throttled[0], true);
  assert.match(throttled[1], /ESME_RTHROTTLED \(0x00000058\)/);
  assert.equal(syserr[0], true);
  assert.match(syserr[1], /ESME_RSYSERR/);
  assert.equal(baddest[0], false);
  assert.match(baddest[1], /^to: .*ESME_RINVDSTADR/);
});

test('receipts: the TLVs win over the text, intermediate states give no report, done date becomes the report instant', () => {
  const text = 'id:ab12 sub:001 dlvrd:000 submit date:2604051000 done date:2604051003 stat:UNDELIV err:001 text:hello';
  const rows: Array<[Parameters<typeof parseReceipt>[0], Partial<DeliveryReport> | null]> = [
    [{ text }, { providerMessageId: 'ab12', status: 'failed', at: '2026-04-05T10:03:00.000Z', detail: 'stat:UNDELIV err:001' }],
    [{ text, receiptedMessageId: 'XYZ', messageState: 2 }, { providerMessageId: 'XYZ', status: 'delivered' }],
    [{ text: text.replace('UNDELIV', 'EXPIRED') }, { status: 'expired' }],
    [{ text: text.replace('UNDELIV', 'REJECTD') }, { status: 'rejected' }],
    [{ text: text.replace('UNDELIV', 'ENROUTE') }, null],
    [{ text: text.replace('UNDELIV', 'ACCEPTD') }, null],
    [{ text: 'stat:DELIVRD' }, null],
    [{ text: 'id:1 stat:DELIVRD' }, { providerMessageId: '1', status: 'delivered', at: 'fallback' }],
  ];
  for (const [fields, expected] of rows) {
    const got = parseReceipt(fields, 'fallback');
    if (expected === null) assert.equal(got, null, fields.text);
    else for (const [k, v] of Object.entries(expected)) assert.equal(got?.[k as keyof DeliveryReport], v, `${k} of ${fields.text}`);
  }
  assert.equal(receiptInstant('2604051003'), '2026-04-05T10:03:00.000Z');
  assert.equal(receiptInstant('260405100359'), '2026-04-05T10:03:59.000Z');
  assert.equal(receiptInstant('2602301003'), undefined);
  assert.equal(receiptInstant(undefined), undefined);
});
