/**
 * Message templates: `{{variable}}` placeholders filled from the account's figures. Pure: the caller
 * passes the values; nothing here reads a clock or a database. The content lint of the compliance
 * engine runs on the template when it is saved and again on the rendered text before a send.
 */
import { formatMoney, type Currency } from '../../platform/money.ts';
import type { MessageLanguage } from './providers/provider.types.ts';

/** Every variable a template may use, with what it stands for. */
export const TEMPLATE_VARIABLES = {
  name: 'the debtor’s name',
  lender: 'the lender’s name',
  accountRef: 'the account reference, masked to its last 4 characters',
  amountDue: 'the overdue amount with its currency, e.g. ¥1,234.56',
  breakdown: 'principal, interest, penalty and fees of the amount due',
  dueDate: 'the due date of the oldest unpaid item, or of the next one for a reminder',
  dpd: 'days past due',
  portalLink: 'the debtor portal’s address',
  hotline: 'the lender’s hotline',
  verifyCode: 'the code that proves the message is genuine',
  sender: 'who sends: the lender or the agency acting for it',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

export const MAX_TEMPLATE_BODY_CHARS = 4_000;
export const MAX_SMS_CHARS = 280;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}/g;

/** The variables a template body uses, and those it uses that do not exist. */
export function templateVariables(body: string): { used: TemplateVariable[]; unknown: string[] } {
  const used = new Set<TemplateVariable>();
  const unknown = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) {
    const name = m[1]!;
    if (Object.hasOwn(TEMPLATE_VARIABLES, name)) used.add(name as TemplateVariable);
    else unknown.add(name);
  }
  return { used: [...used], unknown: [...unknown] };
}

export type TemplateValues = Record<TemplateVariable, string>;

/** Fills every placeholder; an unknown one is an error (templates are checked on save, so this is a bug). */
export function renderTemplate(body: string, values: TemplateValues): string {
  return body.replace(PLACEHOLDER, (whole, name: string) => {
    if (!Object.hasOwn(values, name)) throw new Error(`template variable ${whole} has no value`);
    return values[name as TemplateVariable];
  });
}

export interface AmountFigures {
  currency: Currency;
  overdueMinor: number;
  principalMinor: number;
  interestMinor: number;
  penaltyMinor: number;
  feesMinor: number;
}

const BREAKDOWN_WORDS: Record<MessageLanguage, [string, string, string, string, string]> = {
  'zh-CN': ['本金', '利息', '罚息', '费用', '，'],
  en: ['principal', 'interest', 'penalty interest', 'fees', ', '],
};

/** "本金¥1,000.00，利息¥12.00，罚息¥3.60" — the parts that are not zero. */
export function formatBreakdown(f: AmountFigures, language: MessageLanguage): string {
  const [p, i, pen, fees, sep] = BREAKDOWN_WORDS[language];
  const parts: Array<[string, number]> = [[p, f.principalMinor], [i, f.interestMinor], [pen, f.penaltyMinor], [fees, f.feesMinor]];
  const space = language === 'en' ? ' ' : '';
  return parts.filter(([, v]) => v !== 0).map(([w, v]) => `${w}${space}${formatMoney(v, f.currency)}`).join(sep);
}

/** The last 4 characters of a reference, the rest masked: a message may be read by someone else. */
export function maskRef(ref: string): string {
  return ref.length <= 4 ? ref : `${'*'.repeat(Math.min(4, ref.length - 4))}${ref.slice(-4)}`;
}
