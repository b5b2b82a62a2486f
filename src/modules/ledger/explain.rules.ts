/**
 * Explains balances: for each component, what raised it and what lowered it. Daily charges at the
 * same rate on the same base are folded into one line ("penalty on instalment 3: ¥1,000.00 × 0.06 %
 * a day × 12 days, 2026-05-02 to 2026-05-13"), so the debtor sees how each amount was computed.
 */
import type { EntryRow } from './projection.rules.ts';
import { addDays } from '../../platform/dates.ts';

export interface ExplainedCharge {
  kind: string;
  itemSeq: number | null;
  fromDate: string;
  toDate: string;
  days: number;
  baseMinor: number | null;
  ratePpm: number | null;
  amountMinor: number;
  cappedMinor: number;
}

export interface ComponentExplanation {
  balanceMinor: number;
  chargedMinor: number;
  reducedMinor: number;
  cappedMinor: number;
  charges: ExplainedCharge[];
  reductions: Array<{ kind: string; valueDate: string; itemSeq: number | null; amountMinor: number }>;
}

export type Explanation = Record<'principal' | 'interest' | 'penalty' | 'fees' | 'credit', ComponentExplanation>;

type ExplainableEntry = EntryRow & { baseMinor: number | null; ratePpm: number | null; days: number | null };

const REDUCING = new Set(['PAYMENT', 'CREDIT_APPLIED', 'WAIVER']);

export function explainEntries(entries: readonly ExplainableEntry[]): Explanation {
  // A replayed entry and its reversal cancel out: explain what stands.
  const reversed = new Set(entries.filter((e) => e.reversesId !== null).map((e) => e.reversesId));
  const live = entries.filter((e) => e.reversesId === null && !reversed.has(e.id));
  const empty = (): ComponentExplanation => ({ balanceMinor: 0, chargedMinor: 0, reducedMinor: 0, cappedMinor: 0, charges: [], reductions: [] });
  const out: Explanation = { principal: empty(), interest: empty(), penalty: empty(), fees: empty(), credit: empty() };
  const runs = new Map<string, ExplainedCharge>();
  for (const e of live) {
    const c = out[e.component];
    c.balanceMinor += e.amountMinor;
    c.cappedMinor += e.cappedMinor;
    if (REDUCING.has(e.kind) || e.amountMinor < 0) {
      c.reducedMinor += -e.amountMinor;
      c.reductions.push({ kind: e.kind, valueDate: e.valueDate, itemSeq: e.itemSeq, amountMinor: -e.amountMinor });
      continue;
    }
    c.chargedMinor += e.amountMinor;
    const key = `${e.kind}|${e.itemSeq}|${e.baseMinor}|${e.ratePpm}`;
    const last = runs.get(key);
    const days = e.days ?? 1;
    if (last && e.days === 1 && isNextDay(last.toDate, e.valueDate)) {
      last.toDate = e.valueDate;
      last.days += 1;
      last.amountMinor += e.amountMinor;
      last.cappedMinor += e.cappedMinor;
    } else {
      const run = { kind: e.kind, itemSeq: e.itemSeq, fromDate: e.valueDate, toDate: e.valueDate, days, baseMinor: e.baseMinor, ratePpm: e.ratePpm, amountMinor: e.amountMinor, cappedMinor: e.cappedMinor };
      c.charges.push(run);
      runs.set(key, run);
    }
  }
  return out;
}

function isNextDay(a: string, b: string): boolean {
  return addDays(a, 1) === b;
}
