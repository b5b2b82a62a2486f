/**
 * An SMSC sink: a small SMPP 3.4 server that stands in for an SMS aggregator in development and tests.
 * It checks the bind credentials and the sender, keeps every accepted message in memory (decoded text,
 * our client reference), answers with a message_id and, when asked, sends the delivery receipt back
 * as a deliver_sm the way real SMSCs do. Nothing is delivered to a phone.
 *
 * It is written against the wire format only, independently of our SMPP provider, so that the tests of
 * the provider check the protocol rather than a helper the two would share.
 */
import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session, type DecodedMessage } from 'smpp';

/** The vendor-specific TLV that carries the client's own reference for a message (a C-octet string). */
export const CLIENT_REFERENCE_TLV_TAG = 0x1400;
/** Messages kept in memory; the oldest are dropped beyond this, so a long-running sink stays small. */
export const SINK_MAX_MESSAGES = 100_000;
/** Receipts kept for a system_id that has no receiving session bound at the moment. */
export const SINK_MAX_PENDING_RECEIPTS = 10_000;
/** Characters of the original text a receipt repeats (the `text:` field of the standard receipt). */
export const RECEIPT_TEXT_CHARS = 20;
/** Destinations the sink reports as undeliverable unless told otherwise: numbers ending in 0000. */
export const DEFAULT_UNDELIVERABLE = /0000$/;

const ESME = {
  ROK: 0x00,
  RINVCMDID: 0x03,
  RINVBNDSTS: 0x04,
  RALYBND: 0x05,
  RINVSRCADR: 0x0a,
  RINVDSTADR: 0x0b,
  RBINDFAIL: 0x0d,
  RINVTLVVAL: 0xc4,
} as const;

/** SMPP message_state values used in receipts. */
const MESSAGE_STATE = { DELIVERED: 2, UNDELIVERABLE: 5 } as const;
/** esm_class of a deliver_sm that is an SMSC delivery receipt. */
const ESM_CLASS_DELIVERY_RECEIPT = 0x04;
/** Type of number: international (the address is an E.164 number without its '+'). */
const TON_INTERNATIONAL = 1;

export interface SinkReceipt {
  stat: 'DELIVRD' | 'UNDELIV';
  err: string;
  text: string;
  sentAt: string;
  /** Whether the client answered the receipt's deliver_sm with a deliver_sm_resp. */
  acknowledged: boolean;
}

export interface SinkSms {
  messageId: string;
  systemId: string;
  /** The sender as registered (an E.164 number keeps its '+'). */
  source: string;
  destination: string;
  text: string;
  dataCoding: number;
  /** The client's reference from the vendor TLV 0x1400, or null when none was sent. */
  reference: string | null;
  registeredDelivery: number;
  receivedAt: string;
  receipt: SinkReceipt | null;
}

export interface SmscSinkOptions {
  port?: number;
  host?: string;
  systemId: string;
  password: string;
  /** The senders (source_addr) this account may use; anything else is refused with ESME_RINVSRCADR. */
  registeredSenders: string[];
  /** Destinations whose receipt says UNDELIV instead of DELIVRD. */
  undeliverable?: RegExp;
  /** The sink's clock for receivedAt and receipt dates; tests pass a fixed one. */
  now?: () => Date;
  /**
   * Messages a second each bind is given, as an aggregator's contract sets (its TPS): beyond it the
   * answers to submit_sm are held back and come one every 1/rate s, in order. Absent: no limit.
   */
  bindRate?: number;
}

export interface SmscSink {
  port: number;
  /** Accepted messages, oldest first. */
  messages(): SinkSms[];
  /** The first message accepted with this client reference. */
  findByReference(reference: string): SinkSms | undefined;
  /**
   * Emits 'bind' (systemId, mode), 'message' (SinkSms), 'receipt' (SinkSms, once acknowledged),
   * 'enquire_link', 'refused' (command_status, reason), so that tests await events instead of sleeping.
   */
  events: EventEmitter;
  /** Drops every client connection, as a network failure would. */
  disconnectAll(): void;
  close(): Promise<void>;
}

