/**
 * Carrying a concession out on the ledger, on its effective date. The same function serves the
 * command that activates a concession and the daily cycle's `concessions` step, which posts again
 * the concessions of a date whose postings a replay reversed (a backdated payment before the plan).
 *
 * The lines are derived from what the items owe at that moment, never copied from the request: what
 * a superseded item owes is moved (RESTRUCTURE_OUT) or waived (WAIVER) in full, and the plan items
 * receive exactly the schedule that was agreed (RESTRUCTURE_IN). If a late payment dated before the
 * plan lowered what was owed, the difference is held as credit (溢缴款) on the plan date and applied
 * to the plan's instalments as they fall due: the debtor never pays twice.
 */
import type { Db } from '../../platform/db.ts';
import { addPlanItems, loadItemViews, postConcessionLines, supersedeItems, type ConcessionLine } from '../ledger/index.ts';
import { COMPONENT_ORDER, outstandingTotal, sumOf, zero, type Components, type Restructure } from './plans.rules.ts';
import { waiverLines, type Waiver } from './waivers.rules.ts';
import type { ConcessionRecord } from './concessions.store.ts';
import type { Waivable } from './policy.types.ts';

export interface RestructureTerms {
  request: Record<string, unknown>;
  restructure: Restructure;
  /** Components waived in full on the superseded items. */
  waivedComponents: Waivable[];
  /** The plan items' seqs, once created. */
  planSeqs?: number[];
}

export interface WaiverTerms {
  request: Record<string, unknown>;
  waiver: Waiver;
}

export interface SettlementTerms {
  request: Record<string, unknown>;
  settlement: { amountMinor: number; payByOn: string; balanceMinor: number; discountMinor: number };
  settledOn?: string;
}

const reasonOf = (c: Pick<ConcessionRecord, 'id' | 'kind'>) => `${c.kind}:${c.id}`;

/** Posts a concession on `date`; returns the terms to store back (a plan learns its items' seqs). */
export async function applyConcession(tx: Db, c: ConcessionRecord, date: string, postedOn: string): Promise<Record<string, unknown>> {
  if (c.kind === 'plan' || c.kind === 'deferral') return applyRestructure(tx, c, date, postedOn);
  if (c.kind === 'waiver') {
    const t = c.terms as unknown as WaiverTerms;
    const items = await loadItemViews(tx, c.accountId);
    const lines: ConcessionLine[] = waiverLines(t.waiver.component, t.waiver.amountMinor, items).map((l) => ({ itemSeq: l.itemSeq, kind: 'WAIVER', component: l.component, amountMinor: -l.amountMinor }));
    await postConcessionLines(tx, { accountId: c.accountId, customerId: c.customerId, date, postedOn, concessionId: c.id, reason: reasonOf(c), lines });
    return c.terms;
  }
  return c.terms;
}

async function applyRestructure(tx: Db, c: ConcessionRecord, date: string, postedOn: string): Promise<Record<string, unknown>> {
  const t = c.terms as unknown as RestructureTerms;
  const r = t.restructure;
  let planSeqs = t.planSeqs;
  if (!planSeqs) {
    planSeqs = await addPlanItems(tx, c.accountId, c.customerId, c.id, date, r.items.map((i) => ({
      dueOn: i.dueOn, periodStart: i.periodStart, principalMinor: i.principalMinor, interestMinor: i.interestMinor, interestBaseMinor: i.interestBaseMinor,
      interestDays: i.interestDays, amountMinor: i.amountMinor,
    })));
    await supersedeItems(tx, c.accountId, r.supersededSeqs, date, c.id);
  }
  const items = await loadItemViews(tx, c.accountId);
  const bySeq = new Map(items.map((i) => [i.seq, i]));
  const waived = new Set<string>(t.waivedComponents);
  const lines: ConcessionLine[] = [];
  const moved = zero();
  for (const seq of r.supersededSeqs) {
    const item = bySeq.get(seq);
    if (!item) continue;
    const o = outstandingTotal([item]);
    for (const comp of COMPONENT_ORDER) {
      if (o[comp] <= 0) continue;
      const isWaived = comp !== 'principal' && waived.has(comp);
      lines.push({ itemSeq: seq, kind: isWaived ? 'WAIVER' : 'RESTRUCTURE_OUT', component: comp, amountMinor: -o[comp] });
      if (!isWaived) moved[comp] += o[comp];
    }
  }
  const agreed: Components = zero();
  r.items.forEach((it, k) => {
    const seq = planSeqs![k]!;
    const parts: Components = { principal: it.principalMinor, interest: it.carried.interest, penalty: it.carried.penalty, fees: it.carried.fees };
    for (const comp of COMPONENT_ORDER) {
      agreed[comp] += parts[comp];
      if (parts[comp] > 0) lines.push({ itemSeq: seq, kind: 'RESTRUCTURE_IN', component: comp, amountMinor: parts[comp] });
    }
  });
  // What was owed on the day may differ from what was agreed only after a replay (a late payment
  // dated earlier). Less owed: the difference is held as credit. More owed (not expected, as late
  // facts only lower what is owed): it stays owed on the last plan item.
  let shortfall = 0;
  const lastSeq = planSeqs.at(-1) ?? null;
  for (const comp of COMPONENT_ORDER) {
    const diff = moved[comp] - agreed[comp];
    if (diff < 0) shortfall -= diff;
    else if (diff > 0 && lastSeq !== null) lines.push({ itemSeq: lastSeq, kind: 'RESTRUCTURE_IN', component: comp, amountMinor: diff });
  }
  if (shortfall > 0) lines.push({ itemSeq: null, kind: 'RESTRUCTURE_IN', component: 'credit', amountMinor: -shortfall });
  await postConcessionLines(tx, { accountId: c.accountId, customerId: c.customerId, date, postedOn, concessionId: c.id, reason: reasonOf(c), lines });
  return { ...c.terms, planSeqs };
}

/** A settlement paid in time: everything else owed is forgiven and the items are closed that day. */
export async function applySettlement(tx: Db, c: ConcessionRecord, date: string, postedOn: string): Promise<void> {
  const items = await loadItemViews(tx, c.accountId);
  // Items superseded on this very date are this settlement's own, when a replay posts it again.
  const open = items.filter((i) => (i.supersededOn === null || i.supersededOn >= date) && sumOf(outstandingTotal([i])) > 0);
  await supersedeItems(tx, c.accountId, open.map((i) => i.seq), date, c.id);
  const lines: ConcessionLine[] = [];
  for (const item of open) {
    const o = outstandingTotal([item]);
    for (const comp of COMPONENT_ORDER) if (o[comp] > 0) lines.push({ itemSeq: item.seq, kind: 'WAIVER', component: comp, amountMinor: -o[comp] });
  }
  await postConcessionLines(tx, { accountId: c.accountId, customerId: c.customerId, date, postedOn, concessionId: c.id, reason: reasonOf(c), lines });
}
