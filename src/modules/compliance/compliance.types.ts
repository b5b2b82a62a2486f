/**
 * The compliance module's input and output shapes. Every type is inferred from a zod schema so that the
 * CLI, the HTTP routes, the OpenAPI document and docs/compliance.md all describe the same thing.
 *
 * The request is the documented shape plus optional fields (a superset). Unknown keys are ignored, so a
 * caller that sends more than the engine reads is not rejected; a value the engine reads but cannot
 * understand is rejected with the field's path.
 */
import { z } from 'zod';
import { normaliseContactPoint } from './contact-point.rules.ts';
import { isKnownTimeZone, parseInstant } from './local-time.rules.ts';

export const JURISDICTIONS = ['CN', 'US', 'US-MA', 'US-WA', 'US-NYC', 'UK', 'EU'] as const;
export const CHANNELS = ['call', 'sms', 'email', 'push', 'in_app', 'letter', 'visit', 'voicemail'] as const;
export const RECIPIENT_ROLES = ['debtor', 'guarantor', 'spouse', 'contact', 'third_party', 'attorney', 'employer', 'debt_adviser'] as const;
export const DEBTOR_STATUSES = [
  'deceased',
  'incapacitated',
  'breathing_space',
  'mental_health_crisis',
  'bankrupt',
  'attorney_represented',
  'vulnerable',
  'financial_difficulty',
  'minor',
  'identity_theft',
] as const;
export const OUTCOMES = ['connected', 'unanswered', 'voicemail', 'busy', 'invalid_number', 'refused', 'delivered', 'bounced', 'failed'] as const;
export const INITIATOR_KINDS = ['lender', 'agency', 'servicer', 'purchaser'] as const;
export const DISPUTE_STATUSES = ['open', 'pending', 'verification_sent', 'verified', 'resolved', 'withdrawn', 'rejected', 'closed'] as const;
export const DESIGNATION_TYPES = ['inconvenient_time', 'inconvenient_place', 'inconvenient_medium', 'no_work_contact'] as const;
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Purposes the rules understand. `purpose` is free text in the request; a value not in this list (after
 * the aliases below) is treated as `collection`, the most restricted purpose.
 */
export const PURPOSES = [
  'collection',
  'reminder',
  'locate_debtor',
  'pass_message',
  'initial_communication',
  'validation_notice',
  'cease_confirmation',
  'remedy_notice',
  'opt_out_confirmation',
  'dispute_response',
  'response_to_debtor',
  'statutory_notice',
  'credit_report_notice',
  'credit_furnishing',
  'default_notice',
  'legal_threat',
  'legal_action',
  'enforcement',
  'voluntary_payment',
  'unrelated_to_debt',
  'transfer_notice',
  'forbearance_offer',
] as const;
export type Purpose = (typeof PURPOSES)[number];

const PURPOSE_ALIASES: Record<string, Purpose> = {
  payment_reminder: 'reminder',
  pre_due_reminder: 'reminder',
  locate: 'locate_debtor',
  location: 'locate_debtor',
  location_information: 'locate_debtor',
  location_inquiry: 'locate_debtor',
  message: 'pass_message',
  validation: 'validation_notice',
  verification: 'dispute_response',
  verification_response: 'dispute_response',
  terminate_efforts: 'cease_confirmation',
  efforts_terminated: 'cease_confirmation',
  specific_remedy_notice: 'remedy_notice',
  required_by_law: 'statutory_notice',
  credit_report: 'credit_furnishing',
  credit_reporting: 'credit_furnishing',
  furnishing: 'credit_furnishing',
  credit_report_pre_notice: 'credit_report_notice',
  lawsuit: 'legal_action',
  litigation: 'legal_action',
  legal_referral: 'enforcement',
  enforcement_referral: 'enforcement',
  debtor_request: 'response_to_debtor',
  debtor_initiated: 'response_to_debtor',
};

