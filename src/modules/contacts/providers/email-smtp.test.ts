import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type AddressInfo } from 'node:net';
import { startSinks, buildSinkServer } from '../../../sinks/index.ts';
import { startSmtpSink } from '../../../sinks/smtp.ts';
import { createSmtpProvider, composePlainText, encodeHeaderWords, type SmtpProviderOptions } from './email-smtp.ts';
import { ProviderError, type OutboundMessage } from './provider.types.ts';

function email(reference: string, over: Partial<OutboundMessage> = {}): OutboundMessage {
  return {
    reference, channel: 'email', to: 'debtor@example.com', from: 'notice@fairdebt.local', language: 'zh-CN',
    subject: '关于您账户逾期的还款提醒', text: '尊敬的客户：\n\n您的账户已逾期 30 天，请及时还款。\n核验码：A1B2（可在官网核验本邮件真伪）。',
    verifyCode: 'A1B2', customerId: 'C-1', accountRef: 'ACC-1', at: '2026-04-05T02:00:00.000Z', ...over,
  };
}

async function setup(t: TestContext, over: Partial<SmtpProviderOptions> = {}) {
  const sinks = await startSinks({});
  const http = await buildSinkServer(sinks);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const lookupUrl = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/dev/sinks/mail/by-reference`;
  const provider = createSmtpProvider({ host: '127.0.0.1', port: sinks.smtp.port, lookupUrl, ...over });
  // The provider's pooled connections close before the sink does, as clients leave a server that stays.
  t.after(async () => {
    await provider.close();
    await http.close();
    await sinks.close();
  });
  return { sinks, provider };
}

test('an e-mail with a Chinese subject and body arrives decoded, with our reference as its Message-ID', async (t) => {
  const { sinks, provider } = await setup(t);
  const msg = email('fd-000000007');
  const receipt = await provider.send(msg);
  const [held] = sinks.smtp.messages();
  assert.ok(held);
  assert.equal(receipt.providerMessageId, held.queueId);
  assert.equal(receipt.acceptedAt, msg.at);
  assert.deepEqual(
    { from: held.from, to: held.to, messageId: held.messageId, reference: held.reference, subject: held.subject, text: held.text },
    { from: msg.from, to: [msg.to], messageId: '<fd-000000007@fairdebt.local>', reference: 'fd-000000007', subject: msg.subject, text: msg.text },
  );
});

test('a long subject mixing Chinese, emoji and ASCII and a multi-line body arrive exactly as sent', async (t) => {
  const { sinks, provider } = await setup(t);
  const subject = `【提醒】${'您的账户已逾期，请尽快还款 😀 ref-123 '.repeat(7)}`.slice(0, 200);
  const text = '第一行\n第二行 😀\r\n\nThird line — 结束。'.repeat(40);
  await provider.send(email('fd-000000008', { subject, text }));
  const [held] = sinks.smtp.messages();
  assert.equal(held?.subject, subject);
  assert.equal(held?.text, text.replace(/\r\n/g, '\n'));
});

test('the composed message keeps every encoded word within 75 characters and cannot be given extra headers', () => {
  const words = encodeHeaderWords('关于您账户逾期的还款提醒😀'.repeat(10)).split('\r\n ');
  assert.ok(words.length > 1);
  for (const w of words) assert.ok(w.length <= 75 && /^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/.test(w), w);
  const raw = composePlainText(email('fd-000000009', { subject: 'Hello\r\nBcc: someone@example.com' }), 'notice@fairdebt.local');
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  assert.equal(head.split('\r\n').filter((l) => /^bcc:/i.test(l)).length, 0);
  assert.ok(raw.split('\r\n').every((l) => l.length <= 998));
});

test('an internationalised recipient address goes through the general composer and arrives', async (t) => {
  const { sinks, provider } = await setup(t);
  await provider.send(email('fd-000000010', { to: 'zhang@例子.cn' }));
  const [held] = sinks.smtp.messages();
  assert.equal(held?.reference, 'fd-000000010');
  assert.equal(held?.subject, '关于您账户逾期的还款提醒');
});

test('lookup finds a sent reference through the search endpoint and returns null for an unknown one', async (t) => {
  const { provider } = await setup(t);
  const receipt = await provider.send(email('fd-mail-lookup'));
  const found = await provider.lookup('fd-mail-lookup');
  assert.equal(found?.providerMessageId, receipt.providerMessageId);
  assert.equal(await provider.lookup('fd-mail-never'), null);
});

test('lookup without a lookupUrl says the provider cannot be asked', async (t) => {
  const { provider } = await setup(t, { lookupUrl: undefined });
  await assert.rejects(provider.lookup('fd-1'), (err: unknown) => err instanceof ProviderError && !err.retryable && /^lookupUrl: .*cannot be asked/.test(err.message));
});

test('100 e-mails sent at once over the pool all arrive exactly once', async (t) => {
  const { sinks, provider } = await setup(t);
  const N = 100;
  const receipts = await Promise.all(Array.from({ length: N }, (_, i) => provider.send(email(`fd-pool-${i}`, { to: `debtor${i}@example.com` }))));
  const refs = sinks.smtp.messages().map((m) => m.reference);
  assert.equal(refs.length, N);
  assert.equal(new Set(refs).size, N);
  assert.equal(new Set(receipts.map((r) => r.providerMessageId)).size, N);
});

test('a message that fails the edge checks is refused before anything is sent, naming the field', async (t) => {
  const { sinks, provider } = await setup(t);
  const cases: Array<[Partial<OutboundMessage>, RegExp]> = [
    [{ to: 'not an address' }, /^to: /],
    [{ subject: '' }, /^subject: /],
    [{ text: '' }, /^text: is empty/],
    [{ reference: 'fd 1' }, /^reference: /],
    [{ channel: 'sms' }, /^channel: /],
  ];
  for (const [over, message] of cases) {
    await assert.rejects(provider.send(email('fd-edge', over)), (err: unknown) => err instanceof ProviderError && !err.retryable && message.test(err.message));
  }
  assert.equal(sinks.smtp.messages().length, 0);
});

test('a permanent SMTP refusal (552, too large) is not retryable; a server that cannot be reached is', async (t) => {
  const small = await startSmtpSink({ maxMessageBytes: 2_000 });
  const tooSmall = createSmtpProvider({ host: '127.0.0.1', port: small.port, pool: false });
  t.after(async () => {
    await tooSmall.close();
    await small.close();
  });
  await assert.rejects(tooSmall.send(email('fd-big', { text: '很长的正文。'.repeat(500) })), (err: unknown) => err instanceof ProviderError && !err.retryable && /552|size/i.test(err.message));
  assert.equal(small.messages().length, 0);

  // A port that was free a moment ago: nothing listens there.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const freePort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const nowhere = createSmtpProvider({ host: '127.0.0.1', port: freePort });
  t.after(() => nowhere.close());
  await assert.rejects(nowhere.send(email('fd-nowhere')), (err: unknown) => err instanceof ProviderError && err.retryable);
});
