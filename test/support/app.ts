/** An App (see src/main.ts) on a fresh test database, for route and command tests. */
import { openTestDb } from '../../src/platform/testing.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { ensureDefaultProducts } from '../../src/modules/ledger/index.ts';
import { cycleHooks, type App } from '../../src/main.ts';

export async function testApp(now = '2026-01-01T00:00:00.000Z'): Promise<App> {
  const db = await openTestDb();
  const clock = fixedClock(now);
  await ensureDefaultProducts(db, clock.now());
  return { config: loadConfig({}), db, clock, hooks: cycleHooks, close: () => db.close() };
}
