/** The debtor assistant's (C14) shapes: intents, messages, answers, hand-offs. */
import { z } from 'zod';

export const INTENTS = [
  'balance', 'breakdown', 'due_date', 'options', 'propose_plan', 'pay', 'rights', 'complain', 'verify_call', 'dispute',
  'stop_contact', 'human', 'greeting', 'other_person', 'threat', 'out_of_scope',
] as const;
export type Intent = (typeof INTENTS)[number];

/** What the assistant answered as: an intent, or not sure (below the confidence threshold). */
export const ANSWER_KINDS = [...INTENTS, 'unsure'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export interface IntentExample {
  intent: Intent;
  text: string;
  language: Language;
}

/** Why a message got a fixed safe answer before any data was read. */
export const GUARDS = ['injection', 'other_person', 'foreign_identifier', 'threat'] as const;
export type Guard = (typeof GUARDS)[number];

/** Something the portal can do next, shown as a button under the reply. */
export const ACTION_KINDS = ['open', 'handoff', 'ask'] as const;
export const ActionSchema = z.object({
  kind: z.enum(ACTION_KINDS).describe('open: a portal page; handoff: ask for a person; ask: send this question'),
  label: z.string(),
  /** open: the portal path; ask: the question to send. */
  target: z.string().optional(),
});
export type Action = z.infer<typeof ActionSchema>;

/** A figure quoted in a reply, with where it came from: every number in a reply is one of these. */
export const FigureSchema = z.object({
  name: z.string(),
  accountRef: z.string().nullable(),
  amountMinor: z.number().int().optional(),
  currency: z.string().optional(),
  date: z.string().optional(),
  count: z.number().int().optional(),
  source: z.string(),
});
export type Figure = z.infer<typeof FigureSchema>;

export const AskInputSchema = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(500, 'at most 500 characters'),
  sessionId: z.string().uuid().optional().describe('Continue a conversation; omit to start one'),
  language: z.enum(LANGUAGES).optional().describe('The portal language, used when the text does not tell'),
});
export type AskInput = z.infer<typeof AskInputSchema>;

export const AnswerSchema = z.object({
  sessionId: z.string(),
  messageId: z.number().int(),
  reply: z.string(),
  intent: z.enum(ANSWER_KINDS),
  confidence: z.number(),
  guard: z.enum(GUARDS).nullable(),
  language: z.enum(LANGUAGES),
  actions: z.array(ActionSchema),
  figures: z.array(FigureSchema),
  handoffId: z.number().int().nullable(),
});
export type Answer = z.infer<typeof AnswerSchema>;

export const HandoffInputSchema = z.object({
  sessionId: z.string().uuid(),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
});

export const HANDOFF_STATUSES = ['open', 'closed'] as const;
export const HANDOFF_REASONS = ['asked', 'threat', 'unsure'] as const;
export type HandoffReason = (typeof HANDOFF_REASONS)[number];

export const TranscriptLineSchema = z.object({
  seq: z.number().int(), at: z.string(), text: z.string(), reply: z.string(), intent: z.enum(ANSWER_KINDS), confidence: z.number(), guard: z.enum(GUARDS).nullable(),
});
export type TranscriptLine = z.infer<typeof TranscriptLineSchema>;

export const HandoffSchema = z.object({
  id: z.number().int(),
  sessionId: z.string(),
  customerId: z.string(),
  accountRefs: z.array(z.string()),
  reason: z.enum(HANDOFF_REASONS),
  note: z.string().nullable(),
  status: z.enum(HANDOFF_STATUSES),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  closedBy: z.string().nullable(),
  transcript: z.array(TranscriptLineSchema),
});
export type Handoff = z.infer<typeof HandoffSchema>;

export const SessionSchema = z.object({
  id: z.string(),
  language: z.enum(LANGUAGES),
  startedAt: z.string(),
  handoffId: z.number().int().nullable(),
  messages: z.array(TranscriptLineSchema.extend({ actions: z.array(ActionSchema), figures: z.array(FigureSchema) })),
});
export type Session = z.infer<typeof SessionSchema>;
