/**
 * The demo's collectors and queues (分案): three in-house collectors, an early-bucket and a
 * late-bucket queue, and the open cases assigned to them, so the workbench's queue has work in it.
 * Only when no queue exists yet: a later start leaves what people changed alone.
 */
import type { App } from '../../main.ts';
import { assignCases, listQueues, upsertCollector, upsertQueue } from '../worklist/index.ts';

export const DEMO_COLLECTORS = [
  { id: 'zhang.wei', name: '张伟', team: '早期组', languages: ['zh-CN'], skills: [], maxOpenCases: 60 },
  { id: 'li.na', name: '李娜', team: '早期组', languages: ['zh-CN', 'en'], skills: [], maxOpenCases: 60 },
  { id: 'wang.qiang', name: '王强', team: '后期组', languages: ['zh-CN', 'en'], skills: ['late'], maxOpenCases: 80 },
] as const;

export const DEMO_QUEUES = [
  { code: 'EARLY', name: '早期催收 M1–M2', buckets: ['M1', 'M2'], skill: null, recallAfterDays: 30, priority: 10 },
  { code: 'LATE', name: '后期催收 M3+', buckets: ['M3', 'M4', 'M5', 'M6+'], skill: 'late', recallAfterDays: 60, priority: 20 },
] as const;

/**
 * Creates the demo collectors (the seed made them already when it simulated their calls: the same
 * commands with the same keys) and queues when there are no queues, and assigns open cases; returns
 * how many were assigned.
 */
export async function ensureDemoWorklist(app: Pick<App, 'db' | 'clock'>, businessDate: string): Promise<number> {
  if ((await listQueues(app.db)).length > 0) return 0;
  const opts = (k: string) => ({ actor: 'system:demo', idempotencyKey: `demo-worklist:${k}` });
  for (const c of DEMO_COLLECTORS) await upsertCollector(app.db, app.clock, { ...c, languages: [...c.languages], skills: [...c.skills] }, opts(`collector:${c.id}`));
  const known = new Set((await app.db.query<{ code: string }>('SELECT DISTINCT code FROM buckets')).map((b) => b.code));
  for (const q of DEMO_QUEUES) {
    const buckets = q.buckets.filter((b) => known.has(b));
    if (buckets.length) await upsertQueue(app.db, app.clock, { ...q, buckets }, opts(`queue:${q.code}`));
  }
  const out = await assignCases(app.db, app.clock, { businessDate }, opts(`assign:${businessDate}`));
  return out.result.assigned;
}
