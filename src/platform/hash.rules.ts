/**
 * Deterministic 32-bit hashing of strings, for draws that must be repeatable and auditable (experiment
 * arms, review samples): no random source, the same text always gives the same number. Not for secrets.
 */

/** FNV-1a, 32 bits, over the UTF-8 bytes of a string. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  const byte = (b: number) => {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return h >>> 0;
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(x: number): number {
  let h = x;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * 32-bit hash of a string: FNV-1a, then murmur3's fmix32 finaliser, which spreads FNV's weak low bits so
 * that `hash % 10,000` is uniform even for consecutive account ids. (2^32 is not a multiple of 10,000: the
 * first 7,296 slots are more likely by one part in 429,496, which no experiment can see.)
 */
export function hash32(text: string): number {
  return fmix32(fnv1a32(text));
}
