/**
 * Risk models for tests: a one-split model of the `accounts` format whose probability of default is
 * known in advance (sigmoid of the leaf's value), so a test can say which account is risky and check
 * the figures the cycle's score step writes.
 */
import { FORMAT_SPECS, MODEL_KIND, MODEL_VERSION, sigmoid, type ModelArtefact } from '../../src/modules/scoring/index.ts';

/** P(bad) = sigmoid(low) when `feature` ≤ threshold (or missing), sigmoid(high) above it. */
export function thresholdModel(feature: string, threshold: number, low: number, high: number): ModelArtefact {
  const features = FORMAT_SPECS.accounts.features.map((f) => f.name);
  const j = features.indexOf(feature);
  if (j < 0) throw new Error(`not a feature of the accounts format: ${feature}`);
  const metrics = { rows: 0, bads: 0, auc: 0.5, ks: 0, brier: 0, logLoss: 0 };
  return {
    kind: MODEL_KIND, version: MODEL_VERSION, method: 'gbdt', format: 'accounts', target: 'dpd30_within_horizon', features, protectedIncluded: false,
    data: { sha256: 'f'.repeat(64), rows: 0, bads: 0 },
    split: { seed: 1, holdout: 0, trainRows: 0, holdoutRows: 0 },
    metrics: { train: metrics, holdout: null },
    params: {} as never,
    model: {
      base: 0, features, bestRound: 1, roundsRun: 1, validation: { rows: 0, logLoss: 0 }, importance: [{ feature, gain: 1 }],
      trees: [{ feature: [j, -1, -1], threshold: [threshold, 0, 0], missingLeft: [1, 0, 0], left: [1, -1, -1], right: [2, -1, -1], value: [0, low, high] }],
    },
  } as ModelArtefact;
}

/** The probability the model gives, as the score step stores it (parts per million). */
export const ppmOf = (logit: number) => Math.round(sigmoid(logit) * 1_000_000);
