/**
 * `fairdebt negotiate …`: plans, deferrals, waivers and settlements from the command line, and the
 * approval queue. Every write needs --key (the idempotency key) and names who acts and in which role.
 *
 *   fairdebt negotiate preview ACCOUNT --terms N [--first-due D] [--waive interest,penalty,fees] [--json]
 *   fairdebt negotiate plan ACCOUNT --terms N [--first-due D] [--waive …] --actor A --role R --reason T --key K [--json]
 *   fairdebt negotiate defer ACCOUNT --months N [--hardship KIND:REF] --actor A --role R --reason T --key K [--json]
 *   fairdebt negotiate waive ACCOUNT --component C [--amount MINOR] --actor A --role R --reason T --key K [--json]
 *   fairdebt negotiate settle ACCOUNT --amount MINOR [--pay-by D] --actor A --role R --reason T --key K [--json]
 *   fairdebt negotiate pending [--json]
 *   fairdebt negotiate approve|reject ID --actor A --role R [--note T] --key K [--json]
 *   fairdebt negotiate options ACCOUNT [--json]
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { invalidField } from '../platform/errors.ts';
import {
  approveConcession, commitPlan, listPending, portalOptions, previewPlan, rejectConcession, requestDeferral, requestSettlement, requestWaiver,
} from '../modules/negotiation/index.ts';

const USAGE = `usage: fairdebt negotiate preview ACCOUNT --terms N [--first-due D] [--waive C,…] [--json]
       fairdebt negotiate plan ACCOUNT --terms N [--first-due D] [--waive C,…] --actor A --role R --reason T --key K [--json]
       fairdebt negotiate defer ACCOUNT --months N [--hardship KIND:REF] --actor A --role R --reason T --key K [--json]
       fairdebt negotiate waive ACCOUNT --component interest|penalty|fees [--amount MINOR] --actor A --role R --reason T --key K [--json]
       fairdebt negotiate settle ACCOUNT --amount MINOR [--pay-by D] --actor A --role R --reason T --key K [--json]
       fairdebt negotiate pending [--json]
       fairdebt negotiate approve|reject ID --actor A --role R [--note T] --key K [--json]
       fairdebt negotiate options ACCOUNT [--json]
`;

const OPTIONS = {
  terms: { type: 'string' }, 'first-due': { type: 'string' }, waive: { type: 'string' }, months: { type: 'string' }, hardship: { type: 'string' },
  component: { type: 'string' }, amount: { type: 'string' }, 'pay-by': { type: 'string' }, actor: { type: 'string' }, role: { type: 'string' },
  reason: { type: 'string' }, note: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean', default: false },
} as const;

/** A whole number from an option, or undefined when absent; numbers stay numbers so that the schema names a bad one. */
function whole(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw invalidField(field, `expected a whole number, got '${value}'`);
  return Number(value);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const verbs = ['preview', 'plan', 'defer', 'waive', 'settle', 'pending', 'approve', 'reject', 'options'];
  if (!sub || !verbs.includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  const target = positionals[0];
  if (sub !== 'pending' && (!target || positionals.length > 1)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const writes = ['plan', 'defer', 'waive', 'settle', 'approve', 'reject'];
  if (writes.includes(sub) && !v.key) throw invalidField('key', 'an idempotency key is required (--key)');
  const who = { actor: v.actor, role: v.role };
  const app = await openApp();
  try {
    const deps = { db: app.db, clock: app.clock, hooks: app.hooks };
    const opts = { idempotencyKey: `cli-${sub}:${v.key}`, source: 'cli' as const };
    const planTerms = { termCount: whole(v.terms, 'terms'), ...(v['first-due'] ? { firstDueOn: v['first-due'] } : {}), ...(v.waive ? { waive: v.waive.split(',') } : {}) };
    let out: unknown;
    let line: string;
    switch (sub) {
      case 'preview': {
        const p = await previewPlan(deps, { accountRef: target, ...planTerms });
        out = p;
        line = `${p.explanation['zh-CN']}\n${p.explanation.en}\n${p.plan.items.map((i) => `  ${i.n}. ${i.dueOn} ${i.amountMinor}`).join('\n')}\n`;
        break;
      }
      case 'plan':
      case 'defer':
      case 'waive':
      case 'settle': {
        const input = sub === 'plan'
          ? { accountRef: target, ...planTerms, ...who, reason: v.reason }
          : sub === 'defer'
            ? { accountRef: target, months: whole(v.months, 'months'), ...(v.hardship ? { hardship: { kind: v.hardship.split(':')[0], reference: v.hardship.split(':').slice(1).join(':') } } : {}), ...who, reason: v.reason }
            : sub === 'waive'
              ? { accountRef: target, component: v.component, ...(v.amount ? { amountMinor: whole(v.amount, 'amount') } : {}), ...who, reason: v.reason }
              : { accountRef: target, amountMinor: whole(v.amount, 'amount'), ...(v['pay-by'] ? { payByOn: v['pay-by'] } : {}), ...who, reason: v.reason };
        const run = { plan: commitPlan, defer: requestDeferral, waive: requestWaiver, settle: requestSettlement }[sub];
        const r = await run(deps, input, opts);
        out = { ...r.result, replayed: r.replayed };
        line = `${r.replayed ? 'already recorded' : 'recorded'}: #${r.result.concessionId} ${r.result.kind} ${r.result.status}${r.result.approval ? ` (needs ${r.result.approval.needsRole ?? 'a higher limit'} by ${r.result.approval.slaDueAt}: ${r.result.approval.reason})` : ''}\n${r.result.explanation['zh-CN']}\n`;
        break;
      }
      case 'pending': {
        const items = await listPending(app.db, 500);
        out = items;
        line = items.map((c) => `#${c.id} ${c.accountRef} ${c.kind} ${c.concessionMinor} by ${c.maker} (${c.makerRole}), SLA ${c.slaDueAt}`).join('\n') + (items.length ? '\n' : 'no pending requests\n');
        break;
      }
      case 'approve':
      case 'reject': {
        const id = whole(target, 'id');
        const r = await (sub === 'approve' ? approveConcession : rejectConcession)(deps, { concessionId: id, ...who, ...(v.note ? { note: v.note } : {}) }, opts);
        out = { ...r.result, replayed: r.replayed };
        line = `#${r.result.concessionId} ${r.result.status}\n`;
        break;
      }
      default: {
        const o = await portalOptions(deps, { accountRef: target });
        out = o;
        line = o.options.map((x) => `${x.kind} ${JSON.stringify(x.choice)}${x.instant ? '' : ' (needs review)'}\n  ${x.explanation['zh-CN']}`).join('\n') + '\n';
      }
    }
    io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : line);
    return 0;
  } finally {
    await app.close();
  }
}
