/**
 * Queries of the agencies module: its own tables (agencies, placement_rules, agency_placements),
 * read-only lookups of accounts, cases, payments, contacts and complaints that placement, recall,
 * commission and the scorecard depend on, and the hand-over of placed cases to the agency's
 * collectors in the worklist's case assignments.
 */
import type { Db } from '../../platform/db.ts';
import { planAssignments, type CollectorLoad, type QueueRule } from '../worklist/index.ts';
import { regionOf, type AccountForPlacement } from './agencies.rules.ts';
import type { Agency, AgencyInput, Placement, PlacementRule, PlacementRuleInput, RecallReason } from './agencies.types.ts';

const AGENCY_COLUMNS = `id, name, status, status_reason AS "statusReason", contact, ip_allow_list AS "ipAllowList", commission, max_days_placed AS "maxDaysPlaced",
  complaint_threshold_per_10k AS "complaintThresholdPer10k", min_qa_score AS "minQaScore", breach_action AS "breachAction"`;
const RULE_COLUMNS = `code, priority, buckets, products, jurisdictions, regions, min_balance_minor AS "minBalanceMinor", max_balance_minor AS "maxBalanceMinor",
  min_dpd AS "minDpd", max_dpd AS "maxDpd", allocations, active`;
const PLACEMENT_COLUMNS = `p.id, p.account_id AS "accountId", a.ref AS "accountRef", p.agency_id AS "agencyId", p.placed_on::text AS "placedOn", p.source, p.rule_code AS "ruleCode",
  p.placed_by AS "placedBy", p.balance_at_placement_minor AS "balanceAtPlacementMinor", p.dpd_at_placement AS "dpdAtPlacement", p.recall_due_on::text AS "recallDueOn",
  p.ended_on::text AS "endedOn", p.end_reason AS "endReason", p.end_details AS "endDetails", p.ended_by AS "endedBy"`;

export async function saveAgency(tx: Db, a: AgencyInput, now: string): Promise<Agency> {
  const [row] = await tx.query<Agency>(
    `INSERT INTO agencies (id, name, status, contact, ip_allow_list, commission, max_days_placed, complaint_threshold_per_10k, min_qa_score, breach_action, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, $8, $9, $10, $11, $11)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, status = EXCLUDED.status,
       status_reason = CASE WHEN agencies.status = EXCLUDED.status THEN agencies.status_reason END,
       contact = EXCLUDED.contact, ip_allow_list = EXCLUDED.ip_allow_list, commission = EXCLUDED.commission, max_days_placed = EXCLUDED.max_days_placed,
       complaint_threshold_per_10k = EXCLUDED.complaint_threshold_per_10k, min_qa_score = EXCLUDED.min_qa_score, breach_action = EXCLUDED.breach_action,
       updated_at = EXCLUDED.updated_at
     RETURNING ${AGENCY_COLUMNS}`,
    [a.id, a.name, a.status, JSON.stringify(a.contact), a.ipAllowList, JSON.stringify(a.commission), a.maxDaysPlaced, a.complaintThresholdPer10k, a.minQaScore, a.breachAction, now],
  );
  return row!;
}

