/**
 * The web UI's API types, generated from the server's own OpenAPI document (the zod schemas of the
 * routes, as `/docs/json` serves them): `npm run api:types` writes web/src/shared/api/schema.ts.
 *
 * Only the operations the UI calls are emitted, so a change to a route the UI does not use does not
 * touch the UI; a change to one it does use shows up as a stale file (test/web/api-types.db.test.ts)
 * and, once regenerated, as type errors wherever the UI relied on the old shape.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildServer } from '../src/http/app.ts';
import { openTestDb } from '../src/platform/testing.ts';
import { fixedClock } from '../src/platform/clock.ts';
import { loadConfig } from '../src/platform/config.ts';
import { cycleHooks } from '../src/main.ts';

/** The operations the web UI calls, as "METHOD /path" with OpenAPI path templates. */
export const WEB_OPERATIONS = [
  'GET /api/v1/health',
  'GET /api/v1/portfolio/summary',
  'GET /api/v1/accounts',
  'GET /api/v1/accounts/{id}',
  'GET /api/v1/accounts/{ref}/contacts',
  'GET /api/v1/accounts/{ref}/call-records',
  'GET /api/v1/verify/{code}',
  'GET /api/v1/outbox/stats',
  'GET /api/v1/worklist/collectors',
  'GET /api/v1/worklist/collectors/{id}/queue',
  'GET /api/v1/worklist/stats',
  'GET /api/v1/worklist/queues',
  'PUT /api/v1/worklist/queues/{code}',
  'PUT /api/v1/worklist/collectors/{id}',
  'POST /api/v1/worklist/assign',
  'POST /api/v1/worklist/recall',
  'GET /api/v1/agencies',
  'GET /api/v1/agencies/{id}/scorecard',
  'GET /api/v1/agencies/{id}/statements/{month}',
  'GET /api/v1/placement-rules',
  'PUT /api/v1/placement-rules/{code}',
  'GET /api/v1/placements',
  'POST /api/v1/placements',
  'POST /api/v1/placements/run',
  'POST /api/v1/placements/recall',
  'POST /api/v1/placements/recall-run',
  'GET /api/v1/placements/recommendations',
  'POST /api/v1/placements/accept-recommendation',
  'GET /api/v1/agency/accounts',
  'GET /api/v1/agency/accounts/{ref}',
  'GET /api/v1/agency/accounts/{ref}/contacts',
  'POST /api/v1/agency/accounts/{ref}/call-check',
  'POST /api/v1/agency/accounts/{ref}/call-outcomes',
  'POST /api/v1/cases/{id}/lock',
  'POST /api/v1/cases/{id}/call-outcomes',
  'POST /api/v1/auth/login',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/logout',
  'POST /api/v1/portal/login/code',
  'POST /api/v1/portal/login',
  'GET /api/v1/portal/accounts',
  'GET /api/v1/portal/accounts/{id}',
  'GET /api/v1/portal/contact-history',
  'GET /api/v1/portal/complaints',
  'POST /api/v1/portal/complaints',
  'GET /api/v1/portal/disputes',
  'POST /api/v1/portal/disputes',
  'GET /api/v1/portal/concessions',
  'POST /api/v1/portal/options',
  'POST /api/v1/portal/accept',
  'POST /api/v1/portal/payments',
  'GET /api/v1/portal/preferences',
  'PUT /api/v1/portal/preferences',
  'POST /api/v1/portal/bureau-disputes',
  'POST /api/v1/portal/assistant/messages',
  'GET /api/v1/portal/assistant/sessions/{id}',
  'POST /api/v1/portal/assistant/handoffs',
  'GET /api/v1/assistant/handoffs',
  'POST /api/v1/assistant/handoffs/{id}/close',
  'GET /api/v1/complaints/sla-board',
  'GET /api/v1/complaints',
  'GET /api/v1/complaints/{id}',
  'POST /api/v1/complaints/{id}/acknowledge',
  'POST /api/v1/complaints/{id}/resolve',
  'GET /api/v1/concessions/pending',
  'POST /api/v1/concessions/{id}/approve',
  'POST /api/v1/concessions/{id}/reject',
  'GET /api/v1/accounts/{id}/promises',
  'GET /api/v1/accounts/{id}/concessions',
  'POST /api/v1/plans/preview',
  'POST /api/v1/plans',
  'POST /api/v1/deferrals',
  'POST /api/v1/waivers',
  'POST /api/v1/settlements',
  'GET /api/v1/disputes',
  'POST /api/v1/disputes',
  'GET /api/v1/quality/reviews',
  'GET /api/v1/quality/reviews/{id}',
  'GET /api/v1/quality/scorecard',
  'POST /api/v1/quality/reviews/{id}/score',
  'GET /api/v1/audit/verify',
  'GET /api/v1/strategy/tables',
  'GET /api/v1/strategy/tables/{code}/versions',
  'POST /api/v1/strategy/tables',
  'POST /api/v1/strategy/tables/{code}/versions/{version}/publish',
  'POST /api/v1/strategy/validate',
  'POST /api/v1/strategy/simulate',
  'GET /api/v1/strategy/experiments',
  'POST /api/v1/strategy/experiments',
  'POST /api/v1/strategy/experiments/{code}/stop',
  'GET /api/v1/analytics/filters',
  'GET /api/v1/analytics/roll-rates',
  'GET /api/v1/analytics/cure-curves',
  'GET /api/v1/analytics/promises',
  'GET /api/v1/analytics/right-party-contact',
  'GET /api/v1/analytics/recovery/strategies',
  'GET /api/v1/analytics/recovery/agencies',
  'GET /api/v1/analytics/complaints',
  'GET /api/v1/analytics/compliance-blocks',
] as const;

