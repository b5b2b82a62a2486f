/**
 * `fairdebt bureau …`: credit-bureau furnishing from the command line.
 *
 *   fairdebt bureau run --period YYYY-MM [--format csv|pboc|metro2] [--out FILE] [--actor A] [--key K] [--json]
 *   fairdebt bureau notices [--send --key K] [--actor A] [--json]
 *   fairdebt bureau disputes [--status open|resolved] [--json]
 *   fairdebt bureau resolve ID --outcome corrected|deleted|no_error|unverifiable --note T --key K [--actor A] [--json]
 *
 * A month is furnished once, so `run` derives its idempotency key from the period unless --key is
 * given; running it again writes the same file.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { invalidField } from '../platform/errors.ts';
import {
  FILE_FORMATS, disputeView, getRun, listDisputes, listNotices, renderRunFiles, resolveBureauDispute, runFurnishing, sendBureauNotices, storedBusinessDate, type FileFormat,
} from '../modules/bureau/index.ts';

const USAGE = `usage: fairdebt bureau run --period YYYY-MM [--format csv|pboc|metro2] [--out FILE] [--actor A] [--key K] [--json]
       fairdebt bureau notices [--send --key K] [--actor A] [--json]
       fairdebt bureau disputes [--status open|resolved] [--json]
       fairdebt bureau resolve ID --outcome corrected|deleted|no_error|unverifiable --note T --key K [--actor A] [--json]
`;

const OPTIONS = {
  period: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, actor: { type: 'string' }, key: { type: 'string' },
  send: { type: 'boolean', default: false }, status: { type: 'string' }, outcome: { type: 'string' }, note: { type: 'string' }, json: { type: 'boolean', default: false },
} as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['run', 'notices', 'disputes', 'resolve'].includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  if ((sub === 'resolve') !== (positionals.length === 1) || positionals.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  const format = (v.format ?? 'csv') as FileFormat;
  if (!FILE_FORMATS.includes(format)) throw invalidField('format', `expected one of ${FILE_FORMATS.join(', ')}, got '${v.format}'`);
  if (v.status !== undefined && v.status !== 'open' && v.status !== 'resolved') throw invalidField('status', `expected open or resolved, got '${v.status}'`);
  if ((sub === 'resolve' || v.send) && !v.key) throw invalidField('key', 'an idempotency key is required (--key)');
  const actor = `cli:${v.actor ?? 'operator'}`;
  const app = await openApp();
  try {
    const deps = { db: app.db, clock: app.clock };
    const today = (await storedBusinessDate(app.db)) ?? app.clock.now().slice(0, 10);
    let out: unknown;
    let line: string;
    switch (sub) {
      case 'run': {
        if (!v.period) throw invalidField('period', 'required (--period YYYY-MM)');
        const o = await runFurnishing(deps, { period: v.period }, { actor, idempotencyKey: v.key ? `cli-bureau-run:${v.key}` : `cli-bureau-run:${v.period}` });
        // A repeated key returns the first run's stored result: the period was furnished already all the same.
        const r = { ...o.result, repeated: o.result.repeated || o.replayed };
        const text = (await renderRunFiles(app.db, (await getRun(app.db, r.runId))!))[format];
        if (v.out) await writeFile(v.out, text, 'utf8');
        out = r;
        line = `${r.repeated ? 'already furnished' : 'furnished'}: run #${r.runId} ${r.period}: ${r.reported} reported, ${r.withheld} withheld for the pre-notice, ${r.noticesQueued} notices queued\n`
          + `${format} sha256 ${r.files[format]}${v.out ? ` → ${v.out}` : ''}\n`;
        if (!v.out && !v.json) line += text;
        break;
      }
      case 'notices': {
        if (v.send) {
          const r = (await sendBureauNotices(deps, { businessDate: today }, { actor, idempotencyKey: `cli-bureau-notices:${v.key}` })).result;
          out = r;
          line = r.sent.map((n) => `sent ${n.reference} ${n.accountRef} ${n.channel} ${n.sentOn}`).join('\n') + (r.sent.length ? '\n' : 'no queued notices\n');
        } else {
          const items = await listNotices(app.db, { limit: 500 });
          out = items;
          line = items.map((n) => `#${n.id} ${n.accountRef} ${n.status}${n.sentOn ? ` ${n.channel} ${n.reference} ${n.sentOn}` : ''}`).join('\n') + (items.length ? '\n' : 'no notices\n');
        }
        break;
      }
      case 'disputes': {
        const items = (await listDisputes(app.db, { ...(v.status ? { status: v.status as 'open' | 'resolved' } : {}), limit: 500 })).map((d) => disputeView(d, today));
        out = { asOf: today, items };
        line = items.map((d) => `#${d.id} ${d.accountRef} ${d.status}${d.outcome ? ` (${d.outcome})` : ''} received ${d.receivedOn}, due ${d.dueOn}${d.overdue ? ' OVERDUE' : ''}: ${d.reason}`).join('\n') + (items.length ? '\n' : 'no disputes\n');
        break;
      }
      default: {
        const id = Number(positionals[0]);
        if (!Number.isSafeInteger(id) || id <= 0) throw invalidField('id', `expected a dispute id, got '${positionals[0]}'`);
        const r = (await resolveBureauDispute(deps, id, { outcome: v.outcome, note: v.note }, { businessDate: today }, { actor, idempotencyKey: `cli-bureau-resolve:${v.key}` })).result;
        out = r;
        line = `#${id} ${r.dispute.outcome}${r.answeredLate ? ' (answered late)' : ''}${r.correctionRunId ? `: correction run #${r.correctionRunId} with ${r.records} record(s)` : ''}\n`;
      }
    }
    io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : line);
    return 0;
  } finally {
    await app.close();
  }
}
