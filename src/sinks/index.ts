/**
 * The local sinks: an SMSC (SMPP) and a mail server (SMTP) that keep what they receive in memory, plus
 * the HTTP endpoints that show it — as JSON for tests and for the providers' lookup, and as a page a
 * person can read (`/dev/mailbox`). They let the whole contact flow run on one machine, over the real
 * protocols, without sending anything to a phone or a mailbox.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { z } from 'zod';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { startSmscSink, type SinkSms, type SmscSink } from './smsc.ts';
import { startSmtpSink, type SinkMail, type SmtpSink } from './smtp.ts';

export type { SinkSms, SinkMail };
export { DEFAULT_UNDELIVERABLE } from './smsc.ts';

/** Account the SMSC sink accepts unless told otherwise. */
export const DEFAULT_SINK_SYSTEM_ID = 'fairdebt';
export const DEFAULT_SINK_PASSWORD = 'sinkpass';
/** Senders registered at the SMSC sink unless told otherwise: a 106 short code and an alphanumeric name. */
export const DEFAULT_SINK_SENDERS = ['106900000001', 'FAIRDEBT'];
/** Most items one listing returns. */
export const MAX_SINK_LIST_ITEMS = 1_000;
/** Items the mailbox page shows per channel. */
export const MAILBOX_PAGE_ITEMS = 200;

export interface StartSinksOptions {
  smppPort?: number;
  smtpPort?: number;
  host?: string;
  registeredSenders?: string[];
  systemId?: string;
  password?: string;
  /** Destinations whose SMS receipt says UNDELIV (default: numbers ending in 0000). */
  undeliverable?: RegExp;
  /** SMS a second each SMPP bind is given (an aggregator's TPS); absent: no limit. */
  bindRate?: number;
}

/** What the endpoints read from a sink. */
export interface SinkStore<T> {
  messages(): T[];
  findByReference(reference: string): T | undefined;
}

export interface Sinks {
  smpp: SinkStore<SinkSms> & Pick<SmscSink, 'port' | 'events' | 'disconnectAll'>;
  smtp: SinkStore<SinkMail> & Pick<SmtpSink, 'port' | 'events'>;
  close(): Promise<void>;
}

/** The sinks as the endpoints need them. */
export interface SinkStores {
  smpp: SinkStore<SinkSms>;
  smtp: SinkStore<SinkMail>;
}

/** Starts both sinks; port 0 (the default) picks a free port each. */
export async function startSinks(opts: StartSinksOptions = {}): Promise<Sinks> {
  const host = opts.host ?? '127.0.0.1';
  const smsc = await startSmscSink({
    ...(opts.bindRate ? { bindRate: opts.bindRate } : {}),
    port: opts.smppPort ?? 0,
    host,
    systemId: opts.systemId ?? DEFAULT_SINK_SYSTEM_ID,
    password: opts.password ?? DEFAULT_SINK_PASSWORD,
    registeredSenders: opts.registeredSenders ?? DEFAULT_SINK_SENDERS,
    undeliverable: opts.undeliverable,
  });
  let mail: SmtpSink;
  try {
    mail = await startSmtpSink({ port: opts.smtpPort ?? 0, host });
  } catch (err) {
    await smsc.close();
    throw err;
  }
  return {
    smpp: { port: smsc.port, messages: () => smsc.messages(), findByReference: (r) => smsc.findByReference(r), events: smsc.events, disconnectAll: () => smsc.disconnectAll() },
    smtp: { port: mail.port, messages: () => mail.messages(), findByReference: (r) => mail.findByReference(r), events: mail.events },
    async close() {
      await Promise.all([smsc.close(), mail.close()]);
    },
  };
}

const SinkSmsSchema = z.object({
  messageId: z.string(),
  systemId: z.string(),
  source: z.string(),
  destination: z.string(),
  text: z.string(),
  dataCoding: z.number().int(),
  reference: z.string().nullable(),
  registeredDelivery: z.number().int(),
  receivedAt: z.string(),
  receipt: z.object({ stat: z.enum(['DELIVRD', 'UNDELIV']), err: z.string(), text: z.string(), sentAt: z.string(), acknowledged: z.boolean() }).nullable(),
});

