/**
 * Money is an integer number of minor units (fen, cents, pence) with its currency. Never a float:
 * amounts are checked to be safe integers wherever they enter the system.
 */
import { invalidField } from './errors.ts';

export const CURRENCIES = ['CNY', 'USD', 'GBP'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Digits after the decimal point for each currency. */
export const MINOR_DIGITS: Record<Currency, number> = { CNY: 2, USD: 2, GBP: 2 };

export function isCurrency(x: unknown): x is Currency {
  return typeof x === 'string' && (CURRENCIES as readonly string[]).includes(x);
}

export function isMinor(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x);
}

/** Parses a decimal major-unit string ("1234.5") into minor units without floating point. */
export function parseMajor(text: string, currency: Currency): number | undefined {
  const digits = MINOR_DIGITS[currency];
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const frac = m[3] ?? '';
  if (frac.length > digits) return undefined;
  const minor = Number(m[2]) * 10 ** digits + Number(frac.padEnd(digits, '0') || '0');
  if (!Number.isSafeInteger(minor)) return undefined;
  return m[1] ? -minor : minor;
}

/** 123456 CNY → "1234.56": split on the string of digits, so no step makes a fraction. */
export function formatMinor(amountMinor: number, currency: Currency): string {
  const digits = MINOR_DIGITS[currency];
  const sign = amountMinor < 0 ? '-' : '';
  const abs = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

export const CURRENCY_SYMBOL: Record<Currency, string> = { CNY: '¥', USD: '$', GBP: '£' };

/** '1234567' → '1,234,567': groups of three digits from the right, on the string of digits. */
export function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An amount as people read it: 123456 CNY → '¥1,234.56', -5 USD → '-$0.05'. */
export function formatMoney(amountMinor: number, currency: Currency): string {
  if (!isMinor(amountMinor)) throw invalidField('amountMinor', `${String(amountMinor)} is not a safe integer of minor units`);
  const plain = formatMinor(amountMinor, currency);
  const negative = plain.startsWith('-');
  const unsigned = negative ? plain.slice(1) : plain;
  const dot = unsigned.indexOf('.');
  const whole = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? '' : unsigned.slice(dot);
  return `${negative ? '-' : ''}${CURRENCY_SYMBOL[currency]}${groupThousands(whole)}${fraction}`;
}

/**
 * amountMinor × numerator / denominator rounded half away from zero, in exact integer arithmetic
 * (BigInt), for rates such as parts-per-million per day. The one place rates meet money.
 */
export function mulDivRound(amountMinor: number, numerator: number, denominator: number): number {
  if (denominator <= 0) throw new RangeError('denominator must be positive');
  const p = BigInt(amountMinor) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = p / d;
  const r = p % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const rounded = twice >= d ? q + (p < 0n ? -1n : 1n) : q;
  return Number(rounded);
}
