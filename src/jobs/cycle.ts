/**
 * The daily cycle (close of business) as an ordered list of named, idempotent steps, each run over
 * the portfolio in batches of accounts, each batch in its own transaction together with its
 * checkpoint. A run that is killed resumes where it stopped; a date already closed is not run
 * again; missed dates are caught up in order; an earlier date is refused unless replayed.
 *
 * Later capabilities add their steps here (PTP evaluation, scoring, strategy, compliance, outbox).
 */
import type { Db } from '../platform/db.ts';
import type { Clock } from '../platform/clock.ts';
import { addDays, dateInZone, daysBetween } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';
import { appendAudit } from '../platform/audit-chain.ts';
import { faultPoint } from '../platform/faults.ts';
import { postDueStep, allocateStep, accrueStep, closeStep, rewindAccounts, type StepFn } from '../modules/ledger/index.ts';
import { delinquencyStep, casesStep } from '../modules/delinquency/index.ts';
import { makePlanStep, type PlanningDeps } from '../modules/contacts/index.ts';
import { promisesStep, concessionsStep, tokenPaymentsStep, plansStep } from '../modules/negotiation/index.ts';
import { legalCostsStep } from '../modules/legal/index.ts';
import { monthEndStep } from '../modules/bureau/index.ts';
import { scoreStep } from '../modules/scoring/index.ts';
import { checkGuardrails } from './experiments.ts';

export const BATCH_SIZE_ACCOUNTS = 50_000;
/** Accounts rewound per transaction before a run (late facts, replay). */
export const REWIND_BATCH_ACCOUNTS = 2_000;

export interface CycleStep {
  name: string;
  run: StepFn;
}

/**
 * The steps that derive balances, delinquency, concessions and promise outcomes: what a replay of an
 * account runs again. Concessions (plans, deferrals, waivers, settlements) post after the day's money
 * is allocated and before accrual, so nothing is charged on what a plan superseded that day.
 */
export const CYCLE_STEPS: readonly CycleStep[] = [
  { name: 'post-due', run: postDueStep },
  { name: 'allocate', run: allocateStep },
  { name: 'concessions', run: concessionsStep },
  // Legal costs charged to the debtor that day, posted again when a replay reversed them.
  { name: 'legal-costs', run: legalCostsStep },
  { name: 'token-payments', run: tokenPaymentsStep },
  { name: 'accrue', run: accrueStep },
  { name: 'delinquency', run: delinquencyStep },
  { name: 'cases', run: casesStep },
  { name: 'plans', run: plansStep },
  { name: 'promises', run: promisesStep },
  // Month ends only: the figures credit-bureau furnishing reports (and replays write again).
  { name: 'bureau-month-end', run: monthEndStep },
  // The active risk model's score of each account that owes something (nothing without a model),
  // before the strategy plans the next day's contacts from it.
  { name: 'score', run: scoreStep },
  { name: 'close', run: closeStep },
];

/**
 * The steps of a date: the ledger and delinquency steps, then (with planning) the strategy's
 * contacts for the next day, before the accounts are closed through the date.
 */
export function stepsFor(planning: PlanningDeps | undefined): readonly CycleStep[] {
  if (!planning) return CYCLE_STEPS;
  const close = CYCLE_STEPS[CYCLE_STEPS.length - 1]!;
  return [...CYCLE_STEPS.slice(0, -1), { name: 'plan-contacts', run: makePlanStep(planning) }, close];
}

export interface CycleProgress {
  date: string;
  step: string;
  done: number;
  total: number;
}

export interface CycleSummary {
  targetDate: string;
  fromDate: string | null;
  replay: boolean;
  alreadyClosed: boolean;
  resumed: boolean;
  dates: number;
  rewoundAccounts: number;
  rows: Record<string, number>;
  /** Time spent in each step, for benchmarks and operations. */
  stepSeconds: Record<string, number>;
  seconds: number;
}

export async function getSetting(db: Db, key: string): Promise<string | null> {
  const [r] = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return r?.value ?? null;
}

export async function setSetting(db: Db, key: string, value: string): Promise<void> {
  await db.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, value]);
}

/** The last business date the cycle closed, or null before the first run. */
export function lastClosedDate(db: Db): Promise<string | null> {
  return getSetting(db, 'last_closed_date');
}

