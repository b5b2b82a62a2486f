/**
 * `npm run bench -- api [--accounts N] [--duration S] [--connections C] [--json] [--schema NAME]`
 *
 * Load on the HTTP API over loopback, against PostgreSQL (BENCH_DATABASE_URL, default the database
 * `fairdebt_bench` on the local server, created when missing; never the test database):
 *   1. seeds N accounts with the cycle benchmark's set-based SQL (1,000,000 by default: a delinquent
 *      tail of about 20 % with open cases), collectors with about 100 open cases each, and sessions
 *      for 20,000 debtors picked at random across the portfolio and for the collectors;
 *   2. starts the real server (`fairdebt serve`) as a child process on a free loopback port;
 *   3. runs autocannon against GET /api/v1/portal/accounts (the debtor's balance; each request a
 *      random debtor's token) and GET /api/v1/worklist/collectors/:id/queue (each request a random
 *      collector's own queue);
 *   4. baselines in the same run: the SQL behind each endpoint (the session lookup and the accounts
 *      query, without the debtor scope's transaction; the session lookup and the queue query), all
 *      prepared, through `pg` with the server's pool size at the same concurrency, and a bare
 *      Fastify route answering a constant in a child process of its own.
 * Prints requests/s, latency p50/p90/p99/max, errors, non-2xx answers and ratios to the baselines.
 * `--schema NAME` reuses a schema seeded by an earlier run (BENCH_KEEP=1 keeps it).
 */
import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDb, type Db } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { systemClock } from '../src/platform/clock.ts';
import { accountsQuery, ensureDefaultProducts } from '../src/modules/ledger/index.ts';
import { DEFAULT_POOL_SIZE } from '../src/platform/config.ts';
import { MY_QUEUE_SQL } from '../src/modules/worklist/index.ts';
import { SESSION_LOOKUP_SQL } from '../src/modules/identity/index.ts';
import { seed } from './cycle.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEBTOR_SESSIONS = 20_000;
const CASES_PER_COLLECTOR = 100;
/** The server's pool (DATABASE_POOL_SIZE or its default): the SQL baseline uses as many connections. */
const SERVER_POOL = Number(process.env.DATABASE_POOL_SIZE) || DEFAULT_POOL_SIZE;

