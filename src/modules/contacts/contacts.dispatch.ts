/**
 * Dispatch: takes due planned contacts, checks each again against the latest state (a payment, a
 * dispute, an opt-out or another contact may have arrived since planning), renders and lints the
 * text, sends it through its channel's provider, and records the attempt, the outcome and later the
 * delivery report.
 *
 * A contact is never sent twice. An item is claimed (`sending`, with a lease) in a transaction that
 * commits before the send; the send carries the item's reference to the provider; the result is
 * recorded afterwards. If the process dies between the send and the record, the item is found later
 * with an expired lease and the provider is asked whether it holds that reference: if it does, the
 * send is recorded as it was; only if it does not is the item checked and sent again.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { canonicalJson } from '../../platform/canonical-json.ts';
import { faultPoint } from '../../platform/faults.ts';
import { formatMoney } from '../../platform/money.ts';
import { checkContact, lintMessage, parseContactRequest, type CompiledPack, type Verdict } from '../compliance/index.ts';
import { contactRequest, storedVerdict, HISTORY_DAYS, type DebtorContext } from './gate.rules.ts';
import { formatBreakdown, maskRef, renderTemplate, type TemplateValues } from './templates.rules.ts';
import { COMPLIANCE_CHANNEL, SENDER_CHANNEL, type OutboxItem } from './contacts.types.ts';
import {
  claimDueItems, claimInterrupted, expireItems, loadAccountFigures, loadDebtorContexts, loadLatestTemplates, loadRegisteredSenders, senderKey,
  type AccountFiguresRow, type TemplateRow,
} from './contacts.store.ts';
import { ProviderError, type ChannelProvider, type DeliveryReport, type OutboundMessage, type ProviderChannel, type SendReceipt } from './providers/provider.types.ts';

/** Items claimed per round. */
export const DISPATCH_BATCH_SIZE = 200;
/** Rounds of claim → check → send → record in flight at once. */
export const DISPATCH_ROUNDS_IN_FLIGHT = 3;
/** How long a claimed item is held; longer than any send may take, so a live send is never taken over. */
export const DISPATCH_LEASE_SECONDS = 120;
/** Sends tried per item before it is given up as failed. */
export const MAX_SEND_ATTEMPTS = 3;
/** Wait before a send that failed for a passing reason is tried again. */
export const RETRY_DELAY_SECONDS = 300;

export interface LenderProfile {
  id: string;
  name: Record<'zh-CN' | 'en', string>;
  hotline: string;
  portalUrl: string;
}

export const DEFAULT_LENDER: LenderProfile = {
  // The lender is the single tenant: its id is the one the worklist records in-house calls under.
  id: 'lender',
  name: { 'zh-CN': '公平信贷示范机构', en: 'Fairdebt Demo Lender' },
  hotline: '400-800-1234',
  portalUrl: 'http://localhost:3000/portal',
};

export interface DispatchDeps {
  db: Db;
  clock: Clock;
  providers: Partial<Record<ProviderChannel, ChannelProvider>>;
  /** Compiled packs by jurisdiction. */
  packs: Record<string, CompiledPack>;
  lender: LenderProfile;
  /**
   * When aborted (the worker is shutting down), no more items are claimed; items claimed and checked
   * but not yet handed to a provider go back to the queue (lease released); sends under way finish and
   * are recorded.
   */
  signal?: AbortSignal | undefined;
}

export interface DispatchSummary {
  claimed: number;
  sent: number;
  blocked: number;
  cancelled: number;
  rescheduled: number;
  retried: number;
  failed: number;
  expired: number;
  /** Interrupted sends found at the provider and recorded without sending again. */
  recovered: number;
  /** Interrupted sends the provider did not hold, released to be checked and sent again. */
  released: number;
  /** Sends whose outcome is not known (e.g. the connection dropped after writing): reconciled after their lease. */
  unknown: number;
  /** Claimed when a shutdown began and put back unsent, lease released, for the next run. */
  returned: number;
  reports: number;
}

const emptySummary = (): DispatchSummary => ({ claimed: 0, sent: 0, blocked: 0, cancelled: 0, rescheduled: 0, retried: 0, failed: 0, expired: 0, recovered: 0, released: 0, unknown: 0, returned: 0, reports: 0 });

const plusSeconds = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

