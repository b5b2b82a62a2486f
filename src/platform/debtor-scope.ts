/**
 * The database scope of a signed-in debtor. What the portal reads runs inside `withDebtorScope`: a
 * read-only transaction that has switched to the role fairdebt_debtor and set fairdebt.customer_id
 * to the session's customer (migrations/0022_debtor_scope.sql). The role reads only the tables the
 * portal needs, and row-level security keeps only that customer's rows: a query that forgets its
 * filter, or is handed another customer's id, finds nothing, and one that names a table outside the
 * portal's (users, sessions, the audit log) is refused. The customer comes from the session, never
 * from the request.
 */
import type { Db } from './db.ts';
import { AppError } from './errors.ts';

export const DEBTOR_DB_ROLE = 'fairdebt_debtor';
export const DEBTOR_SETTING = 'fairdebt.customer_id';

export async function withDebtorScope<T>(db: Db, customerId: string, fn: (scoped: Db) => Promise<T>): Promise<T> {
  // Inside a running transaction the role would outlive this call, for the rest of the caller's work.
  if (db.inTransaction) throw new AppError('INTERNAL', 'withDebtorScope opens its own transaction; call it outside one');
  if (!customerId) throw new AppError('FORBIDDEN', 'no customer: only debtors read through the debtor scope');
  return db.transaction(async (tx) => {
    // One round trip (this is on every portal read): the id goes in as a quoted literal.
    await tx.exec(`SET TRANSACTION READ ONLY; SET LOCAL ROLE ${DEBTOR_DB_ROLE}; SELECT set_config('${DEBTOR_SETTING}', ${quoteLiteral(customerId)}, true)`);
    return fn(tx);
  });
}

/** A string as an SQL literal (standard_conforming_strings, on by default since PostgreSQL 9.1). */
function quoteLiteral(s: string): string {
  if (s.includes('\0')) throw new AppError('VALIDATION_FAILED', 'customerId: contains a NUL character');
  return `'${s.replaceAll("'", "''")}'`;
}
