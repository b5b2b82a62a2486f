/**
 * Shared values of the default tables: bucket lists and the risk score from which an account counts as
 * risky enough for a reminder before its due day.
 */

/** Risk score (0–1000) from which an account still current gets pre-due reminders. */
export const PRE_DUE_RISK_SCORE = 600;

/** Every bucket after current: an account in one of these is overdue. */
export const OVERDUE_BUCKETS = ['M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M6+'];
/** Buckets from 91 days past due up to 180. */
export const LATE_BUCKETS = ['M4', 'M5', 'M6'];
