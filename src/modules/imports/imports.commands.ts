/**
 * Importing a lender's CSV file in two streaming passes. Pass 1 reads every row, maps it (csv.rules.ts),
 * catches duplicate keys and asks the database what only it can tell, in chunks of BATCH_SIZE_ROWS;
 * nothing is written. If any row is wrong and invalid rows are not to be skipped, the import stops
 * there with every error. Pass 2 reads the file again and writes chunk by chunk, each chunk one
 * transaction through the ledger's bulk functions, which skip keys that exist: a file imported twice
 * creates nothing twice. The file is never held in memory whole; only the keys seen are kept.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../platform/db.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { IdKeyring } from '../../platform/id-keys.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../../platform/audit-chain.ts';
import { faultPoint } from '../../platform/faults.ts';
import {
  checkAccounts, checkTransactions, createCustomers, insertTransactions, latestProducts, openAccounts,
  type AccountInput, type BulkResult, type CustomerInput, type ProductRow, type RowIssue, type TransactionInput,
} from '../ledger/index.ts';
import type { AuditEvent } from '../audit/index.ts';
import { BATCH_SIZE_ROWS, FILE_FORMATS, MAX_REPORTED_ERRORS, type FileFormat, type ImportError, type ImportKind, type ImportReport } from './imports.types.ts';
import { columnForField, csvLine, emptyFileError, formatImportError, isBlankRecord, mapRecord, readHeader, type Header } from './csv.rules.ts';
import { readCsv } from './csv.reader.ts';

export interface ImportDeps {
  db: Db;
  clock: Clock;
  /** The ID keys that seal full ID numbers (customers files with an id_number column need them). */
  config?: Pick<Config, 'idKeys'> | undefined;
}

export interface ImportOptions {
  kind: ImportKind;
  /** A file on disk, read twice. */
  file?: string;
  /** Or a stream (an HTTP body, stdin): copied to a temporary file first, so that it can be read twice. */
  stream?: Readable;
  /** The name errors are reported under; defaults to `file`. */
  fileName?: string;
  /** Write the valid rows and leave the invalid ones out (to the reject file, if there is one). */
  skipInvalid?: boolean;
  /** Where rejected rows go with skipInvalid; defaults to FILE.rejects.csv next to `file`; null for none. */
  rejectFile?: string | null;
  /** Largest stream accepted, in bytes. */
  maxStreamBytes?: number;
  actor: string;
}

/** One record in a chunk, with what is known about it so far. */
interface Entry {
  line: number;
  /** The record's fields, or for a record that could not be split, its raw text as the one field. */
  fields: string[];
  input: Record<string, unknown> | undefined;
  currency: string | undefined;
  errors: ImportError[];
}

/** The reject file for a file name: `payments.csv` → `payments.rejects.csv`. */
export function defaultRejectFile(file: string): string {
  return /\.csv$/i.test(file) ? file.replace(/\.csv$/i, '.rejects.csv') : `${file}.rejects.csv`;
}

export async function runImport(deps: ImportDeps, opts: ImportOptions): Promise<ImportReport> {
  const format = FILE_FORMATS[opts.kind];
  if (!format) throw new AppError('VALIDATION_FAILED', `kind: expected customers, accounts or payments, got '${String(opts.kind)}'`, { issues: [{ path: 'kind', message: 'expected customers, accounts or payments' }] });
  if (opts.file === undefined && opts.stream === undefined) throw new AppError('INTERNAL', 'runImport needs a file or a stream');
  let spoolDir: string | undefined;
  try {
    let path = opts.file;
    if (opts.stream) {
      spoolDir = await mkdtemp(join(tmpdir(), 'fairdebt-import-'));
      path = join(spoolDir, 'upload.csv');
      await spool(opts.stream, path, opts.maxStreamBytes);
    } else {
      const s = await stat(path!).catch(() => undefined);
      if (!s?.isFile()) throw new AppError('NOT_FOUND', `file: no file '${opts.fileName ?? path}'`, { issues: [{ path: 'file', message: 'no such file' }] });
    }
    const fileName = opts.fileName ?? opts.file ?? 'upload.csv';
    const rejectPath = opts.rejectFile === undefined ? (opts.file ? defaultRejectFile(opts.file) : null) : opts.rejectFile;
    return await importFile(deps, format, path!, fileName, { skipInvalid: opts.skipInvalid ?? false, rejectPath, actor: opts.actor });
  } finally {
    if (spoolDir) await rm(spoolDir, { recursive: true, force: true });
  }
}

