/**
 * The contact check: `checkContact(request, pack) → verdict`. PURE and deterministic: the instant comes in
 * the request, the holiday calendar comes in the compiled pack, and every rule of the pack appends one or
 * more rows to the trace. The decision is the strictest outcome in the trace:
 * deny > require_action > allow_with_flag > allow.
 */
import { fromZodIssues, invalidField } from '../../platform/errors.ts';
import type { ContactRequest, Jurisdiction, Pack, ParameterOverrides, RuleMeta, Verdict } from './compliance.types.ts';
import { ContactRequestSchema, JURISDICTIONS } from './compliance.types.ts';
import { CN_RULES, type RuleFactory, type RuleRun } from './cn.rules.ts';
import { ceaseRequest, disputeHold, statusHold } from './common.rules.ts';
import type { CheckContext } from './context.ts';
import { atInstant, buildContext } from './context.ts';
import { EU_RULES } from './eu.rules.ts';
import type { HolidayCalendar } from './holidays.ts';
import { EMPTY_CALENDAR } from './holidays.ts';
import { formatInstant, parseInstant } from './local-time.ts';
import { loadPackChain } from './packs/index.ts';
import { UK_RULES } from './uk.rules.ts';
import { US_STATE_RULES } from './us-states.rules.ts';
import { US_RULES } from './us.rules.ts';

const FACTORIES: Record<string, RuleFactory<any>> = {
  ...CN_RULES,
  ...US_RULES,
  ...US_STATE_RULES,
  ...UK_RULES,
  ...EU_RULES,
  'FD-DISPUTE-01': disputeHold,
  'FD-CEASE-01': ceaseRequest,
  'FD-STATUS-01': (meta: RuleMeta) => statusHold(meta),
};

/** A pack chain bound to its code and to a holiday calendar, ready to check requests. */
export interface CompiledPack {
  jurisdiction: Jurisdiction;
  packs: Array<{ id: string; version: string }>;
  /** The validated pack data, base first, as compiled (parameters after overrides). */
  chain: Pack[];
  defaultZones: readonly string[];
  calendar: HolidayCalendar;
  rules: RuleMeta[];
  steps: RuleRun[];
}

export function compilePack(chain: Pack[], calendar: HolidayCalendar = EMPTY_CALENDAR): CompiledPack {
  const top = chain[chain.length - 1];
  if (top === undefined) throw new Error('an empty pack chain cannot be compiled');
  const steps: RuleRun[] = [];
  const rules: RuleMeta[] = [];
  for (const pack of chain) {
    for (const meta of pack.rules) {
      if (!meta.enabled) continue;
      const factory = FACTORIES[meta.id];
      if (factory === undefined) throw new Error(`pack ${pack.id} names rule ${meta.id}, which has no implementation`);
      steps.push(factory(meta, pack.parameters));
      rules.push(meta);
    }
  }
  return {
    jurisdiction: top.id,
    packs: chain.map((p) => ({ id: p.id, version: p.version })),
    chain,
    defaultZones: top.defaultTimeZones,
    calendar,
    rules,
    steps,
  };
}

export interface EngineOptions {
  calendar?: HolidayCalendar;
  overrides?: ParameterOverrides;
}

/** Every jurisdiction's pack, compiled once (at start-up). */
export function compileAllPacks(opts: EngineOptions = {}): Record<Jurisdiction, CompiledPack> {
  const out = {} as Record<Jurisdiction, CompiledPack>;
  for (const j of JURISDICTIONS) out[j] = compilePack(loadPackChain(j, opts.overrides), opts.calendar);
  return out;
}

/** Validates raw input into a request; throws VALIDATION_FAILED naming each bad field. */
export function parseContactRequest(input: unknown, prefix = ''): ContactRequest {
  const parsed = ContactRequestSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, prefix);
  return parsed.data;
}

function runSteps(pack: CompiledPack, ctx: CheckContext): CheckContext {
  const steps = pack.steps;
  for (let i = 0; i < steps.length; i++) steps[i]!(ctx);
  return ctx;
}

/** Re-checks at later instants until nothing denies; the first such instant, or undefined. */
function findNextAllowed(pack: CompiledPack, first: CheckContext): number | undefined {
  if (first.denyWithoutNext || !Number.isFinite(first.maxNextMs)) return undefined;
  let t = first.maxNextMs;
  for (let i = 0; i < 24; i++) {
    const ctx = runSteps(pack, atInstant(first, t, false));
    if (ctx.denyCount === 0) return t;
    if (ctx.denyWithoutNext || !Number.isFinite(ctx.maxNextMs) || ctx.maxNextMs <= t) return undefined;
    t = ctx.maxNextMs;
  }
  return undefined;
}

export function checkContact(req: ContactRequest, pack: CompiledPack): Verdict {
  if (req.jurisdiction !== pack.jurisdiction) throw invalidField('jurisdiction', `this pack checks ${pack.jurisdiction} requests, not ${req.jurisdiction}`);
  const nowMs = parseInstant(req.now);
  if (!Number.isFinite(nowMs)) throw invalidField('now', 'expected an ISO-8601 date-time with offset');
  const ctx = runSteps(pack, buildContext(req, nowMs, pack.defaultZones, pack.calendar));
  const trace = ctx.trace;
  const denyingRules: string[] = [];
  const requiredActions: Verdict['requiredActions'] = [];
  const flags: Verdict['flags'] = [];
  for (let i = 0; i < trace.length; i++) {
    const t = trace[i]!;
    if (t.outcome === 'fail') {
      if (t.effect === 'require_action') requiredActions.push({ ruleId: t.ruleId, action: t.requiredAction ?? 'review', reason: t.reason });
      else if (!denyingRules.includes(t.ruleId)) denyingRules.push(t.ruleId);
    } else if (t.outcome === 'flag') {
      flags.push({ ruleId: t.ruleId, reason: t.reason });
    }
  }
  const decision = denyingRules.length > 0 ? 'deny' : requiredActions.length > 0 ? 'require_action' : flags.length > 0 ? 'allow_with_flag' : 'allow';
  const verdict: Verdict = {
    decision,
    jurisdiction: req.jurisdiction,
    packs: pack.packs,
    now: req.now,
    denyingRules,
    requiredActions,
    flags,
    trace,
  };
  if (req.id !== undefined) verdict.id = req.id;
  if (ctx.classification !== undefined) verdict.classification = ctx.classification;
  if (decision === 'deny') {
    const next = findNextAllowed(pack, ctx);
    if (next !== undefined) verdict.nextAllowedAt = formatInstant(next, ctx.zone);
  }
  return verdict;
}
