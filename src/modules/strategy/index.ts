/**
 * The strategy module: decision tables as versioned data, champion/challenger experiments with harm
 * guardrails, and what-if simulation. Other modules import from here only.
 */
export * from './strategy.types.ts';
export { compileTable, decide, decideReference, rowDecision, rowMatches, inCadence, evaluationOrder, reachableFor } from './decision.rules.ts';
export type { CompiledTable } from './decision.rules.ts';
export { validateTable, domainOf, ACTION_CHANNELS, MAX_GAP_FINDINGS } from './validate.rules.ts';
export { assignArm, assignmentSlot, armDecision, armMetrics, decideForAccount, evaluateGuardrails, rateRounded, sampleOf, ASSIGNMENT_SLOTS } from './experiments.rules.ts';
export type { AccountDecision, StrategyInForce } from './experiments.rules.ts';
export { simulate, SAMPLE_ACCOUNTS_PER_ACTION } from './whatif.rules.ts';
export type { CheckResult, GateCounts, Simulation, SimulationCheck } from './whatif.rules.ts';
export { DEFAULT_TABLES, DEFAULT_BUCKET_DOMAIN, PRE_DUE_RISK_SCORE, CN_LEGAL_FROM_M4_BALANCE_MINOR } from './defaults/index.ts';
export { strategyFor, TABLE_JURISDICTION_FALLBACK } from './experiments.rules.ts';
export {
  saveDraftTable, publishTable, ensureDefaultTables, loadPublishedTables, startExperiment, stopExperiment, applyGuardrails, loadDomain, parseTable, currentBusinessDate,
  DEFAULT_BUCKET_POLICY, MAX_STOP_REASON_CHARS,
} from './strategy.commands.ts';
export type { SavedTable, PublishedTable, PublishedStrategy, GuardrailOutcome, WriteOptions } from './strategy.commands.ts';
export { listTableVersions, listAllTableVersions, listExperiments, getExperiment, getTableVersion } from './strategy.store.ts';
export type { TableVersion, ExperimentRecord, TableStatus, ExperimentStatus } from './strategy.store.ts';
export { registerStrategyRoutes, MAX_SIMULATION_ACCOUNTS, DEFAULT_SIMULATION_ACCOUNTS } from './strategy.routes.ts';
export type { StrategyRouteOptions } from './strategy.routes.ts';
export { hash32, fnv1a32, fmix32 } from '../../platform/hash.rules.ts';
