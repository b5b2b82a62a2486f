/**
 * Queries on complaints and disputes. Every complaint read carries its SLA view as of today in the
 * debtor's time zone (sla.rules.ts decides; the SQL only selects).
 */
import type { Db } from '../../platform/db.ts';
import { dateInZone } from '../../platform/dates.ts';
import { slaView, type SlaView } from './sla.rules.ts';
import type { ComplaintCategory, ComplaintChannel, ComplaintStatus, DisputeStatus, OutcomeCode, Remedy } from './complaints.types.ts';

export interface ComplaintRecord {
  id: number;
  customerId: string;
  accountRef: string | null;
  agencyId: string | null;
  jurisdiction: string;
  timeZone: string;
  channel: ComplaintChannel;
  regulatorReference: string | null;
  category: ComplaintCategory;
  summary: string;
  contactReferences: string[];
  status: ComplaintStatus;
  receivedAt: string;
  receivedOn: string;
  slaPolicy: string;
  slaVersion: number;
  acknowledgeBy: string;
  respondBy: string;
  summaryBy: string | null;
  extended: boolean;
  acknowledgedOn: string | null;
  assignee: string | null;
  closedOn: string | null;
  outcome: OutcomeCode | null;
  remedies: Remedy[];
  resolutionNote: string | null;
  disputeId: number | null;
  disputeStatus: DisputeStatus | null;
  reviewId: number | null;
  createdBy: string;
  /** Where the complaint stands against its SLA today (the debtor's date). */
  asOf: string;
  sla: SlaView;
}

const COLUMNS = `c.id, c.customer_id AS "customerId", a.ref AS "accountRef", c.agency_id AS "agencyId", c.jurisdiction, cu.time_zone AS "timeZone", c.channel,
  c.regulator_reference AS "regulatorReference", c.category, c.summary, c.contact_references AS "contactReferences", c.status, c.received_at AS "receivedAt",
  c.received_on AS "receivedOn", c.sla_policy AS "slaPolicy", c.sla_version AS "slaVersion", c.acknowledge_by AS "acknowledgeBy", c.respond_by AS "respondBy",
  c.summary_by AS "summaryBy", c.extended, c.acknowledged_on AS "acknowledgedOn", c.assignee, c.closed_on AS "closedOn", c.outcome, c.remedies,
  c.resolution_note AS "resolutionNote", c.dispute_id AS "disputeId", d.status AS "disputeStatus", c.review_id AS "reviewId", c.created_by AS "createdBy"`;
const FROM = `complaints c JOIN customers cu ON cu.id = c.customer_id LEFT JOIN accounts a ON a.id = c.account_id AND a.customer_id = c.customer_id LEFT JOIN disputes d ON d.id = c.dispute_id`;

/** Today in the complaint's time zone: the business date its SLA is judged on. */
export function todayFor(now: string, timeZone: string): string {
  return dateInZone(now, timeZone);
}

function withSla(r: Omit<ComplaintRecord, 'asOf' | 'sla'>, now: string): ComplaintRecord {
  const asOf = todayFor(now, r.timeZone);
  return { ...r, asOf, sla: slaView(r, asOf) };
}

export async function getComplaint(db: Db, id: number, now: string): Promise<ComplaintRecord | undefined> {
  const [r] = await db.query<Omit<ComplaintRecord, 'asOf' | 'sla'>>(`SELECT ${COLUMNS} FROM ${FROM} WHERE c.id = $1`, [id]);
  return r ? withSla(r, now) : undefined;
}

export interface ComplaintFilter {
  status?: ComplaintStatus | 'open' | 'closed' | undefined;
  category?: ComplaintCategory | undefined;
  channel?: ComplaintChannel | undefined;
  jurisdiction?: string | undefined;
  agencyId?: string | undefined;
  customerId?: string | undefined;
  accountRef?: string | undefined;
  assignee?: string | undefined;
  /** Only open complaints past a deadline today (the same test as SlaView.overdue). */
  overdue?: boolean | undefined;
  receivedFrom?: string | undefined;
  receivedTo?: string | undefined;
  limit: number;
}

/** The most complaints one list returns. */
export const MAX_COMPLAINTS_LISTED = 1_000;

