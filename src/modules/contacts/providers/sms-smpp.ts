/**
 * SMS over SMPP 3.4: one bound transceiver session to the SMSC (the aggregator), kept alive with
 * enquire_link and re-established with backoff when it drops. Many submit_sm are outstanding at once
 * (a send window), which is what lets throughput reach thousands per second over one connection;
 * waiting for each submit_sm_resp in turn would cap it at one message per round trip.
 *
 * Our reference travels in the vendor-specific TLV 0x1400 so that the aggregator's search by client
 * reference (`lookup`) can tell whether a message whose send was interrupted already arrived.
 * Delivery receipts (deliver_sm with esm_class 0x04) become DeliveryReports.
 */
import smpp, { type PDU, type Session, type DecodedMessage } from 'smpp';
import { z } from 'zod';
import { systemClock, type Clock } from '../../../platform/clock.ts';
import { lookupByReference } from './lookup.ts';
import { ProviderError, type ChannelProvider, type DeliveryReport, type OutboundMessage, type SendReceipt } from './provider.types.ts';

/** submit_sm outstanding at once on the session unless told otherwise. */
export const SMPP_WINDOW_SIZE = 64;
/** Largest window accepted; SMSCs rarely allow more, and the sink's memory per message is small anyway. */
export const MAX_SMPP_WINDOW_SIZE = 1_024;
/** Messages waiting for a window slot or a session; beyond this, send refuses at once (retryable). */
export const SMPP_MAX_QUEUED_MESSAGES = 100_000;
/** How long a message may wait for a window slot or a bound session before send gives up, in ms. */
export const SMPP_QUEUE_TIMEOUT_MS = 30_000;
/** How long a submitted message waits for its submit_sm_resp, in ms. */
export const SMPP_RESPONSE_TIMEOUT_MS = 10_000;
/** How long connecting and binding may take before the attempt is abandoned, in ms. */
export const SMPP_CONNECT_TIMEOUT_MS = 10_000;
/** How long a dispatcher waits at start for its first bind before it gives up with the reason, in ms. */
export const SMPP_READY_TIMEOUT_MS = 30_000;
/** Interval of the enquire_link keep-alive; a link that has not answered the previous one is dropped. */
export const SMPP_ENQUIRE_LINK_INTERVAL_MS = 30_000;
/** First and longest pause before reconnecting after a drop; the pause doubles per failed attempt. */
export const SMPP_RECONNECT_MIN_MS = 200;
export const SMPP_RECONNECT_MAX_MS = 30_000;
/** How long close() waits for outstanding responses and for unbind_resp, in ms. */
export const SMPP_CLOSE_GRACE_MS = 5_000;
/** How often queued and outstanding messages are checked against their deadlines, in ms. */
const SMPP_SWEEP_INTERVAL_MS = 250;
/** Longest text accepted, in characters (long texts travel whole in message_payload). */
export const MAX_SMS_TEXT_CHARS = 1_000;
/** One SMS holds 160 GSM characters (one octet each as SMPP carries them) or 140 octets of UCS2. */
export const SMS_SINGLE_GSM_OCTETS = 160;
export const SMS_SINGLE_UCS2_OCTETS = 140;
/** SMPP address fields are C-octet strings of at most 21 octets, the terminating NUL included. */
const MAX_SMPP_ADDRESS_CHARS = 20;
/** The vendor-specific TLV carrying our reference (a C-octet string). */
export const CLIENT_REFERENCE_TLV_TAG = 0x1400;

const DATA_CODING_SMSC_DEFAULT = 0x00;
const DATA_CODING_UCS2 = 0x08;
const ESM_CLASS_TYPE_MASK = 0x3c;
const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
const INTERFACE_VERSION_34 = 0x34;
const TON_INTERNATIONAL = 1;
const TON_ALPHANUMERIC = 5;
const NPI_ISDN = 1;

/**
 * Command statuses after which the same message may be sent again later: the SMSC was busy, throttled
 * us or failed inside. Every other refusal is about the message itself (addresses, length, coding).
 */
const RETRYABLE_STATUSES = new Set([
  0x04, // ESME_RINVBNDSTS: the session was not bound (a race with a reconnect)
  0x08, // ESME_RSYSERR
  0x14, // ESME_RMSGQFUL
  0x45, // ESME_RSUBMITFAIL
  0x58, // ESME_RTHROTTLED
  0x64, // ESME_RX_T_APPN: temporary application error
  0xff, // ESME_RUNKNOWNERR
]);

