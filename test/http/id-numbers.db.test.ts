/**
 * Full ID numbers at rest: sealed with the key from the environment and never stored in clear (not in
 * the customers row, the command log or the audit log), the masked form derived from them, imports
 * refused without a key, reads by a compliance officer only and audited, rotation to a new key
 * batched and idempotent, and a server that refuses to start without a key the database needs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp } from '../support/app.ts';
import { signIn } from '../support/auth.ts';
import { buildServer } from '../../src/http/app.ts';
import { startServer } from '../../src/cli/serve.ts';
import { createCustomer, idKeyProblem, resealIdNumbers, sealedByKey } from '../../src/modules/ledger/index.ts';
import { runImport } from '../../src/modules/imports/index.ts';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { newIdKeyEntry, openIdNumber, parseIdKeys } from '../../src/platform/id-keys.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { AppError } from '../../src/platform/errors.ts';
import type { App } from '../../src/main.ts';

const K1 = newIdKeyEntry('k1');
const K2 = newIdKeyEntry('k2');
const ID = '11010119900307123X';
const customer = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: '王芳', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', ...extra });

async function appWith(keys: string | undefined): Promise<App> {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  return { ...app, config: { ...app.config, idKeys: keys ? parseIdKeys(keys) : undefined } };
}

/** Every byte the database holds for these tables, as text (bytea as hex and as escaped bytes). */
async function everything(app: App): Promise<string> {
  const rows = await app.db.query<{ t: string }>(
    `SELECT c::text AS t FROM customers c UNION ALL SELECT encode(id_number_sealed, 'escape') FROM customers WHERE id_number_sealed IS NOT NULL
     UNION ALL SELECT l::text FROM command_log l UNION ALL SELECT a::text FROM audit_log a`);
  return rows.map((r) => r.t).join('\n');
}

test('FAIRDEBT_ID_KEYS: the first key is current; a malformed value names the variable and the entry', () => {
  const ring = parseIdKeys(`${K2},${K1}`);
  assert.equal(ring.currentId, 'k2');
  assert.deepEqual([...ring.keys.keys()], ['k2', 'k1']);
  assert.equal(loadConfig({ FAIRDEBT_ID_KEYS: K1 }).idKeys?.currentId, 'k1');
  assert.equal(loadConfig({}).idKeys, undefined);
  assert.throws(() => parseIdKeys('k1'), /FAIRDEBT_ID_KEYS: entry 1 must be <key id>:<base64 key>/);
  assert.throws(() => parseIdKeys(`${K1},k2:c2hvcnQ=`), /FAIRDEBT_ID_KEYS: key 'k2' must be 32 bytes/);
  assert.throws(() => parseIdKeys(`${K1},${K1}`), /key id 'k1' appears twice/);
});

