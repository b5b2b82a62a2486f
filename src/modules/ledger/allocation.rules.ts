/**
 * Payment allocation by a waterfall that is data (Fineract's "payment allocation rules"). Pure.
 *
 * Only what is payable on the value date is paid: an instalment once its due date has come, a
 * statement from the day it is issued. What is left over pays a revolving line's unbilled principal;
 * the rest is held as credit and applied to the next item when it falls due.
 */
import type { Component, ItemBalance, Waterfall } from './ledger.types.ts';

export interface AllocationLine {
  /** The due item paid, or null for unbilled principal and credit. */
  itemSeq: number | null;
  component: Component | 'credit';
  /** How much of the payment went here (always > 0). */
  amountMinor: number;
}

export interface AllocationInput {
  amountMinor: number;
  valueDate: string;
  productKind: 'revolving' | 'instalment';
  items: readonly ItemBalance[];
  unbilledPrincipalMinor: number;
  waterfall: Waterfall;
}

export function isPayable(item: ItemBalance, valueDate: string): boolean {
  return item.createdOn <= valueDate && (item.kind === 'statement' || item.dueOn <= valueDate);
}

export function outstanding(item: ItemBalance, component: Component): number {
  switch (component) {
    case 'fees':
      return item.feesChargedMinor - item.feesPaidMinor;
    case 'penalty':
      return item.penaltyChargedMinor - item.penaltyPaidMinor;
    case 'interest':
      return item.interestChargedMinor - item.interestPaidMinor;
    case 'principal':
      return item.principalDueMinor - item.principalPaidMinor;
  }
}

/** What must be paid towards an item for it to count as paid on time: its minimum, or all that was actually charged if less. */
export function settlementThreshold(item: ItemBalance): number {
  return Math.min(item.minimumDueMinor, item.principalDueMinor + item.interestChargedMinor);
}

export function isSettled(item: ItemBalance): boolean {
  return item.principalPaidMinor + item.interestPaidMinor >= settlementThreshold(item);
}

export function allocatePayment(input: AllocationInput): AllocationLine[] {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor < 0) throw new RangeError('amountMinor must be a non-negative safe integer');
  let remaining = input.amountMinor;
  const lines: AllocationLine[] = [];
  const payable = input.items
    .filter((i) => isPayable(i, input.valueDate))
    .sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.seq - b.seq));
  const pay = (item: ItemBalance, component: Component) => {
    if (remaining === 0) return;
    const owed = outstanding(item, component);
    if (owed <= 0) return;
    const amount = Math.min(owed, remaining);
    remaining -= amount;
    lines.push({ itemSeq: item.seq, component, amountMinor: amount });
  };
  if (input.waterfall.order === 'component_first') {
    for (const c of input.waterfall.components) for (const item of payable) pay(item, c);
  } else {
    for (const item of payable) for (const c of input.waterfall.components) pay(item, c);
  }
  if (remaining > 0 && input.productKind === 'revolving' && input.unbilledPrincipalMinor > 0) {
    const amount = Math.min(remaining, input.unbilledPrincipalMinor);
    remaining -= amount;
    lines.push({ itemSeq: null, component: 'principal', amountMinor: amount });
  }
  if (remaining > 0) lines.push({ itemSeq: null, component: 'credit', amountMinor: remaining });
  return lines;
}

/** Applies allocation lines to item balances (a copy), for callers that allocate several payments in a row. */
export function applyLines(items: readonly ItemBalance[], lines: readonly AllocationLine[]): ItemBalance[] {
  const bySeq = new Map(items.map((i) => [i.seq, { ...i }]));
  for (const l of lines) {
    if (l.itemSeq === null) continue;
    const item = bySeq.get(l.itemSeq);
    if (!item) throw new Error(`allocation names unknown item ${l.itemSeq}`);
    if (l.component === 'fees') item.feesPaidMinor += l.amountMinor;
    else if (l.component === 'penalty') item.penaltyPaidMinor += l.amountMinor;
    else if (l.component === 'interest') item.interestPaidMinor += l.amountMinor;
    else if (l.component === 'principal') item.principalPaidMinor += l.amountMinor;
  }
  return [...bySeq.values()];
}