interface RunRow {
  id: number;
  target_date: string;
  from_date: string;
  replay: boolean;
  prelude_done: boolean;
}

export interface RunOptions {
  date: string;
  /** Re-derive history from `date` on, up to the last closed date. */
  replay?: boolean;
  onProgress?: (p: CycleProgress) => void;
  batchSize?: number;
  /**
   * Called before the steps of each date that has not started yet, for work that must see the
   * previous date closed (the demo's simulated payments). It must be idempotent: after a crash it
   * may run again for the same date.
   */
  beforeDate?: (date: string) => Promise<void>;
  /** Strategy and compliance for planning contacts; without it the cycle plans none. */
  planning?: PlanningDeps | undefined;
}

/** The time zone whose midnight ends a business date, unless a worker or `cycle run` is told another. */
export const DEFAULT_CYCLE_TIME_ZONE = 'Asia/Shanghai';

/** The lock one cycle holds while it runs (Db.exclusive): the CLI, a worker and the demo take turns. */
export const CYCLE_LOCK = 'the daily cycle';

/**
 * Closes business dates up to opts.date (or re-derives them, with replay), resuming an interrupted
 * run first. One cycle runs at a time: a second, in any process, fails with ALREADY_RUNNING before it
 * reads anything (each batch's checkpoint would also refuse a batch done twice, but only after the
 * work).
 */
export function runCycle(db: Db, clock: Clock, opts: RunOptions): Promise<CycleSummary> {
  return db.exclusive(CYCLE_LOCK, () => runCycleHeld(db, clock, opts));
}

/**
 * The night's job of a worker (and of the demo): closes every date up to yesterday in the time zone,
 * then applies the experiments' guardrails. When a cycle is already running in another process (an
 * operator's `fairdebt cycle run`, another worker), the night's work is left to it: returns false.
 */
export async function nightlyCycle(db: Db, clock: Clock, timeZone: string, planning: PlanningDeps | undefined): Promise<boolean> {
  let s: CycleSummary;
  try {
    s = await runCycle(db, clock, { date: addDays(dateInZone(clock.now(), timeZone), -1), planning });
  } catch (err) {
    if (err instanceof AppError && err.code === 'ALREADY_RUNNING') return false;
    throw err;
  }
  if (!s.alreadyClosed) await checkGuardrails(db, clock, s.targetDate);
  return true;
}

async function runCycleHeld(db: Db, clock: Clock, opts: RunOptions): Promise<CycleSummary> {
  const started = performance.now();
  const last = await lastClosedDate(db);
  const replay = opts.replay ?? false;
  if (replay) {
    if (!last || opts.date > last) throw new AppError('VALIDATION_FAILED', `date: --replay re-derives closed dates; ${opts.date} is after the last closed date ${last ?? '(none)'}`, { issues: [{ path: 'date', message: 'after the last closed date' }] });
  } else if (last && opts.date < last) {
    throw new AppError('DATE_BEFORE_LAST_CLOSED', `date: ${opts.date} is before the last closed business date ${last}; use --replay to re-derive history from that date`, { issues: [{ path: 'date', message: `before the last closed date ${last}` }] });
  }
  const rows: Record<string, number> = {};
  const stepSeconds: Record<string, number> = {};
  let rewound = 0;
  let resumed = false;
  let dates = 0;

  let [run] = await db.query<RunRow>('SELECT id, target_date, from_date, replay, prelude_done FROM cycle_runs WHERE finished_at IS NULL');
  if (run) resumed = true;
  if (run && (run.target_date !== (replay ? last : opts.date) || run.replay !== replay)) {
    // Finish the interrupted run before starting what was asked for now.
    const r = await executeRun(db, clock, run, opts, rows, stepSeconds);
    rewound += r.rewound;
    dates += r.dates;
    run = undefined;
  }
  if (!run) {
    const target = replay ? last! : opts.date;
    if (!replay && last && target === last) {
      return { targetDate: target, fromDate: null, replay, alreadyClosed: true, resumed, dates, rewoundAccounts: rewound, rows, stepSeconds, seconds: (performance.now() - started) / 1000 };
    }
    const fromDate = replay ? opts.date : await firstOpenDate(db, target);
    [run] = await db.query<RunRow>(
      'INSERT INTO cycle_runs (target_date, from_date, replay, started_at) VALUES ($1, $2, $3, $4) RETURNING id, target_date, from_date, replay, prelude_done',
      [target, fromDate ?? target, replay, clock.now()],
    );
  }
  const r = await executeRun(db, clock, run!, opts, rows, stepSeconds);
  rewound += r.rewound;
  dates += r.dates;
  return { targetDate: run!.target_date, fromDate: run!.from_date, replay, alreadyClosed: false, resumed, dates, rewoundAccounts: rewound, rows, stepSeconds, seconds: (performance.now() - started) / 1000 };
}

