/**
 * ID numbers: the masked form every screen shows is derived from the full number, which is stored
 * only sealed (platform/id-keys.ts). Pure.
 */

/** Letters and digits, 5–40 of them (a CN resident ID is 18, ending in a digit or X). */
export const ID_NUMBER_PATTERN = /^[0-9A-Za-z]{5,40}$/;

/**
 * The masked form: a long number (15 and more, e.g. a CN resident ID) keeps its first 6 characters
 * (the region) and its last 4; a shorter one keeps only its last 4. Everything else is `*`.
 */
export function maskIdNumber(idNumber: string): string {
  const n = idNumber.length;
  if (n >= 15) return `${idNumber.slice(0, 6)}${'*'.repeat(n - 10)}${idNumber.slice(-4)}`;
  return `${'*'.repeat(n - 4)}${idNumber.slice(-4)}`;
}
