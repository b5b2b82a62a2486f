/**
 * The strategy module's shapes: decision tables (versioned data that pick the next collection action
 * for an account), the facts a table reads, experiments (champion/challenger with a holdout) and their
 * guardrails. Every type is inferred from a zod schema, so the HTTP routes, the OpenAPI document and
 * docs/strategy.md describe the same thing.
 *
 * Objects are strict: an unknown key is refused with its path, because a misspelt condition
 * (`dpd: { mn: 3 }`) would otherwise be dropped and the row would match every account.
 */
import { z } from 'zod';

/** Most rows one table may hold; the validator compares rows pairwise. */
export const MAX_TABLE_ROWS = 200;
/** Most fallback entries one row may list. */
export const MAX_FALLBACK_ENTRIES = 6;
/** Longest cadence, in days: a year. */
export const MAX_CADENCE_DAYS = 366;
/** Most distinct bucket codes, and segments, one table may name (each becomes a bit of a 31-bit mask). */
export const MAX_CODES_PER_TABLE = 30;
/** Highest risk score. */
export const MAX_RISK_SCORE = 1000;
/** Queue priority runs from 0 (lowest) to this. */
export const MAX_QUEUE_PRIORITY = 100;
/** Basis points in a whole: experiment shares and ratios are in basis points. */
export const BP_WHOLE = 10_000;

/** Jurisdictions with a strategy: the compliance packs' ids (a US state pack id such as US-MA included). */
export const STRATEGY_JURISDICTIONS = ['CN', 'US', 'US-MA', 'US-WA', 'US-NYC', 'UK', 'EU'] as const;
export type StrategyJurisdiction = (typeof STRATEGY_JURISDICTIONS)[number];

/** Steps of the escalation ladder a row can decide. */
export const ACTIONS = [
  'sms_reminder',
  'push_reminder',
  'in_app_message',
  'email_reminder',
  'robot_call',
  'collector_call',
  'one_to_one',
  'letter',
  'recommend_agency',
  'recommend_legal',
  'none',
] as const;
export type Action = (typeof ACTIONS)[number];

/** How an action goes out; `none` for decisions that contact nobody (a recommendation, waiting). */
export const CHANNELS = ['sms', 'push', 'in_app', 'email', 'robot_call', 'collector_call', 'letter', 'none'] as const;
export type Channel = (typeof CHANNELS)[number];
export type ContactChannel = Exclude<Channel, 'none'>;
export const CONTACT_CHANNELS = CHANNELS.filter((c): c is ContactChannel => c !== 'none');

/** Contact points a debtor can have (a usable point and no opt-out); both call channels need `call`. */
export const REACHABLE_CHANNELS = ['sms', 'email', 'push', 'in_app', 'letter', 'call'] as const;
export type ReachableChannel = (typeof REACHABLE_CHANNELS)[number];

