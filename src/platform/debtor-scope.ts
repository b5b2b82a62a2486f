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
import { withRoleScope } from './role-scope.ts';

export const DEBTOR_DB_ROLE = 'fairdebt_debtor';
export const DEBTOR_SETTING = 'fairdebt.customer_id';

export async function withDebtorScope<T>(db: Db, customerId: string, fn: (scoped: Db) => Promise<T>): Promise<T> {
  if (!customerId) throw new AppError('FORBIDDEN', 'no customer: only debtors read through the debtor scope');
  return withRoleScope(db, DEBTOR_DB_ROLE, DEBTOR_SETTING, customerId, fn);
}
