/**
 * Legal escalation, pure: whether an account may be referred (one verdict per criterion, with its
 * reason in zh-CN and en), who may approve a referral (four-eyes), the status machine of a case and
 * whether a legal cost may be charged to the debtor under the policy and the total-cost cap.
 */
import { formatMoney, type Currency } from '../../platform/money.ts';
import type { ApproverRole, CaseStatus, CostType, FeeBand, LegalPolicy } from './legal.types.ts';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export const BASIS_POINTS = 10_000;

// ---------------------------------------------------------------------------------------------
// Referral criteria

/** What the referral criteria read about an account on its open business date. */
export interface ReferralFacts {
  currency: Currency;
  dpd: number;
  balanceMinor: number;
  contactAttempts: number;
  rightPartyContacts: number;
  /** Open disputes and complaints about the account. */
  openDisputes: number;
  openComplaints: number;
  /** The debtor's statuses (contact preferences). */
  statuses: readonly string[];
  /** Running or pending plans, deferrals and settlements. */
  activePlans: ReadonlyArray<{ id: number; kind: string }>;
  /** A case of the account that is not finished. */
  openCaseId: number | null;
}

export const CRITERIA = ['min_dpd', 'min_balance', 'contact_attempts', 'right_party_contacts', 'no_open_dispute', 'debtor_status', 'no_active_plan', 'no_open_case'] as const;
export type Criterion = (typeof CRITERIA)[number];

export interface CriterionResult {
  criterion: Criterion;
  ok: boolean;
  reason: Bilingual;
}

export interface Eligibility {
  eligible: boolean;
  policy: string;
  criteria: CriterionResult[];
}

const STATUS_NAMES: Record<string, Bilingual> = {
  breathing_space: { 'zh-CN': '喘息期', en: 'breathing space' },
  deceased: { 'zh-CN': '已死亡', en: 'deceased' },
  bankrupt: { 'zh-CN': '破产程序中', en: 'in bankruptcy' },
  mental_health_crisis: { 'zh-CN': '精神健康危机', en: 'in a mental health crisis' },
  incapacitated: { 'zh-CN': '无/限制民事行为能力', en: 'lacking capacity' },
  minor: { 'zh-CN': '未成年', en: 'a minor' },
  identity_theft: { 'zh-CN': '身份盗用', en: 'identity theft' },
  financial_difficulty: { 'zh-CN': '经济困难', en: 'in financial difficulty' },
};
const statusName = (s: string): Bilingual => STATUS_NAMES[s] ?? { 'zh-CN': s, en: s };

