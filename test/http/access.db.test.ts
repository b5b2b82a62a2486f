/**
 * Users, sessions and access control: every route × every role against the declared access table,
 * password sign-in with lock-out and rate limits, and the debtor portal's sign-in by a one-time code
 * that really goes out through the SMPP sink.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { testApp } from '../support/app.ts';
import { signIn, withSession } from '../support/auth.ts';
import { buildServer } from '../../src/http/app.ts';
import { ROLES, type Role } from '../../src/platform/access.ts';
import { createCustomer } from '../../src/modules/ledger/index.ts';
import { smsCodeSender, LOCKOUT, RATE_LIMITS } from '../../src/modules/identity/index.ts';
import { createSmppProvider } from '../../src/modules/contacts/index.ts';
import { startSinks, buildSinkServer } from '../../src/sinks/index.ts';
import { fixedClock } from '../../src/platform/clock.ts';

test('every /api route declares its access, and every role is let in or kept out exactly as declared', async (t) => {
  const app = await testApp();
  const server = await buildServer(app);
  try {
    const table = server.routeAccess;
    assert.ok(table.length > 60, `the access table lists the routes (${table.length})`);
    const sessions = new Map<Role, { authorization: string }>();
    for (const role of ROLES) {
      sessions.set(role, role === 'debtor'
        ? (await createCustomer(app.db, app.clock, { id: 'C-ACL', name: '访问', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, { actor: 't', idempotencyKey: 'c-acl' }), await signIn(app, { roles: ['debtor'], customerId: 'C-ACL' }))
        : await signIn(app, { roles: [role], ...(role.startsWith('agency_') ? { agencyId: 'AG-1' } : {}) }));
    }
    let checked = 0;
    // Sign-out ends the session the walk uses: it is checked on its own in the next test.
    for (const route of table.filter((r) => r.url !== '/api/v1/auth/logout')) {
      const url = route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) => (/id$/i.test(name) ? '999999' : 'NOPE'));
      const method = route.method as 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      const payload = method === 'GET' || method === 'DELETE' ? undefined : {};
      const anonymous = await server.inject({ method, url, ...(payload ? { payload } : {}), headers: { 'idempotency-key': 'acl' } });
      if (route.access === 'public') {
        assert.notEqual(anonymous.statusCode, 401, `${route.method} ${route.url} is public`);
        continue;
      }
      assert.equal(anonymous.statusCode, 401, `${route.method} ${route.url} without a session`);
      for (const role of ROLES) {
        const res = await server.inject({ method, url, ...(payload ? { payload } : {}), headers: { ...sessions.get(role)!, 'idempotency-key': `acl-${role}` } });
        const denied = res.statusCode === 403 && res.json().details?.access === 'denied';
        assert.equal(denied, !route.access.includes(role), `${route.method} ${route.url} as ${role}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        assert.notEqual(res.statusCode, 500, `${route.method} ${route.url} as ${role}: ${res.body.slice(0, 300)}`);
        checked++;
      }
    }
    assert.ok(checked > 500, `route × role pairs checked: ${checked}`);
    t.diagnostic(`${table.length} routes; ${checked} route × role pairs checked against the declared access, plus each protected route without a session`);
  } finally {
    await server.close();
    await app.close();
  }
});

test('staff sign in with a password: a session token, who am I, sign-out ends it; wrong passwords lock the account; attempts are rate-limited', async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    const admin = withSession(server, await signIn(app, { roles: ['admin'], userId: 'root' }));
    const bad = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'u0' }, payload: { id: 'wang', displayName: '王芳', roles: ['collector'], password: 'short' } });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().issues[0].path, 'body.password');
    const agencyRoleWithout = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'u0b' }, payload: { id: 'ag', displayName: 'A', roles: ['agency_agent'], password: 'long enough pass' } });
    assert.equal(agencyRoleWithout.statusCode, 400);
    assert.equal(agencyRoleWithout.json().issues[0].path, 'body.agencyId');
    assert.equal((await app.db.query('SELECT 1 FROM users WHERE id = $1', ['ag'])).length, 0, 'a refused request changes nothing');

    const made = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'u1' }, payload: { id: 'wang', displayName: '王芳', roles: ['collector'], password: 'correct horse battery' } });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().password, undefined);
    const again = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'u1' }, payload: { id: 'wang', displayName: '王芳', roles: ['collector'], password: 'correct horse battery' } });
    assert.equal(again.statusCode, 201, 'a retry with the same key returns the first result');

    const login = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang', password: 'correct horse battery' } });
    assert.equal(login.statusCode, 200, login.body);
    const token = login.json().token as string;
    assert.match(token, /^fds_/);
    const [stored] = await app.db.query<{ token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = $1', ['wang']);
    assert.ok(stored && !stored.token_hash.includes(token), 'only a hash of the token is stored');
    const me = await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual([me.json().actor, me.json().roles, me.json().displayName], ['user:wang', ['collector'], '王芳']);
    const forbidden = await server.inject({ method: 'POST', url: '/api/v1/worklist/assign', headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'x' }, payload: {} });
    assert.equal(forbidden.statusCode, 403);
    assert.match(forbidden.json().message, /supervisor, admin/);
    await server.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } });
    const after = await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.statusCode, 401);
    assert.match(after.json().message, /expired or was ended/);

    // Wrong passwords: the same answer as an unknown user; at the limit the account locks, even for the right password.
    const unknown = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'whatever it is' } });
    for (let i = 0; i < LOCKOUT.failures; i++) {
      const r = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang', password: `wrong ${i}` } });
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().message, unknown.json().message, 'no difference between a wrong password and an unknown user');
    }
    const locked = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang', password: 'correct horse battery' } });
    assert.equal(locked.statusCode, 401, 'locked');
    const laterApp = { ...app, clock: fixedClock('2026-05-01T02:20:00.000Z') };
    const laterServer = await buildServer(laterApp);
    const unlocked = await laterServer.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang', password: 'correct horse battery' } });
    assert.equal(unlocked.statusCode, 200, `the lock ends after ${LOCKOUT.minutes} minutes`);
    await laterServer.close();
    const t2 = await signIn(app, { roles: ['collector'], userId: 'wang' });

    // Per user name, whatever the password: the limit answers 429 with Retry-After, and the refusals are audited.
    let limited;
    for (let i = 0; i <= RATE_LIMITS.login_user.limit; i++) {
      limited = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'guess', password: `try ${i}` }, remoteAddress: `10.1.0.${i}` });
    }
    assert.equal(limited!.statusCode, 429);
    assert.ok(Number(limited!.headers['retry-after']) > 0);
    const refusals = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE type = 'SIGN_IN_REFUSED'`);
    assert.ok(refusals[0]!.n >= LOCKOUT.failures + 1);

    // An admin deactivates the user: their sessions end.
    const off = await admin.inject({ method: 'PATCH', url: '/api/v1/users/wang', headers: { 'idempotency-key': 'off' }, payload: { active: false } });
    assert.equal(off.statusCode, 200);
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: t2 })).statusCode, 401);
  } finally {
    await server.close();
    await app.close();
  }
});

test('a debtor signs in with a one-time code sent through the SMPP sink; the answer is the same for unknown numbers; a code works once', async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const sinks = await startSinks({ registeredSenders: ['106900000001'] });
  const http = await buildSinkServer(sinks);
  await http.listen({ port: 0, host: '127.0.0.1' });
  const sms = createSmppProvider({
    host: '127.0.0.1', port: sinks.smpp.port, systemId: 'fairdebt', password: 'sinkpass',
    lookupUrl: `http://127.0.0.1:${(http.server.address() as AddressInfo).port}/dev/sinks/sms/by-reference`,
  });
  await sms.ready();
  const server = await buildServer(app, { codeSender: () => smsCodeSender(sms, '106900000001') });
  try {
    await createCustomer(app.db, app.clock, { id: 'C1', name: '李四', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN', phones: ['+86 138 0013 8000'] }, { actor: 't', idempotencyKey: 'c1' });
    const ask = await server.inject({ method: 'POST', url: '/api/v1/portal/login/code', payload: { phone: '+86 13800138000' } });
    assert.equal(ask.statusCode, 200, ask.body);
    const unknown = await server.inject({ method: 'POST', url: '/api/v1/portal/login/code', payload: { phone: '+86 139 0000 0000' } });
    assert.deepEqual(unknown.json(), ask.json(), 'an unknown number gets the same answer');
    const badPhone = await server.inject({ method: 'POST', url: '/api/v1/portal/login/code', payload: { phone: 'call me' } });
    assert.equal(badPhone.json().issues[0].path, 'body.phone');

    const received = sinks.smpp.messages();
    assert.equal(received.length, 1, 'only the customer\'s number got an SMS');
    assert.equal(received[0]!.destination, '+8613800138000');
    const code = /验证码为(\d{6})/.exec(received[0]!.text)?.[1];
    assert.ok(code, received[0]!.text);
    assert.match(received[0]!.text, /请勿告诉任何人/);

    const wrong = await server.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { phone: '+8613800138000', code: code === '000000' ? '111111' : '000000' } });
    assert.equal(wrong.statusCode, 401);
    assert.equal(wrong.json().issues[0].path, 'code');
    const ok = await server.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { phone: '+86 138-0013-8000', code } });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual([ok.json().principal.customerId, ok.json().principal.roles], ['C1', ['debtor']]);
    const reuse = await server.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { phone: '+8613800138000', code } });
    assert.equal(reuse.statusCode, 401, 'a code works once');

    const debtor = { authorization: `Bearer ${ok.json().token}` };
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/accounts', headers: debtor })).statusCode, 403, 'a debtor has no lender views');
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/auth/me', headers: debtor })).json().displayName, '李四');

    // Codes per phone are limited: the fourth request in the window is refused without sending.
    for (let i = 0; i < RATE_LIMITS.code_send_phone.limit - 1; i++) await server.inject({ method: 'POST', url: '/api/v1/portal/login/code', payload: { phone: '+8613800138000' } });
    const tooMany = await server.inject({ method: 'POST', url: '/api/v1/portal/login/code', payload: { phone: '+8613800138000' } });
    assert.equal(tooMany.statusCode, 429);
    assert.equal(sinks.smpp.messages().length, RATE_LIMITS.code_send_phone.limit);
  } finally {
    await server.close();
    await sms.close();
    await http.close();
    await sinks.close();
    await app.close();
  }
});
