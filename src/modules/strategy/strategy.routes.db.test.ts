/**
 * The strategy routes through app.inject on the real server (its validation and error mapping), on a fresh
 * database. The routes are mounted under a test prefix so that this test owns their facts loader whether
 * or not the server mounts them itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../http/app.ts';
import { cycleHooks, type App } from '../../main.ts';
import { openTestDb } from '../../platform/testing.ts';
import { fixedClock } from '../../platform/clock.ts';
import { ensureDefaultProducts } from '../ledger/index.ts';
import { DEFAULT_TABLES, ensureDefaultTables, registerStrategyRoutes, type AccountFacts } from './index.ts';
import { facts } from './strategy.fixtures.ts';
import { signIn, withSession } from '../../../test/support/auth.ts';

const NOW = '2026-03-02T08:00:00.000Z';
const P = '/under-test/api/v1/strategy';

/** The fixed portfolio the what-if runs over: 10 accounts at DPD 1 (SMS), one in M3 (agency), one current. */
const PORTFOLIO: AccountFacts[] = [
  ...Array.from({ length: 10 }, (_, i) => facts({ accountId: i + 1, dpd: 1 })),
  facts({ accountId: 20, bucket: 'M3', dpd: 70 }),
  facts({ accountId: 30, bucket: 'M0', dpd: 0, riskScore: 100 }),
];
const loads: Array<{ jurisdiction: string; limit: number; businessDate: string }> = [];

let app: App;
let server: FastifyInstance;
before(async () => {
  const db = await openTestDb();
  const clock = fixedClock(NOW);
  await ensureDefaultProducts(db, clock.now());
  await ensureDefaultTables(db, clock.now());
  app = { db, clock, hooks: cycleHooks, config: { databaseUrl: undefined, databaseSchema: undefined, dataDir: '', port: 0, host: '127.0.0.1' }, close: () => db.close() };
  server = withSession(await buildServer(app), await signIn(app, { roles: ['strategy_manager'], userId: 'li-strategy' }));
  await server.register(
    async (scope) =>
      registerStrategyRoutes(scope, app, {
        loadFacts: async (o) => {
          loads.push(o);
          return PORTFOLIO;
        },
        check: (f, d) => (d.channel === 'sms' && f.accountId <= 3 ? { decision: 'deny', ruleIds: ['CN-FREQ-01'] } : { decision: 'allow', ruleIds: [] }),
      }),
    { prefix: '/under-test' },
  );
  await server.ready();
});
after(async () => {
  await server.close();
  await app.close();
});

const CN = DEFAULT_TABLES.find((t) => t.jurisdiction === 'CN')!;
const post = (url: string, payload: unknown, key?: string) =>
  server.inject({ method: 'POST', url: `${P}${url}`, payload: payload as object, headers: key ? { 'idempotency-key': key } : {} });
const get = (url: string) => server.inject({ method: 'GET', url: `${P}${url}` });

