/**
 * In-app messages (站内信) and app push notices: written to the debtor's portal inbox. The inbox row
 * is keyed by the contact's reference, so a repeated send stores one message.
 */
import type { Db } from '../../../platform/db.ts';
import type { ChannelProvider, OutboundMessage, SendReceipt } from './provider.types.ts';

export function createInboxProvider(db: Db, kind: 'in_app' | 'push'): ChannelProvider {
  return {
    channel: kind,
    async send(msg: OutboundMessage): Promise<SendReceipt> {
      await db.query(
        `INSERT INTO inbox_messages (reference, customer_id, kind, title, body, verify_code, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (reference) DO NOTHING`,
        [msg.reference, msg.customerId, kind, msg.subject ?? msg.text.slice(0, 40), msg.text, msg.verifyCode, msg.at],
      );
      return (await lookup(msg.reference))!;
    },
    lookup,
    async close() {},
  };

  async function lookup(reference: string): Promise<SendReceipt | null> {
    const [r] = await db.query<{ id: number; created_at: string }>('SELECT id, created_at FROM inbox_messages WHERE reference = $1', [reference]);
    return r ? { providerMessageId: `inbox:${r.id}`, acceptedAt: r.created_at } : null;
  }
}
