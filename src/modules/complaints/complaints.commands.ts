/**
 * Complaints and disputes use cases, each one command (transaction + idempotency key + audit):
 * intake from staff and from the debtor portal, acknowledge, assign, extend, close; open a dispute
 * (which holds collection on the debt) and move it through verification to its end.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand, type CommandOutcome } from '../../platform/commands.ts';
import { AppError, invalidField, parseInput as parse } from '../../platform/errors.ts';
import { loadHolidayCalendar } from '../compliance/index.ts';
import { openComplaintReview } from '../quality/index.ts';
import {
  attributesAgency, checkResolution, disputeActionForOutcome, disputeHoldsCollection, nextComplaintStatus, nextDisputeStatus, opensReview, type ComplaintAction,
} from './complaints.rules.ts';
import { addCalendarDays, addSpan, complaintDeadlines, slaPolicyFor, slaView } from './sla.rules.ts';
import {
  AssignSchema, ComplaintIntakeSchema, DisputeMoveSchema, DisputeOpenSchema, ExtendSchema, PortalComplaintSchema, ResolveSchema,
  type ComplaintCategory, type ComplaintChannel, type ComplaintStatus, type ComplaintsAuditEvent, type DisputeAction, type DisputeStatus,
} from './complaints.types.ts';
import { todayFor } from './complaints.store.ts';

export interface CommandOpts {
  actor: string;
  idempotencyKey: string;
}

type Audit = (ComplaintsAuditEvent | { type: 'DISPUTE_OPENED'; subject: `account:${string}`; data: { disputeId: number; reason: string } }) & { actor: string };

/** How far back a quality review looks for the complainant's contacts when none are named. */
export const REVIEW_LOOKBACK_DAYS = 30;

/** Statuses of a dispute that a new amount dispute on the same debt links to instead of opening another. */
const LINKABLE_DISPUTES: readonly DisputeStatus[] = ['open', 'pending', 'verification_sent'];


/** Not found, in the words the debtor portal uses for anything that is not theirs (no hint that it exists). */
function notFound(path: string, what: string): AppError {
  return new AppError('NOT_FOUND', `${path}: no ${what}`, { issues: [{ path, message: `no ${what}` }] });
}

interface Intake {
  customerId?: string | undefined;
  accountRef?: string | undefined;
  channel: ComplaintChannel;
  regulatorReference?: string | undefined;
  category: ComplaintCategory;
  summary: string;
  contactReferences: string[];
  agencyId?: string | undefined;
  receivedOn?: string | undefined;
}

export interface ReceivedComplaint {
  complaintId: number;
  status: ComplaintStatus;
  customerId: string;
  accountRef: string | null;
  agencyId: string | null;
  jurisdiction: string;
  receivedOn: string;
  acknowledgeBy: string;
  respondBy: string;
  disputeId: number | null;
  disputeCreated: boolean;
  reviewId: number | null;
}

/**
 * Receives a complaint inside a command. `scope` 'debtor' means the complainant is the signed-in
 * debtor: an account or contact that is not theirs is "not found", exactly like one that does not exist.
 */