/** Dispatches everything due at the clock's `now`; returns what happened. */
export async function dispatchDue(deps: DispatchDeps, opts: { maxItems?: number } = {}): Promise<DispatchSummary> {
  const { db, clock } = deps;
  const summary = emptySummary();
  const now = clock.now();
  const lease = plusSeconds(now, DISPATCH_LEASE_SECONDS);
  summary.expired = await expireItems(db, now);
  while (!deps.signal?.aborted) {
    const stale = await claimInterrupted(db, now, lease, DISPATCH_BATCH_SIZE);
    if (stale.length === 0) break;
    faultPoint('dispatch.reconcile.after-claim');
    await reconcile(deps, stale, summary);
  }
  const cache: BatchCache = { templates: await loadLatestTemplates(db), senders: await loadRegisteredSenders(db) };
  const max = opts.maxItems ?? Number.POSITIVE_INFINITY;
  let reserved = 0;
  // Several rounds in flight, so that one round's sends overlap another's database work; SKIP LOCKED
  // keeps them from claiming the same items.
  const round = async () => {
    while (reserved < max && !deps.signal?.aborted) {
      const want = Math.min(DISPATCH_BATCH_SIZE, max - reserved);
      reserved += want;
      const items = await claimDueItems(db, now, lease, want);
      reserved -= want - items.length;
      if (items.length === 0) return;
      faultPoint('dispatch.claim.after-commit');
      summary.claimed += items.length;
      await dispatchBatch(deps, cache, await withoutEarlierSends(deps, items, summary), summary);
    }
  };
  await Promise.all(Array.from({ length: DISPATCH_ROUNDS_IN_FLIGHT }, round));
  summary.reports += await applyDeliveryReports(db);
  return summary;
}

interface BatchCache {
  templates: Map<string, TemplateRow>;
  senders: Set<string>;
}

interface Asked {
  /** The provider holds the reference: the message went out. */
  held: Array<{ item: OutboxItem; receipt: SendReceipt }>;
  /** The provider does not hold it: it never arrived. */
  absent: OutboxItem[];
  /** The provider could not be asked: whether it went out is not known. */
  unknown: Array<{ item: OutboxItem; error: Error }>;
}

/** Asks each item's provider whether it holds the item's reference. */
async function askProviders(deps: DispatchDeps, items: readonly OutboxItem[]): Promise<Asked> {
  const asked: Asked = { held: [], absent: [], unknown: [] };
  for (const item of items) {
    const provider = deps.providers[item.channel];
    try {
      if (!provider) throw new ProviderError(`no provider for channel ${item.channel}`, true);
      const receipt = await provider.lookup(item.reference);
      if (receipt) asked.held.push({ item, receipt });
      else asked.absent.push(item);
    } catch (err) {
      asked.unknown.push({ item, error: err as Error });
    }
  }
  faultPoint('dispatch.lookup.after-ask');
  if (asked.held.length) await recordSends(deps, asked.held, 'recovered');
  return asked;
}

/** The provider knows the reference: record the send. It does not: release the item to be sent again. */
async function reconcile(deps: DispatchDeps, items: OutboxItem[], summary: DispatchSummary): Promise<void> {
  const { held, absent, unknown } = await askProviders(deps, items);
  summary.recovered += held.length;
  // Unknown whether it went out: never guess. The item stays `sending` and is asked about again later.
  for (const { item, error } of unknown) {
    await deps.db.query('UPDATE contacts_outbox SET last_error = $2 WHERE id = $1', [item.id, `interrupted send not reconciled: ${error.message}`]);
  }
  for (const item of absent) {
    summary.released++;
    const giveUp = item.attempts >= MAX_SEND_ATTEMPTS;
    await deps.db.query(
      `UPDATE contacts_outbox SET status = $2, lease_until = NULL, last_error = $3 WHERE id = $1 AND status = 'sending'`,
      [item.id, giveUp ? 'failed' : 'scheduled', giveUp ? 'interrupted and not found at the provider; attempts exhausted' : 'interrupted; not found at the provider, to be checked and sent again'],
    );
    if (giveUp) summary.failed++;
  }
}

/**
 * An item tried before may have reached its provider although the attempt ended in an error (a
 * connection lost before the answer). Before it is sent again, the provider is asked: one it holds is
 * recorded as sent and not sent again; one whose provider cannot be asked waits for its lease, since a
 * send now could be a second one. (An item with no provider at all goes on to fail as before.)
 */
