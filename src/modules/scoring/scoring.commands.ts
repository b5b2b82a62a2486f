/**
 * Registering a trained model as the one in force for its purpose, through the command runner: the
 * artefact is checked, stored whole (JSON) with its sha256, its training data's sha256 and its
 * hold-out metrics, and the model it replaces is retired in the same transaction.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { invalidField } from '../../platform/errors.ts';
import { checkArtefact } from './model.rules.ts';
import { MODEL_PURPOSES, type ModelPurpose } from './scoring.store.ts';

/** The `score` step reads features of the `accounts` format: a model of another format cannot be used in the cycle. */
export const CYCLE_FORMAT = 'accounts';

export interface RegisterResult {
  id: number;
  purpose: ModelPurpose;
  name: string;
  method: string;
  artefactSha256: string;
  dataSha256: string;
  retired: number[];
  auc: number | null;
}

export async function registerModel(
  db: Db,
  clock: Clock,
  input: { artefact: unknown; name: string; purpose?: string },
  opts: { actor: string; idempotencyKey: string },
): Promise<RegisterResult> {
  const purpose = (input.purpose ?? 'collections') as ModelPurpose;
  if (!(MODEL_PURPOSES as readonly string[]).includes(purpose)) throw invalidField('purpose', `expected one of ${MODEL_PURPOSES.join(', ')}, got '${input.purpose}'`);
  const name = input.name.trim();
  if (name.length === 0 || name.length > 200) throw invalidField('name', 'required, 1–200 characters');
  const artefact = checkArtefact(input.artefact);
  if (artefact.format !== CYCLE_FORMAT) throw invalidField('model.format', `the daily cycle scores accounts in the '${CYCLE_FORMAT}' format; this model was trained on '${artefact.format}'`);
  const text = canonicalJson(artefact);
  const sha = createHash('sha256').update(text).digest('hex');
  const auc = artefact.metrics.holdout?.auc ?? null;
  const outcome = await runCommand(db, clock, { command: 'registerModel', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { purpose, name, artefactSha256: sha } }, async (tx) => {
    const retired = await tx.query<{ id: number }>(`UPDATE scoring_models SET active = false, retired_at = $2 WHERE purpose = $1 AND active RETURNING id`, [purpose, clock.now()]);
    const [row] = await tx.query<{ id: number }>(
      `INSERT INTO scoring_models (purpose, name, method, format, artefact_sha256, data_sha256, metrics, artefact, active, registered_by, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, true, $9, $10) RETURNING id`,
      [purpose, name, artefact.method, artefact.format, sha, artefact.data.sha256, JSON.stringify(artefact.metrics), text, opts.actor, clock.now()],
    );
    const result: RegisterResult = { id: Number(row!.id), purpose, name, method: artefact.method, artefactSha256: sha, dataSha256: artefact.data.sha256, retired: retired.map((r) => Number(r.id)), auc };
    return { result, audit: { type: 'MODEL_REGISTERED', actor: opts.actor, subject: `model:${Number(row!.id)}`, data: { ...result } } };
  });
  return outcome.result;
}
