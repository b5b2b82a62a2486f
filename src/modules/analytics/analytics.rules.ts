/**
 * Analytics (C15), the pure part: the dates a roll-rate matrix compares, the periods a series covers,
 * ratios with their numerator and denominator, and the shaping of the rows the queries return into
 * matrices, curves and series. No database and no clock here: the queries pass the dates in.
 */
import { Temporal } from 'temporal-polyfill';
import { addDays, daysBetween, type IsoDate } from '../../platform/dates.ts';

/** How a series is cut: calendar months ('YYYY-MM') or ISO weeks (keyed by their Monday, 'YYYY-MM-DD'). */
export const PERIODS = ['month', 'week'] as const;
export type Period = (typeof PERIODS)[number];

/** Longest date range one request may cover, in days (about three years). */
export const MAX_RANGE_DAYS = 1100;
/** Cure curves follow each cohort this many days after entry, in steps of CURE_STEP_DAYS. */
export const CURE_HORIZON_DAYS = 90;
export const CURE_STEP_DAYS = 5;
/** The agency filter's value for accounts, calls and contacts of the lender's own staff. */
export const IN_HOUSE = 'in_house';

/** A rate with what it was computed from; `rate` is null when the denominator is zero. */
export interface Ratio {
  numerator: number;
  denominator: number;
  rate: number | null;
}

/** numerator / denominator × scale, rounded to 4 decimals (shares) — null without a denominator. */
export function ratio(numerator: number, denominator: number, scale = 1): Ratio {
  const rate = denominator > 0 ? Math.round((numerator * scale * 10_000) / denominator) / 10_000 : null;
  return { numerator, denominator, rate };
}

/** Complaints per 10,000 contacts, to 2 decimals; null without contacts. */
export function per10k(complaints: number, contacts: number): Ratio {
  const rate = contacts > 0 ? Math.round((complaints * 10_000 * 100) / contacts) / 100 : null;
  return { numerator: complaints, denominator: contacts, rate };
}

/** The key of the period a date falls in. */
export function periodOf(date: IsoDate, period: Period): string {
  if (period === 'month') return date.slice(0, 7);
  const d = Temporal.PlainDate.from(date);
  return d.subtract({ days: d.dayOfWeek - 1 }).toString();
}

/** Every period key from the one holding `from` to the one holding `to`, in order (so a series has no gaps). */
export function periodsBetween(from: IsoDate, to: IsoDate, period: Period): string[] {
  const out: string[] = [];
  if (period === 'month') {
    let d = Temporal.PlainYearMonth.from(from.slice(0, 7));
    const last = Temporal.PlainYearMonth.from(to.slice(0, 7));
    while (Temporal.PlainYearMonth.compare(d, last) <= 0) {
      out.push(d.toString());
      d = d.add({ months: 1 });
    }
    return out;
  }
  for (let d = periodOf(from, 'week'); d <= to; d = addDays(d, 7)) out.push(d);
  return out;
}

/**
 * The dates a roll-rate matrix compares, consecutive pairs of which are its transitions: the
 * month-ends within [from, to] (step 'month'), or `from` and every 7th day after it up to `to` ('week').
 */
export function observationDates(from: IsoDate, to: IsoDate, step: Period): IsoDate[] {
  const out: IsoDate[] = [];
  if (step === 'week') {
    for (let d = from; d <= to; d = addDays(d, 7)) out.push(d);
    return out;
  }
  for (const ym of periodsBetween(from, to, 'month')) {
    const end = Temporal.PlainYearMonth.from(ym).toPlainDate({ day: 1 }).add({ months: 1 }).subtract({ days: 1 }).toString();
    if (end >= from && end <= to) out.push(end);
  }
  return out;
}

/** Consecutive pairs of observation dates. */
export function transitions(dates: readonly IsoDate[]): Array<{ from: IsoDate; to: IsoDate }> {
  return dates.slice(1).map((to, i) => ({ from: dates[i]!, to }));
}

export interface RollCell { from: string; to: string; count: number }
export interface RollRow {
  bucket: string;
  /** Accounts in this bucket at the first date of a transition, summed over the transitions. */
  total: number;
  cells: Array<{ to: string; count: number; rate: number | null }>;
  /** Share that moved to a later bucket, to an earlier one, and that stayed. */
  rollForward: Ratio;
  rollBack: Ratio;
  stay: Ratio;
}

