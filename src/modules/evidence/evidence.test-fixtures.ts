/**
 * Records of an account for the evidence tests: a collector's call (催记) with its transcript attached
 * through the quality module, and a dispute. Letters and contacts are inserted by the tests themselves.
 */
import type { Db } from '../../platform/db.ts';
import { fixedClock } from '../../platform/clock.ts';
import { attachTranscript } from '../quality/index.ts';

export const TRANSCRIPT_TEXT = '催收员：您好，请问是李先生吗？客户：是的，我下周发工资后还款。';

export async function addCallWithTranscript(db: Db, account: { accountId: number; customerId: string }, n: number): Promise<{ callRecordId: number }> {
  const at = '2026-03-05T02:00:00Z';
  await db.query(
    `INSERT INTO collectors (id, name, team, max_open_cases, created_at, updated_at) VALUES ('c-wang', '王催收', 'T1', 100, $1, $1) ON CONFLICT (id) DO NOTHING`,
    [at],
  );
  const [h] = await db.query<{ id: number }>(
    `INSERT INTO contact_history (customer_id, account_id, at, channel, direction, recipient_role, contact_point, outcome, initiator_kind, initiator_id, collector_id)
     VALUES ($1, $2, $3, 'call', 'outbound', 'debtor', '+86 139 1111 2222', 'PTP', 'lender', 'lender', 'c-wang') RETURNING id`,
    [account.customerId, account.accountId, at],
  );
  const [r] = await db.query<{ id: number }>(
    `INSERT INTO call_records (account_id, customer_id, collector_id, at, contact_point, outcome, contact_history_id, note, next_action)
     VALUES ($1, $4, 'c-wang', $2, '+86 139 1111 2222', 'PTP', $3, '承诺下周还款', 'follow_up') RETURNING id`,
    [account.accountId, at, h!.id, account.customerId],
  );
  await attachTranscript(db, fixedClock(at), { callRecordId: r!.id, language: 'zh-CN', text: TRANSCRIPT_TEXT, recording: { ref: `archive://calls/${r!.id}.wav`, sha256: 'a'.repeat(64) } }, { actor: 'user:s-zhao', userId: 's-zhao', scope: 'any', agencyId: null }, { idempotencyKey: `transcript-${n}` });
  await db.query(`INSERT INTO disputes (account_id, customer_id, status, reason, opened_at, closed_at) VALUES ($1, $2, 'resolved', '金额有误，已核实', $3, $3)`, [account.accountId, account.customerId, at]);
  return { callRecordId: r!.id };
}
