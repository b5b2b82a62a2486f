/** Contacts: templates, planned contacts (the outbox), disputes, senders — types and input schemas. */
import { z } from 'zod';
import { PROVIDER_CHANNELS, type ProviderChannel } from './providers/provider.types.ts';
import { MAX_TEMPLATE_BODY_CHARS } from './templates.rules.ts';

export const LANGUAGES = ['zh-CN', 'en'] as const;

/** What the strategy can ask for; each contact action goes out on one provider channel. */
export const ACTION_CHANNEL = {
  sms_reminder: 'sms',
  push_reminder: 'push',
  in_app_message: 'in_app',
  email_reminder: 'email',
  robot_call: 'robot_call',
  collector_call: 'collector_call',
  one_to_one: 'collector_call',
  letter: 'letter',
} as const satisfies Record<string, ProviderChannel>;
export type ContactAction = keyof typeof ACTION_CHANNEL;
export const RECOMMENDATIONS = ['recommend_agency', 'recommend_legal'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

/** The compliance engine's channel for each provider channel. */
export const COMPLIANCE_CHANNEL = {
  sms: 'sms',
  email: 'email',
  in_app: 'in_app',
  push: 'push',
  letter: 'letter',
  collector_call: 'call',
  robot_call: 'call',
} as const satisfies Record<ProviderChannel, string>;

/** Sender registry channel for each provider channel (in-app, push and letters need no registered sender). */
export const SENDER_CHANNEL: Partial<Record<ProviderChannel, 'sms' | 'email' | 'call'>> = {
  sms: 'sms',
  email: 'email',
  collector_call: 'call',
  robot_call: 'call',
};

export const TemplateInputSchema = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'expected lower-case letters, digits and _ (2–64 characters)'),
  language: z.enum(LANGUAGES),
  channel: z.enum(PROVIDER_CHANNELS),
  subject: z.string().min(1).max(200).optional(),
  body: z.string().min(1).max(MAX_TEMPLATE_BODY_CHARS),
});
export type TemplateInput = z.infer<typeof TemplateInputSchema>;

export const SenderInputSchema = z.object({
  ownerKind: z.enum(['lender', 'agency']),
  ownerId: z.string().min(1).max(64),
  channel: z.enum(['sms', 'email', 'call']),
  value: z.string().min(3).max(254),
  registeredOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
});
export type SenderInput = z.infer<typeof SenderInputSchema>;

export const DisputeInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  reason: z.string().min(1).max(2_000),
});
export type DisputeInput = z.infer<typeof DisputeInputSchema>;

export const OUTBOX_STATUSES = ['scheduled', 'sending', 'sent', 'delivered', 'failed', 'blocked', 'cancelled', 'expired'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** One planned contact as the dispatcher reads it. */
export interface OutboxItem {
  id: number;
  reference: string;
  accountId: number;
  accountRef: string;
  customerId: string;
  businessDate: string;
  action: string;
  /** 'reminder' (before the due date) or 'collection'. */
  purpose: string;
  channel: ProviderChannel;
  templateCode: string | null;
  language: 'zh-CN' | 'en';
  recipientRole: string;
  contactPoint: string | null;
  sender: string | null;
  initiatorKind: 'lender' | 'agency';
  initiatorId: string;
  scheduledAt: string;
  expiresAt: string;
  status: OutboxStatus;
  verifyCode: string;
  attempts: number;
}