export const SCHEMA_FILE = fileURLToPath(new URL('../web/src/shared/api/schema.ts', import.meta.url));

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
}
interface Parameter { in: 'path' | 'query' | 'header'; name: string; required?: boolean; schema: JsonSchema; description?: string }
interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema: JsonSchema }> };
  responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** The OpenAPI document of a server built on an empty in-memory database (routes need one to start). */
export async function openApiDocument(): Promise<OpenApiDocument> {
  const db = await openTestDb();
  const app = { config: loadConfig({}), db, clock: fixedClock('2026-01-01T00:00:00.000Z'), hooks: cycleHooks, close: () => db.close() };
  const server = await buildServer(app);
  try {
    await server.ready();
    return server.swagger() as unknown as OpenApiDocument;
  } finally {
    await server.close();
    await app.close();
  }
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const key = (k: string) => (IDENT.test(k) ? k : JSON.stringify(k));
const comment = (text: string | undefined, pad: string) => (text ? `${pad}/** ${text.replace(/\*\//g, '* /').replace(/\s+/g, ' ')} */\n` : '');

function typeOf(s: JsonSchema, doc: OpenApiDocument, pad: string): string {
  let t: string;
  if (s.$ref) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = doc.components?.schemas?.[name];
    if (!target) throw new Error(`unresolved $ref ${s.$ref}`);
    t = typeOf(target, doc, pad);
  } else if (s.anyOf || s.oneOf) t = unique((s.anyOf ?? s.oneOf)!.map((m) => typeOf(m, doc, pad))).join(' | ');
  else if (s.allOf) t = s.allOf.map((m) => typeOf(m, doc, pad)).join(' & ');
  else if (s.enum) t = s.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (s.const !== undefined) t = JSON.stringify(s.const);
  else if (Array.isArray(s.type)) t = s.type.map((one) => typeOf({ ...s, type: one }, doc, pad)).join(' | ');
  else {
    switch (s.type) {
      case 'string': t = 'string'; break;
      case 'integer':
      case 'number': t = 'number'; break;
      case 'boolean': t = 'boolean'; break;
      case 'null': t = 'null'; break;
      case 'array': t = `Array<${s.items ? typeOf(s.items, doc, pad) : 'unknown'}>`; break;
      case 'object': t = objectType(s, doc, pad); break;
      default: t = 'unknown';
    }
  }
  return s.nullable ? `${t} | null` : t;
}

function objectType(s: JsonSchema, doc: OpenApiDocument, pad: string): string {
  const inner = `${pad}  `;
  const lines: string[] = [];
  const required = new Set(s.required ?? []);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    lines.push(`${comment(v.description, inner)}${inner}${key(k)}${required.has(k) ? '' : '?'}: ${typeOf(v, doc, inner)};`);
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') lines.push(`${inner}[key: string]: ${typeOf(s.additionalProperties, doc, inner)};`);
  else if (!s.properties) return 'Record<string, unknown>';
  return lines.length ? `{\n${lines.join('\n')}\n${pad}}` : 'Record<string, never>';
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function paramsType(params: Parameter[], where: Parameter['in'], doc: OpenApiDocument, pad: string): string {
  const mine = params.filter((p) => p.in === where);
  if (mine.length === 0) return 'never';
  const inner = `${pad}  `;
  return `{\n${mine.map((p) => `${comment(p.description ?? p.schema.description, inner)}${inner}${key(p.name)}${p.required ? '' : '?'}: ${typeOf(p.schema, doc, inner)};`).join('\n')}\n${pad}}`;
}

/** The TypeScript module for the given operations of a document. */
export function renderApiTypes(doc: OpenApiDocument, operations: readonly string[] = WEB_OPERATIONS): string {
  const out: string[] = [
    '/**',
    ' * Request and response types of the API operations the web UI calls, generated from the server\'s',
    ' * OpenAPI document by `npm run api:types` (scripts/api-types.ts). Do not edit by hand.',
    ' * An operation whose route declares no response schema has the response type `unknown`.',
    ' */',
    'export interface ApiOperations {',
  ];
  for (const op of operations) {
    const [method, path] = op.split(' ') as [string, string];
    const o = doc.paths[path]?.[method.toLowerCase()];
    if (!o) throw new Error(`the OpenAPI document has no operation ${op}`);
    const pad = '    ';
    const params = o.parameters ?? [];
    const body = o.requestBody?.content?.['application/json']?.schema;
    const ok = Object.entries(o.responses ?? {})
      .filter(([status]) => /^2\d\d$/.test(status))
      .map(([, r]) => r.content?.['application/json']?.schema)
      .filter((s): s is JsonSchema => s !== undefined);
    out.push(`  ${JSON.stringify(op)}: {`);
    out.push(`${pad}path: ${paramsType(params, 'path', doc, pad)};`);
    out.push(`${pad}query: ${paramsType(params, 'query', doc, pad)};`);
    out.push(`${pad}headers: ${paramsType(params, 'header', doc, pad)};`);
    out.push(`${pad}body: ${body ? typeOf(body, doc, pad) : 'never'};`);
    out.push(`${pad}response: ${ok.length ? unique(ok.map((s) => typeOf(s, doc, pad))).join(' | ') : 'unknown'};`);
    out.push('  };');
  }
  out.push('}', '');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const doc = await openApiDocument();
  writeFileSync(SCHEMA_FILE, renderApiTypes(doc));
  process.stdout.write(`wrote ${WEB_OPERATIONS.length} operations to web/src/shared/api/schema.ts\n`);
}
