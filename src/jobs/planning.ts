/**
 * The strategy as the planning step of the daily cycle sees it: the decision tables in force per
 * jurisdiction (published versions, with a running experiment's challenger and holdout arms), and the
 * compliance packs. Composition of two modules, so it lives with the jobs rather than in either.
 */
import type { Db } from '../platform/db.ts';
import {
  compileTable, decideForAccount, loadPublishedTables, strategyFor, TABLE_JURISDICTION_FALLBACK,
  type AccountDecision, type AccountFacts, type DecisionTable, type StrategyInForce, type StrategyRouteOptions,
} from '../modules/strategy/index.ts';
import type { CompiledPack } from '../modules/compliance/index.ts';
import { loadWhatIf, type Decider, type PlanDecision, type PlanningDeps, type PlanningFacts, type WhatIf } from '../modules/contacts/index.ts';

function factsFor(f: PlanningFacts): AccountFacts {
  return {
    accountId: f.accountId, jurisdiction: f.jurisdiction as AccountFacts['jurisdiction'], bucket: f.bucket, dpd: f.dpd, daysToDue: f.daysToDue,
    balanceMinor: f.balanceMinor, riskScore: f.riskScore, segment: f.segment, daysSinceLastContact: f.daysSinceLastContact,
    lastOutcome: f.lastOutcome as AccountFacts['lastOutcome'], promiseState: f.promiseState, planState: f.planState, hasChannel: f.hasChannel,
    daysSinceAction: f.daysSinceAction as AccountFacts['daysSinceAction'], validationNoticeSent: f.validationNoticeSent,
  };
}

function planDecision(r: AccountDecision): PlanDecision | null {
  const d = r.decision;
  if (!d) return null;
  return {
    action: d.action, channel: d.channel, template: d.template, priority: d.priority, fallback: d.fallback.map((x) => ({ channel: x.channel, template: x.template ?? null })),
    rowId: d.rowId, tableCode: r.tableCode, tableVersion: r.tableVersion, experiment: r.experiment ?? undefined, arm: r.arm ?? undefined,
  };
}

/** A decider over strategies in force by jurisdiction (state packs fall back to the US table, the EU to the UK one). */
export function deciderOver(inForce: ReadonlyMap<string, StrategyInForce>): Decider {
  return (f) => {
    const s = strategyFor(inForce, f.jurisdiction);
    return s ? planDecision(decideForAccount(s, factsFor(f))) : null;
  };
}

/** A decider over plain tables (version 1, no experiment): for tests and what-if runs. */
export function deciderFor(tables: readonly DecisionTable[]): Decider {
  return deciderOver(new Map(tables.map((t) => [t.jurisdiction, { code: t.code, version: 1, compiled: compileTable(t), experiment: null }])));
}

/** Planning with the published tables, read at every batch so that a publish or a stopped arm takes effect at once. */
export function publishedPlanning(packs: (tx: Db) => Promise<Record<string, CompiledPack>>, lenderId: string): PlanningDeps {
  return { loadDecider: async (tx) => deciderOver(await loadPublishedTables(tx)), packs, lenderId };
}

/**
 * What-if runs over the portfolio as it stands: the facts of the candidates of a jurisdiction (and
 * of those that decide with its table), and the gate as the planning step applies it.
 */
export function whatIfOptions(db: Db, packs: () => Promise<Record<string, CompiledPack>>, lenderId: string): Pick<StrategyRouteOptions, 'loadFacts' | 'check'> {
  // The latest run's facts and gate, for the check the simulation calls back per decision.
  let current: { whatIf: WhatIf; byAccount: Map<number, PlanningFacts> } | undefined;
  return {
    async loadFacts({ jurisdiction, limit, businessDate }) {
      const jurisdictions = [jurisdiction, ...Object.entries(TABLE_JURISDICTION_FALLBACK).filter(([, to]) => to === jurisdiction).map(([from]) => from)];
      const whatIf = await loadWhatIf(db, { businessDate, jurisdictions, limit, packs: await packs(), lenderId });
      current = { whatIf, byAccount: new Map(whatIf.facts.map((f) => [f.accountId, f])) };
      return whatIf.facts.map(factsFor);
    },
    check(facts, decision) {
      const f = current?.byAccount.get(facts.accountId);
      if (!current || !f) return { decision: 'deny', ruleIds: ['PLAN-NO-CONTEXT'] };
      return current.whatIf.check(f, planDecision({ decision, tableCode: '', tableVersion: 0, experiment: null, arm: null })!);
    },
  };
}
