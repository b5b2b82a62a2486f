/**
 * HTTP: `POST /api/v1/compliance/check` (one request, or an array for a batch), `POST /api/v1/compliance/lint`
 * and `GET /api/v1/compliance/packs`. The bodies are the zod schemas of compliance.types.ts, so the OpenAPI
 * document shows the same shapes as docs/compliance.md. The check is the same function the CLI calls.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, ErrorSchema, fromZodIssues } from '../../platform/errors.ts';
import type { CompiledPack } from './contact.rules.ts';
import { checkContact } from './contact.rules.ts';
import { compileAllPacks } from './engine.ts';
import { lintMessage } from './content.rules.ts';
import type { Jurisdiction } from './compliance.types.ts';
import { ContactRequestSchema, JURISDICTIONS, LintRequestSchema, LintResultSchema, VerdictSchema } from './compliance.types.ts';
import { bundledHolidayCalendar } from './holidays.ts';
import { ACCESS } from '../../platform/access.ts';

/** Largest batch one call may check. */
export const MAX_BATCH_REQUESTS = 1000;

const CheckBodySchema = z.union([ContactRequestSchema, z.array(ContactRequestSchema).min(1).max(MAX_BATCH_REQUESTS)]);

/** The API's error answer (as the server's error handler gives it), also where these routes run alone. */
function sendError(reply: FastifyReply, err: AppError) {
  return reply.code(err.httpStatus).send({ ...err.toJSON(), requestId: reply.request.id });
}

/** Re-validates a body that failed the route schema, to name each bad field (with its batch index). */
function explainInvalidBody(body: unknown): AppError {
  if (Array.isArray(body)) {
    if (body.length === 0 || body.length > MAX_BATCH_REQUESTS) return fromZodIssues([{ path: [], message: `a batch holds 1 to ${MAX_BATCH_REQUESTS} requests` }]);
    for (let i = 0; i < body.length; i++) {
      const r = ContactRequestSchema.safeParse(body[i]);
      if (!r.success) return fromZodIssues(r.error.issues, String(i));
    }
  }
  const r = ContactRequestSchema.safeParse(body);
  return r.success ? new AppError('VALIDATION_FAILED', 'invalid body') : fromZodIssues(r.error.issues);
}

export interface ComplianceRouteOptions {
  /** Compiled packs; by default every bundled pack with the bundled holiday calendar. */
  packs?: Record<Jurisdiction, CompiledPack>;
}

export function registerComplianceRoutes(app: FastifyInstance, opts: ComplianceRouteOptions = {}): void {
  const packs = opts.packs ?? compileAllPacks({ calendar: bundledHolidayCalendar() });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/compliance/check',
    {
      config: { access: ACCESS.staff },
      attachValidation: true,
      schema: {
        summary: 'Check one contact (or a batch) against its jurisdiction pack',
        tags: ['compliance'],
        body: CheckBodySchema,
        response: { 200: z.union([VerdictSchema, z.array(VerdictSchema)]), 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      if (req.validationError) return sendError(reply, explainInvalidBody(req.body));
      const body = req.body;
      try {
        if (Array.isArray(body)) return body.map((one) => checkContact(one, packs[one.jurisdiction]));
        return checkContact(body, packs[body.jurisdiction]);
      } catch (err) {
        if (err instanceof AppError) return sendError(reply, err);
        throw err;
      }
    },
  );

  r.post(
    '/api/v1/compliance/lint',
    {
      config: { access: ACCESS.staff },
      attachValidation: true,
      schema: {
        summary: 'Lint a message template or rendered text for prohibited collection language',
        tags: ['compliance'],
        body: LintRequestSchema,
        response: { 200: LintResultSchema, 400: ErrorSchema },
      },
    },
    async (req, reply) => {
      if (req.validationError) {
        const parsed = LintRequestSchema.safeParse(req.body);
        return sendError(reply, parsed.success ? new AppError('VALIDATION_FAILED', 'invalid body') : fromZodIssues(parsed.error.issues));
      }
      return lintMessage(req.body.text, req.body.lang, req.body.recipientRole);
    },
  );

  r.get(
    '/api/v1/compliance/packs',
    { config: { access: ACCESS.staff }, schema: { summary: 'The jurisdiction packs in force: versions, parameters and rules with sources', tags: ['compliance'] } },
    async () => JURISDICTIONS.map((j) => ({ jurisdiction: j, packs: packs[j].chain })),
  );
}