/** The message field a refusal is about, so that the error names it. */
const STATUS_FIELDS: Record<number, keyof OutboundMessage> = { 0x0a: 'from', 0x0b: 'to', 0x01: 'text', 0x104: 'text' };

const STATUS_NAMES = new Map<number, string>(Object.entries(smpp.errors).map(([name, code]) => [code, name]));

export function commandStatusName(status: number): string {
  return `${STATUS_NAMES.get(status) ?? 'unknown status'} (0x${status.toString(16).padStart(8, '0').toUpperCase()})`;
}

/** Registers the reference TLV once per process and returns the field name the library knows it by. */
function referenceTlvName(): string {
  const known = smpp.tlvsById[CLIENT_REFERENCE_TLV_TAG];
  if (known?.tag) return known.tag;
  smpp.addTLV('client_reference', { id: CLIENT_REFERENCE_TLV_TAG, type: smpp.types.tlv.cstring });
  return 'client_reference';
}

export interface SmppProviderOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  /** Base URL of the aggregator's search by client reference; `${lookupUrl}/${reference}`. */
  lookupUrl?: string;
  /** submit_sm outstanding at once (default SMPP_WINDOW_SIZE). */
  windowSize?: number;
  enquireLinkIntervalMs?: number;
  responseTimeoutMs?: number;
  queueTimeoutMs?: number;
  /** For report instants the receipt does not carry. */
  clock?: Clock;
}

export interface SmppProvider extends ChannelProvider {
  readonly channel: 'sms';
  /**
   * Resolves once the session is bound; rejects with the bind error when the SMSC refuses the account,
   * and, given timeoutMs, when no bind came within it (naming the last connection error; the provider
   * goes on trying until closed).
   */
  ready(timeoutMs?: number): Promise<void>;
  onReport(listener: (r: DeliveryReport) => void): void;
}

// ---------------------------------------------------------------------------------------------------
// Delivery receipts

export interface ReceiptFields {
  /** The receipt text: `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…`. */
  text: string;
  receiptedMessageId?: string;
  messageState?: number;
}

const MESSAGE_STATES: Record<number, DeliveryReport['status'] | null> = {
  0: null, // scheduled
  1: null, // enroute
  2: 'delivered',
  3: 'expired',
  4: 'failed', // deleted
  5: 'failed', // undeliverable
  6: null, // accepted: not final
  7: 'failed', // unknown: final, and not a delivery
  8: 'rejected',
  9: 'failed', // skipped
};

const STATS: Record<string, DeliveryReport['status'] | null> = {
  DELIVRD: 'delivered', EXPIRED: 'expired', DELETED: 'failed', UNDELIV: 'failed', ACCEPTD: null, ENROUTE: null, UNKNOWN: 'failed', REJECTD: 'rejected', SCHEDULED: null, SKIPPED: 'failed',
};

/** `2604051230` (YYMMDDhhmm, optionally ss) → ISO instant, read as UTC; undefined when malformed. */
export function receiptInstant(s: string | undefined): string | undefined {
  const m = s ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?$/.exec(s) : null;
  if (!m) return undefined;
  const [yy, mo, dd, hh, mi, ss = '00'] = m.slice(1).map((x) => x ?? '00') as string[];
  const iso = `20${yy}-${mo}-${dd}T${hh}:${mi}:${ss}.000Z`;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) || d.toISOString() !== iso ? undefined : iso;
}

/**
 * A receipt as a DeliveryReport, or null when it reports no final outcome (ENROUTE, ACCEPTD) or names
 * no message. The TLVs win over the text, which SMSCs format loosely.
 */
export function parseReceipt(r: ReceiptFields, fallbackAt: string): DeliveryReport | null {
  const field = (name: string) => new RegExp(`(?:^|\\s)${name}:(\\S*)`, 'i').exec(r.text)?.[1];
  const id = r.receiptedMessageId || field('id');
  if (!id) return null;
  const stat = field('stat')?.toUpperCase();
  const err = field('err');
  let status: DeliveryReport['status'] | null | undefined = r.messageState !== undefined ? MESSAGE_STATES[r.messageState] : undefined;
  if (status === undefined) status = stat !== undefined ? STATS[stat] : undefined;
  if (!status) return null;
  const detail = [stat && `stat:${stat}`, err && `err:${err}`].filter(Boolean).join(' ');
  return { providerMessageId: id, status, at: receiptInstant(/done date:(\d{10,12})/i.exec(r.text)?.[1]) ?? fallbackAt, ...(detail ? { detail } : {}) };
}