const SinkMailSchema = z.object({
  queueId: z.string(),
  from: z.string().nullable(),
  to: z.array(z.string()),
  messageId: z.string().nullable(),
  reference: z.string().nullable(),
  subject: z.string(),
  text: z.string(),
  receivedAt: z.string(),
  sizeBytes: z.number().int(),
});

const ErrorSchema = z.object({ code: z.string(), message: z.string() });

const ListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_SINK_LIST_ITEMS).default(50),
  to: z.string().min(1).max(320).optional().describe('Only messages to this phone number or e-mail address'),
});

const ReferenceParamsSchema = z.object({ reference: z.string().min(1).max(64) });

/** Newest first, at most `limit`, optionally only those to one recipient. */
function newestFirst<T>(items: T[], limit: number, matches: (item: T) => boolean): T[] {
  const out: T[] = [];
  for (let i = items.length - 1; i >= 0 && out.length < limit; i--) if (matches(items[i]!)) out.push(items[i]!);
  return out;
}

const sameNumber = (a: string, b: string) => a.replace(/^\+/, '') === b.replace(/^\+/, '');

/**
 * Mounts the sink endpoints on a Fastify server whose validator and serializer are the zod ones
 * (fastify-type-provider-zod), as in the main server; `buildSinkServer` makes such a server.
 */
export function registerSinkRoutes(server: FastifyInstance, sinks: SinkStores): void {
  const r = server.withTypeProvider<ZodTypeProvider>();

  r.get('/dev/sinks/sms', {
    schema: {
      summary: 'SMS held by the local SMSC sink, newest first', tags: ['dev sinks'],
      querystring: ListQuerySchema,
      response: { 200: z.object({ items: z.array(SinkSmsSchema) }) },
    },
  }, async (req) => {
    const to = req.query.to;
    return { items: newestFirst(sinks.smpp.messages(), req.query.limit, (m) => to === undefined || sameNumber(m.destination, to)) };
  });

  r.get('/dev/sinks/mail', {
    schema: {
      summary: 'E-mails held by the local SMTP sink, newest first', tags: ['dev sinks'],
      querystring: ListQuerySchema,
      response: { 200: z.object({ items: z.array(SinkMailSchema) }) },
    },
  }, async (req) => {
    const to = req.query.to?.toLowerCase();
    return { items: newestFirst(sinks.smtp.messages(), req.query.limit, (m) => to === undefined || m.to.some((a) => a.toLowerCase() === to)) };
  });

  r.get('/dev/sinks/stats', {
    schema: {
      summary: 'How many SMS and e-mails the sinks hold, and how many distinct references among them (exactly-once checks)', tags: ['dev sinks'],
      querystring: z.object({ prefix: z.string().max(64).optional().describe('count only references starting with this') }),
    },
  }, async (req) => {
    const count = (refs: Array<string | null>) => {
      const mine = refs.filter((r): r is string => r !== null && (req.query.prefix === undefined || r.startsWith(req.query.prefix)));
      return { messages: mine.length, distinctReferences: new Set(mine).size };
    };
    return { sms: count(sinks.smpp.messages().map((m) => m.reference)), mail: count(sinks.smtp.messages().map((m) => m.reference)) };
  });

  r.get('/dev/sinks/sms/by-reference/:reference', {
    schema: {
      summary: 'The SMS the sink accepted with this client reference (the aggregator’s search by reference)', tags: ['dev sinks'],
      params: ReferenceParamsSchema,
      response: { 200: SinkSmsSchema, 404: ErrorSchema },
    },
  }, async (req, reply) => {
    const found = sinks.smpp.findByReference(req.params.reference);
    if (!found) return reply.status(404).send({ code: 'NOT_FOUND', message: `reference: no SMS with reference '${req.params.reference}'` });
    return found;
  });

  r.get('/dev/sinks/mail/by-reference/:reference', {
    schema: {
      summary: 'The e-mail the sink accepted whose Message-ID carries this reference', tags: ['dev sinks'],
      params: ReferenceParamsSchema,
      response: { 200: SinkMailSchema, 404: ErrorSchema },
    },
  }, async (req, reply) => {
    const found = sinks.smtp.findByReference(req.params.reference);
    if (!found) return reply.status(404).send({ code: 'NOT_FOUND', message: `reference: no e-mail with reference '${req.params.reference}'` });
    return found;
  });

  r.get('/dev/mailbox', {
    schema: { summary: 'A page listing the SMS and e-mails held by the sinks (HTML)', tags: ['dev sinks'] },
  }, async (_req, reply) => {
    const sms = newestFirst(sinks.smpp.messages(), MAILBOX_PAGE_ITEMS, () => true);
    const mail = newestFirst(sinks.smtp.messages(), MAILBOX_PAGE_ITEMS, () => true);
    return reply.type('text/html; charset=utf-8').send(mailboxPage(sms, mail, sinks.smpp.messages().length, sinks.smtp.messages().length));
  });
}

