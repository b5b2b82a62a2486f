/**
 * Full ID numbers at rest: who may read one (audited), sealing everything again under the current key
 * (rotation), and the start-up check that the server holds every key the database needs.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { openIdNumber, sealIdNumber, type IdKeyring } from '../../platform/id-keys.ts';

export type IdNumberAuditEvent =
  /** A compliance officer read a customer's full ID number, with the reason given. */
  | { type: 'ID_NUMBER_READ'; subject: `customer:${string}`; data: { reason: string; keyId: string } }
  /** A batch of ID numbers was sealed again under the current key (`fairdebt keys rotate`). */
  | { type: 'ID_NUMBERS_RESEALED'; subject: `id-key:${string}`; data: { count: number; fromKeys: string[] } };

/**
 * A customer's full ID number, opened with the server's keys; the read is appended to the audit log
 * with the reader and the reason in the same transaction. 404 when the customer or its sealed number
 * does not exist.
 */
export async function readIdNumber(db: Db, clock: Clock, idKeys: IdKeyring | undefined, customerId: string, who: { actor: string; reason: string }): Promise<{ customerId: string; idNumber: string; idNumberMasked: string | null }> {
  return db.transaction(async (tx) => {
    const [c] = await tx.query<{ id_number_masked: string | null; id_number_sealed: Uint8Array | null; id_number_key: string | null }>(
      'SELECT id_number_masked, id_number_sealed, id_number_key FROM customers WHERE id = $1', [customerId]);
    if (!c) throw new AppError('NOT_FOUND', `id: no customer '${customerId}'`, { issues: [{ path: 'id', message: 'not found' }] });
    if (!c.id_number_sealed || !c.id_number_key) throw new AppError('NOT_FOUND', `id: customer '${customerId}' has no full ID number on file`, { issues: [{ path: 'id', message: 'no full ID number on file' }] });
    if (!idKeys) throw new AppError('UNAVAILABLE', 'this server has no ID key (FAIRDEBT_ID_KEYS) to open ID numbers');
    const idNumber = openIdNumber(idKeys, customerId, c.id_number_key, c.id_number_sealed);
    const event: IdNumberAuditEvent = { type: 'ID_NUMBER_READ', subject: `customer:${customerId}`, data: { reason: who.reason, keyId: c.id_number_key } };
    await appendAudit(tx, clock.now(), { ...event, actor: who.actor });
    return { customerId, idNumber, idNumberMasked: c.id_number_masked };
  });
}

export interface ResealResult {
  /** ID numbers sealed again under the current key by this run. */
  resealed: number;
  batches: number;
  currentKey: string;
  /** Sealed ID numbers per key after the run (all under the current key when it finished). */
  byKey: Record<string, number>;
}

/**
 * Seals every ID number held under an older key again under the current one, in batches of
 * `batchSize` customers, each batch one transaction with its audit entry. Idempotent: a second run
 * finds nothing to do; a run stopped half-way goes on where it stopped.
 */
export async function resealIdNumbers(db: Db, clock: Clock, idKeys: IdKeyring, opts: { actor: string; batchSize?: number; onBatch?: (done: number) => void }): Promise<ResealResult> {
  const batchSize = opts.batchSize ?? 1000;
  let resealed = 0;
  let batches = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const rows = await tx.query<{ id: string; id_number_sealed: Uint8Array; id_number_key: string }>(
        `SELECT id, id_number_sealed, id_number_key FROM customers WHERE id_number_key IS NOT NULL AND id_number_key <> $1
         ORDER BY id_number_key, id LIMIT $2 FOR UPDATE`,
        [idKeys.currentId, batchSize]);
      if (rows.length === 0) return 0;
      const sealed = rows.map((r) => sealIdNumber(idKeys, r.id, openIdNumber(idKeys, r.id, r.id_number_key, r.id_number_sealed)).sealed.toString('base64'));
      await tx.query(
        `UPDATE customers c SET id_number_sealed = decode(u.sealed, 'base64'), id_number_key = $3
         FROM unnest($1::text[], $2::text[]) AS u(id, sealed) WHERE c.id = u.id`,
        [rows.map((r) => r.id), sealed, idKeys.currentId]);
      const event: IdNumberAuditEvent = {
        type: 'ID_NUMBERS_RESEALED', subject: `id-key:${idKeys.currentId}`, data: { count: rows.length, fromKeys: [...new Set(rows.map((r) => r.id_number_key))].sort() },
      };
      await appendAudit(tx, clock.now(), { ...event, actor: opts.actor });
      return rows.length;
    });
    if (n === 0) break;
    resealed += n;
    batches++;
    opts.onBatch?.(resealed);
  }
  return { resealed, batches, currentKey: idKeys.currentId, byKey: await sealedByKey(db) };
}

/** How many sealed ID numbers each key holds. */
export async function sealedByKey(db: Db): Promise<Record<string, number>> {
  const rows = await db.query<{ key: string; n: number }>(
    'SELECT id_number_key AS key, count(*)::int AS n FROM customers WHERE id_number_key IS NOT NULL GROUP BY id_number_key ORDER BY id_number_key');
  return Object.fromEntries(rows.map((r) => [r.key, r.n]));
}

/**
 * Why the server must not start with these keys, or null: the database holds ID numbers sealed with
 * a key the server does not have (none at all, or one removed before rotation finished).
 */
export async function idKeyProblem(db: Db, idKeys: IdKeyring | undefined): Promise<string | null> {
  const byKey = await sealedByKey(db);
  const missing = Object.keys(byKey).filter((k) => !idKeys?.keys.has(k));
  if (missing.length === 0) return null;
  const count = missing.reduce((n, k) => n + byKey[k]!, 0);
  return idKeys
    ? `${count} ID numbers are sealed with key(s) ${missing.join(', ')}, which ${idKeys.source} does not hold: add them back (after the current key) until \`fairdebt keys rotate\` has run`
    : `${count} ID numbers are stored sealed, and FAIRDEBT_ID_KEYS is not set: set it to the keys they were sealed with (see docs/operations.md, "Keys for ID numbers")`;
}
