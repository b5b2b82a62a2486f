/**
 * E-mail over SMTP with nodemailer's pooled transport: a few connections kept open and reused, so a
 * batch of letters does not pay a TCP and SMTP handshake per message.
 *
 * Our reference becomes the Message-ID (`<reference@fairdebt.local>`): it travels with the message to
 * every server on the way, which is what lets `lookup` ask the mail service whether a message whose
 * send was interrupted already arrived.
 */
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { lookupByReference } from './lookup.ts';
import { ProviderError, type ChannelProvider, type OutboundMessage, type SendReceipt } from './provider.types.ts';

/** Connections the pool keeps open to the SMTP server. */
export const SMTP_POOL_CONNECTIONS = 5;
/** Messages sent over one pooled connection before it is replaced (servers limit this too). */
export const SMTP_MESSAGES_PER_CONNECTION = 1_000;
/** Time allowed to connect, to get the greeting, and for any one SMTP reply, in ms. */
export const SMTP_CONNECT_TIMEOUT_MS = 10_000;
export const SMTP_GREETING_TIMEOUT_MS = 10_000;
export const SMTP_SOCKET_TIMEOUT_MS = 30_000;
/** Longest subject accepted, in characters. */
export const MAX_EMAIL_SUBJECT_CHARS = 200;
/** Longest body accepted, in characters. */
export const MAX_EMAIL_TEXT_CHARS = 100_000;
/** The domain of our Message-IDs. */
export const MESSAGE_ID_DOMAIN = 'fairdebt.local';

/** Error codes of nodemailer for a connection that failed or broke: the message may be tried again. */
const RETRYABLE_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROTOCOL', 'ETLS', 'EMAXLIMIT']);

export interface SmtpProviderOptions {
  host: string;
  port: number;
  /** Sender used when a message has none. */
  from?: string;
  /** Base URL of the mail service's search by reference; `${lookupUrl}/${reference}`. */
  lookupUrl?: string;
  /** Pooled connections (default true); false opens one connection per message. */
  pool?: boolean;
  maxConnections?: number;
}

export function messageIdFor(reference: string): string {
  return `<${reference}@${MESSAGE_ID_DOMAIN}>`;
}

function invalid(field: string, message: string): ProviderError {
  return new ProviderError(`${field}: ${message}`, false);
}

function check(msg: OutboundMessage, defaultFrom: string | undefined): string {
  if (msg.channel !== 'email') throw invalid('channel', `the SMTP provider sends channel 'email', not '${msg.channel}'`);
  // The reference becomes the local part of the Message-ID, so only characters that may stand there.
  if (!/^[A-Za-z0-9._-]{1,32}$/.test(msg.reference)) throw invalid('reference', 'expected 1–32 characters from A–Z, a–z, 0–9, ".", "_", "-"');
  if (!/^[^\s@<>,;]+@[^\s@<>,;]+$/.test(msg.to)) throw invalid('to', `expected one e-mail address, got '${msg.to}'`);
  const from = msg.from || defaultFrom;
  if (!from) throw invalid('from', 'the message has no sender and the provider no default');
  if ((msg.subject ?? '') === '') throw invalid('subject', 'an e-mail needs a subject');
  if ([...msg.subject!].length > MAX_EMAIL_SUBJECT_CHARS) throw invalid('subject', `longer than ${MAX_EMAIL_SUBJECT_CHARS} characters`);
  if (msg.text === '') throw invalid('text', 'is empty');
  if (msg.text.length > MAX_EMAIL_TEXT_CHARS) throw invalid('text', `longer than ${MAX_EMAIL_TEXT_CHARS} characters`);
  return from;
}

interface SmtpFailure extends Error {
  code?: string;
  responseCode?: number;
  command?: string;
}

/** A nodemailer error as a ProviderError: 4xx replies and broken connections may be tried again, 5xx not. */
function providerError(err: SmtpFailure, msg: OutboundMessage, endpoint: string): ProviderError {
  const field = err.command?.startsWith('RCPT') ? 'to' : err.command?.startsWith('MAIL') ? 'from' : 'message';
  const what =
    err.command === 'CONN'
      ? `host: the SMTP server at ${endpoint} cannot be reached, '${msg.reference}' was not sent: ${err.message}`
      : `${field}: the SMTP server at ${endpoint} did not accept '${msg.reference}': ${err.message}`;
  if (typeof err.responseCode === 'number') return new ProviderError(what, err.responseCode >= 400 && err.responseCode < 500);
  if (err.code && RETRYABLE_CODES.has(err.code)) {
    // A connection that broke during or after DATA may have delivered the message all the same; one
    // that broke earlier (connecting, greeting, envelope) certainly did not.
    const ambiguous = !err.command || /^(DATA|BDAT)/i.test(err.command);
    return new ProviderError(ambiguous ? `${what}; the server may hold the message, so call lookup(reference) before sending it again` : what, true);
  }
  return new ProviderError(what, false);
}

