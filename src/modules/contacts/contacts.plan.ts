/**
 * The planning step of the daily cycle: for each account of the batch that is delinquent or has an
 * instalment falling due soon, the strategy decides the next action; the compliance gate checks it
 * at the time it would go out; allowed contacts enter the outbox at the earliest allowed local time
 * of the debtor, blocked ones are kept with their verdict (what-if and block statistics read them).
 *
 * The strategy is passed in (a decider per jurisdiction), so this module does not depend on how
 * decisions are made. JS runs per account only for what cannot be SQL (the decision and the check);
 * reads and writes are one statement each per batch.
 */
import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { checkContact, parseContactRequest, type CompiledPack, type Verdict } from '../compliance/index.ts';
import { contactRequest, storedVerdict, HISTORY_DAYS, type DebtorContext } from './gate.rules.ts';
import { plannedWindow, VERIFY_CODE_ALPHABET, VERIFY_CODE_LENGTH } from './planning.rules.ts';
import { ACTION_CHANNEL, RECOMMENDATIONS, SENDER_CHANNEL, type ContactAction, type Recommendation } from './contacts.types.ts';
import { loadDebtorContexts, loadDefaultSenders } from './contacts.store.ts';
import { digestOf } from './contacts.dispatch.ts';
import type { ProviderChannel } from './providers/provider.types.ts';

/** The facts the strategy decides on, per account. */
export interface PlanningFacts {
  accountId: number;
  accountRef: string;
  customerId: string;
  jurisdiction: string;
  bucket: string;
  dpd: number;
  /** Days until the next unsettled item falls due (pre-due), null when nothing is due soon. */
  daysToDue: number | null;
  balanceMinor: number;
  overdueMinor: number;
  riskScore: number | null;
  segment: string;
  daysSinceLastContact: number | null;
  lastOutcome: string;
  promiseState: 'none' | 'open' | 'kept' | 'partly_kept' | 'broken';
  planState: 'none' | 'active' | 'broken';
  hasChannel: Array<'sms' | 'email' | 'push' | 'in_app' | 'letter' | 'call'>;
  daysSinceAction: Record<string, number | null>;
  validationNoticeSent: boolean;
}

/** What the strategy chose for one account. */
export interface PlanDecision {
  action: string;
  channel: string;
  template: string | null;
  priority: number;
  fallback: Array<{ channel: string; template: string | null }>;
  rowId: string;
  tableCode: string;
  tableVersion: number;
  experiment?: string | undefined;
  arm?: string | undefined;
}

export type Decider = (facts: PlanningFacts) => PlanDecision | null;

export interface PlanningDeps {
  /** Loads the published strategy for this run: one call per batch, so a publish takes effect the next batch. */
  loadDecider(tx: Db, businessDate: string): Promise<Decider>;
  packs(tx: Db): Promise<Record<string, CompiledPack>>;
  lenderId: string;
  /** Candidate accounts planned together (default PLAN_CHUNK_ACCOUNTS). */
  chunkAccounts?: number;
}

interface CandidateRow {
  id: number; ref: string; customer_id: string; jurisdiction: string; language: string; time_zone: string; phones: string[]; emails: string[]; address: string | null;
  bucket: string; dpd: number | null; overdue_minor: number; balance_minor: number; days_to_due: number | null; product_code: string;
  last_contact_days: number | null; last_outcome: string | null; validation_sent: boolean; promise_state: string | null;
  plan_state: 'active' | 'completed' | 'broken' | null;
  risk_score: number | null;
}

interface Planned {
  reference: string;
  accountId: number;
  customerId: string;
  action: string;
  purpose: string;
  channel: ProviderChannel;
  template: string | null;
  language: string;
  contactPoint: string | null;
  sender: string | null;
  initiatorId: string;
  decision: PlanDecision;
  at: string;
  expiresAt: string;
  status: 'scheduled' | 'blocked';
  verdict: Verdict | { decision: 'deny'; denyingRules: string[]; reason: string };
}

/** Candidate accounts planned together: the facts of the next chunk are read while this one is decided. */
export const PLAN_CHUNK_ACCOUNTS = 2_000;

