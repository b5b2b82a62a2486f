/**
 * A read-only transaction that has switched to a NOLOGIN database role and set one setting the
 * role's views or row-level security policies read — the database scope of a kind of user (agency
 * users: modules/agencies/agencies.scope.ts; debtors: platform/debtor-scope.ts). Transaction, role and
 * setting start in one round trip; the value goes in as a quoted literal.
 */
import type { Db } from './db.ts';
import { AppError } from './errors.ts';

export async function withRoleScope<T>(db: Db, role: string, setting: string, value: string, fn: (scoped: Db) => Promise<T>): Promise<T> {
  // Inside a running transaction the role would outlive this call, for the rest of the caller's work.
  if (db.inTransaction) throw new AppError('INTERNAL', `the ${role} scope opens its own transaction; call it outside one`);
  return db.transaction(fn, { begin: `SET TRANSACTION READ ONLY; SET LOCAL ROLE ${role}; SELECT set_config('${setting}', ${quoteLiteral(value)}, true)` });
}

/** A string as an SQL literal (standard_conforming_strings, on by default since PostgreSQL 9.1). */
function quoteLiteral(s: string): string {
  if (s.includes('\0')) throw new AppError('VALIDATION_FAILED', `${JSON.stringify(s.slice(0, 20))}: contains a NUL character`);
  return `'${s.replaceAll("'", "''")}'`;
}
