import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import nodemailer from 'nodemailer';
import smpp, { type PDU, type Session } from 'smpp';
import { startSmscSink, receiptDate, type SinkSms } from './smsc.ts';
import { parseMail, decodeEncodedWords, referenceFromMessageId } from './smtp.ts';
import { startSinks, buildSinkServer, escapeHtml } from './index.ts';
import { run } from '../cli/sinks.ts';
import { memoryIo } from '../cli/io.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const SYSTEM_ID = 'collector';
const PASSWORD = 'secret1';
const SENDER = '106900000001';
const FIXED = new Date('2026-04-05T03:04:05.000Z');

/** A plain SMPP client session, connected; PDUs are sent by hand so the sink is tested on the wire. */
async function client(port: number): Promise<Session> {
  const s = smpp.connect({ host: '127.0.0.1', port });
  s.on('error', () => undefined);
  await once(s, 'connect');
  return s;
}

function request(s: Session, command: string, fields: Record<string, unknown> = {}): Promise<PDU> {
  return new Promise((resolve, reject) => {
    if (!s.send(new smpp.PDU(command, fields), resolve)) reject(new Error(`session not writable for ${command}`));
  });
}

function closeSession(s: Session): Promise<void> {
  return new Promise((resolve) => {
    if (s.socket.destroyed) return resolve();
    s.socket.once('close', () => resolve());
    s.destroy();
  });
}

/** The field name the smpp library gives the reference TLV 0x1400 (the sink registers it when it starts). */
const refTlv = () => smpp.tlvsById[0x1400]!.tag!;

const ucs2 = (text: string) => Buffer.from(text, 'utf16le').swap16();

test('the SMSC sink refuses a wrong bind password with ESME_RBINDFAIL and closes the session', async (t) => {
  const sink = await startSmscSink({ systemId: SYSTEM_ID, password: PASSWORD, registeredSenders: [SENDER] });
  t.after(() => sink.close());
  const s = await client(sink.port);
  const closed = once(s, 'close');
  const resp = await request(s, 'bind_transceiver', { system_id: SYSTEM_ID, password: 'wrong' });
  assert.equal(resp.command_status, smpp.errors.ESME_RBINDFAIL);
  await closed;
});

test('with a bind rate, the SMSC sink answers each bind at most that many messages a second, in order, and binds do not share it', async (t) => {
  const sink = await startSmscSink({ systemId: SYSTEM_ID, password: PASSWORD, registeredSenders: [SENDER], bindRate: 20 });
  t.after(() => sink.close());
  const [a, b] = [await client(sink.port), await client(sink.port)];
  t.after(() => Promise.all([closeSession(a), closeSession(b)]));
  for (const s of [a, b]) assert.equal((await request(s, 'bind_transceiver', { system_id: SYSTEM_ID, password: PASSWORD })).command_status, 0);
  const started = performance.now();
  const answered: Array<{ bind: string; i: number; at: number; id: string }> = [];
  const send = (s: Session, bind: string, i: number) =>
    request(s, 'submit_sm', { source_addr: SENDER, destination_addr: '8613800138000', short_message: `${bind}${i}` })
      .then((r) => answered.push({ bind, i, at: performance.now() - started, id: String(r.message_id) }));
  await Promise.all(Array.from({ length: 6 }, (_, i) => [send(a, 'a', i), send(b, 'b', i)]).flat());
  for (const bind of ['a', 'b']) {
    const mine = answered.filter((x) => x.bind === bind);
    assert.deepEqual(mine.map((x) => x.i), [0, 1, 2, 3, 4, 5], `bind ${bind}: answers in the order sent`);
    // 20 a second: the sixth answer cannot come before five intervals of 50 ms.
    assert.ok(mine[5]!.at >= 5 * 50 - 5, `bind ${bind}: sixth answer after ${mine[5]!.at.toFixed(0)} ms`);
  }
  // Each bind has its own rate: the other bind's messages were not queued behind these.
  assert.ok(answered.findIndex((x) => x.bind === 'b') < answered.findIndex((x) => x.bind === 'a' && x.i === 2), 'the binds are paced side by side');
  assert.equal(sink.messages().length, 12);
});

