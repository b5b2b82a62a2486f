/**
 * Instalment plans (分期) and deferrals (延期), pure. Both are a *restructure*: the items of the
 * account that still owe something are superseded, what they owe (less what is waived) is the
 * restructured balance, and it is rescheduled as new items of kind 'plan'. The ledger carries this out
 * with RESTRUCTURE_OUT/IN and WAIVER entries (negotiation.cycle.ts); this file only computes.
 *
 * Money is integer minor units throughout. Splitting a balance over instalments rounds down on every
 * instalment and puts the residue on the last, so the instalments sum to the restructured balance
 * exactly; interest is rounded half up per instalment. Rates (the plan's annualised rate) are the only
 * floating-point numbers, and they never become money.
 */
import { addDays, addMonthsClamped, daysBetween, epochDay } from '../../platform/dates.ts';
import type { NegotiationPolicy, Waivable } from './policy.types.ts';
import type { ItemView as LedgerItemView } from '../ledger/index.ts';

export const COMPONENT_ORDER = ['fees', 'penalty', 'interest', 'principal'] as const;
export type PlanComponent = (typeof COMPONENT_ORDER)[number];
export type Components = Record<PlanComponent, number>;

export const zero = (): Components => ({ fees: 0, penalty: 0, interest: 0, principal: 0 });
export const sumOf = (c: Components): number => c.fees + c.penalty + c.interest + c.principal;

/** One due item of the account as the rules see it: the ledger's view, without the concession that made it. */
export type ItemView = Omit<LedgerItemView, 'concessionId'>;

/** The account on its open business date, with what the rules need to know. */
export interface AccountView {
  today: string;
  productCode: string;
  productKind: 'revolving' | 'instalment';
  bucket: string;
  dpd: number;
  currency: string;
  costCapAnnualBp: number | null;
  principalMinor: number;
  principalDateWeight: number;
  costChargedMinor: number;
  /** Everything owed now (principal, interest, penalty, fees, less credit held). */
  balanceMinor: number;
  items: ItemView[];
  /** Active or pending plans and deferrals of the account. */
  openRestructures: ReadonlyArray<{ id: number; kind: string; status: string }>;
  /** The last date a deferral of the account took effect, if any. */
  lastDeferralOn: string | null;
  /** One-time flags this customer has used up. */
  usedOneTimeFlags: readonly string[];
}

/** One new item of a restructure: what it carries over and what it adds. */
export interface NewItem {
  n: number;
  dueOn: string;
  periodStart: string;
  principalMinor: number;
  /** Interest, penalty and fees moved onto this item from the superseded ones. */
  carried: { interest: number; penalty: number; fees: number };
  /** New interest charged on the due date (plan or deferral interest). */
  interestMinor: number;
  interestBaseMinor: number;
  interestDays: number;
  /** What the debtor pays on the due date: principal + carried + interest. */
  amountMinor: number;
}

export interface Restructure {
  kind: 'plan' | 'deferral';
  today: string;
  supersededSeqs: number[];
  /** What the superseded items owe now, by component. */
  outstanding: Components;
  /** What is forgiven, by component. */
  waived: Components;
  /** Of the waived amount, what was asked for beyond the policy's own waivers (needs an approver's limit). */
  discretionaryMinor: number;
  /** The restructured balance: outstanding − waived, which the new items' principal and carried parts sum to. */
  balanceMinor: number;
  items: NewItem[];
  /** New interest over the schedule (plan or deferral interest): the cost of the arrangement. */
  costMinor: number;
  totalPayableMinor: number;
  /** Annualised rate of the schedule (IRR of −balance today and the instalments), in basis points. */
  annualRateBp: number;
  costCap: { annualBp: number | null; withinCap: boolean; reason: string | null };
  oneTimeFlags: string[];
}

export interface Issue {
  field: string;
  message: string;
}

export type Verdict<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const outstandingOf = (i: ItemView): Components => ({
  fees: i.feesChargedMinor - i.feesPaidMinor,
  penalty: i.penaltyChargedMinor - i.penaltyPaidMinor,
  interest: i.interestChargedMinor - i.interestPaidMinor,
  principal: i.principalDueMinor - i.principalPaidMinor,
});

/** Items that still owe something and are not superseded already: what a restructure replaces. */
export function supersedable(items: readonly ItemView[]): ItemView[] {
  return items.filter((i) => i.supersededOn === null && sumOf(outstandingOf(i)) > 0).sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.seq - b.seq));
}

/** What the given items owe by component. */
export function outstandingTotal(items: readonly ItemView[]): Components {
  const t = zero();
  for (const i of items) {
    const o = outstandingOf(i);
    for (const c of COMPONENT_ORDER) t[c] += o[c];
  }
  return t;
}

