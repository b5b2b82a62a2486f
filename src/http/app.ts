/**
 * The HTTP server: one Fastify app for the API (OpenAPI at /docs) and the web UI. Requests are
 * validated with zod at the edge; every error leaves as JSON naming the field and what was wrong.
 */
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomUUID } from 'node:crypto';
import { serializerCompiler, validatorCompiler, jsonSchemaTransform, hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { App } from '../main.ts';
import { AppError } from '../platform/errors.ts';
import { isConnectionError } from '../platform/db.ts';
import { registerLedgerRoutes } from '../modules/ledger/ledger.routes.ts';
import { registerPortalPaymentRoutes } from '../modules/ledger/index.ts';
import { registerComplianceRoutes } from '../modules/compliance/compliance.routes.ts';
import { compileAllPacks, loadHolidayCalendar } from '../modules/compliance/index.ts';
import { registerImportRoutes } from '../modules/imports/index.ts';
import { registerContactRoutes, registerLetterRoutes, registerPreferenceRoutes, DEFAULT_LENDER, type LenderProfile } from '../modules/contacts/index.ts';
import { registerSinkRoutes, type Sinks } from '../sinks/index.ts';
import { registerWorklistRoutes } from '../modules/worklist/index.ts';
import { registerStrategyRoutes } from '../modules/strategy/index.ts';
import { registerNegotiationRoutes } from '../modules/negotiation/index.ts';
import { registerQualityRoutes } from '../modules/quality/index.ts';
import { registerEvidenceRoutes } from '../modules/evidence/index.ts';
import { registerComplaintRoutes } from '../modules/complaints/index.ts';
import { registerLegalRoutes } from '../modules/legal/index.ts';
import { registerBureauRoutes } from '../modules/bureau/index.ts';
import { registerAgencyGuards, registerAgencyRoutes } from '../modules/agencies/index.ts';
import { registerAnalyticsRoutes } from '../modules/analytics/index.ts';
import { registerAssistantRoutes } from '../modules/assistant/index.ts';
import { whatIfOptions } from '../jobs/planning.ts';
import { registerSystemRoutes } from './system.routes.ts';
import { registerWebUi, type WebUiOptions } from './web.ts';
import { registerSecurityHeaders } from './hardening.ts';
import { registerObservability } from './observability.ts';
import { MAX_BODY_BYTES as DEFAULT_BODY_BYTES, MAX_IMPORT_BYTES, type LogLevel } from '../platform/config.ts';
import { registerAccessControl, registerIdentityRoutes, type CodeSender } from '../modules/identity/index.ts';

/** Largest request body accepted by default, in bytes (HTTP_BODY_LIMIT_BYTES; imports stream their own, larger limit). */
export const MAX_BODY_BYTES = DEFAULT_BODY_BYTES;

export interface ServerExtras {
  /** The local SMS and e-mail sinks of a demo or development server: their viewer is mounted under /dev. */
  sinks?: Pick<Sinks, 'smpp' | 'smtp'>;
  lender?: LenderProfile;
  /** The built web UI: served at / (workbench) and /portal; without it / is the plain start page. */
  web?: WebUiOptions;
  /** Sends the debtor portal's one-time sign-in codes by SMS (looked up at each request). */
  codeSender?: () => CodeSender | undefined;
  /** The request log: one JSON object a line, each carrying the request's id (reqId). Absent: no log (tests). */
  log?: { level: LogLevel; stream?: { write(line: string): void } };
}

const handlersOf = new WeakMap<FastifyInstance, { count: number; idle: Array<() => void> }>();

/**
 * Resolves when no handler of the server is running, or after `ms` (true: all finished). Call after
 * `server.close()`, which waits for connections, not for the handlers of requests whose client left.
 */
export async function handlersFinished(server: FastifyInstance, ms: number): Promise<boolean> {
  const running = handlersOf.get(server);
  if (!running || running.count === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([
    new Promise<boolean>((resolve) => running.idle.push(() => resolve(true))),
    new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(false), ms); }),
  ]);
  clearTimeout(timer);
  return done;
}

