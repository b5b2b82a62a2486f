/**
 * Contacts use cases: templates (linted on save), registered senders,
 * contact preferences, and the verify-code lookup that tells a debtor whether a message is genuine.
 */
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import { runCommand, type CommandOutcome } from '../../platform/commands.ts';
import { AppError, fromZodIssues, invalidField } from '../../platform/errors.ts';
import { checkContact, lintMessage, parseContactRequest, type CompiledPack, type Verdict } from '../compliance/index.ts';
import { contactRequest, HISTORY_DAYS } from './gate.rules.ts';
import { loadDebtorContexts, loadRegisteredSenders, senderKey } from './contacts.store.ts';
import { templateVariables, MAX_SMS_CHARS } from './templates.rules.ts';
import { normaliseVerifyCode } from './planning.rules.ts';
import { SenderInputSchema, TemplateInputSchema, type SenderInput, type TemplateInput } from './contacts.types.ts';
import type { LenderProfile } from './contacts.dispatch.ts';
import { DEFAULT_TEMPLATES, DEFAULT_SENDERS } from './defaults/default-templates.ts';

interface CommandOpts {
  actor: string;
  idempotencyKey: string;
}

/** Checks a template: known variables only, a subject for e-mail and letters, SMS length, and the content lint. */
export function checkTemplate(input: unknown): TemplateInput {
  const parsed = TemplateInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, 'template');
  const t = parsed.data;
  const unknown = [...templateVariables(t.body).unknown, ...templateVariables(t.subject ?? '').unknown];
  if (unknown.length) throw invalidField('template.body', `unknown variables ${unknown.map((u) => `{{${u}}}`).join(', ')}`);
  if ((t.channel === 'email' || t.channel === 'letter') && !t.subject) throw invalidField('template.subject', `required for ${t.channel}`);
  if (t.channel === 'sms' && t.body.length > MAX_SMS_CHARS) throw invalidField('template.body', `an SMS template may have at most ${MAX_SMS_CHARS} characters, got ${t.body.length}`);
  const lint = lintMessage(t.subject ? `${t.subject}\n${t.body}` : t.body, t.language, 'debtor');
  if (!lint.ok) {
    throw new AppError('VALIDATION_FAILED', `template.body: fails the content lint: ${lint.findings.map((f) => `${f.category} ('${f.match}')`).join('; ')}`, {
      issues: lint.findings.map((f) => ({ path: 'template.body', message: `${f.category}: '${f.match}' — ${f.message.en}` })),
      details: { findings: lint.findings },
    });
  }
  return t;
}