/** The full matrix over `buckets` (in policy order), every cell present, rates as shares of the row. */
export function rollMatrix(buckets: readonly string[], cells: readonly RollCell[]): RollRow[] {
  const order = new Map(buckets.map((b, i) => [b, i]));
  const count = new Map(cells.map((c) => [`${c.from}|${c.to}`, c.count]));
  return buckets.map((from, i) => {
    const row = buckets.map((to) => count.get(`${from}|${to}`) ?? 0);
    const total = row.reduce((s, n) => s + n, 0);
    const forward = row.reduce((s, n, j) => s + (j > i ? n : 0), 0);
    const back = row.reduce((s, n, j) => s + (j < i ? n : 0), 0);
    return {
      bucket: from, total,
      cells: buckets.map((to, j) => ({ to, count: row[j]!, rate: ratio(row[j]!, total).rate })),
      rollForward: ratio(forward, total), rollBack: ratio(back, total), stay: ratio(row[i]!, total),
    };
  }).filter((r) => order.has(r.bucket));
}

export interface CureRow {
  cohort: string;
  /** Days from entry to cure; null for cases not cured. */
  days: number | null;
  count: number;
  /** The last entry date of the cohort: later points are not yet observed for all of it. */
  lastEntry: IsoDate;
}
export interface CureCurve {
  cohort: string;
  entered: number;
  cured: number;
  points: Array<{ day: number } & Ratio>;
}

/**
 * Cumulative share of each cohort cured by day 0, step, 2·step … horizon after entry, up to the
 * last day observed for every case of the cohort (asOf − its last entry).
 */
export function cureCurves(rows: readonly CureRow[], asOf: IsoDate, horizonDays = CURE_HORIZON_DAYS, stepDays = CURE_STEP_DAYS): CureCurve[] {
  const cohorts = [...new Set(rows.map((r) => r.cohort))].sort();
  return cohorts.map((cohort) => {
    const mine = rows.filter((r) => r.cohort === cohort);
    const entered = mine.reduce((s, r) => s + r.count, 0);
    const cured = mine.reduce((s, r) => s + (r.days === null ? 0 : r.count), 0);
    const lastEntry = mine.reduce((m, r) => (r.lastEntry > m ? r.lastEntry : m), mine[0]!.lastEntry);
    const observed = Math.min(horizonDays, daysBetween(lastEntry, asOf));
    const points: CureCurve['points'] = [];
    for (let day = 0; day <= observed; day += stepDays) {
      const n = mine.reduce((s, r) => s + (r.days !== null && r.days <= day ? r.count : 0), 0);
      points.push({ day, ...ratio(n, entered) });
    }
    return { cohort, entered, cured, points };
  });
}

export interface PromiseRow { period: string; kept: number; partlyKept: number; broken: number; open: number; promisedMinor: number; paidMinor: number }
export interface PromisePoint extends PromiseRow {
  /** Kept / (kept + partly kept + broken): open promises are not decided yet and count in neither. */
  keptRate: Ratio;
  /** (Kept + partly kept) / decided. */
  anyPaymentRate: Ratio;
}

export function promiseSeries(rows: readonly PromiseRow[], periods: readonly string[]): PromisePoint[] {
  const by = new Map(rows.map((r) => [r.period, r]));
  return periods.map((period) => {
    const r = by.get(period) ?? { period, kept: 0, partlyKept: 0, broken: 0, open: 0, promisedMinor: 0, paidMinor: 0 };
    const decided = r.kept + r.partlyKept + r.broken;
    return { ...r, keptRate: ratio(r.kept, decided), anyPaymentRate: ratio(r.kept + r.partlyKept, decided) };
  });
}

export interface CallRow { period: string; agency: string; team: string; attempts: number; rightParty: number }
export interface RpcPoint { period: string; rate: Ratio }
export interface RpcGroup { agency: string; team: string; rate: Ratio }

/** Right-party contacts / call attempts by period (every period present) and by agency and team. */
export function rpcSeries(rows: readonly CallRow[], periods: readonly string[]): { byPeriod: RpcPoint[]; byTeam: RpcGroup[] } {
  const byPeriod = periods.map((period) => {
    const mine = rows.filter((r) => r.period === period);
    return { period, rate: ratio(sum(mine, 'rightParty'), sum(mine, 'attempts')) };
  });
  const keys = [...new Set(rows.map((r) => `${r.agency}|${r.team}`))].sort();
  const byTeam = keys.map((k) => {
    const [agency, team] = k.split('|') as [string, string];
    const mine = rows.filter((r) => r.agency === agency && r.team === team);
    return { agency, team, rate: ratio(sum(mine, 'rightParty'), sum(mine, 'attempts')) };
  });
  return { byPeriod, byTeam };
}

