/**
 * The daily cycle's `score` step: each account of the batch that is being closed through the date (or
 * is closed through it) and owes something is scored by the active model (features of the `accounts`
 * format as of the date, one statement per batch; the model in JS), and its current score is written
 * with the date, the model, the probabilities, the risk score and band, and the expected recovery (one
 * statement per batch). Accounts of the batch that owe nothing lose their score. A replay closes a date
 * again and writes its scores again, so the current score follows the ledger's current history. With no
 * model registered the step reads nothing and writes nothing.
 */
import type { Db } from '../../platform/db.ts';
import type { StepFn } from '../ledger/index.ts';
import { closingAccountFeatures } from './accounts.queries.ts';
import { scoreDataset, type ModelArtefact } from './model.rules.ts';
import { accountRowsDataset, scoreFigures } from './score.rules.ts';
import { activeModel } from './scoring.store.ts';

/** Scores one batch with the given model; returns the accounts scored. */
export async function scoreBatch(tx: Db, model: { id: number; artefact: ModelArtefact }, date: string, lo: number, hi: number): Promise<number> {
  await tx.query(
    `DELETE FROM account_scores sc USING account_state s
     WHERE sc.account_id BETWEEN $2 AND $3 AND s.account_id = sc.account_id AND s.customer_id = sc.customer_id AND s.closed_through <= $1::date AND s.closed_through >= $1::date - 1
       AND s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor <= 0`,
    [date, lo, hi],
  );
  const rows = await closingAccountFeatures(tx, date, lo, hi);
  if (rows.length === 0) return 0;
  const pd = scoreDataset(model.artefact, accountRowsDataset(rows));
  const figures = rows.map((r, i) => scoreFigures(pd[i]!, r.owed_minor ?? 0));
  await tx.query(
    `INSERT INTO account_scores (account_id, customer_id, as_of, model_id, pd_ppm, pp_ppm, risk_score, band, owed_minor, expected_recovery_minor)
     SELECT u.a, s.customer_id, $1::date, $2, u.pd, u.pp, u.rs, u.band, u.owed, u.er
     FROM unnest($3::bigint[], $4::int[], $5::int[], $6::int[], $7::text[], $8::bigint[], $9::bigint[]) AS u(a, pd, pp, rs, band, owed, er)
     JOIN account_state s ON s.account_id = u.a
     ON CONFLICT (account_id, customer_id) DO UPDATE SET as_of = EXCLUDED.as_of, model_id = EXCLUDED.model_id, pd_ppm = EXCLUDED.pd_ppm, pp_ppm = EXCLUDED.pp_ppm,
       risk_score = EXCLUDED.risk_score, band = EXCLUDED.band, owed_minor = EXCLUDED.owed_minor, expected_recovery_minor = EXCLUDED.expected_recovery_minor`,
    [
      date, model.id, rows.map((r) => r.account_id), figures.map((f) => f.pdPpm), figures.map((f) => f.ppPpm), figures.map((f) => f.riskScore),
      figures.map((f) => f.band), figures.map((f) => f.owedMinor), figures.map((f) => f.expectedRecoveryMinor),
    ],
  );
  return rows.length;
}

export const scoreStep: StepFn = async (tx, ctx) => {
  const model = await activeModel(tx);
  if (!model) return 0;
  return scoreBatch(tx, model, ctx.date, ctx.lo, ctx.hi);
};

/**
 * Scores the accounts closed through `date` (the last closed business date) now, in batches, each in
 * its own transaction: what `fairdebt model score` and the demo run right after registering a model,
 * instead of waiting for the next close of business. Null when no model is registered.
 */
export async function scoreClosedAccounts(db: Db, date: string, batchSize = 50_000): Promise<{ modelId: number; scored: number } | null> {
  const model = await activeModel(db);
  if (!model) return null;
  const [b] = await db.query<{ lo: number | null; hi: number | null }>('SELECT min(account_id) AS lo, max(account_id) AS hi FROM account_state');
  let scored = 0;
  if (b?.lo != null && b.hi != null) {
    for (let lo = Number(b.lo); lo <= Number(b.hi); lo += batchSize) {
      const hi = Math.min(lo + batchSize - 1, Number(b.hi));
      scored += await db.transaction((tx) => scoreBatch(tx, model, date, lo, hi));
    }
  }
  return { modelId: model.id, scored };
}