/** Maps a request's free-text purpose to a known purpose (unknown → `collection`). */
export function normalisePurpose(raw: string | undefined): Purpose {
  if (raw === undefined || raw === '') return 'collection';
  const key = raw.trim().toLowerCase().replace(/[\s-]+/g, '_');
  if ((PURPOSES as readonly string[]).includes(key)) return key as Purpose;
  return PURPOSE_ALIASES[key] ?? 'collection';
}

const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|z|[+-]\d{2}:?\d{2})$/;
const INSTANT_MESSAGE = 'expected an ISO-8601 date-time with offset, e.g. 2026-03-10T21:59:59+08:00';

/** ISO-8601 date-time with an explicit offset (or Z). */
export const InstantSchema = z
  .string()
  .refine((s) => INSTANT_PATTERN.test(s) && Number.isFinite(parseInstant(s)) && !Number.isNaN(Date.parse(s)), INSTANT_MESSAGE)
  .describe('ISO-8601 date-time with offset');

export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'expected a real calendar date');

export const ClockSchema = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'expected a local clock time HH:MM');

export const TimeZoneSchema = z.string().refine(isKnownTimeZone, 'expected an IANA time zone such as Asia/Shanghai');

export const ChannelSchema = z.enum(CHANNELS);
export const JurisdictionSchema = z.enum(JURISDICTIONS);

export const DisputeSchema = z.object({
  debtId: z.string().min(1),
  status: z.enum(DISPUTE_STATUSES).default('open'),
  receivedAt: InstantSchema.optional(),
  written: z.boolean().optional().describe('written or electronic dispute (US §1006.38 needs writing)'),
});

/** A permission the debtor gave. `startLocal`/`endLocal` (aliases `from`/`to`) bound a time window. */
export const ConsentSchema = z
  .object({
    type: z.string().min(1).describe('contact_time | call_frequency | third_party_contact | contact_frequency | …'),
    startLocal: ClockSchema.optional(),
    endLocal: ClockSchema.optional(),
    from: ClockSchema.optional(),
    to: ClockSchema.optional(),
    days: z.array(z.enum(WEEKDAYS)).optional(),
    givenAt: InstantSchema.optional(),
    validUntil: InstantSchema.optional(),
    givenTo: z.enum(['collector', 'creditor', 'prior_collector']).optional().describe('who received it; default collector (given directly)'),
    debtIds: z.array(z.string()).optional(),
    channel: ChannelSchema.optional(),
    maxPerDay: z.number().int().nonnegative().optional(),
    revoked: z.boolean().optional(),
  })
  .transform((c) => ({ ...c, startLocal: c.startLocal ?? c.from, endLocal: c.endLocal ?? c.to }));

/** Something the debtor said does not suit them: a time, a place, or a medium (US §1006.6(b), §1006.14(h); CONC 7.9.4R). */
export const DesignationSchema = z.object({
  type: z.enum(DESIGNATION_TYPES),
  days: z.array(z.enum(WEEKDAYS)).optional(),
  startLocal: ClockSchema.optional(),
  endLocal: ClockSchema.optional(),
  place: z.string().optional().describe('home | work | … for inconvenient_place'),
  channel: ChannelSchema.optional().describe('medium for inconvenient_medium'),
  contactPointValue: z.string().optional(),
  validFrom: InstantSchema.optional(),
  validUntil: InstantSchema.optional(),
});

export const OptOutSchema = z.object({
  channel: z.union([ChannelSchema, z.literal('all')]),
  value: z.string().optional().describe('the address or number opted out; absent = the whole medium'),
  at: InstantSchema.optional(),
});

export const BreathingSpaceSchema = z.object({
  kind: z.enum(['standard', 'mental_health_crisis']).default('standard'),
  startDate: IsoDateSchema,
  endDate: IsoDateSchema.optional().describe('last day of the moratorium, when known (e.g. cancelled early)'),
  treatmentEndDate: IsoDateSchema.optional().describe('mental health crisis: date crisis treatment ended'),
  debtIds: z.array(z.string()).optional().describe('moratorium debts; absent = all debts'),
});

