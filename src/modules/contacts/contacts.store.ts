/** Queries on the contacts module's tables (and read-only joins to the ledger's accounts and customers). */
import type { Db } from '../../platform/db.ts';
import type { Currency } from '../../platform/money.ts';
import type { DebtorContext, HistoryRow } from './gate.rules.ts';
import type { OutboxItem } from './contacts.types.ts';
import type { ProviderChannel } from './providers/provider.types.ts';

const ACTIVE_DISPUTE = ['open', 'pending', 'verification_sent'];

/** The gate's context for each customer: preferences, open disputes, and contact history since `since`. */
export async function loadDebtorContexts(db: Db, customerIds: readonly string[], since: string): Promise<Map<string, DebtorContext>> {
  const out = new Map<string, DebtorContext>();
  if (customerIds.length === 0) return out;
  const ids = [...new Set(customerIds)];
  const customers = await db.query<{ id: string; jurisdiction: string; time_zone: string; statuses: string[] | null; opt_outs: unknown[] | null; consents: unknown[] | null; designations: unknown[] | null; cease_requested: unknown }>(
    `SELECT c.id, c.jurisdiction, c.time_zone, p.statuses, p.opt_outs, p.consents, p.designations, p.cease_requested
     FROM customers c LEFT JOIN contact_preferences p ON p.customer_id = c.id WHERE c.id = ANY($1::text[])`,
    [ids],
  );
  for (const c of customers) {
    out.set(c.id, {
      customerId: c.id, jurisdiction: c.jurisdiction, timeZone: c.time_zone, statuses: c.statuses ?? [], optOuts: c.opt_outs ?? [], consents: c.consents ?? [],
      designations: c.designations ?? [], ceaseRequested: c.cease_requested ?? false, disputes: [], history: [],
    });
  }
  const disputes = await db.query<{ customer_id: string; ref: string; status: string; opened_at: string }>(
    `SELECT d.customer_id, a.ref, d.status, d.opened_at FROM disputes d JOIN accounts a ON a.id = d.account_id AND a.customer_id = d.customer_id
     WHERE d.customer_id = ANY($1::text[]) AND d.status = ANY($2::text[])`,
    [ids, ACTIVE_DISPUTE],
  );
  for (const d of disputes) out.get(d.customer_id)?.disputes.push({ accountRef: d.ref, status: d.status, openedAt: d.opened_at });
  // Legal cases that hold contact (the legal module sets contacts_hold by its policy): automated contacts or all.
  const holds = await db.query<{ customer_id: string; ref: string; hold: 'automated' | 'all' }>(
    `SELECT l.customer_id, a.ref, l.contacts_hold AS hold FROM legal_cases l JOIN accounts a ON a.id = l.account_id AND a.customer_id = l.customer_id
     WHERE l.customer_id = ANY($1::text[]) AND l.contacts_hold IS NOT NULL`,
    [ids],
  );
  for (const h of holds) {
    const c = out.get(h.customer_id);
    if (c) (c.legalHolds ??= {})[h.ref] = h.hold;
  }
  const history = await db.query<{ customer_id: string; at: string; channel: string; direction: 'outbound' | 'inbound'; recipient_role: string; person_id: string | null; contact_point: string | null; outcome: string; initiator_kind: string; initiator_id: string; ref: string | null }>(
    `SELECT h.customer_id, h.at, h.channel, h.direction, h.recipient_role, h.person_id, h.contact_point, h.outcome, h.initiator_kind, h.initiator_id, a.ref
     FROM contact_history h LEFT JOIN accounts a ON a.id = h.account_id AND a.customer_id = h.customer_id
     WHERE h.customer_id = ANY($1::text[]) AND h.at >= $2 ORDER BY h.at, h.id`,
    [ids, since],
  );
  for (const h of history) {
    out.get(h.customer_id)?.history.push({
      at: h.at, channel: h.channel, direction: h.direction, recipientRole: h.recipient_role, personId: h.person_id, contactPoint: h.contact_point,
      outcome: h.outcome, initiatorKind: h.initiator_kind, initiatorId: h.initiator_id, accountRef: h.ref,
    } satisfies HistoryRow);
  }
  return out;
}

