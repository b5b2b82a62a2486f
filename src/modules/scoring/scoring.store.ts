/**
 * The models in force and the accounts' current scores: queries of the scoring module's tables
 * (scoring_models, account_scores).
 */
import type { Db } from '../../platform/db.ts';
import type { ModelArtefact } from './model.rules.ts';
import type { RiskBand } from './score.rules.ts';

/** What a model is used for; one model per purpose is active at a time. */
export const MODEL_PURPOSES = ['collections'] as const;
export type ModelPurpose = (typeof MODEL_PURPOSES)[number];

export interface RegisteredModel {
  id: number;
  purpose: ModelPurpose;
  name: string;
  method: string;
  format: string;
  artefactSha256: string;
  dataSha256: string;
  metrics: unknown;
  active: boolean;
  registeredBy: string;
  registeredAt: string;
  retiredAt: string | null;
}

const MODEL_COLUMNS = `id, purpose, name, method, format, artefact_sha256 AS "artefactSha256", data_sha256 AS "dataSha256", metrics, active,
  registered_by AS "registeredBy", registered_at AS "registeredAt", retired_at AS "retiredAt"`;

export function listModels(db: Db): Promise<RegisteredModel[]> {
  return db.query<RegisteredModel>(`SELECT ${MODEL_COLUMNS} FROM scoring_models ORDER BY id`);
}

export async function activeModelInfo(db: Db, purpose: ModelPurpose = 'collections'): Promise<RegisteredModel | null> {
  const [m] = await db.query<RegisteredModel>(`SELECT ${MODEL_COLUMNS} FROM scoring_models WHERE purpose = $1 AND active`, [purpose]);
  return m ?? null;
}

/** Parsed artefacts by model id: a registered artefact never changes, so it is read once per process. */
const artefacts = new Map<number, ModelArtefact>();

/** The active model of a purpose with its artefact, or null when none is registered. */
export async function activeModel(db: Db, purpose: ModelPurpose = 'collections'): Promise<{ id: number; artefact: ModelArtefact } | null> {
  const [m] = await db.query<{ id: number }>('SELECT id FROM scoring_models WHERE purpose = $1 AND active', [purpose]);
  if (!m) return null;
  let artefact = artefacts.get(m.id);
  if (!artefact) {
    const [row] = await db.query<{ artefact: ModelArtefact }>('SELECT artefact FROM scoring_models WHERE id = $1', [m.id]);
    artefact = row!.artefact;
    artefacts.set(m.id, artefact);
  }
  return { id: m.id, artefact };
}

export interface AccountScore {
  accountId: number;
  asOf: string;
  modelId: number;
  pdPpm: number;
  ppPpm: number;
  riskScore: number;
  band: RiskBand;
  owedMinor: number;
  expectedRecoveryMinor: number;
}

export function accountScores(db: Db, accountIds: readonly number[]): Promise<AccountScore[]> {
  return db.query<AccountScore>(
    `SELECT account_id AS "accountId", as_of AS "asOf", model_id AS "modelId", pd_ppm AS "pdPpm", pp_ppm AS "ppPpm", risk_score AS "riskScore", band,
            owed_minor AS "owedMinor", expected_recovery_minor AS "expectedRecoveryMinor"
     FROM account_scores WHERE account_id = ANY($1::bigint[]) ORDER BY account_id`,
    [accountIds],
  );
}
