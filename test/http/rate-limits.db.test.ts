/**
 * Guessing one-time codes: wrong codes for a number with a live code and for a number nobody has get
 * the same answer, a code dies after its few tries (even the right one is refused then), the tries per
 * number and per address are limited, and the limit answers alike whether or not the number exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { testApp } from '../support/app.ts';
import { buildServer } from '../../src/http/app.ts';
import { createCustomer } from '../../src/modules/ledger/index.ts';
import { smsCodeSender, ONE_TIME_CODE, RATE_LIMITS } from '../../src/modules/identity/index.ts';
import { createSmppProvider } from '../../src/modules/contacts/index.ts';
import { startSinks, buildSinkServer } from '../../src/sinks/index.ts';

/** What a caller sees of an answer (the request id differs by design). */
const seen = (r: { statusCode: number; json(): Record<string, unknown> }) => {
  const { requestId: _r, ...body } = r.json();
  return { status: r.statusCode, body };
};

test('wrong one-time codes: the same answer for a known and an unknown number, a code dies after its tries, tries are limited per number and per address', async () => {
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
    const known = '+8613800138000';
    const unknown = '+8613900000000';
    assert.equal((await server.inject({ method: 'POST', url: '/api/v1/portal/login/code', payload: { phone: known }, remoteAddress: '10.2.0.1' })).statusCode, 200);
    const code = /验证码为(\d{6})/.exec(sinks.smpp.messages()[0]!.text)?.[1];
    assert.ok(code);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const attempt = (phone: string, c: string, ip: string) => server.inject({ method: 'POST', url: '/api/v1/portal/login', payload: { phone, code: c }, remoteAddress: ip });

    // The code's own tries: after maxAttempts wrong guesses the right code no longer opens.
    for (let i = 0; i < ONE_TIME_CODE.maxAttempts; i++) {
      const onKnown = await attempt(known, wrongCode, `10.2.1.${i}`);
      const onUnknown = await attempt(unknown, wrongCode, `10.2.2.${i}`);
      assert.equal(onKnown.statusCode, 401);
      assert.deepEqual(seen(onKnown), seen(onUnknown), 'a wrong code on a number with a live code answers like a number nobody has');
    }
    const burned = await attempt(known, code, '10.2.1.99');
    assert.equal(burned.statusCode, 401, 'the code died after its tries');
    assert.deepEqual(seen(burned), seen(await attempt(unknown, code, '10.2.2.99')));

    // Per number: past the limit in the window, 429 with Retry-After, the same for both numbers.
    const used = ONE_TIME_CODE.maxAttempts + 1;
    for (let i = used; i < RATE_LIMITS.code_login_phone.limit; i++) {
      await attempt(known, wrongCode, `10.2.3.${i}`);
      await attempt(unknown, wrongCode, `10.2.4.${i}`);
    }
    const limitedKnown = await attempt(known, wrongCode, '10.2.5.1');
    const limitedUnknown = await attempt(unknown, wrongCode, '10.2.5.2');
    assert.equal(limitedKnown.statusCode, 429);
    assert.ok(Number(limitedKnown.headers['retry-after']) > 0);
    assert.deepEqual(seen(limitedKnown), seen(limitedUnknown), 'the limit does not tell which number exists');

    // Per address: one address trying many numbers is stopped too.
    let last;
    for (let i = 0; i <= RATE_LIMITS.code_login_ip.limit; i++) last = await attempt(`+861370000${String(1000 + i)}`, wrongCode, '10.9.9.9');
    assert.equal(last!.statusCode, 429);
    assert.equal((await attempt('+8613700009999', wrongCode, '10.9.9.8')).statusCode, 401, 'another address is not limited');

    const refusals = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE type = 'SIGN_IN_REFUSED'`);
    assert.ok(refusals[0]!.n >= 2 * ONE_TIME_CODE.maxAttempts, 'refused sign-ins are audited');
    const sessions = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
    assert.equal(sessions[0]!.n, 0, 'no guess opened a session');
  } finally {
    await server.close();
    await sms.close();
    await http.close();
    await sinks.close();
    await app.close();
  }
});
