/**
 * Queries for concessions (plans, deferrals, waivers, settlements), agreements, policies and payment
 * assessments — this module's own tables — and the read of an account as the rules see it.
 */
import type { Db } from '../../platform/db.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { findAccount, loadItemViews } from '../ledger/index.ts';
import type { AccountView } from './plans.rules.ts';
import type { NegotiationPolicy } from './policy.types.ts';
import { DEFAULT_POLICIES, defaultPolicyFor } from './policy.defaults.ts';

export const CONCESSION_KINDS = ['plan', 'deferral', 'waiver', 'settlement'] as const;
export type ConcessionKind = (typeof CONCESSION_KINDS)[number];
export const CONCESSION_STATUSES = ['pending_approval', 'active', 'completed', 'broken', 'rejected', 'expired'] as const;
export type ConcessionStatus = (typeof CONCESSION_STATUSES)[number];
export const CONCESSION_SOURCES = ['collector', 'portal', 'cli', 'api'] as const;
export type ConcessionSource = (typeof CONCESSION_SOURCES)[number];

export interface ConcessionRecord {
  id: number;
  accountId: number;
  accountRef: string;
  customerId: string;
  kind: ConcessionKind;
  status: ConcessionStatus;
  policyCode: string;
  policyVersion: number;
  requestedOn: string;
  effectiveOn: string | null;
  currency: string;
  concessionMinor: number;
  terms: Record<string, unknown>;
  reason: string;
  oneTimeFlag: string | null;
  source: ConcessionSource;
  maker: string;
  makerRole: string;
  checker: string | null;
  checkerRole: string | null;
  decisionNote: string | null;
  requestedAt: string;
  slaDueAt: string | null;
  decidedAt: string | null;
  endedOn: string | null;
}

const COLUMNS = `c.id, c.account_id AS "accountId", a.ref AS "accountRef", c.customer_id AS "customerId", c.kind, c.status, c.policy_code AS "policyCode",
  c.policy_version AS "policyVersion", c.requested_on AS "requestedOn", c.effective_on AS "effectiveOn", c.currency, c.concession_minor AS "concessionMinor",
  c.terms, c.reason, c.one_time_flag AS "oneTimeFlag", c.source, c.maker, c.maker_role AS "makerRole", c.checker, c.checker_role AS "checkerRole",
  c.decision_note AS "decisionNote", c.requested_at AS "requestedAt", c.sla_due_at AS "slaDueAt", c.decided_at AS "decidedAt", c.ended_on AS "endedOn"`;

/** Saves the shipped policies as version rows when they are not there yet. */
export async function ensureDefaultPolicies(db: Db, now: string): Promise<void> {
  for (const p of DEFAULT_POLICIES) {
    await db.query(
      `INSERT INTO negotiation_policies (code, version, jurisdiction, policy, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code, version) DO NOTHING`,
      [p.code, p.version, p.jurisdiction, canonicalJson(p), now],
    );
  }
}

/** The policy in force for a jurisdiction: its latest stored version, or the shipped default. */
export async function policyFor(db: Db, jurisdiction: string): Promise<NegotiationPolicy> {
  const fallback = defaultPolicyFor(jurisdiction);
  const [row] = await db.query<{ policy: NegotiationPolicy }>(
    'SELECT policy FROM negotiation_policies WHERE code = $1 ORDER BY version DESC LIMIT 1',
    [fallback.code],
  );
  return row?.policy ?? fallback;
}

export interface LoadedAccount {
  view: AccountView;
  accountId: number;
  accountRef: string;
  customerId: string;
  jurisdiction: string;
  language: 'zh-CN' | 'en';
  customerName: string;
  productName: { 'zh-CN': string; en: string };
}

