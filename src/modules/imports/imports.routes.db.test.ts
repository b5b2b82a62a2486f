import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../http/app.ts';
import type { App } from '../../main.ts';
import { runImport } from './index.ts';
import { tableCounts, testApp } from './imports.test-app.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';

let app: App;
let server: FastifyInstance;

before(async () => {
  app = await testApp();
  server = withSession(await buildServer(app), await signIn(app, { roles: ['admin'] }));
  await server.ready();
});
after(async () => {
  await server.close();
  await app.close();
});

const CUSTOMERS = 'id,name,time_zone,jurisdiction,language\nH1,Ann,Europe/London,UK,en\nH2,"Lee, Bo",Asia/Shanghai,CN,zh-CN\n';
const csv = (url: string, payload: string, headers: Record<string, string> = {}) =>
  server.inject({ method: 'POST', url, payload, headers: { 'content-type': 'text/csv', ...headers } });

test('POST /api/v1/imports imports a text/csv body and a retry with the same Idempotency-Key creates nothing twice', async () => {
  const first = await csv('/api/v1/imports?kind=customers&fileName=clients.csv', CUSTOMERS, { 'idempotency-key': 'upload-1' });
  assert.equal(first.statusCode, 200, first.body);
  assert.deepEqual({ ...(first.json() as object), sha256: undefined }, { kind: 'customers', file: 'clients.csv', sha256: undefined, rows: 2, created: 2, skipped: 0, rejected: 0, errorCount: 0, issues: [] });
  const again = await csv('/api/v1/imports?kind=customers&fileName=clients.csv', CUSTOMERS, { 'idempotency-key': 'upload-1' });
  assert.equal(again.statusCode, 200);
  assert.deepEqual([again.json().created, again.json().skipped], [0, 2]);
});

test('answers 422 IMPORT_INVALID with FILE:LINE:COLUMN issues and writes nothing', async () => {
  const before = await tableCounts(app);
  const res = await csv('/api/v1/imports?kind=customers&fileName=bad.csv', 'id,name,time_zone,jurisdiction,language\nH3,Cy,Mars/Base,UK,en\nH3,Di,UTC,XX,en\n');
  assert.equal(res.statusCode, 422);
  const body = res.json();
  assert.equal(body.code, 'IMPORT_INVALID');
  assert.equal(body.errorCount, 3);
  assert.deepEqual(body.issues, [
    { path: 'bad.csv:2:3', message: 'time_zone: expected an IANA time zone such as Asia/Shanghai' },
    { path: 'bad.csv:3:1', message: "id: duplicate id 'H3' (first on line 2)" },
    { path: 'bad.csv:3:4', message: 'jurisdiction: Invalid option: expected one of "CN"|"US"|"US-MA"|"US-WA"|"US-NYC"|"UK"|"EU"' },
  ]);
  assert.match(body.message, /^bad\.csv: 3 errors; nothing was imported/);
  assert.deepEqual(await tableCounts(app), before);
});

test('with skipInvalid=true writes the valid rows and lists the rejected ones', async () => {
  const res = await csv('/api/v1/imports?kind=customers&skipInvalid=true', 'id,name,time_zone,jurisdiction,language\nH4,Ed,UTC,EU,en\nH5,Fi,Nowhere,EU,en\n');
  assert.equal(res.statusCode, 200, res.body);
  assert.deepEqual([res.json().created, res.json().rejected], [1, 1]);
  assert.deepEqual(res.json().issues, [{ path: 'upload.csv:3:3', message: 'time_zone: expected an IANA time zone such as Asia/Shanghai' }]);
});

test('refuses a body that is not text/csv (415) and an unknown kind (400)', async () => {
  const json = await server.inject({ method: 'POST', url: '/api/v1/imports?kind=customers', payload: { id: 'x' } });
  assert.equal(json.statusCode, 415);
  assert.equal(json.json().code, 'VALIDATION_FAILED');
  const kind = await csv('/api/v1/imports?kind=invoices', CUSTOMERS);
  assert.equal(kind.statusCode, 400);
  assert.equal(kind.json().issues[0].path, 'querystring.kind');
});

test('a streamed file larger than the limit is refused before anything is read', async () => {
  await assert.rejects(
    runImport(app, { kind: 'customers', stream: Readable.from([CUSTOMERS]), fileName: 'big.csv', maxStreamBytes: 10, actor: 'test' }),
    (err: Error & { details?: { limitBytes?: number } }) => err.details?.limitBytes === 10 && /larger than the limit of 10 bytes/.test(err.message),
  );
});