interface Load {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      accounts: { type: 'string', default: '1000000' },
      duration: { type: 'string', default: '15' },
      connections: { type: 'string', default: '32' },
      date: { type: 'string', default: '2026-06-01' },
      schema: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const accounts = positive(values.accounts, '--accounts');
  const duration = positive(values.duration, '--duration');
  const connections = positive(values.connections, '--connections');
  const say = (s: string) => {
    if (!values.json) process.stderr.write(`${s}\n`);
  };
  const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/fairdebt_bench';
  await ensureDatabase(url);
  const reuse = values.schema;
  const schema = reuse ?? `bench_api_${randomBytes(4).toString('hex')}`;
  const admin = await openDb({ databaseUrl: url, maxConnections: 1 });
  if (!reuse) await admin.exec(`CREATE SCHEMA ${schema}`);
  const db = await openDb({ databaseUrl: url, schema, maxConnections: 2 });
  const children: ChildProcess[] = [];
  try {
    let seedSeconds = 0;
    if (!reuse) {
      const t = performance.now();
      await migrate(db);
      await ensureDefaultProducts(db, systemClock.now());
      await seed(db, accounts, values.date, say);
      await seedWork(db, values.date);
      await db.exec('VACUUM ANALYZE');
      seedSeconds = (performance.now() - t) / 1000;
      say(`seeded ${accounts} accounts, collectors and sessions in ${seedSeconds.toFixed(1)} s (schema ${schema})`);
    }
    const [{ n: portfolio }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')) as [{ n: number }];
    const debtorTokens = await sessions(db, 'debtor');
    const collectors = await sessions(db, 'collector');
    say(`portfolio ${portfolio} accounts; ${debtorTokens.length} debtor sessions, ${collectors.length} collector sessions`);

    // Baseline 1: the SQL behind the balance endpoint, through pg with the server's pool size.
    const sqlBaseline = await sqlLoad(url, schema, debtorTokens.map((d) => d.token), connections, duration, (pool, session) => {
      const { sql, params } = accountsQuery({ customerId: session.customer_id!, limit: 100 });
      return pool.query({ name: 'accounts', text: sql, values: params });
    });
    say(`SQL baseline of the balance (session lookup + accounts query, pool ${SERVER_POOL}, ${connections} concurrent): ${fmt(sqlBaseline)}`);
    const queueSql = await sqlLoad(url, schema, collectors.map((c) => c.token), connections, duration,
      (pool, session) => pool.query({ name: 'queue', text: MY_QUEUE_SQL, values: [session.user_id] }));
    say(`SQL baseline of the queue (session lookup + queue query): ${fmt(queueSql)}`);

    // Baseline 2: a bare Fastify route in a process of its own.
    const hello = await startChild(['--input-type=module', '-e', HELLO_SERVER], {});
    children.push(hello.child);
    const helloLoad = await cannon(`${hello.url}/hello`, connections, duration, () => ({}));
    say(`bare Fastify route: ${fmt(helloLoad)}`);
    await stop(hello.child);

    const server = await startChild(['bin/fairdebt.mjs', 'serve'], { DATABASE_URL: url, DATABASE_SCHEMA: schema, PORT: '0', LOG_LEVEL: 'warn' });
    children.push(server.child);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
    // Warm up the server's pool and the JIT.
    await cannon(`${server.url}/api/v1/portal/accounts`, connections, 3, () => ({ headers: { authorization: `Bearer ${pick(debtorTokens).token}` } }));
    const balance = await cannon(`${server.url}/api/v1/portal/accounts`, connections, duration, () => ({ headers: { authorization: `Bearer ${pick(debtorTokens).token}` } }));
    say(`GET /api/v1/portal/accounts: ${fmt(balance)}`);
    const queue = await cannon(`${server.url}/api/v1/worklist/collectors/:id/queue`, connections, duration, () => {
      const c = pick(collectors);
      return { path: `/api/v1/worklist/collectors/${c.subject}/queue`, headers: { authorization: `Bearer ${c.token}` } };
    });
    say(`GET /api/v1/worklist/collectors/:id/queue: ${fmt(queue)}`);
    await stop(server.child);

    const result = {
      benchmark: 'api',
      engine: 'pg',
      accounts: portfolio,
      connections,
      serverPool: SERVER_POOL,
      durationSeconds: duration,
      seedSeconds: Math.round(seedSeconds * 10) / 10,
      balance,
      queue,
      baselineSql: sqlBaseline,
      baselineQueueSql: queueSql,
      baselineHello: helloLoad,
      ratios: {
        balanceToSql: round(balance.requestsPerSecond / sqlBaseline.requestsPerSecond),
        queueToSql: round(queue.requestsPerSecond / queueSql.requestsPerSecond),
        balanceToHello: round(balance.requestsPerSecond / helloLoad.requestsPerSecond),
        queueToHello: round(queue.requestsPerSecond / helloLoad.requestsPerSecond),
      },
      goal: { balanceRequestsPerSecond: 5000, balanceP99Ms: 50, met: balance.requestsPerSecond >= 5000 && balance.latencyMs.p99 < 50 && balance.errors === 0 && balance.non2xx === 0 },
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      process.stdout.write(
        `api on PostgreSQL, ${portfolio} accounts, ${connections} connections, server pool ${SERVER_POOL}, ${duration} s each:\n` +
          `  balance  ${fmt(balance)}\n  queue    ${fmt(queue)}\n  SQL baseline (balance) ${fmt(sqlBaseline)}\n  SQL baseline (queue)   ${fmt(queueSql)}\n  bare route   ${fmt(helloLoad)}\n` +
          `  balance/SQL ${result.ratios.balanceToSql}×, queue/SQL ${result.ratios.queueToSql}×, balance/bare route ${result.ratios.balanceToHello}×, queue/bare route ${result.ratios.queueToHello}×; ` +
          `goal ≥ 5,000 req/s with p99 < 50 ms: ${result.goal.met ? 'met' : 'not met'}\n`,
      );
    }
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
    await db.close();
    if (!reuse && process.env.BENCH_KEEP !== '1') await admin.exec(`DROP SCHEMA ${schema} CASCADE`);
    else process.stderr.write(`kept schema ${schema} (--schema ${schema} reuses it)\n`);
    await admin.close();
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
const fmt = (l: Load) =>
  `${Math.round(l.requestsPerSecond)} req/s, p50 ${l.latencyMs.p50} ms, p90 ${l.latencyMs.p90} ms, p99 ${l.latencyMs.p99} ms, max ${l.latencyMs.max} ms, ` +
  `errors ${l.errors}, timeouts ${l.timeouts}, non-2xx ${l.non2xx}`;

function positive(raw: string | undefined, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: expected a positive whole number, got ${raw}`);
  return n;
}

/** Creates the benchmark's database when it is missing (connecting to the server's `postgres` database). */
async function ensureDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`BENCH_DATABASE_URL: expected a plain database name, got '${name}'`);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
}

/**
 * Collectors with about CASES_PER_COLLECTOR open cases each (one queue for every bucket), users and
 * sessions for them, and debtor sessions for DEBTOR_SESSIONS customers picked at random.
 */
async function seedWork(db: Db, date: string): Promise<void> {
  const [{ n: open }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM collection_cases WHERE status = 'open'`)) as [{ n: number }];
  const collectors = Math.max(1, Math.ceil(open / CASES_PER_COLLECTOR));
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO collectors (id, name, team, skills, languages, max_open_cases, created_at, updated_at)
       SELECT 'bench-c' || i, '催收员' || i, 'bench', '{}', '{zh-CN}', 1000, now(), now() FROM generate_series(1, $1::int) i`,
      [collectors],
    );
    await tx.query(
      `INSERT INTO queues (code, name, buckets, recall_after_days, priority, created_at, updated_at)
       SELECT 'BENCH', 'bench', array_agg(code ORDER BY ordinal), 30, 1, now(), now() FROM buckets WHERE policy = 'default'`,
    );
    await tx.query(
      `INSERT INTO case_assignments (case_id, account_id, customer_id, collector_id, queue_code, assigned_on, period_from, recall_on)
       SELECT c.id, c.account_id, c.customer_id, 'bench-c' || (1 + c.id % $1::int), 'BENCH', $2::date, $2::date, $2::date + 30
       FROM collection_cases c WHERE c.status = 'open'`,
      [collectors, date],
    );
    await tx.query(
      `INSERT INTO users (id, display_name, roles, password_hash, created_at, updated_at)
       SELECT id, name, '{collector}', 'scrypt$disabled', now(), now() FROM collectors WHERE team = 'bench'`,
    );
  });
  const [{ n: customers }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM customers')) as [{ n: number }];
  const debtors = [...new Set(Array.from({ length: DEBTOR_SESSIONS }, () => 1 + Math.floor(Math.random() * customers)))].map((i) => `B${i}`);
  const collectorIds = Array.from({ length: collectors }, (_, i) => `bench-c${i + 1}`);
  const tokens: Array<{ token: string; subject: string; kind: 'debtor' | 'collector' }> = [
    ...debtors.map((subject) => ({ token: `fds_${randomBytes(32).toString('base64url')}`, subject, kind: 'debtor' as const })),
    ...collectorIds.map((subject) => ({ token: `fds_${randomBytes(32).toString('base64url')}`, subject, kind: 'collector' as const })),
  ];
  const now = new Date();
  const expires = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  await db.query(
    `CREATE TABLE bench_tokens (token text PRIMARY KEY, subject text NOT NULL, kind text NOT NULL)`,
  );
  for (let i = 0; i < tokens.length; i += 5000) {
    const chunk = tokens.slice(i, i + 5000);
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO sessions (id, token_hash, user_id, customer_id, roles, created_at, expires_at)
         SELECT u.id, u.h, CASE WHEN u.k = 'collector' THEN u.s END, CASE WHEN u.k = 'debtor' THEN u.s END,
                CASE WHEN u.k = 'collector' THEN '{collector}'::text[] ELSE '{debtor}'::text[] END, $5::timestamptz, $6::timestamptz
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(id, h, s, k)`,
        [chunk.map(() => randomBytes(12).toString('hex')), chunk.map((t) => createHash('sha256').update(t.token).digest('hex')), chunk.map((t) => t.subject),
          chunk.map((t) => t.kind), now.toISOString(), expires],
      );
      // The clear tokens stay in the benchmark's own schema, so that a later run with --schema can use them.
      await tx.query(`INSERT INTO bench_tokens (token, subject, kind) SELECT * FROM unnest($1::text[], $2::text[], $3::text[])`,
        [chunk.map((t) => t.token), chunk.map((t) => t.subject), chunk.map((t) => t.kind)]);
    });
  }
}

