/**
 * The database scope of agency users. Every read an agency user makes runs inside
 * `withAgencyScope`: a read-only transaction that has switched to the role fairdebt_agency, which
 * holds no privilege on any table, only SELECT on the agency_*_v views, and has set
 * fairdebt.agency_id, by which those views keep only the accounts placed with that agency now. A
 * query that forgets a filter, or names a base table, gets nothing it should not: the database
 * refuses (permission denied) or filters. The agency id comes from the caller's session, never from
 * the request.
 */
import type { Db } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { withRoleScope } from '../../platform/role-scope.ts';

export const AGENCY_DB_ROLE = 'fairdebt_agency';
export const AGENCY_SETTING = 'fairdebt.agency_id';

export async function withAgencyScope<T>(db: Db, agencyId: string, fn: (scoped: Db) => Promise<T>): Promise<T> {
  if (!agencyId) throw new AppError('FORBIDDEN', 'no agency: only agency users read through the agency scope');
  return withRoleScope(db, AGENCY_DB_ROLE, AGENCY_SETTING, agencyId, fn);
}
