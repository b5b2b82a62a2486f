/**
 * What a collections letter says, in zh-CN or en, decided without I/O: the validated input, money as
 * it is printed (¥1,234.56), the date line, the bilingual wording, and the text of every block of the
 * page. letter-pdf.ts only places these blocks on A4; keeping the words here lets table tests cover
 * both languages without rendering a PDF.
 */
import { z } from 'zod';
import { CURRENCIES, formatMoney, isMinor } from '../../../platform/money.ts';
import { fromZodIssues, invalidField } from '../../../platform/errors.ts';
import type { MessageLanguage } from '../providers/provider.types.ts';

/** Longest letter body, in characters (a template of at most 4,000 characters after its fields are filled in). */
export const MAX_LETTER_BODY_CHARS = 6_000;
/** Most lines in a postal address block (sender or recipient), in lines. */
export const MAX_ADDRESS_LINES = 8;
/** Longest single line of a name, title, address line, hotline or link, in characters. */
export const MAX_LINE_CHARS = 200;
/** Longest lender-specific payment instructions (bank account, payee name …), in characters. */
export const MAX_PAYMENT_INSTRUCTIONS_CHARS = 1_000;
/** Longest outbox reference, in characters (provider.types.ts: at most 32 ASCII characters). */
export const MAX_REFERENCE_CHARS = 32;

export const LETTER_LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly MessageLanguage[];

/** The symbol printed before an amount; the currency code is not repeated in the letter. */

const minorAmount = z.number().int().refine(isMinor, { message: 'must be a safe integer of minor units' });

/** The amount due with its breakdown; the total is derived, so it cannot disagree with its parts. */
export const AmountDueSchema = z.object({
  currency: z.enum(CURRENCIES),
  principalMinor: minorAmount,
  interestMinor: minorAmount,
  penaltyMinor: minorAmount,
  feesMinor: minorAmount,
});
export type AmountDue = z.infer<typeof AmountDueSchema>;

const line = z.string().trim().min(1).max(MAX_LINE_CHARS);
const addressText = z
  .string()
  .min(1)
  .max(MAX_ADDRESS_LINES * (MAX_LINE_CHARS + 1))
  .refine((s) => splitLines(s).length >= 1, { message: 'expected at least one non-empty line' })
  .refine((s) => splitLines(s).length <= MAX_ADDRESS_LINES, { message: `expected at most ${MAX_ADDRESS_LINES} lines` })
  .refine((s) => splitLines(s).every((l) => l.length <= MAX_LINE_CHARS), { message: `each line at most ${MAX_LINE_CHARS} characters` });

export const LetterInputSchema = z.object({
  /** The outbox reference, printed on the letter so that a reply can be matched to it. */
  reference: z.string().min(1).max(MAX_REFERENCE_CHARS).regex(/^[\x21-\x7e]+$/, 'expected printable ASCII without spaces'),
  language: z.enum(LETTER_LANGUAGES),
  /** The letter's date in the debtor's time zone, YYYY-MM-DD. */
  date: z.string().refine(isCalendarDate, { message: 'expected a date YYYY-MM-DD' }),
  lenderName: line,
  /** Lines separated by newlines. */
  lenderAddress: addressText,
  debtorName: line,
  /** Lines separated by newlines. */
  debtorAddress: addressText,
  title: line,
  /** The rendered template text; blank lines separate paragraphs. */
  body: z.string().trim().min(1).max(MAX_LETTER_BODY_CHARS),
  amountDue: AmountDueSchema.optional(),
  /** Lender-specific ways to pay (e.g. the bank account for transfers), printed under "how to pay". */
  paymentInstructions: z.string().trim().min(1).max(MAX_PAYMENT_INSTRUCTIONS_CHARS).optional(),
  hotline: line,
  portalUrl: line,
  verifyCode: z.string().min(1).max(64).regex(/^[\x21-\x7e]+$/, 'expected printable ASCII without spaces'),
});
export type LetterInput = z.infer<typeof LetterInputSchema>;

/** Validates a letter input; the error names every field that was wrong. */
export function parseLetterInput(input: unknown): LetterInput {
  const parsed = LetterInputSchema.safeParse(input);
  if (!parsed.success) throw fromZodIssues(parsed.error.issues);
  return parsed.data;
}

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1]!;
  return d <= days;
}

/** Non-empty trimmed lines of a text block (addresses arrive as one string with newlines). */
export function splitLines(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Paragraphs of the body: blank lines separate them; a single newline stays a line break inside one. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .join('\n'),
    )
    .filter((p) => p !== '');
}

