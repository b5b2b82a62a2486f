/**
 * The contact check: `checkContact(request, pack) → verdict`. PURE and deterministic: the instant comes in
 * the request; the pack data and the holiday calendar come in the compiled pack (compilePack takes them as
 * arguments; engine.ts loads the bundled packs), and every rule of the pack appends one or more rows to
 * the trace. The decision is the strictest outcome in the trace:
 * deny > require_action > allow_with_flag > allow.
 */
import { fromZodIssues, invalidField } from '../../platform/errors.ts';
import type { ContactRequest, Jurisdiction, Pack, RuleMeta, Verdict } from './compliance.types.ts';
import { ContactRequestSchema } from './compliance.types.ts';
import { CN_RULES, type RuleFactory, type RuleRun } from './cn.rules.ts';
import { ceaseRequest, debtorPreferences, disputeHold, statusHold } from './common.rules.ts';
import type { CheckContext } from './context.rules.ts';
import { atInstant, buildContext } from './context.rules.ts';
import { EU_RULES } from './eu.rules.ts';
import type { HolidayCalendar } from './holidays.rules.ts';
import { EMPTY_CALENDAR } from './holidays.rules.ts';
import { formatInstant, parseInstant } from './local-time.rules.ts';
import { UK_RULES } from './uk.rules.ts';
import { US_STATE_RULES } from './us-states.rules.ts';
import { US_RULES } from './us.rules.ts';

/**
 * Every rule implementation by id. Each factory takes its own pack's parameters; a registry of all of them
 * can only promise `never`, so compilePack passes each pack's validated parameters to the factories of the
 * rules that pack names (the pack schema ties rule ids to the parameter shape).
 */
const FACTORIES: Record<string, RuleFactory<never>> = {
  ...CN_RULES,
  ...US_RULES,
  ...US_STATE_RULES,
  ...UK_RULES,
  ...EU_RULES,
  'FD-DISPUTE-01': disputeHold,
  'FD-CEASE-01': ceaseRequest,
  'FD-STATUS-01': (meta: RuleMeta) => statusHold(meta),
  'FD-PREF-01': (meta: RuleMeta) => debtorPreferences(meta),
};

/**
 * Rules whose outcome depends only on the request's data, never on `now`: they cannot deny at a later
 * instant when they did not deny at `now`, so the search for nextAllowedAt skips them. A rule missing here
 * is simply re-run (slower, never wrong); a rule wrongly listed here would give a wrong nextAllowedAt,
 * which the property tests check by re-checking at the instant returned.
 */
const TIME_INDEPENDENT_RULES: ReadonlySet<string> = new Set([
  'CN-PIPL-02',
  'CN-PROHIB-01',
  'FD-DISPUTE-01',
  'FD-STATUS-01',
  'US-SCOPE-01',
  'US-ATTY-01',
  'US-DISP-01',
  // denies only for abusive content; its volume checks only flag
  'US-HARASS-01',
  'US-EOPT-01',
  'US-EMAIL-01',
  'US-LCM-01',
  'US-DISC-01',
  'US-TBD-01',
  'US-SOCIAL-01',
  'UK-CONC-01',
  'UK-CONC-02',
  'UK-CONC-05',
  'UK-CONC-06',
  'UK-CONC-07',
  'UK-VULN-01',
  'EU-CCD2-35',
  'EU-GDPR-01',
]);

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
  /** The steps whose outcome can change with `now`: the only ones re-run to find nextAllowedAt. */
  timedSteps: RuleRun[];
}

export function compilePack(chain: Pack[], calendar: HolidayCalendar = EMPTY_CALENDAR): CompiledPack {
  const top = chain[chain.length - 1];
  if (top === undefined) throw new Error('an empty pack chain cannot be compiled');
  const steps: RuleRun[] = [];
  const timedSteps: RuleRun[] = [];
  const rules: RuleMeta[] = [];
  for (const pack of chain) {
    for (const meta of pack.rules) {
      if (!meta.enabled) continue;
      const factory = FACTORIES[meta.id];
      if (factory === undefined) throw new Error(`pack ${pack.id} names rule ${meta.id}, which has no implementation`);
      const step = factory(meta, pack.parameters as never);
      steps.push(step);
      if (!TIME_INDEPENDENT_RULES.has(meta.id)) timedSteps.push(step);
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
    timedSteps,
  };
}

/** Validates raw input into a request; throws VALIDATION_FAILED naming each bad field. */
export function parseContactRequest(input: unknown, prefix = ''): ContactRequest {
  const parsed = ContactRequestSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, prefix);
  return parsed.data;
}

function runSteps(steps: readonly RuleRun[], ctx: CheckContext): CheckContext {
  for (let i = 0; i < steps.length; i++) steps[i]!(ctx);
  return ctx;
}

/** Re-checks at later instants until nothing denies; the first such instant, or undefined. */
function findNextAllowed(pack: CompiledPack, first: CheckContext): number | undefined {
  if (first.denyWithoutNext || !Number.isFinite(first.maxNextMs)) return undefined;
  let t = first.maxNextMs;
  for (let i = 0; i < 24; i++) {
    const ctx = runSteps(pack.timedSteps, atInstant(first, t, false));
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
  const ctx = runSteps(pack.steps, buildContext(req, nowMs, pack.defaultZones, pack.calendar));
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