test('the SMSC sink refuses an unregistered sender (ESME_RINVSRCADR) and an empty destination (ESME_RINVDSTADR) and keeps nothing', async (t) => {
  const sink = await startSmscSink({ systemId: SYSTEM_ID, password: PASSWORD, registeredSenders: [SENDER] });
  t.after(() => sink.close());
  const s = await client(sink.port);
  t.after(() => closeSession(s));
  assert.equal((await request(s, 'bind_transmitter', { system_id: SYSTEM_ID, password: PASSWORD })).command_status, 0);
  const badSender = await request(s, 'submit_sm', { source_addr: '10690009999', destination_addr: '8613800138000', short_message: 'hi' });
  assert.equal(badSender.command_status, smpp.errors.ESME_RINVSRCADR);
  const noDestination = await request(s, 'submit_sm', { source_addr: SENDER, destination_addr: '', short_message: 'hi' });
  assert.equal(noDestination.command_status, smpp.errors.ESME_RINVDSTADR);
  assert.equal(sink.messages().length, 0);
});

test('the SMSC sink keeps a Chinese SMS sent in message_payload decoded, with its reference, and answers with its message_id', async (t) => {
  const sink = await startSmscSink({ systemId: SYSTEM_ID, password: PASSWORD, registeredSenders: [SENDER], now: () => FIXED });
  t.after(() => sink.close());
  const s = await client(sink.port);
  t.after(() => closeSession(s));
  await request(s, 'bind_transmitter', { system_id: SYSTEM_ID, password: PASSWORD });
  const text = '尊敬的客户，您的账户已逾期，请及时还款。'.repeat(5);
  const resp = await request(s, 'submit_sm', {
    source_addr: SENDER, dest_addr_ton: 1, dest_addr_npi: 1, destination_addr: '8613800138000',
    data_coding: 0x08, short_message: Buffer.alloc(0), message_payload: ucs2(text), [refTlv()]: 'fd-000000001',
  });
  assert.equal(resp.command_status, 0);
  const [sms] = sink.messages();
  assert.ok(sms);
  assert.equal(resp.message_id, sms.messageId);
  assert.deepEqual(
    { source: sms.source, destination: sms.destination, text: sms.text, dataCoding: sms.dataCoding, reference: sms.reference, receivedAt: sms.receivedAt },
    { source: SENDER, destination: '+8613800138000', text, dataCoding: 8, reference: 'fd-000000001', receivedAt: FIXED.toISOString() },
  );
  assert.equal(sink.findByReference('fd-000000001'), sms);
  assert.equal(sink.findByReference('fd-unknown'), undefined);
});

test('the SMSC sink sends the standard delivery receipt as deliver_sm, UNDELIV for destinations matching the undeliverable pattern', async (t) => {
  const sink = await startSmscSink({ systemId: SYSTEM_ID, password: PASSWORD, registeredSenders: [SENDER], now: () => FIXED });
  t.after(() => sink.close());
  const s = await client(sink.port);
  t.after(() => closeSession(s));
  const receipts = new Map<string, PDU>();
  const bothArrived = new Promise<void>((resolve) => {
    s.on('deliver_sm', (pdu: PDU) => {
      s.send(pdu.response());
      receipts.set(String(pdu.receipted_message_id), pdu);
      if (receipts.size === 2) resolve();
    });
  });
  const acknowledged = new Promise<void>((resolve) => {
    let n = 0;
    sink.events.on('receipt', () => ++n === 2 && resolve());
  });
  await request(s, 'bind_transceiver', { system_id: SYSTEM_ID, password: PASSWORD });
  const ok = await request(s, 'submit_sm', { source_addr: SENDER, destination_addr: '8613800138000', registered_delivery: 1, data_coding: 0, short_message: 'Your payment is due' });
  const bad = await request(s, 'submit_sm', { source_addr: SENDER, destination_addr: '8613800130000', registered_delivery: 1, data_coding: 0, short_message: 'Your payment is due' });
  await bothArrived;

  const delivered = receipts.get(String(ok.message_id))!;
  assert.equal(delivered.esm_class, 0x04);
  assert.equal(delivered.message_state, 2);
  const date = receiptDate(FIXED);
  assert.equal(date, '2604050304');
  assert.equal(
    (delivered.short_message as { message: string }).message,
    `id:${String(ok.message_id)} sub:001 dlvrd:001 submit date:${date} done date:${date} stat:DELIVRD err:000 text:Your payment is due`,
  );
  const undelivered = receipts.get(String(bad.message_id))!;
  assert.equal(undelivered.message_state, 5);
  assert.match((undelivered.short_message as { message: string }).message, /stat:UNDELIV err:001 /);

  await acknowledged;
  assert.deepEqual(sink.messages().map((m: SinkSms) => [m.receipt?.stat, m.receipt?.acknowledged]), [['DELIVRD', true], ['UNDELIV', true]]);
});

