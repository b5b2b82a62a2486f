/**
 * Agencies as pure rules: IP allow-lists (CIDR, v4 and v6), data minimisation (masked ID number,
 * address reduced to its region), placement by rules with allocation shares, commission tiers in
 * basis points, and the recall policy (days placed, complaints per 10k contacts, QA score).
 */
import type { Commission, PlacementRule, RecallReason } from './agencies.types.ts';

const BP = 10_000;

// ---------------------------------------------------------------- IP allow-lists

/** An address as a 128-bit number (IPv4 as its IPv4-mapped IPv6 form, ::ffff:a.b.c.d), or null. */
export function parseIp(text: string): bigint | null {
  const s = text.trim();
  const v4 = parseV4(s);
  if (v4 !== null) return 0xffff_0000_0000n | v4;
  return parseV6(s);
}

function parseV4(s: string): bigint | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  let n = 0n;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith('0')) return null;
    const v = Number(part);
    if (v > 255) return null;
    n = (n << 8n) | BigInt(v);
  }
  return n;
}

function parseV6(s: string): bigint | null {
  if (!/^[0-9a-fA-F:.]+$/.test(s) || s.split('::').length > 2) return null;
  let tail = s;
  let v4: bigint | null = null;
  const lastColon = s.lastIndexOf(':');
  if (s.slice(lastColon + 1).includes('.')) {
    v4 = parseV4(s.slice(lastColon + 1));
    if (v4 === null) return null;
    tail = `${s.slice(0, lastColon + 1)}0:0`;
  }
  const [head, rest] = tail.split('::') as [string, string | undefined];
  const groups = (x: string) => (x === '' ? [] : x.split(':'));
  const h = groups(head);
  const r = rest === undefined ? [] : groups(rest);
  if (rest === undefined ? h.length !== 8 : h.length + r.length > 7) return null;
  const all = [...h, ...Array(8 - h.length - r.length).fill('0'), ...r];
  let n = 0n;
  for (const g of all) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (v4 !== null) n = (n & ~0xffff_ffffn) | v4;
  return n;
}

export interface Cidr {
  base: bigint;
  /** Prefix length over the 128-bit form. */
  bits: number;
}

/** '203.0.113.0/24', '2001:db8::/32' or a single address; null when malformed. */
export function parseCidr(text: string): Cidr | null {
  const [addr, len, extra] = text.trim().split('/');
  if (addr === undefined || extra !== undefined) return null;
  const isV4 = parseV4(addr) !== null;
  const ip = parseIp(addr);
  if (ip === null) return null;
  const max = isV4 ? 32 : 128;
  if (len !== undefined && !/^\d{1,3}$/.test(len)) return null;
  const prefix = len === undefined ? max : Number(len);
  if (prefix > max) return null;
  const bits = isV4 ? 96 + prefix : prefix;
  return { base: ip & mask(bits), bits };
}

function mask(bits: number): bigint {
  return bits === 0 ? 0n : ((1n << 128n) - 1n) ^ ((1n << BigInt(128 - bits)) - 1n);
}

export function isCidr(text: string): boolean {
  return parseCidr(text) !== null;
}

/**
 * Whether an address is in an allow-list. An empty list allows nobody: an agency without a
 * configured network has not told us where its staff work from. An unreadable address is refused.
 */
export function ipAllowed(allowList: readonly string[], ip: string): boolean {
  const n = parseIp(ip);
  if (n === null) return false;
  return allowList.some((entry) => {
    const c = parseCidr(entry);
    return c !== null && (n & mask(c.bits)) === c.base;
  });
}

// ---------------------------------------------------------------- data minimisation

/**
 * The ID number as an agency sees it: the first 3 and the last 4 characters, the rest starred
 * (110101********1234 → 110***********1234); shorter than 8 characters: all starred. The database
 * function agency_mask_id computes the same.
 */
export function maskIdNumber(idNumber: string | null): string | null {
  if (idNumber === null) return null;
  if (idNumber.length < 8) return '*'.repeat(idNumber.length);
  return `${idNumber.slice(0, 3)}${'*'.repeat(idNumber.length - 7)}${idNumber.slice(-4)}`;
}

const CJK = /[\u4e00-\u9fff]/;
const PROVINCE_ENDS = ['省', '自治区'];
const CITY_ENDS = ['市', '自治州', '盟', '地区'];

/** The end (exclusive) of the earliest of `marks` in `text`, or 0. */
function endOfEarliest(text: string, marks: readonly string[]): number {
  let start = -1;
  let len = 0;
  for (const m of marks) {
    const i = text.indexOf(m);
    if (i >= 0 && (start < 0 || i < start)) {
      start = i;
      len = m.length;
    }
  }
  return start < 0 ? 0 : start + len;
}