async function withoutEarlierSends(deps: DispatchDeps, items: OutboxItem[], summary: DispatchSummary): Promise<OutboxItem[]> {
  const { held, unknown } = await askProviders(deps, items.filter((i) => i.attempts > 1 && deps.providers[i.channel]));
  summary.recovered += held.length;
  const skip = new Set([...held.map((h) => h.item.id), ...unknown.map((u) => u.item.id)]);
  return items.filter((i) => !skip.has(i.id));
}

type Decision =
  | { kind: 'send'; item: OutboxItem; msg: OutboundMessage; verdict: Verdict }
  | { kind: 'blocked' | 'cancelled' | 'rescheduled'; item: OutboxItem; reason: string; rules: string[]; verdict?: Verdict; nextAt?: string; text?: string };

async function dispatchBatch(deps: DispatchDeps, cache: BatchCache, items: OutboxItem[], summary: DispatchSummary): Promise<void> {
  const { db, clock } = deps;
  const now = clock.now();
  const contexts = await loadDebtorContexts(db, items.map((i) => i.customerId), plusSeconds(now, -HISTORY_DAYS * 86_400));
  const figures = await loadAccountFigures(db, items.map((i) => i.accountId));
  const decisions = items.map((item) => decide(deps, cache, item, contexts.get(item.customerId), figures.get(item.accountId), now));

  // Record every decision before anything is sent: blocked and cancelled items end here; items to send
  // keep their lease and carry the verdict and the exact text that goes out.
  await db.transaction(async (tx) => {
    const ids: number[] = [], statuses: string[] = [], verdicts: Array<string | null> = [], texts: Array<string | null> = [], subjects: Array<string | null> = [];
    const nextAts: Array<string | null> = [], errors: Array<string | null> = [];
    for (const d of decisions) {
      ids.push(d.item.id);
      statuses.push(d.kind === 'send' ? 'sending' : d.kind === 'rescheduled' ? 'scheduled' : d.kind);
      verdicts.push(d.verdict ? JSON.stringify(storedVerdict(d.verdict)) : null);
      texts.push(d.kind === 'send' ? d.msg.text : (d.text ?? null));
      subjects.push(d.kind === 'send' ? (d.msg.subject ?? null) : null);
      nextAts.push(d.kind === 'rescheduled' ? d.nextAt! : null);
      errors.push(d.kind === 'send' ? null : d.reason);
    }
    await tx.query(
      `UPDATE contacts_outbox o SET status = u.status, dispatch_verdict = u.verdict::jsonb, rendered_text = u.txt, rendered_subject = u.subj,
              scheduled_at = coalesce(u.next_at, o.scheduled_at), lease_until = CASE WHEN u.status = 'sending' THEN o.lease_until END, last_error = u.err
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[]) AS u(id, status, verdict, txt, subj, next_at, err)
       WHERE o.id = u.id`,
      [ids, statuses, verdicts, texts, subjects, nextAts, errors],
    );
    const notSent = decisions.filter((d) => d.kind !== 'send');
    if (notSent.length) {
      await appendAudit(tx, now, {
        type: 'CONTACTS_DISPATCHED', actor: 'system:dispatch', subject: 'dispatch',
        data: { items: notSent.map((d) => ({ reference: d.item.reference, status: d.kind, ...(d.verdict ? { decision: d.verdict.decision } : {}), rules: d.rules })) },
      });
    }
  });
  faultPoint('dispatch.decisions.after-commit');
  for (const d of decisions) if (d.kind !== 'send') summary[d.kind]++;

  let toSend = decisions.filter((d): d is Extract<Decision, { kind: 'send' }> => d.kind === 'send');
  if (deps.signal?.aborted && toSend.length) {
    // Shutting down: nothing has gone to a provider yet, so the items go back to the queue as they were.
    await db.query(
      `UPDATE contacts_outbox SET status = 'scheduled', lease_until = NULL, attempts = greatest(attempts - 1, 0) WHERE id = ANY($1::bigint[]) AND status = 'sending'`,
      [toSend.map((d) => d.item.id)],
    );
    summary.returned += toSend.length;
    toSend = [];
  }
  const results = await Promise.all(toSend.map(async (d) => {
    try {
      const provider = deps.providers[d.item.channel];
      if (!provider) throw new ProviderError(`no provider is configured for channel ${d.item.channel}`, true);
      const receipt = await provider.send(d.msg);
      // Accepted by the provider, not yet recorded: the moment exactly-once is about.
      faultPoint('dispatch.send.after-provider');
      return { d, receipt };
    } catch (err) {
      return { d, error: err as Error };
    }
  }));
  const sent = results.filter((r): r is { d: (typeof toSend)[number]; receipt: SendReceipt } => 'receipt' in r);
  await recordSends(deps, sent.map((r) => ({ item: r.d.item, receipt: r.receipt })), 'sent');
  faultPoint('dispatch.record.after-commit');
  summary.sent += sent.length;
  for (const r of results) {
    if (!('error' in r) || r.error === undefined) continue;
    const err = r.error;
    if (!(err instanceof ProviderError)) {
      // Not a refusal: the message may have reached the provider (a connection lost after writing it).
      // The item keeps its lease; when the lease expires the provider is asked before any new send.
      await db.query('UPDATE contacts_outbox SET last_error = $2 WHERE id = $1', [r.d.item.id, `send outcome unknown: ${err.message}`]);
      summary.unknown++;
      continue;
    }
    const retry = err.retryable && r.d.item.attempts < MAX_SEND_ATTEMPTS && plusSeconds(now, RETRY_DELAY_SECONDS) < r.d.item.expiresAt;
    await db.query(
      `UPDATE contacts_outbox SET status = $2, scheduled_at = CASE WHEN $2 = 'scheduled' THEN $3::timestamptz ELSE scheduled_at END, lease_until = NULL, last_error = $4 WHERE id = $1`,
      [r.d.item.id, retry ? 'scheduled' : 'failed', plusSeconds(now, RETRY_DELAY_SECONDS), err.message],
    );
    if (retry) summary.retried++;
    else summary.failed++;
  }
}

