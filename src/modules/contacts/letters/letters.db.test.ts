import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { testApp } from '../../../../test/support/app.ts';
import { buildServer } from '../../../http/app.ts';
import type { App } from '../../../main.ts';
import { createCustomer, openAccount } from '../../ledger/index.ts';
import type { OutboundMessage } from '../providers/provider.types.ts';
import { ProviderError } from '../providers/provider.types.ts';
import { createLetterProvider, localDate, type LetterData } from './letter-provider.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import { getLetterPdf, listLetters } from './letters.store.ts';
import { registerLetterRoutes } from './letters.routes.ts';
import { signIn, withSession } from '../../../../test/support/auth.ts';

let app: App;
let server: FastifyInstance;
const loads: string[] = [];

const DATA: LetterData = {
  debtorName: '张三',
  timeZone: 'Asia/Shanghai',
  amountDue: { currency: 'CNY', principalMinor: 1_000_000, interestMinor: 12_345, penaltyMinor: 6_789, feesMinor: 5_000 },
};

const MSG: OutboundMessage = {
  reference: 'fd-000000123',
  channel: 'letter',
  to: 'C1',
  from: 'lender',
  language: 'zh-CN',
  subject: '逾期还款提醒函',
  text: '您在我司的借款已逾期 35 天。\n\n请尽快还款。',
  verifyCode: 'K7Q2-9XZ4',
  customerId: 'C1',
  accountRef: 'L1',
  address: '上海市浦东新区世纪大道 100 号\n200120',
  // 20:30 UTC on 4 March is 04:30 on 5 March in Shanghai: the letter is dated on the debtor's day.
  at: '2026-03-04T20:30:00.000Z',
};

function provider() {
  return createLetterProvider(app.db, {
    lenderName: '示例消费金融有限公司',
    lenderAddress: '北京市朝阳区建国路 1 号\n100022',
    hotline: '400-800-1234',
    portalUrl: 'https://portal.example.cn',
    async loadLetterData(reference) {
      loads.push(reference);
      return DATA;
    },
  });
}

