/**
 * PURE: from the text of a CSV header and record to the ledger's input object, with every problem
 * named by its 1-based column number and column name. Nothing here reads files or the database; the
 * streaming reader (csv.reader.ts) hands records in, the commands check the database afterwards.
 */
import { CURRENCIES, MINOR_DIGITS, isCurrency, parseMajor, type Currency } from '../../platform/money.ts';
import { LIST_SEPARATOR, type ColumnSpec, type FileFormat, type ImportError } from './imports.types.ts';

/** The header of one file, resolved against its format. */
export interface Header {
  names: readonly string[];
  /** 1-based column number of each known column present in the file. */
  columnOf: ReadonlyMap<string, number>;
}

/** What one record becomes: the input object when it is valid, its key when it has one. */
export interface MappedRecord {
  input: Record<string, unknown> | undefined;
  key: string | undefined;
  /** Only for accounts: the currency the file states, checked against the product's. */
  currency: Currency | undefined;
  errors: ImportError[];
}

const HEADER_FIELD = '(header)';
const RECORD_FIELD = '(record)';

/**
 * Checks a header row: every column known, none twice, every required one present. Column names are
 * exact (case and spaces count), in any order.
 */
export function readHeader(format: FileFormat, fields: readonly string[]): { header: Header; errors: ImportError[] } {
  const errors: ImportError[] = [];
  const columnOf = new Map<string, number>();
  const known = new Map(format.columns.map((c) => [c.name, c]));
  fields.forEach((name, i) => {
    const column = i + 1;
    if (!known.has(name)) {
      errors.push({ line: 1, column, field: name === '' ? '(empty)' : name, message: `unknown column; a ${format.kind} file has ${format.columns.map((c) => c.name).join(', ')}` });
    } else if (columnOf.has(name)) {
      errors.push({ line: 1, column, field: name, message: `column appears twice (first in column ${columnOf.get(name)})` });
    } else {
      columnOf.set(name, column);
    }
  });
  for (const c of format.columns) {
    if (c.required && !columnOf.has(c.name)) errors.push({ line: 1, column: 1, field: c.name, message: 'required column is missing from the header' });
  }
  return { header: { names: fields, columnOf }, errors };
}

/** The error for a file without a header row. */
export function emptyFileError(): ImportError {
  return { line: 1, column: 1, field: HEADER_FIELD, message: 'the file is empty; expected a header row' };
}

/** A blank line (no characters at all) carries no record and is passed over. */
export function isBlankRecord(fields: readonly string[]): boolean {
  return fields.length === 1 && fields[0] === '';
}

/**
 * Maps one data record (already split into fields) to the input object of its kind. Values are
 * trimmed; an empty value is the same as an absent column. The zod schema of the ledger then checks
 * each field; an issue is reported on the column it came from, once per column.
 */
