/**
 * `fairdebt account show ID [--as-of D] [--json]` and `fairdebt account list [--bucket B] [--limit N] [--json]`
 * (JSON Lines: one account per line).
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { getAccountDetail, listAccounts, type AccountSummary } from '../modules/ledger/index.ts';
import { parseIsoDate } from '../platform/dates.ts';
import { formatMinor, isCurrency } from '../platform/money.ts';
import { invalidField } from '../platform/errors.ts';

const USAGE = 'usage: fairdebt account show ID [--as-of YYYY-MM-DD] [--json]\n       fairdebt account list [--bucket B] [--limit N] [--json]\n';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'show') {
    const { values, positionals } = parseArgs({ args: rest, options: { 'as-of': { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
    const id = positionals[0];
    if (!id || positionals.length > 1) {
      io.stderr.write(USAGE);
      return 2;
    }
    const asOf = values['as-of'] === undefined ? undefined : parseIsoDate(values['as-of'], 'as-of');
    const app = await openApp();
    try {
      const a = await getAccountDetail(app.db, id, asOf);
      if (values.json) io.stdout.write(`${JSON.stringify(a)}\n`);
      else io.stdout.write(describe(a));
      return 0;
    } finally {
      await app.close();
    }
  }
  if (sub === 'list') {
    const { values } = parseArgs({ args: rest, options: { bucket: { type: 'string' }, limit: { type: 'string', default: '50' }, json: { type: 'boolean', default: false } }, strict: true });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1_000_000) throw invalidField('limit', `expected a whole number 1–1000000, got '${values.limit}'`);
    const app = await openApp();
    try {
      let after = 0;
      let left = limit;
      while (left > 0) {
        const page = await listAccounts(app.db, { bucket: values.bucket, limit: Math.min(left, 5000), afterId: after });
        for (const a of page) io.stdout.write(values.json ? `${JSON.stringify(a)}\n` : line(a));
        if (page.length < Math.min(left, 5000)) break;
        left -= page.length;
        after = page.at(-1)!.accountId;
      }
      return 0;
    } finally {
      await app.close();
    }
  }
  io.stderr.write(USAGE);
  return 2;
}

function money(m: number, currency: string): string {
  return isCurrency(currency) ? `${formatMinor(m, currency)} ${currency}` : `${m} (minor) ${currency}`;
}

function line(a: AccountSummary): string {
  return `${a.id.padEnd(14)} ${a.product.padEnd(8)} ${a.bucket.padEnd(4)} DPD ${String(a.dpd).padStart(4)}  owed ${money(a.balances.totalMinor, a.currency)}  overdue ${money(a.balances.overdueMinor, a.currency)}\n`;
}

function describe(a: Awaited<ReturnType<typeof getAccountDetail>>): string {
  const b = a.balances;
  const out = [
    `${a.id} (${a.product}, customer ${a.customerId}) as of ${a.asOf}`,
    `  DPD ${a.dpd}, bucket ${a.bucket}`,
    `  principal ${money(b.principalMinor, a.currency)}  interest ${money(b.interestMinor, a.currency)}  penalty ${money(b.penaltyMinor, a.currency)}  fees ${money(b.feesMinor, a.currency)}  credit ${money(b.creditMinor, a.currency)}`,
    `  total ${money(b.totalMinor, a.currency)}  overdue ${money(b.overdueMinor, a.currency)}  capped by the cost cap ${money(a.costCap.cappedMinor, a.currency)}`,
    '  schedule:',
    ...a.schedule.map((i) => `    #${i.seq} ${i.kind} due ${i.dueOn}: principal ${money(i.principalDueMinor, a.currency)} (paid ${money(i.principalPaidMinor, a.currency)}), interest ${money(i.interestChargedMinor, a.currency)}, penalty ${money(i.penaltyChargedMinor, a.currency)}${i.settledOn ? `, settled ${i.settledOn}` : i.dpd ? `, ${i.dpd} DPD` : ''}`),
    '  bucket history:',
    ...a.bucketHistory.map((h) => `    ${h.onDate} ${h.fromBucket} → ${h.toBucket} (${h.movement}, DPD ${h.dpd})`),
  ];
  return `${out.join('\n')}\n`;
}
