/**
 * Helpers for the worklist's database tests: overdue loans with open collection cases (made by the
 * real daily cycle, through test/support/scenario.ts), collectors and queues.
 */
import { scenario, type Scenario } from '../../../test/support/scenario.ts';
import { fixedClock, type Clock } from '../../platform/clock.ts';
import { upsertCollector, upsertQueue } from './worklist.commands.ts';
import type { CollectorInput, QueueInput } from './worklist.types.ts';

export const T0 = '2026-02-21T02:00:00.000Z';
export const clock: Clock = fixedClock(T0);

/** The same instant plus some minutes, as a clock. */
export const later = (minutes: number): Clock => fixedClock(new Date(Date.parse(T0) + minutes * 60_000).toISOString());

let keys = 0;
export const key = (prefix = 'k') => `${prefix}-${++keys}`;

/**
 * Loans opened 2026-01-15 whose first instalment (due 02-15) is missed: each has an open M1 case from
 * 02-16. A larger principal means a larger overdue amount. `english` customers speak en.
 */
export async function overdueLoans(s: Scenario, loans: ReadonlyArray<{ ref: string; principalMinor?: number; english?: boolean }>): Promise<void> {
  for (const l of loans) {
    await s.loan(l.ref, { principalMinor: l.principalMinor ?? 1_200_000, termCount: 12, openedOn: '2026-01-15' });
    if (l.english) await s.db.query(`UPDATE customers SET language = 'en' WHERE id = $1`, [`C-${l.ref}`]);
  }
}

export function collector(s: Scenario, c: Partial<CollectorInput> & { id: string; maxOpenCases: number }) {
  return upsertCollector(s.db, clock, { name: `催收员 ${c.id}`, team: 'T1', languages: ['zh-CN'], ...c }, { actor: 'test', idempotencyKey: key('collector') });
}

export function queue(s: Scenario, q: Partial<QueueInput> & { code: string }) {
  return upsertQueue(s.db, clock, { name: q.code, buckets: ['M1', 'M2'], recallAfterDays: 10, priority: 10, ...q }, { actor: 'test', idempotencyKey: key('queue') });
}

/** Open case id by account ref. */
export async function caseIds(s: Scenario): Promise<Record<string, number>> {
  const rows = await s.db.query<{ ref: string; id: number }>(`SELECT a.ref, c.id FROM collection_cases c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id WHERE c.status = 'open'`);
  return Object.fromEntries(rows.map((r) => [r.ref, r.id]));
}

/** Active assignments as ref → collector. */
export async function holders(s: Scenario): Promise<Record<string, string>> {
  const rows = await s.db.query<{ ref: string; collector_id: string }>(
    `SELECT a.ref, ca.collector_id FROM case_assignments ca JOIN accounts a ON a.id = ca.account_id AND a.customer_id = ca.customer_id WHERE ca.ended_on IS NULL ORDER BY a.ref`,
  );
  return Object.fromEntries(rows.map((r) => [r.ref, r.collector_id]));
}

export { scenario, type Scenario };