export const DebtorSchema = z.object({
  id: z.string().optional(),
  timeZones: z.array(TimeZoneSchema).default([]),
  status: z.array(z.enum(DEBTOR_STATUSES)).default([]),
  ceaseRequested: z
    .union([
      z.boolean(),
      z.object({
        at: InstantSchema.optional(),
        kind: z.enum(['cease', 'refusal']).default('cease'),
        debtIds: z.array(z.string()).optional(),
      }),
    ])
    .default(false),
  disputes: z.array(DisputeSchema).default([]),
  consents: z.array(ConsentSchema).default([]),
  designations: z.array(DesignationSchema).default([]),
  optOuts: z.array(OptOutSchema).default([]),
  breathingSpace: BreathingSpaceSchema.optional(),
  attorney: z
    .object({
      name: z.string().optional(),
      consentsToDirectContact: z.boolean().optional(),
      failedToRespond: z.boolean().optional(),
    })
    .optional(),
  validationNotice: z
    .object({ providedAt: InstantSchema.optional(), undeliverable: z.boolean().optional() })
    .optional()
    .describe('US: state of the §1006.34 validation notice; the rule runs only when this is supplied'),
  forbearanceAssessed: z.boolean().optional().describe('UK CONC 7.3 / EU CCD2 Art. 35 forbearance considered and documented'),
  transferNoticeSent: z.boolean().optional().describe('EU CSD Art. 10(2) notice after a transfer of the credit'),
}).transform((d) => ({
  // one literal, one hidden class (see HistoryEntrySchema)
  id: d.id,
  timeZones: d.timeZones,
  status: d.status,
  ceaseRequested: d.ceaseRequested,
  disputes: d.disputes,
  consents: d.consents,
  designations: d.designations,
  optOuts: d.optOuts,
  breathingSpace: d.breathingSpace,
  attorney: d.attorney,
  validationNotice: d.validationNotice,
  forbearanceAssessed: d.forbearanceAssessed,
  transferNoticeSent: d.transferNoticeSent,
}));

export const DebtSchema = z.object({
  debtId: z.string().min(1),
  timeBarred: z.boolean().optional(),
  paid: z.boolean().optional(),
  dischargedInBankruptcy: z.boolean().optional(),
  legalHold: z.enum(['automated', 'all']).optional().describe('the debt is in legal proceedings and the legal policy holds collection contacts about it: automated ones (messages, letters, robot calls) or all'),
});

const ContactPointObject = z.object({
  type: z.string().optional().describe('mobile | home_phone | work_phone | email | work_email | address | app | social | …'),
  value: z.string().optional(),
  callerNumberRegistered: z.boolean().optional().describe('the number we call or text from is registered to the institution'),
  employerProvided: z.boolean().optional(),
  public: z.boolean().optional().describe('visible to the public or to the person’s contacts'),
});

export const InitiatorSchema = z.object({
  kind: z.enum(INITIATOR_KINDS),
  id: z.string().optional(),
  collectors: z
    .union([z.number().int().nonnegative(), z.array(z.string())])
    .optional()
    .describe('number of collectors, or their ids'),
});