export async function getAgency(db: Db, id: string): Promise<Agency | undefined> {
  const [row] = await db.query<Agency>(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = $1`, [id]);
  return row;
}

export function listAgencies(db: Db): Promise<Agency[]> {
  return db.query<Agency>(`SELECT ${AGENCY_COLUMNS} FROM agencies ORDER BY id`);
}

export async function setAgencyStatus(tx: Db, id: string, status: 'active' | 'suspended', reason: unknown, now: string): Promise<void> {
  await tx.query('UPDATE agencies SET status = $2, status_reason = $3, updated_at = $4 WHERE id = $1', [id, status, JSON.stringify(reason), now]);
}

/** The agency's IP allow-list, or null when there is no such agency. */
export async function agencyAllowList(db: Db, id: string): Promise<string[] | null> {
  const [row] = await db.query<{ list: string[] }>('SELECT ip_allow_list AS list FROM agencies WHERE id = $1', [id]);
  return row ? row.list : null;
}

export async function savePlacementRule(tx: Db, r: PlacementRuleInput, now: string): Promise<PlacementRule> {
  const [row] = await tx.query<PlacementRule>(
    `INSERT INTO placement_rules (code, priority, buckets, products, jurisdictions, regions, min_balance_minor, max_balance_minor, min_dpd, max_dpd, allocations, active, created_at, updated_at)
     VALUES ($1, $2, $3::text[], $4::text[], $5::text[], $6::text[], $7, $8, $9, $10, $11, $12, $13, $13)
     ON CONFLICT (code) DO UPDATE SET priority = EXCLUDED.priority, buckets = EXCLUDED.buckets, products = EXCLUDED.products, jurisdictions = EXCLUDED.jurisdictions,
       regions = EXCLUDED.regions, min_balance_minor = EXCLUDED.min_balance_minor, max_balance_minor = EXCLUDED.max_balance_minor, min_dpd = EXCLUDED.min_dpd,
       max_dpd = EXCLUDED.max_dpd, allocations = EXCLUDED.allocations, active = EXCLUDED.active, updated_at = EXCLUDED.updated_at
     RETURNING ${RULE_COLUMNS}`,
    [r.code, r.priority, r.buckets, r.products, r.jurisdictions, r.regions, r.minBalanceMinor, r.maxBalanceMinor, r.minDpd, r.maxDpd, JSON.stringify(r.allocations), r.active, now],
  );
  return row!;
}

export function listPlacementRules(db: Db): Promise<PlacementRule[]> {
  return db.query<PlacementRule>(`SELECT ${RULE_COLUMNS} FROM placement_rules ORDER BY priority, code`);
}

const CANDIDATE_SELECT = `
  SELECT a.id AS "accountId", s.bucket, a.product_code AS "productCode", cu.jurisdiction, cu.address,
         s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor AS "balanceMinor",
         coalesce(s.closed_through - s.delinquent_since, 0) AS dpd,
         coalesce((SELECT array_agg(DISTINCT p.agency_id) FROM agency_placements p WHERE p.account_id = a.id AND p.customer_id = a.customer_id AND p.ended_on IS NOT NULL), '{}') AS "recalledFrom"
  FROM collection_cases c
  JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id
  JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
  JOIN customers cu ON cu.id = a.customer_id`;

/**
 * Accounts that placement by rule may place: an open case, no active placement, no open dispute
 * (collection is held while one is open).
 */
export async function loadPlacementCandidates(tx: Db): Promise<AccountForPlacement[]> {
  const rows = await tx.query<AccountForPlacement & { address: string | null }>(
    `${CANDIDATE_SELECT}
     WHERE c.status = 'open'
       AND NOT EXISTS (SELECT 1 FROM agency_placements p WHERE p.account_id = a.id AND p.customer_id = a.customer_id AND p.ended_on IS NULL)
       AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.account_id = a.id AND d.customer_id = a.customer_id AND d.status IN ('open', 'pending', 'verification_sent'))
     ORDER BY a.id`,
  );
  return rows.map(({ address, ...r }) => ({ ...r, region: regionOf(address) }));
}

/** One account by reference, with what placement needs to know of it. */
export async function findAccountForPlacement(db: Db, ref: string): Promise<{ accountId: number; ref: string; caseOpen: boolean } | undefined> {
  const [row] = await db.query<{ accountId: number; ref: string; caseOpen: boolean }>(
    `SELECT a.id AS "accountId", a.ref, EXISTS (SELECT 1 FROM collection_cases c WHERE c.account_id = a.id AND c.customer_id = a.customer_id AND c.status = 'open') AS "caseOpen"
     FROM accounts a WHERE a.ref = $1`,
    [ref],
  );
  return row;
}

/**
 * Writes placements dated `date`, each with the balance and DPD of its account on that day (as the
 * account was last closed) and its recall date after the agency's max_days_placed. An account that
 * gained an active placement meanwhile is skipped (the unique index decides). Returns the new rows.
 */
export async function insertPlacements(
  tx: Db,
  rows: ReadonlyArray<{ accountId: number; agencyId: string; ruleCode: string | null }>,
  date: string,
  source: Placement['source'],
  placedBy: string,
): Promise<Array<{ id: number; accountId: number; agencyId: string }>> {
  if (rows.length === 0) return [];
  return tx.query(
    `INSERT INTO agency_placements (account_id, customer_id, agency_id, placed_on, source, rule_code, placed_by, balance_at_placement_minor, dpd_at_placement, recall_due_on)
     SELECT u.account_id, s.customer_id, u.agency_id, $4::date, $5, u.rule_code, $6,
            s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor, coalesce(s.closed_through - s.delinquent_since, 0), $4::date + ag.max_days_placed
     FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(account_id, agency_id, rule_code)
     JOIN account_state s ON s.account_id = u.account_id
     JOIN agencies ag ON ag.id = u.agency_id
     ORDER BY u.account_id
     ON CONFLICT (account_id, customer_id) WHERE ended_on IS NULL DO NOTHING
     RETURNING id, account_id AS "accountId", agency_id AS "agencyId"`,
    [rows.map((r) => r.accountId), rows.map((r) => r.agencyId), rows.map((r) => r.ruleCode), date, source, placedBy],
  );
}

export async function activePlacement(db: Db, accountId: number, forUpdate = false): Promise<Placement | undefined> {
  const [row] = await db.query<Placement>(
    `SELECT ${PLACEMENT_COLUMNS} FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id WHERE p.account_id = $1 AND p.ended_on IS NULL ${forUpdate ? 'FOR UPDATE OF p' : ''}`,
    [accountId],
  );
  return row;
}

export function listPlacements(db: Db, by: { agencyId?: string; accountRef?: string; activeOnly?: boolean }, limit: number): Promise<Placement[]> {
  return db.query<Placement>(
    `SELECT ${PLACEMENT_COLUMNS} FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id
     WHERE ($1::text IS NULL OR p.agency_id = $1) AND ($2::text IS NULL OR a.ref = $2) AND (NOT $3 OR p.ended_on IS NULL)
     ORDER BY p.id DESC LIMIT $4`,
    [by.agencyId ?? null, by.accountRef ?? null, by.activeOnly ?? false, limit],
  );
}

/** Active placements at or past their recall date. */
export function duePlacements(tx: Db, date: string): Promise<Array<{ id: number; agencyId: string; accountRef: string }>> {
  return tx.query(
    `SELECT p.id, p.agency_id AS "agencyId", a.ref AS "accountRef" FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id
     WHERE p.ended_on IS NULL AND p.recall_due_on <= $1::date ORDER BY p.id`,
    [date],
  );
}

/** Active placements of an agency: all of them, or those of the given accounts. */
export function agencyPlacements(tx: Db, agencyId: string, accountIds: readonly number[] | null): Promise<Array<{ id: number; agencyId: string; accountRef: string }>> {
  return tx.query(
    `SELECT p.id, p.agency_id AS "agencyId", a.ref AS "accountRef" FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id
     WHERE p.ended_on IS NULL AND p.agency_id = $1 AND ($2::bigint[] IS NULL OR p.account_id = ANY($2::bigint[])) ORDER BY p.id`,
    [agencyId, accountIds],
  );
}

/** Ends placements with a reason; returns the ended ones (those still active). */
export async function endPlacements(tx: Db, ids: readonly number[], date: string, reason: RecallReason, details: unknown, by: string): Promise<Array<{ id: number; accountId: number; agencyId: string }>> {
  if (ids.length === 0) return [];
  return tx.query(
    `UPDATE agency_placements SET ended_on = $2, end_reason = $3, end_details = $4, ended_by = $5
     WHERE id = ANY($1::bigint[]) AND ended_on IS NULL RETURNING id, account_id AS "accountId", agency_id AS "agencyId"`,
    [ids, date, reason, JSON.stringify(details ?? null), by],
  );
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const [row] = await db.query<{ ok: boolean }>('SELECT to_regclass($1) IS NOT NULL AS ok', [name]);
  return row!.ok;
}

/** Contacts an agency made (its calls and its sent messages, as contact history) in [from, to]. */
export async function agencyContactCount(db: Db, agencyId: string, from: string, to: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contact_history
     WHERE initiator_kind = 'agency' AND initiator_id = $1 AND direction = 'outbound' AND at >= $2::date AND at < $3::date + 1`,
    [agencyId, from, to],
  );
  return row!.n;
}

