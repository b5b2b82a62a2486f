/**
 * What every rule needs to know about one contact request, derived once per check: the instant, the
 * debtor's primary zone and local day, and the history with parsed instants and local days. PURE.
 */
import type { Bilingual, Channel, ContactRequest, HistoryEntry, LintCategory, Outcome, Purpose, RecipientRole, RuleMeta, TraceEntry } from './compliance.types.ts';
import { contentCategories } from './content.rules.ts';
import { normaliseContactPoint } from './contact-point.rules.ts';

export { normaliseContactPoint };
import type { HolidayCalendar } from './holidays.rules.ts';
import { MS_PER_DAY, formatInstant, zoneOffsetsOf } from './local-time.rules.ts';

export interface CheckContext {
  req: ContactRequest;
  nowMs: number;
  /** Zone used for "today" and day counting: the debtor's first zone, else the pack default. */
  zone: string;
  /** The debtor's zones, or the pack's default zones when the request gives none. */
  zones: readonly string[];
  today: number;
  nowMsOfDay: number;
  channel: Channel;
  purpose: Purpose;
  role: RecipientRole;
  personId: string | undefined;
  history: HistoryEntry[];
  /**
   * Local day number (primary zone) of each history entry, by index; filled in by daysOf on first use, as
   * many checks end without any rule reading the history.
   */
  day: number[] | undefined;
  calendar: HolidayCalendar;
  statuses: ReadonlySet<string>;
  trace: TraceEntry[];
  /** Latest nextAllowedAt among deny entries; NaN when none. */
  maxNextMs: number;
  /** A deny entry that time alone cannot lift. */
  denyWithoutNext: boolean;
  denyCount: number;
  classification: string | undefined;
  contentCats: Set<LintCategory> | undefined;
  /** False while searching for nextAllowedAt: only the decision matters then, so hot rules skip building their text. */
  explain: boolean;
}

const EMPTY_STATUSES: ReadonlySet<string> = new Set();

/** The local day number (primary zone) of each history entry, computed once per check. */
export function daysOf(ctx: CheckContext): number[] {
  let day = ctx.day;
  if (day === undefined) {
    const history = ctx.history;
    const n = history.length;
    day = new Array<number>(n);
    const offsets = zoneOffsetsOf(ctx.zone);
    // Histories mostly lie between the same two zone transitions: one interval check per entry.
    let lo = 0;
    let hi = -1;
    let off = 0;
    for (let i = 0; i < n; i++) {
      const ms = (history[i] as HistoryEntry).atMs;
      if (!(ms >= lo && ms < hi)) {
        off = offsets.at(ms);
        const k = offsets.last;
        lo = offsets.starts[k]!;
        hi = offsets.ends[k]!;
      }
      day[i] = Math.floor((ms + off) / MS_PER_DAY);
    }
    ctx.day = day;
  }
  return day;
}

export function buildContext(req: ContactRequest, nowMs: number, defaultZones: readonly string[], calendar: HolidayCalendar, explain = true): CheckContext {
  const zones = req.debtor.timeZones.length > 0 ? req.debtor.timeZones : defaultZones;
  const zone = zones[0] ?? 'UTC';
  const local = nowMs + zoneOffsetsOf(zone).at(nowMs);
  const today = Math.floor(local / MS_PER_DAY);
  const status = req.debtor.status;
  // Same keys in the same order as atInstant's literal, so both make one object shape.
  return {
    req,
    nowMs,
    zone,
    zones,
    today,
    nowMsOfDay: local - today * MS_PER_DAY,
    channel: req.action.channel,
    purpose: req.action.purpose,
    role: req.action.recipient.role,
    personId: req.action.recipient.personId,
    history: req.history,
    day: undefined,
    calendar,
    statuses: status.length === 0 ? EMPTY_STATUSES : new Set(status),
    trace: [],
    maxNextMs: NaN,
    denyWithoutNext: false,
    denyCount: 0,
    classification: undefined,
    contentCats: undefined,
    explain,
  };
}

/** The same request at another instant: history days are reused, the outcome fields start afresh. */
export function atInstant(base: CheckContext, nowMs: number, explain: boolean): CheckContext {
  const local = nowMs + zoneOffsetsOf(base.zone).at(nowMs);
  const today = Math.floor(local / MS_PER_DAY);
  const ctx: CheckContext = {
    req: base.req,
    nowMs,
    zone: base.zone,
    zones: base.zones,
    today,
    nowMsOfDay: local - today * MS_PER_DAY,
    channel: base.channel,
    purpose: base.purpose,
    role: base.role,
    personId: base.personId,
    history: base.history,
    day: base.day,
    calendar: base.calendar,
    statuses: base.statuses,
    trace: [],
    maxNextMs: NaN,
    denyWithoutNext: false,
    denyCount: 0,
    classification: undefined,
    contentCats: base.contentCats,
    explain,
  };
  return ctx;
}

/** Content categories of the action's text (computed at most once per check). */
export function contentOf(ctx: CheckContext): Set<LintCategory> | undefined {
  const text = ctx.req.action.content?.text;
  if (text === undefined || text === '') return undefined;
  if (ctx.contentCats === undefined) ctx.contentCats = contentCategories(text, ctx.role !== 'debtor' && ctx.role !== 'attorney' && ctx.role !== 'debt_adviser');
  return ctx.contentCats;
}

export interface EmitOptions {
  effect?: 'deny' | 'require_action';
  check?: string;
  requiredAction?: string;
  /** For a deny that time will lift: the earliest instant this rule would pass. */
  nextMs?: number;
}