/** The first date some account still has to close: the day after the smallest closed_through. */
async function firstOpenDate(db: Db, target: string): Promise<string | null> {
  const [r] = await db.query<{ d: string | null }>('SELECT min(closed_through) AS d FROM account_state');
  if (!r?.d) return null;
  const d = addDays(r.d, 1);
  return d <= target ? d : target;
}

async function executeRun(db: Db, clock: Clock, run: RunRow, opts: RunOptions, rows: Record<string, number>, stepSeconds: Record<string, number>): Promise<{ rewound: number; dates: number }> {
  const last = await lastClosedDate(db);
  const openDay = last ? addDays(last, 1) : run.target_date;
  // Prelude: rewind accounts whose history must be derived again. For a replay this happens once
  // (it would undo the replay's own progress if repeated); late facts are looked for at every start.
  let rewound = 0;
  if (!run.prelude_done) {
    rewound = await rewindForRun(db, run, openDay);
    if (run.replay) await db.query('UPDATE cycle_runs SET prelude_done = true WHERE id = $1', [run.id]);
  }
  // Late facts may have moved some accounts back before the run's first date.
  const [earliest] = await db.query<{ d: string | null }>('SELECT min(closed_through) AS d FROM account_state');
  let from = run.from_date;
  if (earliest?.d && addDays(earliest.d, 1) < from) from = addDays(earliest.d, 1);
  const [bounds] = await db.query<{ lo: number | null; hi: number | null }>('SELECT min(account_id) AS lo, max(account_id) AS hi FROM account_state');
  const batchSize = opts.batchSize ?? BATCH_SIZE_ACCOUNTS;
  const batches: Array<[number, number]> = [];
  if (bounds?.lo != null && bounds.hi != null) for (let lo = bounds.lo; lo <= bounds.hi; lo += batchSize) batches.push([lo, Math.min(lo + batchSize - 1, bounds.hi)]);
  const done = new Set(
    (await db.query<{ business_date: string; step: string; batch_no: number }>('SELECT business_date, step, batch_no FROM cycle_checkpoints WHERE run_id = $1', [run.id])).map(
      (c) => `${c.business_date}|${c.step}|${c.batch_no}`,
    ),
  );
  const steps = stepsFor(opts.planning);
  const totalDays = Math.max(0, daysBetween(from, run.target_date) + 1);
  const total = totalDays * steps.length * batches.length;
  let progress = 0;
  let dates = 0;
  for (let d = from; d <= run.target_date; d = addDays(d, 1)) {
    // A date before the open day is a catch-up for lagging accounts only: skip it when none lag.
    if (d < openDay) {
      const [lag] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM account_state WHERE closed_through = $1::date - 1) AS any', [d]);
      if (!lag?.any) {
        progress += steps.length * batches.length;
        continue;
      }
    }
    dates++;
    const postedOn = d < openDay ? openDay : d;
    // Every step selects accounts closed through the day before; yesterday's statistics know no such
    // accounts yet, and the planner would take that filter as selective. Fresh statistics keep the
    // plans driven by the small candidate sets (a sample of the table: cheap next to the step itself).
    if (!done.has(`${d}|${steps[0]!.name}|0`)) {
      faultPoint('cycle.date.start');
      await opts.beforeDate?.(d);
      await db.exec('ANALYZE account_state');
    }
    for (const step of steps) {
      for (let b = 0; b < batches.length; b++) {
        progress++;
        if (done.has(`${d}|${step.name}|${b}`)) continue;
        const [lo, hi] = batches[b]!;
        const t0 = performance.now();
        // Fault points (platform/faults.ts) name the moment, not the step: the same three for every step.
        faultPoint('cycle.batch.start');
        const n = await db.transaction(async (tx) => {
          const affected = await step.run(tx, { date: d, postedOn, lo, hi });
          faultPoint('cycle.batch.before-checkpoint');
          await tx.query('INSERT INTO cycle_checkpoints (run_id, business_date, step, batch_no, rows_affected, done_at) VALUES ($1, $2, $3, $4, $5, $6)', [run.id, d, step.name, b, affected, clock.now()]);
          faultPoint('cycle.batch.before-commit');
          return affected;
        });
        faultPoint('cycle.batch.after-commit');
        rows[step.name] = (rows[step.name] ?? 0) + n;
        stepSeconds[step.name] = Math.round(((stepSeconds[step.name] ?? 0) + (performance.now() - t0) / 1000) * 1000) / 1000;
        opts.onProgress?.({ date: d, step: step.name, done: progress, total });
      }
    }
  }
  faultPoint('cycle.run.before-close');
  await db.transaction(async (tx) => {
    const summary = { fromDate: from, targetDate: run.target_date, replay: run.replay, rows };
    await tx.query('UPDATE cycle_runs SET finished_at = $2, summary = $3 WHERE id = $1', [run.id, clock.now(), JSON.stringify(summary)]);
    const newLast = last && last > run.target_date ? last : run.target_date;
    await setSetting(tx, 'last_closed_date', newLast);
    await setSetting(tx, 'business_date', addDays(newLast, 1));
    await appendAudit(tx, clock.now(), { type: 'CYCLE_CLOSED', actor: 'system:cycle', subject: `cycle:${run.target_date}`, data: summary });
  });
  return { rewound, dates };
}

