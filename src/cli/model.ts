/**
 * `fairdebt model …`: train and evaluate the credit-risk model (C13) from files, with no database.
 *
 *   fairdebt model train --data FILE.csv[.gz] [--format uci|gmsc] [--target COL] [--method scorecard|gbdt]
 *                        [--seed N] [--holdout SHARE] [--include-protected] --out MODEL.json [--json]
 *   fairdebt model evaluate --model MODEL.json --data FILE.csv[.gz] [--rows all|holdout] [--flag-share S] [--json]
 *   fairdebt model explain --model MODEL.json --data FILE.csv[.gz] --line N [--json]
 *   fairdebt model features --as-of D [--horizon DAYS] --out FILE.csv [--json]
 *   fairdebt model register --model MODEL.json [--name NAME] [--json]
 *   fairdebt model list [--json]
 *   fairdebt model score [--json]
 *
 * `train` splits the rows by the seed (stratified; --holdout 0.3 by default), trains on the rest and
 * reports the hold-out figures; the model file holds them with the data's sha256 and the parameters.
 * `evaluate` scores every row of any file of the model's format (`--rows holdout` scores only the
 * hold-out rows of the training file itself, after checking its sha256). `explain` shows a scorecard's
 * points per feature for one line of a file. `features` writes this lender's accounts as of D in the
 * `accounts` format (from the database; the target is 30+ DPD within the horizon, which must be closed).
 * `register` makes a model of the `accounts` format the one in force: the daily cycle's `score` step
 * uses it from the next close of business; `score` scores the accounts closed through the last closed
 * date with it now. `list` shows the registered models.
 * Bad input exits 2 naming the option, column or line.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { invalidField } from '../platform/errors.ts';
import type { Method, ModelArtefact } from '../modules/scoring/index.ts';
import { openApp } from '../main.ts';
import { lastClosedDate } from '../jobs/cycle.ts';
import { accountFeatures, accountFeaturesCsv, activeModelInfo, checkArtefact, listModels, registerModel, scoreClosedAccounts, evaluateRows, explainScorecard, FORMATS, loadDataset, METHODS, scoreDataset, stratifiedSplit, trainModel } from '../modules/scoring/index.ts';

const USAGE = `usage: fairdebt model train --data FILE.csv[.gz] [--format ${FORMATS.join('|')}] [--target COL] [--method ${METHODS.join('|')}]
                           [--seed N] [--holdout SHARE] [--include-protected] --out MODEL.json [--json]
       fairdebt model evaluate --model MODEL.json --data FILE.csv[.gz] [--rows all|holdout] [--flag-share S] [--json]
       fairdebt model explain --model MODEL.json --data FILE.csv[.gz] --line N [--json]
       fairdebt model features --as-of D [--horizon DAYS] --out FILE.csv [--json]
       fairdebt model register --model MODEL.json [--name NAME] [--json]
       fairdebt model list [--json]
       fairdebt model score [--json]
`;

const OPTIONS = {
  data: { type: 'string' }, format: { type: 'string' }, target: { type: 'string' }, method: { type: 'string' }, seed: { type: 'string' },
  holdout: { type: 'string' }, 'include-protected': { type: 'boolean', default: false }, out: { type: 'string' }, model: { type: 'string' },
  rows: { type: 'string' }, 'flag-share': { type: 'string' }, line: { type: 'string' }, json: { type: 'boolean', default: false },
  'as-of': { type: 'string' }, horizon: { type: 'string' }, name: { type: 'string' },
} as const;

function share(value: string | undefined, field: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (value.trim() === '' || !Number.isFinite(v) || v < min || v >= max) throw invalidField(field, `expected a number in [${min}, ${max}), got '${value}'`);
  return v;
}

function whole(value: string | undefined, field: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw invalidField(field, `expected a whole number, got '${value}'`);
  return Number(value);
}

function readModel(path: string | undefined): ModelArtefact {
  if (!path) throw invalidField('model', 'required: the model file written by `fairdebt model train`');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw invalidField('model', `cannot read '${path}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw invalidField('model', `'${path}' is not JSON: ${(err as Error).message}`);
  }
  return checkArtefact(json);
}

const f3 = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(3));

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['train', 'evaluate', 'explain', 'features', 'register', 'list', 'score'].includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  let v;
  try {
    v = parseArgs({ args: rest, options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw invalidField('options', (err as Error).message);
  }
  if (sub === 'features') return features(v, io);
  if (sub === 'register' || sub === 'list' || sub === 'score') return inForce(sub, v, io);
  if (!v.data) throw invalidField('data', 'required: a CSV file (optionally gzip-compressed)');

  if (sub === 'train') {
    if (!v.out) throw invalidField('out', 'required: where to write the model file');
    const method = (v.method ?? 'gbdt') as Method;
    if (!(METHODS as readonly string[]).includes(method)) throw invalidField('method', `unknown method '${v.method}': expected one of ${METHODS.join(', ')}`);
    if (v.format !== undefined && !(FORMATS as readonly string[]).includes(v.format)) throw invalidField('format', `unknown format '${v.format}': expected one of ${FORMATS.join(', ')}`);
    const seed = whole(v.seed, 'seed', 1);
    const holdout = share(v.holdout, 'holdout', 0.3, 0, 0.9);
    const includeProtected = v['include-protected'];
    const { dataset, sha256 } = loadDataset(v.data, { ...(v.format ? { format: v.format } : {}), ...(v.target ? { target: v.target } : {}), includeProtected });
    const started = performance.now();
    const artefact = trainModel(dataset, sha256, { method, seed, holdout, includeProtected });
    const seconds = Math.round((performance.now() - started) / 10) / 100;
    writeFileSync(v.out, JSON.stringify(artefact) + '\n');
    const h = artefact.metrics.holdout;
    const summary = {
      method,
      format: artefact.format,
      rows: dataset.rows,
      trainRows: artefact.split.trainRows,
      holdoutRows: artefact.split.holdoutRows,
      features: artefact.method === 'scorecard' ? artefact.model.features.length : artefact.features.length,
      ...(artefact.method === 'gbdt' ? { trees: artefact.model.trees.length } : {}),
      holdout: h ? { rows: h.rows, auc: h.auc, ks: h.ks, brier: h.brier, logLoss: h.logLoss } : null,
      train: artefact.metrics.train,
      seconds,
      sha256,
      out: v.out,
    };
    if (v.json) io.stdout.write(JSON.stringify(summary) + '\n');
    else
      io.stdout.write(
        `${method} on ${artefact.format}: trained on ${summary.trainRows} rows in ${seconds} s (${summary.features} features${artefact.method === 'gbdt' ? `, ${artefact.model.trees.length} trees` : ''}); ` +
          (h ? `hold-out ${h.rows} rows: AUC ${f3(h.auc)}, KS ${f3(h.ks)}, Brier ${f3(h.brier)}` : 'no hold-out rows') +
          ` → ${v.out}\n`,
      );
    return 0;
  }

  const artefact = readModel(v.model);
  const { dataset, sha256 } = loadDataset(v.data, { format: artefact.format, target: artefact.target, includeProtected: artefact.protectedIncluded });

  if (sub === 'explain') {
    if (artefact.method !== 'scorecard') throw invalidField('model', `explain reads a scorecard's points; this model is ${artefact.method}`);
    const line = whole(v.line, 'line', 0);
    if (line < 2 || line > dataset.rows + 1) throw invalidField('line', `expected a data line between 2 and ${dataset.rows + 1} (line 1 is the header), got ${v.line ?? 'none'}`);
    const row = Object.fromEntries(dataset.names.map((n, j) => [n, dataset.columns[j]![line - 2]!]));
    const e = explainScorecard(artefact.model, row);
    if (v.json) io.stdout.write(JSON.stringify({ line, ...e }) + '\n');
    else {
      io.stdout.write(`line ${line}: score ${e.score}, P(bad) ${e.pd.toFixed(3)} (base ${e.basePoints} points)\n`);
      for (const f of [...e.features].sort((a, b) => a.points - b.points)) io.stdout.write(`  ${f.feature.padEnd(40)} ${String(f.value ?? 'missing').padStart(12)}  ${f.bin.padEnd(28)} ${f.points >= 0 ? '+' : ''}${f.points}\n`);
    }
    return 0;
  }

  const which = v.rows ?? 'all';
  if (which !== 'all' && which !== 'holdout') throw invalidField('rows', `expected all or holdout, got '${which}'`);
  let rows: Uint32Array | undefined;
  if (which === 'holdout') {
    if (sha256 !== artefact.data.sha256) throw invalidField('rows', `holdout rows exist only in the training file (sha256 ${artefact.data.sha256}); this file's sha256 is ${sha256}`);
    rows = stratifiedSplit(dataset.y, artefact.split.holdout, artefact.split.seed).test;
    if (rows.length === 0) throw invalidField('rows', 'the model was trained with no hold-out rows');
  }
  const p = scoreDataset(artefact, dataset);
  const e = evaluateRows(p, dataset, rows, share(v['flag-share'], 'flag-share', 0.2, 0.001, 1));
  const out = { ...e, method: artefact.method, format: artefact.format, sha256, trainingData: sha256 === artefact.data.sha256, rowsEvaluated: which };
  if (v.json) io.stdout.write(JSON.stringify(out) + '\n');
  else {
    io.stdout.write(`${artefact.method} on ${e.rows} rows (${which}${out.trainingData ? ', training file' : ''}): AUC ${f3(e.auc)}, KS ${f3(e.ks)}, Brier ${f3(e.brier)}, bad rate ${f3(e.bads / e.rows)}\n`);
    for (const a of e.fairness?.attributes ?? [])
      io.stdout.write(`  ${a.attribute}: ${a.groups.map((g) => `${g.group} AUC ${f3(g.auc)} approved ${(g.approvalRate * 100).toFixed(1)}%`).join('; ')}; lowest approval ratio ${f3(a.minApprovalRatio)}\n`);
  }
  return 0;
}

/** `model features`: the accounts as of a date in the `accounts` format, labelled with the next days. */
async function features(v: { 'as-of'?: string | undefined; horizon?: string | undefined; out?: string | undefined; json?: boolean | undefined }, io: CliIo): Promise<number> {
  if (!v['as-of']) throw invalidField('as-of', 'required: the business date the features are read as of (YYYY-MM-DD)');
  if (!v.out) throw invalidField('out', 'required: where to write the CSV');
  const horizonDays = whole(v.horizon, 'horizon', 30);
  const app = await openApp();
  try {
    const rows = await accountFeatures(app.db, { asOf: v['as-of'], horizonDays, lastClosed: await lastClosedDate(app.db) });
    writeFileSync(v.out, accountFeaturesCsv(rows));
    const bads = rows.reduce((s, r) => s + (r.dpd30_within_horizon ?? 0), 0);
    const summary = { asOf: v['as-of'], horizonDays, rows: rows.length, bads, out: v.out };
    io.stdout.write(v.json ? JSON.stringify(summary) + '\n' : `${rows.length} accounts as of ${v['as-of']}, ${bads} reached 30+ DPD within ${horizonDays} days → ${v.out}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** `model register|list|score`: the model in force for the daily cycle. */
async function inForce(sub: 'register' | 'list' | 'score', v: { model?: string | undefined; name?: string | undefined; json?: boolean | undefined }, io: CliIo): Promise<number> {
  const artefact = sub === 'register' ? readModel(v.model) : null;
  const app = await openApp();
  try {
    if (sub === 'register') {
      const name = v.name ?? basename(v.model!);
      const r = await registerModel(app.db, app.clock, { artefact, name }, { actor: 'cli', idempotencyKey: `model-register:${name}:${createHash('sha256').update(JSON.stringify(artefact)).digest('hex')}` });
      io.stdout.write(
        v.json
          ? JSON.stringify(r) + '\n'
          : `model ${r.id} (${r.name}, ${r.method}, hold-out AUC ${r.auc === null ? 'n/a' : f3(r.auc)}) is in force for ${r.purpose}${r.retired.length ? `; retired ${r.retired.join(', ')}` : ''}; the cycle's score step uses it from the next close (fairdebt model score scores now)\n`,
      );
      return 0;
    }
    if (sub === 'list') {
      const models = await listModels(app.db);
      if (v.json) io.stdout.write(JSON.stringify(models.map(({ metrics: _m, ...m }) => m)) + '\n');
      else if (models.length === 0) io.stdout.write('no model registered: the daily cycle scores nothing (fairdebt model register --model FILE)\n');
      else for (const m of models) io.stdout.write(`${String(m.id).padStart(4)} ${m.active ? 'active ' : 'retired'} ${m.purpose} ${m.method} ${m.name} (data ${m.dataSha256.slice(0, 12)}…, registered ${m.registeredAt} by ${m.registeredBy})\n`);
      return 0;
    }
    const last = await lastClosedDate(app.db);
    if (!last) throw invalidField('date', 'the daily cycle has closed no date yet: there is nothing to score');
    const r = await scoreClosedAccounts(app.db, last);
    if (!r) {
      io.stdout.write(v.json ? JSON.stringify({ scored: 0, model: null }) + '\n' : 'no model registered: nothing scored (fairdebt model register --model FILE)\n');
      return 0;
    }
    const info = await activeModelInfo(app.db);
    io.stdout.write(v.json ? JSON.stringify({ scored: r.scored, model: r.modelId, asOf: last }) + '\n' : `${r.scored} accounts scored as of ${last} by model ${r.modelId} (${info?.name ?? ''})\n`);
    return 0;
  } finally {
    await app.close();
  }
}
