/**
 * Queries of quality inspection. The contacts inspected live in other modules' tables (the outbox of
 * contacts, the call records of the worklist); they are only read here, never written, and what the
 * figures need of them (agency, collector, when) is copied into qa_items when an item is first seen.
 */
import type { Db } from '../../platform/db.ts';
import type { ItemKind, QaFinding, ReviewSource, Severity } from './quality.types.ts';

/** Something that may be inspected, with the text to scan (null: nothing to read, e.g. a call without transcript). */
export interface Candidate {
  kind: ItemKind;
  sourceId: number;
  accountId: number | null;
  customerId: string;
  agencyId: string | null;
  collectorId: string | null;
  callRecordId: number | null;
  contactReference: string | null;
  channel: string;
  contactAt: string;
  text: string | null;
  /** The contact was with someone other than the debtor (or their representative). */
  thirdParty: boolean;
}

const THIRD_PARTY = (role: string) => `(${role} IS NOT NULL AND ${role} NOT IN ('debtor', 'attorney', 'debt_adviser'))`;

const MESSAGE_SELECT = `
  SELECT 'message' AS kind, o.id AS "sourceId", o.account_id AS "accountId", o.customer_id AS "customerId",
         CASE WHEN o.initiator_kind = 'agency' THEN o.initiator_id END AS "agencyId", NULL::text AS "collectorId",
         NULL::bigint AS "callRecordId", o.reference AS "contactReference", o.channel,
         coalesce(o.sent_at, o.created_at) AS "contactAt",
         CASE WHEN o.rendered_text IS NULL THEN NULL ELSE concat_ws(E'\\n', o.rendered_subject, o.rendered_text) END AS text,
         ${THIRD_PARTY('o.recipient_role')} AS "thirdParty"
    FROM contacts_outbox o`;

const TRANSCRIPT_SELECT = `
  SELECT 'transcript' AS kind, t.id AS "sourceId", coalesce(cr.account_id, o.account_id) AS "accountId",
         coalesce(a.customer_id, o.customer_id) AS "customerId",
         CASE WHEN cr.id IS NOT NULL THEN c.agency_id WHEN o.initiator_kind = 'agency' THEN o.initiator_id END AS "agencyId",
         cr.collector_id AS "collectorId", t.call_record_id AS "callRecordId", t.contact_reference AS "contactReference",
         CASE WHEN cr.id IS NOT NULL THEN 'call' ELSE o.channel END AS channel,
         coalesce(cr.at, o.sent_at, o.created_at, t.created_at) AS "contactAt", t.text,
         ${THIRD_PARTY('coalesce(h.recipient_role, o.recipient_role)')} AS "thirdParty"
    FROM call_transcripts t
    LEFT JOIN call_records cr ON cr.id = t.call_record_id
    LEFT JOIN accounts a ON a.id = cr.account_id AND a.customer_id = cr.customer_id
    LEFT JOIN collectors c ON c.id = cr.collector_id
    LEFT JOIN contact_history h ON h.id = cr.contact_history_id
    LEFT JOIN contacts_outbox o ON o.reference = t.contact_reference`;

const CALL_SELECT = `
  SELECT 'call' AS kind, cr.id AS "sourceId", cr.account_id AS "accountId", a.customer_id AS "customerId", c.agency_id AS "agencyId",
         cr.collector_id AS "collectorId", cr.id AS "callRecordId", NULL::text AS "contactReference", 'call' AS channel, cr.at AS "contactAt",
         NULL::text AS text, ${THIRD_PARTY('h.recipient_role')} AS "thirdParty"
    FROM call_records cr
    JOIN accounts a ON a.id = cr.account_id AND a.customer_id = cr.customer_id
    JOIN collectors c ON c.id = cr.collector_id
    LEFT JOIN contact_history h ON h.id = cr.contact_history_id`;

const SENT = `o.status IN ('sent', 'delivered')`;

function fix(rows: Candidate[]): Candidate[] {
  return rows.map((r) => ({ ...r, sourceId: Number(r.sourceId), accountId: r.accountId === null ? null : Number(r.accountId), callRecordId: r.callRecordId === null ? null : Number(r.callRecordId) }));
}

