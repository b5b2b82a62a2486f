/**
 * Test databases: a fresh in-memory PGlite, or (FAIRDEBT_TEST_ENGINE=pg) a fresh schema on the
 * PostgreSQL server at TEST_DATABASE_URL, dropped afterwards. Either way fully migrated.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { after } from 'node:test';
import { openDb, type Db } from './db.ts';
import { migrate } from './migrate.ts';

export const TEST_ENGINE = (process.env.FAIRDEBT_TEST_ENGINE ?? 'pglite') as 'pglite' | 'pg';

/** The server the PostgreSQL test runs use. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function openTestDb(): Promise<Db> {
  if (TEST_ENGINE === 'pg') {
    const url = TEST_DATABASE_URL;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = await openDb({ databaseUrl: url, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    const db = await openDb({ databaseUrl: url, schema });
    await migrate(db);
    const close = db.close.bind(db);
    return Object.assign(Object.create(Object.getPrototypeOf(db)), db, {
      async close() {
        await close();
        const a = await openDb({ databaseUrl: url, maxConnections: 1 });
        await a.exec(`DROP SCHEMA ${schema} CASCADE`);
        await a.close();
      },
    }) as Db;
  }
  // One embedded instance per test process; each test gets its own schema on it, so tests stay
  // independent. Within a test run it opens a copy of the run's initialised data directory, which
  // takes a second where initialising one in memory takes four.
  shared ??= openSharedPglite();
  const base = await shared;
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await base.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema}`);
  await migrate(base);
  return Object.assign(Object.create(Object.getPrototypeOf(base)), base, {
    async close() {
      // After the file's tests the instance is closed (below), and its schemas with it.
      if (shared) await base.exec(`SET search_path TO public; DROP SCHEMA ${schema} CASCADE`);
    },
  }) as Db;
}

let shared: Promise<Db> | undefined;

/*
 * The shared instance is closed when the test file's tests are done. Left open, PostgreSQL's idle
 * statistics timer (10 s after the last statement) keeps the test process alive, and the runner waits
 * for every process to end. Only under the test runner (a script may use a test database too).
 */
if (process.env.NODE_TEST_CONTEXT) {
  after(async () => {
    const open = shared;
    shared = undefined;
    if (open) await (await open).close();
  });
}

async function openSharedPglite(): Promise<Db> {
  if (!runDir()) return openDb({ memory: true });
  const dir = await freshDataDir();
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return openDb({ dataDir: dir });
}

/*
 * A new PGlite data directory runs initdb, which costs seconds of CPU. A test run (scripts/test.mjs
 * names its scratch directory in FAIRDEBT_TEST_RUN_DIR) runs it once on disk: the first test process
 * to need a data directory initialises a template, and every other copies it.
 */
function runDir(): string | undefined {
  return process.env.FAIRDEBT_TEST_RUN_DIR || undefined;
}

/**
 * A new, empty directory for a PGlite database on disk that is already initialised (a copy of the
 * run's initialised data directory), for tests that run the CLI or the server on a data directory of
 * their own. Outside a test run it is just an empty directory, which PGlite initialises itself.
 */
export async function freshDataDir(dir?: string): Promise<string> {
  const target = dir ?? mkdtempSync(join(tmpdir(), 'fairdebt-data-'));
  const run = runDir();
  if (!run) {
    mkdirSync(target, { recursive: true });
    return target;
  }
  const template = join(run, 'pglite-initdb-dir');
  if (!existsSync(template)) {
    const building = mkdtempSync(join(run, 'pglite-initdb-dir.'));
    const db = await openDb({ dataDir: building });
    await db.close();
    try {
      renameSync(building, template);
    } catch {
      // Another test process made it first.
      rmSync(building, { recursive: true, force: true });
    }
  }
  cpSync(template, target, { recursive: true });
  return target;
}
