/**
 * Queries of the evidence module. Bundles and the retention purge reach across the records other
 * modules keep (contacts, letters, calls, agreements, disputes): evidence is the archivist of the
 * whole account, so it reads those tables directly, read-only for bundles, like an analytics view.
 * The purge is the one writer outside their modules, and it only blanks personal data (see
 * evidence.purge.ts). Tables added by later modules (complaints, call transcripts) are read when
 * they exist.
 */
import type { Db } from '../../platform/db.ts';
import type { RetentionPolicy } from './evidence.types.ts';

/** Whether a table exists in the current schema (modules that land later add theirs). */
export async function tableColumns(db: Db, table: string): Promise<Set<string>> {
  const rows = await db.query<{ column_name: string }>(
    'SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
    [table],
  );
  return new Set(rows.map((r) => r.column_name));
}

export async function auditHead(db: Db): Promise<{ seq: number; hash: string }> {
  const [head] = await db.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
  if (!head) throw new Error('audit_head is missing: run the migrations');
  return head;
}

export async function customerOf(db: Db, customerId: string): Promise<{ id: string; name: string; jurisdiction: string; language: string } | null> {
  const [c] = await db.query<{ id: string; name: string; jurisdiction: string; language: string }>('SELECT id, name, jurisdiction, language FROM customers WHERE id = $1', [customerId]);
  return c ?? null;
}

/** The planned contacts of an account with both compliance verdicts (planning and dispatch). */
export async function outboxOf(db: Db, accountId: number): Promise<Array<Record<string, unknown>>> {
  return db.query(
    `SELECT id, reference, business_date AS "businessDate", action, purpose, channel, template_code AS "templateCode", language,
            recipient_role AS "recipientRole", contact_point AS "contactPoint", sender, initiator_kind AS "initiatorKind", initiator_id AS "initiatorId",
            strategy_version AS "strategyVersion", strategy_row AS "strategyRow", scheduled_at AS "scheduledAt", status, verify_code AS "verifyCode",
            plan_verdict AS "planVerdict", dispatch_verdict AS "dispatchVerdict", rendered_subject AS "renderedSubject", rendered_text AS "renderedText",
            provider_message_id AS "providerMessageId", sent_at AS "sentAt", delivered_at AS "deliveredAt", last_error AS "lastError"
     FROM contacts_outbox WHERE account_id = $1 ORDER BY scheduled_at, id`,
    [accountId],
  );
}

/** Every contact made or received on an account (planned messages, collectors' calls, inbound). */
export async function historyOf(db: Db, accountId: number): Promise<Array<Record<string, unknown>>> {
  return db.query(
    `SELECT id, outbox_id AS "outboxId", at, channel, direction, recipient_role AS "recipientRole", contact_point AS "contactPoint", outcome,
            initiator_kind AS "initiatorKind", initiator_id AS "initiatorId", collector_id AS "collectorId", note
     FROM contact_history WHERE account_id = $1 ORDER BY at, id`,
    [accountId],
  );
}

export async function lettersOf(db: Db, accountId: number): Promise<Array<{ reference: string; language: string; sha256: string; pdf: Uint8Array; createdAt: string }>> {
  return db.query(
    'SELECT reference, language, sha256, pdf, created_at AS "createdAt" FROM letters WHERE account_id = $1 ORDER BY created_at, reference',
    [accountId],
  );
}

export async function agreementsOf(db: Db, accountId: number): Promise<Array<{ concessionId: number; kind: string; status: string; language: string; sha256: string; pdf: Uint8Array; createdAt: string }>> {
  return db.query(
    `SELECT g.concession_id AS "concessionId", c.kind, c.status, g.language, g.sha256, g.pdf, g.created_at AS "createdAt"
     FROM agreements g JOIN concessions c ON c.id = g.concession_id WHERE c.account_id = $1 ORDER BY g.concession_id, g.language`,
    [accountId],
  );
}

export async function callRecordsOf(db: Db, accountId: number): Promise<Array<Record<string, unknown> & { id: number }>> {
  return db.query(
    `SELECT id, case_id AS "caseId", task_id AS "taskId", collector_id AS "collectorId", at, contact_point AS "contactPoint", outcome,
            promise_id AS "promiseId", contact_history_id AS "contactHistoryId", note, next_action AS "nextAction", next_action_on AS "nextActionOn"
     FROM call_records WHERE account_id = $1 ORDER BY at, id`,
    [accountId],
  );
}

