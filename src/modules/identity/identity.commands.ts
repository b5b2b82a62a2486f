/**
 * Identity use cases: users (created and changed through the command runner), sign-in by password
 * (staff, agency users) and by one-time code sent by SMS (debtors), sessions as bearer tokens, and
 * the rate limits in front of sign-in, codes and verify codes. Sign-ins and refusals are audited.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { AppError, invalidField, parseInput } from '../../platform/errors.ts';
import type { Principal, Role } from '../../platform/access.ts';
import type { ChannelProvider } from '../contacts/index.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.ts';
import { hitRateLimit as hitLimit } from '../../platform/rate-limit.ts';
import { afterFailedLogin, maskPhone, normalisePhone, ONE_TIME_CODE, RATE_LIMITS, SESSION_TTL_MINUTES, type RateScope } from './identity.rules.ts';
import {
  CodeLoginSchema, CodeRequestSchema, LoginInputSchema, UserChangeSchema, UserInputSchema, type IdentityAuditEvent, type SessionGrant, type User,
} from './identity.types.ts';

export interface CommandOptions {
  actor: string;
  idempotencyKey: string;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const addMinutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

type UserRow = { id: string; display_name: string; roles: Role[]; agency_id: string | null; active: boolean; locked_until: string | null; created_at: string; updated_at: string };
const USER_COLUMNS = 'id, display_name, roles, agency_id, active, locked_until, created_at, updated_at';
const toUser = (r: UserRow): User => ({
  id: r.id, displayName: r.display_name, roles: r.roles, agencyId: r.agency_id, active: r.active, lockedUntil: r.locked_until, createdAt: r.created_at, updatedAt: r.updated_at,
});

export async function getUser(db: Db, id: string): Promise<User | null> {
  const [r] = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return r ? toUser(r) : null;
}

export async function listUsers(db: Db, filter: { agencyId?: string | undefined } = {}): Promise<User[]> {
  const rows = await db.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE ($1::text IS NULL OR agency_id = $1) ORDER BY id`, [filter.agencyId ?? null]);
  return rows.map(toUser);
}

/**
 * Who may manage whom: an admin manages anyone; an agency admin only agency users of their own agency.
 * Returns the refusal, or null.
 */
function managerRefusal(by: Principal | undefined, target: { agencyId: string | null | undefined }): AppError | null {
  if (!by || by.roles.includes('admin')) return null;
  if (by.roles.includes('agency_admin') && by.agencyId && target.agencyId === by.agencyId) return null;
  return new AppError('FORBIDDEN', 'agencyId: an agency admin manages only users of their own agency', { issues: [{ path: 'agencyId', message: 'not your agency' }] });
}

export async function createUser(db: Db, clock: Clock, input: unknown, opts: CommandOptions & { by?: Principal }): Promise<User> {
  const u = parseInput(UserInputSchema, input);
  const refusal = managerRefusal(opts.by, { agencyId: u.agencyId });
  if (refusal) throw refusal;
  // Hashing is slow on purpose: done before the transaction, not inside it. The request hash of the
  // command leaves the password out, so that a retry with the same key is recognised.
  const passwordHash = await hashPassword(u.password);
  const { password: _secret, ...shown } = u;
  const out = await runCommand(db, clock, { command: 'createUser', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { ...shown, passwordSha256: sha256(u.password) } }, async (tx) => {
    const now = clock.now();
    const rows = await tx.query<UserRow>(
      `INSERT INTO users (id, display_name, roles, agency_id, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT (id) DO NOTHING RETURNING ${USER_COLUMNS}`,
      [u.id, u.displayName, u.roles, u.agencyId ?? null, passwordHash, now]);
    if (!rows[0]) throw new AppError('CONFLICT', `id: user '${u.id}' exists`, { issues: [{ path: 'id', message: 'exists' }] });
    const event: IdentityAuditEvent = { type: 'USER_CREATED', subject: `user:${u.id}`, data: { id: u.id, roles: u.roles, agencyId: u.agencyId ?? null } };
    return { result: toUser(rows[0]), audit: { ...event, actor: opts.actor } };
  });
  return out.result;
}