const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** '2026-03-05' → '2026年3月5日' (zh-CN) or '5 March 2026' (en). */
export function formatLetterDate(date: string, language: MessageLanguage): string {
  if (!isCalendarDate(date)) throw invalidField('date', `expected a date YYYY-MM-DD, got '${date}'`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return language === 'zh-CN' ? `${y}年${m}月${d}日` : `${d} ${MONTHS_EN[m - 1]} ${y}`;
}

/** Every fixed phrase of a letter, per language. */
export interface LetterWording {
  referenceLabel: string;
  defaultTitle: string;
  greeting(name: string): string;
  amountHeading: string;
  principal: string;
  interest: string;
  penalty: string;
  fees: string;
  total: string;
  howToPayHeading: string;
  howToPay(portalUrl: string, hotline: string): string;
  hotline(hotline: string): string;
  portal(portalUrl: string): string;
  verifyLabel: string;
  verify(code: string, portalUrl: string): string;
  rights: string;
  page(page: number, pages: number): string;
}

export const WORDING: Record<MessageLanguage, LetterWording> = {
  'zh-CN': {
    referenceLabel: '函件编号',
    defaultTitle: '还款提醒函',
    greeting: (name) => `尊敬的${name}：`,
    amountHeading: '应还金额明细',
    principal: '本金',
    interest: '利息',
    penalty: '罚息',
    fees: '费用',
    total: '合计应还',
    howToPayHeading: '还款方式',
    howToPay: (portalUrl, hotline) => `您可以登录 ${portalUrl} 在线还款或申请还款安排；如有疑问，请致电客服热线 ${hotline}。`,
    hotline: (hotline) => `客服热线：${hotline}`,
    portal: (portalUrl) => `在线服务：${portalUrl}`,
    verifyLabel: '验证码',
    verify: (code, portalUrl) => `本函件验证码为 ${code}。您可以在 ${portalUrl} 输入此验证码，核实本函件的真实性。`,
    rights: '您有权对本债务提出异议并要求我们核实；如认为催收行为不当，您有权向我们或金融监管部门投诉。',
    page: (page, pages) => `第 ${page} 页，共 ${pages} 页`,
  },
  en: {
    referenceLabel: 'Our reference',
    defaultTitle: 'Payment reminder',
    greeting: (name) => `Dear ${name},`,
    amountHeading: 'Amount due',
    principal: 'Principal',
    interest: 'Interest',
    penalty: 'Penalty interest',
    fees: 'Fees',
    total: 'Total due',
    howToPayHeading: 'How to pay',
    howToPay: (portalUrl, hotline) => `You can pay online or ask for a payment arrangement at ${portalUrl}; if you have any questions, call us on ${hotline}.`,
    hotline: (hotline) => `Hotline: ${hotline}`,
    portal: (portalUrl) => `Online: ${portalUrl}`,
    verifyLabel: 'Verification code',
    verify: (code, portalUrl) => `The verification code of this letter is ${code}. You can check that this letter is genuine by entering this code at ${portalUrl}.`,
    rights: 'You have the right to dispute this debt and ask us to verify it, and to complain to us or to the financial regulator if you think you have been treated unfairly.',
    page: (page, pages) => `Page ${page} of ${pages}`,
  },
};

export interface AmountRow {
  label: string;
  amount: string;
}

/** The text of every block of a letter, in reading order; letter-pdf.ts places them on the page. */
export interface LetterLayout {
  language: MessageLanguage;
  sender: { name: string; addressLines: string[] };
  recipient: { name: string; addressLines: string[] };
  dateLine: string;
  referenceLine: string;
  title: string;
  greeting: string;
  paragraphs: string[];
  /** Absent when the letter carries no amount (e.g. a notice without a demand). */
  amountTable?: { heading: string; rows: AmountRow[]; total: AmountRow };
  howToPay: { heading: string; paragraphs: string[] };
  contactLines: string[];
  verify: { label: string; code: string; sentence: string };
  /** The debtor's rights in one sentence, at the foot of every page. */
  footer: string;
  /** Document properties of the PDF. */
  metadata: { title: string; author: string; subject: string };
}

/** The total due: the sum of the parts, refused if it leaves the safe integer range. */
export function totalDueMinor(due: AmountDue): number {
  const total = due.principalMinor + due.interestMinor + due.penaltyMinor + due.feesMinor;
  if (!isMinor(total)) throw invalidField('amountDue', 'the total of the breakdown is beyond the safe integer range');
  return total;
}

/** Lays out a letter's words from its (validated) input. */
export function buildLetterLayout(raw: LetterInput): LetterLayout {
  const input = parseLetterInput(raw);
  const w = WORDING[input.language];
  const due = input.amountDue;
  const money = (minor: number) => formatMoney(minor, due!.currency);
  return {
    language: input.language,
    sender: { name: input.lenderName, addressLines: splitLines(input.lenderAddress) },
    recipient: { name: input.debtorName, addressLines: splitLines(input.debtorAddress) },
    dateLine: formatLetterDate(input.date, input.language),
    referenceLine: `${w.referenceLabel}${input.language === 'zh-CN' ? '：' : ': '}${input.reference}`,
    title: input.title,
    greeting: w.greeting(input.debtorName),
    paragraphs: splitParagraphs(input.body),
    ...(due
      ? {
          amountTable: {
            heading: w.amountHeading,
            rows: [
              { label: w.principal, amount: money(due.principalMinor) },
              { label: w.interest, amount: money(due.interestMinor) },
              { label: w.penalty, amount: money(due.penaltyMinor) },
              { label: w.fees, amount: money(due.feesMinor) },
            ],
            total: { label: w.total, amount: money(totalDueMinor(due)) },
          },
        }
      : {}),
    howToPay: {
      heading: w.howToPayHeading,
      paragraphs: [...(input.paymentInstructions ? splitParagraphs(input.paymentInstructions) : []), w.howToPay(input.portalUrl, input.hotline)],
    },
    contactLines: [w.hotline(input.hotline), w.portal(input.portalUrl)],
    verify: { label: w.verifyLabel, code: input.verifyCode, sentence: w.verify(input.verifyCode, input.portalUrl) },
    footer: w.rights,
    metadata: { title: input.title, author: input.lenderName, subject: `${w.referenceLabel} ${input.reference}` },
  };
}
