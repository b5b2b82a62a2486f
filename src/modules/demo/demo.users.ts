/**
 * The demo's people: one user per lender role and the three demo collectors (their user id is their
 * collector id), all with the demo password printed at start. Created once; a later start leaves
 * what people changed alone.
 */
import type { App } from '../../main.ts';
import type { LenderRole } from '../../platform/access.ts';
import { createUser, getUser } from '../identity/index.ts';
import { DEMO_COLLECTORS } from './demo.worklist.ts';

/** The demo password of every demo user (a demo only: the start message says so). */
export const DEMO_PASSWORD = 'fairdebt-demo';

export const DEMO_USERS: ReadonlyArray<{ id: string; displayName: string; roles: LenderRole[] }> = [
  { id: 'admin', displayName: '系统管理员', roles: ['admin'] },
  { id: 'supervisor', displayName: '赵主管', roles: ['supervisor'] },
  { id: 'compliance', displayName: '孙合规', roles: ['compliance_officer'] },
  { id: 'strategy', displayName: '周策略', roles: ['strategy_manager'] },
  { id: 'legal', displayName: '吴法务', roles: ['legal'] },
  { id: 'auditor', displayName: '郑审计', roles: ['auditor'] },
  ...DEMO_COLLECTORS.map((c) => ({ id: c.id, displayName: c.name, roles: ['collector'] as LenderRole[] })),
];

/** Creates the demo users that do not exist yet; returns how many were created. */
export async function ensureDemoUsers(app: Pick<App, 'db' | 'clock'>): Promise<number> {
  let created = 0;
  for (const u of DEMO_USERS) {
    if (await getUser(app.db, u.id)) continue;
    await createUser(app.db, app.clock, { ...u, password: DEMO_PASSWORD }, { actor: 'system:demo', idempotencyKey: `demo-user:${u.id}` });
    created++;
  }
  return created;
}
