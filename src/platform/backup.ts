/**
 * Backup and restore of the whole database, for `fairdebt db dump` / `fairdebt db restore`.
 *
 * Embedded PGlite: the data directory as a gzipped tar (PGlite's own dumpDataDir), taken while this
 * process holds the directory's lock file, so a running server (which holds it) is never copied mid-
 * write: stop it first. A restore unpacks the file into a new directory beside the data directory,
 * opens it to check that it is a Fairdebt database, and only then swaps it in; what was there before
 * is kept in `<DATA_DIR>.before-restore-<time>`.
 *
 * PostgreSQL server: pg_dump in its custom format (of DATABASE_SCHEMA when set, else the database),
 * and pg_restore --clean in a single transaction, so a failed restore leaves the database as it was.
 * The server may keep running: pg_dump reads one consistent snapshot.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { PGlite } from '@electric-sql/pglite';
import { AppError, invalidField } from './errors.ts';
import { acquireLock, LOCK_FILE_NAME } from './lockfile.ts';

export interface DumpResult {
  file: string;
  bytes: number;
}

export interface RestoreResult {
  file: string;
  /** Where the data that was replaced now lives (PGlite), or null when there was none or on a server. */
  previous: string | null;
  /** Migrations recorded in the restored database (PGlite; checked before the swap), null on a server. */
  migrations: number | null;
}

const GZIP_MAGIC = [0x1f, 0x8b];

function hasDatabase(dir: string): boolean {
  return existsSync(join(dir, 'PG_VERSION'));
}

/** Writes the PGlite data directory to `out` (.tar.gz). Refused while another process has it open. */
export async function dumpPglite(dataDir: string, out: string): Promise<DumpResult> {
  if (!hasDatabase(dataDir)) throw new AppError('NOT_FOUND', `no database in ${dataDir}: nothing to dump (DATA_DIR)`);
  const target = resolve(out);
  if (!existsSync(dirname(target))) throw invalidField('out', `the folder ${dirname(target)} does not exist`);
  const lock = acquireLock(dataDir);
  try {
    const pg = new PGlite({ dataDir });
    try {
      await pg.waitReady;
      // A checkpoint first, so the files hold everything committed, not only the write-ahead log.
      await pg.exec('CHECKPOINT');
      const tar = await pg.dumpDataDir('gzip');
      const bytes = Buffer.from(await tar.arrayBuffer());
      // Written beside the target and renamed: a half-written file never carries the final name.
      const partial = `${target}.partial`;
      writeFileSync(partial, bytes);
      renameSync(partial, target);
      return { file: target, bytes: bytes.length };
    } finally {
      await pg.close();
    }
  } finally {
    lock.release();
  }
}

/** Replaces the PGlite data directory with the dump in `from`; `now` names the folder the old data is kept in. */
export async function restorePglite(dataDir: string, from: string, now: string): Promise<RestoreResult> {
  const source = resolve(from);
  if (!existsSync(source) || !statSync(source).isFile()) throw invalidField('from', `no such file: ${source}`);
  const bytes = readFileSync(source);
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw invalidField('from', `${basename(source)} is not a PGlite dump (a .tar.gz written by fairdebt db dump)`);
  }
  mkdirSync(dataDir, { recursive: true });
  const lock = acquireLock(dataDir);
  // Beside the data directory, so the swap below is a rename on one file system.
  const staging = mkdtempSync(join(dirname(resolve(dataDir)), `.${basename(dataDir)}.restore-`));
  try {
    let migrations: number;
    const pg = new PGlite({ dataDir: staging, loadDataDir: new Blob([bytes]) });
    try {
      await pg.waitReady;
      const [row] = (await pg.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations')).rows;
      migrations = row?.n ?? 0;
    } catch (err) {
      throw invalidField('from', `${basename(source)} does not hold a Fairdebt database: ${(err as Error).message}`);
    } finally {
      await pg.close().catch(() => undefined);
    }
    const entries = (dir: string) => readdirSync(dir).filter((n) => n !== LOCK_FILE_NAME);
    let previous: string | null = null;
    if (entries(dataDir).length > 0) {
      previous = `${resolve(dataDir)}.before-restore-${now.replace(/[:.]/g, '-')}`;
      mkdirSync(previous);
      for (const n of entries(dataDir)) renameSync(join(dataDir, n), join(previous, n));
    }
    for (const n of entries(staging)) renameSync(join(staging, n), join(dataDir, n));
    return { file: source, previous, migrations };
  } finally {
    rmSync(staging, { recursive: true, force: true });
    lock.release();
  }
}

function run(cmd: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'ENOENT' ? new AppError('UNAVAILABLE', `${cmd} is not installed: install the PostgreSQL client tools (version 15 or later)`) : err));
    child.on('close', (code) => resolvePromise({ code, stderr }));
  });
}

/** The URL without its password, for messages. */
function shown(url: string): string {
  return url.replace(/\/\/[^@]*@/, '//');
}

/** pg_dump of the database (or one schema of it) at `url` to `out`, custom format. */
export async function dumpPg(url: string, schema: string | undefined, out: string): Promise<DumpResult> {
  const target = resolve(out);
  if (!existsSync(dirname(target))) throw invalidField('out', `the folder ${dirname(target)} does not exist`);
  const partial = `${target}.partial`;
  const r = await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${partial}`, ...(schema ? [`--schema=${schema}`] : []), `--dbname=${url}`]);
  if (r.code !== 0) {
    rmSync(partial, { force: true });
    throw new AppError('INTERNAL', `pg_dump of ${shown(url)} failed: ${r.stderr.trim()}`);
  }
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size };
}

/** pg_restore of `from` into the database at `url`: existing objects of the dump are dropped first, all in one transaction. */
export async function restorePg(url: string, from: string): Promise<RestoreResult> {
  const source = resolve(from);
  if (!existsSync(source) || !statSync(source).isFile()) throw invalidField('from', `no such file: ${source}`);
  const head = readFileSync(source).subarray(0, 5).toString('latin1');
  if (head !== 'PGDMP') throw invalidField('from', `${basename(source)} is not a pg_dump custom-format file (written by fairdebt db dump or pg_dump -Fc)`);
  const r = await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, source]);
  if (r.code !== 0) throw new AppError('INTERNAL', `pg_restore into ${shown(url)} failed (nothing was changed): ${r.stderr.trim()}`);
  return { file: source, previous: null, migrations: null };
}