async function importFile(deps: ImportDeps, format: FileFormat, path: string, fileName: string, o: { skipInvalid: boolean; rejectPath: string | null; actor: string }): Promise<ImportReport> {
  const products = format.kind === 'accounts' ? await latestProducts(deps.db) : new Map<string, ProductRow>();
  const report: ImportReport = {
    ok: false, kind: format.kind, file: fileName, sha256: '', rows: 0, created: 0, skipped: 0, rejected: 0, errorCount: 0, errors: [], rejectFile: null,
  };

  // Pass 1: validate everything, write nothing.
  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  const source = createReadStream(path);
  source.on('error', (err) => tap.destroy(err));
  const pass1 = await scan(source.pipe(tap), format, async (entries, _last, header) => {
    await checkWithDatabase(deps.db, format, header, entries, products, deps.config?.idKeys);
    for (const e of entries) {
      for (const err of e.errors) {
        report.errorCount++;
        if (report.errors.length < MAX_REPORTED_ERRORS) report.errors.push(err);
      }
    }
  });
  source.destroy();
  // Only a file read to its end has a digest; a refused header or an unreadable part stops reading early.
  report.sha256 = pass1.fatal.length > 0 ? '' : hash.digest('hex');
  report.rows = pass1.rows;
  if (pass1.fatal.length > 0) {
    // The header is wrong or the file cannot be read to its end: no row can be trusted, skipInvalid or not.
    report.errorCount += pass1.fatal.length;
    // The fatal errors are always listed: they say why the file as a whole was refused.
    report.errors = [...report.errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - pass1.fatal.length)), ...pass1.fatal];
    report.errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return report;
  }
  if (report.errorCount > 0 && !o.skipInvalid) return report;

  // Pass 2: read again and write, chunk by chunk; the last chunk carries the audit entry.
  let rejects: RejectWriter | undefined;
  const written: BulkResult = { created: 0, skipped: 0 };
  try {
    await scan(createReadStream(path), format, async (entries, last, header) => {
      const now = deps.clock.now();
      const bad = await deps.db.transaction(async (tx) => {
        await checkWithDatabase(tx, format, header, entries, products, deps.config?.idKeys);
        const good = entries.filter((e) => e.errors.length === 0);
        const bad = entries.filter((e) => e.errors.length > 0);
        if (bad.length > 0 && !o.skipInvalid) {
          // Pass 1 found this chunk valid: the database changed in between (another import, a cycle run).
          const first = bad[0]!.errors[0]!;
          throw new AppError('CONFLICT', `the database changed while importing ${fileName}: ${formatImportError(fileName, first)}; ${written.created} rows were written before this; importing the file again completes it (rows already written are skipped)`);
        }
        const r = await write(tx, format, good.map((e) => e.input!), now, products, deps.config?.idKeys);
        written.created += r.created;
        written.skipped += r.skipped;
        report.rejected += bad.length;
        if (last) {
          const event: Extract<AuditEvent, { type: 'IMPORT_APPLIED' }> = {
            type: 'IMPORT_APPLIED',
            subject: `import:${format.kind}:${report.sha256}`,
            data: { kind: format.kind, file: fileName, sha256: report.sha256, rows: report.rows, created: written.created, skipped: written.skipped, rejected: report.rejected },
          };
          await appendAudit(tx, now, { ...event, actor: o.actor });
        }
        faultPoint('import.chunk.before-commit');
        return bad;
      });
      faultPoint('import.chunk.after-commit');
      if (bad.length > 0 && o.rejectPath !== null) {
        rejects ??= await openRejects(o.rejectPath, header.names);
        for (const e of bad) await rejects.write([...e.fields, e.errors.map((x) => formatImportError(fileName, x)).join(' | ')]);
      }
    });
  } finally {
    await rejects?.close();
  }
  report.ok = true;
  report.created = written.created;
  report.skipped = written.skipped;
  report.rejectFile = rejects ? o.rejectPath : null;
  return report;
}

/**
 * Reads the file and hands on chunks of at most BATCH_SIZE_ROWS entries, each mapped and checked for
 * duplicate keys (the database is asked by the callback). The last call has `last` true, possibly with
 * no entries. Header problems and unreadable files come back as `fatal` and end the scan (the rows
 * before an unreadable part are still handed on, to be reported).
 */