/** Interest on a principal for some days at an annual rate in basis points, rounded half up. */
export function simpleInterestMinor(principalMinor: number, annualBp: number, days: number): number {
  if (principalMinor <= 0 || annualBp <= 0 || days <= 0) return 0;
  const num = BigInt(principalMinor) * BigInt(annualBp) * BigInt(days);
  const den = 3_650_000n;
  return Number((num * 2n + den) / (den * 2n));
}

/**
 * Splits `total` into `n` parts: each floor(total / n), the residue on the last. With a first part
 * fixed (a down payment), the rest is split the same way.
 */
export function splitEvenly(total: number, n: number, first: number | null = null): number[] {
  if (n <= 0) return [];
  if (first !== null) return [first, ...splitEvenly(total - first, n - 1)];
  const each = Math.floor(total / n);
  return Array.from({ length: n }, (_, k) => (k === n - 1 ? total - each * (n - 1) : each));
}

/**
 * Fills instalment targets from the components, oldest costs first (fees, penalty, interest, then
 * principal), so that every target is met exactly and every component is used up exactly.
 */
export function fillTargets(balance: Components, targets: readonly number[]): Array<Components> {
  const left = { ...balance };
  return targets.map((t) => {
    const part = zero();
    let need = t;
    for (const c of COMPONENT_ORDER) {
      const take = Math.min(need, left[c]);
      part[c] += take;
      left[c] -= take;
      need -= take;
    }
    return part;
  });
}

/** Net present value of dated cash flows at an effective annual rate (flows on `from` are at t = 0). */
function npv(flows: ReadonlyArray<{ days: number; amountMinor: number }>, rate: number): number {
  return flows.reduce((s, f) => s + f.amountMinor / Math.pow(1 + rate, f.days / 365), 0);
}

/** Bisection iterations for the annualised rate: 2^-200 of the search range, far below a basis point. */
const IRR_ITERATIONS = 200;
const IRR_MAX_RATE = 100;

/**
 * The annualised rate (effective, basis points, two decimals) at which the instalments repay the
 * balance: the IRR of −balance today and +instalment on each due date, found by bisection over
 * integer-exact cash flows. 0 when nothing beyond the balance is paid.
 */
export function annualRateBp(balanceMinor: number, today: string, items: ReadonlyArray<{ dueOn: string; amountMinor: number }>): number {
  const flows = [{ days: 0, amountMinor: -balanceMinor }, ...items.map((i) => ({ days: daysBetween(today, i.dueOn), amountMinor: i.amountMinor }))];
  const paid = items.reduce((s, i) => s + i.amountMinor, 0);
  if (balanceMinor <= 0 || paid <= balanceMinor) return 0;
  let lo = 0;
  let hi = IRR_MAX_RATE;
  for (let k = 0; k < IRR_ITERATIONS; k++) {
    const mid = (lo + hi) / 2;
    if (npv(flows, mid) > 0) lo = mid;
    else hi = mid;
  }
  return Math.round(hi * 1_000_000) / 100;
}

/**
 * Whether the schedule's new interest stays within the product's total-cost cap, twice over: its own
 * annualised rate is at most the cap, and, with the instalments paid on their due dates, the account's
 * cost never exceeds the allowance the daily cycle grants (principal-days × cap / 365), so the cycle
 * posts every instalment's interest in full and the ledger agrees with the preview to the cent.
 */
export function checkCostCap(r: Pick<Restructure, 'items' | 'balanceMinor' | 'today'>, acct: Pick<AccountView, 'costCapAnnualBp' | 'principalMinor' | 'principalDateWeight' | 'costChargedMinor'>): Restructure['costCap'] {
  const cap = acct.costCapAnnualBp;
  if (cap === null) return { annualBp: null, withinCap: true, reason: null };
  const rate = annualRateBp(r.balanceMinor, r.today, r.items);
  if (rate > cap) return { annualBp: cap, withinCap: false, reason: `the plan's annualised rate ${(rate / 100).toFixed(2)} % exceeds the cap of ${cap / 100} %` };
  let principal = BigInt(acct.principalMinor);
  let weight = BigInt(acct.principalDateWeight);
  let cost = BigInt(acct.costChargedMinor);
  for (const it of r.items) {
    const day = BigInt(epochDay(it.dueOn));
    const allowance = (BigInt(cap) * (principal * (day + 1n) - weight)) / 3_650_000n;
    cost += BigInt(it.interestMinor);
    // Only new interest can be cut by the cap; an interest-free instalment adds no cost.
    if (it.interestMinor > 0 && cost > allowance) {
      return { annualBp: cap, withinCap: false, reason: `the interest due ${it.dueOn} would take the account's cost to ${cost} minor units, above the cap's allowance of ${allowance}` };
    }
    principal -= BigInt(it.principalMinor);
    weight -= BigInt(it.principalMinor) * day;
  }
  return { annualBp: cap, withinCap: true, reason: null };
}

