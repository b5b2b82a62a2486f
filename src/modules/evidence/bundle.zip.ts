/**
 * Zip files of evidence bundles, deterministic: entries in path order, every timestamp the export
 * instant, no compression-level choice left to chance. The same files and instant give the same bytes.
 */
import { createHash } from 'node:crypto';
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { AppError } from '../../platform/errors.ts';

/** Larger bundles are refused rather than held in memory: the largest zip read, in bytes. */
export const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * The zip's date fields hold local time (fflate reads a Date's local fields); this Date has the
 * instant's UTC fields as its local ones, so the bytes do not depend on the machine's time zone.
 */
function zipTime(instant: string): Date {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) throw new AppError('INTERNAL', `not an instant: ${instant}`);
  return new Date(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** Zips files (already in path order) with the instant as every entry's time. */
export function zipFiles(files: ReadonlyArray<{ path: string; bytes: Uint8Array }>, instant: string): Uint8Array {
  const mtime = zipTime(instant);
  const tree: Zippable = {};
  for (const f of files) tree[f.path] = [f.bytes, { mtime, level: 6 }];
  return zipSync(tree, { mtime });
}

/** The files of a zip by path; a damaged zip is a validation error naming the file. */
export function unzipFiles(zip: Uint8Array, field = 'file'): Map<string, Uint8Array> {
  if (zip.byteLength > MAX_BUNDLE_BYTES) throw new AppError('VALIDATION_FAILED', `${field}: larger than ${MAX_BUNDLE_BYTES} bytes`, { issues: [{ path: field, message: 'too large' }] });
  try {
    const files = unzipSync(zip);
    return new Map(Object.entries(files).filter(([p]) => !p.endsWith('/')));
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new AppError('VALIDATION_FAILED', `${field}: not a readable zip file (${why})`, { issues: [{ path: field, message: 'not a readable zip file' }] });
  }
}
