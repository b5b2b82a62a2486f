/**
 * The source of instants (audit timestamps, receipts). Nothing in the business rules reads the system
 * clock: the business date is set per run (--date) or stored (settings) and passed down, and `now`
 * comes from a Clock that tests replace.
 */
export interface Clock {
  now(): string;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

export function fixedClock(iso: string): Clock {
  return { now: () => iso };
}