/** Saves a new version of a template after the checks above; an unchanged body and subject saves nothing. */
export async function saveTemplate(db: Db, clock: Clock, input: unknown, opts: CommandOpts): Promise<CommandOutcome<{ code: string; language: string; version: number; created: boolean }>> {
  const t = checkTemplate(input);
  return runCommand<{ code: string; language: string; version: number; created: boolean }>(db, clock, { command: 'saveTemplate', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: t }, async (tx) => {
    const [latest] = await tx.query<{ version: number; body: string; subject: string | null; channel: string }>(
      'SELECT version, body, subject, channel FROM templates WHERE code = $1 AND language = $2 ORDER BY version DESC LIMIT 1', [t.code, t.language],
    );
    if (latest && latest.body === t.body && latest.subject === (t.subject ?? null) && latest.channel === t.channel) {
      return { result: { code: t.code, language: t.language, version: latest.version, created: false }, audit: [] };
    }
    const version = (latest?.version ?? 0) + 1;
    await tx.query('INSERT INTO templates (code, language, version, channel, subject, body, created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [t.code, t.language, version, t.channel, t.subject ?? null, t.body, clock.now(), opts.actor]);
    return { result: { code: t.code, language: t.language, version, created: true }, audit: { type: 'TEMPLATE_SAVED', actor: opts.actor, subject: `template:${t.code}`, data: { code: t.code, language: t.language, version } } };
  });
}

export async function registerSender(db: Db, clock: Clock, input: unknown, opts: CommandOpts): Promise<CommandOutcome<{ id: number; created: boolean }>> {
  const parsed = SenderInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues, 'sender');
  const s: SenderInput = parsed.data;
  return runCommand<{ id: number; created: boolean }>(db, clock, { command: 'registerSender', idempotencyKey: opts.idempotencyKey, actor: opts.actor, input: s }, async (tx) => {
    const [existing] = await tx.query<{ id: number; owner_kind: string; owner_id: string }>('SELECT id, owner_kind, owner_id FROM sender_ids WHERE channel = $1 AND value = $2', [s.channel, s.value]);
    if (existing && (existing.owner_kind !== s.ownerKind || existing.owner_id !== s.ownerId)) {
      throw new AppError('CONFLICT', `sender.value: ${s.value} is registered to ${existing.owner_kind} ${existing.owner_id}`, { issues: [{ path: 'sender.value', message: `registered to ${existing.owner_kind} ${existing.owner_id}` }] });
    }
    if (existing) return { result: { id: existing.id, created: false }, audit: [] };
    const [row] = await tx.query<{ id: number }>('INSERT INTO sender_ids (owner_kind, owner_id, channel, value, registered_on) VALUES ($1, $2, $3, $4, $5) RETURNING id', [s.ownerKind, s.ownerId, s.channel, s.value, s.registeredOn]);
    return { result: { id: row!.id, created: true }, audit: { type: 'SENDER_REGISTERED', actor: opts.actor, subject: `sender:${s.channel}:${s.value}`, data: { ownerKind: s.ownerKind, ownerId: s.ownerId, channel: s.channel, value: s.value } } };
  });
}

/**
 * Disputes belong to the complaints module (intake, the verification workflow, SLA clocks); the
 * contacts API keeps offering `openDispute` under its old name.
 */
export { openDispute } from '../complaints/index.ts';

/** Seeds the shipped templates and the demo lender's registered senders where none exist yet. */
export async function ensureDefaultTemplates(db: Db, clock: Clock, lender: LenderProfile): Promise<void> {
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM templates')) as [{ n: number }];
  if (n === 0) for (const t of DEFAULT_TEMPLATES) await saveTemplate(db, clock, t, { actor: 'system:setup', idempotencyKey: `default-template:${t.code}:${t.language}` });
  const [{ s }] = (await db.query<{ s: number }>('SELECT count(*)::int AS s FROM sender_ids')) as [{ s: number }];
  if (s === 0) {
    for (const x of DEFAULT_SENDERS) {
      await registerSender(db, clock, { ...x, ownerId: x.ownerKind === 'lender' ? lender.id : x.ownerId }, { actor: 'system:setup', idempotencyKey: `default-sender:${x.channel}:${x.value}` });
    }
  }
}

/** What a stranger may learn from a verify code: whether it is genuine, who sent what kind of message, when. No personal data. */
export interface VerifyAnswer {
  code: string;
  genuine: boolean;
  sender?: { kind: 'lender' | 'agency'; name: string };
  channel?: string;
  sentAt?: string | null;
  scheduledFor?: string;
  status?: string;
  message: { 'zh-CN': string; en: string };
  howToReport?: { 'zh-CN': string; en: string };
}

const CHANNEL_NAMES = {
  sms: { 'zh-CN': '短信', en: 'SMS' },
  email: { 'zh-CN': '电子邮件', en: 'e-mail' },
  in_app: { 'zh-CN': '站内信', en: 'in-app message' },
  push: { 'zh-CN': '推送通知', en: 'push notice' },
  letter: { 'zh-CN': '信函', en: 'letter' },
  collector_call: { 'zh-CN': '人工电话', en: 'call from a collector' },
  robot_call: { 'zh-CN': '语音电话', en: 'automated call' },
} as const;

