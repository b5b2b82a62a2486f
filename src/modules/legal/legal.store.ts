/**
 * Queries on the legal module's tables (policies, cases, their events, evidence and costs), and the
 * read of what the referral criteria need about an account: its figures (ledger projection), contact
 * attempts (contact history), open disputes and complaints, the debtor's statuses and running
 * concessions — read-only joins to the tables of the modules that own them.
 */
import type { Db } from '../../platform/db.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { AppError } from '../../platform/errors.ts';
import type { Currency } from '../../platform/money.ts';
import type { CaseStatus, LegalPolicy } from './legal.types.ts';
import { DEFAULT_LEGAL_POLICIES, defaultLegalPolicyFor } from './policy.defaults.ts';
import type { ReferralFacts } from './legal.rules.ts';

/** Dispute statuses that are still open (as the contacts gate reads them). */
const OPEN_DISPUTES = ['open', 'pending', 'verification_sent'];
/** Complaint statuses that are still open. */
const OPEN_COMPLAINTS = ['received', 'acknowledged', 'investigating'];
/** Case statuses after which an account may be referred again. */
export const FINISHED: readonly CaseStatus[] = ['rejected', 'closed'];

/** Saves the shipped policies as version rows when they are not there yet. */
export async function ensureDefaultLegalPolicies(db: Db, now: string): Promise<void> {
  for (const p of DEFAULT_LEGAL_POLICIES) await insertPolicy(db, p, now);
}

export async function insertPolicy(db: Db, p: LegalPolicy, now: string): Promise<boolean> {
  const rows = await db.query(
    'INSERT INTO legal_policies (code, version, jurisdiction, policy, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code, version) DO NOTHING RETURNING 1',
    [p.code, p.version, p.jurisdiction, canonicalJson(p), now],
  );
  return rows.length > 0;
}

/** The policy in force for a jurisdiction: its latest stored version, else the shipped default; none → a 409 naming the jurisdiction. */
export async function legalPolicyFor(db: Db, jurisdiction: string): Promise<LegalPolicy> {
  const [row] = await db.query<{ policy: LegalPolicy }>(
    'SELECT policy FROM legal_policies WHERE jurisdiction = $1 ORDER BY created_at DESC, version DESC LIMIT 1',
    [jurisdiction],
  );
  const p = row?.policy ?? defaultLegalPolicyFor(jurisdiction);
  if (!p) throw new AppError('CONFLICT', `accountRef: there is no legal policy for the jurisdiction ${jurisdiction}`, { issues: [{ path: 'accountRef', message: `no legal policy for ${jurisdiction}` }] });
  return p;
}

export interface AccountFacts {
  accountId: number;
  accountRef: string;
  customerId: string;
  jurisdiction: string;
  /** The open business date (closed through + 1). */
  today: string;
  costCapAnnualBp: number | null;
  principalMinor: number;
  principalDateWeight: number;
  costChargedMinor: number;
  facts: ReferralFacts;
}