interface Chunk {
  rows: CandidateRow[];
  actionDays: Map<number, Record<string, number | null>>;
  contexts: Map<string, DebtorContext>;
}

interface RecommendationRow {
  accountId: number;
  customerId: string;
  kind: Recommendation;
  decision: PlanDecision;
}

/**
 * Makes the cycle step; returns the number of contacts planned (scheduled or blocked) and
 * recommendations. The batch's candidates are planned in chunks of whole customers; the statements
 * of the next chunk's read and the previous one's write are queued before this process decides the
 * current one, so on a server the database works meanwhile. A customer's accounts are in one chunk, so the rule of one
 * contact per customer and channel a day (the most urgent account speaks for the others) holds.
 */
export function makePlanStep(deps: PlanningDeps) {
  return async (tx: Db, ctx: { date: string; postedOn: string; lo: number; hi: number }): Promise<number> => {
    // A catch-up or replay of a past date re-derives balances; contacts for a day gone by are not sent.
    if (ctx.postedOn !== ctx.date) return 0;
    // The facts query's estimated cost (many correlated lookups) would start the JIT compiler,
    // which costs more than the query itself; without it the lookups are index probes.
    await tx.query('SET LOCAL jit = off');
    const candidates = await tx.query<CandidateId>(CANDIDATES_SQL, [ctx.date, ctx.lo, ctx.hi]);
    if (candidates.length === 0) return 0;
    const decider = await deps.loadDecider(tx, ctx.date);
    const packs = await deps.packs(tx);
    const senders = await loadDefaultSenders(tx);
    const since = historySince(ctx.date);
    const load = async (ids: CandidateId[]): Promise<Chunk> => {
      const rows = await loadFacts(tx, ctx.date, ids);
      const actionDays = await loadActionDays(tx, ctx.date, rows.map((r) => r.id));
      return { rows, actionDays, contexts: await loadDebtorContexts(tx, rows.map((r) => r.customer_id), since) };
    };
    // The transaction's statements run one after another in the order queued. A failure passes down
    // the queue: nothing after it runs, and whatever is awaited next rethrows that first failure.
    let tail: Promise<unknown> = Promise.resolve();
    const queue = <T>(work: () => Promise<T>): Promise<T> => {
      const p = tail.then(work);
      p.catch(() => undefined);
      tail = p;
      return p;
    };
    const chunks = chunkByCustomer(candidates, deps.chunkAccounts ?? PLAN_CHUNK_ACCOUNTS);
    const summary: Array<[string, string, string]> = [];
    let scheduled = 0;
    let blocked = 0;
    let recommended = 0;
    let next = queue(() => load(chunks[0]!));
    for (let i = 0; i < chunks.length; i++) {
      const chunk = await next;
      // Queued before this chunk is decided: a server reads it meanwhile (PGlite, in this process, after).
      if (i + 1 < chunks.length) next = queue(() => load(chunks[i + 1]!));
      const { planned, recommendations } = planChunk(chunk, decider, packs, senders, deps.lenderId, ctx.date);
      for (const p of planned) {
        summary.push([p.reference, p.status, p.verdict.decision]);
        if (p.status === 'scheduled') scheduled++;
        else blocked++;
      }
      recommended += recommendations.length;
      void queue(() => writeChunk(tx, planned, recommendations, ctx.date));
    }
    await tail;
    if (summary.length || recommended) {
      await appendAudit(tx, `${ctx.date}T23:59:59.000Z`, {
        type: 'CONTACTS_PLANNED', actor: 'system:cycle', subject: `cycle:${ctx.date}`,
        data: { batch: [ctx.lo, ctx.hi], planned: scheduled, blockedAtPlanning: blocked, recommendations: recommended, digest: digestOf(summary) },
      });
    }
    return summary.length + recommended;
  };
}

/** The first instant of the contact history the gate reads when it checks contacts for the day after `date`. */
function historySince(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - (HISTORY_DAYS - 1) * 86_400_000).toISOString();
}