export async function verifyCode(db: Db, lender: LenderProfile, input: string): Promise<VerifyAnswer> {
  const code = normaliseVerifyCode(input);
  const report = {
    'zh-CN': `请勿向对方付款或提供验证码、密码。请拨打官方客服热线 ${lender.hotline} 或在官方应用内举报该号码。`,
    en: `Do not pay or give codes or passwords to the caller. Call the official hotline ${lender.hotline} or report the number in the official app.`,
  };
  const unknown: VerifyAnswer = {
    code: input, genuine: false, howToReport: report,
    message: { 'zh-CN': '未找到此验证码：该电话或短信可能并非本机构发出，谨防冒充催收诈骗。', en: 'This code is unknown: the call or message may not come from us. Beware of impostors posing as debt collectors.' },
  };
  if (!code) return unknown;
  const [row] = await db.query<{ channel: string; initiator_kind: 'lender' | 'agency'; initiator_id: string; sent_at: string | null; scheduled_at: string; status: string }>(
    'SELECT channel, initiator_kind, initiator_id, sent_at, scheduled_at, status FROM contacts_outbox WHERE verify_code = $1', [code],
  );
  if (!row) return { ...unknown, code };
  const genuine = row.status === 'sent' || row.status === 'delivered' || row.status === 'sending' || row.status === 'scheduled';
  const senderName = row.initiator_kind === 'lender' ? lender.name['zh-CN'] : row.initiator_id;
  const names = CHANNEL_NAMES[row.channel as keyof typeof CHANNEL_NAMES] ?? { 'zh-CN': row.channel, en: row.channel };
  const channel = row.channel;
  if (!genuine) {
    return {
      code, genuine: false, channel, status: row.status, howToReport: report,
      message: { 'zh-CN': '此验证码属于一条未发出的联系：如果您收到了它，请举报。', en: 'This code belongs to a contact that was never sent: if you received it, please report it.' },
    };
  }
  return {
    code, genuine: true, sender: { kind: row.initiator_kind, name: senderName }, channel, sentAt: row.sent_at, scheduledFor: row.scheduled_at, status: row.status,
    message: {
      'zh-CN': `真实有效：这是${senderName}${row.initiator_kind === 'agency' ? '（受托催收机构）' : ''}通过${names['zh-CN']}发出的联系。`,
      en: `Genuine: this ${names.en} comes from ${row.initiator_kind === 'agency' ? `${senderName}, a collection agency acting for the lender` : lender.name.en}.`,
    },
  };
}

/** Whether a call to the debtor may be made now: what a collector's screen asks before dialling. */
export interface CallCheckInput {
  accountRef: string;
  initiatorKind: 'lender' | 'agency';
  initiatorId: string;
  contactPoint: string;
  /** The caller number shown to the debtor; it must be registered to the initiator. */
  callerNumber: string;
  at: string;
}

export async function checkCallNow(db: Db, packs: Record<string, CompiledPack>, input: CallCheckInput): Promise<Verdict> {
  const [acct] = await db.query<{ customer_id: string; language: string }>('SELECT a.customer_id, c.language FROM accounts a JOIN customers c ON c.id = a.customer_id WHERE a.ref = $1', [input.accountRef]);
  if (!acct) throw new AppError('NOT_FOUND', `accountRef: no account '${input.accountRef}'`, { issues: [{ path: 'accountRef', message: 'no such account' }] });
  const since = new Date(Date.parse(input.at) - HISTORY_DAYS * 86_400_000).toISOString();
  const ctx = (await loadDebtorContexts(db, [acct.customer_id], since)).get(acct.customer_id)!;
  const pack = packs[ctx.jurisdiction];
  if (!pack) throw new AppError('VALIDATION_FAILED', `accountRef: no compliance pack for the debtor's jurisdiction ${ctx.jurisdiction}`, { issues: [{ path: 'accountRef', message: 'no pack for the jurisdiction' }] });
  const registered = (await loadRegisteredSenders(db)).has(senderKey(input.initiatorKind, input.initiatorId, 'call', input.callerNumber));
  return checkContact(parseContactRequest(contactRequest(ctx, {
    channel: 'collector_call', debtRefs: [input.accountRef], initiatorKind: input.initiatorKind, initiatorId: input.initiatorId, contactPoint: input.contactPoint,
    senderRegistered: registered, purpose: 'collection', language: acct.language === 'en' ? 'en' : 'zh-CN',
  }, input.at)), pack);
}
