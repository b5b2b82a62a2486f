/**
 * `fairdebt db migrate`: applies the SQL migrations (also done at every start).
 * `fairdebt db dump --out FILE` / `fairdebt db restore --from FILE`: backup and restore of the whole
 * database — the PGlite data directory (DATA_DIR; stop the server first, it holds the directory's
 * lock) or, with DATABASE_URL, the server's database or DATABASE_SCHEMA through pg_dump/pg_restore.
 * See docs/operations.md.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { loadConfig } from '../platform/config.ts';
import { systemClock } from '../platform/clock.ts';
import { invalidField } from '../platform/errors.ts';

const USAGE = `usage: fairdebt db migrate
       fairdebt db dump --out FILE [--json]      PGlite: a .tar.gz of DATA_DIR; server: pg_dump custom format
       fairdebt db restore --from FILE [--json]  replaces the database with the dump (PGlite keeps the old data beside it)
`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'dump' || sub === 'restore') return backup(sub, rest, io);
  if (sub !== 'migrate') {
    io.stderr.write(USAGE);
    return 2;
  }
  const app = await openApp({ migrate: false });
  try {
    const { migrate } = await import('../platform/migrate.ts');
    const applied = await migrate(app.db);
    const { ensureDefaultProducts } = await import('../modules/ledger/index.ts');
    await ensureDefaultProducts(app.db, app.clock.now());
    io.stdout.write(applied.length ? `applied migrations ${applied.join(', ')} on ${app.db.engine}\n` : `database is up to date (${app.db.engine})\n`);
    return 0;
  } finally {
    await app.close();
  }
}

async function backup(sub: 'dump' | 'restore', rest: string[], io: CliIo): Promise<number> {
  const flag = sub === 'dump' ? 'out' : 'from';
  const { values } = parseArgs({ args: rest, options: { [flag]: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
  const file = values[flag];
  if (typeof file !== 'string' || file === '') throw invalidField(flag, `required: fairdebt db ${sub} --${flag} FILE`);
  const config = loadConfig();
  const { dumpPglite, restorePglite, dumpPg, restorePg } = await import('../platform/backup.ts');
  const engine = config.databaseUrl ? 'pg' : 'pglite';
  const where = config.databaseUrl ? config.databaseUrl.replace(/\/\/[^@]*@/, '//') + (config.databaseSchema ? ` (schema ${config.databaseSchema})` : '') : config.dataDir;
  if (sub === 'dump') {
    const r = config.databaseUrl ? await dumpPg(config.databaseUrl, config.databaseSchema, file) : await dumpPglite(config.dataDir, file);
    if (values.json) io.stdout.write(`${JSON.stringify({ engine, ...r })}\n`);
    else io.stdout.write(`dumped ${where} to ${r.file} (${r.bytes} bytes)\n`);
    return 0;
  }
  const r = config.databaseUrl ? await restorePg(config.databaseUrl, file) : await restorePglite(config.dataDir, file, systemClock.now());
  if (values.json) io.stdout.write(`${JSON.stringify({ engine, ...r })}\n`);
  else {
    io.stdout.write(`restored ${where} from ${r.file}${r.migrations !== null ? ` (${r.migrations} migrations recorded)` : ''}\n`);
    if (r.previous) io.stdout.write(`  the data it replaced is kept in ${r.previous}\n`);
  }
  return 0;
}