/**
 * The address reduced to what an agency needs to know of it. A Chinese address keeps its province
 * (up to the first 省 or 自治区) and then its city (up to the earliest of 市, 自治州, 盟, 地区 after
 * it), or the province alone: 广东省深圳市南山区… → 广东省深圳市; 北京市朝阳区… → 北京市. An address
 * written with commas loses its first part, the street (12 Main St, New York, NY → New York, NY).
 * Anything else: null. The database function agency_region computes the same.
 */
export function regionOf(address: string | null): string | null {
  if (address === null) return null;
  if (!CJK.test(address)) {
    const comma = address.indexOf(',');
    return comma >= 0 ? address.slice(comma + 1).replace(/^ +| +$/g, '') : null;
  }
  const provinceEnd = endOfEarliest(address, PROVINCE_ENDS);
  const cityEnd = endOfEarliest(address.slice(provinceEnd), CITY_ENDS);
  if (cityEnd > 0) return address.slice(0, provinceEnd + cityEnd);
  return provinceEnd > 0 ? address.slice(0, provinceEnd) : null;
}

// ---------------------------------------------------------------- placement

export interface AccountForPlacement {
  accountId: number;
  bucket: string;
  productCode: string;
  jurisdiction: string;
  region: string | null;
  balanceMinor: number;
  dpd: number;
  /** Agencies this account was recalled from: never placed with them again by rule. */
  recalledFrom: readonly string[];
}

export interface PlannedPlacement {
  accountId: number;
  agencyId: string;
  ruleCode: string;
}

export type UnplacedReason = 'no_rule' | 'no_agency_available';

export function ruleMatches(rule: PlacementRule, a: AccountForPlacement): boolean {
  const any = <T>(list: readonly T[], v: T) => list.length === 0 || list.includes(v);
  return (
    rule.active &&
    any(rule.buckets, a.bucket) &&
    any(rule.products, a.productCode) &&
    any(rule.jurisdictions, a.jurisdiction) &&
    (rule.regions.length === 0 || (a.region !== null && rule.regions.some((r) => a.region!.startsWith(r)))) &&
    (rule.minBalanceMinor === null || a.balanceMinor >= rule.minBalanceMinor) &&
    (rule.maxBalanceMinor === null || a.balanceMinor <= rule.maxBalanceMinor) &&
    (rule.minDpd === null || a.dpd >= rule.minDpd) &&
    (rule.maxDpd === null || a.dpd <= rule.maxDpd)
  );
}

/**
 * Places accounts by the first matching rule (lower priority number, then code). Among a rule's
 * agencies, each account goes to the available agency furthest behind its share (smooth weighted
 * round robin, deficits compared in integers, ties to the earlier agency of the rule), so that after
 * n accounts each agency holds its share of n to within one account, and the same input always gives
 * the same plan. Accounts are taken in account id order. An agency is unavailable when it is not
 * active or the account was recalled from it; its share goes to the others. A matching rule without
 * an available agency leaves the account unplaced (the next rule is not tried: the rules say where
 * such accounts go, and a gap should be seen, not papered over).
 */
