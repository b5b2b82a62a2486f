/**
 * `fairdebt import customers|accounts|payments FILE.csv [--skip-invalid] [--reject-file PATH] [--json]`.
 * FILE may be `-` for standard input (then a reject file must be named to get one).
 * Exit 0 when the file was imported, 2 when it had errors and nothing was written.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { IMPORT_KINDS, formatImportError, runImport, type ImportKind, type ImportReport } from '../modules/imports/index.ts';

const USAGE = 'usage: fairdebt import customers|accounts|payments FILE.csv [--skip-invalid] [--reject-file PATH] [--json]\n';

export async function run(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { 'skip-invalid': { type: 'boolean', default: false }, 'reject-file': { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const [kind, file, ...extra] = positionals;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (!kind || !file || extra.length > 0 || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const app = await openApp();
  let report: ImportReport;
  try {
    report = await runImport(app, {
      kind: kind as ImportKind,
      ...(file === '-' ? { stream: io.stdin, fileName: 'stdin' } : { file }),
      skipInvalid: values['skip-invalid'],
      ...(values['reject-file'] !== undefined ? { rejectFile: values['reject-file'] } : file === '-' ? { rejectFile: null } : {}),
      actor: 'cli',
    });
  } finally {
    await app.close();
  }
  for (const e of report.errors) io.stderr.write(`${formatImportError(report.file, e)}\n`);
  const more = report.errorCount - report.errors.length;
  if (more > 0) io.stderr.write(`… and ${more} more error${more === 1 ? '' : 's'} (${report.errorCount} in all)\n`);
  if (values.json) {
    const { errors: _errors, ...rest } = report;
    io.stdout.write(`${JSON.stringify({ ...rest, errors: report.errors.map((e) => formatImportError(report.file, e)) })}\n`);
  } else if (report.ok) {
    io.stdout.write(`${report.file}: ${report.rows} rows, ${report.created} created, ${report.skipped} skipped (exist already), ${report.rejected} rejected${report.rejectFile ? ` (to ${report.rejectFile})` : ''}\n`);
  } else {
    io.stdout.write(`${report.file}: ${report.errorCount} error${report.errorCount === 1 ? '' : 's'} in ${report.rows} rows; nothing was imported\n`);
  }
  return report.ok ? 0 : 2;
}