/** Judges every criterion (none short-circuits), so the trace says all that stands in the way. */
export function checkReferral(f: ReferralFacts, policy: LegalPolicy): Eligibility {
  const r = policy.referral;
  const money = (m: number) => formatMoney(m, f.currency);
  const out: CriterionResult[] = [];
  const add = (criterion: Criterion, ok: boolean, reason: Bilingual) => out.push({ criterion, ok, reason });

  add('min_dpd', f.dpd >= r.minDpd, f.dpd >= r.minDpd
    ? { 'zh-CN': `逾期 ${f.dpd} 天，达到 ${r.minDpd} 天的起诉门槛`, en: `${f.dpd} days past due, at least the ${r.minDpd} required` }
    : { 'zh-CN': `逾期 ${f.dpd} 天，未达到 ${r.minDpd} 天`, en: `${f.dpd} days past due, fewer than the ${r.minDpd} required` });
  add('min_balance', f.balanceMinor >= r.minBalanceMinor, f.balanceMinor >= r.minBalanceMinor
    ? { 'zh-CN': `欠款 ${money(f.balanceMinor)}，达到 ${money(r.minBalanceMinor)}`, en: `balance ${money(f.balanceMinor)}, at least ${money(r.minBalanceMinor)}` }
    : { 'zh-CN': `欠款 ${money(f.balanceMinor)}，低于 ${money(r.minBalanceMinor)}`, en: `balance ${money(f.balanceMinor)}, below ${money(r.minBalanceMinor)}` });
  add('contact_attempts', f.contactAttempts >= r.minContactAttempts, f.contactAttempts >= r.minContactAttempts
    ? { 'zh-CN': `已尝试联系 ${f.contactAttempts} 次（至少 ${r.minContactAttempts} 次）`, en: `${f.contactAttempts} contact attempts (at least ${r.minContactAttempts})` }
    : { 'zh-CN': `仅尝试联系 ${f.contactAttempts} 次，需至少 ${r.minContactAttempts} 次`, en: `only ${f.contactAttempts} contact attempts, ${r.minContactAttempts} required` });
  add('right_party_contacts', f.rightPartyContacts >= r.minRightPartyContacts, f.rightPartyContacts >= r.minRightPartyContacts
    ? { 'zh-CN': `已与本人联系上 ${f.rightPartyContacts} 次（至少 ${r.minRightPartyContacts} 次）`, en: `${f.rightPartyContacts} right-party contacts (at least ${r.minRightPartyContacts})` }
    : { 'zh-CN': `与本人联系上 ${f.rightPartyContacts} 次，需至少 ${r.minRightPartyContacts} 次`, en: `${f.rightPartyContacts} right-party contacts, ${r.minRightPartyContacts} required` });
  const disputes = f.openDisputes + f.openComplaints;
  add('no_open_dispute', disputes === 0, disputes === 0
    ? { 'zh-CN': '无未决异议或投诉', en: 'no open dispute or complaint' }
    : { 'zh-CN': `有未决异议 ${f.openDisputes} 件、投诉 ${f.openComplaints} 件，须先处理完毕`, en: `${f.openDisputes} open dispute(s) and ${f.openComplaints} open complaint(s) must be resolved first` });
  const blocking = f.statuses.filter((s) => r.blockingStatuses.includes(s));
  add('debtor_status', blocking.length === 0, blocking.length === 0
    ? { 'zh-CN': '债务人状态不妨碍起诉', en: 'the debtor’s status does not prevent a referral' }
    : { 'zh-CN': `债务人${blocking.map((s) => statusName(s)['zh-CN']).join('、')}，不得起诉`, en: `the debtor is ${blocking.map((s) => statusName(s).en).join(', ')}: no referral` });
  add('no_active_plan', f.activePlans.length === 0, f.activePlans.length === 0
    ? { 'zh-CN': '无进行中的分期、延期或和解', en: 'no running plan, deferral or settlement' }
    : { 'zh-CN': `有进行中的${f.activePlans.map((p) => `${p.kind} #${p.id}`).join('、')}`, en: `the account has a running ${f.activePlans.map((p) => `${p.kind} (#${p.id})`).join(', ')}` });
  add('no_open_case', f.openCaseId === null, f.openCaseId === null
    ? { 'zh-CN': '无未结案件', en: 'no legal case open' }
    : { 'zh-CN': `已有未结法律案件 #${f.openCaseId}`, en: `legal case #${f.openCaseId} is still open` });
  return { eligible: out.every((c) => c.ok), policy: `${policy.code}@${policy.version}`, criteria: out };
}

// ---------------------------------------------------------------------------------------------
// Four-eyes approval

export type Approval = { ok: true } | { ok: false; reason: string };

/** A referral's checker: another person than the referrer, with a role whose limit covers the claim. */
export function checkApprover(c: { maker: string; checker: string; checkerRoles: readonly string[]; claimMinor: number }, policy: LegalPolicy): Approval {
  if (c.checker === c.maker) return { ok: false, reason: 'four-eyes: the approver must be a different person from the one who referred the account' };
  const limits = policy.approval.limits.filter((l) => c.checkerRoles.includes(l.role));
  if (limits.length === 0) return { ok: false, reason: `none of the roles ${c.checkerRoles.join(', ') || '(none)'} may approve referrals under ${policy.code} v${policy.version}` };
  const best = Math.max(...limits.map((l) => l.maxClaimMinor));
  if (c.claimMinor > best) return { ok: false, reason: `the claim of ${c.claimMinor} minor units is above the approver's limit of ${best}` };
  return { ok: true };
}

/** The lowest role that may approve a claim (for telling the referrer who must check), or null. */
export function approverRoleFor(claimMinor: number, policy: LegalPolicy): ApproverRole | null {
  const sorted = [...policy.approval.limits].sort((a, b) => a.maxClaimMinor - b.maxClaimMinor);
  return sorted.find((l) => claimMinor <= l.maxClaimMinor)?.role ?? null;
}

// ---------------------------------------------------------------------------------------------
// Status machine

/**
 * Where a case may go from each status. Approval and rejection are their own commands (proposed →
 * prepared | rejected); a case may be settled or withdrawn from any live stage and then closed.
 */
export const TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  proposed: ['prepared', 'rejected', 'withdrawn'],
  rejected: [],
  prepared: ['filed', 'withdrawn'],
  filed: ['hearing', 'judgment', 'settled', 'withdrawn'],
  hearing: ['hearing', 'judgment', 'settled', 'withdrawn'],
  judgment: ['enforcement', 'settled', 'closed'],
  enforcement: ['settled', 'closed'],
  settled: ['closed'],
  withdrawn: ['closed'],
  closed: [],
};

/** Statuses only the approval commands reach. */
const DECISIONS: ReadonlySet<CaseStatus> = new Set(['prepared', 'rejected']);

/** A refused step names what was wrong: the status asked for (the case cannot go there) or its date. */
export type Transition = { ok: true } | { ok: false; field: 'status' | 'onDate'; reason: string };

/** Whether a case may move from one status to another by the status command on a business date. */
export function checkTransition(c: { from: CaseStatus; to: CaseStatus; onDate: string; today: string; lastEventOn: string }): Transition {
  if (DECISIONS.has(c.to)) return { ok: false, field: 'status', reason: `a case becomes ${c.to} only by approving or rejecting its referral` };
  if (!TRANSITIONS[c.from].includes(c.to)) {
    const next = TRANSITIONS[c.from].filter((s) => !DECISIONS.has(s));
    return { ok: false, field: 'status', reason: `a ${c.from} case cannot become ${c.to}${next.length ? ` (next: ${next.join(', ')})` : ' (it is final)'}` };
  }
  if (c.onDate > c.today) return { ok: false, field: 'onDate', reason: `${c.onDate} is after the business date ${c.today}` };
  if (c.onDate < c.lastEventOn) return { ok: false, field: 'onDate', reason: `${c.onDate} is before the case's last step on ${c.lastEventOn}` };
  return { ok: true };
}

/** Whether collection contacts about the account are held in a status, under the policy. */
export function contactsPaused(status: CaseStatus, policy: LegalPolicy): boolean {
  return policy.pause.statuses.includes(status);
}

// ---------------------------------------------------------------------------------------------
// Legal costs

/** The court fee a schedule sets for a claim: the band the claim falls in, its fixed part plus its rate on the part above its start. */
export function scheduledCourtFee(claimMinor: number, bands: readonly FeeBand[]): number {
  let band = bands[0]!;
  for (const b of bands) if (b.fromMinor === 0 || claimMinor > b.fromMinor) band = b;
  const above = BigInt(Math.max(0, claimMinor - band.fromMinor));
  // Half up to the minor unit.
  const variable = Number((above * BigInt(band.rateBp) + BigInt(BASIS_POINTS / 2)) / BigInt(BASIS_POINTS));
  return band.fixedMinor + variable;
}

export interface CostFacts {
  costType: CostType;
  amountMinor: number;
  claimMinor: number;
  currency: Currency;
  /** The judgment ordered the debtor to bear the costs of the case. */
  costsAwarded: boolean;
  /** What the debtor already bears of this cost type on this case. */
  chargedSoFarMinor: number;
  /** What the total-cost cap still allows on the account today (null: the product has no cap). */
  capHeadroomMinor: number | null;
}

export interface CostDecision {
  /** The entry kind the charge is posted as: inside the total-cost cap (LEGAL_FEE) or outside it (LEGAL_COST). */
  entryKind: 'LEGAL_COST' | 'LEGAL_FEE';
  /** The most the policy lets the debtor bear of this cost, before the cap. */
  admissibleMinor: number;
  /** Posted as LEGAL_COST: admissible and granted by the cap. */
  chargedMinor: number;
  /** Admissible but beyond the cap's allowance. */
  cappedMinor: number;
  /** Borne by the lender (not admissible, or capped). */
  lenderExpenseMinor: number;
  reasons: Bilingual[];
}

const COST_NAMES: Record<CostType, Bilingual> = {
  court_fee: { 'zh-CN': '诉讼费', en: 'court fee' },
  lawyer_fee: { 'zh-CN': '律师费', en: 'lawyer fee' },
  enforcement_fee: { 'zh-CN': '执行费', en: 'enforcement fee' },
  other: { 'zh-CN': '其他费用', en: 'other cost' },
};

/** How much of a legal cost the debtor may bear under the policy and the total-cost cap; the rest is the lender's expense. */
export function admitCost(f: CostFacts, policy: LegalPolicy): CostDecision {
  const rule = policy.costs[f.costType];
  const name = COST_NAMES[f.costType];
  const money = (m: number) => formatMoney(m, f.currency);
  const reasons: Bilingual[] = [];
  let admissible = f.amountMinor;
  if (rule.chargeable === 'never') {
    admissible = 0;
    reasons.push({ 'zh-CN': `按${policy.code} v${policy.version}，${name['zh-CN']}不得由债务人承担，计入出借方费用`, en: `under ${policy.code} v${policy.version} a ${name.en} is not chargeable to the debtor: the lender's expense` });
  } else if (rule.chargeable === 'if_awarded' && !f.costsAwarded) {
    admissible = 0;
    reasons.push({ 'zh-CN': `${name['zh-CN']}须经判决由债务人负担后方可计入，目前无此判决`, en: `a ${name.en} is chargeable only once a judgment orders the debtor to bear the costs, and none has` });
  }
  if (admissible > 0 && f.costType === 'court_fee') {
    const fee = scheduledCourtFee(f.claimMinor, policy.costs.courtFeeSchedule);
    const left = Math.max(0, fee - f.chargedSoFarMinor);
    if (admissible > left) {
      reasons.push({ 'zh-CN': `诉讼费以收费标准 ${money(fee)} 为限（已计入 ${money(f.chargedSoFarMinor)}）`, en: `the court fee is limited to the schedule's ${money(fee)} for the claim (${money(f.chargedSoFarMinor)} charged already)` });
      admissible = left;
    }
  }
  if (admissible > 0 && rule.capBpOfClaim !== null) {
    const cap = Number((BigInt(f.claimMinor) * BigInt(rule.capBpOfClaim)) / BigInt(BASIS_POINTS));
    const left = Math.max(0, cap - f.chargedSoFarMinor);
    if (admissible > left) {
      reasons.push({ 'zh-CN': `${name['zh-CN']}以诉请金额的 ${rule.capBpOfClaim / 100}% 即 ${money(cap)} 为限`, en: `the ${name.en} is limited to ${rule.capBpOfClaim / 100} % of the claim, ${money(cap)}` });
      admissible = left;
    }
  }
  let charged = admissible;
  if (charged > 0 && rule.withinCostCap && f.capHeadroomMinor !== null && charged > f.capHeadroomMinor) {
    charged = Math.max(0, f.capHeadroomMinor);
    reasons.push({ 'zh-CN': `综合成本上限仅余 ${money(Math.max(0, f.capHeadroomMinor))}，超出部分由出借方承担`, en: `the total-cost cap allows only ${money(Math.max(0, f.capHeadroomMinor))} more; the rest is the lender's` });
  }
  if (charged === f.amountMinor) reasons.push({ 'zh-CN': `${name['zh-CN']} ${money(charged)} 由债务人承担`, en: `the ${name.en} of ${money(charged)} is charged to the debtor` });
  return { entryKind: rule.withinCostCap ? 'LEGAL_FEE' : 'LEGAL_COST', admissibleMinor: admissible, chargedMinor: charged, cappedMinor: admissible - charged, lenderExpenseMinor: f.amountMinor - charged, reasons };
}

/** The cap's allowance still unused: principal-days × cap / 365 less the cost charged (the daily cycle's own formula). */
export function capHeadroom(a: { costCapAnnualBp: number | null; principalMinor: number; principalDateWeight: number; costChargedMinor: number; epochDay: number }): number | null {
  if (a.costCapAnnualBp === null) return null;
  const allowance = (BigInt(a.costCapAnnualBp) * (BigInt(a.principalMinor) * BigInt(a.epochDay + 1) - BigInt(a.principalDateWeight))) / 3_650_000n;
  return Number(allowance) - a.costChargedMinor;
}
