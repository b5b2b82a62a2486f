/** Queries on the letters table (migrations/0007_letters.sql). */
import type { Db } from '../../../platform/db.ts';

/** Most letters one list request returns. */
export const MAX_LETTERS_PER_PAGE = 500;

export interface LetterRow {
  reference: string;
  customerId: string;
  accountId: number;
  language: string;
  sha256: string;
  bytes: number;
  createdAt: string;
}

export interface StoredLetter extends LetterRow {
  pdf: Buffer;
}

interface DbLetterRow {
  reference: string;
  customer_id: string;
  account_id: number;
  language: string;
  sha256: string;
  bytes: number;
  created_at: string;
}

const toRow = (r: DbLetterRow): LetterRow => ({
  reference: r.reference,
  customerId: r.customer_id,
  accountId: r.account_id,
  language: r.language,
  sha256: r.sha256,
  bytes: r.bytes,
  createdAt: r.created_at,
});

/**
 * bytea arrives as a Buffer from node-postgres and as a plain Uint8Array from PGlite; callers get a
 * Buffer either way. The PGlite array is copied so that it cannot share memory with the driver.
 */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value);
  throw new TypeError(`expected bytea as bytes, got ${typeof value}`);
}

/** Stores a letter unless one with the same reference exists; true when this call stored it. */
export async function insertLetter(db: Db, letter: StoredLetter): Promise<boolean> {
  const rows = await db.query<{ reference: string }>(
    `INSERT INTO letters (reference, customer_id, account_id, language, sha256, pdf, bytes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (reference) DO NOTHING
     RETURNING reference`,
    [letter.reference, letter.customerId, letter.accountId, letter.language, letter.sha256, letter.pdf, letter.bytes, letter.createdAt],
  );
  return rows.length === 1;
}

/** A letter's record without its bytes (what lookups and lists need). */
export async function findLetter(db: Db, reference: string): Promise<LetterRow | undefined> {
  const [row] = await db.query<DbLetterRow>(
    'SELECT reference, customer_id, account_id, language, sha256, bytes, created_at FROM letters WHERE reference = $1',
    [reference],
  );
  return row ? toRow(row) : undefined;
}

/** A letter with its PDF. */
export async function getLetterPdf(db: Db, reference: string): Promise<StoredLetter | undefined> {
  const [row] = await db.query<DbLetterRow & { pdf: unknown }>(
    'SELECT reference, customer_id, account_id, language, sha256, bytes, created_at, pdf FROM letters WHERE reference = $1',
    [reference],
  );
  return row ? { ...toRow(row), pdf: toBuffer(row.pdf) } : undefined;
}

/** Letters, newest first, optionally of one customer. */
export async function listLetters(db: Db, opts: { customerId?: string | undefined; limit: number }): Promise<LetterRow[]> {
  const limit = Math.min(Math.max(1, Math.trunc(opts.limit)), MAX_LETTERS_PER_PAGE);
  const rows = await db.query<DbLetterRow>(
    `SELECT reference, customer_id, account_id, language, sha256, bytes, created_at FROM letters
     WHERE ($1::text IS NULL OR customer_id = $1)
     ORDER BY created_at DESC, reference DESC
     LIMIT $2`,
    [opts.customerId ?? null, limit],
  );
  return rows.map(toRow);
}
