/**
 * Streams a CSV file as records with the physical line each starts on. csv-parse does the
 * splitting; line numbers are counted here from each record's raw text, as editors number lines,
 * because the parser counts a \r\n inside a quoted value as two lines. A record the parser cannot split (a stray quote) is handed on as `broken` with the line
 * and column where it went wrong; one after which the rest of the file cannot be read (an unclosed
 * quote, a record beyond MAX_RECORD_CHARS) is `fatal` and ends the stream.
 */
import type { Readable } from 'node:stream';
import { parse, CsvError, type Options } from 'csv-parse';
import { MAX_RECORD_CHARS } from './imports.types.ts';
import { lineBreaks } from './csv.rules.ts';

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
  let lastWasSkip = false;
  const broken: Array<{ seq: number; item: CsvItem & { kind: 'broken' } }> = [];
  const options: Options<Parsed, { record: string[]; raw: string }> = {
    bom: true,
    raw: true,
    relax_column_count: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (rec: { record: string[]; raw: string }, ctx): Parsed => {
      const line = lastLine + 1;
      lastLine = Math.max(line, lastLine + lineBreaks(rec.raw));
      drift = ctx.lines - lastLine;
      lastWasSkip = false;
      return { seq: seq++, line, fields: rec.record };
    },
    on_skip: (err: CsvError | undefined, raw: string | undefined) => {
      const parserLine = typeof err?.lines === 'number' ? err.lines - drift : NaN;
      const item = describe(err, raw ?? '', lastLine + 1);
      if (lastWasSkip && parserLine <= lastLine) {
        // The parser reports each stray quote of one record separately; the record is reported once,
        // unless this error means the rest of the file cannot be read.
        if (item.fatal) broken.push({ seq: seq++, item: { ...item, line: lastLine } });
        return undefined;
      }
      lastLine = Number.isFinite(parserLine) ? Math.max(item.line, parserLine) : item.line;
      lastWasSkip = true;
      broken.push({ seq: seq++, item });
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
    // After this one the parser reads the rest of the file as one quoted value, so nothing after it can be trusted.
    CSV_INVALID_CLOSING_QUOTE: { message: 'characters after a closing quote (a quoted value must end at a comma or at the end of the line); the rest of the file cannot be read', fatal: true },
    CSV_QUOTE_NOT_CLOSED: { message: 'a quoted value is not closed before the end of the file; the rest of the file cannot be read', fatal: true },
    CSV_MAX_RECORD_SIZE: { message: `a record longer than ${MAX_RECORD_CHARS} characters (is a closing quote missing?); the rest of the file cannot be read`, fatal: true },
  };
  const k = known[code] ?? { message: `cannot be read as CSV (${err?.message ?? code})`, fatal: true };
  return { kind: 'broken', line, column, message: k.message, raw: raw.replace(/\r?\n$|\r$/, ''), fatal: forceFatal || k.fatal };
}
