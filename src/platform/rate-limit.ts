/**
 * Rate limits kept in the database, so that they hold across processes: fixed windows counted per
 * (scope, key). Counted before the outcome is known, so a right and a wrong guess cost the same.
 */
import type { Db } from './db.ts';
import type { Clock } from './clock.ts';
import { AppError } from './errors.ts';

export interface RateLimit {
  /** Hits allowed per window. */
  limit: number;
  windowSeconds: number;
}

/** The start of the fixed window an instant falls in. */
export function windowStart(atIso: string, windowSeconds: number): string {
  const w = windowSeconds * 1000;
  return new Date(Math.floor(Date.parse(atIso) / w) * w).toISOString();
}

/** Seconds until the window an instant falls in ends (at least 1). */
export function secondsLeftInWindow(atIso: string, windowSeconds: number): number {
  const end = Date.parse(windowStart(atIso, windowSeconds)) + windowSeconds * 1000;
  return Math.max(1, Math.ceil((end - Date.parse(atIso)) / 1000));
}

/**
 * Counts one hit in its own statement (a refused request must still count) and refuses with
 * RATE_LIMITED, carrying `retryAfterSeconds`, past the limit.
 */
export async function hitRateLimit(db: Db, clock: Clock, scope: string, key: string, rule: RateLimit): Promise<void> {
  const at = clock.now();
  const [r] = await db.query<{ hits: number }>(
    `INSERT INTO rate_limits (scope, key, window_start, hits) VALUES ($1, $2, $3, 1)
     ON CONFLICT (scope, key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`,
    [scope, key, windowStart(at, rule.windowSeconds)]);
  if (r && r.hits > rule.limit) {
    const retryAfterSeconds = secondsLeftInWindow(at, rule.windowSeconds);
    throw new AppError('RATE_LIMITED', `too many attempts: try again in ${retryAfterSeconds} s`, { details: { scope, retryAfterSeconds } });
  }
}

/** Removes counters of windows that started more than a day ago. */
export async function pruneRateLimits(db: Db, clock: Clock): Promise<number> {
  const rows = await db.query('DELETE FROM rate_limits WHERE window_start < $1 RETURNING 1', [new Date(Date.parse(clock.now()) - 86_400_000).toISOString()]);
  return rows.length;
}
