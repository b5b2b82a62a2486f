/**
 * The assistant's reads: the debtor asking, the facts an answer is composed from (always scoped to
 * the debtor's own customer id, through the read models the portal already shows), sessions,
 * transcripts and hand-offs.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { hitRateLimit } from '../../platform/rate-limit.ts';
import type { Currency } from '../../platform/money.ts';
import { getAccountDetail, listAccounts, type AccountSummary, type CycleHooks } from '../ledger/index.ts';
import { portalOptions } from '../negotiation/index.ts';
import { loadPackChain, JURISDICTIONS, type Jurisdiction } from '../compliance/index.ts';
import { slaPolicyFor } from '../complaints/index.ts';
import { verifyCode, VERIFY_LOOKUPS_PER_MINUTE, type LenderProfile } from '../contacts/index.ts';
import type { AccountFacts, Facts, OptionFacts, RightsFacts } from './compose.rules.ts';
import type { Action, AnswerKind, Figure, Guard, Handoff, HandoffReason, Language, Session, TranscriptLine } from './assistant.types.ts';

export interface Debtor {
  id: string;
  name: string;
  phones: string[];
  jurisdiction: string;
  language: Language;
}

export async function loadDebtor(db: Db, customerId: string): Promise<Debtor | undefined> {
  const [row] = await db.query<{ id: string; name: string; phones: unknown; jurisdiction: string; language: string }>(
    'SELECT id, name, phones, jurisdiction, language FROM customers WHERE id = $1', [customerId]);
  if (!row) return undefined;
  const phones = Array.isArray(row.phones) ? row.phones.filter((p): p is string => typeof p === 'string') : [];
  return { id: row.id, name: row.name, phones, jurisdiction: row.jurisdiction, language: row.language === 'en' ? 'en' : 'zh-CN' };
}

/** Which facts each kind of answer needs: nothing is read that the answer does not quote. */
const NEEDS: Record<AnswerKind, ReadonlyArray<'accounts' | 'schedule' | 'options' | 'rights' | 'complaint' | 'verify'>> = {
  balance: ['accounts'], breakdown: ['accounts', 'schedule'], due_date: ['accounts', 'schedule'], options: ['accounts', 'options'], propose_plan: ['accounts', 'options'],
  pay: ['accounts'], rights: ['rights'], complain: ['complaint'], verify_call: ['verify'], dispute: ['accounts'], stop_contact: [], human: [], greeting: [],
  other_person: [], threat: [], out_of_scope: [], unsure: [],
};

export interface FactsDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  lender: LenderProfile;
}

/** The debtor's own accounts with something owed (all of them when one is named in the message). */
async function ownAccounts(db: Db, debtor: Debtor, text: string): Promise<AccountSummary[]> {
  const all = await listAccounts(db, { customerId: debtor.id, limit: 100 });
  const named = all.filter((a) => new RegExp(`(^|[^A-Za-z0-9-])${a.id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9-])`, 'i').test(text));
  if (named.length > 0) return named;
  return all.filter((a) => a.balances.totalMinor !== 0 || a.balances.overdueMinor !== 0);
}

async function accountFacts(db: Db, a: AccountSummary, withSchedule: boolean): Promise<AccountFacts> {
  const facts: AccountFacts = {
    ref: a.id, currency: a.currency as Currency, asOf: a.asOf, dpd: a.dpd, balances: a.balances, nextDue: null, oldestUnpaidDueOn: null,
    charged: { interest: { chargedMinor: 0, cappedMinor: 0 }, penalty: { chargedMinor: 0, cappedMinor: 0 }, fees: { chargedMinor: 0, cappedMinor: 0 } },
  };
  if (!withSchedule) return facts;
  // The same read model as the portal's "what I owe and why" page.
  const d = await getAccountDetail(db, a.id);
  const next = d.schedule.find((s) => s.settledOn === null && s.dueOn > d.asOf);
  facts.nextDue = next ? { dueOn: next.dueOn, amountMinor: next.principalDueMinor + next.interestDueMinor } : null;
  facts.oldestUnpaidDueOn = d.schedule.find((s) => s.settledOn === null && s.dueOn <= d.asOf)?.dueOn ?? null;
  for (const c of ['interest', 'penalty', 'fees'] as const) facts.charged[c] = { chargedMinor: d.explain[c].chargedMinor, cappedMinor: d.explain[c].cappedMinor };
  return facts;
}

