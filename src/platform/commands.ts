/**
 * The one command runner. Every write in Fairdebt runs as a command: one transaction holding the
 * change, the idempotency record and the audit entry. A repeated idempotency key with the same
 * request returns the stored result without running again; the same key with a different request
 * is refused.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import type { Clock } from './clock.ts';
import { AppError } from './errors.ts';
import { appendAudit, type AuditInput } from './audit-chain.ts';
import { canonicalJson } from './canonical-json.ts';

export interface CommandRequest {
  /** Verb-noun name, e.g. 'postPayment'. */
  command: string;
  /** Required for writes coming from outside; internal batch commands may derive one. */
  idempotencyKey: string;
  actor: string;
  /** The validated input; its canonical hash detects a reused key. */
  input: unknown;
}

export interface CommandOutcome<R> {
  result: R;
  /** true when the key had been seen and the stored result is returned. */
  replayed: boolean;
  auditSeq: number | null;
}

export type CommandHandler<R> = (tx: Db) => Promise<{ result: R; audit: Omit<AuditInput, 'commandKey'> | Array<Omit<AuditInput, 'commandKey'>> }>;

export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export function requestHash(command: string, input: unknown): string {
  return createHash('sha256').update(command).update('\n').update(canonicalJson(input)).digest('hex');
}

export async function runCommand<R>(db: Db, clock: Clock, req: CommandRequest, handler: CommandHandler<R>): Promise<CommandOutcome<R>> {
  const key = req.idempotencyKey;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw new AppError('VALIDATION_FAILED', `idempotencyKey: required, 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters`, {
      issues: [{ path: 'idempotencyKey', message: `required, 1–${MAX_IDEMPOTENCY_KEY_LENGTH} characters` }],
    });
  }
  const hash = requestHash(req.command, req.input);
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO command_log (idempotency_key, command, request_hash, actor, created_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key`,
      [key, req.command, hash, req.actor, clock.now()],
    );
    if (claimed.length === 0) {
      const [prior] = await tx.query<{ command: string; request_hash: string; result: R; audit_seq: number | null }>(
        'SELECT command, request_hash, result, audit_seq FROM command_log WHERE idempotency_key = $1',
        [key],
      );
      if (!prior) throw new AppError('INTERNAL', `idempotency record ${key} vanished`);
      if (prior.command !== req.command || prior.request_hash !== hash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', `idempotencyKey: '${key}' was already used for a different request`, {
          issues: [{ path: 'idempotencyKey', message: 'already used for a different request' }],
        });
      }
      return { result: prior.result, replayed: true, auditSeq: prior.audit_seq };
    }
    const { result, audit } = await handler(tx);
    const events = Array.isArray(audit) ? audit : [audit];
    let lastSeq: number | null = null;
    const at = clock.now();
    for (const e of events) lastSeq = (await appendAudit(tx, at, { ...e, commandKey: key })).seq;
    await tx.query('UPDATE command_log SET result = $2, audit_seq = $3 WHERE idempotency_key = $1', [key, JSON.stringify(result ?? null), lastSeq]);
    return { result, replayed: false, auditSeq: lastSeq };
  });
}
