/**
 * What every rule needs to know about one contact request, derived once per check: the instant, the
 * debtor's primary zone and local day, and the history with parsed instants and local days. PURE.
 */
import type { Bilingual, Channel, ContactRequest, HistoryEntry, LintCategory, Outcome, Purpose, RecipientRole, RuleMeta, TraceEntry } from './compliance.types.ts';
import { contentCategories } from './content.rules.ts';
import type { HolidayCalendar } from './holidays.ts';
import { formatInstant, localDayOf, localMsOfDay, parseInstant } from './local-time.ts';

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
  atMs: Float64Array;
  day: Int32Array;
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
}

const EMPTY_STATUSES: ReadonlySet<string> = new Set();

export function buildContext(req: ContactRequest, nowMs: number, defaultZones: readonly string[], calendar: HolidayCalendar): CheckContext {
  const zones = req.debtor.timeZones.length > 0 ? req.debtor.timeZones : defaultZones;
  const zone = zones[0] ?? 'UTC';
  const history = req.history;
  const n = history.length;
  const atMs = new Float64Array(n);
  const day = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const ms = parseInstant((history[i] as HistoryEntry).at);
    atMs[i] = ms;
    day[i] = localDayOf(zone, ms);
  }
  const status = req.debtor.status;
  return {
    req,
    nowMs,
    zone,
    zones,
    today: localDayOf(zone, nowMs),
    nowMsOfDay: localMsOfDay(zone, nowMs),
    channel: req.action.channel,
    purpose: req.action.purpose,
    role: req.action.recipient.role,
    personId: req.action.recipient.personId,
    history,
    atMs,
    day,
    calendar,
    statuses: status.length === 0 ? EMPTY_STATUSES : new Set(status),
    trace: [],
    maxNextMs: NaN,
    denyWithoutNext: false,
    denyCount: 0,
    classification: undefined,
    contentCats: undefined,
  };
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

/** Appends one trace row. */
export function emit(ctx: CheckContext, meta: RuleMeta, outcome: TraceEntry['outcome'], reason: Bilingual, opts?: EmitOptions): void {
  const entry: TraceEntry = { ruleId: meta.id, outcome, reason, source: meta.source };
  if (opts !== undefined) {
    if (opts.check !== undefined) entry.check = opts.check;
    if (outcome === 'fail') {
      const effect = opts.effect ?? 'deny';
      entry.effect = effect;
      if (opts.requiredAction !== undefined) entry.requiredAction = opts.requiredAction;
      if (effect === 'deny') {
        ctx.denyCount++;
        if (opts.nextMs !== undefined && Number.isFinite(opts.nextMs)) {
          entry.nextAllowedAt = formatInstant(opts.nextMs, ctx.zone);
          if (!(ctx.maxNextMs >= opts.nextMs)) ctx.maxNextMs = opts.nextMs;
        } else {
          ctx.denyWithoutNext = true;
        }
      }
    }
  } else if (outcome === 'fail') {
    entry.effect = 'deny';
    ctx.denyCount++;
    ctx.denyWithoutNext = true;
  }
  ctx.trace.push(entry);
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
  return ids.length === 0 || ids.includes(debtId);
}

/** A row is about any of the action's debts (or the action names none). */
export function aboutAnyDebt(e: HistoryEntry, debtIds: readonly string[]): boolean {
  if (debtIds.length === 0 || e.debtIds.length === 0) return true;
  for (const d of debtIds) if (e.debtIds.includes(d)) return true;
  return false;
}

export function normaliseContactPoint(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  return v.replace(/[\s\-().]/g, '').toLowerCase();
}

export function sameContactPoint(a: string | undefined, bNormalised: string | undefined): boolean {
  if (a === undefined || bNormalised === undefined) return false;
  return a === bNormalised || normaliseContactPoint(a) === bNormalised;
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

/** Purposes that answer the debtor rather than pursue the debt. */
export const RESPONSIVE_PURPOSES: ReadonlySet<Purpose> = new Set<Purpose>(['dispute_response', 'response_to_debtor', 'statutory_notice', 'opt_out_confirmation', 'cease_confirmation', 'unrelated_to_debt']);
