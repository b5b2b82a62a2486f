/** Identity: users and roles, sessions, the debtor portal's sign-in by one-time code, rate limits, access control. */
export * from './identity.types.ts';
export { RATE_LIMITS, LOCKOUT, SESSION_TTL_MINUTES, ONE_TIME_CODE, normalisePhone, maskPhone, type RateScope } from './identity.rules.ts';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
export {
  createUser, changeUser, getUser, listUsers, login, loginWithCode, logout, requestCode, resolveSession, SESSION_LOOKUP_SQL, issueSession, hitRateLimit, codeText, smsCodeSender,
  type CodeSender, type SessionSubject,
} from './identity.commands.ts';
export { registerAccessControl, registerIdentityRoutes, type IdentityDeps } from './identity.routes.ts';
