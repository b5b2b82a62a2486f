/**
 * The retention purge: on a business date, customers whose accounts are all past retention (per
 * their jurisdiction's policy row) have their personal data anonymised. Names, ID numbers, phones,
 * e-mails and addresses are replaced; message bodies, notes, letters, agreements and call transcripts
 * are removed. The sha256 of everything removed is kept (anonymised_customers.removed,
 * purged_values), so evidence exported earlier can still be matched; the ledger, the compliance
 * verdicts and the audit log stay as they are. One command (and one audit entry) per batch of
 * customers; a customer anonymised once is skipped, so a second run changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand } from '../../platform/commands.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { parseIsoDate } from '../../platform/dates.ts';
import { accountVerdict, customerPurgeable, policyFor, type AccountRetentionFacts, type RetentionVerdict } from './retention.rules.ts';
import { loadPolicies, tableColumns } from './evidence.store.ts';

/** Customers examined per batch; each batch of purgeable customers is one transaction and audit entry. */
export const PURGE_BATCH_CUSTOMERS = 500;
/** What an anonymised customer's name becomes. */
export const ANONYMISED_NAME = '已匿名 (anonymised)';
/** Complaint statuses that hold an account's records (the complaints module's open states). */
const OPEN_COMPLAINT_STATUSES = ['received', 'acknowledged', 'investigating'];
/** Legal case statuses that no longer hold an account's records (the legal module's closed states). */
const CLOSED_LEGAL_STATUSES = ['rejected', 'settled', 'withdrawn', 'closed'];

export interface PurgeResult {
  businessDate: string;
  dryRun: boolean;
  examined: number;
  customers: string[];
  accounts: number;
  valuesRemoved: number;
  batches: number;
  /** Why customers were kept, counted by the reason of their first account not past retention. */
  kept: Record<string, number>;
}

type FactsRow = { customer_id: string; jurisdiction: string; ref: string | null; owed_minor: number | null; last_settled: string | null; last_entry: string | null; last_contact: string | null; last_call: string | null; held: boolean };

async function loadFacts(db: Db, afterId: string, limit: number): Promise<FactsRow[]> {
  const complaints = await tableColumns(db, 'complaints');
  const complaintHold = complaints.has('account_id') && complaints.has('status')
    ? `OR EXISTS (SELECT 1 FROM complaints k WHERE k.account_id = a.id AND k.customer_id = a.customer_id AND k.status = ANY ($3::text[]))`
    : '';
  const legal = await tableColumns(db, 'legal_cases');
  const legalHold = legal.has('account_id') && legal.has('status')
    ? `OR EXISTS (SELECT 1 FROM legal_cases l WHERE l.account_id = a.id AND l.customer_id = a.customer_id AND l.status NOT IN (${CLOSED_LEGAL_STATUSES.map((x) => `'${x}'`).join(', ')}))`
    : '';
  return db.query<FactsRow>(
    `WITH batch AS (
       SELECT c.id, c.jurisdiction FROM customers c
       WHERE c.id > $1 AND NOT EXISTS (SELECT 1 FROM anonymised_customers x WHERE x.customer_id = c.id)
       ORDER BY c.id LIMIT $2
     )
     SELECT b.id AS customer_id, b.jurisdiction, a.ref,
            s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor AS owed_minor,
            (SELECT max(d.settled_on) FROM due_items d WHERE d.account_id = a.id AND d.customer_id = a.customer_id)::text AS last_settled,
            (SELECT max(e.value_date) FROM entries e WHERE e.account_id = a.id AND e.customer_id = a.customer_id)::text AS last_entry,
            ((SELECT max(h.at) FROM contact_history h WHERE h.account_id = a.id AND h.customer_id = a.customer_id) AT TIME ZONE 'UTC')::date::text AS last_contact,
            ((SELECT max(r.at) FROM call_records r WHERE r.account_id = a.id AND r.customer_id = a.customer_id) AT TIME ZONE 'UTC')::date::text AS last_call,
            (EXISTS (SELECT 1 FROM disputes x WHERE x.account_id = a.id AND x.customer_id = a.customer_id AND x.status IN ('open', 'pending', 'verification_sent')) ${complaintHold} ${legalHold}) AS held
     FROM batch b LEFT JOIN accounts a ON a.customer_id = b.id LEFT JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
     ORDER BY b.id, a.id`,
    complaintHold ? [afterId, limit, OPEN_COMPLAINT_STATUSES] : [afterId, limit],
  );
}

const maxDate = (...ds: Array<string | null>) => ds.reduce<string | null>((m, d) => (d !== null && (m === null || d > m) ? d : m), null);

/** The rule's facts of one account: settled when it owes nothing (its last settlement or posting day). */
export function factsOf(r: FactsRow): AccountRetentionFacts {
  const owing = r.owed_minor === null || r.owed_minor > 0;
  return {
    ref: r.ref ?? '',
    settledOn: owing ? null : maxDate(r.last_settled, r.last_entry),
    lastActivityOn: maxDate(r.last_entry, r.last_contact, r.last_call),
    onHold: r.held,
  };
}

