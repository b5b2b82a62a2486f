/**
 * Streams a CSV file as records with the physical line each starts on. csv-parse does the
 * splitting; line numbers are counted here because the parser counts a \r\n inside a quoted value as
 * two lines. A record the parser cannot split (a stray quote) is handed on as `broken` with the line
 * and column where it went wrong; one after which the rest of the file cannot be read (an unclosed
 * quote, a record beyond MAX_RECORD_CHARS) is `fatal` and ends the stream.
 */
import type { Readable } from 'node:stream';
import { parse, CsvError, type Options } from 'csv-parse';
import { MAX_RECORD_CHARS } from './imports.types.ts';
import { innerLineBreaks } from './csv.rules.ts';

export type CsvItem =
  | { kind: 'record'; line: number; fields: string[] }
  | { kind: 'broken'; line: number; column: number; message: string; raw: string; fatal: boolean };

interface Parsed {
  seq: number;
  line: number;
  fields: string[];
}

export async function* readCsv(source: Readable): AsyncGenerator<CsvItem> {
  let seq = 0;
  /** Last physical line consumed, as counted here. */
  let lastLine = 0;
  /** How far the parser's own line count has run ahead of ours (see the file comment). */
  let drift = 0;
  const broken: Array<{ seq: number; item: CsvItem & { kind: 'broken' } }> = [];
  const options: Options<Parsed, string[]> = {
    bom: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (fields: string[], ctx): Parsed => {
      const line = lastLine + 1;
      lastLine = line + innerLineBreaks(fields);
      drift = ctx.lines - lastLine;
      return { seq: seq++, line, fields };
    },
    on_skip: (err: CsvError | undefined, raw: string | undefined) => {
      const line = lastLine + 1;
      const parserLine = typeof err?.lines === 'number' ? err.lines : NaN;
      lastLine = Number.isFinite(parserLine) ? Math.max(line, parserLine - drift) : line;
      broken.push({ seq: seq++, item: describe(err, raw ?? '', line) });
      return undefined;
    },
  };
  // The typings tie on_record's result to string[] unless columns are named; records here are Parsed.
  const parser = parse(options as unknown as Options);
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  const drainBefore = function* (limit: number) {
    while (broken.length > 0 && broken[0]!.seq < limit) yield broken.shift()!.item;
  };
  try {
    for await (const rec of parser as AsyncIterable<Parsed>) {
      for (const b of drainBefore(rec.seq)) {
        yield b;
        if (b.fatal) return;
      }
      yield { kind: 'record', line: rec.line, fields: rec.fields };
    }
    for (const b of drainBefore(Infinity)) {
      yield b;
      if (b.fatal) return;
    }
  } catch (err) {
    // A read error of the source (a missing file) is not a problem of the file's content.
    if (!(err instanceof CsvError)) throw err;
    yield describe(err, '', lastLine + 1, true);
  } finally {
    source.unpipe(parser);
    parser.destroy();
    source.destroy();
  }
}

function describe(err: CsvError | undefined, raw: string, line: number, forceFatal = false): CsvItem & { kind: 'broken' } {
  const code = err?.code ?? 'UNKNOWN';
  const index = err?.index;
  const column = typeof index === 'number' && index >= 0 ? index + 1 : 1;
  const known: Record<string, { message: string; fatal: boolean }> = {
    INVALID_OPENING_QUOTE: { message: 'a quote (") inside an unquoted value; quote the whole value and double the quotes inside it ("a ""b"" c")', fatal: false },
    CSV_INVALID_CLOSING_QUOTE: { message: 'characters after a closing quote; a quoted value must end at a comma or at the end of the line', fatal: false },
    CSV_QUOTE_NOT_CLOSED: { message: 'a quoted value is not closed before the end of the file; the rest of the file cannot be read', fatal: true },
    CSV_MAX_RECORD_SIZE: { message: `a record longer than ${MAX_RECORD_CHARS} characters (is a closing quote missing?); the rest of the file cannot be read`, fatal: true },
  };
  const k = known[code] ?? { message: `cannot be read as CSV (${err?.message ?? code})`, fatal: true };
  return { kind: 'broken', line, column, message: k.message, raw: raw.replace(/\r?\n$|\r$/, ''), fatal: forceFatal || k.fatal };
}
