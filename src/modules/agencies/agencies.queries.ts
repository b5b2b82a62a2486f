/**
 * Read models. Agency users' reads (placedAccounts, placedAccount, placedAccountContacts) run only
 * through withAgencyScope and name only the agency_*_v views: no agency id is passed to them, the
 * scope carries it. Lender-side reads: the commission statement of a month and the scorecard.
 */
import type { Db } from '../../platform/db.ts';
import { addDays } from '../../platform/dates.ts';
import { AppError } from '../../platform/errors.ts';
import { commissionStatement, complaintsPer10k, recoveryRateBp, type StatementLine } from './agencies.rules.ts';
import type { QaScoreSource } from './agencies.commands.ts';
import { agencyComplaints, agencyContactCount, getAgency, placementsWithRecoveries } from './agencies.store.ts';
import { RECALL_REASONS, type Commission, type RecallReason } from './agencies.types.ts';
import { withAgencyScope } from './agencies.scope.ts';

/** Most accounts one agency list returns. */
export const MAX_AGENCY_ACCOUNTS_LISTED = 500;
/** Most contact history rows one account's list returns. */
export const MAX_AGENCY_CONTACTS_LISTED = 500;

export interface PlacedAccount {
  accountRef: string;
  productCode: string;
  currency: string;
  placedOn: string;
  recallDueOn: string;
  closedThrough: string;
  dpd: number;
  bucket: string;
  overdueMinor: number;
  outstandingMinor: number;
  customerName: string;
  region: string | null;
}

const ACCOUNT_SELECT = `SELECT v.ref AS "accountRef", v.product_code AS "productCode", v.currency, v.placed_on::text AS "placedOn", v.recall_due_on::text AS "recallDueOn",
  v.closed_through::text AS "closedThrough", v.dpd, v.bucket, v.overdue_minor AS "overdueMinor", v.outstanding_minor AS "outstandingMinor",
  c.name AS "customerName", c.region
  FROM agency_accounts_v v JOIN agency_customers_v c ON c.customer_id = v.customer_id`;

/** The accounts placed with the agency now, latest placement first. */
export function placedAccounts(db: Db, agencyId: string, o: { bucket?: string | undefined } = {}): Promise<PlacedAccount[]> {
  return withAgencyScope(db, agencyId, (tx) =>
    tx.query<PlacedAccount>(`${ACCOUNT_SELECT} WHERE ($1::text IS NULL OR v.bucket = $1) ORDER BY v.placed_on DESC, v.ref LIMIT $2`, [o.bucket ?? null, MAX_AGENCY_ACCOUNTS_LISTED]),
  );
}

export interface PlacedAccountDetail extends PlacedAccount {
  owed: { principalMinor: number; interestMinor: number; penaltyMinor: number; feesMinor: number; creditMinor: number };
  customer: { name: string; idNumberMasked: string | null; region: string | null; phones: string[]; language: string; timeZone: string; jurisdiction: string };
  dueItems: Array<{ seq: number; kind: string; dueOn: string; principalOwedMinor: number; interestOwedMinor: number; penaltyOwedMinor: number; feesOwedMinor: number; settledOn: string | null }>;
}

function missing(ref: string): AppError {
  return new AppError('NOT_FOUND', `accountRef: no account '${ref}' is placed with your agency`, { issues: [{ path: 'accountRef', message: 'not placed with your agency' }] });
}

/** One placed account with its masked customer and what is owed item by item; NOT_FOUND when not placed with the agency. */
export function placedAccount(db: Db, agencyId: string, ref: string): Promise<PlacedAccountDetail> {
  return withAgencyScope(db, agencyId, async (tx) => {
    const [row] = await tx.query<PlacedAccount & { accountId: number; customerId: string; principalMinor: number; interestMinor: number; penaltyMinor: number; feesMinor: number; creditMinor: number }>(
      `SELECT v.account_id AS "accountId", v.customer_id AS "customerId", v.principal_minor AS "principalMinor", v.interest_minor AS "interestMinor", v.penalty_minor AS "penaltyMinor",
              v.fees_minor AS "feesMinor", v.credit_minor AS "creditMinor", s.*
       FROM agency_accounts_v v JOIN (${ACCOUNT_SELECT}) s ON s."accountRef" = v.ref WHERE v.ref = $1`,
      [ref],
    );
    if (!row) throw missing(ref);
    const [customer] = await tx.query<PlacedAccountDetail['customer']>(
      `SELECT name, id_number_masked AS "idNumberMasked", region, phones, language, time_zone AS "timeZone", jurisdiction FROM agency_customers_v WHERE customer_id = $1`,
      [row.customerId],
    );
    const dueItems = await tx.query<PlacedAccountDetail['dueItems'][number]>(
      `SELECT seq, kind, due_on::text AS "dueOn", principal_due_minor - principal_paid_minor AS "principalOwedMinor", interest_charged_minor - interest_paid_minor AS "interestOwedMinor",
              penalty_charged_minor - penalty_paid_minor AS "penaltyOwedMinor", fees_charged_minor - fees_paid_minor AS "feesOwedMinor", settled_on::text AS "settledOn"
       FROM agency_due_items_v WHERE account_id = $1 AND due_on <= $2::date + 1 ORDER BY seq`,
      [row.accountId, row.closedThrough],
    );
    const { accountId: _a, customerId: _c, principalMinor, interestMinor, penaltyMinor, feesMinor, creditMinor, ...account } = row;
    return { ...account, owed: { principalMinor, interestMinor, penaltyMinor, feesMinor, creditMinor }, customer: customer!, dueItems };
  });
}

