/**
 * Analytics (C15), the queries: one set-based statement per metric over the facts the other modules
 * keep (bucket history, cases, promises, call records, contact history, the outbox, transactions,
 * entries, placements, complaints). Read-only: nothing here writes. The shaping into matrices, curves
 * and series is in analytics.rules.ts.
 *
 * Every metric takes the same filter: business dates `from`..`to` (inclusive), and optionally a
 * product code, a jurisdiction (the customer's) and an agency id or 'in_house'. How the agency filter
 * applies depends on the fact: an account fact counts for an agency when the account was placed with
 * it on the fact's day (or during the fact's span), a call for the agency of its collector, a contact
 * or a blocked contact for the agency that initiated it, a complaint for the agency it is against.
 */
import type { Db } from '../../platform/db.ts';
import { OUTCOME_RULES, type OutcomeCode } from '../worklist/index.ts';
import {
  IN_HOUSE, blockSummary, complaintSeries, cureCurves, observationDates, periodsBetween, promiseSeries, recoveryRows, rollMatrix, rpcSeries, strategyKey, transitions,
  type BlockRow, type CallRow, type ComplaintRow, type CureRow, type Period, type PromiseRow, type RecoveryRow,
} from './analytics.rules.ts';

export interface AnalyticsFilter {
  from: string;
  to: string;
  product?: string | undefined;
  jurisdiction?: string | undefined;
  /** An agency id, or 'in_house'. */
  agency?: string | undefined;
  period?: Period | undefined;
}

/** The call outcomes that reached the debtor in person, from the worklist's outcome rules. */
export const RPC_OUTCOMES = (Object.keys(OUTCOME_RULES) as OutcomeCode[]).filter((c) => OUTCOME_RULES[c].rightPartyContact);

/** Parameters $1..$5 of every statement: from, to, product, jurisdiction, agency. */
function base(f: AnalyticsFilter): unknown[] {
  return [f.from, f.to, f.product ?? null, f.jurisdiction ?? null, f.agency ?? null];
}

/** Product and jurisdiction of account `a` and customer `cu`. */
const SCOPE = `($3::text IS NULL OR a.product_code = $3) AND ($4::text IS NULL OR cu.jurisdiction = $4)`;

/**
 * The agency filter for an account fact spanning [d0, d1]: placed with the agency on some day of the
 * span, or (in_house) with no agency on any day of it. A placement is active from placed_on up to the
 * day before ended_on.
 */
function placedDuring(account: string, d0: string, d1: string): string {
  const overlap = `pl.account_id = ${account} AND pl.placed_on <= ${d1} AND (pl.ended_on IS NULL OR pl.ended_on > ${d0})`;
  return `($5::text IS NULL
    OR ($5 = '${IN_HOUSE}' AND NOT EXISTS (SELECT 1 FROM agency_placements pl WHERE ${overlap}))
    OR ($5 <> '${IN_HOUSE}' AND EXISTS (SELECT 1 FROM agency_placements pl WHERE ${overlap} AND pl.agency_id = $5)))`;
}

/** The period key of a date expression, as periodOf in the rules computes it. */
function periodSql(period: Period, date: string): string {
  return period === 'month' ? `to_char(${date}, 'YYYY-MM')` : `to_char(date_trunc('week', (${date})::timestamp), 'YYYY-MM-DD')`;
}

/** What was owed on an account (principal, interest, penalty, fees; not credit) before a date: the sum of its entries. */
function owedBefore(account: string, date: string): string {
  return `coalesce((SELECT sum(e.amount_minor) FROM entries e WHERE e.account_id = ${account} AND e.value_date < ${date} AND e.component <> 'credit'), 0)`;
}

// ------------------------------------------------------------------ roll rates

