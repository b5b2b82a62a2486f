/**
 * The demo's outside agency (委外): an agency working the latest buckets of CN accounts, its queue and
 * collector, its two users (an agent and an agency admin, both with the demo password), and the
 * placements its rule makes. Allowed from this machine only (loopback), as the IP allow-list says.
 * Only when no agency exists yet.
 */
import type { App } from '../../main.ts';
import { listAgencies, placeAccounts, upsertAgency, upsertPlacementRule } from '../agencies/index.ts';
import { upsertCollector, upsertQueue } from '../worklist/index.ts';
import { createUser, getUser } from '../identity/index.ts';

export const DEMO_AGENCY = { id: 'huaxin', name: '华信委外催收（演示）' } as const;
export const DEMO_AGENCY_USERS = [
  { id: 'agency.agent', displayName: '钱坐席（华信）', roles: ['agency_agent'] as const },
  { id: 'agency.admin', displayName: '冯经理（华信）', roles: ['agency_admin'] as const },
];

/** Creates the demo agency and places its accounts when there is no agency yet; returns the accounts placed. */
export async function ensureDemoAgency(app: Pick<App, 'db' | 'clock'>, businessDate: string, password: string): Promise<number> {
  if ((await listAgencies(app.db)).length > 0) return 0;
  const opts = (k: string) => ({ actor: 'system:demo', idempotencyKey: `demo-agency:${k}` });
  await upsertAgency(app.db, app.clock, {
    ...DEMO_AGENCY, ipAllowList: ['127.0.0.1/32', '::1/128'],
    commission: { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 1_500 }, { from: 151, rateBp: 2_500 }] },
    maxDaysPlaced: 90, complaintThresholdPer10k: 50, minQaScore: 70,
  }, opts('agency'));
  await upsertCollector(app.db, app.clock, { id: 'agency.agent', name: '钱坐席', team: '华信', languages: ['zh-CN'], skills: [], maxOpenCases: 200, agencyId: DEMO_AGENCY.id }, opts('collector'));
  await upsertQueue(app.db, app.clock, { code: 'HUAXIN', name: '华信委外 M5+', buckets: ['M5', 'M6+'], skill: null, recallAfterDays: 90, priority: 30, agencyId: DEMO_AGENCY.id }, opts('queue'));
  for (const u of DEMO_AGENCY_USERS) {
    if (!(await getUser(app.db, u.id))) await createUser(app.db, app.clock, { ...u, roles: [...u.roles], agencyId: DEMO_AGENCY.id, password }, opts(`user:${u.id}`));
  }
  await upsertPlacementRule(app.db, app.clock, { code: 'CN-LATE', priority: 10, buckets: ['M5', 'M6+'], jurisdictions: ['CN'], allocations: [{ agencyId: DEMO_AGENCY.id, shareBp: 10_000 }] }, opts('rule'));
  const out = await placeAccounts(app.db, app.clock, { businessDate }, opts(`place:${businessDate}`));
  return (out.result as { placed?: number }).placed ?? 0;
}