async function sessions(db: Db, kind: 'debtor' | 'collector'): Promise<Array<{ token: string; subject: string }>> {
  return db.query<{ token: string; subject: string }>('SELECT token, subject FROM bench_tokens WHERE kind = $1', [kind]);
}

/**
 * An endpoint's SQL without HTTP, both statements prepared: the session lookup of a random token,
 * then `read` with the session's row (the debtor's accounts, or the collector's queue, as in the routes).
 */
async function sqlLoad(url: string, schema: string, tokens: readonly string[], concurrency: number, seconds: number,
  read: (pool: pg.Pool, session: { customer_id: string | null; user_id: string | null }) => Promise<unknown>): Promise<Load> {
  const pool = new pg.Pool({ connectionString: url, max: SERVER_POOL, options: `-c search_path=${schema}` });
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const token = tokens[Math.floor(Math.random() * tokens.length)]!;
      const t = performance.now();
      try {
        const s = await pool.query({ name: 'session', text: SESSION_LOOKUP_SQL, values: [createHash('sha256').update(token).digest('hex'), new Date().toISOString()] });
        await read(pool, s.rows[0]);
        latencies.push(performance.now() - t);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const q = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0) * 100) / 100;
  return {
    requestsPerSecond: Math.round(latencies.length / elapsed), requests: latencies.length, errors, timeouts: 0, non2xx: 0,
    latencyMs: { p50: q(0.5), p90: q(0.9), p99: q(0.99), max: q(1), mean: Math.round((latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)) * 100) / 100 },
  };
}

async function cannon(url: string, connections: number, duration: number, request: () => { path?: string; headers?: Record<string, string> }): Promise<Load> {
  const r = await autocannon({
    url, connections, duration,
    requests: [{ method: 'GET', setupRequest: (req: autocannon.Request) => ({ ...req, ...request() }) }],
  });
  return {
    requestsPerSecond: r.requests.average, requests: r.requests.total, errors: r.errors, timeouts: r.timeouts, non2xx: r.non2xx,
    latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max, mean: r.latency.average },
  };
}

/** A bare Fastify route answering a constant, for the baseline of what HTTP costs on this machine. */
const HELLO_SERVER = `
import Fastify from 'fastify';
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write('Fairdebt is running at ' + address + '\\n');
process.once('SIGTERM', () => app.close());
`;

/** Stops a child and waits for it to exit (requests still queued in it end first). */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Starts a child process and waits for its "running at URL" line. */
async function startChild(args: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`the child process ended (${code}) before listening: ${out.slice(0, 500)}`)));
  });
  child.stdout!.resume();
  return { child, url };
}
