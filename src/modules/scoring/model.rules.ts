/**
 * A scoring model as an artefact: train on a data set (scorecard or GBDT), score rows, evaluate.
 * PURE: the caller reads the file and passes its sha256 in; the same data, method, parameters and seed
 * always give the same artefact, byte for byte.
 *
 * The rows are split once, stratified by the seed, into training rows and hold-out rows
 * (`holdout` share); the model never sees the hold-out rows, and its reported metrics are theirs.
 */
import { invalidField } from '../../platform/errors.ts';
import type { FairnessReport } from './fairness.rules.ts';
import { fairnessReport } from './fairness.rules.ts';
import type { Dataset, FormatName } from './formats.rules.ts';
import type { GbdtModel, GbdtParams } from './gbdt.rules.ts';
import { DEFAULT_GBDT, packGbdt, scoreGbdt, trainGbdt } from './gbdt.rules.ts';
import type { Metrics, ReliabilityBin } from './metrics.rules.ts';
import { metricsOf, reliabilityTable } from './metrics.rules.ts';
import type { ScorecardModel, ScorecardParams } from './scorecard.rules.ts';
import { DEFAULT_SCORECARD, scoreScorecard, trainScorecard } from './scorecard.rules.ts';
import { stratifiedSplit } from './split.rules.ts';

export const MODEL_KIND = 'fairdebt.scoring-model';
export const MODEL_VERSION = 1;
export const METHODS = ['scorecard', 'gbdt'] as const;
export type Method = (typeof METHODS)[number];

export interface TrainOptions {
  method: Method;
  seed: number;
  holdout: number;
  includeProtected: boolean;
  scorecard?: Partial<ScorecardParams>;
  gbdt?: Partial<GbdtParams>;
}

export interface Evaluation extends Metrics {
  reliability: ReliabilityBin[];
  fairness?: FairnessReport;
}

interface ArtefactBase {
  kind: typeof MODEL_KIND;
  version: number;
  format: FormatName;
  target: string;
  features: string[];
  protectedIncluded: boolean;
  data: { sha256: string; rows: number; bads: number };
  split: { seed: number; holdout: number; trainRows: number; holdoutRows: number };
  metrics: { train: Metrics; holdout: Evaluation | null };
}

export type ModelArtefact =
  | (ArtefactBase & { method: 'scorecard'; params: ScorecardParams; model: ScorecardModel })
  | (ArtefactBase & { method: 'gbdt'; params: GbdtParams; model: GbdtModel });

function pick(y: ArrayLike<number>, rows: ArrayLike<number>): Uint8Array {
  return Uint8Array.from(rows as ArrayLike<number>, (r) => y[r]!);
}

/** P(bad) for every row of a data set of the model's format. */
export function scoreDataset(artefact: ModelArtefact, data: Dataset): Float64Array {
  if (data.format !== artefact.format) throw invalidField('format', `the model was trained on format ${artefact.format}, the data is ${data.format}`);
  const at = new Map(data.names.map((n, j) => [n, j]));
  const columnsFor = (names: readonly string[]) =>
    names.map((n) => {
      const j = at.get(n);
      if (j === undefined) throw invalidField(n, 'a feature of the model is missing from the data (was the model trained with --include-protected?)');
      return data.columns[j]!;
    });
  if (artefact.method === 'scorecard') return scoreScorecard(artefact.model, columnsFor(artefact.model.features.map((f) => f.name)), data.rows);
  return scoreGbdt(packGbdt(artefact.model), columnsFor(artefact.model.features), data.rows);
}

/** Metrics, reliability table and fairness check of the model on the given rows (all rows when omitted). */
export function evaluateRows(p: Float64Array, data: Dataset, rows?: ArrayLike<number>, flagShare = 0.2): Evaluation {
  const idx = rows ?? Uint32Array.from({ length: data.rows }, (_, i) => i);
  const ps = Float64Array.from(idx as ArrayLike<number>, (r) => p[r]!);
  const ys = pick(data.y, idx);
  const groups = Object.fromEntries(Object.entries(data.groups).map(([k, v]) => [k, Array.from(idx as ArrayLike<number>, (r) => v[r]!)]));
  return {
    ...metricsOf(ps, ys),
    reliability: reliabilityTable(ps, ys, 10),
    ...(Object.keys(groups).length && ys.some((v) => v === 1) && ys.some((v) => v === 0) ? { fairness: fairnessReport(ps, ys, groups, flagShare) } : {}),
  };
}

export function trainModel(data: Dataset, sha256: string, opts: TrainOptions): ModelArtefact {
  if (!(METHODS as readonly string[]).includes(opts.method)) throw invalidField('method', `unknown method '${opts.method}': expected one of ${METHODS.join(', ')}`);
  if (!Number.isInteger(opts.seed) || opts.seed < 0) throw invalidField('seed', `expected a whole number ≥ 0, got ${opts.seed}`);
  let bads = 0;
  for (let r = 0; r < data.rows; r++) bads += data.y[r]!;
  if (bads === 0 || bads === data.rows) throw invalidField(data.target, 'both outcomes (0 and 1) must occur in the training data');
  const split = stratifiedSplit(data.y, opts.holdout, opts.seed);
  const base = {
    kind: MODEL_KIND as typeof MODEL_KIND,
    version: MODEL_VERSION,
    format: data.format,
    target: data.target,
    features: [...data.names],
    protectedIncluded: opts.includeProtected,
    data: { sha256, rows: data.rows, bads },
    split: { seed: opts.seed, holdout: opts.holdout, trainRows: split.train.length, holdoutRows: split.test.length },
  };
  let artefact: ModelArtefact;
  if (opts.method === 'scorecard') {
    const params: ScorecardParams = { ...DEFAULT_SCORECARD, ...opts.scorecard, binning: { ...DEFAULT_SCORECARD.binning, ...opts.scorecard?.binning } };
    const model = trainScorecard(data, split.train, params);
    artefact = { ...base, method: 'scorecard', params, model, metrics: { train: metricsOf([], []), holdout: null } };
  } else {
    const params: GbdtParams = { ...DEFAULT_GBDT, ...opts.gbdt, seed: opts.gbdt?.seed ?? opts.seed };
    const model = trainGbdt(data, split.train, params);
    artefact = { ...base, method: 'gbdt', params, model, metrics: { train: metricsOf([], []), holdout: null } };
  }
  const p = scoreDataset(artefact, data);
  artefact.metrics = {
    train: metricsOf(Float64Array.from(split.train, (r) => p[r]!), pick(data.y, split.train)),
    holdout: split.test.length ? evaluateRows(p, data, split.test) : null,
  };
  return artefact;
}

/** Checks that parsed JSON is a model artefact this version can use; names what is wrong. */
export function checkArtefact(value: unknown): ModelArtefact {
  const a = value as Partial<ModelArtefact> | null;
  if (!a || typeof a !== 'object' || a.kind !== MODEL_KIND) throw invalidField('model', `not a Fairdebt scoring model (kind must be '${MODEL_KIND}')`);
  if (a.version !== MODEL_VERSION) throw invalidField('model.version', `this build reads version ${MODEL_VERSION}, the file is version ${String(a.version)}`);
  if (!(METHODS as readonly string[]).includes(String(a.method))) throw invalidField('model.method', `unknown method '${String(a.method)}'`);
  if (!a.model || !Array.isArray(a.features)) throw invalidField('model.model', 'missing');
  return a as ModelArtefact;
}
