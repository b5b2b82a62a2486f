/**
 * Display formats. Money arrives as integer minor units and is formatted from its decimal string, so
 * no amount passes through a float. Rates are integer parts per million per day.
 */
import type { Language } from './i18n/types.ts';

/** Minor units per major unit of the currencies the platform books (CNY, USD, GBP, EUR). */
const MINOR_DIGITS = 2;

export function minorToDecimal(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(MINOR_DIGITS + 1, '0');
  return `${sign}${digits.slice(0, -MINOR_DIGITS)}.${digits.slice(-MINOR_DIGITS)}`;
}

export function formatMoney(minor: number, currency: string, lang: Language): string {
  const decimal = minorToDecimal(minor) as `${number}`;
  try {
    return new Intl.NumberFormat(lang, { style: 'currency', currency, minimumFractionDigits: MINOR_DIGITS, maximumFractionDigits: MINOR_DIGITS }).format(decimal);
  } catch {
    return `${decimal} ${currency}`;
  }
}

/** "12.50" or "12.5" or "12" → 1250 minor units; null when not a positive amount with at most two decimals. */
export function parseMajorToMinor(text: string): number | null {
  const m = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const minor = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return minor > 0 && Number.isSafeInteger(minor) ? minor : null;
}

/** 500 ppm a day → "0.05%". */
export function formatPpmPercent(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const frac = String(ppm % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

/** 2400 basis points a year → "24%". */
export function formatBpPercent(bp: number): string {
  const whole = Math.floor(bp / 100);
  const frac = String(bp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}

export function formatInstant(iso: string | null | undefined, lang: Language): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