test('a full ID number is stored only sealed: the masked form derived, no clear number in any row, the command log or the audit log', async () => {
  const app = await appWith(K1);
  try {
    await createCustomer(app.db, app.clock, customer('C1', { idNumber: ID }), { actor: 't', idempotencyKey: 'c1', idKeys: app.config.idKeys });
    const [row] = await app.db.query<{ id_number_masked: string; id_number_key: string; id_number_sealed: Uint8Array }>(
      'SELECT id_number_masked, id_number_key, id_number_sealed FROM customers WHERE id = $1', ['C1']);
    assert.equal(row!.id_number_masked, '110101********123X');
    assert.equal(row!.id_number_key, 'k1');
    assert.equal(Buffer.from(row!.id_number_sealed).length, 12 + 16 + ID.length, 'nonce, tag and ciphertext');
    const all = await everything(app);
    assert.ok(!all.includes(ID) && !all.includes(ID.slice(6, 14)), 'the clear number (or its birth date part) is nowhere in the database');
    assert.ok(!Buffer.from(row!.id_number_sealed).includes(Buffer.from(ID)), 'the sealed bytes do not contain the number');
    assert.equal(openIdNumber(app.config.idKeys!, 'C1', 'k1', row!.id_number_sealed), ID);
    // Sealed for C1, the bytes do not open as another customer's (the customer id is associated data).
    assert.throws(() => openIdNumber(app.config.idKeys!, 'C2', 'k1', row!.id_number_sealed), /unable to authenticate|Unsupported state/);

    // A retry with the same key is the same request; a different number under the same key is not.
    const again = await createCustomer(app.db, app.clock, customer('C1', { idNumber: ID }), { actor: 't', idempotencyKey: 'c1', idKeys: app.config.idKeys });
    assert.equal(again.replayed, true);
    await assert.rejects(createCustomer(app.db, app.clock, customer('C1', { idNumber: '110101199003071234' }), { actor: 't', idempotencyKey: 'c1', idKeys: app.config.idKeys }),
      (e: AppError) => e.code === 'IDEMPOTENCY_KEY_REUSED');

    // Bad input names the field and writes nothing.
    await assert.rejects(createCustomer(app.db, app.clock, customer('C3', { idNumber: '110101-1990' }), { actor: 't', idempotencyKey: 'c3', idKeys: app.config.idKeys }),
      (e: AppError) => e.code === 'VALIDATION_FAILED' && e.issues[0]?.path === 'idNumber');
    await assert.rejects(createCustomer(app.db, app.clock, customer('C3', { idNumber: ID, idNumberMasked: '110101********9999' }), { actor: 't', idempotencyKey: 'c3b', idKeys: app.config.idKeys }),
      (e: AppError) => e.code === 'VALIDATION_FAILED' && e.issues[0]?.path === 'idNumberMasked');
    await assert.rejects(createCustomer(app.db, app.clock, customer('C3', { idNumber: ID }), { actor: 't', idempotencyKey: 'c3c' }),
      (e: AppError) => e.code === 'VALIDATION_FAILED' && e.issues[0]?.path === 'idNumber' && /FAIRDEBT_ID_KEYS/.test(e.message), 'no key: refused, not stored in clear');
    assert.equal((await app.db.query('SELECT 1 FROM customers WHERE id = $1', ['C3'])).length, 0);
  } finally {
    await app.close();
  }
});

test('imports: an id_number column is sealed with the key; without a key every such row is refused on that column', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-idn-'));
  const file = join(dir, 'customers.csv');
  writeFileSync(file, 'id,name,id_number,time_zone,jurisdiction,language\nI1,张三,11010119900307123X,Asia/Shanghai,CN,zh-CN\nI2,李四,,Asia/Shanghai,CN,zh-CN\n');
  const keyed = await appWith(K1);
  const bare = await appWith(undefined);
  try {
    const refused = await runImport(bare, { kind: 'customers', file, fileName: 'customers.csv', actor: 'test' });
    assert.equal(refused.ok, false);
    assert.deepEqual(refused.errors.map((e) => [e.line, e.field]), [[2, 'id_number']]);
    assert.match(refused.errors[0]!.message, /FAIRDEBT_ID_KEYS/);
    assert.equal((await bare.db.query('SELECT 1 FROM customers WHERE id LIKE $1', ['I%'])).length, 0, 'nothing written');
    const ok = await runImport(keyed, { kind: 'customers', file, fileName: 'customers.csv', actor: 'test' });
    assert.equal(ok.ok, true, JSON.stringify(ok.errors));
    assert.equal(ok.created, 2);
    const rows = await keyed.db.query<{ id: string; id_number_masked: string | null; id_number_key: string | null }>('SELECT id, id_number_masked, id_number_key FROM customers WHERE id LIKE $1 ORDER BY id', ['I%']);
    assert.deepEqual(rows, [{ id: 'I1', id_number_masked: '110101********123X', id_number_key: 'k1' }, { id: 'I2', id_number_masked: null, id_number_key: null }]);
    assert.ok(!(await everything(keyed)).includes(ID));

  } finally {
    await keyed.close();
    await bare.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a compliance officer reads a full ID number with a reason, and the read is audited; nobody else may', async () => {
  const app = await appWith(K1);
  const server = await buildServer(app);
  try {
    await createCustomer(app.db, app.clock, customer('C1', { idNumber: ID }), { actor: 't', idempotencyKey: 'c1', idKeys: app.config.idKeys });
    await createCustomer(app.db, app.clock, customer('C2'), { actor: 't', idempotencyKey: 'c2' });
    const officer = await signIn(app, { roles: ['compliance_officer'], userId: 'zhou' });
    const url = '/api/v1/customers/C1/id-number';
    const read = await server.inject({ method: 'GET', url: `${url}?reason=${encodeURIComponent('法院协查函 2026-17')}`, headers: officer });
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(read.json(), { customerId: 'C1', idNumber: ID, idNumberMasked: '110101********123X' });
    const [entry] = await app.db.query<{ type: string; actor: string; subject: string; data: { reason: string } }>(`SELECT type, actor, subject, data FROM audit_log WHERE type = 'ID_NUMBER_READ'`);
    assert.deepEqual([entry!.actor, entry!.subject, entry!.data.reason], ['user:zhou', 'customer:C1', '法院协查函 2026-17']);
    assert.ok((await verifyAuditChain(app.db)).ok);

    const noReason = await server.inject({ method: 'GET', url, headers: officer });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().issues[0].path, 'querystring.reason');
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/customers/C2/id-number?reason=checking', headers: officer })).statusCode, 404, 'no full number on file');
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/customers/NOPE/id-number?reason=checking', headers: officer })).statusCode, 404);
    for (const role of ['admin', 'collector', 'supervisor', 'auditor'] as const) {
      const res = await server.inject({ method: 'GET', url: `${url}?reason=checking`, headers: await signIn(app, { roles: [role] }) });
      assert.equal(res.statusCode, 403, role);
    }
    assert.equal((await app.db.query(`SELECT 1 FROM audit_log WHERE type = 'ID_NUMBER_READ'`)).length, 1, 'refused reads open nothing and log no read');
  } finally {
    await server.close();
    await app.close();
  }
});

