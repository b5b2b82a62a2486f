/**
 * Credit-bureau furnishing (C11): the inputs of the runs, notices and disputes, and the shapes the
 * renderers and the store share.
 */
import { z } from 'zod';

export const FILE_FORMATS = ['csv', 'pboc', 'metro2'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

/** The reporting regimes: which files an account goes into and which pre-notice and clock apply. */
export const REGIMES = ['CN', 'US', 'OTHER'] as const;
export type Regime = (typeof REGIMES)[number];

export const NOTICE_CHANNELS = ['in_app', 'letter', 'email', 'sms', 'call', 'in_person'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const DISPUTE_OUTCOMES = ['corrected', 'deleted', 'no_error', 'unverifiable'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const REPORT_KINDS = ['report', 'withheld', 'correction', 'delete'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

const Period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

export const RunInputSchema = z.object({ period: Period });
export type RunInput = z.infer<typeof RunInputSchema>;

export const NoticeInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  channel: z.enum(NOTICE_CHANNELS),
  /** The letter's, message's or call record's own reference. */
  reference: z.string().min(1).max(100),
  sentOn: IsoDate,
});
export type NoticeInput = z.infer<typeof NoticeInputSchema>;

export const DisputeInputSchema = z.object({
  accountRef: z.string().min(1).max(64),
  reason: z.string().trim().min(1).max(2000),
  /** The reported months the debtor disputes; none: every month reported so far. */
  periods: z.array(Period).max(24).default([]),
});
export type DisputeInput = z.infer<typeof DisputeInputSchema>;

export const ResolveInputSchema = z.object({
  outcome: z.enum(DISPUTE_OUTCOMES),
  note: z.string().trim().min(1).max(2000),
});
export type ResolveInput = z.infer<typeof ResolveInputSchema>;

/** Who furnishes: named in file headers. */
export interface Furnisher {
  /** Metro 2 identification number (assigned by each bureau); ASCII. */
  metro2Id: string;
  /** Data provider code (数据提供机构代码) in the PBOC-like file; ASCII, 14 characters. */
  pbocOrgCode: string;
  name: string;
  address: string;
  /** Digits only. */
  phone: string;
}

export const DEFAULT_FURNISHER: Furnisher = {
  metro2Id: 'FAIRDEBT0001',
  pbocOrgCode: 'FD000000000001',
  name: 'FAIRDEBT LENDER',
  address: '1 EXAMPLE ROAD',
  phone: '4000000000',
};

/** One snapshot row as the renderers read it (a bureau_reports row). Money in minor units. */
export interface ReportRow {
  id: number;
  kind: ReportKind;
  period: string;
  accountRef: string;
  customerId: string;
  jurisdiction: string;
  productKind: 'instalment' | 'revolving';
  currency: string;
  openedOn: string;
  maturityOn: string | null;
  termCount: number | null;
  creditLimitMinor: number | null;
  originalMinor: number | null;
  scheduledMinor: number;
  actualPaymentMinor: number;
  lastPaymentOn: string | null;
  lastPaymentMinor: number | null;
  balanceMinor: number;
  pastDueMinor: number;
  dpd: number;
  itemsPastDue: number;
  firstDelinquencyOn: string | null;
  closedOn: string | null;
  metro2Status: string;
  paymentRating: string;
  metro2History: string;
  pbocStatus: string;
  pbocHistory: string;
  fiveClass: string;
  specialComment: string;
  complianceCode: string;
  disputed: boolean;
  debtorName: string;
  idNumber: string | null;
  address: string | null;
}

/** What a file header needs besides the rows. */
export interface FileMeta {
  furnisher: Furnisher;
  /** The period's last day (Date of Account Information, 信息报告日期). */
  periodEnd: string;
  /** The run's instant, ISO-8601 UTC (Metro 2 time stamp, file creation date). */
  createdAt: string;
  runId: number;
  /** 'correction' files mark every record as a correction. */
  runKind: 'monthly' | 'correction';
}

/** Audit events of credit-bureau furnishing (listed in the audit catalogue). */
export type BureauAuditEvent =
  /** A monthly furnishing run: what was reported, withheld for the pre-notice and queued, and the sha256 of each file. */
  | { type: 'BUREAU_RUN_MADE'; subject: `bureau-run:${number}`; data: { period: string; reported: number; withheld: number; noticesQueued: number; files: Record<string, string>; repeated: boolean } }
  /** Pre-notices before a first negative report went out (through the inbox) or were recorded by staff (call, in person, a letter). */
  | { type: 'BUREAU_NOTICES_SENT'; subject: 'bureau-notices'; data: { items: Array<{ noticeId: number; accountRef: string; channel: string; reference: string; sentOn: string }> } }
  /** A credit-report dispute was received: the account is marked from the next file on, with the answer clock. */
  | { type: 'BUREAU_DISPUTE_OPENED'; subject: `account:${string}`; data: { disputeId: number; source: string; periods: string[]; receivedOn: string; dueOn: string } }
  /** A credit-report dispute was answered; corrections or deletes went into a correction run with its files' sha256. */
  | { type: 'BUREAU_DISPUTE_RESOLVED'; subject: `account:${string}`; data: { disputeId: number; outcome: string; resolvedOn: string; overdue: boolean; correctionRunId: number | null; records: number; files: Record<string, string> } };