export const ActionSchema = z.object({
  channel: ChannelSchema,
  purpose: z.string().optional().transform(normalisePurpose),
  recipient: z
    .object({
      role: z.enum(RECIPIENT_ROLES).default('debtor'),
      personId: z.string().optional(),
      source: z
        .enum(['debtor_designated', 'address_book', 'public_record', 'other'])
        .optional()
        .describe('where the contact’s details came from; address_book is never usable (CN-PIPL-01/02)'),
    })
    .default({ role: 'debtor' }),
  debtIds: z.array(z.string()).default([]),
  initiator: InitiatorSchema.default({ kind: 'lender' }),
  contactPoint: ContactPointObject.optional(),
  content: z
    .object({
      text: z.string().optional(),
      lang: z.enum(['zh-CN', 'en']).optional(),
      public: z.boolean().optional(),
    })
    .optional(),
  recording: z.boolean().optional().describe('field visit: full audio and video recording'),
  automated: z.boolean().optional().describe('automated dialling or a robot voice'),
  consentToEnter: z.boolean().optional(),
}).transform((a) => ({
  channel: a.channel,
  purpose: a.purpose,
  recipient: { role: a.recipient.role, personId: a.recipient.personId, source: a.recipient.source },
  debtIds: a.debtIds,
  initiator: { kind: a.initiator.kind, id: a.initiator.id, collectors: a.initiator.collectors },
  contactPoint: a.contactPoint,
  content: a.content,
  recording: a.recording,
  automated: a.automated,
  consentToEnter: a.consentToEnter,
}));

const HistoryInitiator = z.union([z.string().transform((id) => ({ kind: undefined, id })), InitiatorSchema.partial()]);

export const HistoryEntrySchema = z.object({
  at: InstantSchema,
  channel: ChannelSchema,
  debtIds: z.array(z.string()).default([]),
  recipientRole: z.enum(RECIPIENT_ROLES).default('debtor'),
  personId: z.string().optional(),
  contactPoint: z.union([z.string(), ContactPointObject]).optional(),
  direction: z.enum(['outbound', 'inbound']).default('outbound'),
  outcome: z.enum(OUTCOMES),
  initiator: HistoryInitiator.optional(),
  purpose: z.string().optional().transform((p) => (p === undefined ? undefined : normalisePurpose(p))),
}).transform((e) => ({
  // Built as one literal so that every entry has the same hidden class: the rules read these fields in
  // their inner loops, and objects of mixed shapes make each read many times slower.
  at: e.at,
  /** `at` as epoch milliseconds, parsed once at the edge */
  atMs: parseInstant(e.at),
  channel: e.channel,
  debtIds: e.debtIds,
  recipientRole: e.recipientRole,
  personId: e.personId,
  /** the address or number (given as a string or as an object), normalised for comparison */
  contactPoint: normaliseContactPoint(typeof e.contactPoint === 'string' ? e.contactPoint : e.contactPoint?.value),
  contactPointType: typeof e.contactPoint === 'string' ? undefined : e.contactPoint?.type,
  direction: e.direction,
  outcome: e.outcome,
  initiator: e.initiator,
  purpose: e.purpose,
}));

export const ContactRequestSchema = z.object({
  id: z.string().optional().describe('caller’s reference, echoed in the verdict'),
  jurisdiction: JurisdictionSchema,
  now: InstantSchema,
  debtor: DebtorSchema.prefault({}),
  action: ActionSchema,
  debts: z.array(DebtSchema).default([]),
  history: z.array(HistoryEntrySchema).default([]),
}).transform((r) => ({
  id: r.id,
  jurisdiction: r.jurisdiction,
  now: r.now,
  debtor: r.debtor,
  action: r.action,
  debts: r.debts,
  history: r.history,
}));

export type ContactRequestInput = z.input<typeof ContactRequestSchema>;
export type ContactRequest = z.output<typeof ContactRequestSchema>;
export type HistoryEntry = ContactRequest['history'][number];
export type Channel = (typeof CHANNELS)[number];
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];
export type Outcome = (typeof OUTCOMES)[number];

// ---------------------------------------------------------------------------------------------------------
// Verdict

export const DECISIONS = ['allow', 'deny', 'allow_with_flag', 'require_action'] as const;
export const RULE_OUTCOMES = ['pass', 'fail', 'flag', 'not_applicable'] as const;
export const SOURCE_STATUSES = ['P', 'S', 'U'] as const;

export const BilingualSchema = z.object({ 'zh-CN': z.string(), en: z.string() });
export type Bilingual = z.infer<typeof BilingualSchema>;

