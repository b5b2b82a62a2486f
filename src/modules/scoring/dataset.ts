/**
 * Reads a data file for the scoring model: CSV, or gzip-compressed CSV (`.gz`, or any file starting
 * with the gzip magic bytes). Returns the parsed data set and the sha256 of the uncompressed text, so a
 * model names the exact data it was trained on whether it was read compressed or not.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { invalidField } from '../../platform/errors.ts';
import type { Dataset, ParseOptions } from './formats.rules.ts';
import { parseDataset } from './formats.rules.ts';

export interface LoadedData {
  dataset: Dataset;
  sha256: string;
}

export function readDataText(path: string): { text: string; sha256: string } {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch (err) {
    throw invalidField('data', `cannot read '${path}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (err) {
      throw invalidField('data', `'${path}' is not a readable gzip file: ${(err as Error).message}`);
    }
  }
  return { text: buf.toString('utf8'), sha256: createHash('sha256').update(buf).digest('hex') };
}

export function loadDataset(path: string, opts: ParseOptions = {}): LoadedData {
  const { text, sha256 } = readDataText(path);
  return { dataset: parseDataset(text, opts), sha256 };
}
