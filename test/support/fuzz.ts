/**
 * Fuzzing the write endpoints: every POST/PUT/PATCH/DELETE under /api, taken from the server's own
 * access table (so a new route is fuzzed without being listed), is called with inputs fast-check makes
 * from the route's OpenAPI description — fields of the right names with values of the right type, of
 * the wrong type, out of range, missing, or plain junk — as a caller the route allows (admin where it
 * may, else the route's own role). What must hold for every input:
 *
 *   - never a 5xx;
 *   - a 4xx answers JSON with a code and a message; a 400 names the field (issues[].path, or a
 *     message "field: what was wrong");
 *   - a refused request writes nothing: the row count of every table is what it was before it;
 *   - no response sets a cookie.
 *
 * Used by test/http/fuzz.db.test.ts (CI-sized) and bench/fuzz.ts (`npm run bench -- fuzz`, bigger).
 */
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import type { App } from '../../src/main.ts';
import type { Access, Role } from '../../src/platform/access.ts';
import { buildServer } from '../../src/http/app.ts';
import { seedDemo, ensureDemoWorklist, ensureDemoAgency, DEMO_AGENCY } from '../../src/modules/demo/index.ts';
import { FILE_FORMATS, IMPORT_KINDS, type ImportKind } from '../../src/modules/imports/imports.types.ts';
import { signIn } from './auth.ts';
import { testApp } from './app.ts';

export const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Tables a refused request may still write, and why: the attempt itself is what they record (rate
 * limits and lockouts count failed sign-ins and code requests, so refusals must leave a trace there).
 */
export const WRITTEN_ON_REFUSAL: Readonly<Record<string, string>> = {
  rate_limits: 'a refused sign-in or code request still counts against the rate limit',
};

/** Routes whose refusals are audited on purpose (SIGN_IN_REFUSED): the audit log and its head grow. */
export const AUDITED_REFUSALS: ReadonlySet<string> = new Set(['POST /api/v1/auth/login', 'POST /api/v1/portal/login']);
const AUDIT_TABLES = new Set(['audit_log', 'audit_head']);

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  default?: unknown;
};

interface OpenApiOperation {
  parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>;
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** Values that are wrong for almost any field. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, '', ' ', 0, -1, 1.5, 2 ** 53, -(2 ** 63), '9'.repeat(40), true, [], {}, 'NaN', '2026-02-30', '../../etc/passwd', "'; DROP TABLE accounts; --", '\u0000', '💥'.repeat(3)),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
);

const dates = fc.oneof(
  fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2026-03-01', '2026-02-29', '2026-13-01', '1999-12-31', '2026-3-1'),
);

/** Right-ish values for a JSON schema (from the OpenAPI document), with junk mixed in at every level. */
export function fromSchema(schema: JsonSchema | undefined, pool: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 4) return junk;
  const typed = typedFromSchema(schema, pool, depth);
  return fc.oneof({ arbitrary: typed, weight: 5 }, { arbitrary: junk, weight: 1 });
}

function typedFromSchema(s: JsonSchema, pool: readonly string[], depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.length) return fc.oneof(...alts.map((a) => fromSchema(a, pool, depth + 1)));
  if (s.allOf?.length) return fromSchema(s.allOf[0], pool, depth + 1);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'string':
      if (s.format === 'date' || (s.pattern ?? '').includes('\\d{4}')) return dates;
      if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }).map((d) => d.toISOString());
      return fc.oneof(fc.constantFrom(...pool), fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 60) }), fc.string({ maxLength: 300 }));
    case 'integer':
      return fc.oneof(fc.integer({ min: -5, max: 100 }), fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 31, -(2 ** 31)));
    case 'number':
      return fc.oneof(fc.integer({ min: -100, max: 100_000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(s.items, pool, depth + 1), { maxLength: 4 });
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      if (keys.length === 0) return fc.dictionary(fc.string({ maxLength: 10 }), junk, { maxKeys: 3 });
      const required = new Set(s.required ?? []);
      const model = Object.fromEntries(keys.map((k) => [k, fromSchema(props[k], pool, depth + 1)]));
      // Required fields are usually there (so the route gets past its first check), sometimes not.
      return fc.tuple(fc.record(model, { requiredKeys: [] }), fc.double({ min: 0, max: 1, noNaN: true }), fc.dictionary(fc.string({ maxLength: 8 }), junk, { maxKeys: 1 })).map(([rec, p, extra]) => {
        const out: Record<string, unknown> = { ...extra };
        for (const k of keys) {
          if (k in rec) out[k] = rec[k];
          else if (required.has(k) && p < 0.9) out[k] = undefined;
        }
        for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
        return out;
      });
    }
    default:
      return junk;
  }
}

export interface WriteRoute {
  method: (typeof WRITE_METHODS)[number];
  url: string;
  access: Access;
}

