/**
 * The audit log: append-only, hash-chained from the first entry. Each entry's hash is
 * sha256(previous hash + canonical JSON of the entry without its hash), so an edited, deleted or
 * reordered row breaks every hash after it. Appends are serialised through the single audit_head row.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';
import { canonicalJson } from './canonical-json.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  /** Event type from the catalogue (modules/audit/audit.types.ts). */
  type: string;
  actor: string;
  /** What the event is about, e.g. 'account:A0001' or 'cycle:2026-05-01'. */
  subject: string;
  data: unknown;
  commandKey?: string | undefined;
}

export interface AuditEntry extends AuditInput {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

export function hashEntry(prevHash: string, e: Omit<AuditEntry, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({ seq: e.seq, at: e.at, type: e.type, actor: e.actor, subject: e.subject, data: e.data ?? null, commandKey: e.commandKey ?? null });
  return createHash('sha256').update(prevHash).update(body).digest('hex');
}

/** Appends one entry inside the caller's transaction. */
export async function appendAudit(tx: Db, instant: string, input: AuditInput): Promise<AuditEntry> {
  // Hashed as the database gives it back (milliseconds, UTC), so that '…T02:00:00Z' verifies later.
  const at = new Date(instant).toISOString();
  const [head] = await tx.query<{ seq: number; hash: string }>('UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash');
  if (!head) throw new Error('audit_head is missing: run the migrations');
  const entry = { seq: head.seq, at, ...input, data: input.data ?? null };
  const hash = hashEntry(head.hash, entry);
  await tx.query('UPDATE audit_head SET hash = $1 WHERE id = 1', [hash]);
  await tx.query(
    `INSERT INTO audit_log (seq, at, type, actor, subject, data, command_key, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.seq, at, input.type, input.actor, input.subject, JSON.stringify(entry.data), input.commandKey ?? null, head.hash, hash],
  );
  return { ...entry, prevHash: head.hash, hash };
}

/** How a chain was broken, as far as the log itself can tell. */
export type ChainBreak = 'edited' | 'deleted' | 'reordered' | 'truncated';

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The first entry whose stored or recomputed hash does not follow from the one before. */
  firstBrokenSeq?: number;
  reason?: string;
  /** Set with firstBrokenSeq: what the break looks like (an edit, a deletion, a reorder, a cut tail). */
  kind?: ChainBreak;
}

type AuditRow = { seq: number; at: string; type: string; actor: string; subject: string; data: unknown; command_key: string | null; prev_hash: string; hash: string };

/** The first break between `prev` (the hash of entry seq − 1) and row r, or null when r follows. */
async function checkLink(db: Db, prev: string, r: AuditRow): Promise<Required<Pick<ChainVerdict, 'firstBrokenSeq' | 'reason' | 'kind'>> | null> {
  const ownHash = hashEntry(r.prev_hash, { seq: r.seq, at: r.at, type: r.type, actor: r.actor, subject: r.subject, data: r.data, commandKey: r.command_key ?? undefined });
  if (r.prev_hash === prev) {
    if (ownHash === r.hash) return null;
    return { firstBrokenSeq: r.seq, kind: 'edited', reason: `entry ${r.seq} was edited: its content does not match its hash` };
  }
  // The stored link names another entry: the one this entry really follows.
  const [linked] = await db.query<{ seq: number }>('SELECT seq FROM audit_log WHERE hash = $1', [r.prev_hash]);
  if (linked) {
    return { firstBrokenSeq: r.seq, kind: 'reordered', reason: `entry ${r.seq} was moved: it was written after entry ${linked.seq}, not after entry ${r.seq - 1}` };
  }
  return { firstBrokenSeq: r.seq, kind: 'deleted', reason: `the entry before ${r.seq} is gone: entry ${r.seq} follows a hash that no entry in the log has (deleted, or rewritten with a new hash)` };
}

/**
 * Recomputes the chain in seq order, in pages, and names the first broken link: an edited entry,
 * a deleted one (a gap in seq, or a link to a hash no entry has), a reordered one (a link to another
 * entry's hash) or a cut tail (the head counts more entries than the log holds).
 */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db.query<AuditRow>(
      'SELECT seq, at, type, actor, subject, data, command_key, prev_hash, hash FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT $2',
      [expectedSeq, pageSize],
    );
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== expectedSeq) return { ok: false, entries: count, firstBrokenSeq: expectedSeq, kind: 'deleted', reason: `entry ${expectedSeq} is missing (next is ${r.seq})` };
      const broken = await checkLink(db, prev, r);
      if (broken) return { ok: false, entries: count, ...broken };
      prev = r.hash;
      expectedSeq++;
      count++;
    }
  }
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (head && head.seq > count) {
    return { ok: false, entries: count, firstBrokenSeq: count + 1, kind: 'truncated', reason: `the chain ends at ${count} but the head says ${head.seq}: the tail was cut` };
  }
  if (head && head.seq < count) {
    return { ok: false, entries: count, firstBrokenSeq: head.seq + 1, kind: 'edited', reason: `entries after ${head.seq} (the head) were added to the log outside the chain` };
  }
  if (head && count > 0 && head.hash !== prev) {
    return { ok: false, entries: count, firstBrokenSeq: count, kind: 'edited', reason: `entry ${count} was rewritten: its hash is not the one the head holds` };
  }
  return { ok: true, entries: count };
}

/**
 * Whether the log still holds a hash recorded earlier outside it (an anchor: the head named by an
 * evidence bundle, or one published at the close of a day). A log rewritten or cut back and given a
 * new head verifies on its own; it fails here.
 */
export async function checkAuditAnchor(db: Db, anchor: { seq: number; hash: string }): Promise<{ matches: boolean; hashInLog: string | null }> {
  const [row] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = $1', [anchor.seq]);
  return { matches: row?.hash === anchor.hash, hashInLog: row?.hash ?? null };
}
