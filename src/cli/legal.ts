/**
 * `fairdebt legal …`: legal referrals and cases from the command line. Every write needs --key (the
 * idempotency key) and names who acts (--actor) and in which role (--role legal|supervisor|admin);
 * the approval limits are looked up by that role, and the four-eyes check compares the actors.
 *
 *   fairdebt legal eligibility ACCOUNT [--json]
 *   fairdebt legal refer ACCOUNT --reason T --actor A --role R --key K [--json]
 *   fairdebt legal approve|reject ID [--note T] [--evidence] --actor A --role R --key K [--json]
 *   fairdebt legal status ID --to filed|hearing|judgment|enforcement|settled|withdrawn|closed --on D
 *                        [--court C --case-number N] [--hearing-on D] [--judgment MINOR [--costs-awarded]] [--note T] [--evidence]
 *                        --actor A --role R --key K [--json]
 *   fairdebt legal cost ID --type court_fee|lawyer_fee|enforcement_fee|other --amount MINOR --incurred D --description T
 *                      [--charge-to policy|debtor|lender] --actor A --role R --key K [--json]
 *   fairdebt legal list [--status S] [--account ACCOUNT] [--json]
 *   fairdebt legal show ID [--json]
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { invalidField } from '../platform/errors.ts';
import {
  advanceCase, approveReferral, caseDetail, listCases, recordCost, referAccount, referralEligibility, rejectReferral, CASE_STATUSES, type CaseStatus,
} from '../modules/legal/index.ts';

const USAGE = `usage: fairdebt legal eligibility ACCOUNT [--json]
       fairdebt legal refer ACCOUNT --reason T --actor A --role R --key K [--json]
       fairdebt legal approve|reject ID [--note T] [--evidence] --actor A --role R --key K [--json]
       fairdebt legal status ID --to STATUS --on D [--court C --case-number N] [--hearing-on D] [--judgment MINOR [--costs-awarded]] [--note T] [--evidence] --actor A --role R --key K [--json]
       fairdebt legal cost ID --type TYPE --amount MINOR --incurred D --description T [--charge-to policy|debtor|lender] --actor A --role R --key K [--json]
       fairdebt legal list [--status S] [--account ACCOUNT] [--json]
       fairdebt legal show ID [--json]
`;

const OPTIONS = {
  reason: { type: 'string' }, note: { type: 'string' }, evidence: { type: 'boolean', default: false }, to: { type: 'string' }, on: { type: 'string' },
  court: { type: 'string' }, 'case-number': { type: 'string' }, 'hearing-on': { type: 'string' }, judgment: { type: 'string' }, 'costs-awarded': { type: 'boolean', default: false },
  type: { type: 'string' }, amount: { type: 'string' }, incurred: { type: 'string' }, description: { type: 'string' }, 'charge-to': { type: 'string' },
  status: { type: 'string' }, account: { type: 'string' }, actor: { type: 'string' }, role: { type: 'string' }, key: { type: 'string' }, json: { type: 'boolean', default: false },
} as const;

function whole(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw invalidField(field, `expected a whole number, got '${value}'`);
  return Number(value);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const verbs = ['eligibility', 'refer', 'approve', 'reject', 'status', 'cost', 'list', 'show'];
  if (!sub || !verbs.includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  const target = positionals[0];
  if (sub !== 'list' && (!target || positionals.length > 1)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const writes = ['refer', 'approve', 'reject', 'status', 'cost'];
  if (writes.includes(sub)) {
    if (!v.key) throw invalidField('key', 'an idempotency key is required (--key)');
    if (!v.actor) throw invalidField('actor', 'who acts is required (--actor)');
    if (!v.role) throw invalidField('role', 'the role acted in is required (--role legal|supervisor|admin)');
  }
  if (v.status !== undefined && !(CASE_STATUSES as readonly string[]).includes(v.status)) throw invalidField('status', `one of ${CASE_STATUSES.join(', ')}`);
  const who = { actor: `cli:${v.actor}`, roles: v.role ? [v.role] : [] };
  const app = await openApp();
  try {
    const deps = { db: app.db, clock: app.clock, hooks: app.hooks };
    const opts = { idempotencyKey: `cli-legal-${sub}:${v.key}` };
    let out: unknown;
    let line: string;
    switch (sub) {
      case 'eligibility': {
        const e = await referralEligibility(deps, target!);
        out = e;
        line = `${e.accountRef} on ${e.asOf} under ${e.policy}: ${e.eligible ? 'eligible' : 'not eligible'} (claim ${e.claimMinor}${e.approverRole ? `, approved by ${e.approverRole}` : ''})\n`
          + e.criteria.map((c) => `  ${c.ok ? '✓' : '✗'} ${c.criterion}: ${c.reason['zh-CN']} / ${c.reason.en}`).join('\n') + '\n';
        break;
      }
      case 'refer': {
        const r = await referAccount(deps, { accountRef: target, reason: v.reason }, who, { ...opts, source: 'cli' });
        out = { ...r.result, replayed: r.replayed };
        line = `${r.replayed ? 'already referred' : 'referred'}: case #${r.result.caseId} ${r.result.accountRef} proposed, claim ${r.result.claimMinor}; needs approval by another ${r.result.approverRole ?? 'person with a high enough limit'}\n`;
        break;
      }
      case 'approve':
      case 'reject': {
        const id = whole(target, 'id')!;
        const body = v.note ? { note: v.note } : {};
        const r = sub === 'approve' ? await approveReferral(deps, id, body, who, { ...opts, attachEvidence: v.evidence }) : await rejectReferral(deps, id, body, who, opts);
        out = { ...r.result, replayed: r.replayed };
        line = `case #${r.result.caseId} ${r.result.status}${r.result.evidence ? `, evidence ${r.result.evidence.sha256} (${r.result.evidence.sizeBytes} bytes)` : ''}\n`;
        break;
      }
      case 'status': {
        const id = whole(target, 'id')!;
        const to = v.to as CaseStatus | undefined;
        const input = {
          status: to, onDate: v.on,
          ...(to === 'filed' ? { court: v.court, caseNumber: v['case-number'], attachEvidence: v.evidence } : {}),
          ...(to === 'hearing' ? { hearingOn: v['hearing-on'] } : {}),
          ...(to === 'judgment' ? { judgmentMinor: whole(v.judgment, 'judgment'), costsAwarded: v['costs-awarded'] } : {}),
          ...(v.note && to !== 'filed' && to !== 'hearing' && to !== 'judgment' ? { note: v.note } : {}),
        };
        const r = await advanceCase(deps, id, input, who, opts);
        out = { ...r.result, replayed: r.replayed };
        line = `case #${r.result.caseId} ${r.result.from} → ${r.result.status} on ${r.result.onDate}${r.result.contactsPaused ? '; collection contacts held' : ''}${r.result.evidence ? `; evidence ${r.result.evidence.sha256}` : ''}\n`;
        break;
      }
      case 'cost': {
        const id = whole(target, 'id')!;
        const r = await recordCost(deps, id, {
          costType: v.type, amountMinor: whole(v.amount, 'amount'), incurredOn: v.incurred, description: v.description, ...(v['charge-to'] ? { chargeTo: v['charge-to'] } : {}),
        }, who, opts);
        out = { ...r.result, replayed: r.replayed };
        line = `cost #${r.result.costId} on case #${r.result.caseId}: ${r.result.amountMinor}, debtor ${r.result.chargedMinor}${r.result.entryKind ? ` (${r.result.entryKind} on item ${r.result.itemSeq})` : ''}, lender ${r.result.lenderExpenseMinor}\n`
          + r.result.reasons.map((x) => `  ${x['zh-CN']} / ${x.en}`).join('\n') + '\n';
        break;
      }
      case 'list': {
        const items = await listCases(app.db, { status: v.status as CaseStatus | undefined, accountRef: v.account, limit: 500 });
        out = items;
        line = items.map((c) => `#${c.id} ${c.accountRef} ${c.status} claim ${c.claimMinor} ${c.currency}, referred ${c.referredOn} by ${c.maker}${c.checker ? `, approved by ${c.checker}` : ''}${c.courtCaseNumber ? `, ${c.court} ${c.courtCaseNumber}` : ''}${c.contactsPaused ? ' [contacts held]' : ''}`).join('\n') + (items.length ? '\n' : 'no legal cases\n');
        break;
      }
      default: {
        const c = await caseDetail(app.db, whole(target, 'id')!);
        if (!c) throw invalidField('id', `no legal case ${target}`);
        out = c;
        line = `#${c.id} ${c.accountRef} ${c.status}, claim ${c.claimMinor} ${c.currency}\n`
          + c.events.map((e) => `  ${e.onDate} ${e.from ?? '—'} → ${e.to} by ${e.actor}`).join('\n') + '\n'
          + c.evidence.map((e) => `  evidence (${e.stage}) ${e.sha256} ${e.sizeBytes} bytes`).join('\n') + (c.evidence.length ? '\n' : '')
          + c.costs.map((x) => `  cost ${x.costType} ${x.amountMinor}: debtor ${x.chargedMinor}, lender ${x.lenderExpenseMinor}`).join('\n') + (c.costs.length ? '\n' : '');
      }
    }
    io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : line);
    return 0;
  } finally {
    await app.close();
  }
}