// ---------------------------------------------------------------------------------------------------

interface Pending {
  msg: OutboundMessage;
  fields: Record<string, unknown>;
  resolve(r: SendReceipt): void;
  reject(e: ProviderError): void;
  /** Deadline in the queue, then for the response once submitted (ms since the epoch). */
  deadline: number;
}

function addressFields(prefix: 'source' | 'dest', addr: string): Record<string, unknown> {
  const addrField = prefix === 'source' ? 'source_addr' : 'destination_addr';
  if (addr.startsWith('+')) return { [`${prefix}_addr_ton`]: TON_INTERNATIONAL, [`${prefix}_addr_npi`]: NPI_ISDN, [addrField]: addr.slice(1) };
  if (/[^0-9]/.test(addr)) return { [`${prefix}_addr_ton`]: TON_ALPHANUMERIC, [`${prefix}_addr_npi`]: 0, [addrField]: addr };
  return { [`${prefix}_addr_ton`]: 0, [`${prefix}_addr_npi`]: NPI_ISDN, [addrField]: addr };
}

function invalid(field: string, message: string): ProviderError {
  return new ProviderError(`${field}: ${message}`, false);
}

/** Checks a message at the edge and turns it into submit_sm fields (coding chosen from the text). */
function submitFields(msg: OutboundMessage, refTlv: string): Record<string, unknown> {
  if (msg.channel !== 'sms') throw invalid('channel', `the SMPP provider sends channel 'sms', not '${msg.channel}'`);
  if (!/^[\x21-\x7e]{1,32}$/.test(msg.reference)) throw invalid('reference', 'expected 1–32 printable ASCII characters');
  if (!/^\+?[0-9]{3,20}$/.test(msg.to) || msg.to.replace('+', '').length > MAX_SMPP_ADDRESS_CHARS) throw invalid('to', `expected a phone number such as +8613800138000, got '${msg.to}'`);
  if (!/^\+?[0-9A-Za-z ]{1,20}$/.test(msg.from)) throw invalid('from', `expected a registered sender (digits, or letters for an alphanumeric sender), got '${msg.from}'`);
  const chars = [...msg.text].length;
  if (chars === 0) throw invalid('text', 'is empty');
  if (chars > MAX_SMS_TEXT_CHARS) throw invalid('text', `has ${chars} characters, more than ${MAX_SMS_TEXT_CHARS}`);
  // The GSM default alphabet when every character is in it (one octet per character as SMPP carries
  // it, data_coding 0); UCS2 otherwise, which is what Chinese text needs.
  const gsm = smpp.encodings.ASCII.match(msg.text);
  const bytes = gsm ? smpp.encodings.ASCII.encode(msg.text) : Buffer.from(msg.text, 'utf16le').swap16();
  const long = bytes.length > (gsm ? SMS_SINGLE_GSM_OCTETS : SMS_SINGLE_UCS2_OCTETS);
  return {
    service_type: '',
    ...addressFields('source', msg.from),
    ...addressFields('dest', msg.to),
    esm_class: 0,
    registered_delivery: 1,
    data_coding: gsm ? DATA_CODING_SMSC_DEFAULT : DATA_CODING_UCS2,
    // A long text goes whole in message_payload and the SMSC splits it for the handset.
    short_message: long ? Buffer.alloc(0) : bytes,
    ...(long ? { message_payload: bytes } : {}),
    [refTlv]: msg.reference,
  };
}

function decodedText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  const m = (value as DecodedMessage | undefined)?.message;
  if (m === undefined) return '';
  return typeof m === 'string' ? m : m.toString('latin1');
}

const LookupAnswerSchema = z.object({ messageId: z.string().min(1), receivedAt: z.string().min(1) });

type State = 'connecting' | 'bound' | 'backoff' | 'refused' | 'closed';