/**
 * Complaints against an agency received in [from, to], with the accounts they name. Read from the
 * complaints module's table; before that module is installed there are none.
 */
export async function agencyComplaints(db: Db, agencyId: string, from: string, to: string): Promise<{ count: number; accountIds: number[]; byCategory: Record<string, number> }> {
  if (!(await tableExists(db, 'complaints'))) return { count: 0, accountIds: [], byCategory: {} };
  const rows = await db.query<{ category: string; n: number; accounts: number[] }>(
    `SELECT category, count(*)::int AS n, coalesce(array_agg(DISTINCT account_id) FILTER (WHERE account_id IS NOT NULL), '{}') AS accounts
     FROM complaints WHERE agency_id = $1 AND received_on BETWEEN $2::date AND $3::date GROUP BY category ORDER BY category`,
    [agencyId, from, to],
  );
  return {
    count: rows.reduce((s, r) => s + r.n, 0),
    accountIds: [...new Set(rows.flatMap((r) => r.accounts.map(Number)))].sort((a, b) => a - b),
    byCategory: Object.fromEntries(rows.map((r) => [r.category, r.n])),
  };
}

/**
 * Placements of an agency active on some day of [from, to], each with the payments received on its
 * account (by value date) while it was placed — from the day of placement up to the day before it
 * ended — and within [from, to].
 */
