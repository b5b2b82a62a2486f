/**
 * The demo's risk model: an artefact of the `accounts` format trained on a demo portfolio (seed 42,
 * 5,000 accounts, today 2026-03-01) by `node --import tsx scripts/train-demo-model.ts`, which writes
 * demo-model.json byte for byte the same each time (docs/model-card.md). Seeding the demo from the
 * command line registers it and scores the portfolio as of the last closed date, so the worklist's
 * expected-recovery order and the strategy's risk-based rows work from the first start; the daily
 * cycle's `score` step keeps the scores current from then on.
 */
import { createHash } from 'node:crypto';
import type { App } from '../../main.ts';
import { registerModel, scoreClosedAccounts, type RegisterResult } from '../scoring/index.ts';
import demoModelJson from './demo-model.json' with { type: 'json' };

export const demoModel: unknown = demoModelJson;
const DEMO_MODEL_SHA256 = createHash('sha256').update(JSON.stringify(demoModelJson)).digest('hex');

/** The name the demo's risk model is registered under. */
export const DEMO_MODEL_NAME = 'demo-gbdt (demo portfolio, seed 42, 5,000 accounts)';

/** Registers the demo's model (idempotent for a portfolio and artefact) and scores the accounts closed through `lastClosed`. */
export async function registerDemoModel(app: Pick<App, 'db' | 'clock'>, o: { seed: number; today: string; lastClosed: string }): Promise<{ model: RegisterResult; scored: number }> {
  const model = await registerModel(app.db, app.clock, { artefact: demoModel, name: DEMO_MODEL_NAME }, { actor: 'system:demo', idempotencyKey: `demo-model:${o.seed}:${o.today}:${DEMO_MODEL_SHA256.slice(0, 16)}` });
  const scored = await scoreClosedAccounts(app.db, o.lastClosed);
  return { model, scored: scored?.scored ?? 0 };
}