/** A placeholder reason for rows built while searching for nextAllowedAt (never shown). */
export const UNEXPLAINED = { 'zh-CN': '', en: '' };

/** Appends one trace row. Every row has the same fields (absent ones undefined), so rows share one shape. */
export function emit(ctx: CheckContext, meta: RuleMeta, outcome: TraceEntry['outcome'], reason: Bilingual, opts?: EmitOptions): void {
  let effect: TraceEntry['effect'];
  let nextAllowedAt: string | undefined;
  if (outcome === 'fail') {
    effect = opts?.effect ?? 'deny';
    if (effect === 'deny') {
      ctx.denyCount++;
      const next = opts?.nextMs;
      if (next !== undefined && Number.isFinite(next)) {
        if (ctx.explain) nextAllowedAt = formatInstant(next, ctx.zone);
        if (!(ctx.maxNextMs >= next)) ctx.maxNextMs = next;
      } else {
        ctx.denyWithoutNext = true;
      }
    }
  }
  ctx.trace.push({
    ruleId: meta.id,
    check: opts?.check,
    outcome,
    effect,
    reason,
    source: meta.source,
    requiredAction: outcome === 'fail' ? opts?.requiredAction : undefined,
    nextAllowedAt,
  });
}

/**
 * A trace row that is the same for every check that reaches it: a pass, flag or not_applicable with a fixed
 * reason. Rules build these once per compiled pack; every verdict that reaches them shares the row, so it
 * is frozen (with its reason) and callers cannot change another verdict's trace through it.
 */
export function fixedRow(meta: RuleMeta, outcome: 'pass' | 'flag' | 'not_applicable', reason: Bilingual, check?: string): TraceEntry {
  return Object.freeze({
    ruleId: meta.id,
    check,
    outcome,
    effect: undefined,
    reason: Object.isFrozen(reason) ? reason : Object.freeze({ 'zh-CN': reason['zh-CN'], en: reason.en }),
    source: meta.source,
    requiredAction: undefined,
    nextAllowedAt: undefined,
  });
}

/** Appends a row built by fixedRow (it neither denies nor asks for an action, so no counter changes). */
export function emitFixed(ctx: CheckContext, row: TraceEntry): void {
  ctx.trace.push(row);
}

// ---------------------------------------------------------------------------------------------------------
// History predicates shared by the rules

/** Whether a history row concerns the same person as the action's recipient. */
export function samePerson(e: HistoryEntry, role: RecipientRole, personId: string | undefined): boolean {
  if (personId !== undefined && e.personId !== undefined) return e.personId === personId;
  return e.recipientRole === role;
}

/** Whether a history row is about a debt. A row naming no debt is attributed to every debt (conservative). */
export function aboutDebt(e: HistoryEntry, debtId: string): boolean {
  const ids = e.debtIds;
  return ids.length === 0 || (ids.length === 1 ? ids[0] === debtId : ids.includes(debtId));
}

/** A row is about any of the action's debts (or the action names none). */
export function aboutAnyDebt(e: HistoryEntry, debtIds: readonly string[]): boolean {
  if (debtIds.length === 0 || e.debtIds.length === 0) return true;
  for (const d of debtIds) if (e.debtIds.includes(d)) return true;
  return false;
}

/** History contact points are normalised at the edge, so a match is one comparison. */
export function sameContactPoint(historyPoint: string | undefined, bNormalised: string | undefined): boolean {
  return historyPoint !== undefined && historyPoint === bNormalised;
}

export const isVoiceChannel = (c: Channel): boolean => c === 'call' || c === 'voicemail';
export const isElectronicChannel = (c: Channel): boolean => c === 'sms' || c === 'email' || c === 'push' || c === 'in_app';

/** The call reached the number (rang, answered, voicemail): US §1006.14(b)(3)(ii) counts it. */
export const connectedToNumber = (o: Outcome): boolean => o !== 'busy' && o !== 'invalid_number' && o !== 'failed' && o !== 'bounced';
/** A person was reached: a conversation or a refusal on the line. */
export const personReached = (o: Outcome): boolean => o === 'connected' || o === 'refused';
/** An attempt that did not reach the person. */
export const failedToReach = (o: Outcome): boolean =>
  o === 'unanswered' || o === 'busy' || o === 'voicemail' || o === 'failed' || o === 'invalid_number' || o === 'bounced';

/** Chinese names of recipient roles and initiator kinds, for reasons. */
export const ROLE_ZH: Record<string, string> = {
  debtor: '债务人本人',
  guarantor: '担保人',
  spouse: '配偶',
  contact: '联系人',
  third_party: '第三人',
  attorney: '律师',
  employer: '工作单位',
  debt_adviser: '债务顾问',
  lender: '债权机构',
  agency: '委外催收机构',
  servicer: '信贷服务商',
  purchaser: '债权受让人',
};
export const ROLE_EN: Record<string, string> = {
  debtor: 'the debtor',
  guarantor: 'the guarantor',
  spouse: 'the spouse',
  contact: 'a contact',
  third_party: 'a third party',
  attorney: 'the attorney',
  employer: 'the employer',
  debt_adviser: 'the debt adviser',
  lender: 'the lender',
  agency: 'an agency',
  servicer: 'a servicer',
  purchaser: 'a debt purchaser',
};

/** Purposes that answer the debtor rather than pursue the debt. */
export const RESPONSIVE_PURPOSES: ReadonlySet<Purpose> = new Set<Purpose>(['dispute_response', 'response_to_debtor', 'statutory_notice', 'opt_out_confirmation', 'cease_confirmation', 'unrelated_to_debt']);