/**
 * Registers the reference TLV in the library's table (once per process) and returns the field name the
 * library uses for it. Another part of the process may have registered tag 0x1400 under its own name.
 */
function referenceTlvName(): string {
  const known = smpp.tlvsById[CLIENT_REFERENCE_TLV_TAG];
  if (known?.tag) return known.tag;
  smpp.addTLV('client_reference', { id: CLIENT_REFERENCE_TLV_TAG, type: smpp.types.tlv.cstring });
  return 'client_reference';
}

type BindMode = 'transceiver' | 'transmitter' | 'receiver';

interface SessionState {
  session: Session;
  systemId: string | null;
  mode: BindMode | null;
  /** With a bind rate: when (ms since the epoch) this bind's next message may be accepted. */
  nextSlot: number;
}

/** YYMMDDhhmm in UTC, the date format of the standard receipt text. */
export function receiptDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCFullYear() % 100)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}`;
}

function decodedText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.length ? `[binary ${value.toString('hex')}]` : '';
  const m = (value as DecodedMessage).message;
  if (typeof m === 'string') return m;
  return m.length ? `[binary ${m.toString('hex')}]` : '';
}

/** An address as the client meant it: international numbers get their '+' back. */
function address(ton: unknown, addr: unknown): string {
  const a = typeof addr === 'string' ? addr : '';
  return ton === TON_INTERNATIONAL && a !== '' && !a.startsWith('+') ? `+${a}` : a;
}

export async function startSmscSink(opts: SmscSinkOptions): Promise<SmscSink> {
  const refTlv = referenceTlvName();
  const now = opts.now ?? (() => new Date());
  const undeliverable = opts.undeliverable ?? DEFAULT_UNDELIVERABLE;
  const senders = new Set(opts.registeredSenders);
  const events = new EventEmitter();
  const stored: SinkSms[] = [];
  let firstIndex = 0;
  const byReference = new Map<string, SinkSms>();
  const states = new Set<SessionState>();
  const pendingReceipts = new Map<string, Array<{ sms: SinkSms; pdu: () => PDU }>>();
  // Message ids are unique within one run of the sink: a random prefix tells runs apart.
  const idPrefix = randomBytes(3).toString('hex');
  let counter = 0;

  const store = (sms: SinkSms) => {
    stored.push(sms);
    if (sms.reference !== null && !byReference.has(sms.reference)) byReference.set(sms.reference, sms);
    if (stored.length - firstIndex > SINK_MAX_MESSAGES) {
      const old = stored[firstIndex]!;
      firstIndex++;
      if (old.reference !== null && byReference.get(old.reference) === old) byReference.delete(old.reference);
      // Compact now and then instead of shifting the array on every message.
      if (firstIndex > SINK_MAX_MESSAGES / 2) {
        stored.splice(0, firstIndex);
        firstIndex = 0;
      }
    }
  };

  const refuse = (st: SessionState, pdu: PDU, status: number, reason: string) => {
    events.emit('refused', status, reason);
    st.session.send(pdu.response({ command_status: status }));
  };

  /** A bound session of this system_id that may receive deliver_sm, preferring the one given. */
  const receiverFor = (systemId: string, preferred: SessionState | undefined): SessionState | undefined => {
    const canReceive = (s: SessionState) => s.systemId === systemId && (s.mode === 'transceiver' || s.mode === 'receiver') && s.session.socket.writable;
    if (preferred && canReceive(preferred)) return preferred;
    for (const s of states) if (canReceive(s)) return s;
    return undefined;
  };

  const sendReceipt = (target: SessionState, sms: SinkSms, pdu: PDU) => {
    const ok = target.session.send(pdu, (resp) => {
      if (sms.receipt && resp.command_status === ESME.ROK) {
        sms.receipt.acknowledged = true;
        events.emit('receipt', sms);
      }
    });
    return ok;
  };

  const deliverReceipt = (sms: SinkSms, makePdu: () => PDU, preferred: SessionState | undefined) => {
    const target = receiverFor(sms.systemId, preferred);
    if (target && sendReceipt(target, sms, makePdu())) return;
    const queue = pendingReceipts.get(sms.systemId) ?? [];
    if (queue.length < SINK_MAX_PENDING_RECEIPTS) queue.push({ sms, pdu: makePdu });
    pendingReceipts.set(sms.systemId, queue);
  };

  const flushPending = (st: SessionState) => {
    if (!st.systemId || !(st.mode === 'transceiver' || st.mode === 'receiver')) return;
    const queue = pendingReceipts.get(st.systemId);
    if (!queue) return;
    pendingReceipts.delete(st.systemId);
    for (const { sms, pdu } of queue) deliverReceipt(sms, pdu, st);
  };

  const receiptFor = (sms: SinkSms): { receipt: SinkReceipt; pdu: () => PDU } => {
    const failed = undeliverable.test(sms.destination);
    const at = now();
    // The receipt repeats the start of the text; only printable ASCII survives the default alphabet intact.
    const text = [...sms.text].slice(0, RECEIPT_TEXT_CHARS).map((c) => (/^[\x20-\x7e]$/.test(c) ? c : '?')).join('');
    const receipt: SinkReceipt = { stat: failed ? 'UNDELIV' : 'DELIVRD', err: failed ? '001' : '000', text, sentAt: at.toISOString(), acknowledged: false };
    const date = receiptDate(new Date(sms.receivedAt));
    const body = `id:${sms.messageId} sub:001 dlvrd:${failed ? '000' : '001'} submit date:${date} done date:${receiptDate(at)} stat:${receipt.stat} err:${receipt.err} text:${text}`;
    const plus = (a: string) => (a.startsWith('+') ? { ton: TON_INTERNATIONAL, npi: 1, addr: a.slice(1) } : { ton: 0, npi: 0, addr: a });
    const src = plus(sms.destination);
    const dst = plus(sms.source);
    return {
      receipt,
      pdu: () =>
        new smpp.PDU('deliver_sm', {
          source_addr_ton: src.ton, source_addr_npi: src.npi, source_addr: src.addr,
          dest_addr_ton: dst.ton, dest_addr_npi: dst.npi, destination_addr: dst.addr,
          esm_class: ESM_CLASS_DELIVERY_RECEIPT,
          data_coding: 0,
          short_message: body,
          receipted_message_id: sms.messageId,
          message_state: failed ? MESSAGE_STATE.UNDELIVERABLE : MESSAGE_STATE.DELIVERED,
        }),
    };
  };

  const onSubmit = (st: SessionState, pdu: PDU) => {
    if (!st.systemId || (st.mode !== 'transceiver' && st.mode !== 'transmitter')) {
      return refuse(st, pdu, ESME.RINVBNDSTS, 'submit_sm before bind_transmitter/bind_transceiver');
    }
    const source = address(pdu.source_addr_ton, pdu.source_addr);
    const destination = address(pdu.dest_addr_ton, pdu.destination_addr);
    if (!senders.has(source)) return refuse(st, pdu, ESME.RINVSRCADR, `source_addr '${source}' is not a registered sender`);
    if (destination.replace(/^\+/, '') === '') return refuse(st, pdu, ESME.RINVDSTADR, 'destination_addr is empty');
    const shortText = decodedText(pdu.short_message);
    const payloadText = decodedText(pdu.message_payload);
    if (shortText !== '' && payloadText !== '') return refuse(st, pdu, ESME.RINVTLVVAL, 'short_message and message_payload are both set');
    const text = shortText || payloadText;
    if (!opts.bindRate) return accept(st, pdu, text, source, destination);
    const at = Date.now();
    const slot = Math.max(at, st.nextSlot);
    st.nextSlot = slot + 1000 / opts.bindRate;
    // A session closed while its answer waited: the message was never accepted, as at a real SMSC.
    setTimeout(() => { if (states.has(st)) accept(st, pdu, text, source, destination); }, slot - at);
  };

  const accept = (st: SessionState, pdu: PDU, text: string, source: string, destination: string) => {
    const ref = pdu[refTlv];
    const sms: SinkSms = {
      messageId: `${idPrefix}${(++counter).toString(16).padStart(8, '0')}`,
      systemId: st.systemId!,
      source,
      destination,
      text,
      dataCoding: typeof pdu.data_coding === 'number' ? pdu.data_coding : 0,
      reference: typeof ref === 'string' && ref !== '' ? ref : null,
      registeredDelivery: typeof pdu.registered_delivery === 'number' ? pdu.registered_delivery : 0,
      receivedAt: now().toISOString(),
      receipt: null,
    };
    store(sms);
    st.session.send(pdu.response({ message_id: sms.messageId }));
    events.emit('message', sms);
    // Bits 0–1 of registered_delivery ask for a receipt: 1 on any final outcome, 2 on failure only.
    const wanted = sms.registeredDelivery & 0x03;
    if (wanted === 0) return;
    const { receipt, pdu: makePdu } = receiptFor(sms);
    if (wanted === 2 && receipt.stat === 'DELIVRD') return;
    sms.receipt = receipt;
    // The receipt leaves after the submit_sm_resp, as from a real SMSC.
    setImmediate(() => deliverReceipt(sms, makePdu, st));
  };

  const onBind = (st: SessionState, pdu: PDU, mode: BindMode) => {
    if (st.mode) return refuse(st, pdu, ESME.RALYBND, 'already bound');
    if (pdu.system_id !== opts.systemId || pdu.password !== opts.password) {
      events.emit('refused', ESME.RBINDFAIL, `bind_${mode} with wrong system_id or password`);
      st.session.send(pdu.response({ command_status: ESME.RBINDFAIL }), () => st.session.close());
      return;
    }
    st.systemId = opts.systemId;
    st.mode = mode;
    st.session.send(pdu.response({ system_id: 'FAIRDEBT-SINK' }));
    events.emit('bind', st.systemId, mode);
    flushPending(st);
  };

  const server = smpp.createServer((session) => {
    const st: SessionState = { session, systemId: null, mode: null, nextSlot: 0 };
    states.add(st);
    session.on('close', () => states.delete(st));
    // A client that drops its connection is not the sink's error; the session just ends.
    session.on('error', () => session.destroy());
    session.on('pdu', (pdu: PDU) => {
      if (pdu.isResponse()) return;
      switch (pdu.command) {
        case 'bind_transceiver': return onBind(st, pdu, 'transceiver');
        case 'bind_transmitter': return onBind(st, pdu, 'transmitter');
        case 'bind_receiver': return onBind(st, pdu, 'receiver');
        case 'submit_sm': return onSubmit(st, pdu);
        case 'enquire_link':
          events.emit('enquire_link');
          return void session.send(pdu.response());
        case 'unbind':
          st.mode = null;
          return void session.send(pdu.response(), () => session.close());
        default:
          // Unknown commands get a generic_nack from response(); known but unsupported ones say so.
          return void session.send(pdu.command === 'unknown' ? pdu.response() : pdu.response({ command_status: ESME.RINVCMDID }));
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    port: (server.address() as AddressInfo).port,
    messages: () => stored.slice(firstIndex),
    findByReference: (reference) => byReference.get(reference),
    events,
    disconnectAll() {
      for (const s of states) s.session.destroy();
    },
    close() {
      return new Promise<void>((resolve) => {
        for (const s of states) s.session.destroy();
        server.close(() => resolve());
      });
    },
  };
}