/** Rows of an optional table that names the account (complaints, disputes), when the table exists. */
export async function rowsOfAccount(db: Db, table: 'disputes' | 'complaints', accountId: number): Promise<Array<Record<string, unknown>> | null> {
  const cols = await tableColumns(db, table);
  if (!cols.has('account_id')) return null;
  return db.query(`SELECT * FROM ${table} WHERE account_id = $1 ORDER BY id`, [accountId]);
}

/**
 * Call transcripts of an account's calls, when the quality module's table exists: a collector's call
 * through its call record, a robot call through its outbox reference.
 */
export async function transcriptsOf(db: Db, accountId: number): Promise<Array<Record<string, unknown>> | null> {
  const cols = await tableColumns(db, 'call_transcripts');
  if (!cols.has('call_record_id') || !cols.has('contact_reference')) return null;
  return db.query(
    `SELECT t.* FROM call_transcripts t
     WHERE t.call_record_id IN (SELECT r.id FROM call_records r WHERE r.account_id = $1)
        OR t.contact_reference IN (SELECT o.reference FROM contacts_outbox o WHERE o.account_id = $1)
     ORDER BY t.id`,
    [accountId],
  );
}

export interface AuditRowOut {
  seq: number;
  at: string;
  type: string;
  actor: string;
  subject: string;
  data: unknown;
  commandKey: string | null;
  prevHash: string;
  hash: string;
}

/** Audit entries by subject and time, in seq order, a page at a time. */
export async function listAudit(db: Db, q: { subject?: string | undefined; from?: string | undefined; to?: string | undefined; afterSeq: number; limit: number; uptoSeq?: number }): Promise<AuditRowOut[]> {
  return db.query<AuditRowOut>(
    `SELECT seq, at, type, actor, subject, data, command_key AS "commandKey", prev_hash AS "prevHash", hash
     FROM audit_log
     WHERE seq > $1 AND ($2::text IS NULL OR subject = $2) AND ($3::timestamptz IS NULL OR at >= $3) AND ($4::timestamptz IS NULL OR at < $4)
       AND ($6::bigint IS NULL OR seq <= $6)
     ORDER BY seq LIMIT $5`,
    [q.afterSeq, q.subject ?? null, q.from ?? null, q.to ?? null, q.limit, q.uptoSeq ?? null],
  );
}

export async function recordExport(tx: Db, e: { sha256: string; manifestSha256: string; accountId: number; auditHeadSeq: number; items: number; bytes: number; actor: string; generatedAt: string }): Promise<void> {
  await tx.query(
    `INSERT INTO evidence_exports (sha256, manifest_sha256, account_id, customer_id, audit_head_seq, items, bytes, actor, generated_at)
     SELECT $1, $2, a.id, a.customer_id, $4, $5, $6, $7, $8 FROM accounts a WHERE a.id = $3 ON CONFLICT (sha256) DO NOTHING`,
    [e.sha256, e.manifestSha256, e.accountId, e.auditHeadSeq, e.items, e.bytes, e.actor, e.generatedAt],
  );
}

export async function findExport(db: Db, sha256: string): Promise<{ sha256: string; manifestSha256: string; accountRef: string; auditHeadSeq: number; actor: string; generatedAt: string } | null> {
  const [r] = await db.query<{ sha256: string; manifestSha256: string; accountRef: string; auditHeadSeq: number; actor: string; generatedAt: string }>(
    `SELECT e.sha256, e.manifest_sha256 AS "manifestSha256", a.ref AS "accountRef", e.audit_head_seq AS "auditHeadSeq", e.actor, e.generated_at AS "generatedAt"
     FROM evidence_exports e JOIN accounts a ON a.id = e.account_id AND a.customer_id = e.customer_id WHERE e.sha256 = $1 OR e.manifest_sha256 = $1`,
    [sha256],
  );
  return r ?? null;
}

export async function loadPolicies(db: Db): Promise<RetentionPolicy[]> {
  return db.query<RetentionPolicy>(
    `SELECT jurisdiction, record_kind AS "recordKind", years, starts_from AS "startsFrom", source, is_policy AS "isPolicy"
     FROM retention_policies ORDER BY jurisdiction, record_kind`,
  );
}

export async function savePolicy(tx: Db, p: RetentionPolicy, actor: string, at: string): Promise<void> {
  await tx.query(
    `INSERT INTO retention_policies (jurisdiction, record_kind, years, starts_from, source, is_policy, updated_at, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (jurisdiction, record_kind) DO UPDATE SET years = $3, starts_from = $4, source = $5, is_policy = $6, updated_at = $7, updated_by = $8`,
    [p.jurisdiction, p.recordKind, p.years, p.startsFrom, p.source, p.isPolicy, at, actor],
  );
}
