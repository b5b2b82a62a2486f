/**
 * The assistant's use cases. A message: refused by the guards or classified, answered from facts
 * read for the debtor only, and logged (session, message, intent, confidence, guard, reply, actions,
 * figures) through the command runner with the caller's idempotency key; a threat also hands the
 * conversation to a person. A hand-off: the transcript as it stands, for staff; closing one.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { AppError } from '../../platform/errors.ts';
import { runCommand } from '../../platform/commands.ts';
import { hitRateLimit } from '../../platform/rate-limit.ts';
import type { CycleHooks } from '../ledger/index.ts';
import type { LenderProfile } from '../contacts/index.ts';
import { AskInputSchema, HandoffInputSchema, type Answer, type AnswerKind, type Guard, type Handoff, type HandoffReason, type Language } from './assistant.types.ts';
import { CONFIDENCE_THRESHOLD, classify, detectLanguage } from './classifier.rules.ts';
import { guardOf, saferIntent } from './safety.rules.ts';
import { compose, guardedAnswer, type Composed } from './compose.rules.ts';
import { assistantModel } from './intents.ts';
import { findSession, gatherFacts, getHandoff, handoffOfSession, loadDebtor, transcript, type Debtor } from './assistant.store.ts';

export interface AssistantDeps {
  db: Db;
  clock: Clock;
  hooks: CycleHooks;
  lender: LenderProfile;
}

/** Messages a debtor may send a minute: more than a person types, too few to mine the assistant. */
export const ASSISTANT_MESSAGES_PER_MINUTE = 20;

/** The audit events of the assistant (see modules/audit/audit.types.ts). */
export type AssistantAuditEvent =
  /** The assistant answered a debtor's message (the message itself is in assistant_messages). */
  | { type: 'ASSISTANT_ANSWERED'; subject: `customer:${string}`; data: { sessionId: string; seq: number; intent: AnswerKind; guard: Guard | null; confidence: number; modelVersion: string; figures: number } }
  /** A conversation was handed to a person, with its transcript. */
  | { type: 'ASSISTANT_HANDED_OFF'; subject: `customer:${string}`; data: { handoffId: number; sessionId: string; reason: HandoffReason; messages: number } }
  /** Staff closed a hand-off. */
  | { type: 'ASSISTANT_HANDOFF_CLOSED'; subject: `customer:${string}`; data: { handoffId: number; sessionId: string } };

function parse<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } }, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: i.path.map(String).join('.') || 'body', message: i.message }));
  throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
}

async function debtorOr404(db: Db, customerId: string): Promise<Debtor> {
  const d = await loadDebtor(db, customerId);
  if (!d) throw new AppError('NOT_FOUND', `customerId: no customer '${customerId}'`, { issues: [{ path: 'customerId', message: 'no such customer' }] });
  return d;
}

/** A session of this debtor, or a 404 naming the field (another debtor's session is not found either). */
async function ownSession(db: Db, sessionId: string, customerId: string) {
  const s = await findSession(db, sessionId);
  if (!s || s.customer_id !== customerId) throw new AppError('NOT_FOUND', `sessionId: no conversation '${sessionId}'`, { issues: [{ path: 'sessionId', message: 'no such conversation' }] });
  return s;
}

/** What the assistant makes of a message: its guard, the kind of answer and the confidence. Pure apart from the model. */
export function understand(text: string, debtor: Pick<Debtor, 'phones' | 'name'>): { guard: Guard | null; kind: AnswerKind; confidence: number; modelVersion: string } {
  const model = assistantModel();
  const guard = guardOf(text, { ownPhones: debtor.phones, ownName: debtor.name });
  if (guard) return { guard, kind: guard === 'threat' ? 'threat' : guard === 'injection' ? 'out_of_scope' : 'other_person', confidence: 1, modelVersion: model.version };
  const p = classify(model, text);
  const intent = saferIntent(p);
  const kind: AnswerKind = intent === 'other_person' || intent === 'threat' || p.confidence >= CONFIDENCE_THRESHOLD ? intent : 'unsure';
  return { guard: null, kind, confidence: Math.round(p.confidence * 1000) / 1000, modelVersion: model.version };
}

