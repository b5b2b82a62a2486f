/**
 * The strategy as the planning step of the daily cycle sees it: a decider per jurisdiction built
 * from decision tables (the shipped defaults until tables are published), and the compliance packs.
 * Composition of two modules, so it lives with the jobs rather than in either.
 */
import type { Db } from '../platform/db.ts';
import { compileTable, decide, DEFAULT_TABLES, type AccountFacts, type CompiledTable, type DecisionTable } from '../modules/strategy/index.ts';
import type { CompiledPack } from '../modules/compliance/index.ts';
import type { Decider, PlanningDeps, PlanningFacts } from '../modules/contacts/index.ts';

/** US state overlays decide with the US table; the EU has no table of its own yet and uses the UK's. */
const TABLE_FOR: Record<string, string> = { CN: 'CN', US: 'US', 'US-MA': 'US', 'US-WA': 'US', 'US-NYC': 'US', UK: 'UK', EU: 'UK' };

export function deciderFor(tables: readonly DecisionTable[]): Decider {
  const compiled = new Map<string, { table: DecisionTable; compiled: CompiledTable }>();
  for (const t of tables) compiled.set(t.jurisdiction, { table: t, compiled: compileTable(t) });
  return (f: PlanningFacts) => {
    const entry = compiled.get(TABLE_FOR[f.jurisdiction] ?? f.jurisdiction);
    if (!entry) return null;
    const facts: AccountFacts = {
      accountId: f.accountId, jurisdiction: f.jurisdiction as AccountFacts['jurisdiction'], bucket: f.bucket, dpd: f.dpd, daysToDue: f.daysToDue,
      balanceMinor: f.balanceMinor, riskScore: f.riskScore, segment: f.segment, daysSinceLastContact: f.daysSinceLastContact,
      lastOutcome: f.lastOutcome as AccountFacts['lastOutcome'], promiseState: f.promiseState, planState: f.planState, hasChannel: f.hasChannel,
      daysSinceAction: f.daysSinceAction as AccountFacts['daysSinceAction'], validationNoticeSent: f.validationNoticeSent,
    };
    const d = decide(entry.compiled, facts);
    if (!d) return null;
    return {
      action: d.action, channel: d.channel, template: d.template, priority: d.priority, fallback: d.fallback.map((x) => ({ channel: x.channel, template: x.template ?? null })),
      rowId: d.rowId, tableCode: entry.table.code, tableVersion: 1,
    };
  };
}

/** Planning with the shipped default tables. */
export function defaultPlanning(packs: (tx: Db) => Promise<Record<string, CompiledPack>>, lenderId: string): PlanningDeps {
  const decider = deciderFor(DEFAULT_TABLES);
  return { loadDecider: async () => decider, packs, lenderId };
}
