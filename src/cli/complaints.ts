/**
 * `fairdebt complaints …`: take a complaint (hotline, e-mail, a regulator's referral), list them with
 * their SLA clocks, close one, the SLA board, and the regulator report. Every write needs --key (the
 * idempotency key) and --actor (who acts); a bad option is refused naming it.
 *
 *   fairdebt complaints intake (--customer ID | --account REF) --channel C [--regulator-ref R] --category C --summary T
 *                              [--contacts REF,…] [--agency ID] [--received-on D] --actor A --key K [--json]
 *   fairdebt complaints list [--status S] [--category C] [--jurisdiction J] [--agency ID] [--customer ID] [--overdue] [--limit N] [--json]
 *   fairdebt complaints show ID [--json]
 *   fairdebt complaints ack ID --actor A --key K [--json]
 *   fairdebt complaints resolve ID --status resolved|rejected|referred --outcome O [--remedies R,…] --note T --actor A --key K [--json]
 *   fairdebt complaints sla [--json]
 *   fairdebt complaints report --from D --to D [--format csv|json] [--zh]
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import {
  acknowledgeComplaint, getComplaint, intakeComplaint, listComplaints, regulatorReport, reportCsv, resolveComplaint, slaBoard,
  COMPLAINT_CATEGORIES, COMPLAINT_STATUSES, MAX_COMPLAINTS_LISTED, type ComplaintRecord,
} from '../modules/complaints/index.ts';

const USAGE = `usage: fairdebt complaints intake (--customer ID | --account REF) --channel hotline|email|app|regulator_referral [--regulator-ref R]
                                   --category C --summary T [--contacts REF,…] [--agency ID] [--received-on D] --actor A --key K [--json]
       fairdebt complaints list [--status S] [--category C] [--jurisdiction J] [--agency ID] [--customer ID] [--overdue] [--limit N] [--json]
       fairdebt complaints show ID [--json]
       fairdebt complaints ack ID --actor A --key K [--json]
       fairdebt complaints resolve ID --status resolved|rejected|referred --outcome O [--remedies R,…] --note T --actor A --key K [--json]
       fairdebt complaints sla [--json]
       fairdebt complaints report --from D --to D [--format csv|json] [--zh]
`;

const OPTIONS = {
  customer: { type: 'string' }, account: { type: 'string' }, channel: { type: 'string' }, 'regulator-ref': { type: 'string' }, category: { type: 'string' },
  summary: { type: 'string' }, contacts: { type: 'string' }, agency: { type: 'string' }, 'received-on': { type: 'string' }, status: { type: 'string' },
  jurisdiction: { type: 'string' }, overdue: { type: 'boolean', default: false }, limit: { type: 'string' }, outcome: { type: 'string' }, remedies: { type: 'string' },
  note: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'csv' }, zh: { type: 'boolean', default: false },
  actor: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean', default: false },
} as const;

const SUBCOMMANDS = ['intake', 'list', 'show', 'ack', 'resolve', 'sla', 'report'];
const WRITES = ['intake', 'ack', 'resolve'];
const WITH_ID = ['show', 'ack', 'resolve'];

function wholeNumber(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw invalidField(field, `expected a positive whole number, got '${value}'`);
  return Number(value);
}

function oneOf<T extends string>(value: string | undefined, field: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw invalidField(field, `expected one of ${allowed.join(', ')}, got '${value}'`);
  return value as T;
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean));

function line(c: ComplaintRecord): string {
  const clock = c.sla.stage === 'closed'
    ? `closed ${c.closedOn} ${c.outcome}, SLA ${c.sla.slaMet ? 'met' : 'missed'}`
    : `${c.sla.stage === 'acknowledge' ? 'acknowledge' : 'respond'} by ${c.sla.dueOn} (${c.sla.overdue ? `OVERDUE ${-(c.sla.daysLeft ?? 0)}d` : `${c.sla.daysLeft}d left`})`;
  return `#${c.id} ${c.receivedOn} ${c.jurisdiction} ${c.channel} ${c.category} ${c.customerId}${c.accountRef ? `/${c.accountRef}` : ''} ${c.status}: ${clock}`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !SUBCOMMANDS.includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  if ((WITH_ID.includes(sub) && positionals.length !== 1) || (!WITH_ID.includes(sub) && positionals.length > 0)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const id = WITH_ID.includes(sub) ? wholeNumber(positionals[0], 'id')! : 0;
  if (WRITES.includes(sub)) {
    if (!v.key) throw invalidField('key', 'an idempotency key is required (--key)');
    if (!v.actor) throw invalidField('actor', 'say who acts (--actor)');
  }
  if (sub === 'report') {
    if (!v.from) throw invalidField('from', 'required: the first day received (YYYY-MM-DD)');
    if (!v.to) throw invalidField('to', 'required: the last day received (YYYY-MM-DD)');
    for (const f of ['from', 'to'] as const) if (!/^\d{4}-\d{2}-\d{2}$/.test(v[f]!)) throw invalidField(f, `expected a date YYYY-MM-DD, got '${v[f]}'`);
    if (v.from > v.to) throw invalidField('to', `${v.to} is before from (${v.from})`);
    oneOf(v.format, 'format', ['csv', 'json']);
  }
  const status = oneOf(v.status, 'status', [...COMPLAINT_STATUSES, 'open', 'closed'] as const);
  const category = sub === 'list' ? oneOf(v.category, 'category', COMPLAINT_CATEGORIES) : undefined;
  const limit = wholeNumber(v.limit, 'limit') ?? 100;
  if (limit > MAX_COMPLAINTS_LISTED) throw invalidField('limit', `at most ${MAX_COMPLAINTS_LISTED}`);

  const app = await openApp();
  try {
    const actor = `user:${v.actor}`;
    const opts = { actor, idempotencyKey: `cli-complaint-${sub}:${v.key}` };
    const now = app.clock.now();
    let out: unknown;
    let text: string;
    switch (sub) {
      case 'intake': {
        const r = await intakeComplaint(app.db, app.clock, {
          customerId: v.customer, accountRef: v.account, channel: v.channel, regulatorReference: v['regulator-ref'], category: v.category, summary: v.summary,
          contactReferences: list(v.contacts) ?? [], agencyId: v.agency, receivedOn: v['received-on'],
        }, opts);
        out = { ...r.result, replayed: r.replayed };
        text = `${r.replayed ? 'already recorded' : 'received'}: #${r.result.complaintId} ${r.result.jurisdiction}, acknowledge by ${r.result.acknowledgeBy}, respond by ${r.result.respondBy}`
          + `${r.result.disputeId !== null ? `; dispute #${r.result.disputeId} holds collection on ${r.result.accountRef}` : ''}${r.result.reviewId !== null ? `; quality review #${r.result.reviewId}` : ''}\n`;
        break;
      }
      case 'list': {
        const items = await listComplaints(app.db, now, { status, category, jurisdiction: v.jurisdiction, agencyId: v.agency, customerId: v.customer, overdue: v.overdue ? true : undefined, limit });
        out = items;
        text = items.length ? `${items.map(line).join('\n')}\n` : 'no complaints\n';
        break;
      }
      case 'show': {
        const c = await getComplaint(app.db, id, now);
        if (!c) throw new AppError('NOT_FOUND', `id: no complaint ${id}`, { issues: [{ path: 'id', message: 'no such complaint' }] });
        out = c;
        text = `${line(c)}\n  ${c.summary}\n`;
        break;
      }
      case 'ack': {
        const r = await acknowledgeComplaint(app.db, app.clock, id, opts);
        out = { ...r.result, replayed: r.replayed };
        text = `#${id} acknowledged on ${r.result.acknowledgedOn}${r.result.withinSla ? '' : ' (late)'}\n`;
        break;
      }
      case 'resolve': {
        const r = await resolveComplaint(app.db, app.clock, id, { status: v.status, outcome: v.outcome, remedies: list(v.remedies) ?? [], note: v.note }, opts);
        out = { ...r.result, replayed: r.replayed };
        text = `#${id} ${r.result.status} (${r.result.outcome}) on ${r.result.closedOn}, SLA ${r.result.slaMet ? 'met' : 'missed'}${r.result.disputeStatus ? `; dispute ${r.result.disputeStatus}` : ''}\n`;
        break;
      }
      case 'sla': {
        const b = await slaBoard(app.db, now);
        out = b;
        text = `open ${b.open}, overdue ${b.overdue} (acknowledgements ${b.overdueAcknowledgements}), due soon ${b.dueSoon}\n`
          + `by status: ${Object.entries(b.byStatus).map(([s, n]) => `${s} ${n}`).join(', ') || 'none'}\n`
          + b.byJurisdiction.map((j) => `  ${j.jurisdiction}: open ${j.open}, overdue ${j.overdue}, due soon ${j.dueSoon}`).join('\n') + (b.byJurisdiction.length ? '\n' : '')
          + b.urgent.map((c) => `  ${line(c)}`).join('\n') + (b.urgent.length ? '\n' : '');
        break;
      }
      default: {
        const rows = await regulatorReport(app.db, now, v.from!, v.to!);
        if (v.format === 'json') {
          out = rows;
          text = `${JSON.stringify(rows)}\n`;
        } else {
          io.stdout.write(reportCsv(rows, v.zh));
          return 0;
        }
      }
    }
    io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : text);
    return 0;
  } finally {
    await app.close();
  }
}