test('rotation seals every number again under the current key, in batches, idempotently; the server refuses to start without a key the database needs', async () => {
  const app = await appWith(K1);
  try {
    for (let i = 0; i < 7; i++) {
      await createCustomer(app.db, app.clock, customer(`R${i}`, { idNumber: `1101011990030700${i}X` }), { actor: 't', idempotencyKey: `r${i}`, idKeys: app.config.idKeys });
    }
    assert.deepEqual(await sealedByKey(app.db), { k1: 7 });
    assert.equal(await idKeyProblem(app.db, app.config.idKeys), null);

    // The new key goes first; the old one stays until rotation has run.
    const onlyNew = parseIdKeys(K2);
    assert.match((await idKeyProblem(app.db, onlyNew))!, /7 ID numbers are sealed with key\(s\) k1, which FAIRDEBT_ID_KEYS does not hold/);
    assert.match((await idKeyProblem(app.db, undefined))!, /7 ID numbers are stored sealed, and FAIRDEBT_ID_KEYS is not set/);
    const noKeyApp = { ...app, config: { ...app.config, idKeys: undefined, port: 0 } };
    await assert.rejects(startServer(noKeyApp, { stdout: { write: () => true }, stderr: { write: () => true } } as never), /FAIRDEBT_ID_KEYS: 7 ID numbers are stored sealed/);

    const both = parseIdKeys(`${K2},${K1}`);
    const batches: number[] = [];
    const r = await resealIdNumbers(app.db, app.clock, both, { actor: 'cli', batchSize: 3, onBatch: (n) => batches.push(n) });
    assert.deepEqual([r.resealed, r.batches, r.currentKey, r.byKey], [7, 3, 'k2', { k2: 7 }]);
    assert.deepEqual(batches, [3, 6, 7]);
    const again = await resealIdNumbers(app.db, app.clock, both, { actor: 'cli', batchSize: 3 });
    assert.deepEqual([again.resealed, again.batches], [0, 0], 'a second run has nothing to do');
    // Now the old key can go: every number opens with the new key alone, to the same number.
    assert.equal(await idKeyProblem(app.db, onlyNew), null);
    const rows = await app.db.query<{ id: string; id_number_key: string; id_number_sealed: Uint8Array }>('SELECT id, id_number_key, id_number_sealed FROM customers ORDER BY id');
    assert.deepEqual(rows.map((x) => openIdNumber(onlyNew, x.id, x.id_number_key, x.id_number_sealed)), Array.from({ length: 7 }, (_, i) => `1101011990030700${i}X`));
    const audits = await app.db.query<{ n: number }>(`SELECT sum((data->>'count')::int)::int AS n FROM audit_log WHERE type = 'ID_NUMBERS_RESEALED'`);
    assert.equal(audits[0]!.n, 7);
    assert.ok((await verifyAuditChain(app.db)).ok);
  } finally {
    await app.close();
  }
});