export const RuleSourceSchema = z.object({
  citation: z.string().describe('the instrument and article'),
  status: z.enum(SOURCE_STATUSES).describe('P primary text read; S secondary only; U unverified (configurable default)'),
});
export type RuleSource = z.infer<typeof RuleSourceSchema>;

export const TraceEntrySchema = z.object({
  ruleId: z.string(),
  check: z.string().optional().describe('which part of the rule, when a rule has several'),
  outcome: z.enum(RULE_OUTCOMES),
  effect: z.enum(['deny', 'require_action']).optional().describe('for a fail: block, or allow only after the required action'),
  reason: BilingualSchema,
  source: RuleSourceSchema,
  requiredAction: z.string().optional(),
  nextAllowedAt: z.string().optional(),
});
export type TraceEntry = z.infer<typeof TraceEntrySchema>;

export const VerdictSchema = z.object({
  id: z.string().optional(),
  decision: z.enum(DECISIONS),
  jurisdiction: JurisdictionSchema,
  packs: z.array(z.object({ id: z.string(), version: z.string() })),
  now: z.string(),
  nextAllowedAt: z.string().optional().describe('when denied only for time or frequency: the earliest instant that would pass'),
  denyingRules: z.array(z.string()),
  requiredActions: z.array(z.object({ ruleId: z.string(), action: z.string(), reason: BilingualSchema })),
  flags: z.array(z.object({ ruleId: z.string(), reason: BilingualSchema })),
  classification: z.string().optional().describe('voicemail: limited_content_message or communication (US §1006.2(j))'),
  trace: z.array(TraceEntrySchema),
});
export type Verdict = z.infer<typeof VerdictSchema>;
export type Decision = (typeof DECISIONS)[number];

// ---------------------------------------------------------------------------------------------------------
// Template lint

export const LINT_LANGS = ['zh-CN', 'en'] as const;
export const LintRequestSchema = z.object({
  text: z.string().max(20_000),
  lang: z.enum(LINT_LANGS).optional().describe('lexicon to use; both when absent'),
  recipientRole: z.enum(RECIPIENT_ROLES).optional().describe('a third-party recipient also checks for disclosure of the debt'),
});
export type LintRequest = z.infer<typeof LintRequestSchema>;

export const LINT_CATEGORIES = [
  'threat',
  'insult',
  'impersonation',
  'fictitious_blacklist',
  'exaggerated_consequence',
  'extra_fee',
  'public_exposure',
  'induced_borrowing',
  'pressure',
  'debt_disclosure',
] as const;
export type LintCategory = (typeof LINT_CATEGORIES)[number];

export const LintFindingSchema = z.object({
  category: z.enum(LINT_CATEGORIES),
  lang: z.enum(LINT_LANGS),
  match: z.string(),
  index: z.number().int(),
  ruleIds: z.array(z.string()),
  message: BilingualSchema,
});
export type LintFinding = z.infer<typeof LintFindingSchema>;

export const LintResultSchema = z.object({ ok: z.boolean(), findings: z.array(LintFindingSchema) });
export type LintResult = z.infer<typeof LintResultSchema>;

// ---------------------------------------------------------------------------------------------------------
// Jurisdiction packs: versioned data. A pack lists its rules (with sources) and its parameters, each
// named with its unit. The rule logic is code; what it is allowed to do is the pack.

export const RuleMetaSchema = z.object({
  id: z.string().regex(/^[A-Z]{2}(-[A-Z0-9]+)+$/, 'rule ids look like CN-HOURS-01'),
  title: BilingualSchema,
  requirement: z.string().min(1).describe('what the rule requires, in one or two sentences'),
  parameters: z.array(z.string()).default([]),
  source: RuleSourceSchema,
  enabled: z.boolean().default(true),
});
export type RuleMeta = z.infer<typeof RuleMetaSchema>;