/**
 * Accounts to rewind before a run: for a replay, every account closed on or after its first date;
 * otherwise the accounts with a money movement dated on or before the date they are closed through.
 */
async function rewindForRun(db: Db, run: RunRow, postedOn: string): Promise<number> {
  let total = 0;
  for (;;) {
    const targets = run.replay
      ? await db.query<{ account_id: number; to_date: string }>(
          `SELECT account_id, ($1::date - 1)::text AS to_date FROM account_state WHERE closed_through >= $1::date ORDER BY account_id LIMIT $2`,
          [run.from_date, REWIND_BATCH_ACCOUNTS],
        )
      : await db.query<{ account_id: number; to_date: string }>(
          `SELECT t.account_id, (min(t.value_date) - 1)::text AS to_date
           FROM transactions t JOIN account_state s ON s.account_id = t.account_id AND s.customer_id = t.customer_id
           WHERE t.status = 'pending' AND t.value_date <= s.closed_through
           GROUP BY t.account_id ORDER BY t.account_id LIMIT $1`,
          [REWIND_BATCH_ACCOUNTS],
        );
    if (targets.length === 0) return total;
    await db.transaction(async (tx) => {
      const byDate = new Map<string, number[]>();
      for (const t of targets) byDate.set(t.to_date, [...(byDate.get(t.to_date) ?? []), t.account_id]);
      for (const [toDate, ids] of byDate) await rewindAccounts(tx, ids, toDate, postedOn);
      faultPoint('cycle.rewind.before-commit');
    });
    faultPoint('cycle.rewind.after-commit');
    total += targets.length;
  }
}

/**
 * Runs every step for some accounts over a range of dates inside the caller's transaction: how one
 * account catches up after a backdated payment, without waiting for the next cycle.
 */
export async function replayAccounts(tx: Db, accountIds: readonly number[], fromDate: string, toDate: string, postedOn: string): Promise<void> {
  for (let d = fromDate; d <= toDate; d = addDays(d, 1)) {
    for (const step of CYCLE_STEPS) for (const id of accountIds) await step.run(tx, { date: d, postedOn, lo: id, hi: id });
  }
}

/** Posts what is due today and the day's money movements for some accounts, before the day is closed. */
export async function postOpenDay(tx: Db, accountIds: readonly number[], date: string): Promise<void> {
  for (const id of accountIds) {
    await postDueStep(tx, { date, postedOn: date, lo: id, hi: id });
    await allocateStep(tx, { date, postedOn: date, lo: id, hi: id });
  }
}
