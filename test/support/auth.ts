/**
 * Sessions for route tests: a user with the given roles (or a debtor) signed in through the same
 * session code as the sign-in routes, without a password round trip (scrypt is slow on purpose).
 */
import { randomBytes } from 'node:crypto';
import type { App } from '../../src/main.ts';
import type { Role } from '../../src/platform/access.ts';
import { issueSession } from '../../src/modules/identity/index.ts';

export interface SignInAs {
  roles: Role[];
  /** Staff and agency users: the user id (created when missing); default a fresh one. */
  userId?: string;
  agencyId?: string;
  /** Debtors: the customer whose data they may see. */
  customerId?: string;
}

/** Headers carrying a fresh session of `who`, for `server.inject`. */
export async function signIn(app: Pick<App, 'db' | 'clock'>, who: SignInAs): Promise<{ authorization: string }> {
  if (who.roles.includes('debtor')) {
    if (!who.customerId) throw new Error('signIn: a debtor needs customerId');
    const g = await issueSession(app.db, app.clock, { customerId: who.customerId, roles: ['debtor'], displayName: who.customerId });
    return { authorization: `Bearer ${g.token}` };
  }
  const userId = who.userId ?? `u-${randomBytes(4).toString('hex')}`;
  const now = app.clock.now();
  // A stored hash no password can match: such a user signs in only through this helper.
  await app.db.query(
    `INSERT INTO users (id, display_name, roles, agency_id, password_hash, created_at, updated_at) VALUES ($1, $1, $2, $3, 'test-only$no-password', $4, $4)
     ON CONFLICT (id) DO UPDATE SET roles = excluded.roles, agency_id = excluded.agency_id`,
    [userId, who.roles, who.agencyId ?? null, now]);
  const g = await issueSession(app.db, app.clock, { userId, roles: who.roles, agencyId: who.agencyId ?? null, displayName: userId });
  return { authorization: `Bearer ${g.token}` };
}

/** The server with every `inject` carrying `auth` (headers given per request still win). */
export function withSession<T extends { inject: (...args: never[]) => unknown }>(server: T, auth: { authorization: string }): T {
  const inject = (server.inject as unknown as (o: Record<string, unknown>) => unknown).bind(server);
  return new Proxy(server, {
    get(target, key) {
      if (key === 'inject') return (o: { headers?: Record<string, string> }) => inject({ ...o, headers: { ...auth, ...(o.headers ?? {}) } });
      const v = Reflect.get(target, key) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
