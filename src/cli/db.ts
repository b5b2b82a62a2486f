/** `fairdebt db migrate`: applies the SQL migrations (also done at every start). */
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub] = args;
  if (sub !== 'migrate') {
    io.stderr.write('usage: fairdebt db migrate\n');
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