before(async () => {
  app = await testApp();
  const k = { actor: 't', idempotencyKey: 'c1' };
  await createCustomer(app.db, app.clock, { id: 'C1', name: '张三', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k);
  await createCustomer(app.db, app.clock, { id: 'C2', name: 'Jane Smith', timeZone: 'Europe/London', jurisdiction: 'UK', language: 'en' }, { ...k, idempotencyKey: 'c2' });
  await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2025-12-15', principalMinor: 1_200_000, termCount: 12 }, { ...k, idempotencyKey: 'a1' });
  server = withSession(await buildServer(app), await signIn(app, { roles: ['admin'] }));
  // The application mounts these routes itself; register them here only while it does not yet.
  if (!server.hasRoute({ method: 'GET', url: '/api/v1/letters/:reference' })) registerLetterRoutes(server, app);
  await server.ready();
});

after(async () => {
  await server.close();
  await app.close();
});

test('sending the same reference twice stores one letter and returns the same receipt', async () => {
  const p = provider();
  const first = await p.send(MSG);
  const second = await p.send({ ...MSG, text: 'a changed text must not replace the letter already sent' });
  assert.deepEqual(second, first);
  assert.match(first.providerMessageId, /^letter:[0-9a-f]{16}$/);
  assert.equal(first.acceptedAt, MSG.at);
  const [{ n }] = (await app.db.query<{ n: number }>("SELECT count(*)::int AS n FROM letters WHERE reference = 'fd-000000123'")) as [{ n: number }];
  assert.equal(n, 1);
  assert.deepEqual(loads, ['fd-000000123'], 'the second send found the stored letter without loading or rendering again');

  const stored = await getLetterPdf(app.db, MSG.reference);
  assert.ok(stored);
  assert.ok(Buffer.isBuffer(stored.pdf), 'bytea comes back as a Buffer on either engine');
  assert.equal(stored.bytes, stored.pdf.length);
  assert.equal(stored.sha256, createHash('sha256').update(stored.pdf).digest('hex'), 'the stored hash is the hash of the stored bytes');
  assert.equal(first.providerMessageId, `letter:${stored.sha256.slice(0, 16)}`);
  assert.deepEqual([stored.customerId, stored.language, stored.createdAt], ['C1', 'zh-CN', MSG.at]);

  // Rendering the same input again gives the same bytes: the stored hash can be recomputed.
  assert.equal(localDate(MSG.at, DATA.timeZone), '2026-03-05');
  const again = await renderLetterPdf({
    reference: MSG.reference, language: 'zh-CN', date: localDate(MSG.at, DATA.timeZone),
    lenderName: '示例消费金融有限公司', lenderAddress: '北京市朝阳区建国路 1 号\n100022',
    debtorName: DATA.debtorName, debtorAddress: MSG.address!, title: MSG.subject!, body: MSG.text,
    amountDue: DATA.amountDue, hotline: '400-800-1234', portalUrl: 'https://portal.example.cn', verifyCode: MSG.verifyCode,
  });
  assert.equal(createHash('sha256').update(again).digest('hex'), stored.sha256);
});

test('lookup finds a stored letter by reference and returns null for one never sent', async () => {
  const p = provider();
  const receipt = await p.send({ ...MSG, reference: 'fd-000000200' });
  assert.deepEqual(await p.lookup('fd-000000200'), receipt);
  assert.equal(await p.lookup('fd-999999999'), null);
});

test('a letter without a postal address or for an unknown account is refused as not retryable', async () => {
  const p = provider();
  for (const [msg, field] of [
    [{ ...MSG, reference: 'fd-000000300', address: undefined }, /^address: /],
    [{ ...MSG, reference: 'fd-000000301', accountRef: 'NOPE' }, /^accountRef: /],
    [{ ...MSG, reference: 'fd-000000302', channel: 'sms' as const }, /^channel: /],
  ] as const) {
    await assert.rejects(p.send(msg), (e: unknown) => e instanceof ProviderError && !e.retryable && field.test(e.message));
    assert.equal(await p.lookup(msg.reference), null);
  }
});

test('GET /api/v1/letters/:reference returns the stored PDF with its hash, and 404 naming the reference otherwise', async () => {
  await provider().send({ ...MSG, reference: 'fd-000000400' });
  const stored = (await getLetterPdf(app.db, 'fd-000000400'))!;
  const res = await server.inject({ method: 'GET', url: '/api/v1/letters/fd-000000400' });
  assert.equal(res.statusCode, 200);
  assert.equal(res.headers['content-type'], 'application/pdf');
  assert.equal(res.headers['content-disposition'], 'inline; filename="fd-000000400.pdf"');
  assert.equal(res.headers['x-content-sha256'], stored.sha256);
  assert.ok(res.rawPayload.equals(stored.pdf));
  assert.equal(createHash('sha256').update(res.rawPayload).digest('hex'), stored.sha256);

  const missing = await server.inject({ method: 'GET', url: '/api/v1/letters/fd-404' });
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().code, 'NOT_FOUND');
  assert.match(missing.json().message, /^reference: no letter 'fd-404'/);

  const tooLong = await server.inject({ method: 'GET', url: `/api/v1/letters/${'x'.repeat(33)}` });
  assert.equal(tooLong.statusCode, 400);
  assert.equal(tooLong.json().issues[0].path, 'params.reference');
});

test('GET /api/v1/letters lists a customer\'s letters newest first, with hash and size, and checks the limit', async () => {
  const p = provider();
  await p.send({ ...MSG, reference: 'fd-000000500', at: '2026-03-10T02:00:00.000Z' });
  await p.send({ ...MSG, reference: 'fd-000000501', at: '2026-03-11T02:00:00.000Z' });
  const res = await server.inject({ method: 'GET', url: '/api/v1/letters?customerId=C1&limit=2' });
  assert.equal(res.statusCode, 200);
  const items = res.json().items as Array<{ reference: string; sha256: string; bytes: number; createdAt: string }>;
  assert.deepEqual(items.map((i) => [i.reference, i.createdAt]), [['fd-000000501', '2026-03-11T02:00:00.000Z'], ['fd-000000500', '2026-03-10T02:00:00.000Z']]);
  const row = (await listLetters(app.db, { customerId: 'C1', limit: 1 }))[0]!;
  assert.deepEqual(items[0], row);
  assert.ok(items.every((i) => /^[0-9a-f]{64}$/.test(i.sha256) && i.bytes > 1_000));

  const none = await server.inject({ method: 'GET', url: '/api/v1/letters?customerId=C2' });
  assert.deepEqual(none.json(), { items: [] });
  const bad = await server.inject({ method: 'GET', url: '/api/v1/letters?limit=0' });
  assert.equal(bad.statusCode, 400);
  assert.equal(bad.json().issues[0].path, 'querystring.limit');

  const docs = await server.inject({ method: 'GET', url: '/docs/json' });
  assert.ok(Object.keys(docs.json().paths).includes('/api/v1/letters/{reference}'));
});