/** The figures a message quotes, per account. */
export interface AccountFiguresRow {
  accountId: number;
  ref: string;
  customerId: string;
  name: string;
  currency: Currency;
  principalMinor: number;
  interestMinor: number;
  penaltyMinor: number;
  feesMinor: number;
  overdueMinor: number;
  delinquentSince: string | null;
  closedThrough: string;
  nextDueOn: string | null;
  address: string | null;
}

export async function loadAccountFigures(db: Db, accountIds: readonly number[]): Promise<Map<number, AccountFiguresRow>> {
  const rows = await db.query<{ id: number; ref: string; customer_id: string; name: string; currency: Currency; principal_minor: number; interest_minor: number; penalty_minor: number; fees_minor: number; overdue_minor: number; delinquent_since: string | null; closed_through: string; next_due_on: string | null; address: string | null }>(
    `WITH next AS (
       SELECT account_id, customer_id, min(due_on) AS due_on FROM due_items WHERE account_id = ANY($1::bigint[]) AND settled_on IS NULL GROUP BY account_id, customer_id
     )
     SELECT a.id, a.ref, a.customer_id, c.name, a.currency, s.principal_minor, s.interest_minor, s.penalty_minor, s.fees_minor, s.overdue_minor,
            s.delinquent_since, s.closed_through, c.address, next.due_on AS next_due_on
     FROM accounts a JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id JOIN customers c ON c.id = a.customer_id LEFT JOIN next ON next.account_id = a.id AND next.customer_id = a.customer_id
     WHERE a.id = ANY($1::bigint[])`,
    [[...new Set(accountIds)]],
  );
  return new Map(rows.map((r) => [r.id, {
    accountId: r.id, ref: r.ref, customerId: r.customer_id, name: r.name, currency: r.currency, principalMinor: r.principal_minor, interestMinor: r.interest_minor,
    penaltyMinor: r.penalty_minor, feesMinor: r.fees_minor, overdueMinor: r.overdue_minor, delinquentSince: r.delinquent_since, closedThrough: r.closed_through,
    nextDueOn: r.next_due_on, address: r.address,
  }]));
}

export interface TemplateRow {
  code: string;
  language: 'zh-CN' | 'en';
  version: number;
  channel: ProviderChannel;
  subject: string | null;
  body: string;
}

/** The latest version of each template, keyed `code|language`. */
export async function loadLatestTemplates(db: Db): Promise<Map<string, TemplateRow>> {
  const rows = await db.query<TemplateRow>(
    `SELECT DISTINCT ON (code, language) code, language, version, channel, subject, body FROM templates ORDER BY code, language, version DESC`,
  );
  return new Map(rows.map((r) => [`${r.code}|${r.language}`, r]));
}

/** Active registered senders, keyed `ownerKind:ownerId|channel|value`. */
export async function loadRegisteredSenders(db: Db): Promise<Set<string>> {
  const rows = await db.query<{ owner_kind: string; owner_id: string; channel: string; value: string }>('SELECT owner_kind, owner_id, channel, value FROM sender_ids WHERE active');
  return new Set(rows.map((r) => senderKey(r.owner_kind, r.owner_id, r.channel, r.value)));
}

export function senderKey(ownerKind: string, ownerId: string, channel: string, value: string): string {
  return `${ownerKind}:${ownerId}|${channel}|${value}`;
}

/** The first active sender of an initiator for a channel, per initiator: what the planner puts on a contact. */
export async function loadDefaultSenders(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ owner_kind: string; owner_id: string; channel: string; value: string }>(
    'SELECT DISTINCT ON (owner_kind, owner_id, channel) owner_kind, owner_id, channel, value FROM sender_ids WHERE active ORDER BY owner_kind, owner_id, channel, id',
  );
  return new Map(rows.map((r) => [`${r.owner_kind}:${r.owner_id}|${r.channel}`, r.value]));
}

