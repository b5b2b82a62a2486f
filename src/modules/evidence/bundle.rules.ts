/**
 * Pure parts of evidence bundles: CSV text for people, the order of items, and the comparison of a
 * manifest with the files found in a bundle (missing, extra, changed). Hashing and zip I/O live in
 * bundle.zip.ts.
 */
import type { BundleCheck, ManifestItem } from './evidence.types.ts';

/** Files of a bundle that the manifest does not list: itself and its hash. */
export const MANIFEST_PATH = 'manifest.json';
export const MANIFEST_HASH_PATH = 'manifest.sha256';

/** One CSV field: quoted when it holds a comma, quote or line break (RFC 4180). */
function csvField(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** A CSV document with a header row; lines end in CRLF as RFC 4180 says. */
export function toCsv(columns: readonly string[], rows: ReadonlyArray<object>): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField((r as Record<string, unknown>)[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Items in path order, so that the same data always gives the same manifest and zip. */
export function sortItems<T extends { path: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file as found in a bundle: its path, size and sha256. */
export interface FoundFile {
  path: string;
  size: number;
  sha256: string;
}

/**
 * Compares what the manifest lists with what the bundle holds. The manifest's own integrity
 * (manifest.sha256) is judged by the caller and passed in as `manifestProblems`.
 */
export function compareBundle(
  listed: readonly ManifestItem[],
  found: readonly FoundFile[],
  meta: { accountRef: string | null; manifestSha256: string | null; manifestProblems: string[] },
): BundleCheck {
  const byPath = new Map(found.filter((f) => f.path !== MANIFEST_PATH && f.path !== MANIFEST_HASH_PATH).map((f) => [f.path, f]));
  const missing: string[] = [];
  const changed: BundleCheck['changed'] = [];
  const seen = new Set<string>();
  const problems = [...meta.manifestProblems];
  for (const item of listed) {
    if (seen.has(item.path)) problems.push(`the manifest lists ${item.path} twice`);
    seen.add(item.path);
    const f = byPath.get(item.path);
    if (!f) {
      missing.push(item.path);
      continue;
    }
    if (f.sha256 !== item.sha256 || f.size !== item.size) {
      changed.push({ path: item.path, expectedSha256: item.sha256, actualSha256: f.sha256, expectedSize: item.size, actualSize: f.size });
    }
  }
  const extra = [...byPath.keys()].filter((p) => !seen.has(p)).sort();
  return {
    ok: missing.length === 0 && extra.length === 0 && changed.length === 0 && problems.length === 0,
    accountRef: meta.accountRef,
    manifestSha256: meta.manifestSha256,
    items: listed.length,
    missing: missing.sort(),
    extra,
    changed,
    manifestProblems: problems,
  };
}

/** A name safe as one path segment of a zip entry: letters, digits, . _ - only. */
export function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_');
}
