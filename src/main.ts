/**
 * Composition root: config → database (migrated) → clock → modules. CLI verbs and the server open the
 * application through here; nothing else decides which database or clock is used.
 */
import { loadConfig, type Config } from './platform/config.ts';
import { readDemoIdKeys } from './platform/id-keys.ts';
import { openDb, type Db } from './platform/db.ts';
import { migrate } from './platform/migrate.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { ensureDefaultProducts, type CycleHooks } from './modules/ledger/index.ts';
import { replayAccounts, postOpenDay } from './jobs/cycle.ts';
import { publishedPlanning } from './jobs/planning.ts';
import { loadPacks } from './jobs/dispatch.ts';
import { ensureDefaultTemplates, DEFAULT_LENDER, type PlanningDeps } from './modules/contacts/index.ts';
import { ensureDefaultTables } from './modules/strategy/index.ts';
import { ensureDefaultPolicies } from './modules/negotiation/index.ts';
import type { CompiledPack } from './modules/compliance/index.ts';

export interface App {
  config: Config;
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  /** Strategy and compliance packs for the cycle's planning step (absent: the cycle plans no contacts). */
  planning?: PlanningDeps | undefined;
  close(): Promise<void>;
}

export const cycleHooks: CycleHooks = { replayAccounts, postOpenDay };

export async function openApp(opts: { config?: Config; clock?: Clock; migrate?: boolean } = {}): Promise<App> {
  const loaded = opts.config ?? loadConfig();
  // Without FAIRDEBT_ID_KEYS, the embedded database uses the demo's key file when there is one (never a server).
  const config = loaded.idKeys || loaded.databaseUrl ? loaded : { ...loaded, idKeys: readDemoIdKeys(loaded.dataDir) };
  const clock = opts.clock ?? systemClock;
  const db = await openDb({
    databaseUrl: config.databaseUrl, dataDir: config.dataDir, ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    ...(config.databasePoolSize ? { maxConnections: config.databasePoolSize } : {}),
  });
  try {
    if (opts.migrate !== false) {
      await migrate(db);
      await ensureDefaultProducts(db, clock.now());
      await ensureDefaultTemplates(db, clock, DEFAULT_LENDER);
      await ensureDefaultTables(db, clock.now());
      await ensureDefaultPolicies(db, clock.now());
    }
  } catch (err) {
    await db.close();
    throw err;
  }
  // Packs are compiled once per process from the holiday table (admins edit it between runs).
  let packs: Promise<Record<string, CompiledPack>> | undefined;
  // Read through the step's transaction: embedded PGlite has one connection, which the step holds.
  const planning = publishedPlanning((tx) => (packs ??= loadPacks({ db: tx })), DEFAULT_LENDER.id);
  return { config, db, clock, hooks: cycleHooks, planning, close: () => db.close() };
}