/** Outcome of the last contact attempt; `none` when there was none. */
export const LAST_OUTCOMES = ['connected', 'unanswered', 'voicemail', 'busy', 'invalid_number', 'refused', 'delivered', 'bounced', 'failed', 'none'] as const;
export type LastOutcome = (typeof LAST_OUTCOMES)[number];
export const PROMISE_STATES = ['none', 'open', 'kept', 'partly_kept', 'broken'] as const;
export type PromiseState = (typeof PROMISE_STATES)[number];
export const PLAN_STATES = ['none', 'active', 'broken'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const CODE_MESSAGE = '1–64 letters, digits, _ . -, starting with a letter or digit';
export const CodeSchema = z.string().regex(CODE_PATTERN, { message: CODE_MESSAGE });

const int = () => z.number().int().refine(Number.isSafeInteger, { message: 'must be a safe integer' });

/** An inclusive integer range; a missing end is open. min > max is reported by the validator with the row. */
export const RangeSchema = z.strictObject({ min: int().optional(), max: int().optional() });
export type Range = z.infer<typeof RangeSchema>;

/**
 * A range over a fact that can be null (no risk score, never contacted, nothing due). `nulls` says how
 * null is treated: `exclude` (the default: only numbers in the range match), `include` (null matches too),
 * `only` (only null matches; then min and max must be absent).
 */
export const NullableRangeSchema = z.strictObject({
  min: int().optional(),
  max: int().optional(),
  nulls: z.enum(['exclude', 'include', 'only']).optional(),
});
export type NullableRange = z.infer<typeof NullableRangeSchema>;

const list = <T extends z.ZodType>(item: T) => z.array(item).max(64);

/** Conditions of a row; each is optional and an absent one matches any account. All present ones must hold. */
export const ConditionsSchema = z.strictObject({
  buckets: list(z.string().min(1).max(10)).optional().describe('bucket codes (M0 … M6+): the account is in one of them'),
  dpd: RangeSchema.optional().describe('days past due, inclusive'),
  daysToDue: NullableRangeSchema.optional().describe('days until an amount falls due, for an account not yet overdue (null: none due or overdue)'),
  balanceMinor: RangeSchema.optional().describe('outstanding balance in minor units, inclusive'),
  riskScore: NullableRangeSchema.optional().describe(`0–${MAX_RISK_SCORE}; null when unscored`),
  segment: list(z.string().min(1).max(40)).optional().describe('the account is in one of these segments'),
  daysSinceLastContact: NullableRangeSchema.optional().describe('days since the last contact attempt of any kind; null when never contacted'),
  lastOutcome: list(z.enum(LAST_OUTCOMES)).optional(),
  promiseState: list(z.enum(PROMISE_STATES)).optional(),
  planState: list(z.enum(PLAN_STATES)).optional(),
  hasChannel: list(z.enum(REACHABLE_CHANNELS)).optional().describe('the debtor is reachable on every listed channel (usable point, no opt-out)'),
  validationNoticeSent: z.boolean().optional().describe('US: the validation notice has (true) or has not (false) been sent'),
});
export type Conditions = z.infer<typeof ConditionsSchema>;

export const FallbackEntrySchema = z.strictObject({ channel: z.enum(CONTACT_CHANNELS), template: CodeSchema });
export type FallbackEntry = z.infer<typeof FallbackEntrySchema>;

/** What a row decides. */
export const OutputsSchema = z.strictObject({
  action: z.enum(ACTIONS),
  channel: z.enum(CHANNELS),
  template: CodeSchema.nullable().optional().describe('template code; required unless the channel is none'),
  priority: z.number().int().min(0).max(MAX_QUEUE_PRIORITY).describe('queue priority, higher first'),
  fallback: z.array(FallbackEntrySchema).max(MAX_FALLBACK_ENTRIES).default([]).describe('tried in order when the channel is unusable or blocked'),
  cadenceDays: z.number().int().min(0).max(MAX_CADENCE_DAYS).default(0).describe('the row does not fire when its action was taken fewer than this many days ago'),
  legallyRequired: z.boolean().default(false).describe('a notice the law requires: the holdout arm of an experiment still gets it'),
});
export type Outputs = z.infer<typeof OutputsSchema>;

export const RowSchema = z.strictObject({
  id: CodeSchema,
  priority: z.number().int().min(0).max(1_000_000).describe('evaluation order, lower first; ties keep table order'),
  description: z.string().max(500).optional(),
  conditions: ConditionsSchema.default({}),
  outputs: OutputsSchema,
});
export type Row = z.infer<typeof RowSchema>;
export type RowInput = z.input<typeof RowSchema>;

export const DecisionTableSchema = z.strictObject({
  code: CodeSchema,
  jurisdiction: z.enum(STRATEGY_JURISDICTIONS),
  description: z.string().max(2000).default(''),
  rows: z.array(RowSchema).min(1).max(MAX_TABLE_ROWS),
});
export type DecisionTable = z.infer<typeof DecisionTableSchema>;
export type DecisionTableInput = z.input<typeof DecisionTableSchema>;

/**
 * What a table reads about one account on one business date. Built by the facts loader from the ledger,
 * delinquency, contacts and negotiation tables; decide() trusts it (it is not parsed per decision).
 */
export const AccountFactsSchema = z.strictObject({
  accountId: z.number().int().min(1),
  jurisdiction: z.enum(STRATEGY_JURISDICTIONS),
  bucket: z.string().min(1).max(10),
  dpd: z.number().int().min(0),
  daysToDue: z.number().int().min(0).nullable(),
  balanceMinor: int(),
  riskScore: z.number().int().min(0).max(MAX_RISK_SCORE).nullable(),
  segment: z.string().min(1).max(40).nullable(),
  daysSinceLastContact: z.number().int().min(0).nullable(),
  lastOutcome: z.enum(LAST_OUTCOMES),
  promiseState: z.enum(PROMISE_STATES),
  planState: z.enum(PLAN_STATES),
  hasChannel: z.array(z.enum(REACHABLE_CHANNELS)),
  /** Days since each action was last taken for this account; absent or null: never. Cadence reads it. */
  daysSinceAction: z.partialRecord(z.enum(ACTIONS), z.number().int().min(0).nullable()),
  validationNoticeSent: z.boolean(),
});
export type AccountFacts = z.infer<typeof AccountFactsSchema>;

/** The result of a decision: the row that fired and what it decided, with the channel actually usable. */
export interface Decision {
  rowId: string;
  action: Action;
  /** The row's channel, or the first usable fallback channel when the row's is unusable. */
  channel: Channel;
  template: string | null;
  priority: number;
  /** The rest of the fallback chain after the chosen channel, usable entries only: tried when the gate blocks. */
  fallback: FallbackEntry[];
  cadenceDays: number;
  legallyRequired: boolean;
}

/** A bucket of the delinquency policy, as the validator needs it: its code and DPD range (max null = open). */
export interface DomainBucket {
  code: string;
  minDpd: number;
  maxDpd: number | null;
}

/** What the validator checks coverage against: the bucket policy's buckets with their DPD ranges. */
export interface ValidationDomain {
  buckets: readonly DomainBucket[];
}

export const Bilingual = z.object({ 'zh-CN': z.string(), en: z.string() });
export type BilingualText = z.infer<typeof Bilingual>;

export const FINDING_KINDS = ['overlap', 'shadowed', 'gap', 'invalid'] as const;
export const FindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  rowIds: z.array(z.string()),
  /** For `invalid`: the field, as a path into the table (`rows.3.conditions.dpd`). */
  field: z.string().optional(),
  /** For `gap`: the bucket and DPD range no row decides for (dpdMax null: no upper end). */
  region: z.object({ bucket: z.string(), dpdMin: z.number().int(), dpdMax: z.number().int().nullable() }).optional(),
  message: Bilingual,
});
export type Finding = z.infer<typeof FindingSchema>;