const isAscii = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** Bytes of UTF-8 per encoded word: 45 bytes are 60 characters of base64, inside the 75 allowed. */
const ENCODED_WORD_BYTES = 45;

/** A header value as RFC 2047 encoded words (base64, UTF-8), split between characters and folded. */
export function encodeHeaderWords(value: string): string {
  if (isAscii(value)) return value;
  const words: string[] = [];
  let chunk = '';
  for (const ch of value) {
    if (Buffer.byteLength(chunk + ch) > ENCODED_WORD_BYTES) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/**
 * The message as it goes over the wire: one text/plain part in UTF-8, base64 in lines of 76. Our
 * messages are only ever that, and composing them here rather than through nodemailer's general
 * MIME composer roughly halves the cost of an e-mail on the sending side.
 */
export function composePlainText(msg: OutboundMessage, from: string): string {
  // The Date header is the instant the dispatcher gives, not this process's clock.
  const date = new Date(msg.at).toUTCString().replace(/GMT$/, '+0000');
  const body = Buffer.from(msg.text.replace(/\r?\n/g, '\r\n'), 'utf8').toString('base64').replace(/.{76}(?=.)/g, '$&\r\n');
  return [
    `From: ${from}`,
    `To: ${msg.to}`,
    `Subject: ${encodeHeaderWords(msg.subject ?? '')}`,
    `Date: ${date}`,
    `Message-ID: ${messageIdFor(msg.reference)}`,
    `X-Fairdebt-Verify-Code: ${msg.verifyCode}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
    '',
  ].join('\r\n');
}

const LookupAnswerSchema = z.object({ queueId: z.string().min(1), receivedAt: z.string().min(1) });

export function createSmtpProvider(opts: SmtpProviderOptions): ChannelProvider {
  const endpoint = `${opts.host}:${opts.port}`;
  const common = {
    host: opts.host,
    port: opts.port,
    secure: false,
    // The local sink speaks plain SMTP; a real relay is reached through its own TLS settings.
    ignoreTLS: true,
    connectionTimeout: SMTP_CONNECT_TIMEOUT_MS,
    greetingTimeout: SMTP_GREETING_TIMEOUT_MS,
    socketTimeout: SMTP_SOCKET_TIMEOUT_MS,
  };
  const transport =
    opts.pool === false
      ? nodemailer.createTransport(common)
      : nodemailer.createTransport({ ...common, pool: true, maxConnections: opts.maxConnections ?? SMTP_POOL_CONNECTIONS, maxMessages: SMTP_MESSAGES_PER_CONNECTION });
  let closed = false;

  return {
    channel: 'email',

    async send(msg): Promise<SendReceipt> {
      const from = check(msg, opts.from);
      if (closed) throw new ProviderError(`SMTP provider for ${endpoint} is closed; '${msg.reference}' was not sent`, true);
      let info: { response?: string; messageId?: string };
      try {
        info = await transport.sendMail(
          isAscii(from) && isAscii(msg.to)
            ? { envelope: { from, to: [msg.to] }, raw: composePlainText(msg, from) }
            : {
                // Internationalised addresses: nodemailer's composer and its SMTPUTF8 handling.
                from, to: msg.to, subject: msg.subject, text: msg.text, messageId: messageIdFor(msg.reference),
                date: new Date(msg.at), headers: { 'X-Fairdebt-Verify-Code': msg.verifyCode },
              },
        );
      } catch (err) {
        throw providerError(err as SmtpFailure, msg, endpoint);
      }
      const response = info.response ?? '';
      const queueId = /queued as ([^\s]+)/i.exec(response)?.[1];
      return { providerMessageId: queueId ?? (response || messageIdFor(msg.reference)), acceptedAt: msg.at };
    },

    lookup: (reference) => lookupByReference(opts.lookupUrl, reference, 'the mail service', LookupAnswerSchema, (a) => ({ providerMessageId: a.queueId, acceptedAt: a.receivedAt })),

    async close() {
      closed = true;
      transport.close();
    },
  };
}