/** Records sends the providers accepted: the item, the contact history row, the audit entry. */
async function recordSends(deps: DispatchDeps, sends: Array<{ item: OutboxItem; receipt: SendReceipt }>, how: 'sent' | 'recovered'): Promise<void> {
  if (sends.length === 0) return;
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.query(
      `UPDATE contacts_outbox o SET status = 'sent', provider_message_id = u.pid, sent_at = u.at, lease_until = NULL, last_error = NULL
       FROM unnest($1::bigint[], $2::text[], $3::timestamptz[]) AS u(id, pid, at) WHERE o.id = u.id AND o.status = 'sending'`,
      [sends.map((s) => s.item.id), sends.map((s) => s.receipt.providerMessageId), sends.map((s) => s.receipt.acceptedAt)],
    );
    // A task handed to a collector is not yet a contact: the collector's call record is.
    const contacts = sends.filter((s) => s.item.channel !== 'collector_call');
    if (contacts.length) {
      await tx.query(
        `INSERT INTO contact_history (customer_id, account_id, outbox_id, at, channel, direction, recipient_role, person_id, contact_point, outcome, initiator_kind, initiator_id)
         SELECT u.cust, u.acct, u.oid, u.at, u.ch, 'outbound', u.role, u.cust, u.cp, u.outcome, u.ik, u.iid
         FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
              AS u(cust, acct, oid, at, ch, role, cp, outcome, ik, iid)
         ON CONFLICT (outbox_id, customer_id) DO NOTHING`,
        [
          contacts.map((s) => s.item.customerId), contacts.map((s) => s.item.accountId), contacts.map((s) => s.item.id), contacts.map((s) => s.receipt.acceptedAt),
          contacts.map((s) => COMPLIANCE_CHANNEL[s.item.channel]), contacts.map((s) => s.item.recipientRole), contacts.map((s) => s.item.contactPoint),
          contacts.map((s) => s.receipt.callOutcome ?? 'delivered'), contacts.map((s) => s.item.initiatorKind), contacts.map((s) => s.item.initiatorId),
        ],
      );
    }
    await appendAudit(tx, now, {
      type: 'CONTACTS_DISPATCHED', actor: 'system:dispatch', subject: 'dispatch',
      data: { items: sends.map((s) => ({ reference: s.item.reference, status: how, providerMessageId: s.receipt.providerMessageId })) },
    });
    faultPoint('dispatch.record.before-commit');
  });
}