/** A debtor's message to the assistant: answered and logged once per idempotency key. */
export async function askAssistant(deps: AssistantDeps, customerId: string, input: unknown, opts: { idempotencyKey: string }): Promise<{ result: Answer; replayed: boolean }> {
  const ask = parse(AskInputSchema, input);
  const debtor = await debtorOr404(deps.db, customerId);
  await hitRateLimit(deps.db, deps.clock, 'assistant_message', customerId, { limit: ASSISTANT_MESSAGES_PER_MINUTE, windowSeconds: 60 });
  const session = ask.sessionId ? await ownSession(deps.db, ask.sessionId, customerId) : undefined;
  const language: Language = detectLanguage(ask.text, ask.language ?? session?.language ?? debtor.language);
  const u = understand(ask.text, debtor);
  // A guarded message reads nothing; any other reads only what its answer quotes.
  let composed: Composed;
  if (u.guard) composed = guardedAnswer(u.guard, language, deps.lender.hotline);
  else composed = compose(u.kind, await gatherFacts(deps, debtor, u.kind, ask.text), language);
  const accountRefs = [...new Set(composed.figures.map((f) => f.accountRef).filter((r): r is string => r !== null))];
  const out = await runCommand<Answer>(deps.db, deps.clock, { command: 'askAssistant', idempotencyKey: opts.idempotencyKey, actor: `debtor:${customerId}`, input: { customerId, ...ask } }, async (tx) => {
    const now = deps.clock.now();
    const sessionId = session?.id ?? randomUUID();
    if (!session) await tx.query('INSERT INTO assistant_sessions (id, customer_id, language, started_at, last_at) VALUES ($1, $2, $3, $4, $4)', [sessionId, customerId, language, now]);
    else await tx.query('UPDATE assistant_sessions SET last_at = $2 WHERE id = $1', [sessionId, now]);
    const [{ seq }] = (await tx.query<{ seq: number }>('SELECT coalesce(max(seq), 0) + 1 AS seq FROM assistant_messages WHERE session_id = $1', [sessionId])) as [{ seq: number }];
    const [msg] = (await tx.query<{ id: number }>(
      `INSERT INTO assistant_messages (session_id, seq, at, text, language, intent, confidence, guard, model_version, reply, actions, figures, customer_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [sessionId, seq, now, ask.text, language, u.kind, u.confidence, u.guard, u.modelVersion, composed.reply, JSON.stringify(composed.actions), JSON.stringify(composed.figures), customerId],
    )) as [{ id: number }];
    const audit: Array<{ type: AssistantAuditEvent['type']; actor: string; subject: string; data: unknown }> = [{
      type: 'ASSISTANT_ANSWERED', actor: `debtor:${customerId}`, subject: `customer:${customerId}`,
      data: { sessionId, seq, intent: u.kind, guard: u.guard, confidence: u.confidence, modelVersion: u.modelVersion, figures: composed.figures.length },
    }];
    let handoffId: number | null = null;
    if (u.kind === 'threat') {
      const h = await openHandoff(tx, { sessionId, customerId, reason: 'threat', note: null, accountRefs, now });
      handoffId = h.id;
      if (h.created) audit.push({ type: 'ASSISTANT_HANDED_OFF', actor: `debtor:${customerId}`, subject: `customer:${customerId}`, data: { handoffId: h.id, sessionId, reason: 'threat', messages: seq } });
    }
    const result: Answer = {
      sessionId, messageId: msg.id, reply: composed.reply, intent: u.kind, confidence: u.confidence, guard: u.guard, language,
      actions: handoffId === null ? composed.actions : composed.actions.filter((a) => a.kind !== 'handoff'), figures: composed.figures, handoffId,
    };
    return { result, audit };
  });
  return { result: out.result, replayed: out.replayed };
}

async function openHandoff(tx: Db, h: { sessionId: string; customerId: string; reason: HandoffReason; note: string | null; accountRefs: string[]; now: string }): Promise<{ id: number; created: boolean }> {
  const [existing] = await tx.query<{ id: number }>('SELECT id FROM assistant_handoffs WHERE session_id = $1', [h.sessionId]);
  if (existing) return { id: existing.id, created: false };
  // The debtor's accounts named so far in the conversation, so staff can open them.
  const lines = await transcript(tx, h.sessionId);
  const refs = new Set(h.accountRefs);
  for (const l of lines) for (const f of l.figures) if (f.accountRef) refs.add(f.accountRef);
  const [row] = (await tx.query<{ id: number }>(
    `INSERT INTO assistant_handoffs (session_id, customer_id, account_refs, reason, note, transcript, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'open', $7) RETURNING id`,
    [h.sessionId, h.customerId, JSON.stringify([...refs].sort()), h.reason, h.note, JSON.stringify(lines.map(({ actions: _a, figures: _f, ...l }) => l)), h.now],
  )) as [{ id: number }];
  return { id: row.id, created: true };
}

/** The debtor asks for a person: the conversation so far goes to staff (once per conversation). */
export async function requestHandoff(deps: AssistantDeps, customerId: string, input: unknown, opts: { idempotencyKey: string }): Promise<{ result: Handoff; replayed: boolean }> {
  const h = parse(HandoffInputSchema, input);
  await ownSession(deps.db, h.sessionId, customerId);
  const out = await runCommand<Handoff>(deps.db, deps.clock, { command: 'requestAssistantHandoff', idempotencyKey: opts.idempotencyKey, actor: `debtor:${customerId}`, input: { customerId, ...h } }, async (tx) => {
    // After an answer the assistant was not sure of, the hand-off says so.
    const [last] = await tx.query<{ intent: string }>('SELECT intent FROM assistant_messages WHERE session_id = $1 ORDER BY seq DESC LIMIT 1', [h.sessionId]);
    const reason: HandoffReason = last?.intent === 'unsure' ? 'unsure' : 'asked';
    const opened = await openHandoff(tx, { sessionId: h.sessionId, customerId, reason, note: h.note ?? null, accountRefs: [], now: deps.clock.now() });
    const got = (await getHandoff(tx, opened.id))!;
    return {
      result: got,
      audit: { type: 'ASSISTANT_HANDED_OFF', actor: `debtor:${customerId}`, subject: `customer:${customerId}`, data: { handoffId: got.id, sessionId: h.sessionId, reason: got.reason, messages: got.transcript.length } },
    };
  });
  return { result: out.result, replayed: out.replayed };
}

/** Staff close a hand-off once the debtor has been helped. */
export async function closeHandoff(deps: Pick<AssistantDeps, 'db' | 'clock'>, id: number, opts: { actor: string; idempotencyKey: string }): Promise<{ result: Handoff; replayed: boolean }> {
  const out = await runCommand<Handoff>(deps.db, deps.clock, { command: 'closeAssistantHandoff', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: { id } }, async (tx) => {
    const h = await getHandoff(tx, id);
    if (!h) throw new AppError('NOT_FOUND', `id: no hand-off ${id}`, { issues: [{ path: 'id', message: 'no such hand-off' }] });
    if (h.status !== 'open') throw new AppError('CONFLICT', `id: hand-off ${id} is closed already`, { issues: [{ path: 'id', message: 'closed already' }] });
    await tx.query(`UPDATE assistant_handoffs SET status = 'closed', closed_at = $2, closed_by = $3 WHERE id = $1`, [id, deps.clock.now(), opts.actor]);
    return { result: (await getHandoff(tx, id))!, audit: { type: 'ASSISTANT_HANDOFF_CLOSED', actor: opts.actor, subject: `customer:${h.customerId}`, data: { handoffId: id, sessionId: h.sessionId } } };
  });
  return { result: out.result, replayed: out.replayed };
}

export { handoffOfSession };