export function mapRecord(format: FileFormat, header: Header, fields: readonly string[], line: number): MappedRecord {
  const errors: ImportError[] = [];
  const width = header.names.length;
  const keyColumn = header.columnOf.get(format.keyColumn);
  const keyText = keyColumn !== undefined ? (fields[keyColumn - 1] ?? '').trim() : '';
  const key = keyText === '' ? undefined : keyText;
  if (fields.length !== width) {
    const column = Math.min(fields.length, width) + 1;
    errors.push({ line, column, field: RECORD_FIELD, message: `has ${fields.length} field${fields.length === 1 ? '' : 's'}; the header has ${width}` });
    return { input: undefined, key, currency: undefined, errors };
  }
  const failed = new Set<string>();
  const fail = (name: string, column: number, message: string) => {
    failed.add(name);
    errors.push({ line, column, field: name, message });
  };
  const obj: Record<string, unknown> = {};
  let currency: Currency | undefined;
  const money: Array<{ spec: ColumnSpec; column: number; text: string }> = [];
  for (const spec of format.columns) {
    const column = header.columnOf.get(spec.name);
    let text = column !== undefined ? (fields[column - 1] ?? '').trim() : '';
    const at = column ?? 1;
    if (text === '') {
      if (spec.default === undefined) {
        if (spec.required) fail(spec.name, at, 'required');
        continue;
      }
      text = spec.default;
    }
    if (text.includes('\uFFFD')) {
      fail(spec.name, at, 'is not valid UTF-8 text');
      continue;
    }
    switch (spec.type) {
      case 'text':
      case 'date':
        if (spec.field) obj[spec.field] = text;
        break;
      case 'list':
        if (spec.field) obj[spec.field] = text.split(LIST_SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');
        break;
      case 'int':
        if (!/^\d{1,9}$/.test(text)) fail(spec.name, at, `expected a whole number, got '${text}'`);
        else if (spec.field) obj[spec.field] = Number(text);
        break;
      case 'currency':
        if (!isCurrency(text)) {
          fail(spec.name, at, `expected one of ${CURRENCIES.join(', ')}, got '${text}'`);
        } else {
          currency = text;
          if (spec.field) obj[spec.field] = text;
        }
        break;
      case 'money':
        money.push({ spec, column: at, text });
        break;
    }
  }
  // Amounts are converted once the row's currency is known; without a valid currency the currency
  // column has already been reported and the amount cannot be read.
  for (const m of money) {
    if (currency === undefined) {
      failed.add(m.spec.name);
      continue;
    }
    const parsed = parseMoney(m.text, currency);
    if (typeof parsed === 'string') fail(m.spec.name, m.column, parsed);
    else if (m.spec.field) obj[m.spec.field] = parsed;
  }
  const result = format.schema.safeParse(obj);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = columnForField(format, header, String(issue.path[0] ?? ''));
      if (failed.has(where.name)) continue;
      const rest = issue.path.slice(1).map((p) => (typeof p === 'number' ? `item ${p + 1}` : String(p)));
      fail(where.name, where.column, [...rest, issue.message].join(': '));
    }
  }
  errors.sort((a, b) => a.column - b.column);
  return { input: errors.length === 0 && result.success ? (result.data as Record<string, unknown>) : undefined, key, currency, errors };
}

/**
 * Decimal major units ("1234.50") to minor units, exactly: at most as many decimal places as the
 * currency has, no thousands separators, no exponent. Returns the message when the text is not an amount.
 */
export function parseMoney(text: string, currency: Currency): number | string {
  const m = /^-?\d+(?:\.(\d+))?$/.exec(text);
  if (!m) return `expected an amount in major units such as 1234.50 (digits and one decimal point, no thousands separators), got '${text}'`;
  const digits = MINOR_DIGITS[currency];
  const decimals = m[1]?.length ?? 0;
  if (decimals > digits) return `'${text}' has ${decimals} decimal places; ${currency} has ${digits}`;
  const minor = parseMajor(text, currency);
  if (minor === undefined) return `'${text}' is too large`;
  return minor;
}

/**
 * Where an issue about a schema field (or a column name) is reported: the field's column, or
 * column 1 when the file has no such column (an optional column the database check asks for).
 */
export function columnForField(format: FileFormat, header: Header, fieldOrName: string): { name: string; column: number; spec: ColumnSpec | undefined } {
  const spec = format.columns.find((c) => c.field === fieldOrName) ?? format.columns.find((c) => c.name === fieldOrName);
  if (!spec) return { name: fieldOrName || RECORD_FIELD, column: 1, spec: undefined };
  return { name: spec.name, column: header.columnOf.get(spec.name) ?? 1, spec };
}

/** `FILE:LINE:COLUMN: column: message` — the one way an import error is written. */
export function formatImportError(file: string, e: ImportError): string {
  return `${file}:${e.line}:${e.column}: ${e.field}: ${e.message}`;
}

/** One CSV line (RFC 4180 quoting) for the reject file, ending in \n. */
export function csvLine(fields: readonly string[]): string {
  return `${fields.map(csvField).join(',')}\n`;
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Line breaks in a piece of raw CSV text, counting \r\n, \n and a lone \r as one each, the way
 * editors number lines.
 */
export function lineBreaks(text: string): number {
  if (!text.includes('\n') && !text.includes('\r')) return 0;
  return text.match(/\r\n|\n|\r/g)?.length ?? 0;
}