/** What the referral criteria read about an account on its open business date; `lock` holds its projection row. */
export async function loadAccountFacts(tx: Db, accountRef: string, lock: boolean): Promise<AccountFacts | undefined> {
  const [a] = await tx.query<{
    id: number; ref: string; customer_id: string; jurisdiction: string; currency: Currency; today: string; dpd: number; balance_minor: number;
    principal_minor: number; principal_date_weight: number; cost_charged_minor: number; cost_cap: number | null; statuses: string[] | null;
  }>(
    `SELECT a.id, a.ref, a.customer_id, c.jurisdiction, a.currency, (s.closed_through + 1)::text AS today,
            coalesce(s.closed_through - s.delinquent_since, 0) AS dpd,
            (s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor)::bigint AS balance_minor,
            s.principal_minor, s.principal_date_weight, s.cost_charged_minor, (p.terms->>'costCapAnnualBp')::int AS cost_cap, cp.statuses
     FROM accounts a JOIN account_state s ON s.account_id = a.id AND s.customer_id = a.customer_id JOIN customers c ON c.id = a.customer_id
     JOIN products p ON p.code = a.product_code AND p.version = a.product_version
     LEFT JOIN contact_preferences cp ON cp.customer_id = a.customer_id
     WHERE a.ref = $1 ${lock ? 'FOR UPDATE OF s' : ''}`,
    [accountRef],
  );
  if (!a) return undefined;
  const [n] = await tx.query<{ attempts: number; rpc: number; disputes: number; complaints: number; open_case: number | null }>(
    `SELECT (SELECT count(*) FROM contact_history h WHERE h.account_id = $1 AND h.direction = 'outbound')::int AS attempts,
            (SELECT count(*) FROM contact_history h WHERE h.account_id = $1 AND h.recipient_role = 'debtor'
               AND (h.direction = 'inbound' OR h.outcome = 'connected'))::int AS rpc,
            (SELECT count(*) FROM disputes d WHERE d.account_id = $1 AND d.status = ANY($3::text[]))::int AS disputes,
            (SELECT count(*) FROM complaints k WHERE (k.account_id = $1 OR (k.account_id IS NULL AND k.customer_id = $2)) AND k.status = ANY($4::text[]))::int AS complaints,
            (SELECT max(l.id) FROM legal_cases l WHERE l.account_id = $1 AND l.status <> ALL($5::text[])) AS open_case`,
    [a.id, a.customer_id, OPEN_DISPUTES, OPEN_COMPLAINTS, FINISHED],
  );
  const plans = await tx.query<{ id: number; kind: string }>(
    `SELECT id, kind FROM concessions WHERE account_id = $1 AND kind IN ('plan', 'deferral', 'settlement') AND status IN ('active', 'pending_approval') ORDER BY id`,
    [a.id],
  );
  return {
    accountId: a.id, accountRef: a.ref, customerId: a.customer_id, jurisdiction: a.jurisdiction, today: a.today, costCapAnnualBp: a.cost_cap,
    principalMinor: a.principal_minor, principalDateWeight: a.principal_date_weight, costChargedMinor: a.cost_charged_minor,
    facts: {
      currency: a.currency, dpd: a.dpd, balanceMinor: a.balance_minor, contactAttempts: n!.attempts, rightPartyContacts: n!.rpc,
      openDisputes: n!.disputes, openComplaints: n!.complaints, statuses: a.statuses ?? [], activePlans: plans, openCaseId: n!.open_case,
    },
  };
}