/** Splits the candidates, ordered by customer, into chunks of about `size` that never split a customer. */
function chunkByCustomer(candidates: readonly CandidateId[], size: number): CandidateId[][] {
  const sorted = [...candidates].sort((a, b) => (a.customer_id < b.customer_id ? -1 : a.customer_id > b.customer_id ? 1 : a.account_id - b.account_id));
  const chunks: CandidateId[][] = [];
  let current: CandidateId[] = [];
  for (const c of sorted) {
    if (current.length >= size && current[current.length - 1]!.customer_id !== c.customer_id) {
      chunks.push(current);
      current = [];
    }
    current.push(c);
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/** Decides and checks one chunk: one contact per customer and channel, the most urgent account first. */
function planChunk(
  chunk: Chunk, decider: Decider, packs: Record<string, CompiledPack>, senders: Map<string, string>, lenderId: string, date: string,
): { planned: Planned[]; recommendations: RecommendationRow[] } {
  const byCustomerChannel = new Map<string, Planned>();
  const byCustomer = new Map<string, Planned[]>();
  const recommendations: RecommendationRow[] = [];
  const sorted = [...chunk.rows].sort((a, b) => (b.dpd ?? -1) - (a.dpd ?? -1) || a.id - b.id);
  for (const r of sorted) {
    const facts = factsOf(r, chunk.actionDays.get(r.id) ?? {});
    const decision = decider(facts);
    if (!decision || decision.action === 'none') continue;
    if ((RECOMMENDATIONS as readonly string[]).includes(decision.action)) {
      recommendations.push({ accountId: r.id, customerId: r.customer_id, kind: decision.action as Recommendation, decision });
      continue;
    }
    if (!(decision.action in ACTION_CHANNEL)) continue;
    const dctx = chunk.contexts.get(r.customer_id);
    const pack = packs[r.jurisdiction];
    if (!dctx || !pack) continue;
    const earlier = byCustomer.get(r.customer_id) ?? [];
    const planned = planOne(r, facts, decision, dctx, pack, senders, lenderId, date, earlier);
    const key = `${r.customer_id}|${planned.channel}`;
    if (!byCustomerChannel.has(key)) {
      byCustomerChannel.set(key, planned);
      byCustomer.set(r.customer_id, [...earlier, planned]);
    }
  }
  return { planned: [...byCustomerChannel.values()], recommendations };
}

async function writeChunk(tx: Db, planned: Planned[], recommendations: RecommendationRow[], date: string): Promise<void> {
  if (planned.length) await insertPlanned(tx, planned, date);
  if (recommendations.length) {
    await tx.query(
      `INSERT INTO case_recommendations (account_id, customer_id, business_date, kind, strategy_version, strategy_row)
       SELECT u.a, u.c, $1::date, u.k, u.v, u.r FROM unnest($2::bigint[], $6::text[], $3::text[], $4::int[], $5::text[]) AS u(a, c, k, v, r)
       ON CONFLICT DO NOTHING`,
      [date, recommendations.map((x) => x.accountId), recommendations.map((x) => x.kind), recommendations.map((x) => x.decision.tableVersion), recommendations.map((x) => x.decision.rowId), recommendations.map((x) => x.customerId)],
    );
  }
}

/**
 * The accounts of a batch not yet closed through `date` that are delinquent or have an unsettled
 * item due within three days (then that item is their next one: days_to_due). Items due soon are
 * found through the due-date index, for the batch only. `closed_through < date` rather than `= date
 * − 1`: the statistics of a column the cycle moves forward every day are always a day behind, and an
 * equality on a value they have not seen is estimated at one row, which once made the planner join
 * by nested sequential scans.
 */
const CANDIDATES_SQL = `
  WITH due_soon AS (SELECT d.account_id, d.customer_id, min(d.due_on) - $1::date AS days_to_due FROM due_items d
                    WHERE d.due_on BETWEEN $1::date + 1 AND $1::date + 3 AND d.account_id BETWEEN $2 AND $3 AND d.settled_on IS NULL
                    GROUP BY d.account_id, d.customer_id)
  SELECT s.account_id, a.customer_id, ds.days_to_due FROM account_state s JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id
  LEFT JOIN due_soon ds ON ds.account_id = s.account_id AND ds.customer_id = s.customer_id
  WHERE s.account_id BETWEEN $2 AND $3 AND a.id BETWEEN $2 AND $3 AND s.closed_through < $1::date
    AND (s.delinquent_since IS NOT NULL OR ds.account_id IS NOT NULL)`;

/** The same candidates across the portfolio as it stands (what-if runs), for some jurisdictions, up to a limit. */
const PORTFOLIO_CANDIDATES_SQL = `
  WITH due_soon AS (SELECT d.account_id, d.customer_id, min(d.due_on) - $1::date AS days_to_due FROM due_items d
                    WHERE d.due_on BETWEEN $1::date + 1 AND $1::date + 3 AND d.settled_on IS NULL GROUP BY d.account_id, d.customer_id)
  SELECT s.account_id, a.customer_id, ds.days_to_due FROM account_state s JOIN accounts a ON a.id = s.account_id AND a.customer_id = s.customer_id
  JOIN customers c ON c.id = a.customer_id
  LEFT JOIN due_soon ds ON ds.account_id = s.account_id AND ds.customer_id = s.customer_id
  WHERE c.jurisdiction = ANY($2::text[]) AND (s.delinquent_since IS NOT NULL OR ds.account_id IS NOT NULL)
  ORDER BY s.account_id LIMIT $3`;

/**
 * The candidates' facts, for the accounts found by one of the statements above. A second statement
 * (not a CTE) so that the planner knows how many accounts there are and probes the indexes for them
 * rather than hashing whole tables: the latest outbound contact of the customer, whether the
 * validation notice went out, the latest promise, the latest plan or deferral that took effect, and the
 * risk score the cycle's score step wrote (null when unscored: no model is registered, or the account
 * owes nothing).
 */
const FACTS_SQL = `
  SELECT a.id, a.ref, a.customer_id, c.jurisdiction, c.language, c.time_zone, c.phones, c.emails, c.address, a.product_code,
         s.bucket, ($1::date - s.delinquent_since) AS dpd, s.overdue_minor,
         (s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor) AS balance_minor, cand.days_to_due,
         ($1::date - lc.at::date) AS last_contact_days, lc.outcome AS last_outcome,
         EXISTS (SELECT 1 FROM contacts_outbox o WHERE o.account_id = a.id AND o.customer_id = a.customer_id AND o.template_code = 'validation_notice' AND o.status IN ('sent', 'delivered')) AS validation_sent,
         (SELECT p.status FROM promises p WHERE p.account_id = a.id AND p.customer_id = a.customer_id AND p.status <> 'cancelled' ORDER BY p.id DESC LIMIT 1) AS promise_state,
         (SELECT k.status FROM concessions k WHERE k.account_id = a.id AND k.customer_id = a.customer_id AND k.kind IN ('plan', 'deferral') AND k.status IN ('active', 'completed', 'broken')
          ORDER BY k.id DESC LIMIT 1) AS plan_state,
         sc.risk_score
  FROM unnest($2::bigint[], $3::int[], $4::text[]) AS cand(account_id, days_to_due, customer_id)
  JOIN account_state s ON s.account_id = cand.account_id AND s.customer_id = cand.customer_id
  JOIN accounts a ON a.id = cand.account_id AND a.customer_id = cand.customer_id JOIN customers c ON c.id = a.customer_id
  LEFT JOIN account_scores sc ON sc.account_id = cand.account_id AND sc.customer_id = cand.customer_id
  LEFT JOIN LATERAL (SELECT h.at, h.outcome FROM contact_history h WHERE h.customer_id = a.customer_id AND h.direction = 'outbound'
                     ORDER BY h.at DESC, h.id DESC LIMIT 1) lc ON true
  ORDER BY a.id`;

interface CandidateId {
  account_id: number;
  customer_id: string;
  days_to_due: number | null;
}

function loadFacts(db: Db, date: string, cand: readonly CandidateId[]): Promise<CandidateRow[]> {
  return db.query<CandidateRow>(FACTS_SQL, [date, cand.map((c) => c.account_id), cand.map((c) => c.days_to_due), cand.map((c) => c.customer_id)]);
}

/** How far back planning looks for the actions an account was given. */
export const ACTION_HISTORY_DAYS = 366;

/**
 * Days since each action was last planned (and not blocked or cancelled) per account: what cadence
 * reads. Only the last ACTION_HISTORY_DAYS are read: no strategy cadence is longer (the strategy
 * module's MAX_CADENCE_DAYS; a test holds the two together), so an action taken before holds nothing back.
 */
async function loadActionDays(db: Db, date: string, accountIds: number[]): Promise<Map<number, Record<string, number | null>>> {
  const rows = await db.query<{ account_id: number; action: string; days: number }>(
    `SELECT account_id, action, ($1::date - max(business_date)) AS days FROM contacts_outbox
     WHERE account_id = ANY($2::bigint[]) AND business_date > $1::date - $3::int AND status IN ('scheduled', 'sending', 'sent', 'delivered')
     GROUP BY account_id, action`,
    [date, accountIds, ACTION_HISTORY_DAYS],
  );
  const out = new Map<number, Record<string, number | null>>();
  for (const r of rows) {
    const days = out.get(r.account_id) ?? {};
    days[r.action] = r.days;
    out.set(r.account_id, days);
  }
  return out;
}

function factsOf(r: CandidateRow, daysSinceAction: Record<string, number | null>): PlanningFacts {
  const has: PlanningFacts['hasChannel'] = ['push', 'in_app'];
  if (r.phones.length) has.push('sms', 'call');
  if (r.emails.length) has.push('email');
  if (r.address) has.push('letter');
  return {
    accountId: r.id, accountRef: r.ref, customerId: r.customer_id, jurisdiction: r.jurisdiction, bucket: r.bucket, dpd: r.dpd ?? 0,
    daysToDue: r.dpd === null ? r.days_to_due : null, balanceMinor: r.balance_minor, overdueMinor: r.overdue_minor, riskScore: r.risk_score, segment: r.product_code,
    daysSinceLastContact: r.last_contact_days, lastOutcome: r.last_outcome ?? 'none', promiseState: (r.promise_state ?? 'none') as PlanningFacts['promiseState'],
    planState: r.plan_state === 'active' || r.plan_state === 'broken' ? r.plan_state : 'none', hasChannel: has, daysSinceAction, validationNoticeSent: r.validation_sent,
  };
}

function planOne(
  r: CandidateRow, facts: PlanningFacts, decision: PlanDecision, dctx: DebtorContext, pack: CompiledPack, senders: Map<string, string>,
  lenderId: string, date: string, earlier: Planned[],
): Planned {
  const purpose = facts.dpd > 0 ? 'collection' : 'reminder';
  const language = r.language === 'en' ? 'en' : 'zh-CN';
  // The chosen channel first, then the fallbacks in order, until one passes the gate.
  const options = [{ channel: decision.channel, template: decision.template }, ...decision.fallback];
  let first: Planned | undefined;
  for (const opt of options) {
    const action = actionFor(opt.channel, decision.action);
    if (!action) continue;
    const channel = ACTION_CHANNEL[action];
    const senderChannel = SENDER_CHANNEL[channel];
    const sender = senderChannel ? (senders.get(`lender:${lenderId}|${senderChannel}`) ?? null) : null;
    const contactPoint = channel === 'email' ? (r.emails[0] ?? null) : channel === 'sms' || channel === 'robot_call' || channel === 'collector_call' ? (r.phones[0] ?? null) : channel === 'letter' ? r.address : r.customer_id;
    const window = windows(date, channel, r.time_zone);
    // Contacts planned earlier in this batch for the same debtor count as made (they will be).
    const history = [...dctx.history, ...earlier.filter((p) => p.status === 'scheduled').map((p) => ({
      at: p.at, channel: p.channel === 'robot_call' || p.channel === 'collector_call' ? 'call' : p.channel, direction: 'outbound' as const, recipientRole: 'debtor',
      personId: r.customer_id, contactPoint: p.contactPoint, outcome: 'delivered', initiatorKind: 'lender', initiatorId: lenderId, accountRef: null,
    }))];
    const verdict = checkContact(parseContactRequest(contactRequest({ ...dctx, history }, {
      channel, debtRefs: [r.ref], initiatorKind: 'lender', initiatorId: lenderId, contactPoint, senderRegistered: senderChannel === undefined || sender !== null, purpose, language,
    }, window.at)), pack);
    let at = window.at;
    let status: Planned['status'] = 'scheduled';
    if (verdict.decision === 'deny') {
      if (verdict.nextAllowedAt && verdict.nextAllowedAt < window.expiresAt) at = verdict.nextAllowedAt;
      else status = 'blocked';
    } else if (verdict.decision === 'require_action') status = 'blocked';
    const p: Planned = {
      reference: referenceFor(r.customer_id, date, channel), accountId: r.id, customerId: r.customer_id, action, purpose, channel,
      template: opt.template ?? decision.template, language, contactPoint, sender, initiatorId: lenderId, decision, at, expiresAt: window.expiresAt, status, verdict,
    };
    if (status === 'scheduled') return p;
    first ??= p;
  }
  return first ?? {
    reference: referenceFor(r.customer_id, date, decision.channel),
    accountId: r.id, customerId: r.customer_id, action: decision.action, purpose, channel: 'in_app', template: decision.template, language, contactPoint: null, sender: null, initiatorId: lenderId, decision,
    at: `${date}T00:00:00.000Z`, expiresAt: `${date}T00:00:00.000Z`, status: 'blocked', verdict: { decision: 'deny', denyingRules: ['PLAN-NO-CHANNEL'], reason: 'no usable channel for the action' },
  };
}

/**
 * A contact's reference: a hash of its plan key (customer, business date, channel: one contact per
 * customer and channel a day), so planning the same contact again yields the same reference, which
 * the outbox holds unique.
 */
function referenceFor(customerId: string, date: string, channel: string): string {
  return `fd-${createHash('sha256').update(`${customerId}|${date}|${channel}`).digest('hex').slice(0, 24)}`;
}

/** Send windows by date, channel and zone: a batch has few distinct ones, and each costs a time-zone lookup. */
const windowCache = new Map<string, { at: string; expiresAt: string }>();
const MAX_CACHED_WINDOWS = 10_000;
function windows(date: string, channel: ProviderChannel, timeZone: string): { at: string; expiresAt: string } {
  const key = `${date}|${channel}|${timeZone}`;
  let w = windowCache.get(key);
  if (!w) {
    if (windowCache.size >= MAX_CACHED_WINDOWS) windowCache.clear();
    w = plannedWindow(date, channel, timeZone);
    windowCache.set(key, w);
  }
  return w;
}

/** The contact action that goes out on a strategy channel; a one-to-one assignment is a collector call. */
function actionFor(channel: string, action: string): ContactAction | undefined {
  if (action === 'one_to_one' && channel === 'collector_call') return 'one_to_one';
  const byChannel: Record<string, ContactAction> = {
    sms: 'sms_reminder', push: 'push_reminder', in_app: 'in_app_message', email: 'email_reminder', robot_call: 'robot_call', collector_call: 'collector_call', letter: 'letter',
  };
  return byChannel[channel];
}

/** Random verify codes; a code already taken is drawn again (the unique index says so). */
function newVerifyCode(): string {
  let s = '';
  for (let i = 0; i < VERIFY_CODE_LENGTH; i++) s += VERIFY_CODE_ALPHABET[randomInt(VERIFY_CODE_ALPHABET.length)];
  return s;
}

/** Maximum rounds of drawing new verify codes for rows whose code collided. */
const MAX_CODE_ROUNDS = 5;

/** The outbox columns planning fills, with their types: one JSON document of rows per batch. */
const PLANNED_COLUMNS = `reference text, account_id bigint, customer_id text, action text, purpose text, channel text, template_code text, language text,
  contact_point text, sender text, initiator_id text, strategy_version int, strategy_row text, experiment text, arm text, priority int,
  scheduled_at timestamptz, expires_at timestamptz, status text, verify_code text, plan_verdict jsonb`;
const PLANNED_NAMES = PLANNED_COLUMNS.split(',').map((c) => c.trim().split(' ')[0]).join(', ');

/**
 * Inserts the batch's contacts. A reference that exists already is a contact planned before (a rerun
 * of the date) and is left alone; a row refused for its verify code (drawn at random, unique) is
 * drawn again.
 */
async function insertPlanned(tx: Db, planned: Planned[], date: string): Promise<void> {
  let pending = planned;
  for (let round = 0; pending.length && round < MAX_CODE_ROUNDS; round++) {
    const rows = pending.map((p) => ({
      reference: p.reference, account_id: p.accountId, customer_id: p.customerId, action: p.action, purpose: p.purpose, channel: p.channel,
      template_code: p.template, language: p.language, contact_point: p.contactPoint, sender: p.sender, initiator_id: p.initiatorId,
      strategy_version: p.decision.tableVersion, strategy_row: p.decision.rowId, experiment: p.decision.experiment ?? null, arm: p.decision.arm ?? null,
      priority: p.decision.priority, scheduled_at: p.at, expires_at: p.expiresAt, status: p.status, verify_code: newVerifyCode(),
      plan_verdict: 'trace' in p.verdict ? storedVerdict(p.verdict) : p.verdict,
    }));
    const inserted = await tx.query<{ reference: string }>(
      `INSERT INTO contacts_outbox (${PLANNED_NAMES}, business_date, initiator_kind, created_at)
       SELECT ${PLANNED_NAMES}, $1::date, 'lender', $2::timestamptz FROM jsonb_to_recordset($3::jsonb) AS u(${PLANNED_COLUMNS})
       ON CONFLICT DO NOTHING RETURNING reference`,
      [date, `${date}T23:59:59.000Z`, JSON.stringify(rows)],
    );
    if (inserted.length === pending.length) return;
    const done = new Set(inserted.map((r) => r.reference));
    const missing = pending.filter((p) => !done.has(p.reference));
    // Of the rows not inserted, those whose reference exists were planned before; the rest lost their verify code.
    const existing = new Set(
      (await tx.query<{ reference: string }>('SELECT reference FROM contacts_outbox WHERE reference = ANY($1::text[])', [missing.map((p) => p.reference)])).map((r) => r.reference),
    );
    pending = missing.filter((p) => !existing.has(p.reference));
  }
  if (pending.length) throw new Error(`could not draw unique verify codes for ${pending.length} contacts`);
}

/** What a what-if run needs: the candidates' facts as the portfolio stands, and the gate as planning applies it. */
export interface WhatIf {
  facts: PlanningFacts[];
  /** The planning check of one channel (no fallbacks: the simulation tries those itself). */
  check(facts: PlanningFacts, decision: PlanDecision): { decision: 'allow' | 'allow_with_flag' | 'require_action' | 'deny'; ruleIds: string[] };
}

export async function loadWhatIf(db: Db, opts: { businessDate: string; jurisdictions: readonly string[]; limit: number; packs: Record<string, CompiledPack>; lenderId: string }): Promise<WhatIf> {
  const rows = await loadFacts(db, opts.businessDate, await db.query<CandidateId>(PORTFOLIO_CANDIDATES_SQL, [opts.businessDate, opts.jurisdictions, opts.limit]));
  const byAccount = new Map(rows.map((r) => [r.id, r]));
  const actionDays = await loadActionDays(db, opts.businessDate, rows.map((r) => r.id));
  const since = historySince(opts.businessDate);
  const contexts = await loadDebtorContexts(db, rows.map((r) => r.customer_id), since);
  const senders = await loadDefaultSenders(db);
  return {
    facts: rows.map((r) => factsOf(r, actionDays.get(r.id) ?? {})),
    check(facts, decision) {
      const r = byAccount.get(facts.accountId);
      const dctx = r && contexts.get(r.customer_id);
      const pack = r && opts.packs[r.jurisdiction];
      if (!r || !dctx || !pack) return { decision: 'deny', ruleIds: ['PLAN-NO-CONTEXT'] };
      const p = planOne(r, facts, { ...decision, fallback: [] }, dctx, pack, senders, opts.lenderId, opts.businessDate, []);
      if (p.status === 'scheduled') return { decision: p.verdict.decision === 'allow_with_flag' ? 'allow_with_flag' : 'allow', ruleIds: [] };
      const v = p.verdict;
      const ruleIds = 'trace' in v ? (v.decision === 'require_action' ? v.requiredActions.map((a) => a.ruleId) : v.denyingRules) : v.denyingRules;
      return { decision: v.decision === 'require_action' ? 'require_action' : 'deny', ruleIds };
    },
  };
}