describe('strategy routes', () => {
  it('appear in the OpenAPI document with their schemas', async () => {
    const res = await server.inject({ method: 'GET', url: '/docs/json' });
    assert.equal(res.statusCode, 200);
    const paths = Object.keys(res.json().paths).filter((p) => p.startsWith(P));
    assert.equal(paths.length, 7, paths.join(', '));
  });

  it('GET /tables lists each table with the version in force, the latest in full, and its history', async () => {
    const res = await get('/tables');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.tables.map((t: { code: string }) => t.code), ['cn-default', 'uk-default', 'us-default']);
    const cn = body.tables[0];
    assert.deepEqual([cn.jurisdiction, cn.inForce.version, cn.inForce.status, cn.latest.table.rows.length, cn.versions.length], ['CN', 1, 'published', CN.rows.length, 1]);
  });

  it('POST /tables saves a draft (201), answers a retry with the same key from the record (200), and lists it', async () => {
    const table = { ...CN, rows: CN.rows.filter((r) => r.id !== 'cn-late-wait') };
    const first = await post('/tables', table, 'draft-1');
    assert.equal(first.statusCode, 201, first.body);
    assert.deepEqual([first.json().version, first.json().status, first.json().findings.map((f: { kind: string }) => f.kind)], [2, 'draft', ['gap', 'gap', 'gap', 'gap']]);
    const again = await post('/tables', table, 'draft-1');
    assert.equal(again.statusCode, 200);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.deepEqual(again.json(), first.json());
    const versions = await get('/tables/cn-default/versions');
    assert.deepEqual(versions.json().versions.map((v: { version: number; status: string; findingCount: number }) => [v.version, v.status, v.findingCount]), [[2, 'draft', 4], [1, 'published', 0]]);
  });

  it('POST /tables without an Idempotency-Key is a 400 naming the header', async () => {
    const res = await post('/tables', CN);
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().issues[0].path, 'headers.idempotency-key');
  });

  it('POST /tables with a misspelt condition is a 400 naming its path', async () => {
    const res = await post('/tables', { ...CN, rows: [{ ...CN.rows[0], conditions: { dpd: { mn: 3 } } }] }, 'draft-typo');
    assert.equal(res.statusCode, 400);
    assert.match(res.json().message, /^body\.rows\.0\.conditions\.dpd/);
  });

  it('POST /tables with min above max is a 400 naming the row and the field', async () => {
    const bad = { ...CN, rows: CN.rows.map((r, i) => (i === 7 ? { ...r, conditions: { ...r.conditions, dpd: { min: 7, max: 1 } } } : r)) };
    const res = await post('/tables', bad, 'draft-bad');
    assert.equal(res.statusCode, 400);
    assert.deepEqual(res.json().issues, [{ path: 'rows.7.conditions.dpd', message: `row ${CN.rows[7]!.id}: rows.7.conditions.dpd: min 7 is above max 1` }]);
  });

  it('POST /validate returns the findings of a table without saving it', async () => {
    const res = await post('/validate', { ...CN, rows: [...CN.rows, { id: 'never', priority: 9999, conditions: { buckets: ['M1'] }, outputs: { action: 'none', channel: 'none', priority: 0 } }] });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().ok, false);
    assert.deepEqual(res.json().findings.map((f: { kind: string; rowIds: string[] }) => [f.kind, f.rowIds[0]]), [['shadowed', 'never']]);
    assert.deepEqual((await post('/validate', CN)).json(), { ok: true, findings: [] });
  });

  it('POST /simulate runs the table in force over the loaded facts and counts what the gate blocks', async () => {
    const res = await post('/simulate', { jurisdiction: 'CN', limit: 50 });
    assert.equal(res.statusCode, 200, res.body);
    const s = res.json();
    assert.deepEqual(loads.at(-1), { jurisdiction: 'CN', limit: 50, businessDate: '2026-03-02' });
    assert.deepEqual([s.table, s.accounts, s.decided, s.byAction], [{ code: 'cn-default', version: 1 }, 12, 12, { sms_reminder: 10, recommend_agency: 1, none: 1 }]);
    assert.deepEqual(s.samples.recommend_agency, [20]);
    assert.deepEqual(s.gate, { checked: 10, allowed: 10, rescuedByFallback: 3, blocked: 0, blockedByRule: { 'CN-FREQ-01': 3 }, byChannel: { sms: 7, push: 3 } });
  });

  it('POST /simulate runs a draft table from the body and returns its findings with the counts', async () => {
    const draft = { ...CN, code: 'cn-what-if', rows: CN.rows.filter((r) => r.id !== 'cn-m3-wait' && r.id !== 'cn-m3-call' && r.id !== 'cn-m3-agency') };
    const res = await post('/simulate', { table: draft });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual([res.json().table, res.json().undecided, res.json().undecidedSample, res.json().findings.map((f: { kind: string }) => f.kind)], [{ code: 'cn-what-if', version: null }, 1, [20], ['gap']]);
  });

  it('POST /simulate without a table or a jurisdiction is a 400 naming jurisdiction', async () => {
    const res = await post('/simulate', {});
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().issues[0].path, 'body.jurisdiction');
  });

  it('POST /simulate above the account limit is a 400 naming limit', async () => {
    const res = await post('/simulate', { jurisdiction: 'CN', limit: 1_000_000 });
    assert.equal(res.statusCode, 400);
    assert.match(res.json().issues[0].path, /limit/);
  });

  it('POST /tables/:code/versions/:version/publish refuses a draft with findings (400) and publishes a clean one', async () => {
    const refused = await post('/tables/cn-default/versions/2/publish', {}, 'pub-1');
    assert.equal(refused.statusCode, 400);
    assert.match(refused.json().message, /has 4 finding\(s\)/);
    const clean = await post('/tables', { ...CN, description: 'same ladder, new wording' }, 'draft-2');
    const version = clean.json().version;
    const ok = await post(`/tables/cn-default/versions/${version}/publish`, {}, 'pub-2');
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json(), { code: 'cn-default', version, jurisdiction: 'CN', retired: [{ code: 'cn-default', version: 1 }] });
    const missing = await post('/tables/cn-default/versions/99/publish', {}, 'pub-3');
    assert.equal(missing.statusCode, 404);
    const notFound = await get('/tables/no-such/versions');
    assert.equal(notFound.statusCode, 404);
  });

  it('experiments: start (201), list, refuse a bad share (400), stop with a reason', async () => {
    const challenger = await post('/tables', { ...CN, rows: CN.rows.map((r) => (r.id === 'cn-m1-sms' ? { ...r, outputs: { ...r.outputs, cadenceDays: 5 } } : r)) }, 'draft-3');
    const body = { code: 'sms-5d', tableCode: 'cn-default', challengerVersion: challenger.json().version, holdoutBp: 500, challengerBp: 2000, guardrails: [{ id: 'cap', metric: 'complaintsPer10kContacts', ceiling: 5 }] };
    const bad = await post('/experiments', { ...body, challengerBp: 9600 }, 'x-0');
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().message, /challengerBp: holdoutBp \+ challengerBp must not exceed 10000/);
    const started = await post('/experiments', body, 'x-1');
    assert.equal(started.statusCode, 201, started.body);
    assert.deepEqual([started.json().status, started.json().startedOn, started.json().guardrails[0].minSample], ['running', '2026-03-02', 0]);
    const list = await get('/experiments?status=running');
    assert.deepEqual(list.json().experiments.map((x: { code: string }) => x.code), ['sms-5d']);
    const noReason = await post('/experiments/sms-5d/stop', { reason: '  ' }, 'stop-0');
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.json().message, /body\.reason/);
    const stopped = await post('/experiments/sms-5d/stop', { reason: 'wording review' }, 'stop-1');
    assert.equal(stopped.statusCode, 200, stopped.body);
    assert.deepEqual([stopped.json().status, stopped.json().stopReason], ['stopped', { kind: 'manual', reason: 'wording review', actor: 'user:li-strategy' }]);
    const twice = await post('/experiments/sms-5d/stop', { reason: 'again' }, 'stop-2');
    assert.equal(twice.statusCode, 409);
  });
});