/** A plan as asked for: how many instalments, from when, and which components to waive beyond the policy. */
export interface PlanRequest {
  termCount: number;
  firstDueOn?: string | undefined;
  waive?: readonly Waivable[] | undefined;
}

function commonIssues(acct: AccountView): Issue[] {
  const issues: Issue[] = [];
  const open = acct.openRestructures.filter((o) => o.status === 'active' || o.status === 'pending_approval');
  if (open.length) issues.push({ field: 'account', message: `the account already has ${open.map((o) => `a ${o.status === 'active' ? 'running' : 'pending'} ${o.kind} (#${o.id})`).join(', ')}` });
  if (acct.balanceMinor <= 0) issues.push({ field: 'account', message: 'nothing is owed on this account' });
  return issues;
}

function waiverIssues(waive: readonly Waivable[], acct: AccountView, policy: NegotiationPolicy): Issue[] {
  const issues: Issue[] = [];
  for (const c of waive) {
    if (!policy.waiver.components.includes(c)) issues.push({ field: 'waive', message: `the policy ${policy.code} v${policy.version} does not allow waiving ${c}` });
    const flag = `${c}_waiver`;
    if (policy.waiver.oneTime.includes(c) && acct.usedOneTimeFlags.includes(flag)) {
      issues.push({ field: 'waive', message: `a ${c} waiver is once per customer under ${policy.code} and this customer has had it already (one-time flag '${flag}')` });
    }
  }
  return issues;
}

/** Builds a plan within the policy, or says every way in which the request falls outside it. */
export function buildPlan(req: PlanRequest, acct: AccountView, policy: NegotiationPolicy): Verdict<Restructure> {
  const p = policy.plan;
  const issues = commonIssues(acct);
  if (!p.products.includes(acct.productCode)) issues.push({ field: 'account', message: `product ${acct.productCode} is not eligible for a plan under ${policy.code} v${policy.version} (${p.products.join(', ')})` });
  if (!p.buckets.includes(acct.bucket)) issues.push({ field: 'account', message: `bucket ${acct.bucket} is not eligible for a plan (${p.buckets.join(', ')})` });
  if (req.termCount < p.minTermCount || req.termCount > p.maxTermCount) issues.push({ field: 'termCount', message: `between ${p.minTermCount} and ${p.maxTermCount} instalments` });
  const latestFirst = addDays(acct.today, p.firstDueWithinDays);
  const firstDueOn = req.firstDueOn ?? [addMonthsClamped(acct.today, 1), latestFirst].sort()[0]!;
  if (firstDueOn <= acct.today) issues.push({ field: 'firstDueOn', message: `after the business date ${acct.today}` });
  else if (firstDueOn > latestFirst) issues.push({ field: 'firstDueOn', message: `at most ${p.firstDueWithinDays} days after ${acct.today} (${latestFirst})` });
  const waive = [...new Set(req.waive ?? [])];
  issues.push(...waiverIssues(waive, acct, policy));
  if (issues.length) return { ok: false, issues };

  const old = supersedable(acct.items);
  const outstanding = outstandingTotal(old);
  const waivedSet = new Set<Waivable>([...p.waivedByPolicy, ...waive]);
  const waived = zero();
  let discretionaryMinor = 0;
  for (const c of waivedSet) {
    waived[c] = outstanding[c];
    if (!p.waivedByPolicy.includes(c)) discretionaryMinor += outstanding[c];
  }
  const balance = zero();
  for (const c of COMPONENT_ORDER) balance[c] = outstanding[c] - waived[c];
  const balanceMinor = sumOf(balance);
  const down = p.downPaymentBp > 0 ? Math.ceil((balanceMinor * p.downPaymentBp) / 10_000) : null;
  const targets = splitEvenly(balanceMinor, req.termCount, down);
  const parts = fillTargets(balance, targets);
  const items: NewItem[] = [];
  let principalOpen = balance.principal;
  let prev = acct.today;
  parts.forEach((part, k) => {
    const dueOn = addMonthsClamped(firstDueOn, k);
    const days = daysBetween(prev, dueOn);
    const interest = simpleInterestMinor(principalOpen, p.interestAnnualBp, days);
    items.push({
      n: k + 1, dueOn, periodStart: addDays(prev, 1), principalMinor: part.principal, carried: { interest: part.interest, penalty: part.penalty, fees: part.fees },
      interestMinor: interest, interestBaseMinor: principalOpen, interestDays: days, amountMinor: sumOf(part) + interest,
    });
    principalOpen -= part.principal;
    prev = dueOn;
  });
  const small = items.filter((i) => i.amountMinor < p.minInstalmentMinor);
  if (small.length) {
    const most = Math.max(p.minTermCount, Math.min(req.termCount - 1, Math.floor(balanceMinor / Math.max(1, p.minInstalmentMinor))));
    return { ok: false, issues: [{ field: 'termCount', message: `instalment ${small[0]!.n} would be ${small[0]!.amountMinor} minor units, below the minimum ${p.minInstalmentMinor}; try at most ${most} instalments` }] };
  }
  const oneTimeFlags = waive.filter((c) => policy.waiver.oneTime.includes(c)).map((c) => `${c}_waiver`);
  return { ok: true, value: finish('plan', acct, old, outstanding, waived, discretionaryMinor, balanceMinor, items, oneTimeFlags) };
}

function finish(kind: Restructure['kind'], acct: AccountView, old: ItemView[], outstanding: Components, waived: Components, discretionaryMinor: number, balanceMinor: number, items: NewItem[], oneTimeFlags: string[]): Restructure {
  const costMinor = items.reduce((s, i) => s + i.interestMinor, 0);
  const base = { today: acct.today, items, balanceMinor };
  return {
    kind, today: acct.today, supersededSeqs: old.map((i) => i.seq), outstanding, waived, discretionaryMinor, balanceMinor, items, costMinor,
    totalPayableMinor: balanceMinor + costMinor, annualRateBp: annualRateBp(balanceMinor, acct.today, items), costCap: checkCostCap(base, acct), oneTimeFlags,
  };
}

/** A deferral as asked for: by how many months, and the hardship evidence when the policy needs it. */
export interface DeferralRequest {
  months: number;
  hardship?: { kind: string; reference: string } | undefined;
}

/**
 * Defers what is owed: the arrears (items already due) become one item due `months` later, with
 * the deferral interest on their principal; every item not yet due moves `months` later unchanged.
 */
export function buildDeferral(req: DeferralRequest, acct: AccountView, policy: NegotiationPolicy): Verdict<Restructure> {
  const d = policy.deferral;
  const issues = commonIssues(acct);
  if (!d.products.includes(acct.productCode)) issues.push({ field: 'account', message: `product ${acct.productCode} is not eligible for a deferral under ${policy.code} v${policy.version}` });
  if (acct.dpd < d.minDpd || acct.dpd > d.maxDpd) issues.push({ field: 'account', message: `a deferral needs ${d.minDpd}–${d.maxDpd} days past due; the account is at ${acct.dpd}` });
  if (d.requiresHardship && !req.hardship) issues.push({ field: 'hardship', message: 'evidence of hardship (kind and reference) is required by the policy' });
  if (acct.lastDeferralOn !== null && daysBetween(acct.lastDeferralOn, acct.today) < d.onceInDays) {
    issues.push({ field: 'account', message: `one deferral in ${d.onceInDays} days: the last took effect ${acct.lastDeferralOn}, the next is possible from ${addDays(acct.lastDeferralOn, d.onceInDays)}` });
  }
  if (req.months < 1 || req.months > d.maxMonths) issues.push({ field: 'months', message: `between 1 and ${d.maxMonths}` });
  if (issues.length) return { ok: false, issues };
  const old = supersedable(acct.items);
  const outstanding = outstandingTotal(old);
  const arrears = old.filter((i) => i.dueOn < acct.today);
  const later = old.filter((i) => i.dueOn >= acct.today);
  const items: NewItem[] = [];
  if (arrears.length) {
    const a = outstandingTotal(arrears);
    const dueOn = addMonthsClamped(acct.today, req.months);
    const days = daysBetween(acct.today, dueOn);
    const interest = simpleInterestMinor(a.principal, d.interestAnnualBp, days);
    items.push({ n: 0, dueOn, periodStart: addDays(acct.today, 1), principalMinor: a.principal, carried: { interest: a.interest, penalty: a.penalty, fees: a.fees }, interestMinor: interest, interestBaseMinor: a.principal, interestDays: days, amountMinor: sumOf(a) + interest });
  }
  for (const i of later) {
    const o = outstandingOf(i);
    // Contractual interest not charged yet moves with the instalment; charged interest is carried.
    const contractual = i.chargedOn === null ? i.interestDueMinor : 0;
    const dueOn = addMonthsClamped(i.dueOn, req.months);
    items.push({ n: 0, dueOn, periodStart: addDays(acct.today, 1), principalMinor: o.principal, carried: { interest: o.interest, penalty: o.penalty, fees: o.fees }, interestMinor: contractual, interestBaseMinor: o.principal, interestDays: daysBetween(i.dueOn, dueOn), amountMinor: sumOf(o) + contractual });
  }
  items.sort((x, y) => (x.dueOn < y.dueOn ? -1 : x.dueOn > y.dueOn ? 1 : 0)).forEach((it, k) => (it.n = k + 1));
  return { ok: true, value: finish('deferral', acct, old, outstanding, zero(), 0, sumOf(outstanding), items, []) };
}
