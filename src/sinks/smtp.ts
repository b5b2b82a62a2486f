/**
 * An SMTP sink: accepts every e-mail over plain SMTP (no TLS, no authentication) and keeps it in
 * memory with its envelope, Message-ID, decoded subject and plain text, for development and tests.
 * Nothing is relayed.
 *
 * The MIME reading is deliberately minimal (headers, RFC 2047 encoded words, quoted-printable and
 * base64 bodies, the text/plain part of a multipart message): enough for what our own sender writes
 * and for a person to read what other senders wrote.
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** Largest message accepted, in bytes; larger ones are refused with 552. */
export const MAX_MAIL_BYTES = 10 * 1024 * 1024;
/** Messages kept in memory; the oldest are dropped beyond this. */
export const SINK_MAX_MAILS = 20_000;
/** How long close() lets connected clients finish before it drops them, in milliseconds. */
export const SMTP_CLOSE_GRACE_MS = 1_000;
/** Depth of nested multipart bodies the reader follows. */
const MAX_MIME_DEPTH = 8;

export interface SinkMail {
  /** The id the sink gave the message, returned in the 250 reply (`OK: queued as …`). */
  queueId: string;
  from: string | null;
  to: string[];
  /** The Message-ID header with its angle brackets, or null. */
  messageId: string | null;
  /** The local part of the Message-ID: the sender's own reference for the message. */
  reference: string | null;
  subject: string;
  text: string;
  receivedAt: string;
  sizeBytes: number;
}

export interface SmtpSinkOptions {
  port?: number;
  host?: string;
  maxMessageBytes?: number;
  now?: () => Date;
}