/** A text column blanked by the purge: where it is, how its rows reach the customer, what it becomes. */
/** A column the purge blanks; its table carries the customer_id of each row (migrations 0024–0025). */
interface PurgedColumn {
  table: string;
  column: string;
  key: string;
  blank: string;
  /** The stored hash of a document (letters, agreements) instead of hashing the text. */
  hash?: string;
  /** Extra assignments made with the blank (e.g. letters.bytes). */
  also?: string;
}

const PURGED_COLUMNS: PurgedColumn[] = [
  { table: 'contacts_outbox', column: 'rendered_subject', key: 't.id::text', blank: 'NULL' },
  { table: 'contacts_outbox', column: 'rendered_text', key: 't.id::text', blank: 'NULL' },
  { table: 'contacts_outbox', column: 'contact_point', key: 't.id::text', blank: 'NULL' },
  { table: 'contact_history', column: 'contact_point', key: 't.id::text', blank: 'NULL' },
  { table: 'contact_history', column: 'note', key: 't.id::text', blank: 'NULL' },
  { table: 'call_records', column: 'contact_point', key: 't.id::text', blank: "''" },
  { table: 'call_records', column: 'note', key: 't.id::text', blank: "''" },
  { table: 'inbox_messages', column: 'title', key: 't.id::text', blank: "''" },
  { table: 'inbox_messages', column: 'body', key: 't.id::text', blank: "''" },
  { table: 'robot_calls', column: 'to_number', key: 't.reference', blank: "''" },
  { table: 'robot_calls', column: 'script', key: 't.reference', blank: "''" },
  { table: 'disputes', column: 'reason', key: 't.id::text', blank: "''" },
  { table: 'letters', column: 'pdf', key: 't.reference', blank: "'\\x'::bytea", hash: 't.sha256', also: 'bytes = 0' },
  { table: 'agreements', column: 'pdf', key: "t.concession_id::text || ':' || t.language", blank: "'\\x'::bytea", hash: 't.sha256' },
];

/**
 * Columns of tables that later modules add, blanked when they exist: call transcripts (quality) and the
 * debtor's own words in complaints and disputes (complaints).
 */
async function optionalColumns(db: Db): Promise<PurgedColumn[]> {
  const out: PurgedColumn[] = [];
  const transcripts = await tableColumns(db, 'call_transcripts');
  if (transcripts.has('text') && transcripts.has('call_record_id') && transcripts.has('contact_reference')) {
    out.push({ table: 'call_transcripts', column: 'text', key: 't.id::text', blank: "''" });
  }
  const complaints = await tableColumns(db, 'complaints');
  if (complaints.has('summary')) out.push({ table: 'complaints', column: 'summary', key: 't.id::text', blank: "''" });
  if (complaints.has('resolution_note')) out.push({ table: 'complaints', column: 'resolution_note', key: 't.id::text', blank: 'NULL' });
  if ((await tableColumns(db, 'disputes')).has('note')) out.push({ table: 'disputes', column: 'note', key: 't.id::text', blank: 'NULL' });
  // The debtor's identity as furnished to credit bureaus (bureau), and the debtor's words in bureau disputes.
  const reports = await tableColumns(db, 'bureau_reports');
  if (reports.has('debtor_name') && reports.has('customer_id')) {
    out.push({ table: 'bureau_reports', column: 'debtor_name', key: 't.id::text', blank: "''" });
    if (reports.has('id_number')) out.push({ table: 'bureau_reports', column: 'id_number', key: 't.id::text', blank: 'NULL' });
    if (reports.has('address')) out.push({ table: 'bureau_reports', column: 'address', key: 't.id::text', blank: 'NULL' });
  }
  if ((await tableColumns(db, 'bureau_disputes')).has('reason')) out.push({ table: 'bureau_disputes', column: 'reason', key: 't.id::text', blank: "''" });
  // Evidence bundles kept with legal cases (legal): the zip goes, its sha256 stays.
  const legal = await tableColumns(db, 'legal_evidence');
  if (legal.has('bundle') && legal.has('sha256')) {
    out.push({ table: 'legal_evidence', column: 'bundle', key: 't.id::text', blank: "'\\x'::bytea", hash: 't.sha256' });
  }
  return out;
}

async function blankColumn(tx: Db, c: PurgedColumn, ids: string[], date: string): Promise<number> {
  const hash = c.hash ?? `encode(sha256(convert_to(t.${c.column}, 'UTF8')), 'hex')`;
  const present = c.column === 'pdf' || c.column === 'bundle' ? `octet_length(t.${c.column}) > 0` : `t.${c.column} IS NOT NULL AND t.${c.column} <> ''`;
  const [n] = await tx.query<{ n: number }>(
    `WITH ins AS (
       INSERT INTO purged_values (customer_id, source, source_key, sha256, purged_on)
       SELECT t.customer_id, '${c.table}.${c.column}', ${c.key}, ${hash}, $2::date FROM ${c.table} t
       WHERE t.customer_id = ANY ($1::text[]) AND ${present}
       ON CONFLICT (source, source_key, customer_id) DO NOTHING RETURNING 1
     ) SELECT count(*)::int AS n FROM ins`,
    [ids, date],
  );
  await tx.query(`UPDATE ${c.table} t SET ${c.column} = ${c.blank}${c.also ? `, ${c.also}` : ''} WHERE t.customer_id = ANY ($1::text[]) AND ${present}`, [ids]);
  return n?.n ?? 0;
}

