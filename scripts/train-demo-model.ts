/**
 * Trains the demo's risk model on the demo portfolio and writes it to src/modules/demo/demo-model.json
 * (the artefact the demo seed registers). Reproducible: the same options give the same file.
 *
 *   node --import tsx scripts/train-demo-model.ts [--data-dir DIR] [--accounts 5000] [--seed 42] [--today 2026-03-01] [--out FILE]
 *
 * Seeds the demo portfolio (accounts, seed, today) into DIR (a fresh temporary folder by default; a
 * folder already seeded with the same options is reused), exports the `accounts` format as of five
 * past dates 30 days apart (today − 90 … today − 210, each labelled with the following 60 days, so the
 * last window closes 30 days before today), keeps the accounts that owed something on the date (those
 * the cycle's score step scores), and trains the boosted trees with seed 1 and a 30 % hold-out. The
 * horizon is 60 days because a current account cannot reach 30 DPD within 30 days: with 30 the model
 * could never call a current account risky, and pre-due reminders need exactly that. The last 30 days
 * stay out of the training data: `npm run bench -- recovery` simulates over them.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openApp } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
import { addDays } from '../src/platform/dates.ts';
import { lastClosedDate, getSetting } from '../src/jobs/cycle.ts';
import { seedDemo } from '../src/modules/demo/index.ts';
import { accountFeatures, accountFeaturesCsv, parseDataset, trainModel, type AccountFeatureRow } from '../src/modules/scoring/index.ts';

/** The as-of dates, in days before today, and the label's horizon. */
export const DEMO_MODEL_AS_OF_DAYS = [210, 180, 150, 120, 90] as const;
export const DEMO_MODEL_HORIZON_DAYS = 60;

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, accounts: { type: 'string' }, seed: { type: 'string' }, today: { type: 'string' }, out: { type: 'string' } },
});
const accounts = Number(values.accounts ?? 5000);
const seed = Number(values.seed ?? 42);
const today = values.today ?? '2026-03-01';
const out = values.out ?? new URL('../src/modules/demo/demo-model.json', import.meta.url).pathname;
const dir = values['data-dir'] ?? mkdtempSync(join(tmpdir(), 'fairdebt-demo-model-'));

const app = await openApp({ config: loadConfig({ ...process.env, DATA_DIR: dir, DATABASE_URL: '' }) });
try {
  const seeded = await getSetting(app.db, 'demo_seed');
  if (seeded === null) {
    process.stderr.write(`seeding ${accounts} demo accounts (seed ${seed}, today ${today}) into ${dir}…\n`);
    await seedDemo(app, { accounts, seed, today });
  } else {
    const s = JSON.parse(seeded) as { accounts: number; seed: number; today: string };
    if (s.accounts !== accounts || s.seed !== seed || s.today !== today) throw new Error(`${dir} holds another demo portfolio: ${seeded}`);
  }
  const last = await lastClosedDate(app.db);
  const rows: AccountFeatureRow[] = [];
  for (const days of DEMO_MODEL_AS_OF_DAYS) {
    const asOf = addDays(today, -days);
    const part = (await accountFeatures(app.db, { asOf, horizonDays: DEMO_MODEL_HORIZON_DAYS, lastClosed: last })).filter((r) => (r.owed_minor ?? 0) > 0);
    process.stderr.write(`  as of ${asOf}: ${part.length} accounts owing, ${part.reduce((s, r) => s + (r.dpd30_within_horizon ?? 0), 0)} reached 30+ DPD within ${DEMO_MODEL_HORIZON_DAYS} days\n`);
    rows.push(...part);
  }
  const csv = accountFeaturesCsv(rows);
  const sha256 = createHash('sha256').update(csv).digest('hex');
  const artefact = trainModel(parseDataset(csv, { format: 'accounts' }), sha256, { method: 'gbdt', seed: 1, holdout: 0.3, includeProtected: false });
  writeFileSync(out, JSON.stringify(artefact) + '\n');
  const h = artefact.metrics.holdout!;
  process.stdout.write(
    JSON.stringify({ out, rows: rows.length, bads: artefact.data.bads, trees: artefact.method === 'gbdt' ? artefact.model.trees.length : null, holdout: { rows: h.rows, auc: h.auc, ks: h.ks, brier: h.brier }, sha256 }) + '\n',
  );
} finally {
  await app.close();
}