async function scan(
  source: Readable,
  format: FileFormat,
  onChunk: (entries: Entry[], last: boolean, header: Header) => Promise<void>,
): Promise<{ rows: number; fatal: ImportError[] }> {
  let header: Header | undefined;
  const firstLineOfKey = new Map<string, number>();
  let chunk: Entry[] = [];
  let rows = 0;
  const fatal: ImportError[] = [];
  for await (const item of readCsv(source)) {
    if (item.kind === 'broken') {
      const error: ImportError = { line: item.line, column: item.column, field: '(record)', message: item.message };
      if (item.fatal || !header) {
        fatal.push(error);
        break;
      }
      rows++;
      chunk.push({ line: item.line, fields: [item.raw], input: undefined, currency: undefined, errors: [error] });
    } else if (!header) {
      const h = readHeader(format, item.fields);
      if (h.errors.length > 0) {
        fatal.push(...h.errors);
        break;
      }
      header = h.header;
      continue;
    } else {
      if (isBlankRecord(item.fields)) continue;
      rows++;
      const m = mapRecord(format, header, item.fields, item.line);
      if (m.key !== undefined) {
        const first = firstLineOfKey.get(m.key);
        if (first === undefined) firstLineOfKey.set(m.key, item.line);
        else {
          const where = columnForField(format, header, format.keyColumn);
          m.errors.push({ line: item.line, column: where.column, field: where.name, message: `duplicate ${where.name} '${m.key}' (first on line ${first})` });
          m.errors.sort((a, b) => a.column - b.column);
        }
      }
      chunk.push({ line: item.line, fields: item.fields, input: m.errors.length === 0 ? m.input : undefined, currency: m.currency, errors: m.errors });
    }
    if (chunk.length >= BATCH_SIZE_ROWS) {
      await onChunk(chunk, false, header);
      chunk = [];
    }
  }
  if (!header) {
    if (fatal.length === 0) fatal.push(emptyFileError());
    return { rows, fatal };
  }
  // Also after a fatal error, so that the rows read before it are reported too (pass 2 never runs then).
  await onChunk(chunk, true, header);
  return { rows, fatal };
}

/** Adds what the database can tell (unknown product, customer or account; currencies; dates) to each entry. */
async function checkWithDatabase(db: Db, format: FileFormat, header: Header, entries: Entry[], products: Map<string, ProductRow>, idKeys: IdKeyring | undefined): Promise<void> {
  const valid = entries.filter((e) => e.errors.length === 0 && e.input !== undefined);
  if (valid.length === 0) return;
  if (format.kind === 'customers') {
    // A full ID number is stored only sealed: without a key the row is refused, not stored in clear.
    if (idKeys) return;
    const where = columnForField(format, header, 'idNumber');
    for (const e of valid) {
      if ((e.input as CustomerInput).idNumber === undefined) continue;
      e.errors.push({ line: e.line, column: where.column, field: where.name, message: 'this server has no ID key (FAIRDEBT_ID_KEYS) to seal full ID numbers' });
      e.input = undefined;
    }
    return;
  }
  let issues: RowIssue[];
  if (format.kind === 'accounts') {
    const rows = valid.map((e) => e.input as AccountInput);
    issues = await checkAccounts(db, rows, products);
    rows.forEach((r, row) => {
      const p = products.get(r.productCode);
      if (p && valid[row]!.currency !== p.currency) issues.push({ row, path: 'currency', message: `the product ${p.code} is in ${p.currency}, not ${valid[row]!.currency}` });
    });
  } else {
    issues = await checkTransactions(db, valid.map((e) => e.input as TransactionInput));
  }
  for (const issue of issues) {
    const e = valid[issue.row]!;
    const where = columnForField(format, header, issue.path);
    e.errors.push({ line: e.line, column: where.column, field: where.name, message: issue.message });
  }
  for (const e of valid) {
    if (e.errors.length === 0) continue;
    e.input = undefined;
    e.errors.sort((a, b) => a.column - b.column);
  }
}

async function write(tx: Db, format: FileFormat, rows: Array<Record<string, unknown>>, now: string, products: Map<string, ProductRow>, idKeys: IdKeyring | undefined): Promise<BulkResult> {
  switch (format.kind) {
    case 'customers':
      return createCustomers(tx, rows as CustomerInput[], now, idKeys);
    case 'accounts':
      return openAccounts(tx, rows as AccountInput[], now, products);
    case 'payments':
      return insertTransactions(tx, rows as TransactionInput[], now);
  }
}

/** Copies a stream to a file, refusing more than maxBytes. */
async function spool(stream: Readable, path: string, maxBytes: number | undefined): Promise<void> {
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      if (maxBytes !== undefined && seen > maxBytes) {
        cb(new AppError('VALIDATION_FAILED', `file: larger than the limit of ${maxBytes} bytes`, { issues: [{ path: 'file', message: `larger than ${maxBytes} bytes` }], details: { limitBytes: maxBytes } }));
      } else cb(null, chunk);
    },
  });
  await pipeline(stream, limit, createWriteStream(path));
}

interface RejectWriter {
  write(fields: string[]): Promise<void>;
  close(): Promise<void>;
}

async function openRejects(path: string, header: readonly string[]): Promise<RejectWriter> {
  const out: WriteStream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => {
    out.once('open', () => resolve());
    out.once('error', reject);
  });
  const write = async (fields: string[]) => {
    if (!out.write(csvLine(fields))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write([...header, 'error']);
  return {
    write,
    close: () => new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve()))),
  };
}
