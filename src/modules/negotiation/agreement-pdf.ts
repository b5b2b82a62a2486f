/**
 * Renders the agreement of a concession as an A4 PDF, one per language, with pdfkit and the Noto Sans
 * CJK font the letters use (it covers Chinese and Latin text alike). Deterministic: the dates in the
 * document's info are fixed to the agreement's date, so the same agreement gives the same bytes and
 * its sha256 can be recomputed.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { loadCjkFonts, REGULAR_FACE } from '../../platform/fonts.ts';
import { formatMoney, type Currency } from '../../platform/money.ts';
import type { Bilingual } from './explain.rules.ts';

const MARGIN_PT = 56;

export interface AgreementInput {
  concessionId: number;
  kind: string;
  date: string;
  lender: string;
  customerName: string;
  accountRef: string;
  currency: Currency;
  summary: Bilingual;
  schedule: ReadonlyArray<{ n: number; dueOn: string; amountMinor: number }>;
  approvedBy: string;
}

const LABELS = {
  'zh-CN': { title: '协商还款协议', no: '协议编号', account: '账户', debtor: '客户', date: '日期', schedule: '还款计划', n: '期数', due: '到期日', amount: '金额', approved: '审批', note: '本协议由系统依据协商政策生成，所有减免均记入账务与审计日志。' },
  en: { title: 'Repayment agreement', no: 'Agreement no.', account: 'Account', debtor: 'Customer', date: 'Date', schedule: 'Schedule', n: 'No.', due: 'Due on', amount: 'Amount', approved: 'Approved by', note: 'This agreement was produced under the negotiation policy; every concession is recorded in the ledger and the audit log.' },
} as const;

export async function renderAgreementPdf(input: AgreementInput, language: 'zh-CN' | 'en'): Promise<{ pdf: Buffer; sha256: string }> {
  const fontData = (await loadCjkFonts()).regular;
  const L = LABELS[language];
  const at = new Date(`${input.date}T00:00:00.000Z`);
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN_PT, info: { Title: `${L.title} ${input.concessionId}`, CreationDate: at, ModDate: at } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('body', fontData, REGULAR_FACE);
  doc.font('body').fontSize(16).text(`${input.lender} · ${L.title}`);
  doc.moveDown().fontSize(10.5);
  doc.text(`${L.no}: ${input.kind}-${input.concessionId}`);
  doc.text(`${L.account}: ${input.accountRef}`);
  doc.text(`${L.debtor}: ${input.customerName}`);
  doc.text(`${L.date}: ${input.date}`);
  doc.moveDown().text(input.summary[language]);
  if (input.schedule.length) {
    doc.moveDown().fontSize(12).text(L.schedule).fontSize(10.5);
    for (const s of input.schedule) doc.text(`${L.n} ${s.n}   ${L.due} ${s.dueOn}   ${L.amount} ${formatMoney(s.amountMinor, input.currency)}`);
  }
  doc.moveDown().text(`${L.approved}: ${input.approvedBy}`);
  doc.moveDown().fontSize(8).text(L.note);
  doc.end();
  await done;
  const pdf = Buffer.concat(chunks);
  return { pdf, sha256: createHash('sha256').update(pdf).digest('hex') };
}
