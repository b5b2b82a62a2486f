/**
 * The part of the `smpp` package (node-smpp 0.5, plain JavaScript) that Fairdebt uses: sessions, the
 * server, PDUs and the TLV table. Field values of a PDU are loose by nature (each command has its own
 * parameters), so a PDU is an index of unknown values and callers read the fields they expect.
 */
declare module 'smpp' {
  import { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  /** How the library reads and writes one TLV value. */
  export interface TlvType {
    read(buffer: Buffer, offset: number, length: number): unknown;
    write(value: unknown, buffer: Buffer, offset: number): void;
    size(value: unknown): number;
  }

  export interface TlvDefinition {
    id: number;
    type: TlvType;
    tag?: string;
    multiple?: boolean;
  }

  /** A decoded `short_message` or `message_payload`: text when the data_coding is known, else bytes. */
  export interface DecodedMessage {
    message: string | Buffer;
    udh?: Buffer[];
  }

  export class PDU {
    constructor(command: string, options?: Record<string, unknown>);
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    isResponse(): boolean;
    /** The response PDU for this request (generic_nack for an unknown command). */
    response(options?: Record<string, unknown>): PDU;
    [field: string]: unknown;
  }

  export class Session extends EventEmitter {
    socket: Socket;
    /** Sends a PDU; false when the socket is no longer writable (the callbacks are then never called). */
    send(pdu: PDU, responseCallback?: (response: PDU) => void, sendCallback?: (pdu: PDU) => void): boolean;
    close(callback?: () => void): void;
    destroy(callback?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export class Server extends NetServer {
    sessions: Session[];
  }

  export interface ConnectOptions {
    host: string;
    port: number;
    auto_enquire_link_period?: number;
  }

  export function createServer(listener: (session: Session) => void): Server;
  export function connect(options: ConnectOptions, listener?: () => void): Session;
  export function addTLV(tag: string, options: TlvDefinition): void;

  const smpp: {
    PDU: typeof PDU;
    Session: typeof Session;
    Server: typeof Server;
    createServer: typeof createServer;
    connect: typeof connect;
    addTLV: typeof addTLV;
    types: { tlv: { cstring: TlvType; int8: TlvType; int16: TlvType; int32: TlvType; buffer: TlvType } };
    tlvs: Record<string, TlvDefinition>;
    tlvsById: Record<number, TlvDefinition | undefined>;
    /** Command status names (ESME_ROK, ESME_RTHROTTLED, …) to their numbers. */
    errors: Record<string, number>;
    encodings: { ASCII: { match(text: string): boolean; encode(text: string): Buffer } };
  };
  export default smpp;
}