async function receive(tx: Db, clock: Clock, c: Intake, actor: string, scope: 'staff' | 'debtor'): Promise<{ result: ReceivedComplaint; audit: Audit[] }> {
  let customerId = c.customerId;
  let account: { id: number; customer_id: string } | undefined;
  if (c.accountRef) {
    [account] = await tx.query<{ id: number; customer_id: string }>('SELECT id, customer_id FROM accounts WHERE ref = $1', [c.accountRef]);
    if (!account || (scope === 'debtor' && account.customer_id !== customerId)) throw notFound('accountRef', `account '${c.accountRef}'`);
    if (customerId && account.customer_id !== customerId) throw invalidField('accountRef', `account '${c.accountRef}' belongs to another customer than ${customerId}`);
    customerId = account.customer_id;
  }
  const [customer] = await tx.query<{ id: string; jurisdiction: string; time_zone: string }>('SELECT id, jurisdiction, time_zone FROM customers WHERE id = $1', [customerId]);
  if (!customer) throw notFound('customerId', `customer '${customerId}'`);
  if (c.category === 'amount_dispute' && !account) throw invalidField('accountRef', 'required for an amount dispute: the debt disputed');

  const contacts = c.contactReferences.length === 0 ? [] : await tx.query<{ reference: string; customer_id: string; account_id: number; initiator_kind: string; initiator_id: string }>(
    'SELECT reference, customer_id, account_id, initiator_kind, initiator_id FROM contacts_outbox WHERE reference = ANY($1::text[])', [c.contactReferences],
  );
  const byRef = new Map(contacts.map((x) => [x.reference, x]));
  c.contactReferences.forEach((ref, i) => {
    const x = byRef.get(ref);
    if (!x || x.customer_id !== customer.id) throw notFound(`contactReferences.${i}`, `contact '${ref}' with this customer`);
  });
  const agencyId = c.agencyId
    ?? (attributesAgency(c.category) ? c.contactReferences.map((r) => byRef.get(r)!).find((x) => x.initiator_kind === 'agency')?.initiator_id : undefined)
    ?? null;

  const today = todayFor(clock.now(), customer.time_zone);
  const receivedOn = c.receivedOn ?? today;
  if (receivedOn > today) throw invalidField('receivedOn', `${receivedOn} is after today (${today} in the debtor's time zone)`);
  const policy = slaPolicyFor(customer.jurisdiction);
  const calendar = await loadHolidayCalendar((sql, params) => tx.query(sql, params ?? []));
  const due = complaintDeadlines(policy, calendar, customer.jurisdiction, receivedOn);

  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO complaints (customer_id, account_id, agency_id, jurisdiction, channel, regulator_reference, category, summary, contact_references, status,
       received_at, received_on, sla_policy, sla_version, acknowledge_by, respond_by, summary_by, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'received', $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
    [customer.id, account?.id ?? null, agencyId, customer.jurisdiction, c.channel, c.regulatorReference ?? null, c.category, c.summary, JSON.stringify(c.contactReferences),
      clock.now(), receivedOn, policy.code, policy.version, due.acknowledgeBy, due.respondBy, due.summaryBy, actor],
  );
  const complaintId = row!.id;
  const audit: Audit[] = [];

  let disputeId: number | null = null;
  let disputeCreated = false;
  if (c.category === 'amount_dispute' && account) {
    const linked = await openOrLinkDispute(tx, clock, { accountId: account.id, customerId: customer.id, reason: c.summary, complaintId, actor });
    disputeId = linked.disputeId;
    disputeCreated = linked.created;
    if (linked.created) audit.push({ type: 'DISPUTE_OPENED', actor, subject: `account:${c.accountRef}`, data: { disputeId, reason: c.summary } });
  }

  // Harassment, third-party-contact and agency-conduct complaints open a quality review of the
  // contacts named and of the customer's contacts in the weeks before, in this same transaction.
  const reviewId = opensReview(c.category)
    ? (await openComplaintReview(tx, clock, { complaintId, accountId: account?.id ?? null, customerId: customer.id, contactReferences: c.contactReferences, since: addCalendarDays(receivedOn, -REVIEW_LOOKBACK_DAYS) })).reviewId
    : null;
  await tx.query('UPDATE complaints SET dispute_id = $2, review_id = $3 WHERE id = $1', [complaintId, disputeId, reviewId]);

  audit.unshift({
    type: 'COMPLAINT_RECEIVED', actor, subject: `complaint:${complaintId}`,
    data: { channel: c.channel, category: c.category, customerId: customer.id, accountRef: c.accountRef ?? null, agencyId, acknowledgeBy: due.acknowledgeBy, respondBy: due.respondBy, disputeId, reviewId },
  });
  return {
    result: {
      complaintId, status: 'received', customerId: customer.id, accountRef: c.accountRef ?? null, agencyId, jurisdiction: customer.jurisdiction, receivedOn,
      acknowledgeBy: due.acknowledgeBy, respondBy: due.respondBy, disputeId, disputeCreated, reviewId,
    },
    audit,
  };
}

