/**
 * What operators watch: readiness at GET /readyz, Prometheus metrics at GET /metrics.
 *
 * Both live outside /api, next to the liveness check GET /api/v1/health: load balancers and scrapers
 * call them without a session. /readyz says only ready or not (database reachable and every migration
 * applied; 503 otherwise), so it is public. /metrics shows traffic and queue figures, so it answers
 * only a caller presenting METRICS_TOKEN as a bearer token, or, with no token configured, callers on
 * the loopback interface (a scraper on the same host); anyone else gets 403.
 *
 * Requests are counted and timed by method, route (the route's pattern, never the raw URL, so ids do
 * not explode the series) and status. Outbox, cycle and process figures are read at scrape time.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { App } from '../main.ts';
import { listMigrations } from '../platform/migrate.ts';
import { Counter, Histogram, gaugeText, PROMETHEUS_CONTENT_TYPE } from '../platform/metrics.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Outbox statuses still to be sent (the queue's depth). */
const PENDING = new Set(['scheduled', 'sending']);

function sameSecret(given: string, expected: string): boolean {
  // Hash both so that the comparison takes the same time whatever the lengths.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

function mayScrape(req: FastifyRequest, token: string | undefined): boolean {
  if (token) {
    const header = req.headers.authorization;
    return typeof header === 'string' && header.startsWith('Bearer ') && sameSecret(header.slice(7).trim(), token);
  }
  return LOOPBACK.has(req.socket.remoteAddress ?? req.ip);
}

export interface Readiness {
  ready: boolean;
  engine: string;
  /** Versions of the migrations in the code that the database has not applied. */
  pendingMigrations: string[];
  reason?: string;
}

export async function readiness(app: Pick<App, 'db'>, expected = listMigrations().map((m) => m.version)): Promise<Readiness> {
  try {
    const rows = await app.db.query<{ version: string }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const pending = expected.filter((v) => !applied.has(v));
    return pending.length
      ? { ready: false, engine: app.db.engine, pendingMigrations: pending, reason: `migrations not applied: ${pending.join(', ')}` }
      : { ready: true, engine: app.db.engine, pendingMigrations: [] };
  } catch (err) {
    return { ready: false, engine: app.db.engine, pendingMigrations: [], reason: `database not reachable or not migrated: ${(err as Error).message}` };
  }
}

export function registerObservability(server: FastifyInstance, app: App): void {
  const requests = new Counter('fairdebt_http_requests_total', 'HTTP requests answered, by method, route pattern and status');
  const latency = new Histogram('fairdebt_http_request_duration_seconds', 'Time to answer an HTTP request, by method, route pattern and status');
  const expected = listMigrations().map((m) => m.version);

  server.addHook('onResponse', async (req, reply) => {
    const labels = { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });

  server.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    const r = await readiness(app, expected);
    return reply.status(r.ready ? 200 : 503).send({ status: r.ready ? 'ready' : 'not ready', ...r });
  });

  server.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!mayScrape(req, app.config.metricsToken)) {
      return reply.status(403).send({ code: 'FORBIDDEN', message: app.config.metricsToken ? 'metrics: send METRICS_TOKEN as Authorization: Bearer <token>' : 'metrics: only callers on this host may read them (or set METRICS_TOKEN)', requestId: req.id });
    }
    reply.type(PROMETHEUS_CONTENT_TYPE);
    return requests.text() + latency.text() + (await businessText(app)) + processText();
  });
}

async function businessText(app: App): Promise<string> {
  const outbox = await app.db.query<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM contacts_outbox GROUP BY status ORDER BY status');
  const [run] = await app.db.query<{ target_date: string; started_at: string; finished_at: string }>(
    'SELECT target_date, started_at, finished_at FROM cycle_runs WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1');
  const [unfinished] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cycle_runs WHERE finished_at IS NULL');
  const count = (pred: (s: string) => boolean) => outbox.filter((o) => pred(o.status)).reduce((sum, o) => sum + o.n, 0);
  let out = gaugeText('fairdebt_outbox_contacts', 'Contacts in the outbox, by status', outbox.map((o) => ({ labels: { status: o.status }, value: o.n })));
  out += gaugeText('fairdebt_outbox_depth', 'Contacts planned and not yet sent (scheduled or being sent)', [{ value: count((s) => PENDING.has(s)) }]);
  out += gaugeText('fairdebt_outbox_sent', 'Contacts sent (sent or delivered)', [{ value: count((s) => s === 'sent' || s === 'delivered') }]);
  out += gaugeText('fairdebt_outbox_failed', 'Contacts whose send failed', [{ value: count((s) => s === 'failed') }]);
  out += gaugeText('fairdebt_cycle_running', 'Daily cycle runs started and not finished (0 or 1)', [{ value: unfinished?.n ?? 0 }]);
  if (run) {
    out += gaugeText('fairdebt_cycle_last_business_date_seconds', 'Business date the last finished daily cycle closed, as a Unix time (midnight UTC)', [
      { labels: { date: run.target_date }, value: Date.parse(`${run.target_date}T00:00:00Z`) / 1000 },
    ]);
    out += gaugeText('fairdebt_cycle_last_duration_seconds', 'How long the last finished daily cycle run took', [
      { value: (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000 },
    ]);
  }
  return out;
}

function processText(): string {
  const m = process.memoryUsage();
  return (
    gaugeText('process_resident_memory_bytes', 'Resident memory of the process', [{ value: m.rss }]) +
    gaugeText('nodejs_heap_used_bytes', 'V8 heap in use', [{ value: m.heapUsed }]) +
    gaugeText('nodejs_heap_total_bytes', 'V8 heap reserved', [{ value: m.heapTotal }]) +
    gaugeText('nodejs_external_memory_bytes', 'Memory of C++ objects bound to JavaScript (buffers, WebAssembly)', [{ value: m.external }]) +
    gaugeText('process_uptime_seconds', 'Seconds since the process started', [{ value: Math.round(process.uptime()) }])
  );
}