export interface LegalCase {
  id: number;
  accountId: number;
  accountRef: string;
  customerId: string;
  status: CaseStatus;
  policyCode: string;
  policyVersion: number;
  currency: string;
  claimMinor: number;
  referredOn: string;
  eligibility: unknown;
  reason: string;
  source: string;
  maker: string;
  makerRole: string;
  checker: string | null;
  checkerRole: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  court: string | null;
  courtCaseNumber: string | null;
  filedOn: string | null;
  hearingOn: string | null;
  judgmentOn: string | null;
  judgmentMinor: number | null;
  costsAwarded: boolean;
  closedOn: string | null;
  closeReason: string | null;
  contactsPaused: boolean;
  /** What the hold covers while contacts are paused: automated contacts or all. */
  contactsHold: 'automated' | 'all' | null;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `l.id, l.account_id AS "accountId", a.ref AS "accountRef", l.customer_id AS "customerId", l.status, l.policy_code AS "policyCode",
  l.policy_version AS "policyVersion", l.currency, l.claim_minor AS "claimMinor", l.referred_on AS "referredOn", l.eligibility, l.reason, l.source,
  l.maker, l.maker_role AS "makerRole", l.checker, l.checker_role AS "checkerRole", l.decision_note AS "decisionNote", l.decided_at AS "decidedAt",
  l.court, l.court_case_number AS "courtCaseNumber", l.filed_on AS "filedOn", l.hearing_on AS "hearingOn", l.judgment_on AS "judgmentOn",
  l.judgment_minor AS "judgmentMinor", l.costs_awarded AS "costsAwarded", l.closed_on AS "closedOn", l.close_reason AS "closeReason",
  l.contacts_hold IS NOT NULL AS "contactsPaused", l.contacts_hold AS "contactsHold", l.created_at AS "createdAt", l.updated_at AS "updatedAt"`;

export async function insertCase(
  tx: Db,
  c: { accountId: number; customerId: string; policy: LegalPolicy; currency: string; claimMinor: number; referredOn: string; eligibility: unknown; reason: string; source: string; maker: string; makerRole: string; now: string },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO legal_cases (account_id, customer_id, status, policy_code, policy_version, currency, claim_minor, referred_on, eligibility, reason, source, maker, maker_role, created_at, updated_at)
     VALUES ($1, $2, 'proposed', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) RETURNING id`,
    [c.accountId, c.customerId, c.policy.code, c.policy.version, c.currency, c.claimMinor, c.referredOn, JSON.stringify(c.eligibility), c.reason, c.source, c.maker, c.makerRole, c.now],
  );
  return row!.id;
}

export async function getCase(db: Db, id: number, lock = false): Promise<LegalCase | undefined> {
  const [row] = await db.query<LegalCase>(`SELECT ${COLUMNS} FROM legal_cases l JOIN accounts a ON a.id = l.account_id AND a.customer_id = l.customer_id WHERE l.id = $1 ${lock ? 'FOR UPDATE OF l' : ''}`, [id]);
  return row;
}

/** The most cases listed at once. */
export const MAX_CASES_LISTED = 500;

export async function listCases(db: Db, f: { status?: CaseStatus | undefined; accountRef?: string | undefined; limit: number }): Promise<LegalCase[]> {
  return db.query<LegalCase>(
    `SELECT ${COLUMNS} FROM legal_cases l JOIN accounts a ON a.id = l.account_id AND a.customer_id = l.customer_id
     WHERE ($1::text IS NULL OR l.status = $1) AND ($2::text IS NULL OR a.ref = $2) ORDER BY l.id DESC LIMIT $3`,
    [f.status ?? null, f.accountRef ?? null, Math.min(f.limit, MAX_CASES_LISTED)],
  );
}

export async function insertEvent(tx: Db, e: { caseId: number; from: CaseStatus | null; to: CaseStatus; onDate: string; details: Record<string, unknown>; actor: string; at: string }): Promise<void> {
  await tx.query(
    `INSERT INTO legal_case_events (case_id, customer_id, from_status, to_status, on_date, details, actor, at)
     SELECT c.id, c.customer_id, $2, $3, $4, $5, $6, $7 FROM legal_cases c WHERE c.id = $1`,
    [e.caseId, e.from, e.to, e.onDate, JSON.stringify(e.details), e.actor, e.at],
  );
}

export async function lastEventOn(tx: Db, caseId: number): Promise<string> {
  const [r] = await tx.query<{ d: string }>('SELECT max(on_date)::text AS d FROM legal_case_events WHERE case_id = $1', [caseId]);
  return r!.d;
}

export async function caseDetail(db: Db, id: number) {
  const c = await getCase(db, id);
  if (!c) return undefined;
  const events = await db.query<{ from: string | null; to: string; onDate: string; details: unknown; actor: string; at: string }>(
    'SELECT from_status AS "from", to_status AS "to", on_date AS "onDate", details, actor, at FROM legal_case_events WHERE case_id = $1 ORDER BY id',
    [id],
  );
  const evidence = await db.query<{ id: number; stage: string; sha256: string; sizeBytes: number; manifest: unknown; actor: string; at: string }>(
    'SELECT id, stage, sha256, size_bytes AS "sizeBytes", manifest, actor, at FROM legal_evidence WHERE case_id = $1 ORDER BY id',
    [id],
  );
  const costs = await listCosts(db, id);
  return { ...c, events, evidence, costs };
}

export interface LegalCostRow {
  id: number;
  costType: string;
  incurredOn: string;
  postedOn: string;
  currency: string;
  amountMinor: number;
  chargedMinor: number;
  cappedMinor: number;
  lenderExpenseMinor: number;
  itemSeq: number | null;
  policyCode: string;
  policyVersion: number;
  decision: unknown;
  description: string;
  actor: string;
  at: string;
}

export async function listCosts(db: Db, caseId: number): Promise<LegalCostRow[]> {
  return db.query<LegalCostRow>(
    `SELECT id, cost_type AS "costType", incurred_on AS "incurredOn", posted_on AS "postedOn", currency, amount_minor AS "amountMinor", charged_minor AS "chargedMinor",
            capped_minor AS "cappedMinor", lender_expense_minor AS "lenderExpenseMinor", item_seq AS "itemSeq", policy_code AS "policyCode", policy_version AS "policyVersion",
            decision, description, actor, at
     FROM legal_costs WHERE case_id = $1 ORDER BY id`,
    [caseId],
  );
}

/** What the debtor already bears of a cost type on a case. */
export async function chargedSoFar(tx: Db, caseId: number, costType: string): Promise<number> {
  const [r] = await tx.query<{ s: number }>('SELECT coalesce(sum(charged_minor), 0)::bigint AS s FROM legal_costs WHERE case_id = $1 AND cost_type = $2', [caseId, costType]);
  return r!.s;
}