export async function rollRates(db: Db, f: AnalyticsFilter & { step?: Period | undefined }) {
  const step = f.step ?? 'month';
  const dates = observationDates(f.from, f.to, step);
  const pairs = transitions(dates);
  const buckets = await db.query<{ code: string }>('SELECT code FROM buckets GROUP BY code ORDER BY min(ordinal), code');
  const cells = pairs.length === 0 ? [] : await db.query<{ from: string; to: string; count: number }>(
    `WITH pairs AS (SELECT * FROM unnest($6::date[], $7::date[]) AS u(d0, d1) WHERE u.d0 >= $1::date AND u.d1 <= $2::date),
     acc AS (
       SELECT pairs.d0, pairs.d1, a.id, a.customer_id, pr.bucket_policy
       FROM pairs JOIN accounts a ON a.opened_on <= pairs.d0
       JOIN customers cu ON cu.id = a.customer_id
       JOIN products pr ON pr.code = a.product_code AND pr.version = a.product_version
       WHERE ${SCOPE} AND ${placedDuring('a.id', 'pairs.d0', 'pairs.d0')}
         AND ${owedBefore('a.id', 'pairs.d0 + 1')} > 0
     ),
     b AS (
       SELECT coalesce((SELECT bc.to_bucket FROM bucket_changes bc WHERE bc.account_id = acc.id AND bc.customer_id = acc.customer_id AND bc.on_date <= acc.d0 ORDER BY bc.on_date DESC LIMIT 1), z.code) AS b0,
              coalesce((SELECT bc.to_bucket FROM bucket_changes bc WHERE bc.account_id = acc.id AND bc.customer_id = acc.customer_id AND bc.on_date <= acc.d1 ORDER BY bc.on_date DESC LIMIT 1), z.code) AS b1
       FROM acc JOIN buckets z ON z.policy = acc.bucket_policy AND z.ordinal = 0
     )
     SELECT b0 AS "from", b1 AS "to", count(*)::int AS count FROM b GROUP BY b0, b1`,
    [...base(f), pairs.map((p) => p.from), pairs.map((p) => p.to)],
  );
  const matrix = rollMatrix(buckets.map((b) => b.code), cells);
  return { step, dates, transitions: pairs, buckets: buckets.map((b) => b.code), accounts: matrix.reduce((s, r) => s + r.total, 0), matrix };
}

// ------------------------------------------------------------------ cure curves

export async function cureRates(db: Db, f: AnalyticsFilter) {
  const rows = await db.query<CureRow & { asOf: string | null }>(
    `WITH asof AS (SELECT max(closed_through) AS d FROM account_state)
     SELECT to_char(c.opened_on, 'YYYY-MM') AS cohort,
            CASE WHEN c.status = 'closed' AND c.close_reason IN ('cured', 'paid_off') THEN c.closed_on - c.opened_on END AS days,
            count(*)::int AS count, max(c.opened_on)::text AS "lastEntry", (SELECT d FROM asof)::text AS "asOf"
     FROM collection_cases c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id JOIN customers cu ON cu.id = a.customer_id
     WHERE c.status <> 'voided' AND c.opened_on BETWEEN $1::date AND $2::date AND ${SCOPE}
       AND ${placedDuring('a.id', 'c.opened_on', 'coalesce(c.closed_on, (SELECT d FROM asof))')}
     GROUP BY 1, 2`,
    base(f),
  );
  // Each cohort is observed up to its own last entry's day: a cohort's points end where some of its cases were not followed that long.
  const lastEntry = new Map<string, string>();
  for (const r of rows) if (!lastEntry.has(r.cohort) || r.lastEntry > lastEntry.get(r.cohort)!) lastEntry.set(r.cohort, r.lastEntry);
  const asOf = rows[0]?.asOf ?? f.to;
  return { asOf, curves: cureCurves(rows.map((r) => ({ ...r, lastEntry: lastEntry.get(r.cohort)! })), asOf) };
}

// ------------------------------------------------------------------ promises to pay

export async function promiseKeptRates(db: Db, f: AnalyticsFilter) {
  const period = f.period ?? 'month';
  const rows = await db.query<PromiseRow>(
    `SELECT ${periodSql(period, 'p.due_on')} AS period,
            count(*) FILTER (WHERE p.status = 'kept')::int AS kept, count(*) FILTER (WHERE p.status = 'partly_kept')::int AS "partlyKept",
            count(*) FILTER (WHERE p.status = 'broken')::int AS broken, count(*) FILTER (WHERE p.status = 'open')::int AS open,
            coalesce(sum(p.amount_minor), 0)::bigint AS "promisedMinor", coalesce(sum(p.paid_minor), 0)::bigint AS "paidMinor"
     FROM promises p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id JOIN customers cu ON cu.id = a.customer_id
     WHERE p.status <> 'cancelled' AND p.due_on BETWEEN $1::date AND $2::date AND ${SCOPE} AND ${placedDuring('a.id', 'p.promised_on', 'p.promised_on')}
     GROUP BY 1`,
    base(f),
  );
  const series = promiseSeries(rows.map((r) => ({ ...r, promisedMinor: Number(r.promisedMinor), paidMinor: Number(r.paidMinor) })), periodsBetween(f.from, f.to, period));
  return { period, series };
}

