/**
 * HTTP: access control for every route (the session of the Authorization header becomes the request's
 * principal; the route's declared `access` decides), sign-in and sign-out, the debtor portal's sign-in
 * by one-time code, and user administration.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { ACCESS, ROLES, hasRole, principalOf, type RouteAccess } from '../../platform/access.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import { CodeLoginSchema, CodeRequestSchema, LoginInputSchema, UserChangeSchema, UserInputSchema } from './identity.types.ts';
import { changeUser, createUser, getUser, listUsers, login, loginWithCode, logout, requestCode, resolveSession, type CodeSender } from './identity.commands.ts';

export interface IdentityDeps {
  db: Db;
  clock: Clock;
  /** Sends one-time codes; resolved at each request (the SMS gateway may connect after the server starts). */
  codeSender?: () => CodeSender | undefined;
  lenderName: { 'zh-CN': string; en: string };
}

/**
 * Resolves the principal of every request and enforces each route's declared access. Must be
 * registered before any route: a route under /api/ that declares no access fails at start-up.
 */
export function registerAccessControl(server: FastifyInstance, deps: Pick<IdentityDeps, 'db' | 'clock'>): void {
  server.decorateRequest('principal', null);
  const table: RouteAccess[] = [];
  server.decorate('routeAccess', table);
  server.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`route ${String(route.method)} ${route.url} declares no access (config.access: 'public' or roles)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });
  server.addHook('onRequest', async (req) => {
    const header = req.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7).trim() : null;
    req.principal = token ? await resolveSession(deps.db, deps.clock, token) : null;
    const access = req.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    if (!req.principal) {
      throw new AppError('UNAUTHORIZED', token ? 'the session has expired or was ended: sign in again' : 'sign in first: this route needs a session (Authorization: Bearer <token>)');
    }
    if (!hasRole(req.principal, access)) {
      throw new AppError('FORBIDDEN', `this route needs one of the roles ${access.join(', ')}; you have ${req.principal.roles.join(', ')}`, { details: { access: 'denied' } });
    }
  });
}

const PrincipalSchema = z.object({
  actor: z.string(), userId: z.string().nullable(), customerId: z.string().nullable(), agencyId: z.string().nullable(), roles: z.array(z.enum(ROLES)), displayName: z.string(),
});
const GrantSchema = z.object({ token: z.string(), expiresAt: z.string(), principal: PrincipalSchema });
const UserSchema = z.object({
  id: z.string(), displayName: z.string(), roles: z.array(z.enum(ROLES)), agencyId: z.string().nullable(), active: z.boolean(), lockedUntil: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });
/** Everyone who can hold a session. */
const SIGNED_IN = ROLES;
const USER_ADMINS = [...ACCESS.admin, ...ACCESS.agencyAdmin];

export function registerIdentityRoutes(server: FastifyInstance, deps: IdentityDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const ip = (req: { ip: string }) => req.ip || null;

  r.post('/api/v1/auth/login', {
    config: { access: 'public' },
    schema: { tags: ['identity'], summary: 'Staff and agency sign-in: a bearer token for the Authorization header', body: LoginInputSchema, response: { 200: GrantSchema } },
  }, async (req) => login(deps.db, deps.clock, req.body, { ip: ip(req) }));

  r.post('/api/v1/auth/logout', {
    config: { access: SIGNED_IN },
    schema: { tags: ['identity'], summary: 'End this session', response: { 200: z.object({ ok: z.literal(true) }) } },
  }, async (req) => {
    await logout(deps.db, deps.clock, principalOf(req));
    return { ok: true as const };
  });

  r.get('/api/v1/auth/me', {
    config: { access: SIGNED_IN },
    schema: { tags: ['identity'], summary: 'Who this session is', response: { 200: PrincipalSchema } },
  }, async (req) => {
    const p = principalOf(req);
    let displayName = p.actor;
    if (p.userId) displayName = (await getUser(deps.db, p.userId))?.displayName ?? p.userId;
    else if (p.customerId) displayName = (await deps.db.query<{ name: string }>('SELECT name FROM customers WHERE id = $1', [p.customerId]))[0]?.name ?? p.customerId;
    return { actor: p.actor, userId: p.userId, customerId: p.customerId, agencyId: p.agencyId, roles: [...p.roles], displayName };
  });

  r.post('/api/v1/portal/login/code', {
    config: { access: 'public' },
    schema: {
      tags: ['portal'], summary: 'Send a one-time sign-in code by SMS to a debtor\'s phone (the same answer for any number)', body: CodeRequestSchema,
      response: { 200: z.object({ sent: z.literal(true), expiresInSeconds: z.number().int() }) },
    },
  }, async (req) => requestCode(deps.db, deps.clock, req.body, { ip: ip(req), sender: deps.codeSender?.(), lenderName: deps.lenderName }));

  r.post('/api/v1/portal/login', {
    config: { access: 'public' },
    schema: { tags: ['portal'], summary: 'Debtor sign-in with the one-time code', body: CodeLoginSchema, response: { 200: GrantSchema } },
  }, async (req) => loginWithCode(deps.db, deps.clock, req.body, { ip: ip(req) }));

  r.get('/api/v1/users', {
    config: { access: USER_ADMINS },
    schema: { tags: ['identity'], summary: 'Users (an agency admin sees their own agency\'s)', response: { 200: z.array(UserSchema) } },
  }, async (req) => {
    const p = principalOf(req);
    return listUsers(deps.db, p.roles.includes('admin') ? {} : { agencyId: p.agencyId ?? '(none)' });
  });

  r.post('/api/v1/users', {
    config: { access: USER_ADMINS },
    schema: { tags: ['identity'], summary: 'Create a user with roles (agency admins: agency users of their agency)', headers: keyHeader, body: UserInputSchema, response: { 201: UserSchema } },
  }, async (req, reply) => {
    const p = principalOf(req);
    const user = await createUser(deps.db, deps.clock, req.body, { actor: p.actor, idempotencyKey: `user:${req.headers['idempotency-key']}`, by: p });
    return reply.status(201).send(user);
  });

  r.patch('/api/v1/users/:id', {
    config: { access: USER_ADMINS },
    schema: { tags: ['identity'], summary: 'Change a user\'s name, roles, status or password (ends their sessions)', headers: keyHeader, params: z.object({ id: z.string().max(64) }), body: UserChangeSchema, response: { 200: UserSchema } },
  }, async (req) => {
    const p = principalOf(req);
    return changeUser(deps.db, deps.clock, req.params.id, req.body, { actor: p.actor, idempotencyKey: `user-change:${req.headers['idempotency-key']}`, by: p });
  });
}
