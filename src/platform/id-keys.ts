/**
 * Keys for ID numbers at rest. A customer's full ID number is stored only sealed with AES-256-GCM
 * (random 96-bit nonce, the customer's id as associated data, so a sealed value copied onto another
 * customer does not open), next to the id of the key that sealed it. Keys come from the environment:
 *
 *   FAIRDEBT_ID_KEYS="k2:<base64 of 32 bytes>,k1:<base64 of 32 bytes>"
 *
 * The first key is the current one (new values are sealed with it); the others still open what they
 * sealed until `fairdebt keys rotate` has sealed everything again under the current key
 * (docs/operations.md, "Keys for ID numbers").
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const ID_KEYS_ENV = 'FAIRDEBT_ID_KEYS';
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface IdKeyring {
  /** The key new values are sealed with. */
  currentId: string;
  /** Every key by id, the current one included. */
  keys: ReadonlyMap<string, Buffer>;
  /** Where the keys came from (the environment, or the demo's key file), for messages. */
  source: string;
}

/** Parses FAIRDEBT_ID_KEYS; a malformed value is an error naming the variable and the entry. */
export function parseIdKeys(raw: string, source = ID_KEYS_ENV): IdKeyring {
  const keys = new Map<string, Buffer>();
  let currentId: string | undefined;
  for (const [i, part] of raw.split(',').map((s) => s.trim()).entries()) {
    const at = part.indexOf(':');
    const id = at > 0 ? part.slice(0, at) : '';
    const b64 = at > 0 ? part.slice(at + 1) : '';
    if (!KEY_ID.test(id)) throw new Error(`${source}: entry ${i + 1} must be <key id>:<base64 key> with a key id of 1–32 letters, digits, _ or -`);
    const key = Buffer.from(b64, 'base64');
    if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== b64.replace(/=+$/, '')) {
      throw new Error(`${source}: key '${id}' must be 32 bytes in base64 (openssl rand -base64 32)`);
    }
    if (keys.has(id)) throw new Error(`${source}: key id '${id}' appears twice`);
    keys.set(id, key);
    currentId ??= id;
  }
  if (!currentId) throw new Error(`${source}: no key`);
  return { currentId, keys, source };
}

/** A new key entry for FAIRDEBT_ID_KEYS: `<id>:<base64 of 32 random bytes>`. */
export function newIdKeyEntry(id: string): string {
  if (!KEY_ID.test(id)) throw new Error(`key id '${id}': 1–32 letters, digits, _ or -`);
  return `${id}:${randomBytes(32).toString('base64')}`;
}

const aad = (customerId: string) => Buffer.from(`fairdebt:id-number:${customerId}`, 'utf8');

/** Seals an ID number for a customer under the current key: nonce ‖ tag ‖ ciphertext. */
export function sealIdNumber(ring: IdKeyring, customerId: string, idNumber: string): { keyId: string; sealed: Buffer } {
  const key = ring.keys.get(ring.currentId)!;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(customerId));
  const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  return { keyId: ring.currentId, sealed: Buffer.concat([nonce, cipher.getAuthTag(), body]) };
}

/** Opens a sealed ID number; an unknown key id or a value that does not authenticate is an error. */
export function openIdNumber(ring: IdKeyring, customerId: string, keyId: string, sealed: Uint8Array): string {
  const key = ring.keys.get(keyId);
  if (!key) throw new Error(`the ID number of customer '${customerId}' is sealed with key '${keyId}', which ${ring.source} does not hold`);
  const buf = Buffer.from(sealed);
  if (buf.length < NONCE_BYTES + TAG_BYTES) throw new Error(`the sealed ID number of customer '${customerId}' is too short`);
  const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad(customerId));
  decipher.setAuthTag(buf.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}

/**
 * A keyed digest of an ID number under the current key, for places that must compare requests
 * without keeping the number (the command log's request hash): an unkeyed hash of an 18-digit ID
 * number could be reversed by trying every plausible number.
 */
export function idNumberDigest(ring: IdKeyring, idNumber: string): string {
  return createHmac('sha256', ring.keys.get(ring.currentId)!).update(`fairdebt:id-number-digest:${idNumber}`).digest('hex');
}

/**
 * The demo's key file, beside its PGlite data directory (never inside it, so that a dump of the
 * database does not carry the key). Only the embedded demo uses it; a server with DATABASE_URL takes
 * its keys from FAIRDEBT_ID_KEYS alone.
 */
export function demoIdKeyFile(dataDir: string): string {
  return `${dataDir.replace(/[\\/]+$/, '')}.id-keys`;
}

/** The demo's keys when its key file exists. */
export function readDemoIdKeys(dataDir: string): IdKeyring | undefined {
  const file = demoIdKeyFile(dataDir);
  if (!existsSync(file)) return undefined;
  return parseIdKeys(readFileSync(file, 'utf8').trim(), file);
}

/** The demo's keys, generating its key file (mode 0600) on first use. */
export function ensureDemoIdKeys(dataDir: string): { ring: IdKeyring; file: string; created: boolean } {
  const file = demoIdKeyFile(dataDir);
  const found = readDemoIdKeys(dataDir);
  if (found) return { ring: found, file, created: false };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${newIdKeyEntry('demo1')}\n`, { mode: 0o600, flag: 'wx' });
  return { ring: readDemoIdKeys(dataDir)!, file, created: true };
}
