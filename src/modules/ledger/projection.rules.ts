/**
 * Derives an account's state as of any date from its entries and due items alone. This is the
 * definition of every balance, of DPD and of the bucket; the daily cycle maintains the same figures
 * incrementally in SQL, and a reconciliation test checks the two agree. It also serves the
 * `--as-of` view and rebuilds the projection when history is replayed after a backdated payment.
 */
import { epochDay, daysBetween } from '../../platform/dates.ts';
import { isSettled } from './allocation.rules.ts';
import type { ItemBalance } from './ledger.types.ts';

export type EntryKind =
  | 'DISBURSEMENT' | 'DRAWDOWN' | 'INTEREST' | 'OVERDUE_INTEREST' | 'PENALTY' | 'LATE_FEE' | 'PAYMENT' | 'CREDIT_APPLIED' | 'ADJUSTMENT' | 'WAIVER'
  // A balance moved from a superseded item (OUT, lowers what it owes) to a plan item (IN, raises what it owes).
  | 'RESTRUCTURE_OUT' | 'RESTRUCTURE_IN'
  // Legal costs charged to the debtor (fees): ordered by a court, outside the cap (COST), or within the cap (FEE).
  | 'LEGAL_COST' | 'LEGAL_FEE';
export type EntryComponent = 'principal' | 'interest' | 'penalty' | 'fees' | 'credit';

export interface EntryRow {
  id: number;
  itemSeq: number | null;
  valueDate: string;
  kind: EntryKind;
  component: EntryComponent;
  amountMinor: number;
  cappedMinor: number;
  reversesId: number | null;
}

/**
 * The contractual part of a due item. `supersededOn`: the date a plan or deferral moved the item's
 * balance to new items; the item counts as settled from that day and is charged nothing after it.
 */
export type ItemContract = Pick<ItemBalance, 'seq' | 'kind' | 'dueOn' | 'createdOn' | 'principalDueMinor' | 'interestDueMinor' | 'minimumDueMinor'> & { supersededOn?: string | null };

export interface DerivedItem extends ItemBalance {
  supersededOn?: string | null;
  chargedOn: string | null;
  lateFeeOn: string | null;
}

export interface DerivedState {
  asOf: string;
  principalMinor: number;
  interestMinor: number;
  penaltyMinor: number;
  feesMinor: number;
  creditMinor: number;
  totalMinor: number;
  principalDateWeight: number;
  costChargedMinor: number;
  costCappedMinor: number;
  overdueMinor: number;
  /** Due date of the oldest unsettled item past due, or null. */
  delinquentSince: string | null;
  /** Some item past due has principal outstanding or is unsettled: daily charges accrue. */
  accruing: boolean;
  dpd: number;
  items: DerivedItem[];
}

/** Entry kinds that are a cost of credit for the total-cost cap. */
export const COST_KINDS: ReadonlySet<EntryKind> = new Set(['INTEREST', 'OVERDUE_INTEREST', 'PENALTY', 'LATE_FEE', 'LEGAL_FEE']);
/** Entry kinds that reduce what is owed on an item (payments, credit applied, waivers). */
export const REDUCTION_KINDS: ReadonlySet<EntryKind> = new Set(['PAYMENT', 'CREDIT_APPLIED', 'WAIVER', 'RESTRUCTURE_OUT']);