export function createSmppProvider(opts: SmppProviderOptions): SmppProvider {
  const refTlv = referenceTlvName();
  const clock = opts.clock ?? systemClock;
  const windowSize = opts.windowSize ?? SMPP_WINDOW_SIZE;
  if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > MAX_SMPP_WINDOW_SIZE) {
    throw invalid('windowSize', `expected a whole number 1–${MAX_SMPP_WINDOW_SIZE}, got ${windowSize}`);
  }
  const enquireEveryMs = opts.enquireLinkIntervalMs ?? SMPP_ENQUIRE_LINK_INTERVAL_MS;
  const responseTimeoutMs = opts.responseTimeoutMs ?? SMPP_RESPONSE_TIMEOUT_MS;
  const queueTimeoutMs = opts.queueTimeoutMs ?? SMPP_QUEUE_TIMEOUT_MS;
  const endpoint = `${opts.host}:${opts.port}`;

  let state: State = 'connecting';
  let session: Session | null = null;
  let lastError = '';
  let bindError: ProviderError | null = null;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let connectTimer: NodeJS.Timeout | undefined;
  let enquirePending = false;
  // A FIFO with a moving head: shifting a large array per message would cost O(n) each time.
  let queue: Array<Pending | undefined> = [];
  let head = 0;
  const inflight = new Map<number, Pending>();
  const listeners: Array<(r: DeliveryReport) => void> = [];
  let readyWaiters: Array<{ resolve(): void; reject(e: ProviderError): void }> = [];
  let drainWaiters: Array<() => void> = [];

  const queued = () => queue.length - head;

  /** A send whose outcome is unknown: retryable, but only after lookup says the SMSC does not hold it. */
  const ambiguous = (what: string) => new ProviderError(`${what}; it may hold the message, so call lookup(reference) before sending it again`, true);

  const settleReady = () => {
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const w of waiters) {
      if (state === 'bound') w.resolve();
      else if (bindError) w.reject(bindError);
      else if (state === 'closed') w.reject(new ProviderError(`SMPP provider for ${endpoint} is closed`, true));
    }
  };

  const rejectQueued = (error: ProviderError) => {
    for (let i = head; i < queue.length; i++) queue[i]?.reject(error);
    queue = [];
    head = 0;
  };

  const rejectInflight = (error: ProviderError) => {
    const all = [...inflight.values()];
    inflight.clear();
    for (const p of all) p.reject(error);
    notifyDrain();
  };

  function notifyDrain() {
    if (inflight.size > 0) return;
    const waiters = drainWaiters;
    drainWaiters = [];
    for (const w of waiters) w();
  }

  function pump() {
    if (state !== 'bound' || !session) return;
    const s = session;
    // Corking gathers the PDUs of one pass into few TCP segments.
    s.socket.cork();
    try {
      while (inflight.size < windowSize && head < queue.length) {
        const p = queue[head]!;
        queue[head++] = undefined;
        const pdu = new smpp.PDU('submit_sm', p.fields);
        if (!s.send(pdu)) {
          queue[--head] = p;
          break;
        }
        p.deadline = Date.now() + responseTimeoutMs;
        inflight.set(pdu.sequence_number, p);
      }
    } finally {
      process.nextTick(() => s.socket.uncork());
    }
    if (head > 1_024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  function onResponse(pdu: PDU) {
    const p = inflight.get(pdu.sequence_number);
    if (!p) return; // timed out earlier, or an answer to something else
    inflight.delete(pdu.sequence_number);
    if (pdu.command_status === 0 && typeof pdu.message_id === 'string' && pdu.message_id !== '') {
      p.resolve({ providerMessageId: pdu.message_id, acceptedAt: p.msg.at });
    } else if (pdu.command_status === 0) {
      // Accepted, but without an id: sending again would duplicate it, and lookup finds it by reference.
      p.reject(ambiguous(`the SMSC at ${endpoint} accepted '${p.msg.reference}' without a message_id`));
    } else {
      const status = pdu.command_status;
      const field = STATUS_FIELDS[status];
      const value = field ? ` '${String(p.msg[field]).slice(0, 40)}'` : '';
      p.reject(
        new ProviderError(
          `${field ?? 'message'}: the SMSC at ${endpoint} refused${value} (reference '${p.msg.reference}'): ${commandStatusName(status)}`,
          RETRYABLE_STATUSES.has(status),
        ),
      );
    }
    notifyDrain();
    pump();
  }

  function onDeliver(s: Session, pdu: PDU) {
    // Every deliver_sm is answered, receipt or not, or the SMSC would send it again and again.
    s.send(pdu.response());
    const esm = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
    if ((esm & ESM_CLASS_TYPE_MASK) !== ESM_CLASS_DELIVERY_RECEIPT) return;
    const report = parseReceipt(
      {
        text: decodedText(pdu.short_message) || decodedText(pdu.message_payload),
        receiptedMessageId: typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id : undefined,
        messageState: typeof pdu.message_state === 'number' ? pdu.message_state : undefined,
      },
      clock.now(),
    );
    if (!report) return;
    for (const l of listeners) {
      try {
        l(report);
      } catch (err) {
        // A failing listener must not take the session down with it; the lost report is at least written down.
        process.stderr.write(`SMPP delivery report listener failed for ${report.providerMessageId}: ${(err as Error).message}\n`);
      }
    }
  }

  function onClosed(s: Session) {
    if (s !== session) return;
    session = null;
    clearTimeout(connectTimer);
    enquirePending = false;
    rejectInflight(ambiguous(`the connection closed${lastError ? ` (${lastError})` : ''} before the SMSC at ${endpoint} answered submit_sm`));
    if (state === 'closed' || state === 'refused') return;
    state = 'backoff';
    const delay = Math.min(SMPP_RECONNECT_MAX_MS, SMPP_RECONNECT_MIN_MS * 2 ** Math.min(attempt, 16));
    attempt++;
    // Jitter keeps many workers from reconnecting in step after an SMSC restart.
    reconnectTimer = setTimeout(connect, delay * (0.75 + Math.random() * 0.5));
  }

  function connect() {
    reconnectTimer = undefined;
    if (state === 'closed' || state === 'refused') return;
    state = 'connecting';
    const s = smpp.connect({ host: opts.host, port: opts.port });
    session = s;
    connectTimer = setTimeout(() => {
      lastError = `no bind within ${SMPP_CONNECT_TIMEOUT_MS} ms`;
      s.destroy();
    }, SMPP_CONNECT_TIMEOUT_MS);
    s.on('error', (err: Error) => {
      lastError = err.message;
      // The library stops reading after a PDU it cannot parse; only a new connection recovers.
      s.destroy();
    });
    s.on('close', () => onClosed(s));
    s.on('connect', () => {
      const bind = new smpp.PDU('bind_transceiver', { system_id: opts.systemId, password: opts.password, system_type: '', interface_version: INTERFACE_VERSION_34 });
      s.send(bind, (resp) => {
        if (s !== session) return;
        clearTimeout(connectTimer);
        if (resp.command_status !== 0) {
          // The same credentials would be refused again, and SMSCs lock accounts after repeated failed
          // binds, so the provider stops here instead of reconnecting.
          state = 'refused';
          bindError = new ProviderError(
            `systemId/password: the SMSC at ${endpoint} refused bind_transceiver for system_id '${opts.systemId}': ${commandStatusName(resp.command_status)}`,
            false,
          );
          rejectQueued(bindError);
          settleReady();
          s.destroy();
          return;
        }
        state = 'bound';
        attempt = 0;
        lastError = '';
        settleReady();
        pump();
      });
    });
    s.on('submit_sm_resp', onResponse);
    s.on('generic_nack', onResponse);
    s.on('deliver_sm', (pdu: PDU) => onDeliver(s, pdu));
    s.on('enquire_link', (pdu: PDU) => s.send(pdu.response()));
    s.on('unbind', (pdu: PDU) => {
      // The SMSC is leaving (a restart, maintenance): answer, let the socket close, and reconnect.
      lastError = 'the SMSC sent unbind';
      s.send(pdu.response(), () => s.close());
    });
  }

  // Keep-alive: an enquire_link per interval; one still unanswered at the next tick means a dead link.
  const keepAlive = setInterval(() => {
    if (state !== 'bound' || !session) return;
    const s = session;
    if (enquirePending) {
      lastError = `no enquire_link_resp within ${enquireEveryMs} ms`;
      s.destroy();
      return;
    }
    enquirePending = true;
    s.send(new smpp.PDU('enquire_link'), () => {
      if (s === session) enquirePending = false;
    });
  }, enquireEveryMs);
  keepAlive.unref();

  // Deadlines: both the queue and the in-flight map are in deadline order, so each check stops early.
  const sweep = setInterval(() => {
    const t = Date.now();
    while (head < queue.length && queue[head]!.deadline <= t) {
      const p = queue[head]!;
      queue[head++] = undefined;
      const why = state === 'bound' ? 'every window slot stayed busy' : `no session was bound${lastError ? ` (${lastError})` : ''}`;
      p.reject(new ProviderError(`not sent to ${endpoint} within ${queueTimeoutMs} ms: ${why}`, true));
    }
    for (const [seq, p] of inflight) {
      if (p.deadline > t) break;
      inflight.delete(seq);
      p.reject(ambiguous(`no submit_sm_resp from the SMSC at ${endpoint} within ${responseTimeoutMs} ms`));
    }
    notifyDrain();
    pump();
  }, SMPP_SWEEP_INTERVAL_MS);
  sweep.unref();

  connect();

  let closing: Promise<void> | null = null;

  return {
    channel: 'sms',

    send(msg) {
      let fields: Record<string, unknown>;
      try {
        fields = submitFields(msg, refTlv);
      } catch (err) {
        return Promise.reject(err);
      }
      if (bindError) return Promise.reject(bindError);
      if (state === 'closed') return Promise.reject(new ProviderError(`SMPP provider for ${endpoint} is closed; message '${msg.reference}' was not sent`, true));
      if (queued() >= SMPP_MAX_QUEUED_MESSAGES) {
        return Promise.reject(new ProviderError(`more than ${SMPP_MAX_QUEUED_MESSAGES} messages wait for ${endpoint}; '${msg.reference}' was not sent`, true));
      }
      return new Promise<SendReceipt>((resolve, reject) => {
        queue.push({ msg, fields, resolve, reject, deadline: Date.now() + queueTimeoutMs });
        pump();
      });
    },

    lookup: (reference) => lookupByReference(opts.lookupUrl, reference, 'the SMSC', LookupAnswerSchema, (a) => ({ providerMessageId: a.messageId, acceptedAt: a.receivedAt })),

    onReport(listener) {
      listeners.push(listener);
    },

    ready(timeoutMs?: number) {
      if (state === 'bound') return Promise.resolve();
      if (bindError) return Promise.reject(bindError);
      if (state === 'closed') return Promise.reject(new ProviderError(`SMPP provider for ${endpoint} is closed`, true));
      return new Promise<void>((resolve, reject) => {
        const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
          readyWaiters = readyWaiters.filter((w) => w !== waiter);
          reject(new ProviderError(`no bind with the SMSC at ${endpoint} within ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ''}`, true));
        }, timeoutMs);
        const waiter = {
          resolve: () => (clearTimeout(timer), resolve()),
          reject: (e: ProviderError) => (clearTimeout(timer), reject(e)),
        };
        readyWaiters.push(waiter);
      });
    },

    close() {
      closing ??= (async () => {
        const wasBound = state === 'bound';
        state = 'closed';
        clearTimeout(reconnectTimer);
        clearInterval(keepAlive);
        rejectQueued(new ProviderError(`SMPP provider for ${endpoint} closed before the message was submitted`, true));
        settleReady();
        // Answers already on their way are worth waiting for: each one settles a send for certain.
        if (inflight.size > 0) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, SMPP_CLOSE_GRACE_MS);
            drainWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          });
        }
        clearInterval(sweep);
        const s = session;
        if (s && wasBound && s.socket.writable) {
          // Done when unbind_resp arrives, the SMSC closes first, or the grace period runs out.
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              s.socket.off('close', done);
              resolve();
            };
            const timer = setTimeout(done, SMPP_CLOSE_GRACE_MS);
            s.socket.once('close', done);
            if (!s.send(new smpp.PDU('unbind'), done)) done();
          });
        }
        if (s) {
          await new Promise<void>((resolve) => {
            if (s.socket.destroyed) return resolve();
            s.socket.once('close', () => resolve());
            s.destroy();
          });
        }
        clearTimeout(connectTimer);
        rejectInflight(ambiguous(`the provider closed before the SMSC at ${endpoint} answered submit_sm`));
      })();
      return closing;
    },
  };
}
