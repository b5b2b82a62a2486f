/**
 * Column mappings: how a file of a known format becomes feature columns, a 0/1 target and the groups
 * for the fairness check. PURE: parses CSV text handed in.
 *
 * - `uci`: UCI "default of credit card clients" (Taiwan 2005), target `default payment next month`.
 * - `gmsc`: Kaggle "Give Me Some Credit" `cs-training`, target `SeriousDlqin2yrs`; `NA` is missing.
 * - `accounts`: this lender's accounts as of a date, written by `fairdebt model features` from the
 *   ledger, delinquency and contact history (accounts.queries.ts), target "30+ DPD within the horizon".
 *
 * Protected attributes (sex, marital status, age) are read for the fairness check but are not features
 * unless `includeProtected` asks for them, to compare a model with and without them.
 */
import { invalidField } from '../../platform/errors.ts';
import type { FeatureKind } from './binning.rules.ts';

export const FORMATS = ['uci', 'gmsc', 'accounts'] as const;
export type FormatName = (typeof FORMATS)[number];

interface FeatureDef {
  name: string;
  kind: FeatureKind;
  protected?: boolean;
  /** Raw columns it reads; a plain column when `compute` is absent. */
  from: string[];
  compute?: (v: number[]) => number;
  /** What it means, for the model card and `--help`. */
  about: string;
}

interface GroupDef {
  name: string;
  column: string;
  of: (v: number) => string | null;
}