/** An active dispute of the debt is linked; otherwise a new one is opened (and holds collection from now). */
async function openOrLinkDispute(tx: Db, clock: Clock, d: { accountId: number; customerId: string; reason: string; complaintId: number | null; actor: string }): Promise<{ disputeId: number; created: boolean; status: DisputeStatus }> {
  const [existing] = await tx.query<{ id: number; status: DisputeStatus }>(
    'SELECT id, status FROM disputes WHERE account_id = $1 AND status = ANY($2::text[]) ORDER BY opened_at, id LIMIT 1', [d.accountId, LINKABLE_DISPUTES],
  );
  if (existing) {
    if (d.complaintId !== null) await tx.query('UPDATE disputes SET complaint_id = coalesce(complaint_id, $2) WHERE id = $1', [existing.id, d.complaintId]);
    return { disputeId: existing.id, created: false, status: existing.status };
  }
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO disputes (account_id, customer_id, status, reason, opened_at, opened_by, complaint_id, updated_at) VALUES ($1, $2, 'open', $3, $4, $5, $6, $4) RETURNING id`,
    [d.accountId, d.customerId, d.reason, clock.now(), d.actor, d.complaintId],
  );
  return { disputeId: row!.id, created: true, status: 'open' };
}

/** Staff intake: hotline, e-mail or a regulator's referral (with its reference). */
export async function intakeComplaint(db: Db, clock: Clock, input: unknown, opts: CommandOpts): Promise<CommandOutcome<ReceivedComplaint>> {
  const c = parse(ComplaintIntakeSchema, input);
  return runCommand(db, clock, { command: 'intakeComplaint', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: c }, (tx) => receive(tx, clock, c, opts.actor, 'staff'));
}

/** A complaint the signed-in debtor makes in the portal; the customer comes from the session, never the body. */
export async function submitPortalComplaint(db: Db, clock: Clock, customerId: string, input: unknown, opts: CommandOpts): Promise<CommandOutcome<ReceivedComplaint>> {
  const p = parse(PortalComplaintSchema, input);
  const c: Intake = { ...p, customerId, channel: 'app' };
  return runCommand(db, clock, { command: 'submitPortalComplaint', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: c }, (tx) => receive(tx, clock, c, opts.actor, 'debtor'));
}

interface Loaded {
  id: number;
  status: ComplaintStatus;
  jurisdiction: string;
  time_zone: string;
  received_on: string;
  acknowledge_by: string;
  respond_by: string;
  summary_by: string | null;
  acknowledged_on: string | null;
  assignee: string | null;
  extended: boolean;
  sla_policy: string;
  dispute_id: number | null;
}

async function loadForUpdate(tx: Db, id: number, action: ComplaintAction): Promise<Loaded & { to: ComplaintStatus }> {
  const [c] = await tx.query<Loaded>(
    `SELECT c.id, c.status, c.jurisdiction, cu.time_zone, c.received_on, c.acknowledge_by, c.respond_by, c.summary_by, c.acknowledged_on, c.assignee, c.extended, c.sla_policy, c.dispute_id
     FROM complaints c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = $1 FOR UPDATE OF c`, [id],
  );
  if (!c) throw notFound('complaintId', `complaint ${id}`);
  const step = nextComplaintStatus(c.status, action);
  if (!step.ok) throw new AppError('CONFLICT', `complaintId: ${step.reason}`, { issues: [{ path: 'complaintId', message: step.reason }] });
  return { ...c, to: step.to };
}

function complaintIdOf(id: unknown): number {
  if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) throw invalidField('complaintId', 'expected a positive whole number');
  return id;
}

export async function acknowledgeComplaint(db: Db, clock: Clock, complaintId: number, opts: CommandOpts): Promise<CommandOutcome<{ complaintId: number; status: ComplaintStatus; acknowledgedOn: string; withinSla: boolean }>> {
  const id = complaintIdOf(complaintId);
  return runCommand(db, clock, { command: 'acknowledgeComplaint', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { complaintId: id } }, async (tx) => {
    const c = await loadForUpdate(tx, id, 'acknowledge');
    const onDate = todayFor(clock.now(), c.time_zone);
    await tx.query('UPDATE complaints SET status = $2, acknowledged_on = $3 WHERE id = $1', [id, c.to, onDate]);
    const withinSla = onDate <= c.acknowledge_by;
    return {
      result: { complaintId: id, status: c.to, acknowledgedOn: onDate, withinSla },
      audit: { type: 'COMPLAINT_ACKNOWLEDGED', actor: opts.actor, subject: `complaint:${id}`, data: { onDate, withinSla } } satisfies Audit,
    };
  });
}

export async function assignComplaint(db: Db, clock: Clock, complaintId: number, input: unknown, opts: CommandOpts): Promise<CommandOutcome<{ complaintId: number; status: ComplaintStatus; assignee: string }>> {
  const id = complaintIdOf(complaintId);
  const { assignee } = parse(AssignSchema, input);
  return runCommand(db, clock, { command: 'assignComplaint', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { complaintId: id, assignee } }, async (tx) => {
    const c = await loadForUpdate(tx, id, 'assign');
    await tx.query('UPDATE complaints SET status = $2, assignee = $3 WHERE id = $1', [id, c.to, assignee]);
    return {
      result: { complaintId: id, status: c.to, assignee },
      audit: { type: 'COMPLAINT_ASSIGNED', actor: opts.actor, subject: `complaint:${id}`, data: { assignee, from: c.assignee } } satisfies Audit,
    };
  });
}

/** Extends the final-response deadline once, by what the jurisdiction's policy allows (CN: 15 days for a complex case). */
export async function extendComplaint(db: Db, clock: Clock, complaintId: number, input: unknown, opts: CommandOpts): Promise<CommandOutcome<{ complaintId: number; respondBy: string }>> {
  const id = complaintIdOf(complaintId);
  const { reason } = parse(ExtendSchema, input);
  return runCommand(db, clock, { command: 'extendComplaint', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { complaintId: id, reason } }, async (tx) => {
    const c = await loadForUpdate(tx, id, 'extend');
    const policy = slaPolicyFor(c.sla_policy);
    if (!policy.extension) throw new AppError('CONFLICT', `complaintId: the ${policy.code} policy allows no extension of the final-response deadline`, { issues: [{ path: 'complaintId', message: 'no extension in this jurisdiction' }] });
    if (c.extended) throw new AppError('CONFLICT', 'complaintId: the deadline was already extended once', { issues: [{ path: 'complaintId', message: 'already extended' }] });
    const calendar = await loadHolidayCalendar((sql, params) => tx.query(sql, params ?? []));
    const respondBy = addSpan(calendar, c.jurisdiction, c.respond_by, policy.extension, policy.rollToBusinessDay);
    await tx.query('UPDATE complaints SET respond_by = $2, extended = true WHERE id = $1', [id, respondBy]);
    return { result: { complaintId: id, respondBy }, audit: { type: 'COMPLAINT_EXTENDED', actor: opts.actor, subject: `complaint:${id}`, data: { respondBy, reason } } satisfies Audit };
  });
}

export interface ClosedComplaint {
  complaintId: number;
  status: ComplaintStatus;
  outcome: string;
  closedOn: string;
  slaMet: boolean;
  disputeId: number | null;
  disputeStatus: DisputeStatus | null;
}

/**
 * Closes a complaint as resolved, rejected or referred, with an outcome that fits, remedies when upheld,
 * and a note. An amount dispute's dispute follows the outcome (complaints.rules.ts disputeActionForOutcome).
 */
export async function resolveComplaint(db: Db, clock: Clock, complaintId: number, input: unknown, opts: CommandOpts): Promise<CommandOutcome<ClosedComplaint>> {
  const id = complaintIdOf(complaintId);
  const r = parse(ResolveSchema, input);
  const issues = checkResolution(r.status, r.outcome, r.remedies);
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  return runCommand(db, clock, { command: 'resolveComplaint', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { complaintId: id, ...r } }, async (tx) => {
    const c = await loadForUpdate(tx, id, r.status);
    const closedOn = todayFor(clock.now(), c.time_zone);
    await tx.query(
      'UPDATE complaints SET status = $2, outcome = $3, remedies = $4, resolution_note = $5, closed_on = $6, closed_at = $7 WHERE id = $1',
      [id, c.to, r.outcome, JSON.stringify(r.remedies), r.note, closedOn, clock.now()],
    );
    const sla = slaView({ status: c.to, receivedOn: c.received_on, acknowledgeBy: c.acknowledge_by, respondBy: c.respond_by, summaryBy: c.summary_by, acknowledgedOn: c.acknowledged_on, closedOn }, closedOn);
    const audit: Audit[] = [];
    let disputeStatus: DisputeStatus | null = null;
    const action = disputeActionForOutcome(r.outcome);
    if (c.dispute_id !== null) {
      const moved = action ? await moveDisputeIn(tx, clock, c.dispute_id, action, `complaint ${id}: ${r.outcome}`, opts.actor, true) : null;
      if (moved?.audit) audit.push(moved.audit);
      disputeStatus = moved?.status ?? (await tx.query<{ status: DisputeStatus }>('SELECT status FROM disputes WHERE id = $1', [c.dispute_id]))[0]!.status;
    }
    audit.unshift({
      type: 'COMPLAINT_CLOSED', actor: opts.actor, subject: `complaint:${id}`,
      data: { status: r.status, outcome: r.outcome, remedies: r.remedies, slaMet: sla.slaMet === true, disputeId: c.dispute_id, disputeStatus },
    });
    return { result: { complaintId: id, status: c.to, outcome: r.outcome, closedOn, slaMet: sla.slaMet === true, disputeId: c.dispute_id, disputeStatus }, audit };
  });
}

export interface OpenedDispute {
  disputeId: number;
  accountRef: string;
  status: string;
  created: boolean;
}

/**
 * Opens a dispute of a debt: from this moment the compliance gate holds collection on it. With
 * `customerId` (the portal) only that customer's accounts can be disputed; another's is "not found".
 * A debt that already has an active dispute gets no second one: the existing one is returned.
 */
export async function openDispute(db: Db, clock: Clock, input: unknown, opts: CommandOpts & { customerId?: string }): Promise<CommandOutcome<OpenedDispute>> {
  const d = parse(DisputeOpenSchema, input);
  return runCommand(db, clock, { command: 'openDispute', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { ...d, customerId: opts.customerId ?? null } }, async (tx) => {
    const [acct] = await tx.query<{ id: number; customer_id: string }>('SELECT id, customer_id FROM accounts WHERE ref = $1', [d.accountRef]);
    if (!acct || (opts.customerId !== undefined && acct.customer_id !== opts.customerId)) throw notFound('accountRef', `account '${d.accountRef}'`);
    const r = await openOrLinkDispute(tx, clock, { accountId: acct.id, customerId: acct.customer_id, reason: d.reason, complaintId: null, actor: opts.actor });
    return {
      result: { disputeId: r.disputeId, accountRef: d.accountRef, status: r.status, created: r.created },
      audit: r.created ? { type: 'DISPUTE_OPENED', actor: opts.actor, subject: `account:${d.accountRef}`, data: { disputeId: r.disputeId, reason: d.reason } } : [],
    };
  });
}

async function moveDisputeIn(tx: Db, clock: Clock, disputeId: number, action: DisputeAction, note: string | null, actor: string, lenient: boolean): Promise<{ status: DisputeStatus; audit: Audit | null }> {
  const [d] = await tx.query<{ id: number; status: DisputeStatus; ref: string }>(
    'SELECT d.id, d.status, a.ref FROM disputes d JOIN accounts a ON a.id = d.account_id AND a.customer_id = d.customer_id WHERE d.id = $1 FOR UPDATE OF d', [disputeId],
  );
  if (!d) throw notFound('disputeId', `dispute ${disputeId}`);
  const step = nextDisputeStatus(d.status, action);
  if (!step.ok) {
    // Closing a complaint does not fail because its dispute was already decided on its own.
    if (lenient) return { status: d.status, audit: null };
    throw new AppError('CONFLICT', `disputeId: ${step.reason}`, { issues: [{ path: 'disputeId', message: step.reason }] });
  }
  const final = step.to === 'resolved' || step.to === 'rejected' || step.to === 'withdrawn';
  await tx.query('UPDATE disputes SET status = $2, note = coalesce($3, note), updated_at = $4, closed_at = CASE WHEN $5::boolean THEN $4::timestamptz ELSE closed_at END WHERE id = $1',
    [disputeId, step.to, note, clock.now(), final]);
  return {
    status: step.to,
    audit: { type: 'DISPUTE_MOVED', actor, subject: `account:${d.ref}`, data: { disputeId, from: d.status, to: step.to, holdLifted: disputeHoldsCollection(d.status) && !disputeHoldsCollection(step.to), note } },
  };
}

/** Moves a dispute on: send_verification, verify, resolve, reject or withdraw (complaints.rules.ts DISPUTE_TRANSITIONS). */
export async function moveDispute(db: Db, clock: Clock, disputeId: number, action: DisputeAction, input: unknown, opts: CommandOpts & { customerId?: string }): Promise<CommandOutcome<{ disputeId: number; status: DisputeStatus; holdLifted: boolean }>> {
  if (typeof disputeId !== 'number' || !Number.isSafeInteger(disputeId) || disputeId <= 0) throw invalidField('disputeId', 'expected a positive whole number');
  const { note } = parse(DisputeMoveSchema, input ?? {});
  return runCommand(db, clock, { command: 'moveDispute', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { disputeId, action, note: note ?? null, customerId: opts.customerId ?? null } }, async (tx) => {
    if (opts.customerId !== undefined) {
      const [own] = await tx.query('SELECT 1 FROM disputes WHERE id = $1 AND customer_id = $2', [disputeId, opts.customerId]);
      if (!own) throw notFound('disputeId', `dispute ${disputeId}`);
    }
    const m = await moveDisputeIn(tx, clock, disputeId, action, note ?? null, opts.actor, false);
    const data = m.audit!.type === 'DISPUTE_MOVED' ? m.audit!.data : null;
    return { result: { disputeId, status: m.status, holdLifted: data?.holdLifted ?? false }, audit: m.audit! };
  });
}