test('the SMSC sink answers enquire_link and unbind, then closes the session', async (t) => {
  const sink = await startSmscSink({ systemId: SYSTEM_ID, password: PASSWORD, registeredSenders: [SENDER] });
  t.after(() => sink.close());
  const s = await client(sink.port);
  await request(s, 'bind_transceiver', { system_id: SYSTEM_ID, password: PASSWORD });
  assert.equal((await request(s, 'enquire_link')).command, 'enquire_link_resp');
  const closed = once(s, 'close');
  assert.equal((await request(s, 'unbind')).command, 'unbind_resp');
  await closed;
});

test('mail reading: quoted-printable and base64 UTF-8 bodies, the text/plain part of multipart/alternative, RFC 2047 subjects', () => {
  const qp = Buffer.from(
    [
      'From: a@example.com',
      'Subject: =?UTF-8?Q?=E8=BF=98=E6=AC=BE=E6=8F=90=E9=86=92?= and more',
      'Message-ID: <fd-7@fairdebt.local>',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      '=E6=82=A8=E5=A5=BD=EF=BC=8C=E8=AF=B7=E5=8F=8A=E6=97=B6=E8=BF=98=E6=AC=BE=',
      '=E3=80=82 a=3Db',
      '',
    ].join('\r\n'),
  );
  assert.deepEqual(parseMail(qp), { messageId: '<fd-7@fairdebt.local>', subject: '还款提醒 and more', text: '您好，请及时还款。 a=b' });

  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const multipart = Buffer.from(
    [
      'Subject: =?utf-8?B?' + b64('逾期') + '?=',
      '  =?utf-8?B?' + b64('通知') + '?=',
      'Content-Type: multipart/alternative; boundary="--b1"',
      '',
      '----b1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64('第一行\n第二行'),
      '----b1',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>HTML</p>',
      '----b1--',
      '',
    ].join('\r\n'),
  );
  assert.deepEqual(parseMail(multipart), { messageId: null, subject: '逾期通知', text: '第一行\n第二行' });

  // One three-byte character split across two encoded words is put back together.
  const bytes = Buffer.from('款');
  assert.equal(decodeEncodedWords(`=?UTF-8?B?${bytes.subarray(0, 1).toString('base64')}?= =?UTF-8?B?${bytes.subarray(1).toString('base64')}?=`), '款');
  assert.equal(decodeEncodedWords('plain =?UTF-8?Q?a_b?= tail'), 'plain a b tail');
  assert.equal(referenceFromMessageId('<fd-000000123@fairdebt.local>'), 'fd-000000123');
  assert.equal(referenceFromMessageId(null), null);
});

test('the SMTP sink keeps an e-mail with its envelope, Message-ID, decoded Chinese subject and text', async (t) => {
  const sinks = await startSinks({});
  t.after(() => sinks.close());
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sinks.smtp.port, secure: false, ignoreTLS: true });
  t.after(() => transport.close());
  const info = await transport.sendMail({
    from: 'notice@fairdebt.local', to: 'debtor@example.com', subject: '关于您的账户逾期的通知', text: '尊敬的客户：\n您的账户已逾期 30 天。',
    messageId: '<fd-42@fairdebt.local>',
  });
  const [mail] = sinks.smtp.messages();
  assert.ok(mail);
  assert.match(info.response, new RegExp(`queued as ${mail.queueId}`));
  assert.deepEqual(
    { from: mail.from, to: mail.to, messageId: mail.messageId, reference: mail.reference, subject: mail.subject, text: mail.text },
    { from: 'notice@fairdebt.local', to: ['debtor@example.com'], messageId: '<fd-42@fairdebt.local>', reference: 'fd-42', subject: '关于您的账户逾期的通知', text: '尊敬的客户：\n您的账户已逾期 30 天。' },
  );
  assert.ok(mail.sizeBytes > 0);
  assert.equal(sinks.smtp.findByReference('fd-42'), mail);
});

