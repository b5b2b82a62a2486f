/**
 * Storage: PostgreSQL, either embedded (PGlite, PostgreSQL 18 in WebAssembly) or a real server through
 * DATABASE_URL. Both are reached through the same small interface so that every query and every
 * repository test runs unchanged on both engines. Only PostgreSQL 15 features are used.
 *
 * Values come back the same way from both drivers: int8 as a JS number (refused beyond 2^53),
 * numeric as a string, date as 'YYYY-MM-DD', timestamptz as an ISO-8601 UTC string.
 */
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { AppError } from './errors.ts';
import { acquireLock, type Lock } from './lockfile.ts';

export type Row = Record<string, unknown>;

/**
 * Whether an error says the database cannot be reached or dropped the connection (a restart, a
 * failover, a terminated session), rather than that the statement was wrong: the request may be
 * tried again shortly. SQLSTATE class 08 (connection exception) and 57P01–57P03 (shutting down,
 * crashed, not accepting connections yet), or the socket's own errors.
 */
export function isConnectionError(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  if (/^08/.test(code) || /^57P0[123]$/.test(code)) return true;
  if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'].includes(code)) return true;
  return typeof e?.message === 'string' && /^Connection terminated|Client has encountered a connection error/.test(e.message);
}

function alreadyRunning(name: string): AppError {
  return new AppError('ALREADY_RUNNING', `${name} is already running in another process; wait for it to finish`, { details: { lock: name } });
}

export interface TransactionOptions {
  begin?: string;
}

function joinRunning(opts: TransactionOptions | undefined): void {
  if (opts?.begin) throw new AppError('INTERNAL', 'statements for the start of a transaction, but a transaction is already running');
}

export interface QueryOptions {
  prepare?: boolean;
}

