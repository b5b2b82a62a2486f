/**
 * The one interface every channel adapter implements (SMS over SMPP, e-mail over SMTP, in-app/push
 * inbox, PDF letters, call tasks). The dispatcher knows nothing else about a channel.
 *
 * Exactly-once rests on two things every provider offers:
 *  - `reference`: our own id for the message (derived from the outbox item), carried to the provider
 *    with the message (an SMPP TLV, the e-mail Message-ID, a unique column) so that
 *  - `lookup(reference)` can say whether the provider already holds that message. The dispatcher calls
 *    it for an item whose send was interrupted (a crash between send and record) before deciding to
 *    send again, so a message is never sent twice.
 */

export const PROVIDER_CHANNELS = ['sms', 'email', 'in_app', 'push', 'letter', 'collector_call', 'robot_call'] as const;
export type ProviderChannel = (typeof PROVIDER_CHANNELS)[number];

export type MessageLanguage = 'zh-CN' | 'en';

export interface OutboundMessage {
  /** Our reference, unique per outbox item (e.g. 'fd-000000123'); at most 32 ASCII characters. */
  reference: string;
  channel: ProviderChannel;
  /** Phone number (E.164, e.g. '+8613800138000'), e-mail address, or customer id for in_app/push. */
  to: string;
  /** The registered sender: short code or caller number for sms/calls, address for e-mail. */
  from: string;
  language: MessageLanguage;
  /** E-mail subject, letter title, inbox title. */
  subject?: string;
  /** The rendered text (already passed the content lint). */
  text: string;
  /** The anti-impersonation code the debtor can check at /api/v1/verify/{code}. */
  verifyCode: string;
  customerId: string;
  accountRef: string;
  /** Postal address lines for a letter. */
  address?: string;
  /** Instant the message is sent, ISO-8601 (passed in: providers read no clock of their own for records). */
  at: string;
}

export interface SendReceipt {
  /** The provider's own id for the message (SMSC message_id, SMTP queue id, row id). */
  providerMessageId: string;
  /** When the provider accepted it, ISO-8601. */
  acceptedAt: string;
  /**
   * For a call placed at once (a robot call): how it went, as the compliance history records it. A
   * task handed to a collector has none: the collector records the outcome of the call later.
   */
  callOutcome?: 'connected' | 'unanswered' | 'busy' | 'voicemail' | 'invalid_number' | 'refused';
}

/** An asynchronous report from the provider about a message it accepted earlier. */
export interface DeliveryReport {
  providerMessageId: string;
  status: 'delivered' | 'failed' | 'expired' | 'rejected';
  at: string;
  /** Provider error code or text, if any. */
  detail?: string;
}

/** A send that did not happen. `retryable` says whether the same message may be tried again later. */
export class ProviderError extends Error {
  readonly retryable: boolean;
  constructor(message: string, retryable: boolean) {
    super(message);
    this.name = 'ProviderError';
    this.retryable = retryable;
  }
}

export interface ChannelProvider {
  readonly channel: ProviderChannel;
  /** Sends one message; resolves when the provider has accepted it. Throws ProviderError otherwise. */
  send(msg: OutboundMessage): Promise<SendReceipt>;
  /** Whether the provider already holds a message with this reference (and its receipt), or null. */
  lookup(reference: string): Promise<SendReceipt | null>;
  /** Registers a listener for delivery reports (providers without reports never call it). */
  onReport?(listener: (r: DeliveryReport) => void): void;
  close(): Promise<void>;
}