export interface FormatSpec {
  name: FormatName;
  target: string;
  /** Raw columns where an empty cell or `NA` is a missing value (NaN) rather than an error. */
  nullable: readonly string[];
  features: readonly FeatureDef[];
  groups: readonly GroupDef[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.NaN);

/** Age bands used by the fairness check of both data sets. */
export function ageBand(age: number): string | null {
  if (!Number.isFinite(age) || age <= 0) return null;
  if (age < 30) return '<30';
  if (age < 40) return '30-39';
  if (age < 50) return '40-49';
  if (age < 60) return '50-59';
  return '60+';
}

const PAY = ['PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'];
const BILL = [1, 2, 3, 4, 5, 6].map((i) => `BILL_AMT${i}`);
const PAID = [1, 2, 3, 4, 5, 6].map((i) => `PAY_AMT${i}`);
const plain = (name: string, about: string, kind: FeatureKind = 'numeric', prot = false): FeatureDef => ({ name, kind, from: [name], about, ...(prot ? { protected: true } : {}) });

const UCI: FormatSpec = {
  name: 'uci',
  target: 'default payment next month',
  nullable: [],
  features: [
    plain('LIMIT_BAL', 'credit limit (NT$)'),
    plain('EDUCATION', 'education code (1 graduate … 4 other)', 'nominal'),
    ...PAY.map((c, i) => plain(c, `repayment status ${i} month(s) before the target month (−2 no use, −1 paid duly, 0 revolving, k = k months late)`)),
    ...BILL.map((c, i) => plain(c, `statement balance ${i} month(s) back (NT$)`)),
    ...PAID.map((c, i) => plain(c, `amount paid ${i} month(s) back (NT$)`)),
    { name: 'UTIL_1', kind: 'numeric', from: ['BILL_AMT1', 'LIMIT_BAL'], compute: ([b, l]) => ratio(b!, l!), about: 'latest balance ÷ limit' },
    { name: 'UTIL_AVG', kind: 'numeric', from: [...BILL, 'LIMIT_BAL'], compute: (v) => ratio(v.slice(0, 6).reduce((a, b) => a + b, 0) / 6, v[6]!), about: 'six-month mean balance ÷ limit' },
    { name: 'PAY_RATIO_1', kind: 'numeric', from: ['PAY_AMT1', 'BILL_AMT2'], compute: ([p, b]) => ratio(p!, b!), about: 'latest payment ÷ the balance before it (missing when that balance ≤ 0)' },
    { name: 'PAY_RATIO_2', kind: 'numeric', from: ['PAY_AMT2', 'BILL_AMT3'], compute: ([p, b]) => ratio(p!, b!), about: 'previous payment ÷ the balance before it' },
    { name: 'MAX_DELAY', kind: 'numeric', from: PAY, compute: (v) => Math.max(...v), about: 'worst repayment status over six months' },
    { name: 'MONTHS_DELAYED', kind: 'numeric', from: PAY, compute: (v) => v.filter((s) => s >= 1).length, about: 'months with a status of 1 or more late' },
    plain('SEX', 'sex (1 male, 2 female) — protected', 'nominal', true),
    plain('MARRIAGE', 'marital status (1 married, 2 single, 3 other) — protected', 'nominal', true),
    plain('AGE', 'age in years — protected', 'numeric', true),
  ],
  groups: [
    { name: 'sex', column: 'SEX', of: (v) => (v === 1 ? 'male' : v === 2 ? 'female' : null) },
    { name: 'age', column: 'AGE', of: ageBand },
    { name: 'marriage', column: 'MARRIAGE', of: (v) => (v === 1 ? 'married' : v === 2 ? 'single' : 'other') },
  ],
};

const LATE = ['NumberOfTime30-59DaysPastDueNotWorse', 'NumberOfTime60-89DaysPastDueNotWorse', 'NumberOfTimes90DaysLate'];

const GMSC: FormatSpec = {
  name: 'gmsc',
  target: 'SeriousDlqin2yrs',
  nullable: ['MonthlyIncome', 'NumberOfDependents'],
  features: [
    plain('RevolvingUtilizationOfUnsecuredLines', 'revolving balance ÷ credit limits (unsecured lines)'),
    plain('DebtRatio', 'monthly debt payments ÷ monthly income'),
    plain('MonthlyIncome', 'monthly income (missing in about a fifth of rows)'),
    plain('NumberOfOpenCreditLinesAndLoans', 'open loans and lines of credit'),
    plain('NumberRealEstateLoansOrLines', 'mortgage and real-estate loans'),
    plain('NumberOfDependents', 'dependents (missing in some rows)'),
    ...LATE.map((c) => plain(c, 'times past due in that band in the last two years (96/98 are the source\'s special codes)')),
    { name: 'TOTAL_LATE', kind: 'numeric', from: LATE, compute: (v) => v[0]! + v[1]! + v[2]!, about: 'all past-due events in two years' },
    plain('age', 'age in years — protected', 'numeric', true),
  ],
  groups: [{ name: 'age', column: 'age', of: ageBand }],
};

const ACCOUNTS: FormatSpec = {
  name: 'accounts',
  target: 'dpd30_within_horizon',
  nullable: ['utilisation', 'days_since_payment'],
  features: [
    plain('months_on_book', 'whole 30-day months since opening'),
    plain('size_minor', 'credit limit, or principal of a loan (minor units)'),
    plain('owed_minor', 'everything owed on the date (minor units)'),
    plain('principal_minor', 'principal owed (minor units)'),
    plain('utilisation', 'owed ÷ size'),
    plain('dpd_now', 'days past due on the date'),
    plain('max_dpd_180', 'largest DPD at a bucket change in the last 180 days'),
    plain('roll_forwards_180', 'roll-forwards in the last 180 days'),
    plain('cures_180', 'cures in the last 180 days'),
    plain('payments_90', 'payments in the last 90 days'),
    plain('paid_90_minor', 'paid in the last 90 days (minor units)'),
    plain('days_since_payment', 'days since the last payment (missing: never paid)'),
    plain('contacts_30', 'outbound contacts in the last 30 days'),
    plain('inbound_30', 'inbound contacts in the last 30 days'),
  ],
  groups: [],
};

export const FORMAT_SPECS: Record<FormatName, FormatSpec> = { uci: UCI, gmsc: GMSC, accounts: ACCOUNTS };

export function formatSpec(name: string): FormatSpec {
  if (!(FORMATS as readonly string[]).includes(name)) throw invalidField('format', `unknown format '${name}': expected one of ${FORMATS.join(', ')}`);
  return FORMAT_SPECS[name as FormatName];
}

/**
 * The format whose columns the header holds most of (at least half), or null; a header that lacks a
 * few columns is still recognised, so that the error can name the missing ones.
 */
export function detectFormat(header: readonly string[]): FormatName | null {
  const has = new Set(header);
  let best: { name: FormatName; share: number } | null = null;
  for (const f of FORMATS) {
    const cols = new Set([FORMAT_SPECS[f].target, ...FORMAT_SPECS[f].features.flatMap((d) => d.from)]);
    const share = [...cols].filter((c) => has.has(c)).length / cols.size;
    if (share >= 0.5 && (!best || share > best.share)) best = { name: f, share };
  }
  return best?.name ?? null;
}

export interface Dataset {
  format: FormatName;
  target: string;
  rows: number;
  names: string[];
  kinds: FeatureKind[];
  columns: Float64Array[];
  y: Uint8Array;
  /** Fairness groups per row (null when the value does not fall in a group). */
  groups: Record<string, Array<string | null>>;
}

/** Splits one CSV line; quoted cells (with "" for a quote) are understood. */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export interface ParseOptions {
  format?: string;
  target?: string;
  includeProtected?: boolean;
}

/**
 * Parses CSV text of a known format into a data set. A missing column, a non-numeric value or a target
 * other than 0/1 is refused naming the column and the line (the header is line 1).
 */
export function parseDataset(text: string, opts: ParseOptions = {}): Dataset {
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw invalidField('data', 'the file is empty');
  const header = splitCsvLine(lines[0]!).map((h) => h.trim());
  const name = opts.format ?? detectFormat(header);
  if (name === null) throw invalidField('format', `could not tell the format from the header; pass --format (${FORMATS.join(', ')})`);
  const spec = formatSpec(name);
  const target = opts.target ?? spec.target;
  const defs = spec.features.filter((d) => opts.includeProtected || !d.protected);
  const needed = new Set<string>([target, ...spec.features.flatMap((d) => d.from), ...spec.groups.map((g) => g.column)]);
  const at = new Map(header.map((h, i) => [h, i]));
  for (const c of needed) if (!at.has(c)) throw invalidField(c, `column missing from the header (format ${spec.name} needs ${[...needed].join(', ')})`);
  const raw = [...needed];
  const rawIdx = raw.map((c) => at.get(c)!);
  const nullable = new Set(spec.nullable);
  const n = lines.length - 1;
  const values = raw.map(() => new Float64Array(n));
  for (let r = 0; r < n; r++) {
    const cells = splitCsvLine(lines[r + 1]!);
    for (let c = 0; c < raw.length; c++) {
      const cell = (cells[rawIdx[c]!] ?? '').trim();
      if (NUMBER.test(cell)) values[c]![r] = Number(cell);
      else if ((cell === '' || cell === 'NA') && nullable.has(raw[c]!)) values[c]![r] = Number.NaN;
      else throw invalidField(raw[c]!, `expected a number on line ${r + 2}, got '${cell}'`);
    }
  }
  const col = (c: string) => values[raw.indexOf(c)]!;
  const yCol = col(target);
  const y = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    if (yCol[r] !== 0 && yCol[r] !== 1) throw invalidField(target, `the target must be 0 or 1, got ${yCol[r]} on line ${r + 2}`);
    y[r] = yCol[r]!;
  }
  const columns = defs.map((d) => {
    if (!d.compute) return col(d.from[0]!);
    const srcs = d.from.map(col);
    const out = new Float64Array(n);
    const buf = new Array<number>(srcs.length);
    for (let r = 0; r < n; r++) {
      for (let k = 0; k < srcs.length; k++) buf[k] = srcs[k]![r]!;
      out[r] = d.compute(buf);
    }
    return out;
  });
  const groups: Dataset['groups'] = {};
  for (const g of spec.groups) {
    const v = col(g.column);
    groups[g.name] = Array.from(v, (x) => g.of(x));
  }
  return { format: spec.name, target, rows: n, names: defs.map((d) => d.name), kinds: defs.map((d) => d.kind), columns, y, groups };
}
