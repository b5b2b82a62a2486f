/**
 * Import file formats: the columns of each kind of file, how each column becomes a field of the
 * ledger's input schema, and the shape of an import's report. docs/import.md describes the same
 * columns for people; keep the two together.
 */
import type { z } from 'zod';
import { AccountInputSchema, CustomerInputSchema, TransactionInputSchema } from '../ledger/index.ts';

export const IMPORT_KINDS = ['customers', 'accounts', 'payments'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** Rows validated against the database, and written, per transaction. */
export const BATCH_SIZE_ROWS = 5_000;
/** Row errors reported in full; beyond this only the count grows. */
export const MAX_REPORTED_ERRORS = 1_000;
/** Longest CSV record accepted, in characters (guards against a wrong delimiter or an unclosed quote). */
export const MAX_RECORD_CHARS = 65_536;
/** Separator inside a list column (phones, emails). */
export const LIST_SEPARATOR = ';';

/**
 * How the text of a column is read:
 * text — the value as is; list — values separated by `;`; money — decimal major units ("1234.50"),
 * converted exactly with the row's currency; int — a whole number; date — YYYY-MM-DD (checked by the
 * schema); currency — an ISO 4217 code the platform supports.
 */
export type ColumnType = 'text' | 'list' | 'money' | 'int' | 'date' | 'currency';

export interface ColumnSpec {
  /** Header name, exact. */
  name: string;
  /** Field of the input schema it fills; `null` for a column checked but not passed on. */
  field: string | null;
  type: ColumnType;
  /** The column must be in the header and every row must have a value. */
  required: boolean;
  /** Used when the column is absent or the value is empty. */
  default?: string;
  example: string;
  rule: string;
}

export interface FileFormat {
  kind: ImportKind;
  columns: readonly ColumnSpec[];
  /** The column whose value identifies a row: a second row with the same value is an error. */
  keyColumn: string;
  /** Validates the mapped object (field-level rules shared with the API). */
  schema: z.ZodType;
}

const customerColumns: readonly ColumnSpec[] = [
  { name: 'id', field: 'id', type: 'text', required: true, example: 'C000123', rule: "the lender's customer id; 1–64 letters, digits, _ . : -" },
  { name: 'name', field: 'name', type: 'text', required: true, example: '王芳', rule: '1–200 characters' },
  { name: 'id_number_masked', field: 'idNumberMasked', type: 'text', required: false, example: '110101********1234', rule: 'must contain *; digits, letters and * (derived from id_number when that is given)' },
  { name: 'id_number', field: 'idNumber', type: 'text', required: false, example: '11010119900307123X', rule: '5–40 letters and digits; stored only sealed with the ID key (FAIRDEBT_ID_KEYS), the masked form derived from it' },
  { name: 'phones', field: 'phones', type: 'list', required: false, example: '+86 138 0013 8000;+86 10 6552 9988', rule: 'up to 10, separated by ;' },
  { name: 'emails', field: 'emails', type: 'list', required: false, example: 'wang.fang@example.com', rule: 'up to 10, separated by ;' },
  { name: 'address', field: 'address', type: 'text', required: false, example: '北京市东城区东长安街1号', rule: 'up to 500 characters' },
  { name: 'time_zone', field: 'timeZone', type: 'text', required: true, example: 'Asia/Shanghai', rule: 'an IANA time zone (Region/City, or UTC)' },
  { name: 'jurisdiction', field: 'jurisdiction', type: 'text', required: true, example: 'CN', rule: 'CN, US, US-MA, US-WA, US-NYC, UK or EU' },
  { name: 'language', field: 'language', type: 'text', required: true, example: 'zh-CN', rule: 'zh-CN or en' },
];

const accountColumns: readonly ColumnSpec[] = [
  { name: 'ref', field: 'ref', type: 'text', required: true, example: 'L000123', rule: "the lender's account reference; 1–64 letters, digits, _ . : -" },
  { name: 'customer_id', field: 'customerId', type: 'text', required: true, example: 'C000123', rule: 'a customer that exists (import customers first)' },
  { name: 'product_code', field: 'productCode', type: 'text', required: true, example: 'CN_LOAN', rule: 'a product that exists; the latest version is used' },
  { name: 'opened_on', field: 'openedOn', type: 'date', required: true, example: '2026-01-15', rule: 'YYYY-MM-DD' },
  { name: 'currency', field: null, type: 'currency', required: true, example: 'CNY', rule: "must be the product's currency" },
  { name: 'credit_limit', field: 'creditLimitMinor', type: 'money', required: false, example: '20000.00', rule: 'revolving lines only (required there); major units, > 0' },
  { name: 'principal', field: 'principalMinor', type: 'money', required: false, example: '12000.00', rule: 'instalment loans only (required there); major units, > 0' },
  { name: 'term_count', field: 'termCount', type: 'int', required: false, example: '12', rule: "instalment loans only (required there); 1 to the product's maximum" },
  { name: 'schedule_method', field: 'scheduleMethod', type: 'text', required: false, example: 'equal_principal', rule: "instalment loans only: equal_instalment or equal_principal, one the product offers; default the product's first" },
  { name: 'first_due_on', field: 'firstDueOn', type: 'date', required: false, example: '2026-02-15', rule: 'instalment loans only; after opened_on; default one month after opened_on' },
];

const paymentColumns: readonly ColumnSpec[] = [
  { name: 'ref', field: 'ref', type: 'text', required: true, example: 'PAY-2026-000123', rule: 'unique across all money movements; 1–200 characters' },
  { name: 'account_ref', field: 'accountRef', type: 'text', required: true, example: 'L000123', rule: 'an account that exists (import accounts first)' },
  { name: 'type', field: 'type', type: 'text', required: false, default: 'payment', example: 'payment', rule: 'payment or drawdown (revolving lines only); default payment' },
  { name: 'amount', field: 'amountMinor', type: 'money', required: true, example: '1034.50', rule: 'major units, > 0' },
  { name: 'currency', field: 'currency', type: 'currency', required: true, example: 'CNY', rule: "the account's currency" },
  { name: 'value_date', field: 'valueDate', type: 'date', required: true, example: '2026-02-15', rule: 'YYYY-MM-DD; not before the account was opened, not after its open business date' },
  { name: 'channel', field: 'channel', type: 'text', required: false, example: 'bank_transfer', rule: 'free text, up to 40 characters' },
];

export const FILE_FORMATS: Record<ImportKind, FileFormat> = {
  customers: { kind: 'customers', columns: customerColumns, keyColumn: 'id', schema: CustomerInputSchema },
  accounts: { kind: 'accounts', columns: accountColumns, keyColumn: 'ref', schema: AccountInputSchema },
  payments: { kind: 'payments', columns: paymentColumns, keyColumn: 'ref', schema: TransactionInputSchema },
};

/** One problem in a file: where (1-based physical line and column number), which column, what was wrong. */
export interface ImportError {
  line: number;
  column: number;
  field: string;
  message: string;
}

/** What an import did, or why it did nothing. */
export interface ImportReport {
  /** false: the file had errors and nothing was written (or it could not be read as a whole). */
  ok: boolean;
  kind: ImportKind;
  file: string;
  /** Of the file's bytes; empty when the file was refused before it was read to its end. */
  sha256: string;
  /** Data records read (the header and blank lines not counted). */
  rows: number;
  created: number;
  /** Valid rows whose key exists already (a file imported again). */
  skipped: number;
  /** Invalid rows left out with skipInvalid (written to the reject file when there is one). */
  rejected: number;
  /** Every error found, also those beyond the ones listed. */
  errorCount: number;
  /** The first MAX_REPORTED_ERRORS errors, in file order. */
  errors: ImportError[];
  rejectFile: string | null;
}