export interface FuzzHarness {
  app: App;
  server: FastifyInstance;
  routes: WriteRoute[];
  /** Ids that exist (accounts, cases, customers, agencies…), mixed into ids and strings so inputs reach past "not found". */
  pool: string[];
  /** The row count of every table of the schema. */
  counts(): Promise<Record<string, number>>;
  /** Headers of a fresh session that `route` allows (admin where it may). */
  sessionFor(route: WriteRoute): Promise<Record<string, string>>;
  /** Arbitrary requests for `route`: path parameters, query string, body, headers. */
  requests(route: WriteRoute): fc.Arbitrary<{ url: string; query: Record<string, string>; body: unknown; headers: Record<string, string> }>;
  close(): Promise<void>;
}

export async function fuzzHarness(opts: { accounts?: number } = {}): Promise<FuzzHarness> {
  const app = await testApp('2026-03-01T02:00:00.000Z');
  await seedDemo(app, { accounts: opts.accounts ?? 24, seed: 17, today: '2026-03-01' });
  await ensureDemoWorklist(app, '2026-02-28');
  await ensureDemoAgency(app, '2026-02-28', 'fuzzing demo password');
  const server = await buildServer(app);
  await server.ready();
  const spec = server.swagger() as { paths: Record<string, Record<string, OpenApiOperation>> };
  const routes = server.routeAccess.filter((r): r is WriteRoute => (WRITE_METHODS as readonly string[]).includes(r.method));

  const one = async (sql: string) => (await app.db.query<{ v: string | number }>(sql)).map((r) => String(r.v));
  const pool = [
    ...(await one('SELECT ref AS v FROM accounts ORDER BY id LIMIT 3')),
    ...(await one('SELECT id AS v FROM accounts ORDER BY id LIMIT 2')),
    ...(await one('SELECT id AS v FROM customers ORDER BY id LIMIT 2')),
    ...(await one('SELECT id AS v FROM collection_cases ORDER BY id LIMIT 3')),
    ...(await one("SELECT code AS v FROM queues ORDER BY code LIMIT 2")),
    ...(await one('SELECT id AS v FROM users ORDER BY id LIMIT 2')),
    DEMO_AGENCY.id, 'CN', 'sms', 'email', 'zh-CN', 'en', '1', '0',
  ];
  const [debtor] = await one('SELECT id AS v FROM customers ORDER BY id LIMIT 1');
  const tables = await one("SELECT table_name AS v FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1");
  const countSql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');

  const roleFor = (access: Access): Role | null => {
    if (access === 'public') return null;
    for (const r of ['admin', 'agency_admin', 'debtor'] as const) if (access.includes(r)) return r;
    return access[0] ?? null;
  };
  let n = 0;
  return {
    app,
    server,
    routes,
    pool,
    async counts() {
      const rows = await app.db.query<{ t: string; n: number }>(countSql);
      return Object.fromEntries(rows.map((r) => [r.t, r.n]));
    },
    async sessionFor(route) {
      const role = roleFor(route.access);
      if (!role) return {};
      n++;
      if (role === 'debtor') return signIn(app, { roles: ['debtor'], customerId: debtor! });
      if (role === 'agency_admin' || role === 'agency_agent') return signIn(app, { roles: [role], userId: `fuzz-agency-${n}`, agencyId: DEMO_AGENCY.id });
      return signIn(app, { roles: [role], userId: `fuzz-${role}-${n}` });
    },
    requests(route) {
      const op = spec.paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()] ?? {};
      const params = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      const pathNames = [...route.url.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const names = [...new Set([...pathNames, ...params])];
      const id = fc.oneof(fc.constantFrom(...pool), fc.string({ minLength: 1, maxLength: 20 }), fc.integer({ min: -5, max: 1_000_000 }).map(String), fc.constantFrom('%00', '..', '%2F', ' ', 'null', '9'.repeat(30)));
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const query = fc.record(Object.fromEntries(queryParams.map((p) => [p.name, fromSchema(p.schema, pool).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))])), { requiredKeys: [] });
      const extraQuery = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 10 }), { maxKeys: 2 });
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const body = bodySchema ? fromSchema(bodySchema, pool) : fc.oneof(fc.constant(undefined), junk);
      const headers = fc.record({ 'idempotency-key': fc.oneof(fc.uuid(), fc.string({ maxLength: 300 }), fc.constant('')) }, { requiredKeys: [] });
      return fc.record({
        values: fc.tuple(...names.map(() => id)),
        query: fc.tuple(query, extraQuery),
        body,
        headers,
      }).map(({ values, query: [q, extra], body: b, headers: h }) => {
        let url = route.url;
        names.forEach((name, i) => (url = url.replace(`:${name}`, encodeURIComponent(String(values[i])))));
        return { url, query: { ...extra, ...(q as Record<string, string>) }, body: b, headers: h as Record<string, string> };
      });
    },
    async close() {
      await server.close();
      await app.close();
    },
  };
}

export interface FuzzFailure {
  route: string;
  request: unknown;
  status: number;
  problem: string;
  body: string;
}