const Minutes = z.number().int().min(0).max(1440);
const ChannelList = z.array(ChannelSchema);
const PurposeList = z.array(z.enum(PURPOSES));
const Effect = z.enum(['none', 'flag', 'deny']);

export const CnParametersSchema = z.object({
  timeZone: TimeZoneSchema,
  quietStartLocalMinutes: Minutes,
  quietEndLocalMinutes: Minutes,
  quietHoursChannels: ChannelList,
  useStricterOfDebtorAndChinaTime: z.boolean(),
  maxConnectedConversationsPerDebtorPerDay: z.number().int().nonnegative(),
  conversationCountScope: z.enum(['creditor_and_agencies', 'initiator']),
  maxUnansweredAttemptsPerContactPointPerDay: z.number().int().nonnegative(),
  consecutiveFailedAttemptsForUnreachable: z.number().int().positive(),
  unreachableLookbackDays: z.number().int().positive(),
  spouseTreatedAs: z.enum(['contact', 'obligor']),
  contactPurposesAllowed: PurposeList,
  minCollectorsPerFieldVisit: z.number().int().positive(),
  fieldVisitRecordingRequired: z.boolean(),
  registeredCallerNumberRequiredFor: z.enum(['agency', 'all']),
  creditReportPreNoticeDays: z.number().int().nonnegative(),
  disputeHoldsCollection: z.boolean(),
  ceaseRequestEffect: Effect,
  fieldVisitOnStatutoryHolidayEffect: Effect,
});

export const UsParametersSchema = z.object({
  earliestLocalMinutes: Minutes,
  latestLocalMinutes: Minutes,
  hoursChannels: ChannelList,
  appliesToCreditors: z.boolean(),
  maxCallsPerDebtPer7Days: z.number().int().nonnegative(),
  callWindowDays: z.number().int().positive(),
  callBlackoutDaysAfterConversation: z.number().int().nonnegative(),
  callConsentWindowDays: z.number().int().positive(),
  rapidRedialBlockMinutes: z.number().int().nonnegative(),
  callsPerDayFlagAbove: z.number().int().nonnegative(),
  electronicMessagesPerDayFlagAbove: z.number().int().nonnegative(),
  attemptsAllChannelsPer7DaysFlagAbove: z.number().int().nonnegative(),
  thirdPartyLocationContactsPerPerson: z.number().int().nonnegative(),
  electronicChannels: ChannelList,
  validationNoticeDeadlineDays: z.number().int().nonnegative(),
  validationAssumedReceiptBusinessDays: z.number().int().nonnegative(),
  validationPeriodDays: z.number().int().nonnegative(),
  furnishingWaitDays: z.number().int().nonnegative(),
  disputeHoldPurposesAllowed: PurposeList,
  ceasePurposesAllowed: PurposeList,
});

export const UsMaParametersSchema = z.object({
  maxCallsAndTextsPer7DaysPersonalNumber: z.number().int().nonnegative(),
  maxCallsAndTextsPer30DaysOtherNumber: z.number().int().nonnegative(),
  maxVisitsPer30DaysPerDebt: z.number().int().nonnegative(),
  personalContactPointTypes: z.array(z.string()),
});

export const UsWaParametersSchema = z.object({
  maxCommunicationsPer7Days: z.number().int().nonnegative(),
  maxWorkCommunicationsPer7Days: z.number().int().nonnegative(),
  earliestHomeLocalMinutes: Minutes,
  latestLocalMinutes: Minutes,
  workContactPointTypes: z.array(z.string()),
});

export const UsNycParametersSchema = z.object({
  maxCommunicationsPer7Days: z.number().int().nonnegative(),
  countScope: z.enum(['consumer', 'debt']),
  countUnansweredAttempts: z.boolean(),
});