/** Sent messages with their text that were never inspected, in id order after `afterId`. */
export async function unscannedMessages(tx: Db, afterId: number, limit: number): Promise<Candidate[]> {
  return fix(await tx.query<Candidate>(
    `${MESSAGE_SELECT}
     WHERE ${SENT} AND o.rendered_text IS NOT NULL AND o.id > $1
       AND NOT EXISTS (SELECT 1 FROM qa_items q WHERE q.kind = 'message' AND q.source_id = o.id)
     ORDER BY o.id LIMIT $2`,
    [afterId, limit],
  ));
}

/** Transcripts never inspected, in id order after `afterId`. */
export async function unscannedTranscripts(tx: Db, afterId: number, limit: number): Promise<Candidate[]> {
  return fix(await tx.query<Candidate>(
    `${TRANSCRIPT_SELECT}
     WHERE t.id > $1 AND NOT EXISTS (SELECT 1 FROM qa_items q WHERE q.kind = 'transcript' AND q.source_id = t.id)
     ORDER BY t.id LIMIT $2`,
    [afterId, limit],
  ));
}

/** What a complaint is about: the contacts it names, and the customer's sent messages and calls since a date. */
export async function complaintCandidates(tx: Db, customerId: string, references: readonly string[], since: string): Promise<Candidate[]> {
  const messages = await tx.query<Candidate>(
    `${MESSAGE_SELECT}
     WHERE o.reference = ANY($2::text[]) OR (o.customer_id = $1 AND ${SENT} AND coalesce(o.sent_at, o.created_at) >= $3::timestamptz)
     ORDER BY o.id`,
    [customerId, references, since],
  );
  const transcripts = await tx.query<Candidate>(
    `${TRANSCRIPT_SELECT}
     WHERE (cr.id IS NOT NULL AND a.customer_id = $1 AND cr.at >= $3::timestamptz)
        OR (o.id IS NOT NULL AND (o.reference = ANY($2::text[]) OR (o.customer_id = $1 AND ${SENT} AND coalesce(o.sent_at, o.created_at) >= $3::timestamptz)))
     ORDER BY t.id`,
    [customerId, references, since],
  );
  const calls = await tx.query<Candidate>(
    `${CALL_SELECT}
     WHERE a.customer_id = $1 AND cr.at >= $2::timestamptz
       AND NOT EXISTS (SELECT 1 FROM call_transcripts t WHERE t.call_record_id = cr.id)
     ORDER BY cr.id`,
    [customerId, since],
  );
  return fix([...messages, ...transcripts, ...calls]);
}

export interface ScannedItem {
  candidate: Candidate;
  textSha256: string | null;
  findings: QaFinding[];
  maxSeverity: Severity | null;
}

/**
 * Records inspected items and their findings (set-based: one statement each); items seen before are
 * left as they are. Returns the ids of all the given items, new or old, keyed 'kind:sourceId'.
 */
