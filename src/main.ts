/**
 * Composition root: config → database (migrated) → clock → modules. CLI verbs and the server open the
 * application through here; nothing else decides which database or clock is used.
 */
import { loadConfig, type Config } from './platform/config.ts';
import { openDb, type Db } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { ensureDefaultProducts, type CycleHooks } from './modules/ledger/index.ts';
import { replayAccounts, postOpenDay } from './jobs/cycle.ts';

export interface App {
  config: Config;
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  close(): Promise<void>;
}

export const cycleHooks: CycleHooks = { replayAccounts, postOpenDay };

export async function openApp(opts: { config?: Config; clock?: Clock; migrate?: boolean } = {}): Promise<App> {
  const config = opts.config ?? loadConfig();
  const clock = opts.clock ?? systemClock;
  const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}) });
  try {
    if (opts.migrate !== false) {
      await migrate(db);
      await ensureDefaultProducts(db, clock.now());
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  return { config, db, clock, hooks: cycleHooks, close: () => db.close() };
}
