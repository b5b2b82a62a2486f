/** Contact points compared as written by people: "138 0000-0000" and "13800000000" are one number. PURE. */

const normalisedMemo = new Map<string, string>();
/** Above this many entries the memo is cleared, so a long-running server stays bounded. */
const MAX_NORMALISED_MEMO_ENTRIES = 100_000;

/** A phone number without spaces, dashes, dots or brackets; an address in lower case. */
export function normaliseContactPoint(v: string | undefined): string | undefined {
  if (v === undefined) return undefined;
  let n = normalisedMemo.get(v);
  if (n === undefined) {
    n = v.replace(/[\s\-().]/g, '').toLowerCase();
    if (normalisedMemo.size >= MAX_NORMALISED_MEMO_ENTRIES) normalisedMemo.clear();
    normalisedMemo.set(v, n);
  }
  return n;
}