const OUTBOX_COLUMNS = `o.id, o.reference, o.account_id, a.ref AS account_ref, o.customer_id, o.business_date, o.action, o.purpose, o.channel, o.template_code, o.language,
  o.recipient_role, o.contact_point, o.sender, o.initiator_kind, o.initiator_id, o.scheduled_at, o.expires_at, o.status, o.verify_code, o.attempts`;

interface OutboxDbRow {
  id: number; reference: string; account_id: number; account_ref: string; customer_id: string; business_date: string; action: string; purpose: string; channel: ProviderChannel;
  template_code: string | null; language: 'zh-CN' | 'en'; recipient_role: string; contact_point: string | null; sender: string | null;
  initiator_kind: 'lender' | 'agency'; initiator_id: string; scheduled_at: string; expires_at: string; status: OutboxItem['status']; verify_code: string; attempts: number;
}

function toItem(r: OutboxDbRow): OutboxItem {
  return {
    id: r.id, reference: r.reference, accountId: r.account_id, accountRef: r.account_ref, customerId: r.customer_id, businessDate: r.business_date, action: r.action, purpose: r.purpose,
    channel: r.channel, templateCode: r.template_code, language: r.language, recipientRole: r.recipient_role, contactPoint: r.contact_point, sender: r.sender,
    initiatorKind: r.initiator_kind, initiatorId: r.initiator_id, scheduledAt: r.scheduled_at, expiresAt: r.expires_at, status: r.status, verifyCode: r.verify_code, attempts: r.attempts,
  };
}

/**
 * Claims due items for sending: marks them `sending` with a lease, in a transaction of its own that
 * commits before anything is sent. Another worker skips rows this one holds (SKIP LOCKED).
 */
export async function claimDueItems(db: Db, now: string, leaseUntil: string, limit: number): Promise<OutboxItem[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<OutboxDbRow>(
      `WITH due AS (
         SELECT id FROM contacts_outbox WHERE status = 'scheduled' AND scheduled_at <= $1 AND expires_at > $1
         ORDER BY priority DESC, scheduled_at, id LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE contacts_outbox o SET status = 'sending', attempts = o.attempts + 1, lease_until = $2
         FROM due WHERE o.id = due.id RETURNING o.*
       )
       SELECT ${OUTBOX_COLUMNS} FROM claimed o JOIN accounts a ON a.id = o.account_id AND a.customer_id = o.customer_id ORDER BY o.id`,
      [now, leaseUntil, limit],
    );
    return rows.map(toItem);
  });
}

/** Items whose send was interrupted: `sending` with an expired lease. Claimed again with a new lease. */
export async function claimInterrupted(db: Db, now: string, leaseUntil: string, limit: number): Promise<OutboxItem[]> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<OutboxDbRow>(
      `WITH stale AS (
         SELECT id FROM contacts_outbox WHERE status = 'sending' AND lease_until <= $1 ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED
       ), claimed AS (
         UPDATE contacts_outbox o SET lease_until = $2 FROM stale WHERE o.id = stale.id RETURNING o.*
       )
       SELECT ${OUTBOX_COLUMNS} FROM claimed o JOIN accounts a ON a.id = o.account_id AND a.customer_id = o.customer_id ORDER BY o.id`,
      [now, leaseUntil, limit],
    );
    return rows.map(toItem);
  });
}

/** Scheduled items whose window has passed without a send. */
export async function expireItems(db: Db, now: string): Promise<number> {
  const rows = await db.query(`UPDATE contacts_outbox SET status = 'expired', last_error = 'the contact window passed before it could be sent' WHERE status = 'scheduled' AND expires_at <= $1 RETURNING id`, [now]);
  return rows.length;
}

export async function findOutboxItem(db: Db, reference: string): Promise<OutboxItem | undefined> {
  const [r] = await db.query<OutboxDbRow>(`SELECT ${OUTBOX_COLUMNS} FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id AND a.customer_id = o.customer_id WHERE o.reference = $1`, [reference]);
  return r ? toItem(r) : undefined;
}