// ------------------------------------------------------------------ right-party contact

export async function rightPartyContactRates(db: Db, f: AnalyticsFilter) {
  const period = f.period ?? 'month';
  // A call's day is the debtor's local date, as the contact rules count it.
  const rows = await db.query<CallRow>(
    `WITH calls AS (
       SELECT (r.at AT TIME ZONE cu.time_zone)::date AS d, coalesce(co.agency_id, '${IN_HOUSE}') AS agency, co.team, r.outcome
       FROM call_records r JOIN collectors co ON co.id = r.collector_id JOIN accounts a ON a.id = r.account_id AND a.customer_id = r.customer_id JOIN customers cu ON cu.id = a.customer_id
       WHERE ${SCOPE} AND ($5::text IS NULL OR coalesce(co.agency_id, '${IN_HOUSE}') = $5)
     )
     SELECT ${periodSql(period, 'd')} AS period, agency, team, count(*)::int AS attempts, count(*) FILTER (WHERE outcome = ANY($6::text[]))::int AS "rightParty"
     FROM calls WHERE d BETWEEN $1::date AND $2::date GROUP BY 1, 2, 3`,
    [...base(f), RPC_OUTCOMES],
  );
  return { period, rightPartyOutcomes: RPC_OUTCOMES, ...rpcSeries(rows, periodsBetween(f.from, f.to, period)) };
}

// ------------------------------------------------------------------ recovery

/**
 * Recovery by strategy: accounts with a contact planned in the window, grouped by the strategy table
 * version (and experiment arm) of their first planned contact in it; base = what was owed before that
 * day, recovered = payments valued from that day to `to`.
 */
export async function recoveryByStrategy(db: Db, f: AnalyticsFilter) {
  const rows = await db.query<{ version: number; experiment: string | null; arm: string | null; accounts: number; baseMinor: string; recoveredMinor: string }>(
    `WITH first AS (
       SELECT DISTINCT ON (o.account_id) o.account_id, o.customer_id, o.business_date AS d0, o.strategy_version, o.experiment, o.arm
       FROM contacts_outbox o
       WHERE o.business_date BETWEEN $1::date AND $2::date AND o.strategy_version IS NOT NULL
       ORDER BY o.account_id, o.business_date, o.id
     ),
     scoped AS (
       SELECT f.* FROM first f JOIN accounts a ON a.id = f.account_id AND a.customer_id = f.customer_id JOIN customers cu ON cu.id = a.customer_id
       WHERE ${SCOPE} AND ${placedDuring('f.account_id', 'f.d0', 'f.d0')}
     )
     SELECT strategy_version AS version, experiment, arm, count(*)::int AS accounts,
            coalesce(sum(${owedBefore('s.account_id', 's.d0')}), 0)::bigint AS "baseMinor",
            coalesce(sum((SELECT coalesce(sum(t.amount_minor), 0) FROM transactions t
                          WHERE t.account_id = s.account_id AND t.customer_id = s.customer_id AND t.type = 'payment' AND t.value_date BETWEEN s.d0 AND $2::date)), 0)::bigint AS "recoveredMinor"
     FROM scoped s GROUP BY 1, 2, 3`,
    base(f),
  );
  return {
    groups: recoveryRows(rows.map((r): RecoveryRow & { version: number; experiment: string | null; arm: string | null } => ({
      key: strategyKey(r.version, r.experiment, r.arm), version: r.version, experiment: r.experiment, arm: r.arm,
      accounts: r.accounts, baseMinor: Number(r.baseMinor), recoveredMinor: Number(r.recoveredMinor),
    }))),
  };
}