/** Complaints matching the filter, the one whose deadline comes first first (closed ones last, newest first). */
export async function listComplaints(db: Db, now: string, f: ComplaintFilter): Promise<ComplaintRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status === 'open') where.push(`c.status IN ('received', 'acknowledged', 'investigating')`);
  else if (f.status === 'closed') where.push(`c.status IN ('resolved', 'rejected', 'referred')`);
  else if (f.status) add('c.status = ?', f.status);
  if (f.category) add('c.category = ?', f.category);
  if (f.channel) add('c.channel = ?', f.channel);
  if (f.jurisdiction) add('c.jurisdiction = ?', f.jurisdiction);
  if (f.agencyId) add('c.agency_id = ?', f.agencyId);
  if (f.customerId) add('c.customer_id = ?', f.customerId);
  if (f.accountRef) add('a.ref = ?', f.accountRef);
  if (f.assignee) add('c.assignee = ?', f.assignee);
  if (f.receivedFrom) add('c.received_on >= ?::date', f.receivedFrom);
  if (f.receivedTo) add('c.received_on <= ?::date', f.receivedTo);
  if (f.overdue !== undefined) {
    params.push(now);
    const today = `($${params.length}::timestamptz AT TIME ZONE cu.time_zone)::date`;
    const overdue = `(c.status IN ('received', 'acknowledged', 'investigating') AND ((c.acknowledged_on IS NULL AND c.acknowledge_by < ${today}) OR c.respond_by < ${today}))`;
    where.push(f.overdue ? overdue : `NOT ${overdue}`);
  }
  params.push(Math.min(f.limit, MAX_COMPLAINTS_LISTED));
  const rows = await db.query<Omit<ComplaintRecord, 'asOf' | 'sla'>>(
    `SELECT ${COLUMNS} FROM ${FROM} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY c.closed_on IS NOT NULL, CASE WHEN c.closed_on IS NULL THEN CASE WHEN c.acknowledged_on IS NULL THEN least(c.acknowledge_by, c.respond_by) ELSE c.respond_by END END, c.received_at DESC, c.id DESC
     LIMIT $${params.length}`,
    params,
  );
  return rows.map((r) => withSla(r, now));
}

/** Open complaints the SLA board reads at most (beyond this the board says it is truncated). */
export const MAX_OPEN_ON_BOARD = 50_000;

export interface SlaBoard {
  asOf: string;
  byStatus: Record<string, number>;
  open: number;
  overdue: number;
  dueSoon: number;
  overdueAcknowledgements: number;
  byCategory: Array<{ category: string; open: number; overdue: number; dueSoon: number }>;
  byJurisdiction: Array<{ jurisdiction: string; open: number; overdue: number; dueSoon: number }>;
  /** The open complaints that are overdue or due soon, the most urgent first. */
  urgent: ComplaintRecord[];
  truncated: boolean;
}