export const UkParametersSchema = z.object({
  timeZone: TimeZoneSchema,
  earliestLocalMinutes: Minutes,
  quietStartLocalMinutes: Minutes,
  hoursChannels: ChannelList,
  standardMoratoriumDays: z.number().int().positive(),
  mentalHealthCrisisExtraDays: z.number().int().nonnegative(),
  moratoriumPurposesAllowed: PurposeList,
  escalationPurposes: PurposeList,
  vulnerableBlocksFieldVisits: z.boolean(),
  vulnerableBlocksAutomatedContact: z.boolean(),
  thirdPartyPurposesAllowed: PurposeList,
  disputeHoldsCollection: z.boolean(),
  ceaseRequestEffect: Effect,
});

export const EuParametersSchema = z.object({
  timeZone: TimeZoneSchema,
  earliestLocalMinutes: Minutes,
  quietStartLocalMinutes: Minutes,
  hoursChannels: ChannelList,
  enforcementPurposes: PurposeList,
  thirdPartyPurposesAllowed: PurposeList,
  transferNoticeInitiators: z.array(z.enum(INITIATOR_KINDS)),
  disputeHoldsCollection: z.boolean(),
  ceaseRequestEffect: Effect,
});

export const PARAMETER_SCHEMAS = {
  CN: CnParametersSchema,
  US: UsParametersSchema,
  'US-MA': UsMaParametersSchema,
  'US-WA': UsWaParametersSchema,
  'US-NYC': UsNycParametersSchema,
  UK: UkParametersSchema,
  EU: EuParametersSchema,
} as const;

export type CnParameters = z.infer<typeof CnParametersSchema>;
export type UsParameters = z.infer<typeof UsParametersSchema>;
export type UsMaParameters = z.infer<typeof UsMaParametersSchema>;
export type UsWaParameters = z.infer<typeof UsWaParametersSchema>;
export type UsNycParameters = z.infer<typeof UsNycParametersSchema>;
export type UkParameters = z.infer<typeof UkParametersSchema>;
export type EuParameters = z.infer<typeof EuParametersSchema>;
export type ParametersOf<J extends Jurisdiction> = z.infer<(typeof PARAMETER_SCHEMAS)[J]>;

export function packSchemaFor<J extends Jurisdiction>(id: J) {
  return z.object({
    id: z.literal(id),
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'versions look like 1.2.0'),
    extends: JurisdictionSchema.optional().describe('a base pack this overlay stacks on'),
    title: BilingualSchema,
    effectiveFrom: IsoDateSchema,
    defaultTimeZones: z.array(TimeZoneSchema).min(1),
    holidayEffects: z.string().describe('what a public holiday changes under this pack'),
    parameters: PARAMETER_SCHEMAS[id] as (typeof PARAMETER_SCHEMAS)[J],
    rules: z.array(RuleMetaSchema).min(1),
  });
}
export type Pack<J extends Jurisdiction = Jurisdiction> = z.infer<ReturnType<typeof packSchemaFor<J>>>;

/** Admin overrides of pack parameters, by jurisdiction: `{ "CN": { "quietStartLocalMinutes": 1260 } }`. */
export const ParameterOverridesSchema = z.object({
  CN: CnParametersSchema.partial().optional(),
  US: UsParametersSchema.partial().optional(),
  'US-MA': UsMaParametersSchema.partial().optional(),
  'US-WA': UsWaParametersSchema.partial().optional(),
  'US-NYC': UsNycParametersSchema.partial().optional(),
  UK: UkParametersSchema.partial().optional(),
  EU: EuParametersSchema.partial().optional(),
}).strict();
export type ParameterOverrides = z.infer<typeof ParameterOverridesSchema>;

// ---------------------------------------------------------------------------------------------------------
// Holiday calendar (data passed into the check; seeded from chinese-days, editable in the `holidays` table)

export const HolidayRowSchema = z.object({
  jurisdiction: z.string().min(2),
  onDate: IsoDateSchema,
  kind: z.enum(['holiday', 'workday']),
  name: z.string(),
  source: z.string(),
});
export type HolidayRow = z.infer<typeof HolidayRowSchema>;