export function placementsWithRecoveries(db: Db, agencyId: string, from: string, to: string): Promise<Array<{
  placementId: number; accountRef: string; dpdAtPlacement: number; balanceAtPlacementMinor: number; recoveredMinor: number; placedOn: string; endedOn: string | null; endReason: RecallReason | null;
}>> {
  return db.query(
    `SELECT p.id AS "placementId", a.ref AS "accountRef", p.dpd_at_placement AS "dpdAtPlacement", p.balance_at_placement_minor AS "balanceAtPlacementMinor",
            coalesce((SELECT sum(t.amount_minor) FROM transactions t
                      WHERE t.account_id = p.account_id AND t.customer_id = p.customer_id AND t.type = 'payment'
                        AND t.value_date >= greatest(p.placed_on, $2::date) AND t.value_date <= $3::date
                        AND (p.ended_on IS NULL OR t.value_date < p.ended_on)), 0)::bigint AS "recoveredMinor",
            p.placed_on::text AS "placedOn", p.ended_on::text AS "endedOn", p.end_reason AS "endReason"
     FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id
     WHERE p.agency_id = $1 AND p.placed_on <= $3::date AND (p.ended_on IS NULL OR p.ended_on > $2::date)
     ORDER BY p.id`,
    [agencyId, from, to],
  );
}

// ---------------------------------------------------------------- hand-over to the worklist

/**
 * Gives the open cases of newly placed accounts to the agency's collectors: an in-house assignment
 * ends ('reassigned') and the case goes to the least loaded collector of the agency, through the
 * agency's queues, by the worklist's own assignment rule. A case none of the agency's collectors can
 * take stays unassigned; the agency sees the account all the same (the placement decides what it
 * sees, the assignment who works it). Returns the number of cases assigned.
 */
export async function handOverCases(tx: Db, accountIds: readonly number[], agencyId: string, date: string): Promise<number> {
  if (accountIds.length === 0) return 0;
  await tx.query(
    `UPDATE case_assignments ca SET ended_on = $2, end_reason = 'reassigned'
     FROM collectors co WHERE co.id = ca.collector_id AND ca.account_id = ANY($1::bigint[]) AND ca.ended_on IS NULL AND co.agency_id IS DISTINCT FROM $3`,
    [accountIds, date, agencyId],
  );
  const queues = await tx.query<QueueRule & { recallAfterDays: number }>(
    `SELECT code, buckets, skill, language, agency_id AS "agencyId", priority, recall_after_days AS "recallAfterDays" FROM queues WHERE active AND agency_id = $1`,
    [agencyId],
  );
  if (queues.length === 0) return 0;
  const collectors = await tx.query<CollectorLoad>(
    `SELECT c.id, c.agency_id AS "agencyId", c.skills, c.languages, c.max_open_cases AS "maxOpenCases",
            (SELECT count(*) FROM case_assignments a WHERE a.collector_id = c.id AND a.ended_on IS NULL)::int AS "openCases"
     FROM collectors c WHERE c.active AND c.agency_id = $1 ORDER BY c.id`,
    [agencyId],
  );
  const cases = await tx.query<{ caseId: number; accountId: number; bucket: string; language: string; overdueMinor: number; previousCollectorId: null }>(
    `SELECT c.id AS "caseId", c.account_id AS "accountId", c.bucket, cu.language, c.overdue_minor AS "overdueMinor", NULL AS "previousCollectorId"
     FROM collection_cases c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id JOIN customers cu ON cu.id = a.customer_id
     WHERE c.status = 'open' AND c.account_id = ANY($1::bigint[])
       AND NOT EXISTS (SELECT 1 FROM case_assignments x WHERE x.case_id = c.id AND x.ended_on IS NULL)`,
    [accountIds],
  );
  // Placement decided where the case goes, so any of the agency's queues will do whatever its buckets.
  const plan = planAssignments(cases.map((c) => ({ ...c, placedWith: agencyId })), queues.map((q) => ({ ...q, buckets: [...new Set([...q.buckets, ...cases.map((c) => c.bucket)])] })), collectors);
  if (plan.assignments.length === 0) return 0;
  const inserted = await tx.query(
    `INSERT INTO case_assignments (case_id, account_id, customer_id, collector_id, queue_code, assigned_on, period_from, recall_on)
     SELECT u.case_id, u.account_id, c.customer_id, u.collector_id, u.queue_code, $5::date, $5::date, $5::date + q.recall_after_days
     FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[]) AS u(case_id, account_id, collector_id, queue_code)
     JOIN collection_cases c ON c.id = u.case_id
     JOIN queues q ON q.code = u.queue_code
     RETURNING 1`,
    [plan.assignments.map((r) => r.caseId), plan.assignments.map((r) => r.accountId), plan.assignments.map((r) => r.collectorId), plan.assignments.map((r) => r.queueCode), date],
  );
  return inserted.length;
}

