/** Queries on the ledger's own tables. */
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import type { ProductTerms } from './ledger.types.ts';

export interface ProductRow {
  code: string;
  version: number;
  kind: 'revolving' | 'instalment';
  currency: string;
  terms: ProductTerms;
}

export async function latestProducts(db: Db): Promise<Map<string, ProductRow>> {
  const rows = await db.query<ProductRow>(
    `SELECT DISTINCT ON (code) code, version, kind, currency, terms FROM products ORDER BY code, version DESC`,
  );
  return new Map(rows.map((r) => [r.code, r]));
}

export interface AccountHead {
  id: number;
  ref: string;
  customer_id: string;
  product_code: string;
  product_version: number;
  kind: 'revolving' | 'instalment';
  currency: string;
  opened_on: string;
  credit_limit_minor: number | null;
  closed_through: string;
  principal_minor: number;
  grace_days: number;
  bucket_policy: string;
  terms: ProductTerms;
}

/** One account with its product and projection; `lock` takes a row lock on its state for a write. */
export async function findAccount(db: Db, idOrRef: string, lock = false): Promise<AccountHead | undefined> {
  const byRef = await findAccountBy(db, 'a.ref = $1', idOrRef, lock);
  if (byRef || !/^\d{1,15}$/.test(idOrRef)) return byRef;
  return findAccountBy(db, 'a.id = $1', Number(idOrRef), lock);
}

/**
 * One of a debtor's own accounts (by ref or id). Another customer's account is answered exactly like
 * one that does not exist — a 404 naming `field` — so the portal cannot tell which accounts exist.
 */
export async function ownAccountOr404(db: Db, idOrRef: string, customerId: string, field: string): Promise<AccountHead> {
  const acct = await findAccount(db, idOrRef);
  if (!acct || acct.customer_id !== customerId) throw new AppError('NOT_FOUND', `${field}: no account '${idOrRef}'`, { issues: [{ path: field, message: 'no such account' }] });
  return acct;
}

async function findAccountBy(db: Db, where: string, value: unknown, lock: boolean): Promise<AccountHead | undefined> {
  const [row] = await db.query<AccountHead>(
    `SELECT a.id, a.ref, a.customer_id, a.product_code, a.product_version, p.kind, a.currency, a.opened_on, a.credit_limit_minor,
            s.closed_through, s.principal_minor, p.grace_days, p.bucket_policy, p.terms
     FROM accounts a
     JOIN products p ON p.code = a.product_code AND p.version = a.product_version
     JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
     WHERE ${where}
     ${lock ? 'FOR UPDATE OF s' : ''}`,
    [value],
  );
  return row;
}
