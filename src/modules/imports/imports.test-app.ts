/**
 * Test helpers for the import tests: an App on a fresh test database (PGlite or PostgreSQL) with the
 * shipped products, a fixed clock, and files written to a temporary folder.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestDb } from '../../platform/testing.ts';
import { fixedClock } from '../../platform/clock.ts';
import { ensureDefaultProducts } from '../ledger/index.ts';
import { cycleHooks, type App } from '../../main.ts';

export const TEST_NOW = '2026-01-31T09:00:00.000Z';

export async function testApp(): Promise<App> {
  const db = await openTestDb();
  const clock = fixedClock(TEST_NOW);
  await ensureDefaultProducts(db, clock.now());
  return {
    db, clock, hooks: cycleHooks,
    config: { databaseUrl: undefined, databaseSchema: undefined, dataDir: '', port: 0, host: '127.0.0.1' },
    close: () => db.close(),
  };
}

/** A temporary folder for CSV files; `file(name, text)` writes one and returns its path. */
export function scratch(): { dir: string; file(name: string, text: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-import-test-'));
  return {
    dir,
    file(name, text) {
      const p = join(dir, name);
      writeFileSync(p, text);
      return p;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Row counts of the tables an import can touch. */
export async function tableCounts(app: App): Promise<Record<string, number>> {
  const [row] = await app.db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM accounts)::int AS accounts,
            (SELECT count(*) FROM transactions)::int AS transactions, (SELECT count(*) FROM due_items)::int AS due_items,
            (SELECT count(*) FROM audit_log)::int AS audit_log`,
  );
  return row!;
}