test('the sink endpoints list newest first with limit and to, find by reference (404 when absent), and the mailbox page escapes HTML', async (t) => {
  const sinks = await startSinks({ registeredSenders: [SENDER], systemId: SYSTEM_ID, password: PASSWORD });
  t.after(() => sinks.close());
  const server = await buildSinkServer(sinks);
  t.after(() => server.close());

  const s = await client(sinks.smpp.port);
  t.after(() => closeSession(s));
  await request(s, 'bind_transmitter', { system_id: SYSTEM_ID, password: PASSWORD });
  for (const [i, to] of ['8613800000001', '8613800000002', '8613800000001'].entries()) {
    await request(s, 'submit_sm', { source_addr: SENDER, dest_addr_ton: 1, destination_addr: to, data_coding: 0, short_message: i === 2 ? '<script>alert(1)</script>' : `message ${i}`, [refTlv()]: `ref-${i}` });
  }
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sinks.smtp.port, secure: false, ignoreTLS: true });
  t.after(() => transport.close());
  await transport.sendMail({ from: 'a@fairdebt.local', to: 'x@example.com', subject: '<script>evil()</script>', text: 'body & <b>', messageId: '<m-1@fairdebt.local>' });

  const list = (await server.inject('/dev/sinks/sms?limit=2')).json() as { items: SinkSms[] };
  assert.deepEqual(list.items.map((m) => m.reference), ['ref-2', 'ref-1']);
  const to = (await server.inject(`/dev/sinks/sms?to=${encodeURIComponent('+8613800000001')}`)).json() as { items: SinkSms[] };
  assert.deepEqual(to.items.map((m) => m.reference), ['ref-2', 'ref-0']);
  assert.equal((await server.inject('/dev/sinks/sms?limit=0')).statusCode, 400);
  const mails = (await server.inject('/dev/sinks/mail?to=X@example.com')).json() as { items: Array<{ reference: string }> };
  assert.deepEqual(mails.items.map((m) => m.reference), ['m-1']);

  const found = await server.inject('/dev/sinks/sms/by-reference/ref-1');
  assert.equal(found.statusCode, 200);
  assert.equal((found.json() as SinkSms).text, 'message 1');
  const missing = await server.inject('/dev/sinks/sms/by-reference/nothing');
  assert.equal(missing.statusCode, 404);
  assert.match((missing.json() as { message: string }).message, /^reference: /);
  assert.equal((await server.inject('/dev/sinks/mail/by-reference/m-1')).statusCode, 200);
  assert.equal((await server.inject('/dev/sinks/mail/by-reference/m-2')).statusCode, 404);

  const page = await server.inject('/dev/mailbox');
  assert.equal(page.statusCode, 200);
  assert.match(String(page.headers['content-type']), /text\/html/);
  assert.ok(!page.body.includes('<script>'), 'no raw <script> from a message reaches the page');
  assert.ok(page.body.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
  assert.ok(page.body.includes('&lt;script&gt;evil()&lt;/script&gt;'));
  assert.ok(page.body.includes('body &amp; &lt;b&gt;'));
  assert.match(page.body, /短信 \/ SMS/);
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('fairdebt sinks --json prints the ports once listening, serves the mailbox, and exits 0 on SIGTERM', { timeout: 60_000 }, async () => {
  const entry = "const { run } = await import('./src/cli/sinks.ts'); const { defaultIo } = await import('./src/cli/io.ts'); process.exitCode = await run(process.argv.slice(1), defaultIo());";
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', entry, '--', '--json', '--smpp-port', '0', '--smtp-port', '0', '--http-port', '0', '--sender', 'FAIRDEBT'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = once(child, 'exit');
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`fairdebt sinks exited ${code} before printing its ports: ${stderr}`)));
    });
    const ports = JSON.parse(line) as { smppPort: number; smtpPort: number; httpPort: number };
    for (const p of [ports.smppPort, ports.smtpPort, ports.httpPort]) assert.ok(Number.isInteger(p) && p > 0);
    const res = await fetch(`http://127.0.0.1:${ports.httpPort}/dev/mailbox`);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /本地收件箱 \/ Local mailbox/);
    const s = await client(ports.smppPort);
    await request(s, 'bind_transmitter', { system_id: 'fairdebt', password: 'sinkpass' });
    const sent = await request(s, 'submit_sm', { source_addr: 'FAIRDEBT', source_addr_ton: 5, destination_addr: '8613800138000', data_coding: 0, short_message: 'hello' });
    assert.equal(sent.command_status, 0);
    await closeSession(s);
  } finally {
    child.kill('SIGTERM');
  }
  const [code] = (await exited) as [number | null];
  assert.equal(code, 0, stderr);
});

test('fairdebt sinks refuses a port that is not a number, naming the option', async () => {
  await assert.rejects(run(['--smpp-port', 'abc'], memoryIo()), /smpp-port: expected a port number/);
  await assert.rejects(run(['--colour'], memoryIo()), /arguments: .*colour/);
});
