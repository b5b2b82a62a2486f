/**
 * Matching a bundle to the records it came from: the bundle is checked on its own (verifyBundle), then
 * against the database that holds the audit log — its export is found by the zip's sha256, the audit
 * head it names must still be in the log with the same hash, and every audit entry it carries must be
 * in the log with the same hash and link. A log rewritten since the export fails here even when the
 * rewritten chain verifies on its own.
 */
import type { Db } from '../../platform/db.ts';
import { unzipFiles } from './bundle.zip.ts';
import { verifyBundle } from './evidence.bundle.ts';
import { findExport } from './evidence.store.ts';
import type { BundleCheck } from './evidence.types.ts';

export interface BundleMatch {
  ok: boolean;
  sha256: string;
  bundle: BundleCheck;
  /** The export that produced these exact bytes, or null when none is on record. */
  exported: { accountRef: string; actor: string; generatedAt: string; auditEntrySeq: number | null } | null;
  head: { seq: number; hash: string; inLog: string | null; matches: boolean } | null;
  entries: { checked: number; mismatched: Array<{ seq: number; bundleHash: string; logHash: string | null }> };
}

type BundleAudit = { head?: { seq: number; hash: string }; entries?: Array<{ seq: number; hash: string; prevHash: string }> };

export async function matchBundle(db: Db, zip: Uint8Array): Promise<BundleMatch> {
  const check = verifyBundle(zip);
  const out: BundleMatch = { ok: false, sha256: check.sha256, bundle: check, exported: null, head: null, entries: { checked: 0, mismatched: [] } };
  const ex = await findExport(db, check.sha256);
  if (ex) {
    const [entry] = await db.query<{ seq: number }>(
      `SELECT seq FROM audit_log WHERE subject = $1 AND type = 'EVIDENCE_EXPORTED' AND data->>'sha256' = $2 ORDER BY seq LIMIT 1`,
      [`account:${ex.accountRef}`, check.sha256],
    );
    out.exported = { accountRef: ex.accountRef, actor: ex.actor, generatedAt: ex.generatedAt, auditEntrySeq: entry?.seq ?? null };
  }
  if (!check.ok) return out;
  const raw = unzipFiles(zip).get('audit/entries.json');
  const audit = raw ? (JSON.parse(new TextDecoder().decode(raw)) as BundleAudit) : {};
  const hashAt = async (seq: number) => (await db.query<{ hash: string; prev_hash: string }>('SELECT hash, prev_hash FROM audit_log WHERE seq = $1', [seq]))[0] ?? null;
  if (audit.head) {
    const inLog = audit.head.seq === 0 ? null : await hashAt(audit.head.seq);
    out.head = { ...audit.head, inLog: inLog?.hash ?? null, matches: audit.head.seq === 0 || inLog?.hash === audit.head.hash };
  }
  for (const e of audit.entries ?? []) {
    const inLog = await hashAt(e.seq);
    out.entries.checked += 1;
    if (!inLog || inLog.hash !== e.hash || inLog.prev_hash !== e.prevHash) out.entries.mismatched.push({ seq: e.seq, bundleHash: e.hash, logHash: inLog?.hash ?? null });
  }
  out.ok = out.exported !== null && out.exported.auditEntrySeq !== null && (out.head?.matches ?? false) && out.entries.mismatched.length === 0;
  return out;
}