export async function changeUser(db: Db, clock: Clock, id: string, input: unknown, opts: CommandOptions & { by?: Principal }): Promise<User> {
  const c = parseInput(UserChangeSchema, input);
  const before = await getUser(db, id);
  if (!before) throw new AppError('NOT_FOUND', `id: no user '${id}'`, { issues: [{ path: 'id', message: 'not found' }] });
  const refusal = managerRefusal(opts.by, before);
  if (refusal) throw refusal;
  if (c.roles) {
    const agencyRoles = c.roles.every((r) => r === 'agency_agent' || r === 'agency_admin');
    if (before.agencyId ? !agencyRoles : c.roles.some((r) => r === 'agency_agent' || r === 'agency_admin')) {
      throw invalidField('roles', before.agencyId ? 'an agency user holds only agency roles' : 'agency roles belong to agency users');
    }
  }
  const passwordHash = c.password ? await hashPassword(c.password) : null;
  const { password: _secret, ...shown } = c;
  const out = await runCommand(db, clock, {
    command: 'changeUser', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { id, ...shown, ...(c.password ? { passwordSha256: sha256(c.password) } : {}) },
  }, async (tx) => {
    const now = clock.now();
    const [row] = await tx.query<UserRow>(
      `UPDATE users SET display_name = coalesce($2, display_name), roles = coalesce($3, roles), active = coalesce($4, active),
         password_hash = coalesce($5, password_hash), failed_logins = CASE WHEN $5::text IS NULL THEN failed_logins ELSE 0 END,
         locked_until = CASE WHEN $5::text IS NULL THEN locked_until END, updated_at = $6
       WHERE id = $1 RETURNING ${USER_COLUMNS}`,
      [id, c.displayName ?? null, c.roles ?? null, c.active ?? null, passwordHash, now]);
    // New roles, a new password or deactivation end the sessions that carry the old state.
    if (c.roles || c.password || c.active === false) await tx.query('UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL', [id, now]);
    const event: IdentityAuditEvent = {
      type: 'USER_CHANGED', subject: `user:${id}`,
      data: { id, fields: Object.keys(c), ...(c.roles ? { roles: c.roles } : {}), ...(c.active !== undefined ? { active: c.active } : {}) },
    };
    return { result: toUser(row!), audit: { ...event, actor: opts.actor } };
  });
  return out.result;
}

/** Counts one hit of an identity scope (see RATE_LIMITS); past its limit, RATE_LIMITED. */
export function hitRateLimit(db: Db, clock: Clock, scope: RateScope, key: string): Promise<void> {
  return hitLimit(db, clock, scope, key, RATE_LIMITS[scope]);
}

async function audit(db: Db, clock: Clock, event: IdentityAuditEvent, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    await appendAudit(tx, clock.now(), { ...event, actor });
  });
}

export interface SessionSubject {
  userId?: string | undefined;
  customerId?: string | undefined;
  roles: readonly Role[];
  agencyId?: string | null | undefined;
  displayName: string;
  ip?: string | null | undefined;
}