export interface AgencyContactRow {
  at: string;
  channel: string;
  direction: string;
  recipientRole: string;
  outcome: string;
  initiatorKind: string;
  initiatorId: string;
  contactPoint: string | null;
  collectorId: string | null;
}

/** The contact history of a placed account, newest first; NOT_FOUND when not placed with the agency. */
export function placedAccountContacts(db: Db, agencyId: string, ref: string): Promise<AgencyContactRow[]> {
  return withAgencyScope(db, agencyId, async (tx) => {
    const [acct] = await tx.query<{ id: number }>('SELECT account_id AS id FROM agency_accounts_v WHERE ref = $1', [ref]);
    if (!acct) throw missing(ref);
    return tx.query<AgencyContactRow>(
      `SELECT at, channel, direction, recipient_role AS "recipientRole", outcome, initiator_kind AS "initiatorKind", initiator_id AS "initiatorId",
              contact_point AS "contactPoint", collector_id AS "collectorId"
       FROM agency_contacts_v WHERE account_id = $1 ORDER BY at DESC, id DESC LIMIT $2`,
      [acct.id, MAX_AGENCY_CONTACTS_LISTED],
    );
  });
}

/** Whether the account is placed with the agency now, asked through the agency's scope. */
export async function isPlacedWith(db: Db, agencyId: string, ref: string): Promise<boolean> {
  return withAgencyScope(db, agencyId, async (tx) => (await tx.query('SELECT 1 FROM agency_accounts_v WHERE ref = $1', [ref])).length > 0);
}

function monthBounds(month: string): { from: string; to: string } {
  const from = `${month}-01`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from, to: addDays(next, -1) };
}

export interface CommissionStatement {
  agencyId: string;
  month: string;
  period: { from: string; to: string };
  basis: Commission['basis'];
  currency: string;
  placements: number;
  baseMinor: number;
  recoveredMinor: number;
  recoveryRateBp: number;
  commissionMinor: number;
  lines: StatementLine[];
}

/**
 * The commission statement of an agency for a calendar month: payments received (by value date, in
 * the month) on its accounts while placed with it, at the rate of the agency's commission tiers,
 * rounded half up per line. Computed from the ledger's facts when asked, so a late payment dated in
 * the month appears on the statement asked for after it arrived.
 */
export async function commissionStatementFor(db: Db, agencyId: string, month: string): Promise<CommissionStatement> {
  const agency = await getAgency(db, agencyId);
  if (!agency) throw new AppError('NOT_FOUND', `agencyId: no agency '${agencyId}'`, { issues: [{ path: 'agencyId', message: 'no such agency' }] });
  const period = monthBounds(month);
  const rows = await placementsWithRecoveries(db, agencyId, period.from, period.to);
  const base = rows.reduce((s, r) => s + r.balanceAtPlacementMinor, 0);
  const st = commissionStatement(agency.commission, rows, base);
  const [cur] = await db.query<{ currency: string }>(
    `SELECT min(a.currency) AS currency FROM agency_placements p JOIN accounts a ON a.id = p.account_id AND a.customer_id = p.customer_id WHERE p.agency_id = $1`,
    [agencyId],
  );
  return {
    agencyId, month, period, basis: agency.commission.basis, currency: cur?.currency ?? 'CNY', placements: rows.length, baseMinor: base,
    recoveredMinor: st.recoveredMinor, recoveryRateBp: st.recoveryRateBp, commissionMinor: st.commissionMinor, lines: st.lines,
  };
}

export interface Scorecard {
  agencyId: string;
  period: { from: string; to: string };
  placedAccounts: number;
  newPlacements: number;
  baseMinor: number;
  recoveredMinor: number;
  recoveryRateBp: number;
  contacts: number;
  complaints: number;
  complaintsByCategory: Record<string, number>;
  /** Complaints per 10,000 contacts, rounded down; null when there were complaints and no contacts. */
  complaintsPer10k: number | null;
  qaScore: number | null;
  recalls: Record<RecallReason, number>;
}

/** An agency's performance over [from, to]. */
export async function agencyScorecard(db: Db, agencyId: string, period: { from: string; to: string }, deps: { qaScores?: QaScoreSource } = {}): Promise<Scorecard> {
  const agency = await getAgency(db, agencyId);
  if (!agency) throw new AppError('NOT_FOUND', `id: no agency '${agencyId}'`, { issues: [{ path: 'id', message: 'no such agency' }] });
  const rows = await placementsWithRecoveries(db, agencyId, period.from, period.to);
  const base = rows.reduce((s, r) => s + r.balanceAtPlacementMinor, 0);
  const recovered = rows.reduce((s, r) => s + r.recoveredMinor, 0);
  const contacts = await agencyContactCount(db, agencyId, period.from, period.to);
  const complaints = await agencyComplaints(db, agencyId, period.from, period.to);
  const rate = complaintsPer10k(complaints.count, contacts);
  const qa = deps.qaScores ? (await deps.qaScores(db, period)).find((q) => q.agencyId === agencyId)?.averageScore ?? null : null;
  const recalls = Object.fromEntries(RECALL_REASONS.map((r) => [r, 0])) as Record<RecallReason, number>;
  for (const r of rows) if (r.endReason && r.endedOn! <= period.to) recalls[r.endReason]++;
  return {
    agencyId, period, placedAccounts: rows.length, newPlacements: rows.filter((r) => r.placedOn >= period.from).length, baseMinor: base, recoveredMinor: recovered,
    recoveryRateBp: recoveryRateBp(recovered, base), contacts, complaints: complaints.count, complaintsByCategory: complaints.byCategory,
    complaintsPer10k: Number.isFinite(rate) ? rate : null, qaScore: qa, recalls,
  };
}
