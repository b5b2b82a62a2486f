/** HTTP: stored letters — one as its PDF, and the list of a customer's letters. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../../platform/db.ts';
import { AppError, ErrorSchema } from '../../../platform/errors.ts';
import { MAX_REFERENCE_CHARS } from './letter.rules.ts';
import { getLetterPdf, listLetters, MAX_LETTERS_PER_PAGE } from './letters.store.ts';
import { ACCESS } from '../../../platform/access.ts';


const LetterSummarySchema = z.object({
  reference: z.string(),
  customerId: z.string(),
  accountId: z.number().int(),
  language: z.string(),
  sha256: z.string().describe('sha256 of the PDF bytes, hex'),
  bytes: z.number().int(),
  createdAt: z.string(),
});

export interface LetterRouteDeps {
  db: Db;
}

export function registerLetterRoutes(server: FastifyInstance, deps: LetterRouteDeps): void {
  const r = server.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/letters', { config: { access: ACCESS.staff },
    schema: {
      summary: 'List stored letters, newest first', tags: ['letters'],
      querystring: z.object({
        customerId: z.string().min(1).max(64).optional(),
        limit: z.coerce.number().int().min(1).max(MAX_LETTERS_PER_PAGE).default(50),
      }),
      response: { 200: z.object({ items: z.array(LetterSummarySchema) }), 400: ErrorSchema },
    },
  }, async (req) => ({ items: await listLetters(deps.db, { customerId: req.query.customerId, limit: req.query.limit }) }));

  r.get('/api/v1/letters/:reference', { config: { access: ACCESS.staff },
    schema: {
      summary: 'One letter as the PDF that was sent; x-content-sha256 is the hash recorded when it was stored', tags: ['letters'],
      params: z.object({ reference: z.string().min(1).max(MAX_REFERENCE_CHARS) }),
      response: {
        // Fastify sends a Buffer as it is (no serializer runs); the schema only documents the body.
        200: { description: 'The letter as PDF', content: { 'application/pdf': { schema: z.any().meta({ type: 'string', format: 'binary' }) } } },
        400: ErrorSchema,
        404: ErrorSchema,
      },
    },
  }, async (req, reply) => {
    const letter = await getLetterPdf(deps.db, req.params.reference);
    if (!letter) {
      throw new AppError('NOT_FOUND', `reference: no letter '${req.params.reference}'`, { issues: [{ path: 'reference', message: 'no such letter' }] });
    }
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `inline; filename="${letter.reference}.pdf"`)
      .header('x-content-sha256', letter.sha256)
      .send(letter.pdf);
  });
}