export async function saveItems(tx: Db, items: readonly ScannedItem[], scannedOn: string, now: string): Promise<Map<string, { id: number; isNew: boolean }>> {
  const out = new Map<string, { id: number; isNew: boolean }>();
  if (items.length === 0) return out;
  const rows = items.map((s) => ({
    kind: s.candidate.kind, source_id: s.candidate.sourceId, account_id: s.candidate.accountId, customer_id: s.candidate.customerId,
    agency_id: s.candidate.agencyId, collector_id: s.candidate.collectorId, call_record_id: s.candidate.callRecordId,
    contact_reference: s.candidate.contactReference, channel: s.candidate.channel, contact_at: s.candidate.contactAt,
    text_sha256: s.textSha256, findings: s.findings.length, max_severity: s.maxSeverity,
  }));
  const inserted = await tx.query<{ id: number; kind: string; source_id: number }>(
    `INSERT INTO qa_items (kind, source_id, account_id, customer_id, agency_id, collector_id, call_record_id, contact_reference, channel, contact_at,
                           text_sha256, scanned_on, scanned_at, findings, max_severity)
     SELECT r.kind, r.source_id, r.account_id, r.customer_id, r.agency_id, r.collector_id, r.call_record_id, r.contact_reference, r.channel, r.contact_at,
            r.text_sha256, $2::date, $3::timestamptz, r.findings, r.max_severity
       FROM jsonb_to_recordset($1::jsonb) AS r(kind text, source_id bigint, account_id bigint, customer_id text, agency_id text, collector_id text,
            call_record_id bigint, contact_reference text, channel text, contact_at timestamptz, text_sha256 text, findings int, max_severity text)
     ON CONFLICT (kind, source_id) DO NOTHING
     RETURNING id, kind, source_id`,
    [JSON.stringify(rows), scannedOn, now],
  );
  for (const r of inserted) out.set(`${r.kind}:${Number(r.source_id)}`, { id: Number(r.id), isNew: true });
  const findings = items.flatMap((s) => {
    const it = out.get(`${s.candidate.kind}:${s.candidate.sourceId}`);
    if (!it) return [];
    return s.findings.map((f) => ({ item_id: it.id, category: f.category, severity: f.severity, lang: f.lang, start_offset: f.start, end_offset: f.end, match: f.match, rule: f.rule, explanation: f.explanation }));
  });
  if (findings.length > 0) {
    await tx.query(
      `INSERT INTO qa_findings (item_id, category, severity, lang, start_offset, end_offset, match, rule, explanation)
       SELECT r.item_id, r.category, r.severity, r.lang, r.start_offset, r.end_offset, r.match, r.rule, r.explanation
         FROM jsonb_to_recordset($1::jsonb) AS r(item_id bigint, category text, severity text, lang text, start_offset int, end_offset int, match text, rule text, explanation jsonb)`,
      [JSON.stringify(findings)],
    );
  }
  const missing = items.filter((s) => !out.has(`${s.candidate.kind}:${s.candidate.sourceId}`));
  if (missing.length > 0) {
    const old = await tx.query<{ id: number; kind: string; source_id: number }>(
      `SELECT q.id, q.kind, q.source_id FROM qa_items q
         JOIN jsonb_to_recordset($1::jsonb) AS r(kind text, source_id bigint) ON r.kind = q.kind AND r.source_id = q.source_id`,
      [JSON.stringify(missing.map((s) => ({ kind: s.candidate.kind, source_id: s.candidate.sourceId })))],
    );
    for (const r of old) out.set(`${r.kind}:${Number(r.source_id)}`, { id: Number(r.id), isNew: false });
  }
  return out;
}

export interface NewReview {
  source: ReviewSource;
  businessDate: string;
  customerId: string;
  accountId: number | null;
  complaintId: number | null;
  itemIds: number[];
}