export interface SmtpSink {
  port: number;
  /** Accepted messages, oldest first. */
  messages(): SinkMail[];
  findByReference(reference: string): SinkMail | undefined;
  /** Emits 'message' (SinkMail) for each accepted e-mail. */
  events: EventEmitter;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------------
// MIME reading. Raw bytes are handled as latin1 strings (one character per byte) so that the structure
// can be parsed with string functions and the bytes of a part recovered exactly for charset decoding.

interface Part {
  headers: Map<string, string>;
  body: string;
}

function decodeCharset(bytes: Buffer, charset: string | undefined): string {
  try {
    return new TextDecoder(charset || 'utf-8').decode(bytes);
  } catch {
    // An unknown charset label: UTF-8 is the best guess for anything written this century.
    return bytes.toString('utf8');
  }
}

/** Splits a message or part into unfolded headers (lower-case names, first occurrence) and body. */
function splitPart(raw: string): Part {
  const m = /\r?\n\r?\n/.exec(raw);
  const head = m ? raw.slice(0, m.index) : raw;
  const body = m ? raw.slice(m.index + m[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** `text/plain; charset="utf-8"` → { type: 'text/plain', params: { charset: 'utf-8' } }. */
function parseContentType(value: string | undefined): { type: string; params: Record<string, string> } {
  if (!value) return { type: 'text/plain', params: {} };
  const [type = 'text/plain', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  const re = /([\w.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]*)/g;
  const tail = rest.join(';');
  for (let m = re.exec(tail); m; m = re.exec(tail)) {
    const v = m[2]!;
    params[m[1]!.toLowerCase()] = v.startsWith('"') ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
  }
  return { type: type.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(s: string): Buffer {
  const noSoftBreaks = s.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < noSoftBreaks.length; i++) {
    const c = noSoftBreaks[i]!;
    const hex = noSoftBreaks.slice(i + 1, i + 3);
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(c.charCodeAt(0) & 0xff);
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const charset = parseContentType(part.headers.get('content-type')).params.charset;
  let bytes: Buffer;
  if (encoding === 'base64') bytes = Buffer.from(part.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  else if (encoding === 'quoted-printable') bytes = decodeQuotedPrintable(part.body);
  else bytes = Buffer.from(part.body, 'latin1');
  return decodeCharset(bytes, charset).replace(/\r\n/g, '\n');
}

/**
 * Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`) in a header value. Whitespace between
 * two encoded words is dropped, and adjacent words in the same charset are decoded together, because a
 * sender may split one multi-byte character across two words.
 */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = () => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (let m = word.exec(value); m; m = word.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(pending && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const charset = m[1]!.split('*')[0]!.toLowerCase();
    const text = m[3]!;
    const bytes = m[2]!.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text.replace(/_/g, ' '));
    const open = pending as { charset: string; bytes: Buffer[] } | null;
    if (open && open.charset === charset) open.bytes.push(bytes);
    else {
      flush();
      pending = { charset, bytes: [bytes] };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

/** A header value as text: raw 8-bit bytes are read as UTF-8 (SMTPUTF8), then encoded words decoded. */
function headerText(value: string | undefined): string {
  if (value === undefined) return '';
  const utf8 = /[\x80-\xff]/.test(value) ? Buffer.from(value, 'latin1').toString('utf8') : value;
  return decodeEncodedWords(utf8);
}

/** The text/plain content of a part, looking into multipart bodies; HTML stripped of tags as a last resort. */
function findText(part: Part, depth: number): { plain?: string; html?: string } {
  const ct = parseContentType(part.headers.get('content-type'));
  if (ct.type.startsWith('multipart/') && ct.params.boundary && depth < MAX_MIME_DEPTH) {
    const delimiter = `--${ct.params.boundary}`;
    const found: { plain?: string; html?: string } = {};
    const chunks = part.body.split(delimiter).slice(1);
    for (const chunk of chunks) {
      if (chunk.startsWith('--')) break;
      const sub = findText(splitPart(chunk.replace(/^[ \t]*\r?\n/, '').replace(/\r?\n$/, '')), depth + 1);
      found.plain ??= sub.plain;
      found.html ??= sub.html;
      if (found.plain !== undefined) break;
    }
    return found;
  }
  const disposition = (part.headers.get('content-disposition') ?? '').toLowerCase();
  if (disposition.startsWith('attachment')) return {};
  if (ct.type === 'text/plain') return { plain: decodeBody(part) };
  if (ct.type === 'text/html') return { html: decodeBody(part) };
  return {};
}

export interface ParsedMail {
  messageId: string | null;
  subject: string;
  text: string;
}

/** Reads the Message-ID, the subject and the plain text of a raw RFC 5322 message. */
export function parseMail(raw: Buffer): ParsedMail {
  const top = splitPart(raw.toString('latin1'));
  const found = findText(top, 0);
  const text =
    found.plain ??
    (found.html ?? '')
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(/<[^>]*>/g, '')
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  const mid = top.headers.get('message-id')?.trim();
  return { messageId: mid ? mid : null, subject: headerText(top.headers.get('subject')), text: text.replace(/\n$/, '') };
}

/** `<fd-000000123@fairdebt.local>` → `fd-000000123`. */
export function referenceFromMessageId(messageId: string | null): string | null {
  const m = messageId ? /^<?([^@<>\s]+)@[^>]*>?$/.exec(messageId) : null;
  return m ? m[1]! : null;
}

// ---------------------------------------------------------------------------------------------------

export async function startSmtpSink(opts: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const now = opts.now ?? (() => new Date());
  const maxBytes = opts.maxMessageBytes ?? MAX_MAIL_BYTES;
  const events = new EventEmitter();
  let stored: SinkMail[] = [];
  const byReference = new Map<string, SinkMail>();
  const idPrefix = randomBytes(3).toString('hex').toUpperCase();
  let counter = 0;

  const store = (mail: SinkMail) => {
    stored.push(mail);
    if (mail.reference !== null && !byReference.has(mail.reference)) byReference.set(mail.reference, mail);
    if (stored.length > SINK_MAX_MAILS) {
      const dropped = stored.slice(0, stored.length - SINK_MAX_MAILS);
      stored = stored.slice(-SINK_MAX_MAILS);
      for (const d of dropped) if (d.reference !== null && byReference.get(d.reference) === d) byReference.delete(d.reference);
    }
  };

  const server = new SMTPServer({
    name: 'fairdebt-sink.local',
    banner: 'Fairdebt SMTP sink: messages are kept in memory, never relayed',
    size: maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    closeTimeout: SMTP_CLOSE_GRACE_MS,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // Past the limit the message is refused anyway; keep reading the stream but not the bytes.
        if (size <= maxBytes) chunks.push(chunk);
      });
      stream.on('end', () => {
        if (stream.sizeExceeded || size > maxBytes) {
          const err = Object.assign(new Error(`message exceeds the sink's size limit of ${maxBytes} bytes`), { responseCode: 552 });
          return callback(err);
        }
        const parsed = parseMail(Buffer.concat(chunks));
        const from = session.envelope.mailFrom;
        const mail: SinkMail = {
          queueId: `${idPrefix}${(++counter).toString(16).toUpperCase().padStart(8, '0')}`,
          from: from ? from.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: parsed.messageId,
          reference: referenceFromMessageId(parsed.messageId),
          subject: parsed.subject,
          text: parsed.text,
          receivedAt: now().toISOString(),
          sizeBytes: size,
        };
        store(mail);
        events.emit('message', mail);
        callback(null, `OK: queued as ${mail.queueId}`);
      });
    },
  });
  // A client that drops its connection is not the sink's error.
  server.on('error', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.server.address() as AddressInfo).port,
    messages: () => stored.slice(),
    findByReference: (reference) => byReference.get(reference),
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