/**
 * Recovery by agency: placements active on some day of the window (base = the balance at placement,
 * recovered = payments valued while placed and in the window, as the agency scorecard counts them),
 * and in house the collection cases open on some day of the window on accounts not placed during it
 * (base = what was owed before the case opened or the window began, recovered = payments valued from
 * then until the case closed or the window ended).
 */
export async function recoveryByAgency(db: Db, f: AnalyticsFilter) {
  const rows = await db.query<{ key: string; accounts: number; baseMinor: string; recoveredMinor: string }>(
    `WITH placed AS (
       SELECT p.agency_id AS key, p.account_id, p.balance_at_placement_minor AS base,
              (SELECT coalesce(sum(t.amount_minor), 0) FROM transactions t
               WHERE t.account_id = p.account_id AND t.customer_id = p.customer_id AND t.type = 'payment' AND t.value_date >= greatest(p.placed_on, $1::date) AND t.value_date <= $2::date
                 AND (p.ended_on IS NULL OR t.value_date < p.ended_on)) AS recovered
       FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id JOIN customers cu ON cu.id = a.customer_id
       WHERE p.placed_on <= $2::date AND (p.ended_on IS NULL OR p.ended_on > $1::date) AND ${SCOPE}
         AND ($5::text IS NULL OR p.agency_id = $5)
     ),
     in_house AS (
       SELECT '${IN_HOUSE}'::text AS key, c.account_id, ${owedBefore('c.account_id', 'greatest(c.opened_on, $1::date)')} AS base,
              (SELECT coalesce(sum(t.amount_minor), 0) FROM transactions t
               WHERE t.account_id = c.account_id AND t.customer_id = c.customer_id AND t.type = 'payment' AND t.value_date >= greatest(c.opened_on, $1::date)
                 AND t.value_date <= least(coalesce(c.closed_on, $2::date), $2::date)) AS recovered
       FROM collection_cases c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id JOIN customers cu ON cu.id = a.customer_id
       WHERE c.status <> 'voided' AND c.opened_on <= $2::date AND (c.closed_on IS NULL OR c.closed_on >= $1::date) AND ${SCOPE}
         AND ($5::text IS NULL OR $5 = '${IN_HOUSE}')
         AND NOT EXISTS (SELECT 1 FROM agency_placements p WHERE p.account_id = c.account_id AND p.customer_id = c.customer_id AND p.placed_on <= $2::date AND (p.ended_on IS NULL OR p.ended_on > $1::date))
     )
     SELECT key, count(DISTINCT account_id)::int AS accounts, coalesce(sum(base), 0)::bigint AS "baseMinor", coalesce(sum(recovered), 0)::bigint AS "recoveredMinor"
     FROM (SELECT * FROM placed UNION ALL SELECT * FROM in_house) x GROUP BY key`,
    base(f),
  );
  return { groups: recoveryRows(rows.map((r) => ({ key: r.key, accounts: r.accounts, baseMinor: Number(r.baseMinor), recoveredMinor: Number(r.recoveredMinor) }))) };
}

// ------------------------------------------------------------------ complaints per 10k contacts

export async function complaintRates(db: Db, f: AnalyticsFilter) {
  const period = f.period ?? 'month';
  // Contacts: outbound attempts in the contact history on the debtor's local date. Complaints: by the
  // business date received. Without an account, a complaint or contact is left out when a product is asked for.
  const rows = await db.query<ComplaintRow>(
    `WITH contacts AS (
       SELECT ${periodSql(period, '(h.at AT TIME ZONE cu.time_zone)::date')} AS period,
              CASE WHEN h.initiator_kind = 'agency' THEN h.initiator_id ELSE '${IN_HOUSE}' END AS agency, count(*)::int AS n
       FROM contact_history h JOIN customers cu ON cu.id = h.customer_id LEFT JOIN accounts a ON a.id = h.account_id AND a.customer_id = h.customer_id
       WHERE h.direction = 'outbound' AND (h.at AT TIME ZONE cu.time_zone)::date BETWEEN $1::date AND $2::date AND ${SCOPE}
         AND ($5::text IS NULL OR CASE WHEN h.initiator_kind = 'agency' THEN h.initiator_id ELSE '${IN_HOUSE}' END = $5)
       GROUP BY 1, 2
     ),
     complaints AS (
       SELECT ${periodSql(period, 'k.received_on')} AS period, coalesce(k.agency_id, '${IN_HOUSE}') AS agency, count(*)::int AS n
       FROM complaints k JOIN customers cu ON cu.id = k.customer_id LEFT JOIN accounts a ON a.id = k.account_id AND a.customer_id = k.customer_id
       WHERE k.received_on BETWEEN $1::date AND $2::date
         AND ($3::text IS NULL OR a.product_code = $3) AND ($4::text IS NULL OR k.jurisdiction = $4)
         AND ($5::text IS NULL OR coalesce(k.agency_id, '${IN_HOUSE}') = $5)
       GROUP BY 1, 2
     )
     SELECT coalesce(c.period, k.period) AS period, coalesce(c.agency, k.agency) AS agency, coalesce(k.n, 0) AS complaints, coalesce(c.n, 0) AS contacts
     FROM contacts c FULL JOIN complaints k ON k.period = c.period AND k.agency = c.agency`,
    base(f),
  );
  return { period, ...complaintSeries(rows, periodsBetween(f.from, f.to, period)) };
}

