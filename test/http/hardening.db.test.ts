/**
 * HTTP hardening and what operators watch: security headers on every kind of response, the body-size
 * limit (413 naming it), no cookies (CSRF does not apply to bearer tokens), readiness, Prometheus
 * metrics and their access, and the JSON request log carrying the request id on every line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { signIn, withSession } from '../support/auth.ts';
import { buildServer, handlersFinished } from '../../src/http/app.ts';
import { SECURITY_HEADERS } from '../../src/http/hardening.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { openDb } from '../../src/platform/db.ts';

function assertSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) assert.equal(headers[name], value, `${what}: ${name}`);
  assert.equal(headers['set-cookie'], undefined, `${what}: no cookie`);
}

test(`security headers on API answers, errors, pages and 404s; no route sets a cookie, not even signing in (${TEST_ENGINE})`, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    const admin = withSession(server, await signIn(app, { roles: ['admin'], userId: 'root' }));
    const made = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'h1' }, payload: { id: 'wang', displayName: '王芳', roles: ['collector'], password: 'correct horse battery' } });
    assert.equal(made.statusCode, 201, made.body);
    assertSecurityHeaders(made.headers, 'a write');
    const login = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'wang', password: 'correct horse battery' } });
    assert.equal(login.statusCode, 200, login.body);
    assertSecurityHeaders(login.headers, 'signing in');
    assert.match(login.json().token, /^fds_/, 'the session is a bearer token in the body');
    const pages = [
      ['GET', '/api/v1/health', 200],
      ['GET', '/api/v1/portfolio/summary', 401],
      ['GET', '/', 200],
      ['GET', '/api/v1/no-such-route', 404],
      ['POST', '/api/v1/portal/login', 400],
      ['GET', '/readyz', 200],
      ['GET', '/docs/static/index.html', 302],
    ] as const;
    for (const [method, url, status] of pages) {
      const r = await server.inject({ method, url, ...(method === 'POST' ? { payload: {} } : {}) });
      assert.equal(r.statusCode, status, `${method} ${url}: ${r.body.slice(0, 200)}`);
      assertSecurityHeaders(r.headers, `${method} ${url}`);
    }
    const unknown = await server.inject({ method: 'POST', url: '/api/v1/no-such-route', payload: {} });
    assert.deepEqual([unknown.statusCode, unknown.json().code], [404, 'NOT_FOUND'], 'an unknown route answers with a code like every error');
    // A body Fastify cannot take (here a __proto__ key, refused by its JSON parser) is a 400 naming the body.
    const proto = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'h2', 'content-type': 'application/json' }, payload: '{"id":"x","__proto__":{"admin":true}}' });
    assert.equal(proto.statusCode, 400);
    assert.equal(proto.json().issues[0].path, 'body');
    assert.match(proto.json().message, /^body: /);
    const csp = String(SECURITY_HEADERS['content-security-policy']);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.match(csp, /script-src 'self'(;|$)/, 'no inline or remote scripts');
  } finally {
    await server.close();
    await app.close();
  }
});

test(`a body over the configured limit is a 413 naming the limit and changes nothing; the limits come from the environment (${TEST_ENGINE})`, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  app.config = { ...app.config, bodyLimitBytes: 2048 };
  const server = await buildServer(app);
  try {
    const admin = withSession(server, await signIn(app, { roles: ['admin'], userId: 'root' }));
    const before = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
    const big = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'big' }, payload: { id: 'big', displayName: 'x'.repeat(4000), roles: ['collector'], password: 'correct horse battery' } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().code, 'VALIDATION_FAILED');
    assert.equal(big.json().message, 'body: larger than the limit of 2048 bytes (HTTP_BODY_LIMIT_BYTES)');
    assert.deepEqual(big.json().issues, [{ path: 'body', message: 'larger than the limit of 2048 bytes (HTTP_BODY_LIMIT_BYTES)' }]);
    assert.deepEqual(await app.db.query('SELECT count(*)::int AS n FROM users'), before);
    const small = await admin.inject({ method: 'POST', url: '/api/v1/users', headers: { 'idempotency-key': 'small' }, payload: { id: 'small', displayName: 'x', roles: ['collector'], password: 'correct horse battery' } });
    assert.equal(small.statusCode, 201, 'a body under the limit goes through');
  } finally {
    await server.close();
    await app.close();
  }
  assert.equal(loadConfig({ HTTP_BODY_LIMIT_BYTES: '5000', IMPORT_LIMIT_BYTES: '9000' }).bodyLimitBytes, 5000);
  assert.equal(loadConfig({ IMPORT_LIMIT_BYTES: '9000' }).importLimitBytes, 9000);
  assert.throws(() => loadConfig({ HTTP_BODY_LIMIT_BYTES: '1mb' }), /HTTP_BODY_LIMIT_BYTES must be a whole number of bytes above 0, got '1mb'/);
  assert.throws(() => loadConfig({ LOG_LEVEL: 'loud' }), /LOG_LEVEL must be one of/);
});

test(`the import file limit comes from the configuration: a larger CSV is a 413 naming it, nothing written (${TEST_ENGINE})`, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  app.config = { ...app.config, importLimitBytes: 64 };
  const server = await buildServer(app);
  try {
    const admin = withSession(server, await signIn(app, { roles: ['admin'], userId: 'root' }));
    const csv = ['id,name,phone,email,id_number,language', ...Array.from({ length: 5 }, (_, i) => `C${i},Name ${i},13800000000,,,zh-CN`)].join('\n');
    const r = await admin.inject({ method: 'POST', url: '/api/v1/imports?kind=customers', headers: { 'content-type': 'text/csv' }, payload: csv });
    assert.equal(r.statusCode, 413, r.body);
    assert.match(r.json().message, /larger than the limit of 64 bytes \(IMPORT_LIMIT_BYTES\)/);
    assert.deepEqual(await app.db.query('SELECT count(*)::int AS n FROM customers'), [{ n: 0 }]);
  } finally {
    await server.close();
    await app.close();
  }
});

/** `name{labels} value` lines of the exposition text, as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const i = line.lastIndexOf(' ');
    out.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return out;
}

test(`readiness, Prometheus metrics by route and status, and who may read them (${TEST_ENGINE})`, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const server = await buildServer(app);
  try {
    const ready = await server.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 200);
    assert.deepEqual([ready.json().status, ready.json().pendingMigrations], ['ready', []]);

    for (let i = 0; i < 3; i++) await server.inject({ method: 'GET', url: '/api/v1/health' });
    await server.inject({ method: 'GET', url: '/api/v1/portfolio/summary' });
    await server.inject({ method: 'GET', url: '/api/v1/accounts/12345' });
    const m = await server.inject({ method: 'GET', url: '/metrics' });
    assert.equal(m.statusCode, 200, m.body);
    assert.match(String(m.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const s = samples(m.body);
    assert.equal(s.get('fairdebt_http_requests_total{method="GET",route="/api/v1/health",status="200"}'), 3);
    assert.equal(s.get('fairdebt_http_requests_total{method="GET",route="/api/v1/portfolio/summary",status="401"}'), 1);
    assert.ok([...s.keys()].some((k) => k.startsWith('fairdebt_http_requests_total{method="GET",route="/api/v1/accounts/:')), 'routes are labelled by pattern, not by the raw URL');
    assert.ok(![...s.keys()].some((k) => k.includes('12345')));
    const h = (suffix: string, le?: string) => s.get(`fairdebt_http_request_duration_seconds_${suffix}{${le ? `le="${le}",` : ''}method="GET",route="/api/v1/health",status="200"}`);
    assert.equal(h('count'), 3);
    assert.equal(h('bucket', '+Inf'), 3);
    assert.ok((h('bucket', '0.005') ?? -1) <= (h('bucket', '10') ?? -1), 'buckets are cumulative');
    for (const name of ['fairdebt_outbox_depth', 'fairdebt_outbox_sent', 'fairdebt_outbox_failed', 'fairdebt_cycle_running', 'process_resident_memory_bytes', 'nodejs_heap_used_bytes']) {
      assert.ok(s.has(name), `${name} is exported`);
    }
    assert.equal(s.get('fairdebt_outbox_depth'), 0);
    assert.match(m.body, /# TYPE fairdebt_http_request_duration_seconds histogram/);

    // The last finished cycle: its business date and how long it ran.
    await app.db.query(`INSERT INTO cycle_runs (target_date, from_date, started_at, finished_at) VALUES ('2026-04-30', '2026-04-30', '2026-05-01T01:00:00Z', '2026-05-01T01:00:42.5Z')`);
    const after = samples((await server.inject({ method: 'GET', url: '/metrics' })).body);
    assert.equal(after.get('fairdebt_cycle_last_business_date_seconds{date="2026-04-30"}'), Date.parse('2026-04-30T00:00:00Z') / 1000);
    assert.equal(after.get('fairdebt_cycle_last_duration_seconds'), 42.5);

    // Off the host without a token: refused.
    const remote = await server.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9' });
    assert.equal(remote.statusCode, 403);
    assert.match(remote.json().message, /METRICS_TOKEN/);
  } finally {
    await server.close();
  }
  // With METRICS_TOKEN set: the token is required, even on the host.
  app.config = { ...app.config, metricsToken: 'scrape-secret' };
  const guarded = await buildServer(app);
  try {
    assert.equal((await guarded.inject({ method: 'GET', url: '/metrics' })).statusCode, 403);
    assert.equal((await guarded.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode, 403);
    assert.equal((await guarded.inject({ method: 'GET', url: '/metrics', remoteAddress: '203.0.113.9', headers: { authorization: 'Bearer scrape-secret' } })).statusCode, 200);
    // A database the code's migrations are not all applied to is not ready.
    await app.db.query("DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations)");
    const notReady = await guarded.inject({ method: 'GET', url: '/readyz' });
    assert.equal(notReady.statusCode, 503);
    assert.equal(notReady.json().status, 'not ready');
    assert.match(notReady.json().reason, /migrations not applied: \d{4}/);
  } finally {
    await guarded.close();
    await app.close();
  }
});

test(`the request log: JSON lines, each carrying the request id; an incoming x-request-id is kept and echoed (${TEST_ENGINE})`, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const lines: string[] = [];
  const server = await buildServer(app, { log: { level: 'info', stream: { write: (l: string) => void lines.push(l) } } });
  try {
    const r = await server.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'lb-7f3a-0001' } });
    assert.equal(r.headers['x-request-id'], 'lb-7f3a-0001');
    const bad = await server.inject({ method: 'POST', url: '/api/v1/portal/login', payload: {} });
    const generated = String(bad.headers['x-request-id']);
    assert.match(generated, /^[0-9a-f-]{36}$/, 'without one, a fresh id');
    const odd = await server.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'has spaces\tand tabs' } });
    assert.notEqual(odd.headers['x-request-id'], 'has spaces\tand tabs', 'an unprintable id is replaced');
    const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string; level: number });
    const ofFirst = parsed.filter((p) => p.reqId === 'lb-7f3a-0001');
    assert.ok(ofFirst.length >= 2, 'incoming request and request completed');
    assert.ok(parsed.filter((p) => p.reqId === generated).length >= 2);
    assert.ok(parsed.every((p) => typeof p.reqId === 'string'), 'every line of a request names it');
  } finally {
    await server.close();
    await app.close();
  }
});

test(`shutdown waits for the handler of a request whose client left before the answer (${TEST_ENGINE})`, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const server = await buildServer(app);
  let finished = false;
  server.get('/test/slow', async () => {
    await new Promise((r) => setTimeout(r, 400));
    // Still uses the database after its client has gone, as a real handler would.
    await app.db.query('SELECT 1');
    finished = true;
    return { ok: true };
  });
  try {
    const address = await server.listen({ port: 0, host: '127.0.0.1' });
    const { request } = await import('node:http');
    const req = request(`${address}/test/slow`);
    req.on('error', () => undefined);
    req.end();
    await new Promise((r) => setTimeout(r, 100));
    req.destroy();
    await server.close();
    assert.equal(finished, false, 'the server has closed its connections before the handler ends');
    assert.equal(await handlersFinished(server, 5_000), true);
    assert.equal(finished, true, 'the handler ran to its end before shutdown went on');
    assert.equal(await handlersFinished(server, 10), true, 'nothing is left running');
  } finally {
    await app.close();
  }
});

test('the database closing the connections (a restart, a failover) ends no process: a request that meets it is a 503 to retry, the next are served (pg)', { skip: TEST_ENGINE !== 'pg' }, async () => {
  const app = await testApp('2026-05-01T02:00:00.000Z');
  const server = await buildServer(app);
  // A handler whose connection the server closes while it runs.
  server.get('/test/terminated', async () => app.db.query('SELECT pg_terminate_backend(pg_backend_pid())'));
  const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dba = await openDb({ databaseUrl: url, maxConnections: 1 });
  try {
    const admin = withSession(server, await signIn(app, { roles: ['admin'], userId: 'root' }));
    const met = await server.inject({ method: 'GET', url: '/test/terminated' });
    assert.equal(met.statusCode, 503, met.body);
    assert.equal(met.json().code, 'UNAVAILABLE');
    assert.equal(met.headers['retry-after'], '5');

    // Every connection of the pool busy at once, to learn their server processes; then closed by the
    // server while idle in the pool (pg reports that as an 'error' event, which unheard ends the process).
    const busy = await Promise.all(Array.from({ length: 8 }, () => app.db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid, pg_sleep(0.05)')));
    const pids = [...new Set(busy.flat().map((r) => r.pid))];
    assert.ok(pids.length >= 2, `several connections: ${pids.join(', ')}`);
    const closed = await dba.query<{ ok: boolean }>('SELECT pg_terminate_backend(pid) AS ok FROM unnest($1::int[]) AS pid', [pids]);
    assert.ok(closed.every((r) => r.ok));
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < 3; i++) {
      const again = await admin.inject({ method: 'GET', url: '/api/v1/portfolio/summary' });
      assert.equal(again.statusCode, 200, again.body);
    }
  } finally {
    await dba.close();
    await app.close();
  }
});
