/**
 * An in-memory provider for unit tests: records what it was given, answers lookups from that record,
 * and can be told to fail (retryable or not) or to "lose the acknowledgement" — accept a message and
 * then throw, as a crash between send and record looks from the dispatcher's side.
 */
import { ProviderError, type ChannelProvider, type DeliveryReport, type OutboundMessage, type ProviderChannel, type SendReceipt } from './provider.types.ts';

export interface FakeProvider extends ChannelProvider {
  readonly sent: OutboundMessage[];
  /** Makes the next `n` sends fail with this error. */
  failNext(n: number, retryable: boolean): void;
  /** Makes the next `n` sends succeed at the provider but throw before the caller learns of it (a plain error, or a retryable refusal). */
  loseAckNext(n: number, as?: 'unknown' | 'retryable'): void;
  report(r: DeliveryReport): void;
}

export function createFakeProvider(channel: ProviderChannel): FakeProvider {
  const sent: OutboundMessage[] = [];
  const receipts = new Map<string, SendReceipt>();
  const listeners: Array<(r: DeliveryReport) => void> = [];
  let failures: Array<{ retryable: boolean }> = [];
  let lostAcks = 0;
  let lostAs: 'unknown' | 'retryable' = 'unknown';
  return {
    channel,
    sent,
    failNext(n, retryable) {
      failures = Array.from({ length: n }, () => ({ retryable }));
    },
    loseAckNext(n, as = 'unknown') {
      lostAcks = n;
      lostAs = as;
    },
    report(r) {
      for (const l of listeners) l(r);
    },
    async send(msg) {
      const f = failures.shift();
      if (f) throw new ProviderError(`fake ${channel} failure`, f.retryable);
      sent.push(msg);
      const receipt = { providerMessageId: `${channel}-${sent.length}`, acceptedAt: msg.at };
      receipts.set(msg.reference, receipt);
      if (lostAcks > 0) {
        lostAcks--;
        if (lostAs === 'retryable') throw new ProviderError('connection lost before the answer: look the reference up before sending again', true);
        throw new Error('connection lost after the message was accepted');
      }
      return receipt;
    },
    async lookup(reference) {
      return receipts.get(reference) ?? null;
    },
    onReport(l) {
      listeners.push(l);
    },
    async close() {},
  };
}