function decide(deps: DispatchDeps, cache: BatchCache, item: OutboxItem, ctx: DebtorContext | undefined, fig: AccountFiguresRow | undefined, now: string): Decision {
  if (!ctx || !fig) return { kind: 'cancelled', item, reason: 'the account or customer no longer exists', rules: ['DISPATCH-STALE'] };
  // Paid since planning: a reminder whose instalment is settled, a collection contact with nothing overdue.
  const stillOwed = item.purpose === 'reminder' ? fig.nextDueOn !== null : fig.overdueMinor > 0;
  if (!stillOwed) return { kind: 'cancelled', item, reason: 'paid since the contact was planned: nothing is owed for it any more', rules: ['DISPATCH-PAID'] };
  const language = item.language;
  const template = item.templateCode ? (cache.templates.get(`${item.templateCode}|${language}`) ?? cache.templates.get(`${item.templateCode}|zh-CN`)) : undefined;
  if (!template) return { kind: 'blocked', item, reason: `no template '${item.templateCode}' in ${language}`, rules: ['DISPATCH-TEMPLATE'] };
  const values = templateValues(deps.lender, item, fig, language);
  const text = renderTemplate(template.body, values);
  const subject = template.subject ? renderTemplate(template.subject, values) : undefined;
  // The content lint runs again on the text as it would go out.
  const lint = lintMessage(subject ? `${subject}\n${text}` : text, language, 'debtor');
  if (!lint.ok) return { kind: 'blocked', item, reason: `the rendered text fails the content lint: ${lint.findings.map((f) => f.category).join(', ')}`, rules: ['CONTENT-LINT'], text };
  const senderChannel = SENDER_CHANNEL[item.channel];
  const registered = senderChannel === undefined || (item.sender !== null && cache.senders.has(senderKey(item.initiatorKind, item.initiatorId, senderChannel, item.sender)));
  if (!registered) return { kind: 'blocked', item, reason: `sender ${item.sender ?? '(none)'} is not registered to ${item.initiatorKind} ${item.initiatorId} for ${senderChannel}`, rules: ['SENDER-UNREGISTERED'], text };
  if (needsContactPoint(item.channel) && !item.contactPoint) return { kind: 'blocked', item, reason: 'no contact point', rules: ['DISPATCH-NO-CONTACT-POINT'], text };
  const pack = deps.packs[ctx.jurisdiction];
  if (!pack) return { kind: 'blocked', item, reason: `no compliance pack for jurisdiction ${ctx.jurisdiction}`, rules: ['DISPATCH-NO-PACK'], text };
  const request = parseContactRequest(contactRequest(ctx, {
    channel: item.channel, debtRefs: [item.accountRef], initiatorKind: item.initiatorKind, initiatorId: item.initiatorId, contactPoint: item.contactPoint,
    senderRegistered: registered, purpose: item.purpose, text: subject ? `${subject}\n${text}` : text, language,
  }, now));
  const verdict = checkContact(request, pack);
  if (verdict.decision === 'deny') {
    if (verdict.nextAllowedAt && verdict.nextAllowedAt < item.expiresAt) return { kind: 'rescheduled', item, reason: `not allowed now (${verdict.denyingRules.join(', ')}); next allowed ${verdict.nextAllowedAt}`, rules: verdict.denyingRules, verdict, nextAt: verdict.nextAllowedAt, text };
    return { kind: 'blocked', item, reason: `denied by ${verdict.denyingRules.join(', ')}`, rules: verdict.denyingRules, verdict, text };
  }
  if (verdict.decision === 'require_action') {
    return { kind: 'blocked', item, reason: `requires first: ${verdict.requiredActions.map((a) => a.action).join(', ')}`, rules: verdict.requiredActions.map((a) => a.ruleId), verdict, text };
  }
  const msg: OutboundMessage = {
    reference: item.reference, channel: item.channel, to: addressFor(item), from: item.sender ?? deps.lender.id, language, text, verifyCode: item.verifyCode,
    customerId: item.customerId, accountRef: item.accountRef, at: now, ...(subject ? { subject } : {}), ...(fig.address ? { address: fig.address } : {}),
  };
  return { kind: 'send', item, msg, verdict };
}

function needsContactPoint(channel: ProviderChannel): boolean {
  return channel === 'sms' || channel === 'email' || channel === 'robot_call' || channel === 'collector_call';
}

