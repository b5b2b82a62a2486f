/**
 * Runs the real `fairdebt` command in a child process against a database of its own: a PGlite data
 * directory, or a fresh schema on the PostgreSQL test server (FAIRDEBT_TEST_ENGINE=pg).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import { openDb, type Db } from '../../src/platform/db.ts';
import { TEST_ENGINE, freshDataDir } from '../../src/platform/testing.ts';
import { demoIdKeyFile } from '../../src/platform/id-keys.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Target {
  env: Record<string, string>;
  open(): Promise<Db>;
  /** A second database with the same content (PGlite: a copy of the data directory). */
  copy?(): Target;
  dispose(): Promise<void>;
}

export async function newTarget(): Promise<Target> {
  if (TEST_ENGINE === 'pg') {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
    await admin.exec(`CREATE SCHEMA ${schema}`);
    await admin.close();
    return {
      env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema },
      open: () => openDb({ databaseUrl: PG_URL, schema }),
      async dispose() {
        const a = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
        await a.exec(`DROP SCHEMA ${schema} CASCADE`);
        await a.close();
      },
    };
  }
  const dir = await freshDataDir(mkdtempSync(join(tmpdir(), 'fairdebt-proc-')));
  const make = (d: string): Target => ({
    env: { DATA_DIR: d },
    open: () => openDb({ dataDir: d }),
    copy() {
      const c = mkdtempSync(join(tmpdir(), 'fairdebt-proc-'));
      cpSync(d, c, { recursive: true });
      // The demo's ID-number keys live beside the data directory, never inside it.
      if (existsSync(demoIdKeyFile(d))) cpSync(demoIdKeyFile(d), demoIdKeyFile(c));
      return make(c);
    },
    async dispose() {
      rmSync(d, { recursive: true, force: true });
      rmSync(demoIdKeyFile(d), { force: true });
    },
  });
  return make(dir);
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function fairdebt(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/fairdebt.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', DATABASE_SCHEMA: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * The same command run inside the test's own process: `main(args)` with the target's environment set
 * for the length of the call, and what it writes collected. It saves starting node and compiling the
 * sources for every call, which the tests that check a verb's output and exit codes don't need; the
 * tests of the real process (exit codes of bin/fairdebt.mjs, killing it mid-way) use `fairdebt()`.
 * Calls must not overlap: the environment is the process's.
 */
export async function fairdebtInProcess(args: string[], env: Record<string, string>, input = ''): Promise<Exit> {
  const { main } = await import('../../src/cli/main.ts');
  const { memoryIo } = await import('../../src/cli/io.ts');
  const overrides: Record<string, string> = { DATABASE_URL: '', DATA_DIR: '', DATABASE_SCHEMA: '', ...env };
  const saved = new Map(Object.keys(overrides).map((k) => [k, process.env[k]] as const));
  for (const [k, v] of Object.entries(overrides)) process.env[k] = v;
  const io = memoryIo(input);
  try {
    const code = await main(args, io);
    return { code, signal: null, stdout: io.out(), stderr: io.err() };
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * A hash of everything the ledger and the cycle derive: balances, schedules, entries (net, by account,
 * kind and date), bucket history and cases. Two databases with the same hash hold the same state.
 */
export async function stateHash(db: Db): Promise<string> {
  const parts = [
    await db.query(`SELECT a.ref, s.closed_through, s.principal_minor, s.interest_minor, s.penalty_minor, s.fees_minor, s.credit_minor, s.principal_date_weight,
                           s.cost_charged_minor, s.cost_capped_minor, s.delinquent_since, s.bucket, s.overdue_minor, s.accruing
                    FROM account_state s JOIN accounts a ON a.id = s.account_id ORDER BY a.ref`),
    await db.query(`SELECT a.ref, d.seq, d.due_on, d.principal_paid_minor, d.interest_charged_minor, d.interest_paid_minor, d.penalty_charged_minor, d.penalty_paid_minor,
                           d.fees_charged_minor, d.fees_paid_minor, d.settled_on, d.charged_on, d.late_fee_on
                    FROM due_items d JOIN accounts a ON a.id = d.account_id ORDER BY a.ref, d.seq`),
    await db.query(`SELECT a.ref, e.kind, e.component, e.value_date, sum(e.amount_minor)::bigint AS amount, sum(e.capped_minor)::bigint AS capped
                    FROM entries e JOIN accounts a ON a.id = e.account_id GROUP BY a.ref, e.kind, e.component, e.value_date
                    HAVING sum(e.amount_minor) <> 0 OR sum(e.capped_minor) <> 0 ORDER BY 1, 2, 3, 4`),
    await db.query(`SELECT a.ref, b.on_date, b.from_bucket, b.to_bucket, b.movement FROM bucket_changes b JOIN accounts a ON a.id = b.account_id ORDER BY 1, 2`),
    await db.query(`SELECT a.ref, c.status, c.opened_on, c.closed_on, c.close_reason, c.bucket, c.max_dpd, c.delinquent_since FROM collection_cases c JOIN accounts a ON a.id = c.account_id WHERE c.status <> 'voided' ORDER BY 1, 3`),
    await db.query(`SELECT ref, status FROM transactions ORDER BY ref`),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
