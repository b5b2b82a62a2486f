/** Credit-risk scoring (C13): a WOE scorecard and gradient-boosted trees trained here, their metrics and fairness check. */
export * from './metrics.rules.ts';
export * from './split.rules.ts';
export * from './binning.rules.ts';
export * from './logistic.rules.ts';
export * from './scorecard.rules.ts';
export * from './gbdt.rules.ts';
export * from './formats.rules.ts';
export * from './fairness.rules.ts';
export * from './model.rules.ts';
export * from './dataset.ts';
export * from './accounts.queries.ts';
export * from './score.rules.ts';
export * from './scoring.store.ts';
export * from './scoring.commands.ts';
export { scoreStep, scoreBatch, scoreClosedAccounts } from './scoring.cycle.ts';
export * from './simulation.rules.ts';
