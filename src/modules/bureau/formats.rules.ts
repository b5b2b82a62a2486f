/**
 * The furnishing files, rendered from a run's rows: a generic CSV, a fixed-width layout modelled on
 * the PBOC personal credit interface (个人借贷账户信息), and a Metro 2 base-segment subset with its
 * header and trailer. Pure and deterministic: the same rows and meta give the same bytes. The
 * layouts are tables (name, width, value) so that docs/bureau.md and the tests can name every
 * position. docs/bureau.md describes each field.
 */
import type { FileMeta, ReportRow } from './bureau.types.ts';
import { periodEnd } from './bureau.rules.ts';

// ---------------------------------------------------------------------------------------------
// Fixed-width fields

const ENCODER = new TextEncoder();

export function utf8Length(s: string): number {
  return ENCODER.encode(s).length;
}

/** Printable ASCII only: other characters become '?', so that one character is one byte. */
export function asciiOnly(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '?');
}

/** Metro 2 text: accents removed (NFKD), upper case, other non-ASCII characters dropped, spaces collapsed. */
export function metro2Text(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toUpperCase().replace(/[^\x20-\x7e]/g, '').replace(/\s+/g, ' ').trim();
}

/** Alphanumeric: left-justified, blank-filled, cut at `width` (ASCII only). */
export function alpha(value: string | null | undefined, width: number): string {
  return asciiOnly(value ?? '').slice(0, width).padEnd(width, ' ');
}