const sha = (v: unknown) => createHash('sha256').update(canonicalJson(v)).digest('hex');

/** Replaces the customers' personal data and removes their texts and documents, keeping hashes. */
async function anonymise(tx: Db, ids: string[], date: string, batch: string, at: string): Promise<number> {
  const rows = await tx.query<{ id: string; name: string; id_number_masked: string | null; phones: unknown; emails: unknown; address: string | null }>(
    'SELECT id, name, id_number_masked, phones, emails, address FROM customers WHERE id = ANY ($1::text[]) ORDER BY id FOR UPDATE',
    [ids],
  );
  let removed = 0;
  for (const c of [...PURGED_COLUMNS, ...(await optionalColumns(tx))]) removed += await blankColumn(tx, c, ids, date);
  for (const r of rows) {
    const hashes = { name: sha(r.name), idNumberMasked: sha(r.id_number_masked), phones: sha(r.phones), emails: sha(r.emails), address: sha(r.address) };
    await tx.query('INSERT INTO anonymised_customers (customer_id, anonymised_on, batch, removed, at) VALUES ($1, $2, $3, $4, $5)', [r.id, date, batch, JSON.stringify(hashes), at]);
  }
  // The sealed full ID number goes too (it opens to nothing without its key, but is personal data all the same).
  await tx.query(`UPDATE customers SET name = $2, id_number_masked = NULL, id_number_sealed = NULL, id_number_key = NULL, phones = '[]', emails = '[]', address = NULL
                  WHERE id = ANY ($1::text[])`, [ids, ANONYMISED_NAME]);
  return removed;
}

/** Finds the customers past retention on a date and (unless a dry run) anonymises them, a batch at a time. */
export async function purgeRetention(deps: { db: Db; clock: Clock }, input: { businessDate: string; dryRun?: boolean; actor: string }): Promise<PurgeResult> {
  const date = parseIsoDate(input.businessDate, 'businessDate');
  const dryRun = input.dryRun ?? false;
  const policies = await loadPolicies(deps.db);
  const out: PurgeResult = { businessDate: date, dryRun, examined: 0, customers: [], accounts: 0, valuesRemoved: 0, batches: 0, kept: {} };
  for (let after = ''; ;) {
    const rows = await loadFacts(deps.db, after, PURGE_BATCH_CUSTOMERS);
    if (rows.length === 0) break;
    const byCustomer = new Map<string, { jurisdiction: string; accounts: AccountRetentionFacts[] }>();
    for (const r of rows) {
      const c = byCustomer.get(r.customer_id) ?? { jurisdiction: r.jurisdiction, accounts: [] };
      if (r.ref !== null) c.accounts.push(factsOf(r));
      byCustomer.set(r.customer_id, c);
    }
    after = rows[rows.length - 1]!.customer_id;
    out.examined += byCustomer.size;
    const purgeable: string[] = [];
    let accounts = 0;
    for (const [id, c] of byCustomer) {
      const policy = policyFor(c.jurisdiction, 'collection_records', policies);
      if (customerPurgeable(c.accounts, policy, date)) {
        purgeable.push(id);
        accounts += c.accounts.length;
        continue;
      }
      const first = c.accounts.map((a) => accountVerdict(a, policy, date)).find((v): v is Extract<RetentionVerdict, { purgeable: false }> => !v.purgeable);
      const reason = first?.reason ?? 'no_accounts';
      out.kept[reason] = (out.kept[reason] ?? 0) + 1;
    }
    if (purgeable.length === 0) continue;
    out.customers.push(...purgeable);
    out.accounts += accounts;
    if (dryRun) continue;
    const batch = createHash('sha256').update(purgeable.join('\n')).digest('hex').slice(0, 16);
    const res = await runCommand(deps.db, deps.clock, { command: 'purgeRetention', idempotencyKey: `retention-purge:${date}:${batch}`, actor: input.actor, input: { businessDate: date, customers: purgeable } }, async (tx) => {
      const valuesRemoved = await anonymise(tx, purgeable, date, batch, deps.clock.now());
      return {
        result: { valuesRemoved },
        audit: { type: 'RETENTION_PURGED', actor: input.actor, subject: `retention:${date}`, data: { businessDate: date, customers: purgeable, accounts, valuesRemoved } },
      };
    });
    out.valuesRemoved += res.result.valuesRemoved;
    out.batches += 1;
  }
  return out;
}