/** Opens reviews; each review's agency and collector are those of its items when they all agree. */
export async function insertReviews(tx: Db, reviews: readonly NewReview[], now: string): Promise<number[]> {
  const ids: number[] = [];
  for (const r of reviews) {
    const [row] = await tx.query<{ id: number }>(
      `WITH who AS (
         SELECT count(DISTINCT coalesce(agency_id, '')) AS agencies, count(DISTINCT coalesce(collector_id, '')) AS collectors,
                min(agency_id) AS agency_id, min(collector_id) AS collector_id
           FROM qa_items WHERE id = ANY($6::bigint[]))
       INSERT INTO qa_reviews (source, business_date, customer_id, account_id, complaint_id, attributed, agency_id, collector_id, opened_at)
       SELECT $1, $2::date, $3, $4, $5, who.agencies <= 1 AND who.collectors <= 1,
              CASE WHEN who.agencies <= 1 THEN who.agency_id END, CASE WHEN who.agencies <= 1 AND who.collectors <= 1 THEN who.collector_id END, $7
         FROM who
       RETURNING id`,
      [r.source, r.businessDate, r.customerId, r.accountId, r.complaintId, r.itemIds, now],
    );
    const id = Number(row!.id);
    await tx.query(`INSERT INTO qa_review_items (review_id, item_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, [id, r.itemIds]);
    ids.push(id);
  }
  return ids;
}

export async function reviewOfComplaint(tx: Db, complaintId: number): Promise<{ id: number; items: number } | null> {
  const [r] = await tx.query<{ id: number; items: number }>(
    `SELECT r.id, (SELECT count(*)::int FROM qa_review_items i WHERE i.review_id = r.id) AS items FROM qa_reviews r WHERE r.complaint_id = $1`,
    [complaintId],
  );
  return r ? { id: Number(r.id), items: r.items } : null;
}

export interface ReviewSummary {
  id: number;
  source: ReviewSource;
  status: 'open' | 'scored';
  businessDate: string;
  customerId: string;
  accountId: number | null;
  complaintId: number | null;
  agencyId: string | null;
  collectorId: string | null;
  items: number;
  highFindings: number;
  openedAt: string;
  score: number | null;
  passed: boolean | null;
  reviewer: string | null;
  scoredAt: string | null;
}

const REVIEW_COLUMNS = `r.id, r.source, r.status, r.business_date AS "businessDate", r.customer_id AS "customerId", r.account_id AS "accountId",
  r.complaint_id AS "complaintId", r.agency_id AS "agencyId", r.collector_id AS "collectorId",
  (SELECT count(*)::int FROM qa_review_items ri WHERE ri.review_id = r.id) AS items,
  (SELECT count(*)::int FROM qa_review_items ri JOIN qa_findings f ON f.item_id = ri.item_id WHERE ri.review_id = r.id AND f.severity = 'high') AS "highFindings",
  r.opened_at AS "openedAt", r.score, r.passed, r.reviewer, r.scored_at AS "scoredAt"`;

function fixReview(r: ReviewSummary): ReviewSummary {
  return { ...r, id: Number(r.id), accountId: r.accountId === null ? null : Number(r.accountId), complaintId: r.complaintId === null ? null : Number(r.complaintId) };
}

export const MAX_REVIEWS_LISTED = 500;

/** The review queue: open reviews first (high findings, then complaints, then oldest), or by status. */
export async function listReviews(db: Db, filter: { status?: 'open' | 'scored'; agencyId?: string; source?: ReviewSource; limit?: number }): Promise<ReviewSummary[]> {
  const rows = await db.query<ReviewSummary>(
    `SELECT ${REVIEW_COLUMNS} FROM qa_reviews r
      WHERE ($1::text IS NULL OR r.status = $1) AND ($2::text IS NULL OR r.agency_id = $2) AND ($3::text IS NULL OR r.source = $3)
      ORDER BY r.status, CASE r.source WHEN 'finding' THEN 0 WHEN 'complaint' THEN 1 ELSE 2 END, r.opened_at, r.id
      LIMIT $4`,
    [filter.status ?? null, filter.agencyId ?? null, filter.source ?? null, Math.min(filter.limit ?? MAX_REVIEWS_LISTED, MAX_REVIEWS_LISTED)],
  );
  return rows.map(fixReview);
}

export interface ReviewItemDetail {
  itemId: number;
  kind: ItemKind;
  sourceId: number;
  channel: string;
  contactAt: string;
  agencyId: string | null;
  collectorId: string | null;
  callRecordId: number | null;
  contactReference: string | null;
  text: string | null;
  recording: { ref: string; sha256: string } | null;
  findings: Array<Pick<QaFinding, 'category' | 'severity' | 'lang' | 'start' | 'end' | 'match' | 'rule' | 'explanation'>>;
}

export interface ReviewDetail extends ReviewSummary {
  answers: Record<string, string> | null;
  failedCritical: string[] | null;
  comment: string | null;
  itemsDetail: ReviewItemDetail[];
}

export async function getReview(db: Db, id: number, lock = false): Promise<ReviewDetail | null> {
  const [r] = await db.query<ReviewSummary & { answers: Record<string, string> | null; failedCritical: string[] | null; comment: string | null }>(
    `SELECT ${REVIEW_COLUMNS}, r.answers, r.failed_critical AS "failedCritical", r.comment FROM qa_reviews r WHERE r.id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!r) return null;
  const items = await db.query<Omit<ReviewItemDetail, 'findings' | 'recording'> & { recordingRef: string | null; recordingSha256: string | null }>(
    `SELECT q.id AS "itemId", q.kind, q.source_id AS "sourceId", q.channel, q.contact_at AS "contactAt", q.agency_id AS "agencyId",
            q.collector_id AS "collectorId", q.call_record_id AS "callRecordId", q.contact_reference AS "contactReference",
            CASE q.kind WHEN 'message' THEN (SELECT concat_ws(E'\\n', o.rendered_subject, o.rendered_text) FROM contacts_outbox o WHERE o.id = q.source_id)
                        WHEN 'transcript' THEN t.text END AS text,
            t.recording_ref AS "recordingRef", t.recording_sha256 AS "recordingSha256"
       FROM qa_review_items ri JOIN qa_items q ON q.id = ri.item_id
       LEFT JOIN call_transcripts t ON q.kind = 'transcript' AND t.id = q.source_id
      WHERE ri.review_id = $1 ORDER BY q.contact_at, q.id`,
    [id],
  );
  const findings = await db.query<{ itemId: number } & ReviewItemDetail['findings'][number]>(
    `SELECT f.item_id AS "itemId", f.category, f.severity, f.lang, f.start_offset AS start, f.end_offset AS "end", f.match, f.rule, f.explanation
       FROM qa_findings f JOIN qa_review_items ri ON ri.item_id = f.item_id WHERE ri.review_id = $1 ORDER BY f.item_id, f.start_offset, f.id`,
    [id],
  );
  return {
    ...fixReview(r), answers: r.answers, failedCritical: r.failedCritical, comment: r.comment,
    itemsDetail: items.map(({ recordingRef, recordingSha256, ...i }) => ({
      ...i, itemId: Number(i.itemId), sourceId: Number(i.sourceId), callRecordId: i.callRecordId === null ? null : Number(i.callRecordId),
      recording: recordingRef && recordingSha256 ? { ref: recordingRef, sha256: recordingSha256 } : null,
      findings: findings.filter((f) => Number(f.itemId) === Number(i.itemId)).map(({ itemId: _, ...f }) => f),
    })),
  };
}

export async function saveScore(tx: Db, id: number, s: { score: number; passed: boolean; answers: Record<string, string>; failedCritical: string[]; scorecardVersion: number; comment: string; reviewer: string; now: string }): Promise<void> {
  await tx.query(
    `UPDATE qa_reviews SET status = 'scored', score = $2, passed = $3, answers = $4::jsonb, failed_critical = $5::jsonb, scorecard_version = $6, comment = $7, reviewer = $8, scored_at = $9
      WHERE id = $1`,
    [id, s.score, s.passed, JSON.stringify(s.answers), JSON.stringify(s.failedCritical), s.scorecardVersion, s.comment, s.reviewer, s.now],
  );
}

export interface CallRecordOwner {
  id: number;
  collectorId: string;
  agencyId: string | null;
}

export async function callRecordOwner(db: Db, callRecordId: number): Promise<CallRecordOwner | null> {
  const [r] = await db.query<CallRecordOwner>(
    `SELECT cr.id, cr.collector_id AS "collectorId", c.agency_id AS "agencyId" FROM call_records cr JOIN collectors c ON c.id = cr.collector_id WHERE cr.id = $1`,
    [callRecordId],
  );
  return r ? { ...r, id: Number(r.id) } : null;
}

export interface TranscriptRow {
  id: number;
  callRecordId: number | null;
  language: string;
  textSha256: string;
  recordingRef: string | null;
  recordingSha256: string | null;
  uploadedBy: string;
  createdAt: string;
}

export async function transcriptOfCall(db: Db, callRecordId: number): Promise<TranscriptRow | null> {
  const [r] = await db.query<TranscriptRow>(
    `SELECT id, call_record_id AS "callRecordId", language, text_sha256 AS "textSha256", recording_ref AS "recordingRef", recording_sha256 AS "recordingSha256",
            uploaded_by AS "uploadedBy", created_at AS "createdAt"
       FROM call_transcripts WHERE call_record_id = $1`,
    [callRecordId],
  );
  return r ? { ...r, id: Number(r.id), callRecordId: r.callRecordId === null ? null : Number(r.callRecordId) } : null;
}

export async function insertTranscript(tx: Db, t: { callRecordId: number; language: string; text: string; textSha256: string; recordingRef: string | null; recordingSha256: string | null; uploadedBy: string; now: string }): Promise<TranscriptRow> {
  await tx.query(
    `INSERT INTO call_transcripts (call_record_id, customer_id, language, text, text_sha256, recording_ref, recording_sha256, uploaded_by, created_at)
     SELECT r.id, r.customer_id, $2, $3, $4, $5, $6, $7, $8 FROM call_records r WHERE r.id = $1`,
    [t.callRecordId, t.language, t.text, t.textSha256, t.recordingRef, t.recordingSha256, t.uploadedBy, t.now],
  );
  return (await transcriptOfCall(tx, t.callRecordId))!;
}
