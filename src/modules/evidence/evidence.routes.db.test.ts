import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { signIn } from '../../../test/support/auth.ts';
import { buildServer } from '../../http/app.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { verifyBundle } from './index.ts';

test('the evidence API: audit verify and list for auditors, account bundles for the roles that may export them, the portal bundle of the debtor\'s own account only (another\'s is 404), retention policies and purge for admins, bad input named', async () => {
  const app = await testApp('2026-03-20T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    const c = fixedClock('2026-01-01T00:00:00.000Z');
    let n = 0;
    const k = () => ({ actor: 't', idempotencyKey: `s${++n}` });
    await createCustomer(app.db, c, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k());
    await createCustomer(app.db, c, { id: 'C2', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k());
    await openAccount(app.db, c, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
    await openAccount(app.db, c, { ref: 'L2', customerId: 'C2', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k());
    const auditor = await signIn(app, { roles: ['auditor'], userId: 'au-1' });
    const legal = await signIn(app, { roles: ['legal'], userId: 'lg-1' });
    const collector = await signIn(app, { roles: ['collector'], userId: 'c-wang' });
    const admin = await signIn(app, { roles: ['admin'], userId: 'ad-1' });
    const debtor = await signIn(app, { roles: ['debtor'], customerId: 'C1' });
    const get = (url: string, headers: Record<string, string> = {}) => server.inject({ method: 'GET', url, headers });

    assert.equal((await get('/api/v1/audit/verify')).statusCode, 401);
    assert.equal((await get('/api/v1/audit/verify', collector)).statusCode, 403);
    const verified = await get('/api/v1/audit/verify', auditor);
    assert.equal(verified.statusCode, 200);
    assert.deepEqual({ ...(verified.json() as object), entries: 0 }, { ok: true, entries: 0, firstBrokenSeq: null, reason: null, kind: null });

    const [head] = await app.db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head');
    const anchored = await get(`/api/v1/audit/verify?anchor=${head!.seq}:${head!.hash}`, auditor);
    assert.deepEqual(anchored.json().anchor, { seq: head!.seq, hash: head!.hash, matches: true, hashInLog: head!.hash });
    const wrongAnchor = await get(`/api/v1/audit/verify?anchor=${head!.seq}:${'0'.repeat(64)}`, auditor);
    assert.deepEqual([wrongAnchor.json().ok, wrongAnchor.json().anchor.matches], [false, false]);
    assert.equal((await get('/api/v1/audit/verify?anchor=latest', auditor)).statusCode, 400);

    const listed = await get('/api/v1/audit?subject=account:L1&limit=10', auditor);
    assert.equal(listed.statusCode, 200);
    assert.ok(listed.json().items.every((e: { subject: string }) => e.subject === 'account:L1'));
    const bad = await get('/api/v1/audit?from=yesterday', auditor);
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /from/);

    assert.equal((await get('/api/v1/accounts/L1/evidence', collector)).statusCode, 403, 'collectors do not export evidence');
    const zip = await get('/api/v1/accounts/L1/evidence', legal);
    assert.equal(zip.statusCode, 200);
    assert.equal(zip.headers['content-type'], 'application/zip');
    const bytes = new Uint8Array(zip.rawPayload);
    const check = verifyBundle(bytes);
    assert.deepEqual([check.ok, check.accountRef, check.sha256], [true, 'L1', zip.headers['x-evidence-sha256']]);
    const [exported] = await app.db.query<{ actor: string; data: { sha256: string } }>(`SELECT actor, data FROM audit_log WHERE type = 'EVIDENCE_EXPORTED'`);
    assert.deepEqual([exported!.actor, exported!.data.sha256], ['user:lg-1', check.sha256]);
    assert.equal((await get('/api/v1/accounts/NOPE/evidence', legal)).statusCode, 404);

    assert.equal((await get('/api/v1/portal/evidence?account=L1', legal)).statusCode, 403, 'staff are not debtors');
    const own = await get('/api/v1/portal/evidence?account=L1', debtor);
    assert.equal(own.statusCode, 200);
    assert.equal(verifyBundle(new Uint8Array(own.rawPayload)).accountRef, 'L1');
    const foreign = await get('/api/v1/portal/evidence?account=L2', debtor);
    const missing = await get('/api/v1/portal/evidence?account=NOPE', debtor);
    assert.deepEqual([foreign.statusCode, missing.statusCode], [404, 404]);
    assert.equal(foreign.json().message.replace('L2', 'X'), missing.json().message.replace('NOPE', 'X'), 'the same answer whether the account exists or not');
    assert.equal((await get('/api/v1/portal/evidence', debtor)).statusCode, 400);

    const policies = await get('/api/v1/retention/policies', auditor);
    assert.ok(policies.json().items.some((p: { jurisdiction: string; years: number }) => p.jurisdiction === 'CN' && p.years === 5));
    const put = (headers: Record<string, string>, payload: Record<string, unknown>, key = `p${++n}`) =>
      server.inject({ method: 'PUT', url: '/api/v1/retention/policies/UK/collection_records', headers: { ...headers, 'idempotency-key': key }, payload });
    assert.equal((await put(auditor, { years: 7, startsFrom: 'settled', source: 'policy', isPolicy: true })).statusCode, 403);
    const badYears = await put(admin, { years: 0, startsFrom: 'settled', source: 'policy', isPolicy: true });
    assert.equal(badYears.statusCode, 400);
    assert.match(badYears.json().message, /years/);
    const saved = await put(admin, { years: 7, startsFrom: 'settled', source: 'Company policy: 7 years', isPolicy: true });
    assert.equal(saved.statusCode, 200, saved.body);
    const after = await get('/api/v1/retention/policies', auditor);
    assert.equal(after.json().items.find((p: { jurisdiction: string; recordKind: string }) => p.jurisdiction === 'UK' && p.recordKind === 'collection_records').years, 7);

    const purge = (headers: Record<string, string>, payload: Record<string, unknown>) => server.inject({ method: 'POST', url: '/api/v1/retention/purge', headers: { ...headers, 'idempotency-key': `g${++n}` }, payload });
    assert.equal((await purge(auditor, { businessDate: '2031-01-01' })).statusCode, 403);
    const badDate = await purge(admin, { businessDate: '2031-02-30' });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.json().message, /businessDate/);
    const dry = await purge(admin, { businessDate: '2031-01-01', dryRun: true });
    assert.equal(dry.statusCode, 200);
    assert.deepEqual([dry.json().customers, dry.json().kept], [[], { owing: 2 }], 'both loans still owe');
  } finally {
    await server.close();
    await app.close();
  }
});