function rightsFacts(jurisdiction: string): RightsFacts {
  const id: Jurisdiction = (JURISDICTIONS as readonly string[]).includes(jurisdiction) ? (jurisdiction as Jurisdiction)
    : (JURISDICTIONS as readonly string[]).includes(jurisdiction.split('-')[0]!) ? (jurisdiction.split('-')[0] as Jurisdiction) : 'CN';
  const p: Record<string, unknown> = {};
  for (const pack of loadPackChain(id)) Object.assign(p, pack.parameters);
  const num = (k: string) => (typeof p[k] === 'number' ? (p[k] as number) : null);
  const thirdParty = (p.contactPurposesAllowed ?? p.thirdPartyPurposesAllowed) as unknown;
  return {
    jurisdiction: id,
    contactFromMinutes: num('earliestLocalMinutes') ?? num('quietEndLocalMinutes'),
    contactUntilMinutes: num('latestLocalMinutes') ?? num('quietStartLocalMinutes'),
    maxConversationsPerDay: num('maxConnectedConversationsPerDebtorPerDay'),
    thirdPartiesOnlyToLocate: Array.isArray(thirdParty) && thirdParty.every((x) => x === 'locate_debtor' || x === 'pass_message') || num('thirdPartyLocationContactsPerPerson') !== null,
    disputeHoldsCollection: p.disputeHoldsCollection === true || Array.isArray(p.disputeHoldPurposesAllowed),
    creditReportNoticeDays: num('creditReportPreNoticeDays'),
  };
}

/** A verify code in the message: the code's shape (10 characters, maybe with a hyphen), or any mixed letters-and-digits token. */
export function verifyCodeIn(text: string): string | null {
  const t = text.normalize('NFKC').toUpperCase();
  const exact = /(?<![0-9A-Z])([2-9A-HJKMNP-TV-Z]{5})-?([2-9A-HJKMNP-TV-Z]{5})(?![0-9A-Z])/.exec(t);
  if (exact) return `${exact[1]}${exact[2]}`;
  const loose = /(?<![0-9A-Z])(?=[0-9A-Z-]*\d)(?=[0-9A-Z-]*[A-Z])[0-9A-Z][0-9A-Z-]{3,14}[0-9A-Z](?![0-9A-Z])/.exec(t);
  return loose ? loose[0] : null;
}

/** Reads what an answer of this kind quotes, for this debtor only. */
export async function gatherFacts(deps: FactsDeps, debtor: Debtor, kind: AnswerKind, text: string): Promise<Facts> {
  const needs = NEEDS[kind];
  const facts: Facts = { accounts: [], hotline: deps.lender.hotline };
  if (needs.includes('accounts')) {
    const own = await ownAccounts(deps.db, debtor, text);
    for (const a of own) facts.accounts.push(await accountFacts(deps.db, a, needs.includes('schedule')));
  }
  if (needs.includes('options')) {
    const options: OptionFacts[] = [];
    for (const a of facts.accounts.filter((x) => x.balances.totalMinor > 0)) {
      const o = await portalOptions({ db: deps.db, hooks: deps.hooks }, { accountRef: a.ref });
      for (const opt of o.options) options.push({ accountRef: a.ref, kind: opt.kind, explanation: opt.explanation, instant: opt.instant });
    }
    facts.options = options;
  }
  if (needs.includes('rights')) facts.rights = rightsFacts(debtor.jurisdiction);
  if (needs.includes('complaint')) {
    const sla = slaPolicyFor(debtor.jurisdiction);
    facts.complaint = { acknowledge: sla.acknowledge, finalResponse: sla.finalResponse };
  }
  if (needs.includes('verify')) {
    const code = verifyCodeIn(text);
    if (code) {
      // The same limit as the public verify page, per debtor: the assistant is no way round it.
      await hitRateLimit(deps.db, deps.clock, 'assistant_verify', debtor.id, { limit: VERIFY_LOOKUPS_PER_MINUTE, windowSeconds: 60 });
      const v = await verifyCode(deps.db, deps.lender, code);
      facts.verify = { code: v.code, genuine: v.genuine, message: v.message, ...(v.howToReport ? { howToReport: v.howToReport } : {}) };
    } else {
      facts.verify = null;
    }
  }
  return facts;
}

