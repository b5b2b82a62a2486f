/**
 * Identity rules: rate limits, lock-out, session lifetimes and the formats of phones as sign-in keys.
 * Pure: instants are passed in.
 */
import type { RateLimit } from '../../platform/rate-limit.ts';

/**
 * Limits per scope. Counted before the outcome is known, so a guesser is slowed whether or not the
 * guess was right, and the answers are the same for known and unknown names or numbers.
 */
export const RATE_LIMITS = {
  /** Password attempts per user name. */
  login_user: { limit: 10, windowSeconds: 900 },
  /** Password attempts per client address. */
  login_ip: { limit: 50, windowSeconds: 900 },
  /** One-time codes sent per phone number. */
  code_send_phone: { limit: 3, windowSeconds: 900 },
  /** One-time codes requested per client address. */
  code_send_ip: { limit: 20, windowSeconds: 3600 },
  /** Code sign-in attempts per phone number. */
  code_login_phone: { limit: 10, windowSeconds: 3600 },
  /** Code sign-in attempts per client address. */
  code_login_ip: { limit: 30, windowSeconds: 3600 },
} as const satisfies Record<string, RateLimit>;
export type RateScope = keyof typeof RATE_LIMITS;

/** Failed passwords in a row that lock an account, and for how long. */
export const LOCKOUT = { failures: 5, minutes: 15 } as const;

/** How long a session lasts from sign-in (no sliding renewal: sign in again). */
export const SESSION_TTL_MINUTES = { staff: 12 * 60, debtor: 30 } as const;

/** A one-time code's life and the wrong guesses it survives. */
export const ONE_TIME_CODE = { ttlSeconds: 300, maxAttempts: 5, digits: 6 } as const;

/** The lock-out after one more failed password: the new count and, at the limit, the instant it ends. */
export function afterFailedLogin(failuresBefore: number, atIso: string): { failures: number; lockedUntil: string | null } {
  const failures = failuresBefore + 1;
  if (failures < LOCKOUT.failures) return { failures, lockedUntil: null };
  return { failures: 0, lockedUntil: new Date(Date.parse(atIso) + LOCKOUT.minutes * 60_000).toISOString() };
}

/** A phone number as a sign-in key: digits with an optional leading +, formatting removed. */
export function normalisePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith('+') ? '+' : '') + trimmed.replace(/[^0-9]/g, '');
}

/** A phone number for logs and audit entries: the last four digits only. */
export function maskPhone(phone: string): string {
  const n = normalisePhone(phone);
  return n.length <= 4 ? '****' : `${'*'.repeat(Math.min(n.length - 4, 8))}${n.slice(-4)}`;
}
