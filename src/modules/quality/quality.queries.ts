/**
 * QA figures per agency and per collector, for agency scorecards and recall thresholds (agencies
 * module) and the quality screens: the average score of the reviews scored, how many, how many failed,
 * and high-severity findings per 1,000 contacts.
 *
 * Windows are business dates, both ends included: reviews count by the business date they were opened
 * for, findings and contacts by the date (UTC) of the contact. Contacts are the messages sent (outbox
 * rows sent or delivered, except collector-call tasks, whose calls are counted as call records) and the
 * collectors' calls. The lender's own work is the row with agencyId null.
 */
import type { Db } from '../../platform/db.ts';
import { invalidField } from '../../platform/errors.ts';

export interface QaScoreRow {
  agencyId: string | null;
  /** Set on collector rows (calls and reviews of one collector); null on agency rows. */
  collectorId: string | null;
  reviews: number;
  failedReviews: number;
  /** Mean score of the scored reviews, one decimal; null without reviews. */
  averageScore: number | null;
  contacts: number;
  highFindings: number;
  /** High-severity findings per 1,000 contacts, two decimals; null without contacts. */
  highFindingsPer1000: number | null;
}

export interface QaScores {
  from: string;
  to: string;
  agencies: QaScoreRow[];
  collectors: QaScoreRow[];
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export async function qaScores(db: Db, window: { from: string; to: string }): Promise<QaScores> {
  if (!ISO.test(window.from)) throw invalidField('from', `expected an ISO date YYYY-MM-DD, got '${window.from}'`);
  if (!ISO.test(window.to)) throw invalidField('to', `expected an ISO date YYYY-MM-DD, got '${window.to}'`);
  if (window.to < window.from) throw invalidField('to', `must not be before from (${window.from})`);
  const rows = await db.query<{ level: string; agency_id: string | null; collector_id: string | null; reviews: number; failed: number; avg10: number | null; contacts: number; high: number }>(
    `WITH contacts AS (
       SELECT CASE WHEN o.initiator_kind = 'agency' THEN o.initiator_id END AS agency_id, NULL::text AS collector_id
         FROM contacts_outbox o
        WHERE o.status IN ('sent', 'delivered') AND o.channel <> 'collector_call'
          AND (coalesce(o.sent_at, o.created_at) AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
       UNION ALL
       SELECT c.agency_id, cr.collector_id
         FROM call_records cr JOIN collectors c ON c.id = cr.collector_id
        WHERE (cr.at AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
     ), high AS (
       SELECT q.agency_id, q.collector_id
         FROM qa_findings f JOIN qa_items q ON q.id = f.item_id
        WHERE f.severity = 'high' AND (q.contact_at AT TIME ZONE 'UTC')::date BETWEEN $1::date AND $2::date
     ), reviews AS (
       SELECT agency_id, collector_id, score, passed FROM qa_reviews
        WHERE status = 'scored' AND attributed AND business_date BETWEEN $1::date AND $2::date
     ), keys AS (
       SELECT 'agency' AS level, agency_id, NULL::text AS collector_id FROM contacts
       UNION SELECT 'agency', agency_id, NULL FROM high
       UNION SELECT 'agency', agency_id, NULL FROM reviews
       UNION SELECT 'collector', agency_id, collector_id FROM contacts WHERE collector_id IS NOT NULL
       UNION SELECT 'collector', agency_id, collector_id FROM high WHERE collector_id IS NOT NULL
       UNION SELECT 'collector', agency_id, collector_id FROM reviews WHERE collector_id IS NOT NULL
     )
     SELECT k.level, k.agency_id, k.collector_id,
            (SELECT count(*)::int FROM reviews r WHERE r.agency_id IS NOT DISTINCT FROM k.agency_id AND (k.level = 'agency' OR r.collector_id = k.collector_id)) AS reviews,
            (SELECT count(*)::int FROM reviews r WHERE NOT r.passed AND r.agency_id IS NOT DISTINCT FROM k.agency_id AND (k.level = 'agency' OR r.collector_id = k.collector_id)) AS failed,
            (SELECT round(avg(r.score) * 10)::int FROM reviews r WHERE r.agency_id IS NOT DISTINCT FROM k.agency_id AND (k.level = 'agency' OR r.collector_id = k.collector_id)) AS avg10,
            (SELECT count(*)::int FROM contacts c WHERE c.agency_id IS NOT DISTINCT FROM k.agency_id AND (k.level = 'agency' OR c.collector_id = k.collector_id)) AS contacts,
            (SELECT count(*)::int FROM high h WHERE h.agency_id IS NOT DISTINCT FROM k.agency_id AND (k.level = 'agency' OR h.collector_id = k.collector_id)) AS high
       FROM keys k
      ORDER BY k.level, k.agency_id NULLS FIRST, k.collector_id`,
    [window.from, window.to],
  );
  const out: QaScores = { from: window.from, to: window.to, agencies: [], collectors: [] };
  for (const r of rows) {
    const row: QaScoreRow = {
      agencyId: r.agency_id, collectorId: r.collector_id, reviews: r.reviews, failedReviews: r.failed,
      averageScore: r.avg10 === null ? null : r.avg10 / 10, contacts: r.contacts, highFindings: r.high,
      highFindingsPer1000: r.contacts === 0 ? null : Math.round((r.high * 100_000) / r.contacts) / 100,
    };
    (r.level === 'agency' ? out.agencies : out.collectors).push(row);
  }
  return out;
}