/** A Fastify server with the zod compilers and the sink routes, for `fairdebt sinks` and tests. */
export async function buildSinkServer(sinks: SinkStores): Promise<FastifyInstance> {
  const server = Fastify({ logger: false });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  registerSinkRoutes(server, sinks);
  await server.ready();
  return server;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

function mailboxPage(sms: SinkSms[], mail: SinkMail[], smsTotal: number, mailTotal: number): string {
  const e = escapeHtml;
  const smsRows = sms
    .map((m) => {
      const status = m.receipt ? `${m.receipt.stat}${m.receipt.acknowledged ? '' : ' (未确认 / not acknowledged)'}` : '—';
      return `<tr><td>${e(m.receivedAt)}</td><td>${e(m.source)}</td><td>${e(m.destination)}</td><td class="text">${e(m.text)}</td><td>${e(m.reference ?? '')}</td><td>${e(m.messageId)}</td><td>${e(status)}</td></tr>`;
    })
    .join('\n');
  const mailRows = mail
    .map((m) => `<tr><td>${e(m.receivedAt)}</td><td>${e(m.from ?? '')}</td><td>${e(m.to.join(', '))}</td><td>${e(m.subject)}</td><td class="text">${e(m.text)}</td><td>${e(m.reference ?? '')}</td><td>${e(m.queueId)}</td></tr>`)
    .join('\n');
  const empty = (cols: number) => `<tr><td colspan="${cols}" class="empty">暂无 / nothing yet</td></tr>`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>本地收件箱 / Local mailbox — Fairdebt</title>
<style>
  body { font-family: system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; margin: 1.5rem; color: #1b1f24; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
  th, td { border: 1px solid #d0d7de; padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
  th { background: #f6f8fa; }
  td.text { white-space: pre-wrap; max-width: 40rem; }
  td.empty { color: #656d76; text-align: center; }
  p.note { color: #656d76; }
</style>
</head>
<body>
<h1>本地收件箱 / Local mailbox</h1>
<p class="note">本地测试服务器收到的短信和邮件，不会真正发送。/ SMS and e-mails received by the local sinks; nothing was really sent. 最新在前 / newest first.</p>
<h2>短信 / SMS (${sms.length} / ${smsTotal})</h2>
<table>
<thead><tr><th>收到时间 / Received</th><th>发送方 / From</th><th>接收方 / To</th><th>内容 / Text</th><th>参考号 / Reference</th><th>消息编号 / Message id</th><th>回执 / Receipt</th></tr></thead>
<tbody>
${smsRows || empty(7)}
</tbody>
</table>
<h2>邮件 / E-mail (${mail.length} / ${mailTotal})</h2>
<table>
<thead><tr><th>收到时间 / Received</th><th>发件人 / From</th><th>收件人 / To</th><th>主题 / Subject</th><th>正文 / Text</th><th>参考号 / Reference</th><th>队列编号 / Queue id</th></tr></thead>
<tbody>
${mailRows || empty(7)}
</tbody>
</table>
</body>
</html>
`;
}