/** Numeric: right-justified, zero-filled; a value that does not fit, or a negative one, is an error. */
export function numeric(value: number | null | undefined, width: number, field: string): string {
  const v = value ?? 0;
  if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${field}: ${v} is not a whole number ≥ 0`);
  const s = String(v);
  if (s.length > width) throw new RangeError(`${field}: ${v} does not fit in ${width} digits`);
  return s.padStart(width, '0');
}

/**
 * Text of any script in a field `bytes` long in UTF-8: cut at a character boundary so that it fits,
 * then padded with spaces to exactly `bytes` bytes (a CJK character takes three).
 */
export function utf8Field(value: string | null | undefined, bytes: number): string {
  let out = '';
  let used = 0;
  for (const ch of (value ?? '').replace(/[\r\n\t]/g, ' ')) {
    const n = utf8Length(ch);
    if (used + n > bytes) break;
    out += ch;
    used += n;
  }
  return out + ' '.repeat(bytes - used);
}

/** Whole currency units, cents truncated (Metro 2 and the PBOC-like file report whole units). */
export function wholeUnits(minor: number | null | undefined): number {
  return Math.trunc((minor ?? 0) / 100);
}

const ymd = (d: string | null | undefined): string => (d ? d.replaceAll('-', '') : '');
const mdy = (d: string | null | undefined): string => (d ? `${d.slice(5, 7)}${d.slice(8, 10)}${d.slice(0, 4)}` : '00000000');

export interface FieldSpec {
  /** Field name as the layout's documentation names it. */
  name: string;
  width: number;
  /** A: ASCII alphanumeric, N: numeric zero-filled, U: UTF-8 text padded by bytes. */
  type: 'A' | 'N' | 'U';
  value: (r: ReportRow, m: FileMeta) => string | number | null;
}

/** Renders one record; the widths are bytes (ASCII fields are one byte per character). */
export function renderRecord(specs: readonly FieldSpec[], r: ReportRow, m: FileMeta): string {
  let out = '';
  for (const f of specs) {
    const v = f.value(r, m);
    if (f.type === 'N') out += numeric(v === null ? 0 : Number(v), f.width, f.name);
    else if (f.type === 'U') out += utf8Field(v === null ? '' : String(v), f.width);
    else out += alpha(v === null ? '' : String(v), f.width);
  }
  return out;
}

/** 1-based start positions of a layout's fields, by name. */
export function positions(specs: readonly FieldSpec[]): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  let p = 1;
  for (const f of specs) {
    out.set(f.name, { start: p, end: p + f.width - 1 });
    p += f.width;
  }
  return out;
}

export const recordWidth = (specs: readonly FieldSpec[]): number => specs.reduce((n, f) => n + f.width, 0);

// ---------------------------------------------------------------------------------------------
// Generic CSV

export const CSV_COLUMNS = [
  'record_kind', 'period', 'account_ref', 'customer_id', 'jurisdiction', 'product_kind', 'currency', 'opened_on', 'maturity_on', 'term_count',
  'credit_limit_minor', 'original_minor', 'scheduled_minor', 'actual_payment_minor', 'last_payment_on', 'last_payment_minor', 'balance_minor',
  'past_due_minor', 'dpd', 'items_past_due', 'first_delinquency_on', 'closed_on', 'metro2_status', 'payment_rating', 'metro2_history',
  'pboc_status', 'pboc_history', 'five_class', 'special_comment', 'compliance_code', 'disputed', 'debtor_name', 'id_number',
] as const;

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = String(v);
  // A cell a spreadsheet would read as a formula is prefixed with an apostrophe.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** UTF-8 CSV with a header row, LF line ends, money in minor units. */
export function renderCsv(rows: readonly ReportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of rows) {
    const values: Array<string | number | boolean | null> = [
      r.kind, r.period, r.accountRef, r.customerId, r.jurisdiction, r.productKind, r.currency, r.openedOn, r.maturityOn, r.termCount,
      r.creditLimitMinor, r.originalMinor, r.scheduledMinor, r.actualPaymentMinor, r.lastPaymentOn, r.lastPaymentMinor, r.balanceMinor,
      r.pastDueMinor, r.dpd, r.itemsPastDue, r.firstDelinquencyOn, r.closedOn, r.metro2Status, r.paymentRating.trim(), r.metro2History,
      r.pbocStatus, r.pbocHistory, r.fiveClass, r.specialComment, r.complianceCode, r.disputed ? 'Y' : 'N', r.debtorName, r.idNumber,
    ];
    lines.push(values.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// PBOC-like fixed width (modelled on 个人借贷账户信息记录; not the official byte layout)

/** 记录类型: A 账户信息 (a monthly report), C 更正 (correction), D 删除 (delete). */
const PBOC_RECORD_TYPE: Record<ReportRow['kind'], string> = { report: 'A', correction: 'C', delete: 'D', withheld: '' };

/** 异议标注: 0 无, 1 异议处理中 (open dispute), 2 核查无法确认 (verified, could not be confirmed). */
function pbocDisputeMark(r: ReportRow): string {
  if (!r.disputed) return '0';
  return r.complianceCode === 'XB' ? '1' : '2';
}

export const PBOC_RECORD: readonly FieldSpec[] = [
  { name: '记录类型', width: 1, type: 'A', value: (r) => PBOC_RECORD_TYPE[r.kind] },
  { name: '数据提供机构代码', width: 14, type: 'A', value: (_r, m) => m.furnisher.pbocOrgCode },
  { name: '账户标识', width: 40, type: 'A', value: (r) => r.accountRef },
  { name: '信息报告日期', width: 8, type: 'A', value: (r) => ymd(periodEnd(r.period)) },
  { name: '账户类型', width: 2, type: 'A', value: (r) => (r.productKind === 'revolving' ? 'R1' : 'D1') },
  { name: '币种', width: 3, type: 'A', value: (r) => r.currency },
  { name: '开立日期', width: 8, type: 'A', value: (r) => ymd(r.openedOn) },
  { name: '到期日期', width: 8, type: 'A', value: (r) => ymd(r.maturityOn) },
  { name: '借款金额/授信额度', width: 12, type: 'N', value: (r) => wholeUnits(r.productKind === 'revolving' ? r.creditLimitMinor : r.originalMinor) },
  { name: '还款期数', width: 3, type: 'N', value: (r) => r.termCount ?? 0 },
  { name: '余额', width: 12, type: 'N', value: (r) => wholeUnits(r.balanceMinor) },
  { name: '当前逾期期数', width: 3, type: 'N', value: (r) => Math.min(r.itemsPastDue, 999) },
  { name: '当前逾期总额', width: 12, type: 'N', value: (r) => wholeUnits(r.pastDueMinor) },
  { name: '五级分类', width: 1, type: 'A', value: (r) => r.fiveClass },
  { name: '账户状态', width: 1, type: 'A', value: (r) => r.pbocStatus },
  { name: '24个月还款状态', width: 24, type: 'A', value: (r) => r.pbocHistory },
  { name: '最近一次还款日期', width: 8, type: 'A', value: (r) => ymd(r.lastPaymentOn) },
  { name: '最近一次实际还款金额', width: 12, type: 'N', value: (r) => wholeUnits(r.lastPaymentMinor) },
  { name: '异议标注', width: 1, type: 'A', value: pbocDisputeMark },
  { name: '证件类型', width: 2, type: 'A', value: () => '10' },
  { name: '证件号码', width: 18, type: 'A', value: (r) => r.idNumber },
  { name: '姓名', width: 30, type: 'U', value: (r) => r.debtorName },
];

export const PBOC_HEADER: readonly FieldSpec[] = [
  { name: '记录类型', width: 1, type: 'A', value: () => 'H' },
  { name: '数据提供机构代码', width: 14, type: 'A', value: (_r, m) => m.furnisher.pbocOrgCode },
  { name: '信息报告日期', width: 8, type: 'A', value: (_r, m) => ymd(m.periodEnd) },
  { name: '文件生成时间', width: 14, type: 'A', value: (_r, m) => m.createdAt.slice(0, 19).replace(/[-T:]/g, '') },
  { name: '批次号', width: 12, type: 'N', value: (_r, m) => m.runId },
  { name: '格式版本', width: 8, type: 'A', value: () => 'FD-PBOC1' },
];

/** Renders the PBOC-like file: H header, one record per row, T trailer with the record count. LF line ends. */
export function renderPboc(rows: readonly ReportRow[], meta: FileMeta): string {
  const blank = rows[0] ?? ({} as ReportRow);
  const lines = [renderRecord(PBOC_HEADER, blank, meta)];
  for (const r of rows) lines.push(renderRecord(PBOC_RECORD, r, meta));
  lines.push(`T${numeric(rows.length, 10, '记录数')}`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Metro 2 (426-character base segment subset, header and trailer)

/** Metro 2 name split: "Surname, First" or "First … Surname". */
export function splitName(name: string): { surname: string; first: string } {
  const t = metro2Text(name);
  if (t.includes(',')) {
    const [s, f] = t.split(',', 2) as [string, string];
    return { surname: s.trim(), first: f.trim() };
  }
  const parts = t.split(' ').filter(Boolean);
  if (parts.length <= 1) return { surname: parts[0] ?? '', first: '' };
  return { surname: parts[parts.length - 1]!, first: parts.slice(0, -1).join(' ') };
}

/** A nine-digit SSN when the stored id number is one; zeros otherwise (the platform keeps ids masked). */
export function ssnOf(id: string | null): number {
  const d = (id ?? '').replace(/-/g, '');
  return /^\d{9}$/.test(d) ? Number(d) : 0;
}

const stamp = (iso: string): string => `${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(0, 4)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`;

export const METRO2_BASE: readonly FieldSpec[] = [
  { name: 'Record Descriptor Word', width: 4, type: 'N', value: () => 426 },
  { name: 'Processing Indicator', width: 1, type: 'N', value: () => 1 },
  { name: 'Time Stamp', width: 14, type: 'A', value: (_r, m) => stamp(m.createdAt) },
  { name: 'Correction Indicator', width: 1, type: 'N', value: (r) => (r.kind === 'correction' || r.kind === 'delete' ? 1 : 0) },
  { name: 'Identification Number', width: 20, type: 'A', value: (_r, m) => m.furnisher.metro2Id },
  { name: 'Cycle Identifier', width: 2, type: 'A', value: () => '' },
  { name: 'Consumer Account Number', width: 30, type: 'A', value: (r) => metro2Text(r.accountRef) },
  { name: 'Portfolio Type', width: 1, type: 'A', value: (r) => (r.productKind === 'revolving' ? 'R' : 'I') },
  { name: 'Account Type', width: 2, type: 'A', value: (r) => (r.productKind === 'revolving' ? '15' : '01') },
  { name: 'Date Opened', width: 8, type: 'A', value: (r) => mdy(r.openedOn) },
  { name: 'Credit Limit', width: 9, type: 'N', value: (r) => (r.productKind === 'revolving' ? wholeUnits(r.creditLimitMinor) : 0) },
  { name: 'Highest Credit or Original Loan Amount', width: 9, type: 'N', value: (r) => wholeUnits(r.productKind === 'revolving' ? r.creditLimitMinor : r.originalMinor) },
  { name: 'Terms Duration', width: 3, type: 'A', value: (r) => (r.productKind === 'revolving' ? 'REV' : String(r.termCount ?? 0).padStart(3, '0')) },
  { name: 'Terms Frequency', width: 1, type: 'A', value: () => 'M' },
  { name: 'Scheduled Monthly Payment Amount', width: 9, type: 'N', value: (r) => wholeUnits(r.scheduledMinor) },
  { name: 'Actual Payment Amount', width: 9, type: 'N', value: (r) => wholeUnits(r.actualPaymentMinor) },
  { name: 'Account Status', width: 2, type: 'A', value: (r) => (r.kind === 'delete' ? 'DA' : r.metro2Status) },
  { name: 'Payment Rating', width: 1, type: 'A', value: (r) => r.paymentRating },
  { name: 'Payment History Profile', width: 24, type: 'A', value: (r) => r.metro2History },
  { name: 'Special Comment', width: 2, type: 'A', value: (r) => r.specialComment },
  { name: 'Compliance Condition Code', width: 2, type: 'A', value: (r) => r.complianceCode },
  { name: 'Current Balance', width: 9, type: 'N', value: (r) => wholeUnits(r.balanceMinor) },
  { name: 'Amount Past Due', width: 9, type: 'N', value: (r) => wholeUnits(r.pastDueMinor) },
  { name: 'Original Charge-off Amount', width: 9, type: 'N', value: () => 0 },
  { name: 'Date of Account Information', width: 8, type: 'A', value: (r) => mdy(periodEnd(r.period)) },
  { name: 'FCRA Compliance/Date of First Delinquency', width: 8, type: 'A', value: (r) => mdy(r.firstDelinquencyOn) },
  { name: 'Date Closed', width: 8, type: 'A', value: (r) => mdy(r.closedOn) },
  { name: 'Date of Last Payment', width: 8, type: 'A', value: (r) => mdy(r.lastPaymentOn) },
  { name: 'Interest Type Indicator', width: 1, type: 'A', value: () => 'F' },
  { name: 'Reserved', width: 17, type: 'A', value: () => '' },
  { name: 'Surname', width: 25, type: 'A', value: (r) => splitName(r.debtorName).surname },
  { name: 'First Name', width: 20, type: 'A', value: (r) => splitName(r.debtorName).first },
  { name: 'Middle Name', width: 20, type: 'A', value: () => '' },
  { name: 'Generation Code', width: 1, type: 'A', value: () => '' },
  { name: 'Social Security Number', width: 9, type: 'N', value: (r) => ssnOf(r.idNumber) },
  { name: 'Date of Birth', width: 8, type: 'N', value: () => 0 },
  { name: 'Telephone Number', width: 10, type: 'N', value: () => 0 },
  { name: 'ECOA Code', width: 1, type: 'A', value: () => '1' },
  { name: 'Consumer Information Indicator', width: 2, type: 'A', value: () => '' },
  { name: 'Country Code', width: 2, type: 'A', value: () => 'US' },
  { name: 'First Line of Address', width: 32, type: 'A', value: (r) => metro2Text(r.address ?? '') },
  { name: 'Second Line of Address', width: 32, type: 'A', value: () => '' },
  { name: 'City', width: 20, type: 'A', value: () => '' },
  { name: 'State', width: 2, type: 'A', value: () => '' },
  { name: 'Postal/Zip Code', width: 9, type: 'A', value: () => '' },
  { name: 'Address Indicator', width: 1, type: 'A', value: () => '' },
  { name: 'Residence Code', width: 1, type: 'A', value: () => '' },
];

export const METRO2_HEADER: readonly FieldSpec[] = [
  { name: 'Record Descriptor Word', width: 4, type: 'N', value: () => 426 },
  { name: 'Record Identifier', width: 6, type: 'A', value: () => 'HEADER' },
  { name: 'Cycle Identifier', width: 2, type: 'A', value: () => '' },
  { name: 'Innovis Program Identifier', width: 10, type: 'A', value: (_r, m) => m.furnisher.metro2Id },
  { name: 'Equifax Program Identifier', width: 10, type: 'A', value: (_r, m) => m.furnisher.metro2Id },
  { name: 'Experian Program Identifier', width: 5, type: 'A', value: (_r, m) => m.furnisher.metro2Id },
  { name: 'TransUnion Program Identifier', width: 10, type: 'A', value: (_r, m) => m.furnisher.metro2Id },
  { name: 'Activity Date', width: 8, type: 'A', value: (_r, m) => mdy(m.periodEnd) },
  { name: 'Date Created', width: 8, type: 'A', value: (_r, m) => mdy(m.createdAt.slice(0, 10)) },
  { name: 'Program Date', width: 8, type: 'A', value: () => '00000000' },
  { name: 'Program Revision Date', width: 8, type: 'A', value: () => '00000000' },
  { name: 'Reporter Name', width: 40, type: 'A', value: (_r, m) => metro2Text(m.furnisher.name) },
  { name: 'Reporter Address', width: 96, type: 'A', value: (_r, m) => metro2Text(m.furnisher.address) },
  { name: 'Reporter Telephone Number', width: 10, type: 'N', value: (_r, m) => Number(m.furnisher.phone.replace(/\D/g, '').slice(0, 10) || 0) },
  { name: 'Software Vendor Name', width: 40, type: 'A', value: () => 'FAIRDEBT' },
  { name: 'Software Version Number', width: 5, type: 'A', value: () => '1' },
  { name: 'PRBC Program Identifier', width: 10, type: 'A', value: () => '' },
  { name: 'Reserved', width: 146, type: 'A', value: () => '' },
];

/** Trailer counts: base records, and base records by account status (the statuses this subset produces). */
const TRAILER_STATUSES = ['DA', '11', '13', '71', '78', '80', '82', '83', '84'] as const;

export function renderMetro2Trailer(rows: readonly ReportRow[]): string {
  const count = (s: string) => rows.filter((r) => (r.kind === 'delete' ? 'DA' : r.metro2Status) === s).length;
  const c = Object.fromEntries(TRAILER_STATUSES.map((s) => [s, count(s)])) as Record<(typeof TRAILER_STATUSES)[number], number>;
  const n = (v: number) => numeric(v, 9, 'trailer count');
  const zero = n(0);
  const ssns = rows.filter((r) => ssnOf(r.idNumber) > 0).length;
  return [
    numeric(426, 4, 'RDW'), 'TRAILER', n(rows.length), ' '.repeat(9),
    zero /* DF */, zero /* J1 */, zero /* J2 */, zero /* block count: unblocked */,
    n(c.DA), zero /* 05 */, n(c['11']), n(c['13']), zero, zero, zero, zero, zero /* 61–65 */,
    n(c['71']), n(c['78']), n(c['80']), n(c['82']), n(c['83']), n(c['84']),
    zero, zero, zero, zero, zero, zero, zero /* 88 89 93 94 95 96 97 */, zero /* ECOA Z */,
    zero, zero, zero, zero, zero, zero /* employment, original creditor, purchased to, mortgage, payment information, change segments */,
    n(ssns), n(ssns), zero, zero, zero, zero, zero, zero, zero /* dates of birth, telephones */,
    ' '.repeat(19),
  ].join('');
}

/** Renders the Metro 2 file: header, one base segment per row, trailer; one 426-character record per line (LF). */
export function renderMetro2(rows: readonly ReportRow[], meta: FileMeta): string {
  const blank = rows[0] ?? ({} as ReportRow);
  const lines = [renderRecord(METRO2_HEADER, blank, meta)];
  for (const r of rows) lines.push(renderRecord(METRO2_BASE, r, meta));
  lines.push(renderMetro2Trailer(rows));
  return `${lines.join('\n')}\n`;
}