/** Starts a session and returns its bearer token (shown once; only its hash is stored). */
export async function issueSession(db: Db, clock: Clock, who: SessionSubject): Promise<SessionGrant & { sessionId: string }> {
  const token = `fds_${randomBytes(32).toString('base64url')}`;
  const sessionId = randomBytes(12).toString('hex');
  const now = clock.now();
  const expiresAt = addMinutes(now, who.customerId ? SESSION_TTL_MINUTES.debtor : SESSION_TTL_MINUTES.staff);
  await db.query(
    `INSERT INTO sessions (id, token_hash, user_id, customer_id, roles, agency_id, ip, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [sessionId, sha256(token), who.userId ?? null, who.customerId ?? null, who.roles, who.agencyId ?? null, who.ip ?? null, now, expiresAt]);
  return {
    token, sessionId, expiresAt,
    principal: {
      actor: who.userId ? `user:${who.userId}` : `debtor:${who.customerId}`, userId: who.userId ?? null, customerId: who.customerId ?? null,
      agencyId: who.agencyId ?? null, roles: [...who.roles], displayName: who.displayName,
    },
  };
}

/** The session of a token's hash ($1) that is neither revoked nor expired at $2. */
export const SESSION_LOOKUP_SQL = 'SELECT id, user_id, customer_id, roles, agency_id FROM sessions WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2';

/** The principal of a bearer token, or null when it is unknown, expired or revoked. */
export async function resolveSession(db: Db, clock: Clock, token: string): Promise<Principal | null> {
  if (!token.startsWith('fds_') || token.length > 100) return null;
  const [s] = await db.query<{ id: string; user_id: string | null; customer_id: string | null; roles: Role[]; agency_id: string | null }>(
    SESSION_LOOKUP_SQL, [sha256(token), clock.now()], { prepare: true });
  if (!s) return null;
  return {
    actor: s.user_id ? `user:${s.user_id}` : `debtor:${s.customer_id}`, userId: s.user_id, customerId: s.customer_id, agencyId: s.agency_id, roles: s.roles, sessionId: s.id,
  };
}

export async function logout(db: Db, clock: Clock, p: Principal): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL', [p.sessionId, clock.now()]);
  const subject = p.userId ? (`user:${p.userId}` as const) : (`customer:${p.customerId}` as const);
  await audit(db, clock, { type: 'SIGNED_OUT', subject, data: { sessionId: p.sessionId } }, p.actor);
}

const BAD_CREDENTIALS = () => new AppError('UNAUTHORIZED', 'username or password is wrong (or the account is locked or inactive)');

/**
 * Staff and agency sign-in. The answer to a wrong password, an unknown user, a locked or an inactive
 * account is the same, and takes as long (a dummy hash is checked for unknown users).
 */
export async function login(db: Db, clock: Clock, input: unknown, ctx: { ip: string | null }): Promise<SessionGrant> {
  const { username, password } = parseInput(LoginInputSchema, input);
  if (ctx.ip) await hitRateLimit(db, clock, 'login_ip', ctx.ip);
  await hitRateLimit(db, clock, 'login_user', username.toLowerCase());
  const [u] = await db.query<UserRow & { password_hash: string; failed_logins: number }>(`SELECT ${USER_COLUMNS}, password_hash, failed_logins FROM users WHERE id = $1`, [username]);
  const ok = await verifyPassword(password, u?.password_hash ?? DUMMY_HASH);
  const now = clock.now();
  const refuse = async (reason: string) => {
    await audit(db, clock, { type: 'SIGN_IN_REFUSED', subject: `user:${username.slice(0, 64)}`, data: { reason, ip: ctx.ip } }, 'anonymous');
    return BAD_CREDENTIALS();
  };
  if (!u) throw await refuse('unknown user');
  if (!u.active) throw await refuse('inactive');
  if (u.locked_until && u.locked_until > now) throw await refuse('locked');
  if (!ok) {
    const next = afterFailedLogin(u.failed_logins, now);
    await db.query('UPDATE users SET failed_logins = $2, locked_until = $3 WHERE id = $1', [u.id, next.failures, next.lockedUntil]);
    throw await refuse(next.lockedUntil ? 'wrong password; locked' : 'wrong password');
  }
  await db.query('UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)', [u.id]);
  const grant = await issueSession(db, clock, { userId: u.id, roles: u.roles, agencyId: u.agency_id, displayName: u.display_name, ip: ctx.ip });
  await audit(db, clock, { type: 'SIGNED_IN', subject: `user:${u.id}`, data: { sessionId: grant.sessionId, method: 'password', ip: ctx.ip } }, grant.principal.actor);
  const { sessionId: _id, ...shown } = grant;
  return shown;
}

/** What a one-time code SMS goes through: the SMS provider of the server, when it has one. */
export interface CodeSender {
  send(msg: { reference: string; to: string; text: string; customerId: string; language: 'zh-CN' | 'en'; at: string }): Promise<void>;
}

export function codeText(code: string, language: 'zh-CN' | 'en', lenderName: { 'zh-CN': string; en: string }): string {
  const minutes = ONE_TIME_CODE.ttlSeconds / 60;
  return language === 'en'
    ? `${lenderName.en}: your sign-in code is ${code}, valid for ${minutes} minutes. Never tell anyone: our staff will never ask you for it.`
    : `【${lenderName['zh-CN']}】您的登录验证码为${code}，${minutes}分钟内有效。请勿告诉任何人，我们的工作人员不会向您索要验证码。`;
}

const codeHash = (salt: string, code: string) => `${salt}$${sha256(`${salt}:${code}`)}`;

/**
 * Sends a one-time sign-in code to a debtor's phone. The answer is the same whether or not the number
 * belongs to a customer, so the route cannot be used to find out who is a debtor.
 */
export async function requestCode(db: Db, clock: Clock, input: unknown, ctx: { ip: string | null; sender: CodeSender | undefined; lenderName: { 'zh-CN': string; en: string } }): Promise<{ sent: true; expiresInSeconds: number }> {
  const { phone } = parseInput(CodeRequestSchema, input);
  const key = normalisePhone(phone);
  if (!ctx.sender) throw new AppError('UNAVAILABLE', 'sign-in codes cannot be sent: this server has no SMS gateway configured');
  if (ctx.ip) await hitRateLimit(db, clock, 'code_send_ip', ctx.ip);
  await hitRateLimit(db, clock, 'code_send_phone', key);
  const [c] = await db.query<{ id: string; language: string }>('SELECT id, language FROM customers WHERE fd_normalised_phones(phones) @> ARRAY[$1::text] ORDER BY id LIMIT 1', [key]);
  if (c) {
    const code = String(randomInt(0, 10 ** ONE_TIME_CODE.digits)).padStart(ONE_TIME_CODE.digits, '0');
    const now = clock.now();
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO one_time_codes (customer_id, phone, code_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [c.id, key, codeHash(randomBytes(8).toString('hex'), code), now, new Date(Date.parse(now) + ONE_TIME_CODE.ttlSeconds * 1000).toISOString()]);
    const language = c.language === 'en' ? 'en' : 'zh-CN';
    await ctx.sender.send({ reference: `otp-${row!.id}`, to: key, text: codeText(code, language, ctx.lenderName), customerId: c.id, language, at: now });
  }
  return { sent: true, expiresInSeconds: ONE_TIME_CODE.ttlSeconds };
}

const BAD_CODE = () => new AppError('UNAUTHORIZED', 'code: wrong or expired — ask for a new code', { issues: [{ path: 'code', message: 'wrong or expired' }] });

/** A debtor signs in with the latest code sent to their phone: it works once, for a few minutes, within a few tries. */
export async function loginWithCode(db: Db, clock: Clock, input: unknown, ctx: { ip: string | null }): Promise<SessionGrant> {
  const { phone, code } = parseInput(CodeLoginSchema, input);
  const key = normalisePhone(phone);
  if (ctx.ip) await hitRateLimit(db, clock, 'code_login_ip', ctx.ip);
  await hitRateLimit(db, clock, 'code_login_phone', key);
  const now = clock.now();
  const customer = await db.transaction(async (tx) => {
    const [c] = await tx.query<{ id: number; customer_id: string; code_hash: string; attempts: number }>(
      `SELECT id, customer_id, code_hash, attempts FROM one_time_codes
       WHERE phone = $1 AND consumed_at IS NULL AND expires_at > $2 ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`, [key, now]);
    if (!c || c.attempts >= ONE_TIME_CODE.maxAttempts) return null;
    const [salt] = c.code_hash.split('$');
    if (codeHash(salt!, code) !== c.code_hash) {
      await tx.query('UPDATE one_time_codes SET attempts = attempts + 1 WHERE id = $1', [c.id]);
      return null;
    }
    await tx.query('UPDATE one_time_codes SET consumed_at = $2 WHERE id = $1', [c.id, now]);
    return c.customer_id;
  });
  if (!customer) {
    await audit(db, clock, { type: 'SIGN_IN_REFUSED', subject: `phone:${maskPhone(key)}`, data: { reason: 'wrong or expired code', ip: ctx.ip } }, 'anonymous');
    throw BAD_CODE();
  }
  const [c] = await db.query<{ name: string }>('SELECT name FROM customers WHERE id = $1', [customer]);
  const grant = await issueSession(db, clock, { customerId: customer, roles: ['debtor'], displayName: c?.name ?? customer, ip: ctx.ip });
  await audit(db, clock, { type: 'SIGNED_IN', subject: `customer:${customer}`, data: { sessionId: grant.sessionId, method: 'one_time_code', ip: ctx.ip } }, grant.principal.actor);
  const { sessionId: _id, ...shown } = grant;
  return shown;
}

/** One-time codes over a channel provider of the contacts module (the SMPP gateway). */
export function smsCodeSender(provider: Pick<ChannelProvider, 'send'>, from: string): CodeSender {
  return {
    async send(m) {
      await provider.send({ reference: m.reference, channel: 'sms', to: m.to, from, language: m.language, text: m.text, verifyCode: '', customerId: m.customerId, accountRef: '', at: m.at });
    },
  };
}