function addressFor(item: OutboxItem): string {
  if (item.channel === 'sms' || item.channel === 'robot_call' || item.channel === 'collector_call') return (item.contactPoint ?? '').replace(/[\s-]/g, '');
  if (item.channel === 'email') return item.contactPoint ?? '';
  return item.customerId;
}

export function templateValues(lender: LenderProfile, item: Pick<OutboxItem, 'accountRef' | 'verifyCode' | 'initiatorKind' | 'initiatorId'>, fig: AccountFiguresRow, language: 'zh-CN' | 'en'): TemplateValues {
  const dueDate = fig.delinquentSince ?? fig.nextDueOn ?? '';
  const dpd = fig.delinquentSince ? Math.max(0, Math.round((Date.parse(fig.closedThrough) - Date.parse(fig.delinquentSince)) / 86_400_000)) : 0;
  const amount = fig.overdueMinor > 0 ? fig.overdueMinor : fig.principalMinor + fig.interestMinor + fig.penaltyMinor + fig.feesMinor;
  return {
    name: fig.name,
    lender: lender.name[language],
    accountRef: maskRef(item.accountRef),
    amountDue: formatMoney(amount, fig.currency),
    breakdown: formatBreakdown({ currency: fig.currency, overdueMinor: fig.overdueMinor, principalMinor: fig.principalMinor, interestMinor: fig.interestMinor, penaltyMinor: fig.penaltyMinor, feesMinor: fig.feesMinor }, language),
    dueDate,
    dpd: String(dpd),
    portalLink: lender.portalUrl,
    hotline: lender.hotline,
    verifyCode: formatVerifyCode(item.verifyCode),
    sender: item.initiatorKind === 'lender' ? lender.name[language] : item.initiatorId,
  };
}

/** "K7M2QP9XHD" → "K7M2Q-P9XHD": easier to read out and type. */
export function formatVerifyCode(code: string): string {
  return code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code;
}

/** Stores delivery reports as they arrive; they are matched to their contacts by `applyDeliveryReports`. */
export async function storeDeliveryReports(db: Db, channel: ProviderChannel, reports: readonly DeliveryReport[]): Promise<void> {
  if (reports.length === 0) return;
  await db.query(
    `INSERT INTO delivery_reports (channel, provider_message_id, status, at, detail)
     SELECT $1, u.pid, u.status, u.at, u.detail FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[]) AS u(pid, status, at, detail)
     ON CONFLICT (channel, provider_message_id) DO NOTHING`,
    [channel, reports.map((r) => r.providerMessageId), reports.map((r) => r.status), reports.map((r) => r.at), reports.map((r) => r.detail ?? null)],
  );
}

/** Applies stored reports to the contacts they are about: delivered, or failed (and the history says so). */
export async function applyDeliveryReports(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const applied = await tx.query<{ id: number; status: string }>(
      `WITH m AS (
         SELECT o.id, r.channel, r.provider_message_id, r.status, r.at, r.detail FROM delivery_reports r
         JOIN contacts_outbox o ON o.channel = r.channel AND o.provider_message_id = r.provider_message_id
         WHERE NOT r.applied AND o.status = 'sent'
       ), upd AS (
         UPDATE contacts_outbox o SET status = CASE WHEN m.status = 'delivered' THEN 'delivered' ELSE 'failed' END, delivered_at = m.at,
                last_error = CASE WHEN m.status = 'delivered' THEN NULL ELSE 'delivery report: ' || m.status || coalesce(' ' || m.detail, '') END
         FROM m WHERE o.id = m.id RETURNING o.id, o.status
       ), mark AS (
         UPDATE delivery_reports r SET applied = true FROM m WHERE r.channel = m.channel AND r.provider_message_id = m.provider_message_id RETURNING 1
       )
       SELECT id, status FROM upd`,
    );
    const failed = applied.filter((a) => a.status === 'failed').map((a) => a.id);
    if (failed.length) {
      await tx.query(`UPDATE contact_history SET outcome = CASE WHEN channel = 'email' THEN 'bounced' ELSE 'failed' END WHERE outbox_id = ANY($1::bigint[])`, [failed]);
    }
    return applied.length;
  });
}

/** sha256 over the canonical list: what the audit entry of a planning batch commits to. */
export function digestOf(items: unknown[]): string {
  return createHash('sha256').update(canonicalJson(items)).digest('hex');
}
