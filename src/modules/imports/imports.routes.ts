/**
 * HTTP: POST /api/v1/imports?kind=customers|accounts|payments with the CSV file as a text/csv body.
 * The body is not parsed by the server: it is handed on as a stream and copied to a temporary file
 * (an import reads its file twice), up to MAX_IMPORT_BYTES.
 */
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { runImport, type ImportDeps } from './imports.commands.ts';
import { formatImportError } from './csv.rules.ts';
import { IMPORT_KINDS } from './imports.types.ts';
import { ACCESS, principalOf } from '../../platform/access.ts';
import { MAX_IMPORT_BYTES } from '../../platform/config.ts';

/** Largest import file accepted over HTTP by default, in bytes (a million payment rows is about 80 MB); IMPORT_LIMIT_BYTES sets another. */
export { MAX_IMPORT_BYTES };

const IssueSchema = z.object({ path: z.string(), message: z.string() });
const ImportInvalidSchema = ErrorSchema.extend({ issues: z.array(IssueSchema), errorCount: z.number().int() });
const ReportSchema = z.object({
  kind: z.enum(IMPORT_KINDS), file: z.string(), sha256: z.string(), rows: z.number().int(), created: z.number().int(), skipped: z.number().int(),
  rejected: z.number().int(), errorCount: z.number().int(), issues: z.array(IssueSchema),
});

/** `maxBytes`: the largest file accepted (the configured IMPORT_LIMIT_BYTES); a larger one is a 413 naming the limit. */
export function registerImportRoutes(server: FastifyInstance, deps: ImportDeps, opts: { maxBytes?: number } = {}): void {
  const maxBytes = opts.maxBytes ?? MAX_IMPORT_BYTES;
  server.addContentTypeParser('text/csv', (_req, payload, done) => done(null, payload));
  const r = server.withTypeProvider<ZodTypeProvider>();
  r.post('/api/v1/imports', { config: { access: ACCESS.admin },
    schema: {
      summary: 'Import customers, accounts or payments from a CSV file (body text/csv); see docs/import.md for the columns',
      tags: ['imports'],
      querystring: z.object({
        kind: z.enum(IMPORT_KINDS),
        skipInvalid: z.enum(['true', 'false']).default('false').describe('Write the valid rows and leave the invalid ones out (listed in the response)'),
        fileName: z.string().min(1).max(200).default('upload.csv').describe('The name errors are reported under'),
      }),
      headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional().describe('Accepted; an import is idempotent by its rows\' keys anyway') }),
      response: { 200: ReportSchema, 400: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 422: ImportInvalidSchema },
    },
  }, async (req, reply) => {
    if (!(req.body instanceof Readable)) {
      return reply.status(415).send({ code: 'VALIDATION_FAILED', message: 'body: send the file as Content-Type text/csv', issues: [{ path: 'body', message: 'expected text/csv' }], requestId: req.id });
    }
    let report;
    try {
      report = await runImport(deps, {
        kind: req.query.kind, stream: req.body, fileName: req.query.fileName, skipInvalid: req.query.skipInvalid === 'true', rejectFile: null,
        maxStreamBytes: maxBytes, actor: principalOf(req).actor,
      });
    } catch (err) {
      if (err instanceof AppError && err.details?.limitBytes !== undefined) return reply.status(413).send({ code: err.code, message: `${err.message} (IMPORT_LIMIT_BYTES)`, issues: err.issues, requestId: req.id });
      throw err;
    }
    const issues = report.errors.map((e) => ({ path: `${report.file}:${e.line}:${e.column}`, message: `${e.field}: ${e.message}` }));
    if (!report.ok) {
      const more = report.errorCount - report.errors.length;
      const message = `${report.file}: ${report.errorCount} error${report.errorCount === 1 ? '' : 's'}; nothing was imported${more > 0 ? ` (the first ${report.errors.length} are listed)` : ''}: ${report.errors.slice(0, 3).map((e) => formatImportError(report.file, e)).join('; ')}`;
      return reply.status(422).send({ code: 'IMPORT_INVALID', message, issues, errorCount: report.errorCount, requestId: req.id });
    }
    return reply.status(200).send({
      kind: report.kind, file: report.file, sha256: report.sha256, rows: report.rows, created: report.created, skipped: report.skipped,
      rejected: report.rejected, errorCount: report.errorCount, issues,
    });
  });
}
