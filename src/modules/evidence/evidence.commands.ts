/**
 * Use cases of the evidence module through the command runner: exporting a bundle (recorded in the
 * audit log with its sha256) and saving a retention policy row. The purge is in evidence.purge.ts.
 */
import type { Db } from '../../platform/db.ts';
import { fixedClock, type Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { AppError } from '../../platform/errors.ts';
import { assembleBundle } from './evidence.bundle.ts';
import { RetentionPolicySchema, type Manifest, type RetentionPolicyInput } from './evidence.types.ts';
import { recordExport, savePolicy } from './evidence.store.ts';

export interface EvidenceBundle {
  zip: Uint8Array;
  /** sha256 of the zip's bytes, as recorded in the audit log (EVIDENCE_EXPORTED). */
  sha256: string;
  manifest: Manifest;
  manifestSha256: string;
}

/**
 * Builds the evidence bundle of an account as of now (`at`, the export instant) and records the export:
 * an EVIDENCE_EXPORTED audit entry with the bundle's and the manifest's sha256, so that a bundle found
 * later can be matched to the export that made it. The same bytes exported again by the same actor
 * are recorded once.
 */
export async function buildEvidenceBundle(db: Db, o: { accountRef: string; actor: string; at: string }): Promise<EvidenceBundle> {
  const b = await assembleBundle(db, o.accountRef, o.at);
  const input = { accountRef: b.manifest.accountRef, sha256: b.sha256 };
  await runCommand(db, fixedClock(o.at), { command: 'exportEvidence', idempotencyKey: `evidence-export:${b.sha256}:${o.actor}`, actor: o.actor, input }, async (tx) => {
    await recordExport(tx, { sha256: b.sha256, manifestSha256: b.manifestSha256, accountId: b.accountId, auditHeadSeq: b.manifest.auditHead.seq, items: b.manifest.items.length, bytes: b.zip.byteLength, actor: o.actor, generatedAt: o.at });
    return {
      result: input,
      audit: {
        type: 'EVIDENCE_EXPORTED', actor: o.actor, subject: `account:${b.manifest.accountRef}`,
        data: { sha256: b.sha256, manifestSha256: b.manifestSha256, items: b.manifest.items.length, bytes: b.zip.byteLength, auditHeadSeq: b.manifest.auditHead.seq, generatedAt: o.at },
      },
    };
  });
  return { zip: b.zip, sha256: b.sha256, manifest: b.manifest, manifestSha256: b.manifestSha256 };
}

/** Saves one retention policy row (admin). A bad field is a 400 naming it; nothing is changed. */
export async function saveRetentionPolicy(deps: { db: Db; clock: Clock }, input: RetentionPolicyInput, o: { actor: string; idempotencyKey: string }) {
  const parsed = RetentionPolicySchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message }));
    throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const p = parsed.data;
  return runCommand(deps.db, deps.clock, { command: 'saveRetentionPolicy', idempotencyKey: o.idempotencyKey, actor: o.actor, input: p }, async (tx) => {
    await savePolicy(tx, p, o.actor, deps.clock.now());
    return { result: p, audit: { type: 'RETENTION_POLICY_SAVED', actor: o.actor, subject: `retention:${p.jurisdiction}:${p.recordKind}`, data: p } };
  });
}
