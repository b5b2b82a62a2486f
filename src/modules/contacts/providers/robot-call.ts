/**
 * The robot-call simulator: places an automated call (reads the rendered script) and records how it
 * went. Outcomes are drawn from the reference, so a rerun of the same call gives the same outcome, in
 * proportions close to those reported for automated collection calls (most go unanswered). Numbers
 * ending in 0000 are out of service, as in the SMS sink.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../../platform/db.ts';
import type { ChannelProvider, OutboundMessage, SendReceipt } from './provider.types.ts';

type CallOutcome = NonNullable<SendReceipt['callOutcome']>;

/** Outcome shares in basis points, in the order they are drawn. */
export const ROBOT_OUTCOME_BP: ReadonlyArray<[CallOutcome, number]> = [
  ['connected', 3_500],
  ['unanswered', 4_000],
  ['busy', 1_000],
  ['voicemail', 1_300],
  ['refused', 200],
];

export function robotOutcome(reference: string, to: string): CallOutcome {
  if (/0000$/.test(to)) return 'invalid_number';
  const slot = createHash('sha256').update(reference).digest().readUInt32BE(0) % 10_000;
  let acc = 0;
  for (const [outcome, bp] of ROBOT_OUTCOME_BP) {
    acc += bp;
    if (slot < acc) return outcome;
  }
  return 'unanswered';
}

export function createRobotCallProvider(db: Db): ChannelProvider {
  return {
    channel: 'robot_call',
    async send(msg: OutboundMessage): Promise<SendReceipt> {
      await db.query(
        `INSERT INTO robot_calls (reference, customer_id, to_number, from_number, outcome, script, verify_code, at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (reference) DO NOTHING`,
        [msg.reference, msg.customerId, msg.to, msg.from, robotOutcome(msg.reference, msg.to), msg.text, msg.verifyCode, msg.at],
      );
      return (await lookup(msg.reference))!;
    },
    lookup,
    async close() {},
  };

  async function lookup(reference: string): Promise<SendReceipt | null> {
    const [r] = await db.query<{ outcome: CallOutcome; at: string }>('SELECT outcome, at FROM robot_calls WHERE reference = $1', [reference]);
    return r ? { providerMessageId: `robot:${reference}`, acceptedAt: r.at, callOutcome: r.outcome } : null;
  }
}