// -------------------------------------------------------------------------------------------------------
// Experiments

export const ARMS = ['champion', 'challenger', 'holdout'] as const;
export type Arm = (typeof ARMS)[number];

/** Largest holdout share: accounts in the holdout get only legally required notices, so keep it small. */
export const MAX_HOLDOUT_BP = 2_000;

export const GUARDRAIL_METRICS = ['complaintsPer10kContacts', 'optOutsPer10kContacts', 'contactsPerAccountWeekBp', 'complianceBlocksPer10kPlanned'] as const;
export type GuardrailMetric = (typeof GUARDRAIL_METRICS)[number];

/**
 * A limit on a harm metric. Rates are whole numbers: per 10,000 contacts (or planned contacts), and for
 * contacts per account per week in basis points (1 contact per account per week = 10,000). An arm stops
 * when its rate is strictly above `ceiling`, or above the champion's rate × `maxRatioToChampionBp` / 10,000.
 * `minSample` is the least denominator (contacts, planned contacts, or account-days) an arm — and for the
 * relative limit the champion too — must have before the limit is judged.
 */
export const GuardrailSchema = z
  .strictObject({
    id: CodeSchema,
    metric: z.enum(GUARDRAIL_METRICS),
    ceiling: z.number().int().min(0).optional(),
    maxRatioToChampionBp: z.number().int().min(BP_WHOLE).max(100 * BP_WHOLE).optional(),
    minSample: z.number().int().min(0).default(0),
  })
  .refine((g) => g.ceiling !== undefined || g.maxRatioToChampionBp !== undefined, {
    message: 'give a ceiling, a maxRatioToChampionBp, or both',
  });
export type Guardrail = z.infer<typeof GuardrailSchema>;
export type GuardrailInput = z.input<typeof GuardrailSchema>;

export const ExperimentInputSchema = z
  .strictObject({
    code: CodeSchema,
    tableCode: CodeSchema,
    challengerVersion: z.number().int().min(1),
    holdoutBp: z.number().int().min(0).max(MAX_HOLDOUT_BP).default(0),
    challengerBp: z.number().int().min(1).max(BP_WHOLE),
    guardrails: z.array(GuardrailSchema).max(20).default([]),
  })
  .refine((e) => e.holdoutBp + e.challengerBp <= BP_WHOLE, { message: `holdoutBp + challengerBp must not exceed ${BP_WHOLE}`, path: ['challengerBp'] });
export type ExperimentInput = z.input<typeof ExperimentInputSchema>;

/** The part of an experiment assignment reads. */
export interface ExperimentSplit {
  code: string;
  holdoutBp: number;
  challengerBp: number;
}

/** Counts per arm over the evaluation period; all integers. */
export const ArmCountsSchema = z.strictObject({
  accounts: z.number().int().min(0),
  /** Sum over the days of the period of the accounts in the arm: the exposure for contacts per account-week. */
  accountDays: z.number().int().min(0),
  contacts: z.number().int().min(0),
  complaints: z.number().int().min(0),
  optOuts: z.number().int().min(0),
  planned: z.number().int().min(0),
  complianceBlocks: z.number().int().min(0),
});
export type ArmCounts = z.infer<typeof ArmCountsSchema>;

export interface ArmMetrics extends ArmCounts {
  complaintsPer10kContacts: number | null;
  optOutsPer10kContacts: number | null;
  contactsPerAccountWeekBp: number | null;
  complianceBlocksPer10kPlanned: number | null;
}

export interface GuardrailReason {
  /** The guardrail's id. */
  rule: string;
  kind: 'ceiling' | 'relative';
  metric: GuardrailMetric;
  value: number;
  threshold: number;
  message: BilingualText;
}

export interface ArmVerdict {
  stop: boolean;
  reasons: GuardrailReason[];
}