export interface RecoveryRow { key: string; accounts: number; baseMinor: number; recoveredMinor: number }
export interface RecoveryPoint extends RecoveryRow { rate: Ratio }

/** Recovered / base per group, largest base first. */
export function recoveryRows<T extends RecoveryRow>(rows: readonly T[]): Array<T & { rate: Ratio }> {
  return [...rows].sort((a, b) => b.baseMinor - a.baseMinor || a.key.localeCompare(b.key)).map((r) => ({ ...r, rate: ratio(r.recoveredMinor, r.baseMinor) }));
}

/** The label of a strategy group: the table version, and the experiment arm when there was one. */
export function strategyKey(version: number, experiment: string | null, arm: string | null): string {
  return experiment && arm ? `v${version} · ${experiment}/${arm}` : `v${version}`;
}

export interface ComplaintRow { period: string; agency: string; complaints: number; contacts: number }

/** Complaints per 10k contacts by period (every period present) and by agency (in-house too). */
export function complaintSeries(rows: readonly ComplaintRow[], periods: readonly string[]): { byPeriod: Array<{ period: string; complaints: number; contacts: number; per10k: Ratio }>; byAgency: Array<{ agency: string; complaints: number; contacts: number; per10k: Ratio }> } {
  const byPeriod = periods.map((period) => {
    const mine = rows.filter((r) => r.period === period);
    const c = sum(mine, 'complaints');
    const n = sum(mine, 'contacts');
    return { period, complaints: c, contacts: n, per10k: per10k(c, n) };
  });
  const agencies = [...new Set(rows.map((r) => r.agency))].sort((a, b) => (a === IN_HOUSE ? -1 : b === IN_HOUSE ? 1 : a.localeCompare(b)));
  const byAgency = agencies.map((agency) => {
    const mine = rows.filter((r) => r.agency === agency);
    const c = sum(mine, 'complaints');
    const n = sum(mine, 'contacts');
    return { agency, complaints: c, contacts: n, per10k: per10k(c, n) };
  });
  return { byPeriod, byAgency };
}

/** One row per period, rule and jurisdiction; rows with rule null count the blocked contacts of a period (a contact can be blocked by several rules). */
export interface BlockRow { period: string; rule: string | null; jurisdiction: string | null; count: number }

/** Blocked contacts by rule (most first), by rule and jurisdiction, and by period. */
export function blockSummary(rows: readonly BlockRow[], periods: readonly string[]): {
  total: number; byRule: Array<{ rule: string; count: number }>; byRuleAndJurisdiction: Array<{ rule: string; jurisdiction: string; count: number }>; byPeriod: Array<{ period: string; count: number }>;
} {
  const ruleRows = rows.filter((r): r is BlockRow & { rule: string; jurisdiction: string } => r.rule !== null && r.jurisdiction !== null);
  const tally = (key: (r: BlockRow) => string, of: readonly BlockRow[]) => {
    const m = new Map<string, number>();
    for (const r of of) m.set(key(r), (m.get(key(r)) ?? 0) + r.count);
    return m;
  };
  const byRule = [...tally((r) => r.rule!, ruleRows)].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule));
  const merged = [...tally((r) => `${r.rule}|${r.jurisdiction}`, ruleRows)]
    .map(([k, count]) => { const [rule, jurisdiction] = k.split('|') as [string, string]; return { rule, jurisdiction, count }; })
    .sort((a, b) => b.count - a.count || a.rule.localeCompare(b.rule) || a.jurisdiction.localeCompare(b.jurisdiction));
  const per = tally((r) => r.period, rows.filter((r) => r.rule === null));
  return { total: [...per.values()].reduce((s, n) => s + n, 0), byRule, byRuleAndJurisdiction: merged, byPeriod: periods.map((period) => ({ period, count: per.get(period) ?? 0 })) };
}

function sum<T, K extends keyof T>(rows: readonly T[], key: K): number {
  return rows.reduce((s, r) => s + (r[key] as number), 0);
}