/** The compliance officers' SLA board: counts by status, and open complaints by how their clocks stand today. */
export async function slaBoard(db: Db, now: string, urgentLimit = 50): Promise<SlaBoard> {
  const statusRows = await db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM complaints GROUP BY status ORDER BY status');
  const open = await listComplaints(db, now, { status: 'open', limit: MAX_OPEN_ON_BOARD });
  const group = (key: (c: ComplaintRecord) => string) => {
    const m = new Map<string, { open: number; overdue: number; dueSoon: number }>();
    for (const c of open) {
      const g = m.get(key(c)) ?? { open: 0, overdue: 0, dueSoon: 0 };
      g.open++;
      if (c.sla.overdue) g.overdue++;
      if (c.sla.dueSoon) g.dueSoon++;
      m.set(key(c), g);
    }
    return [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  };
  const urgent = open.filter((c) => c.sla.overdue || c.sla.dueSoon).sort((a, b) => (a.sla.daysLeft ?? 0) - (b.sla.daysLeft ?? 0) || a.id - b.id);
  return {
    asOf: now,
    byStatus: Object.fromEntries(statusRows.map((r) => [r.status, r.n])),
    open: open.length,
    overdue: open.filter((c) => c.sla.overdue).length,
    dueSoon: open.filter((c) => c.sla.dueSoon).length,
    overdueAcknowledgements: open.filter((c) => c.sla.overdue && c.sla.stage === 'acknowledge').length,
    byCategory: group((c) => c.category).map(([category, g]) => ({ category, ...g })),
    byJurisdiction: group((c) => c.jurisdiction).map(([jurisdiction, g]) => ({ jurisdiction, ...g })),
    urgent: urgent.slice(0, urgentLimit),
    truncated: open.length >= MAX_OPEN_ON_BOARD,
  };
}

/** The regulator report's columns, in order: machine names (en) and the zh-CN headers. */
export const REPORT_COLUMNS = [
  ['complaint_id', '投诉编号'], ['received_on', '受理日期'], ['channel', '投诉渠道'], ['regulator_reference', '监管转办编号'], ['category', '投诉类别'],
  ['jurisdiction', '适用法域'], ['agency_id', '涉及催收机构'], ['status', '处理状态'], ['acknowledge_by', '确认期限'], ['acknowledged_on', '确认日期'],
  ['respond_by', '答复期限'], ['closed_on', '办结日期'], ['outcome', '处理结果'], ['remedies', '补救措施'], ['sla_met', '是否按时办结'], ['days_to_resolve', '办理天数'],
] as const;
export type ReportRow = Record<(typeof REPORT_COLUMNS)[number][0], string | number | null>;

/** The most complaints one report holds. */
export const MAX_REPORT_ROWS = 100_000;

/** One row per complaint received between from and to (inclusive). `sla_met` is yes/no once known, `open` while a clock still runs. */
export async function regulatorReport(db: Db, now: string, from: string, to: string): Promise<ReportRow[]> {
  const rows = await listComplaints(db, now, { receivedFrom: from, receivedTo: to, limit: MAX_REPORT_ROWS });
  return rows.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id).map((c) => ({
    complaint_id: c.id, received_on: c.receivedOn, channel: c.channel, regulator_reference: c.regulatorReference, category: c.category, jurisdiction: c.jurisdiction,
    agency_id: c.agencyId, status: c.status, acknowledge_by: c.acknowledgeBy, acknowledged_on: c.acknowledgedOn, respond_by: c.respondBy, closed_on: c.closedOn,
    outcome: c.outcome, remedies: c.remedies.join(';'), sla_met: c.sla.slaMet === null ? 'open' : c.sla.slaMet ? 'yes' : 'no', days_to_resolve: c.sla.daysToResolve,
  }));
}

/** A CSV cell; free text that a spreadsheet would read as a formula (=, +, -, @ first) is prefixed with an apostrophe. */
function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** RFC 4180 CSV (CRLF line ends), en machine headers; with zh-CN headers a second header row in Chinese follows. */
export function reportCsv(rows: readonly ReportRow[], zhHeaders = false): string {
  const lines = [REPORT_COLUMNS.map(([k]) => k).join(',')];
  if (zhHeaders) lines.push(REPORT_COLUMNS.map(([, zh]) => zh).join(','));
  for (const r of rows) lines.push(REPORT_COLUMNS.map(([k]) => csvCell(r[k])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export interface DisputeRecord {
  id: number;
  accountRef: string;
  customerId: string;
  status: DisputeStatus;
  reason: string;
  openedAt: string;
  openedBy: string | null;
  closedAt: string | null;
  updatedAt: string | null;
  note: string | null;
  complaintId: number | null;
}

const DISPUTE_COLUMNS = `d.id, a.ref AS "accountRef", d.customer_id AS "customerId", d.status, d.reason, d.opened_at AS "openedAt", d.opened_by AS "openedBy",
  d.closed_at AS "closedAt", d.updated_at AS "updatedAt", d.note, d.complaint_id AS "complaintId"`;

export async function getDispute(db: Db, id: number): Promise<DisputeRecord | undefined> {
  const [r] = await db.query<DisputeRecord>(`SELECT ${DISPUTE_COLUMNS} FROM disputes d JOIN accounts a ON a.id = d.account_id AND a.customer_id = d.customer_id WHERE d.id = $1`, [id]);
  return r;
}

export async function listDisputes(db: Db, f: { status?: DisputeStatus | 'active' | undefined; customerId?: string | undefined; accountRef?: string | undefined; limit: number }): Promise<DisputeRecord[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.status === 'active') where.push(`d.status IN ('open', 'pending', 'verification_sent', 'verified')`);
  else if (f.status) add('d.status = ?', f.status);
  if (f.customerId) add('d.customer_id = ?', f.customerId);
  if (f.accountRef) add('a.ref = ?', f.accountRef);
  params.push(Math.min(f.limit, MAX_COMPLAINTS_LISTED));
  return db.query<DisputeRecord>(
    `SELECT ${DISPUTE_COLUMNS} FROM disputes d JOIN accounts a ON a.id = d.account_id AND a.customer_id = d.customer_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY d.opened_at DESC, d.id DESC LIMIT $${params.length}`,
    params,
  );
}