export async function buildServer(app: App, extras: ServerExtras = {}): Promise<FastifyInstance> {
  const bodyLimit = app.config.bodyLimitBytes ?? MAX_BODY_BYTES;
  const server = Fastify({
    bodyLimit,
    // An incoming x-request-id (from a proxy or the caller) is kept when it is short and printable.
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && /^[\x21-\x7e]{1,100}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID()),
    logger: extras.log ? { level: extras.log.level, ...(extras.log.stream ? { stream: extras.log.stream } : {}) } : false,
  });
  server.setValidatorCompiler(validatorCompiler);
  server.setSerializerCompiler(serializerCompiler);
  // Handlers still running, also those whose client has gone (its connection closed, the handler
  // not yet done): shutdown waits for them before the database closes under them.
  const running = { count: 0, idle: [] as Array<() => void> };
  const counted = new WeakSet<object>();
  handlersOf.set(server, running);
  server.addHook('onRequest', async (req) => {
    running.count++;
    counted.add(req);
  });
  server.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // onSend comes once a handler has finished, even for a request its client abandoned.
    if (counted.delete(req) && --running.count === 0) for (const wake of running.idle.splice(0)) wake();
  });
  registerSecurityHeaders(server);
  server.setErrorHandler((err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext ?? 'body', ...String(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues, requestId: req.id });
    }
    if (err instanceof AppError) {
      const retryAfter = err.details?.['retryAfterSeconds'];
      if (err.code === 'RATE_LIMITED' && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(err.httpStatus).send({ ...err.toJSON(), requestId: req.id });
    }
    if (err.statusCode === 413) {
      const message = `larger than the limit of ${bodyLimit} bytes (HTTP_BODY_LIMIT_BYTES)`;
      return reply.status(413).send({ code: 'VALIDATION_FAILED', message: `body: ${message}`, issues: [{ path: 'body', message }], details: { limitBytes: bodyLimit }, requestId: req.id });
    }
    if (err.statusCode && err.statusCode < 500) {
      // Fastify's own refusals of a body it cannot read (bad JSON, a __proto__ key, a wrong content type) are about the body.
      const issues = err.code?.startsWith('FST_ERR_CTP_') ? [{ path: 'body', message: err.message }] : undefined;
      return reply.status(err.statusCode).send({ code: 'VALIDATION_FAILED', message: issues ? `body: ${err.message}` : err.message, ...(issues ? { issues } : {}), requestId: req.id });
    }
    if (isConnectionError(err)) {
      // The database restarting or failing over. A write's transaction was rolled back, or, when the
      // connection broke during its commit, its idempotency key makes asking again safe.
      req.log.warn({ err }, 'database unavailable');
      reply.header('retry-after', '5');
      return reply.status(503).send({ code: 'UNAVAILABLE', message: 'the database is unavailable for a moment; try again shortly', requestId: req.id });
    }
    req.log.error(err);
    process.stderr.write(`request ${req.id} failed: ${err.stack ?? err.message}\n`);
    return reply.status(500).send({ code: 'INTERNAL', message: 'internal error', requestId: req.id });
  });
  // An unknown route: the shape Fastify gives (message, error, statusCode) with our code and the request id.
  server.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'NOT_FOUND', message: `Route ${req.method}:${req.url} not found`, error: 'Not Found', statusCode: 404, requestId: req.id }));
  await server.register(swagger, {
    openapi: {
      info: { title: 'Fairdebt API', version: '0.1.0', description: 'Collections platform: ledger, delinquency, compliance. Amounts are integer minor units. Sign in at /api/v1/auth/login (staff) or /api/v1/portal/login (debtors) and send the token as Authorization: Bearer <token>.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await server.register(swaggerUi, { routePrefix: '/docs' });
  // Before any route: every /api route declares its access, and every request is checked against it.
  registerAccessControl(server, app);
  // Agency users only from their agency's networks (after the access control has set the principal).
  await registerAgencyGuards(server, app);
  const lender = extras.lender ?? DEFAULT_LENDER;
  registerIdentityRoutes(server, { db: app.db, clock: app.clock, lenderName: lender.name, ...(extras.codeSender ? { codeSender: extras.codeSender } : {}) });
  registerSystemRoutes(server, app, { home: !extras.web });
  registerObservability(server, app);
  registerLedgerRoutes(server, app);
  registerPortalPaymentRoutes(server, app);
  // The holiday calendar comes from the admin-editable holidays table (seeded from chinese-days).
  const calendar = await loadHolidayCalendar((sql, params) => app.db.query(sql, params ?? []));
  const packs = compileAllPacks({ calendar });
  registerComplianceRoutes(server, { packs });
  registerImportRoutes(server, app, { maxBytes: app.config.importLimitBytes ?? MAX_IMPORT_BYTES });
  registerContactRoutes(server, { db: app.db, clock: app.clock, lender, packs });
  registerLetterRoutes(server, { db: app.db });
  registerPreferenceRoutes(server, { db: app.db, clock: app.clock });
  registerWorklistRoutes(server, app);
  registerNegotiationRoutes(server, app);
  registerQualityRoutes(server, app);
  registerEvidenceRoutes(server, app);
  registerComplaintRoutes(server, app);
  registerLegalRoutes(server, app);
  registerBureauRoutes(server, app);
  registerAgencyRoutes(server, app, { packs });
  registerAnalyticsRoutes(server, app);
  registerAssistantRoutes(server, { db: app.db, clock: app.clock, hooks: app.hooks, lender });
  registerStrategyRoutes(server, app, whatIfOptions(app.db, async () => packs, DEFAULT_LENDER.id));
  if (extras.sinks) registerSinkRoutes(server, extras.sinks);
  if (extras.web) await registerWebUi(server, extras.web);
  return server;
}