/** The name of a prepared statement: derived from its text, so one text is prepared once per connection. */
const statementName = (sql: string) => `fd_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;

export interface Db {
  readonly engine: 'pglite' | 'pg';
  /**
   * One statement with $1… parameters. `prepare`: on a server, a named prepared statement that each
   * connection plans once and then reuses (for hot statements whose planning costs more than their
   * execution, e.g. the session lookup of every request); PGlite ignores it.
   */
  query<T = Row>(sql: string, params?: readonly unknown[], opts?: QueryOptions): Promise<T[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs fn in a transaction; inside a transaction it joins the running one. `opts.begin`: statements
   * (no parameters) run first in a new transaction, sent with BEGIN in one round trip; refused when
   * joining a running transaction, where they would change the caller's work.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /**
   * Runs fn while holding the lock `name`, which one holder at a time may have across every process on
   * the database (per schema); throws ALREADY_RUNNING when another holds it. On a server: a
   * session-level advisory lock on a connection of its own (outside the pool, which fn still uses),
   * released when fn ends or the process dies. PGlite is opened by one process (the lock file): the
   * names held are kept in that process.
   */
  exclusive<T>(name: string, fn: () => Promise<T>): Promise<T>;
  readonly inTransaction: boolean;
  /** Closes the database (a second call does nothing); inside a transaction, nothing. */
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082, timestamp: 1114, timestamptz: 1184 } as const;

function parseInt8(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new AppError('INTERNAL', `int8 value ${text} is beyond the safe integer range`);
  return n;
}

/** '2026-11-25 06:36:23.123+00' → '2026-11-25T06:36:23.123Z' (sessions run in UTC). */
function parseTimestamptz(text: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?([+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!m) return text;
  const iso = `${m[1]}T${m[2]}${(m[3] ?? '').slice(0, 4)}${m[4] ? normaliseOffset(m[4]) : 'Z'}`;
  return new Date(iso).toISOString();
}

function normaliseOffset(o: string): string {
  if (o.length === 3) return `${o}:00`;
  if (o.length === 5) return `${o.slice(0, 3)}:${o.slice(3)}`;
  return o;
}

const PARSERS: Record<number, (v: string) => unknown> = {
  [OID.int8]: parseInt8,
  [OID.numeric]: (v) => v,
  [OID.date]: (v) => v,
  [OID.timestamp]: (v) => v.replace(' ', 'T'),
  [OID.timestamptz]: parseTimestamptz,
};

export interface OpenOptions {
  /** postgres://… — a real server. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; ignored with databaseUrl. */
  dataDir?: string | undefined;
  /** PGlite in memory (tests). */
  memory?: boolean;
  /** PostgreSQL search_path for every connection (test isolation on a shared server). */
  schema?: string;
  /** Pool size for a server. */
  maxConnections?: number;
}

export async function openDb(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) return openPg(opts.databaseUrl, opts.schema, opts.maxConnections ?? 4);
  return openPglite(opts.memory ? undefined : opts.dataDir);
}

async function openPglite(dataDir: string | undefined): Promise<Db> {
  let lock: Lock | undefined;
  if (dataDir) lock = acquireLock(dataDir);
  let pglite: PGlite;
  try {
    pglite = new PGlite({ ...(dataDir ? { dataDir } : {}), parsers: PARSERS });
    await pglite.waitReady;
    await pglite.exec("SET TIME ZONE 'UTC'");
  } catch (err) {
    lock?.release();
    throw err;
  }
  const held = new Set<string>();
  const make = (q: Pick<PGlite, 'query' | 'exec'>, inTransaction: boolean): Db => ({
    engine: 'pglite',
    inTransaction,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(sql, params as unknown[]);
      return res.rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      if (inTransaction) {
        joinRunning(opts);
        return fn(this);
      }
      return pglite.transaction(async (tx) => {
        if (opts?.begin) await tx.exec(opts.begin);
        return fn(make(tx, true));
      });
    },
    async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const [{ schema }] = (await q.query<{ schema: string }>('SELECT current_schema() AS schema')).rows as [{ schema: string }];
      const key = `${schema}:${name}`;
      if (held.has(key)) throw alreadyRunning(name);
      held.add(key);
      try {
        return await fn();
      } finally {
        held.delete(key);
      }
    },
    async close() {
      if (inTransaction || pglite.closed) return;
      await pglite.close();
      lock?.release();
    },
  });
  return make(pglite, false);
}

async function openPg(url: string, schema: string | undefined, max: number): Promise<Db> {
  // Server options given in the URL (`?options=-c …`) are kept, and ours added after them: the pool
  // would otherwise let the URL's options replace these, schema included.
  const parsed = new URL(url);
  const given = parsed.searchParams.get('options');
  parsed.searchParams.delete('options');
  const options = [...(given ? [given] : []), '-c TimeZone=UTC', ...(schema ? [`-c search_path=${schema}`] : [])].join(' ');
  const pool = new pg.Pool({
    connectionString: parsed.toString(),
    max,
    options,
    types: {
      getTypeParser: ((oid: number, format?: string) =>
        PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A server restart, a failover or an administrator's pg_terminate_backend closes the pool's idle
  // connections; pg reports that as an 'error' event, which would end the process unheard. The pool
  // drops the broken connection and opens a new one for the next query: note it and go on.
  pool.on('error', (err) => process.stderr.write(`database: an idle connection was closed (${err.message}); the next query opens a new one\n`));
  try {
    const c = await pool.connect();
    c.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new AppError('INTERNAL', `cannot connect to PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//')}: ${(err as Error).message}`);
  }
  const make = (q: pg.Pool | pg.PoolClient, inTransaction: boolean): Db => ({
    engine: 'pg',
    inTransaction,
    async query<T>(sql: string, params: readonly unknown[] = [], opts?: QueryOptions) {
      const res = opts?.prepare ? await q.query({ name: statementName(sql), text: sql, values: params as unknown[] }) : await q.query(sql, params as unknown[]);
      return res.rows as T[];
    },
    async exec(sql: string) {
      await q.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>, opts?: TransactionOptions): Promise<T> {
      if (inTransaction) {
        joinRunning(opts);
        return fn(this);
      }
      const client = await pool.connect();
      try {
        // A multi-statement simple query runs as one implicit transaction block until its BEGIN,
        // after which the explicit transaction goes on: the statements are inside it.
        await client.query(opts?.begin ? `BEGIN; ${opts.begin}` : 'BEGIN');
        const result = await fn(make(client, true));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    async exclusive<T>(name: string, fn: () => Promise<T>): Promise<T> {
      const holder = new pg.Client({ connectionString: parsed.toString(), options });
      // Its connection closed by the server, the lock is gone; fn's own statements fail in a restart,
      // and what it does twice in any case is refused by the work's own keys (the cycle's checkpoints).
      holder.on('error', (err) => process.stderr.write(`database: the connection holding '${name}' was closed (${err.message})\n`));
      await holder.connect();
      try {
        const { rows } = await holder.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtext(current_schema() || ':' || $1)) AS ok", [name]);
        if (!rows[0]?.ok) throw alreadyRunning(name);
        return await fn();
      } finally {
        // Ending the session releases its advisory locks.
        await holder.end().catch(() => undefined);
      }
    },
    async close() {
      if (!inTransaction && !pool.ended) await pool.end();
    },
  });
  return make(pool, false);
}