interface SessionRow { id: string; customer_id: string; language: Language; started_at: string }

export async function findSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.query<SessionRow>('SELECT id, customer_id, language, started_at FROM assistant_sessions WHERE id = $1', [id]);
  return row;
}

interface MessageRow { seq: number; at: string; text: string; reply: string; intent: AnswerKind; confidence: number; guard: Guard | null; actions: Action[]; figures: Figure[] }

export async function transcript(db: Db, sessionId: string): Promise<Array<TranscriptLine & { actions: Action[]; figures: Figure[] }>> {
  const rows = await db.query<MessageRow>(
    'SELECT seq, at, text, reply, intent, confidence, guard, actions, figures FROM assistant_messages WHERE session_id = $1 ORDER BY seq', [sessionId]);
  return rows.map((r) => ({ seq: r.seq, at: r.at, text: r.text, reply: r.reply, intent: r.intent, confidence: Number(r.confidence), guard: r.guard, actions: r.actions, figures: r.figures }));
}

export async function getSession(db: Db, id: string): Promise<(Session & { customerId: string }) | undefined> {
  const s = await findSession(db, id);
  if (!s) return undefined;
  const [h] = await db.query<{ id: number }>('SELECT id FROM assistant_handoffs WHERE session_id = $1', [id]);
  return { id: s.id, customerId: s.customer_id, language: s.language, startedAt: s.started_at, handoffId: h?.id ?? null, messages: await transcript(db, id) };
}

interface HandoffRow {
  id: number; session_id: string; customer_id: string; account_refs: string[]; reason: HandoffReason; note: string | null; status: 'open' | 'closed';
  created_at: string; closed_at: string | null; closed_by: string | null; transcript: TranscriptLine[];
}

function handoffOf(r: HandoffRow): Handoff {
  return {
    id: r.id, sessionId: r.session_id, customerId: r.customer_id, accountRefs: r.account_refs, reason: r.reason, note: r.note, status: r.status,
    createdAt: r.created_at, closedAt: r.closed_at, closedBy: r.closed_by, transcript: r.transcript,
  };
}

const HANDOFF_COLUMNS = 'id, session_id, customer_id, account_refs, reason, note, status, created_at, closed_at, closed_by, transcript';

export async function getHandoff(db: Db, id: number): Promise<Handoff | undefined> {
  const [r] = await db.query<HandoffRow>(`SELECT ${HANDOFF_COLUMNS} FROM assistant_handoffs WHERE id = $1`, [id]);
  return r ? handoffOf(r) : undefined;
}

export async function handoffOfSession(db: Db, sessionId: string): Promise<Handoff | undefined> {
  const [r] = await db.query<HandoffRow>(`SELECT ${HANDOFF_COLUMNS} FROM assistant_handoffs WHERE session_id = $1`, [sessionId]);
  return r ? handoffOf(r) : undefined;
}

export const MAX_HANDOFFS_LISTED = 200;

/** Hand-offs for staff, oldest open first (or the newest closed). */
export async function listHandoffs(db: Db, filter: { status: 'open' | 'closed'; customerId?: string | undefined; limit?: number }): Promise<Handoff[]> {
  const rows = await db.query<HandoffRow>(
    `SELECT ${HANDOFF_COLUMNS} FROM assistant_handoffs WHERE status = $1 AND ($2::text IS NULL OR customer_id = $2)
     ORDER BY CASE WHEN status = 'open' THEN created_at END ASC, created_at DESC, id LIMIT $3`,
    [filter.status, filter.customerId ?? null, Math.min(filter.limit ?? MAX_HANDOFFS_LISTED, MAX_HANDOFFS_LISTED)]);
  return rows.map(handoffOf);
}
