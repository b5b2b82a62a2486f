/**
 * HTTP: decision tables (list, versions, save a draft, publish), validation and what-if simulation of a
 * table, and champion/challenger experiments. Bodies are the zod schemas of strategy.types.ts, so a bad
 * field is a 400 naming its path (`body.rows.3.conditions.dpd.min`); the commands check what only the
 * database can tell. Writes need an `Idempotency-Key` header: a retry with the same key returns the
 * first result.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { App } from '../../main.ts';
import { AppError, ErrorSchema } from '../../platform/errors.ts';
import { MAX_IDEMPOTENCY_KEY_LENGTH } from '../../platform/commands.ts';
import {
  ACTIONS,
  AccountFactsSchema,
  CHANNELS,
  CodeSchema,
  DecisionTableSchema,
  ExperimentInputSchema,
  FindingSchema,
  GuardrailSchema,
  STRATEGY_JURISDICTIONS,
  type AccountFacts,
  type StrategyJurisdiction,
} from './strategy.types.ts';
import { compileTable, type CompiledTable } from './decision.rules.ts';
import { validateTable } from './validate.rules.ts';
import { strategyFor } from './experiments.rules.ts';
import { simulate, type SimulationCheck } from './whatif.rules.ts';
import {
  currentBusinessDate,
  loadDomain,
  loadPublishedTables,
  MAX_STOP_REASON_CHARS,
  publishTable,
  saveDraftTable,
  startExperiment,
  stopExperiment,
} from './strategy.commands.ts';
import { listAllTableVersions, listExperiments, listTableVersions, type TableVersion } from './strategy.store.ts';
import { ACCESS, principalOf } from '../../platform/access.ts';

/** Most accounts one what-if run reads. */
export const MAX_SIMULATION_ACCOUNTS = 100_000;
/** Accounts a what-if run reads unless told otherwise. */
export const DEFAULT_SIMULATION_ACCOUNTS = 10_000;

export interface StrategyRouteOptions {
  /**
   * Facts of the accounts a what-if run decides for: at most `limit` accounts of `jurisdiction` (and of the
   * jurisdictions that fall back to its table) as of `businessDate`. Without it, simulation answers 409.
   */
  loadFacts?: (opts: { jurisdiction: StrategyJurisdiction; limit: number; businessDate: string }) => Promise<AccountFacts[]>;
  /** The compliance gate as the planner would call it; without it, a simulation counts decisions only. */
  check?: SimulationCheck;
  /** The bucket policy tables are validated against (default: `default`). */
  bucketPolicy?: string;
}

const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };
const keyHeader = z.object({ 'idempotency-key': z.string().min(1).max(MAX_IDEMPOTENCY_KEY_LENGTH).describe('Required: a retry with the same key returns the first result') });

const int = z.number().int();
const VersionSummarySchema = z.object({
  version: int,
  status: z.enum(['draft', 'published', 'retired']),
  rows: int,
  findingCount: int,
  createdAt: z.string(),
  createdBy: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  retiredAt: z.string().nullable(),
});
const VersionDetailSchema = VersionSummarySchema.extend({ code: z.string(), jurisdiction: z.enum(STRATEGY_JURISDICTIONS), table: DecisionTableSchema, findings: z.array(FindingSchema) });
const TableListSchema = z.object({
  tables: z.array(z.object({
    code: z.string(),
    jurisdiction: z.enum(STRATEGY_JURISDICTIONS),
    inForce: VersionSummarySchema.nullable(),
    latest: VersionDetailSchema,
    versions: z.array(VersionSummarySchema).describe('every version, newest first'),
  })),
});
const ExperimentSchema = z.object({
  code: z.string(), tableCode: z.string(), championVersion: int, challengerVersion: int, holdoutBp: int, challengerBp: int,
  guardrails: z.array(GuardrailSchema), status: z.enum(['running', 'stopped', 'completed']), startedOn: z.string(), stoppedOn: z.string().nullable(),
  stopReason: z.unknown(), createdAt: z.string(), createdBy: z.string(),
});
const counts = <T extends readonly string[]>(keys: T) => z.partialRecord(z.enum(keys), int);
const SimulationSchema = z.object({
  table: z.object({ code: z.string(), version: int.nullable().describe('null for a table sent in the request') }),
  findings: z.array(FindingSchema),
  accounts: int, decided: int, undecided: int,
  byAction: counts(ACTIONS), byChannel: counts(CHANNELS), byRow: z.record(z.string(), int),
  samples: z.partialRecord(z.enum(ACTIONS), z.array(int)), undecidedSample: z.array(int),
  gate: z.object({ checked: int, allowed: int, rescuedByFallback: int, blocked: int, blockedByRule: z.record(z.string(), int), byChannel: counts(CHANNELS) }).nullable(),
});