/** Ends the agency's collectors' assignments (and their case locks) on recalled accounts. */
export async function takeBackCases(tx: Db, accountIds: readonly number[], agencyId: string, date: string): Promise<number> {
  if (accountIds.length === 0) return 0;
  const ended = await tx.query<{ case_id: number; collector_id: string }>(
    `UPDATE case_assignments ca SET ended_on = $2, end_reason = 'recalled'
     FROM collectors co WHERE co.id = ca.collector_id AND co.agency_id = $3 AND ca.account_id = ANY($1::bigint[]) AND ca.ended_on IS NULL
     RETURNING ca.case_id, ca.collector_id`,
    [accountIds, date, agencyId],
  );
  if (ended.length) {
    await tx.query(
      `DELETE FROM case_locks l USING unnest($1::bigint[], $2::text[]) AS u(case_id, collector_id) WHERE l.case_id = u.case_id AND l.collector_id = u.collector_id`,
      [ended.map((r) => r.case_id), ended.map((r) => r.collector_id)],
    );
  }
  return ended.length;
}

/** The strategy's open agency recommendation of an account, with what a supervisor weighs before accepting it. */
export interface OpenRecommendation {
  accountRef: string;
  recommendedOn: string;
  strategyVersion: number | null;
  strategyRow: string | null;
  productCode: string;
  jurisdiction: string;
  currency: string;
  bucket: string;
  dpd: number;
  overdueMinor: number;
  balanceMinor: number;
}

/**
 * Open 'recommend_agency' recommendations of accounts not placed now, the latest one per account,
 * newest first (then by account).
 */
export function listOpenRecommendations(db: Db, limit: number): Promise<OpenRecommendation[]> {
  return db.query<OpenRecommendation>(
    `SELECT * FROM (
       SELECT DISTINCT ON (cr.account_id) a.ref AS "accountRef", cr.business_date::text AS "recommendedOn", cr.strategy_version AS "strategyVersion",
              cr.strategy_row AS "strategyRow", a.product_code AS "productCode", cu.jurisdiction, a.currency, s.bucket,
              coalesce(s.closed_through - s.delinquent_since, 0) AS dpd, s.overdue_minor AS "overdueMinor",
              s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor AS "balanceMinor"
       FROM case_recommendations cr
       JOIN accounts a ON a.id = cr.account_id AND a.customer_id = cr.customer_id
       JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id
       JOIN customers cu ON cu.id = a.customer_id
       WHERE cr.kind = 'recommend_agency' AND cr.status = 'open'
         AND NOT EXISTS (SELECT 1 FROM agency_placements p WHERE p.account_id = cr.account_id AND p.customer_id = cr.customer_id AND p.ended_on IS NULL)
       ORDER BY cr.account_id, cr.business_date DESC
     ) r
     ORDER BY "recommendedOn" DESC, "accountRef"
     LIMIT $1`,
    [limit],
  );
}