/** The account as the rules see it on its open business date; `lock` holds its projection row. */
export async function loadAccountView(tx: Db, accountRef: string, lock: boolean): Promise<LoadedAccount | undefined> {
  const head = await findAccount(tx, accountRef, lock);
  if (!head) return undefined;
  const [s] = await tx.query<{ today: string; bucket: string; dpd: number; principal_minor: number; principal_date_weight: number; cost_charged_minor: number; balance_minor: number; jurisdiction: string; language: string; name: string }>(
    `SELECT (s.closed_through + 1)::text AS today, s.bucket, coalesce(s.closed_through - s.delinquent_since, 0) AS dpd,
            s.principal_minor, s.principal_date_weight, s.cost_charged_minor,
            (s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor)::bigint AS balance_minor,
            c.jurisdiction, c.language, c.name
     FROM account_state s JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id JOIN customers c ON c.id = a.customer_id WHERE s.account_id = $1`,
    [head.id],
  );
  const items = await loadItemViews(tx, head.id);
  const open = await tx.query<{ id: number; kind: string; status: string }>(
    `SELECT id, kind, status FROM concessions WHERE account_id = $1 AND kind IN ('plan', 'deferral', 'settlement') AND status IN ('active', 'pending_approval') ORDER BY id`,
    [head.id],
  );
  const [last] = await tx.query<{ d: string | null }>(`SELECT max(effective_on)::text AS d FROM concessions WHERE account_id = $1 AND kind = 'deferral' AND status IN ('active', 'completed', 'broken')`, [head.id]);
  const flags = await tx.query<{ f: string }>(
    `SELECT DISTINCT one_time_flag AS f FROM concessions WHERE customer_id = $1 AND one_time_flag IS NOT NULL AND status IN ('pending_approval', 'active', 'completed', 'broken')`,
    [head.customer_id],
  );
  const view: AccountView = {
    today: s!.today, productCode: head.product_code, productKind: head.kind, bucket: s!.bucket, dpd: s!.dpd, currency: head.currency,
    costCapAnnualBp: head.terms.costCapAnnualBp, principalMinor: s!.principal_minor, principalDateWeight: s!.principal_date_weight,
    costChargedMinor: s!.cost_charged_minor, balanceMinor: s!.balance_minor,
    items: items.map((i) => ({ ...i })), openRestructures: open, lastDeferralOn: last?.d ?? null, usedOneTimeFlags: flags.map((f) => f.f),
  };
  return {
    view, accountId: head.id, accountRef: head.ref, customerId: head.customer_id, jurisdiction: s!.jurisdiction,
    language: s!.language === 'en' ? 'en' : 'zh-CN', customerName: s!.name, productName: head.terms.name,
  };
}

export async function insertConcession(
  tx: Db,
  c: Omit<ConcessionRecord, 'id' | 'accountRef' | 'checker' | 'checkerRole' | 'decisionNote' | 'decidedAt' | 'endedOn'> & { checker?: string | null; checkerRole?: string | null; decidedAt?: string | null },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO concessions (account_id, customer_id, kind, status, policy_code, policy_version, requested_on, effective_on, currency, concession_minor, terms, reason,
                              one_time_flag, source, maker, maker_role, checker, checker_role, requested_at, sla_due_at, decided_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21) RETURNING id`,
    [
      c.accountId, c.customerId, c.kind, c.status, c.policyCode, c.policyVersion, c.requestedOn, c.effectiveOn, c.currency, c.concessionMinor, JSON.stringify(c.terms), c.reason,
      c.oneTimeFlag, c.source, c.maker, c.makerRole, c.checker ?? null, c.checkerRole ?? null, c.requestedAt, c.slaDueAt, c.decidedAt ?? null,
    ],
  );
  return row!.id;
}

export async function getConcession(db: Db, id: number, lock = false): Promise<ConcessionRecord | undefined> {
  const [row] = await db.query<ConcessionRecord>(`SELECT ${COLUMNS} FROM concessions c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id WHERE c.id = $1 ${lock ? 'FOR UPDATE OF c' : ''}`, [id]);
  return row;
}

export async function listConcessions(db: Db, accountId: number): Promise<ConcessionRecord[]> {
  return db.query<ConcessionRecord>(`SELECT ${COLUMNS} FROM concessions c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id WHERE c.account_id = $1 ORDER BY c.id DESC`, [accountId]);
}

/** A customer's concessions on all their accounts, newest first (the debtor's "my requests"). */
export async function listCustomerConcessions(db: Db, customerId: string, limit: number): Promise<ConcessionRecord[]> {
  return db.query<ConcessionRecord>(`SELECT ${COLUMNS} FROM concessions c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id WHERE c.customer_id = $1 ORDER BY c.id DESC LIMIT $2`, [customerId, limit]);
}

/** Pending requests, the one whose SLA ends first first. */
export async function listPending(db: Db, limit: number): Promise<ConcessionRecord[]> {
  return db.query<ConcessionRecord>(
    `SELECT ${COLUMNS} FROM concessions c JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id WHERE c.status = 'pending_approval' ORDER BY c.sla_due_at, c.id LIMIT $1`,
    [limit],
  );
}

export async function saveAgreement(tx: Db, concessionId: number, language: 'zh-CN' | 'en', sha256: string, pdf: Buffer, now: string): Promise<void> {
  await tx.query(
    `INSERT INTO agreements (concession_id, customer_id, language, sha256, pdf, created_at)
     SELECT c.id, c.customer_id, $2, $3, $4, $5 FROM concessions c WHERE c.id = $1
     ON CONFLICT (concession_id, language, customer_id) DO UPDATE SET sha256 = EXCLUDED.sha256, pdf = EXCLUDED.pdf, created_at = EXCLUDED.created_at`,
    [concessionId, language, sha256, pdf, now],
  );
}

export async function getAgreement(db: Db, concessionId: number, language: 'zh-CN' | 'en'): Promise<{ sha256: string; pdf: Buffer } | undefined> {
  const [row] = await db.query<{ sha256: string; pdf: Buffer | Uint8Array }>('SELECT sha256, pdf FROM agreements WHERE concession_id = $1 AND language = $2', [concessionId, language]);
  return row ? { sha256: row.sha256, pdf: Buffer.from(row.pdf) } : undefined;
}