export function deriveState(contracts: readonly ItemContract[], entries: readonly EntryRow[], asOf: string): DerivedState {
  const items = new Map<number, DerivedItem>(
    contracts
      .filter((c) => c.createdOn <= asOf)
      .map((c) => [
        c.seq,
        { ...c, principalPaidMinor: 0, interestChargedMinor: 0, interestPaidMinor: 0, penaltyChargedMinor: 0, penaltyPaidMinor: 0, feesChargedMinor: 0, feesPaidMinor: 0, settledOn: null, chargedOn: null, lateFeeOn: null },
      ]),
  );
  const live = entries.filter((e) => e.valueDate <= asOf).sort((a, b) => (a.valueDate < b.valueDate ? -1 : a.valueDate > b.valueDate ? 1 : a.id - b.id));
  const reversed = new Set(live.filter((e) => e.reversesId !== null).map((e) => e.reversesId));
  const s: DerivedState = {
    asOf, principalMinor: 0, interestMinor: 0, penaltyMinor: 0, feesMinor: 0, creditMinor: 0, totalMinor: 0,
    principalDateWeight: 0, costChargedMinor: 0, costCappedMinor: 0, overdueMinor: 0, delinquentSince: null, accruing: false, dpd: 0, items: [],
  };
  let i = 0;
  while (i < live.length) {
    const day = live[i]!.valueDate;
    for (; i < live.length && live[i]!.valueDate === day; i++) {
      const e = live[i]!;
      applyToAccount(s, e);
      const item = e.itemSeq === null ? undefined : items.get(e.itemSeq);
      if (item) applyToItem(item, e, reversed);
    }
    for (const item of items.values()) if (item.settledOn === null && isDueForSettlement(item, day) && isSettled(item)) item.settledOn = day;
  }
  for (const item of items.values()) {
    // Contractual interest is charged on the due date, unless the item was superseded before it fell due.
    if (item.kind !== 'statement' && item.dueOn <= asOf && !(item.supersededOn && item.supersededOn < item.dueOn)) item.chargedOn = item.dueOn;
    if (item.kind === 'statement') item.chargedOn = item.createdOn;
  }
  s.totalMinor = s.principalMinor + s.interestMinor + s.penaltyMinor + s.feesMinor + s.creditMinor;
  let oldest: string | null = null;
  for (const item of items.values()) {
    if (item.dueOn >= asOf) continue;
    s.overdueMinor += outstandingTotal(item);
    const unsettled = item.settledOn === null || item.settledOn > asOf;
    if (unsettled && (oldest === null || item.dueOn < oldest)) oldest = item.dueOn;
    if (unsettled || item.principalPaidMinor < item.principalDueMinor) s.accruing = true;
  }
  s.delinquentSince = oldest;
  s.dpd = oldest === null ? 0 : daysBetween(oldest, asOf);
  s.items = [...items.values()].sort((a, b) => a.seq - b.seq);
  return s;
}

/** An item can only become settled once it is payable: a statement when issued, an instalment on its due date. */
function isDueForSettlement(item: DerivedItem, day: string): boolean {
  if (item.supersededOn && item.supersededOn <= day) return true;
  return item.kind === 'statement' ? item.createdOn <= day : item.dueOn <= day;
}

export function outstandingTotal(i: ItemBalance): number {
  return (
    i.principalDueMinor - i.principalPaidMinor +
    (i.interestChargedMinor - i.interestPaidMinor) +
    (i.penaltyChargedMinor - i.penaltyPaidMinor) +
    (i.feesChargedMinor - i.feesPaidMinor)
  );
}

function applyToAccount(s: DerivedState, e: EntryRow): void {
  switch (e.component) {
    case 'principal':
      s.principalMinor += e.amountMinor;
      s.principalDateWeight += e.amountMinor * epochDay(e.valueDate);
      break;
    case 'interest':
      s.interestMinor += e.amountMinor;
      break;
    case 'penalty':
      s.penaltyMinor += e.amountMinor;
      break;
    case 'fees':
      s.feesMinor += e.amountMinor;
      break;
    case 'credit':
      s.creditMinor += e.amountMinor;
      break;
  }
  if (COST_KINDS.has(e.kind)) {
    s.costChargedMinor += e.amountMinor;
    s.costCappedMinor += e.cappedMinor;
  }
}

function applyToItem(item: DerivedItem, e: EntryRow, reversed: ReadonlySet<number | null>): void {
  const reduction = REDUCTION_KINDS.has(e.kind);
  const amount = reduction ? -e.amountMinor : e.amountMinor;
  switch (e.component) {
    case 'principal':
      if (reduction) item.principalPaidMinor += amount;
      break;
    case 'interest':
      if (reduction) item.interestPaidMinor += amount;
      else item.interestChargedMinor += amount;
      break;
    case 'penalty':
      if (reduction) item.penaltyPaidMinor += amount;
      else item.penaltyChargedMinor += amount;
      break;
    case 'fees':
      if (reduction) item.feesPaidMinor += amount;
      else item.feesChargedMinor += amount;
      break;
    case 'credit':
      break;
  }
  if (e.kind === 'LATE_FEE' && e.reversesId === null && !reversed.has(e.id)) item.lateFeeOn = e.valueDate;
}