// ------------------------------------------------------------------ compliance blocks

/**
 * Contacts blocked by the compliance gate (at planning or at dispatch) with a business date in the
 * window, by the rules that blocked them: the dispatch verdict's when the dispatcher blocked the
 * contact, else the planning verdict's; denying rules and the rules of required actions. A contact
 * the dispatcher blocked for a reason of its own (no template, unregistered sender) has no verdict
 * rule and is counted as 'DISPATCH'.
 */
export async function complianceBlocks(db: Db, f: AnalyticsFilter) {
  const period = f.period ?? 'month';
  const rows = await db.query<BlockRow>(
    `WITH blocked AS (
       SELECT o.id, ${periodSql(period, 'o.business_date')} AS period, cu.jurisdiction, coalesce(o.dispatch_verdict, o.plan_verdict) AS v
       FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id AND a.customer_id = o.customer_id JOIN customers cu ON cu.id = a.customer_id
       WHERE o.status = 'blocked' AND o.business_date BETWEEN $1::date AND $2::date AND ${SCOPE}
         AND ($5::text IS NULL OR CASE WHEN o.initiator_kind = 'agency' THEN o.initiator_id ELSE '${IN_HOUSE}' END = $5)
     ),
     rules AS (
       SELECT b.id, b.period, b.jurisdiction, r.rule FROM blocked b
       CROSS JOIN LATERAL (
         SELECT jsonb_array_elements_text(coalesce(b.v->'denyingRules', '[]'::jsonb)) AS rule
         UNION SELECT x->>'ruleId' FROM jsonb_array_elements(coalesce(b.v->'requiredActions', '[]'::jsonb)) x
       ) r
       UNION ALL
       SELECT b.id, b.period, b.jurisdiction, 'DISPATCH' FROM blocked b
       WHERE jsonb_array_length(coalesce(b.v->'denyingRules', '[]'::jsonb)) = 0 AND jsonb_array_length(coalesce(b.v->'requiredActions', '[]'::jsonb)) = 0
     )
     SELECT period, rule, jurisdiction, count(DISTINCT id)::int AS count FROM rules
     GROUP BY GROUPING SETS ((period, rule, jurisdiction), (period))`,
    base(f),
  );
  return { period, ...blockSummary(rows, periodsBetween(f.from, f.to, period)) };
}

// ------------------------------------------------------------------ filters

/** The products, jurisdictions and agencies present, for the filter bar. */
export async function analyticsFilters(db: Db) {
  const [row] = await db.query<{ products: string[]; jurisdictions: string[]; agencies: Array<{ id: string; name: string }> }>(
    `SELECT coalesce((SELECT array_agg(DISTINCT product_code ORDER BY product_code) FROM accounts), '{}') AS products,
            coalesce((SELECT array_agg(DISTINCT jurisdiction ORDER BY jurisdiction) FROM customers), '{}') AS jurisdictions,
            coalesce((SELECT jsonb_agg(jsonb_build_object('id', id, 'name', name) ORDER BY id) FROM agencies), '[]'::jsonb) AS agencies`,
  );
  return { products: row!.products, jurisdictions: row!.jurisdictions, agencies: row!.agencies, inHouse: IN_HOUSE };
}