export function planPlacements(
  accounts: readonly AccountForPlacement[],
  rules: readonly PlacementRule[],
  activeAgencies: ReadonlySet<string>,
): { placements: PlannedPlacement[]; unplaced: Array<{ accountId: number; reason: UnplacedReason; ruleCode: string | null }> } {
  const ordered = [...rules].filter((r) => r.active).sort((a, b) => a.priority - b.priority || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const assigned = new Map<string, Map<string, number>>();
  const placements: PlannedPlacement[] = [];
  const unplaced: Array<{ accountId: number; reason: UnplacedReason; ruleCode: string | null }> = [];
  for (const a of [...accounts].sort((x, y) => x.accountId - y.accountId)) {
    const rule = ordered.find((r) => ruleMatches(r, a));
    if (!rule) {
      unplaced.push({ accountId: a.accountId, reason: 'no_rule', ruleCode: null });
      continue;
    }
    const counts = assigned.get(rule.code) ?? new Map<string, number>();
    assigned.set(rule.code, counts);
    const available = rule.allocations.filter((x) => activeAgencies.has(x.agencyId) && !a.recalledFrom.includes(x.agencyId));
    if (available.length === 0) {
      unplaced.push({ accountId: a.accountId, reason: 'no_agency_available', ruleCode: rule.code });
      continue;
    }
    const shareTotal = available.reduce((s, x) => s + x.shareBp, 0);
    const n = available.reduce((s, x) => s + (counts.get(x.agencyId) ?? 0), 0) + 1;
    let best = available[0]!;
    let bestDeficit = -Infinity;
    for (const x of available) {
      // share × n / shareTotal − assigned, scaled by shareTotal to stay in integers.
      const deficit = x.shareBp * n - (counts.get(x.agencyId) ?? 0) * shareTotal;
      if (deficit > bestDeficit) {
        best = x;
        bestDeficit = deficit;
      }
    }
    counts.set(best.agencyId, (counts.get(best.agencyId) ?? 0) + 1);
    placements.push({ accountId: a.accountId, agencyId: best.agencyId, ruleCode: rule.code });
  }
  return { placements, unplaced };
}

// ---------------------------------------------------------------- commission

/** The tier whose lower bound is the highest not above `value`. */
export function tierFor(commission: Commission, value: number): { from: number; rateBp: number } {
  let tier = commission.tiers[0]!;
  for (const t of commission.tiers) if (t.from <= value) tier = t;
  return tier;
}

/** amount × rate ÷ 10,000, rounded half up to a whole minor unit (exact: computed in bigint). */
export function commissionMinor(amountMinor: number, rateBp: number): number {
  const n = BigInt(amountMinor) * BigInt(rateBp);
  return Number((n + 5_000n) / 10_000n);
}

/** Recovered ÷ base in basis points, rounded down (a tier is reached only when fully earned); 0 on a zero base. */
export function recoveryRateBp(recoveredMinor: number, baseMinor: number): number {
  if (baseMinor <= 0) return 0;
  return Number((BigInt(recoveredMinor) * 10_000n) / BigInt(baseMinor));
}

export interface StatementPlacement {
  placementId: number;
  accountRef: string;
  dpdAtPlacement: number;
  balanceAtPlacementMinor: number;
  recoveredMinor: number;
}

export interface StatementLine extends StatementPlacement {
  rateBp: number;
  commissionMinor: number;
}

/**
 * A month's commission: one line per placement that recovered money in the month. The rate is the
 * tier of the placement's DPD at placement, or of the agency's recovery rate of the month (recovered
 * ÷ the balance at placement of every placement active in the month, `monthBaseMinor`). Each line
 * is rounded half up on its own; the total is the sum of the lines, so a statement always adds up.
 */
export function commissionStatement(commission: Commission, placements: readonly StatementPlacement[], monthBaseMinor: number): { recoveredMinor: number; recoveryRateBp: number; commissionMinor: number; lines: StatementLine[] } {
  const recovered = placements.reduce((s, p) => s + p.recoveredMinor, 0);
  const rate = recoveryRateBp(recovered, monthBaseMinor);
  const lines = placements
    .filter((p) => p.recoveredMinor > 0)
    .map((p) => {
      const rateBp = tierFor(commission, commission.basis === 'dpd_at_placement' ? p.dpdAtPlacement : rate).rateBp;
      return { ...p, rateBp, commissionMinor: commissionMinor(p.recoveredMinor, rateBp) };
    });
  return { recoveredMinor: recovered, recoveryRateBp: rate, commissionMinor: lines.reduce((s, l) => s + l.commissionMinor, 0), lines };
}

// ---------------------------------------------------------------- recall

/** Complaints per 10,000 contacts, rounded down; complaints without any contact count as over any threshold. */
export function complaintsPer10k(complaints: number, contacts: number): number {
  if (complaints === 0) return 0;
  if (contacts === 0) return Number.POSITIVE_INFINITY;
  return Math.floor((complaints * BP) / contacts);
}

export interface AgencyHealth {
  complaintThresholdPer10k: number | null;
  minQaScore: number | null;
  complaints: number;
  contacts: number;
  /** Average QA review score (0–100) in the window; null when nothing was reviewed. */
  qaScore: number | null;
}

export interface Breach {
  reason: Extract<RecallReason, 'complaints' | 'qa_score'>;
  value: number | null;
  threshold: number;
  message: { 'zh-CN': string; en: string };
}

/**
 * What crosses the agency's thresholds: complaints per 10k contacts strictly above the threshold, or
 * an average QA score strictly below the minimum (no review: no QA breach).
 */
export function agencyBreaches(h: AgencyHealth): Breach[] {
  const out: Breach[] = [];
  const rate = complaintsPer10k(h.complaints, h.contacts);
  if (h.complaintThresholdPer10k !== null && rate > h.complaintThresholdPer10k) {
    const shown = Number.isFinite(rate) ? String(rate) : '∞';
    out.push({
      reason: 'complaints', value: Number.isFinite(rate) ? rate : null, threshold: h.complaintThresholdPer10k,
      message: {
        'zh-CN': `投诉率每万次联系${shown}件，超过阈值${h.complaintThresholdPer10k}件（${h.complaints}件投诉，${h.contacts}次联系）`,
        en: `${shown} complaints per 10,000 contacts, above the threshold of ${h.complaintThresholdPer10k} (${h.complaints} complaints, ${h.contacts} contacts)`,
      },
    });
  }
  if (h.minQaScore !== null && h.qaScore !== null && h.qaScore < h.minQaScore) {
    out.push({
      reason: 'qa_score', value: h.qaScore, threshold: h.minQaScore,
      message: { 'zh-CN': `质检平均分${h.qaScore}，低于最低分${h.minQaScore}`, en: `average QA score ${h.qaScore}, below the minimum of ${h.minQaScore}` },
    });
  }
  return out;
}