const summary = (v: TableVersion) => ({
  version: v.version, status: v.status, rows: v.table.rows.length, findingCount: v.findings.length, createdAt: v.createdAt, createdBy: v.createdBy,
  publishedAt: v.publishedAt, publishedBy: v.publishedBy, retiredAt: v.retiredAt,
});
const detail = (v: TableVersion) => ({ ...summary(v), code: v.code, jurisdiction: v.jurisdiction, table: v.table, findings: v.findings });

export function registerStrategyRoutes(server: FastifyInstance, app: Pick<App, 'db' | 'clock'>, opts: StrategyRouteOptions = {}): void {
  const r = server.withTypeProvider<ZodTypeProvider>();
  const policy = opts.bucketPolicy;

  r.get('/api/v1/strategy/tables', { config: { access: ACCESS.staff },
    schema: { summary: 'Decision tables: for each code the version in force, the latest version in full, and every version', tags: ['strategy'], response: { 200: TableListSchema } },
  }, async () => {
    const byCode = new Map<string, TableVersion[]>();
    for (const v of await listAllTableVersions(app.db)) (byCode.get(v.code) ?? byCode.set(v.code, []).get(v.code)!).push(v);
    return {
      tables: [...byCode.values()].map((versions) => ({
        code: versions[0]!.code,
        jurisdiction: versions[0]!.jurisdiction,
        inForce: ((p) => (p ? summary(p) : null))(versions.find((v) => v.status === 'published')),
        latest: detail(versions[0]!),
        versions: versions.map(summary),
      })),
    };
  });

  r.get('/api/v1/strategy/tables/:code/versions', { config: { access: ACCESS.staff },
    schema: {
      summary: 'Every version of one table, newest first, with its rows and findings', tags: ['strategy'],
      params: z.object({ code: CodeSchema }),
      response: { 200: z.object({ code: z.string(), versions: z.array(VersionDetailSchema) }), ...errors },
    },
  }, async (req) => {
    const versions = await listTableVersions(app.db, req.params.code);
    if (versions.length === 0) throw new AppError('NOT_FOUND', `code: no table '${req.params.code}'`, { issues: [{ path: 'code', message: 'no such table' }] });
    return { code: req.params.code, versions: versions.map(detail) };
  });

  r.post('/api/v1/strategy/tables', { config: { access: ACCESS.strategy },
    schema: {
      summary: 'Save a table as a new draft version (validated; invalid fields are refused, other findings are kept with the draft)', tags: ['strategy'],
      headers: keyHeader, body: DecisionTableSchema,
      response: { 201: z.object({ code: z.string(), version: int, jurisdiction: z.enum(STRATEGY_JURISDICTIONS), status: z.literal('draft'), findings: z.array(FindingSchema) }), 200: z.unknown(), ...errors },
    },
  }, async (req, reply) => {
    const out = await saveDraftTable(app.db, app.clock, { table: req.body, actor: principalOf(req).actor, idempotencyKey: `strategy.saveDraftTable:${req.headers['idempotency-key']}`, ...(policy ? { bucketPolicy: policy } : {}) });
    reply.header('idempotent-replayed', String(out.replayed));
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });

  r.post('/api/v1/strategy/tables/:code/versions/:version/publish', { config: { access: ACCESS.strategy },
    schema: {
      summary: 'Put a draft version in force; the version it replaces is retired (refused while it has findings or an experiment runs)', tags: ['strategy'],
      headers: keyHeader, params: z.object({ code: CodeSchema, version: z.coerce.number().int().min(1) }),
      response: { 200: z.object({ code: z.string(), version: int, jurisdiction: z.enum(STRATEGY_JURISDICTIONS), retired: z.array(z.object({ code: z.string(), version: int })) }), ...errors },
    },
  }, async (req, reply) => {
    const out = await publishTable(app.db, app.clock, {
      code: req.params.code, version: req.params.version, actor: principalOf(req).actor, idempotencyKey: `strategy.publishTable:${req.headers['idempotency-key']}`, ...(policy ? { bucketPolicy: policy } : {}),
    });
    reply.header('idempotent-replayed', String(out.replayed));
    return out.result;
  });

  r.post('/api/v1/strategy/validate', { config: { access: ACCESS.strategy },
    schema: {
      summary: 'Validate a table against the bucket policy without saving it: invalid fields, shadowed rows, overlaps, gaps', tags: ['strategy'],
      body: DecisionTableSchema,
      response: { 200: z.object({ ok: z.boolean(), findings: z.array(FindingSchema) }), ...errors },
    },
  }, async (req) => {
    const findings = validateTable(req.body, await loadDomain(app.db, policy));
    return { ok: findings.length === 0, findings };
  });

  r.post('/api/v1/strategy/simulate', { config: { access: ACCESS.strategy },
    schema: {
      summary: 'What-if: run a table (the one in the body, else the one in force for the jurisdiction) over current accounts without planning anything', tags: ['strategy'],
      body: z.strictObject({
        table: DecisionTableSchema.optional(),
        jurisdiction: z.enum(STRATEGY_JURISDICTIONS).optional().describe("whose accounts; defaults to the table's jurisdiction"),
        limit: z.number().int().min(1).max(MAX_SIMULATION_ACCOUNTS).default(DEFAULT_SIMULATION_ACCOUNTS),
      }),
      response: { 200: SimulationSchema, ...errors },
    },
  }, async (req) => {
    const { table, limit } = req.body;
    const jurisdiction = req.body.jurisdiction ?? table?.jurisdiction;
    if (!jurisdiction) throw new AppError('VALIDATION_FAILED', 'jurisdiction: required when no table is given', { issues: [{ path: 'body.jurisdiction', message: 'required when no table is given' }] });
    let compiled: CompiledTable;
    let version: number | null = null;
    let findings: ReturnType<typeof validateTable> = [];
    if (table) {
      findings = validateTable(table, await loadDomain(app.db, policy));
      const bad = findings.filter((f) => f.kind === 'invalid');
      if (bad.length > 0) throw new AppError('VALIDATION_FAILED', bad.map((f) => f.message.en).join('; '), { issues: bad.map((f) => ({ path: `body.table.${f.field ?? 'rows'}`, message: f.message.en })), details: { findings: bad } });
      compiled = compileTable(table);
    } else {
      const inForce = strategyFor(await loadPublishedTables(app.db), jurisdiction);
      if (!inForce) throw new AppError('NOT_FOUND', `jurisdiction: no table is in force for ${jurisdiction}`, { issues: [{ path: 'body.jurisdiction', message: 'no table in force' }] });
      compiled = inForce.compiled;
      version = inForce.version;
    }
    if (!opts.loadFacts) throw new AppError('CONFLICT', 'what-if needs the accounts\' facts, and this server was started without a facts loader');
    const facts = await opts.loadFacts({ jurisdiction, limit, businessDate: await currentBusinessDate(app.db, app.clock) });
    // The loader is another module's code: its facts are checked once here rather than trusted blindly.
    for (const [i, f] of facts.slice(0, limit).entries()) {
      const ok = AccountFactsSchema.safeParse(f);
      if (!ok.success) throw new AppError('INTERNAL', `facts loader returned invalid facts at ${i}: ${ok.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    const sim = simulate(compiled, facts.slice(0, limit), opts.check);
    return { table: { code: compiled.code, version }, findings, ...sim };
  });

  r.get('/api/v1/strategy/experiments', { config: { access: ACCESS.staff },
    schema: {
      summary: 'Champion/challenger experiments, newest first', tags: ['strategy'],
      querystring: z.object({ status: z.enum(['running', 'stopped', 'completed']).optional() }),
      response: { 200: z.object({ experiments: z.array(ExperimentSchema) }), ...errors },
    },
  }, async (req) => ({ experiments: await listExperiments(app.db, req.query.status ? { status: req.query.status } : {}) }));

  r.post('/api/v1/strategy/experiments', { config: { access: ACCESS.strategy },
    schema: {
      summary: 'Start an experiment: the version in force is the champion, challengerVersion the challenger, with an optional holdout and harm guardrails', tags: ['strategy'],
      headers: keyHeader, body: ExperimentInputSchema,
      response: { 201: ExperimentSchema, 200: ExperimentSchema, ...errors },
    },
  }, async (req, reply) => {
    const out = await startExperiment(app.db, app.clock, {
      experiment: req.body, businessDate: await currentBusinessDate(app.db, app.clock), actor: principalOf(req).actor,
      idempotencyKey: `strategy.startExperiment:${req.headers['idempotency-key']}`, ...(policy ? { bucketPolicy: policy } : {}),
    });
    reply.header('idempotent-replayed', String(out.replayed));
    return reply.status(out.replayed ? 200 : 201).send(out.result);
  });

  r.post('/api/v1/strategy/experiments/:code/stop', { config: { access: ACCESS.strategy },
    schema: {
      summary: 'Stop a running experiment (every account returns to the champion); completed=true when it ran its course', tags: ['strategy'],
      headers: keyHeader, params: z.object({ code: CodeSchema }),
      body: z.strictObject({ reason: z.string().trim().min(1).max(MAX_STOP_REASON_CHARS), completed: z.boolean().default(false) }),
      response: { 200: ExperimentSchema, ...errors },
    },
  }, async (req, reply) => {
    const out = await stopExperiment(app.db, app.clock, {
      code: req.params.code, reason: req.body.reason, completed: req.body.completed, businessDate: await currentBusinessDate(app.db, app.clock), actor: principalOf(req).actor,
      idempotencyKey: `strategy.stopExperiment:${req.headers['idempotency-key']}`,
    });
    reply.header('idempotent-replayed', String(out.replayed));
    return out.result;
  });
}