/** What a response must be, whatever the input; returns the problem, or null. */
export function judge(status: number, body: string, headers: Record<string, unknown>, changed: string[], route = ''): string | null {
  if (status >= 500) return `a ${status}`;
  if (headers['set-cookie'] !== undefined) return 'a cookie was set';
  if (status >= 400) {
    type Refusal = { code?: unknown; message?: unknown; issues?: Array<{ path?: unknown }> };
    let parsed: Refusal;
    try {
      const json = JSON.parse(body) as Refusal & { error?: Refusal };
      // The compliance routes answer { error: { code, message, issues } } (their documented shape, shared with the CLI's --json).
      parsed = json.error && typeof json.error === 'object' ? json.error : json;
    } catch {
      return 'a refusal that is not JSON';
    }
    if (typeof parsed.code !== 'string' || typeof parsed.message !== 'string' || parsed.message === '') return 'a refusal without code and message';
    if (status === 400) {
      const byIssue = Array.isArray(parsed.issues) && parsed.issues.length > 0 && parsed.issues.every((i) => typeof i.path === 'string' && i.path !== '');
      const byMessage = /^[\w.[\]-]+: ./.test(parsed.message);
      if (!byIssue && !byMessage) return 'a 400 that names no field';
    }
    const unexpected = changed.filter((t) => !(t in WRITTEN_ON_REFUSAL) && !(AUDITED_REFUSALS.has(route) && AUDIT_TABLES.has(t)));
    if (unexpected.length) return `a refused request wrote to ${unexpected.join(', ')}`;
  }
  return null;
}

/** One line per distinct (route, status, problem), for a readable assertion. */
export function summarise(failures: ReadonlyArray<FuzzFailure>): string[] {
  return [...new Set(failures.map((f) => `${f.route} → ${f.status}: ${f.problem}`))].sort();
}

export function changedTables(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys(after).filter((t) => after[t] !== before[t]);
}

/** Fuzzes one route; returns what went wrong (empty when every input held) and how many inputs were tried. */
export async function fuzzRoute(h: FuzzHarness, route: WriteRoute, runs: number, seed: number): Promise<{ failures: FuzzFailure[]; tried: number }> {
  const failures: FuzzFailure[] = [];
  let tried = 0;
  // One session for the route's inputs (sign-out ends its own, so it gets a fresh one each time); the
  // counts after a refusal are the counts before the next input.
  const endsSession = route.url === '/api/v1/auth/logout';
  let shared = endsSession ? undefined : await h.sessionFor(route);
  let known: Record<string, number> | undefined;
  await fc.assert(
    fc.asyncProperty(h.requests(route), async (req) => {
      const auth = shared ?? (await h.sessionFor(route));
      if (endsSession) known = undefined;
      const before = known ?? (await h.counts());
      const res = await h.server.inject({
        method: route.method,
        url: req.url,
        query: req.query,
        headers: { ...req.headers, ...auth, ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        ...(req.body !== undefined ? { payload: JSON.stringify(req.body) } : {}),
      });
      tried++;
      known = res.statusCode >= 400 ? await h.counts() : undefined;
      const changed = known ? changedTables(before, known) : [];
      // A write may have changed who the session belongs to (roles, deactivation): the next input gets a fresh one.
      if (res.statusCode < 400 && !endsSession && route.url.startsWith('/api/v1/users')) shared = await h.sessionFor(route);
      const problem = judge(res.statusCode, res.body, res.headers, changed, `${route.method} ${route.url}`);
      if (problem) failures.push({ route: `${route.method} ${route.url}`, request: req, status: res.statusCode, problem, body: res.body.slice(0, 400) });
      return true;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  return { failures, tried };
}

/** Malformed CSV for POST /api/v1/imports: broken quoting, wrong columns, bad values, binary, empty. */
export function malformedCsv(): fc.Arbitrary<{ kind: ImportKind; csv: string }> {
  // The real headers, so that most files get past the header to their rows.
  const headers = Object.fromEntries(IMPORT_KINDS.map((k) => [k, FILE_FORMATS[k].columns.map((c) => c.name).join(',')])) as Record<ImportKind, string>;
  const cell = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('"', '""', '"unclosed', 'a,b', '\r', '\n', '-1', '1e309', '2026-02-30', '', '\u0000', '１２３'), fc.integer().map(String));
  return fc.record({
    kind: fc.constantFrom(...IMPORT_KINDS),
    header: fc.oneof(fc.constant(null), fc.string({ maxLength: 30 }), fc.constantFrom('', 'ref;customer_id;product_code', '\uFEFFref,ref,ref')),
    rows: fc.array(fc.array(cell, { minLength: 0, maxLength: 10 }), { minLength: 0, maxLength: 6 }),
    tail: fc.constantFrom('', '\n', '"', '\r\n\r\n', ',,,,'),
  }).map(({ kind, header, rows, tail }) => ({
    kind,
    csv: [header ?? headers[kind], ...rows.map((r) => r.join(','))].join('\n') + tail,
  }));
}
