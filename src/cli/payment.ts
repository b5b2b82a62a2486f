/**
 * `fairdebt payment post ACCOUNT AMOUNT_MINOR --key IDEMPOTENCY_KEY [--date D] [--currency C] [--ref R] [--json]`.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { findAccount, receiveTransaction } from '../modules/ledger/index.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import { addDays } from '../platform/dates.ts';

const USAGE = 'usage: fairdebt payment post ACCOUNT AMOUNT_MINOR --key IDEMPOTENCY_KEY [--date YYYY-MM-DD] [--ref REF] [--json]\n';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'post') {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values, positionals } = parseArgs({ args: rest, options: { key: { type: 'string' }, date: { type: 'string' }, ref: { type: 'string' }, json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  const [account, amountText] = positionals;
  if (!account || !amountText) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (!values.key) throw invalidField('key', 'an idempotency key is required (--key)');
  if (!/^\d+$/.test(amountText)) throw invalidField('amountMinor', `expected a whole number of minor units, got '${amountText}'`);
  const app = await openApp();
  try {
    const acct = await findAccount(app.db, account);
    if (!acct) throw new AppError('NOT_FOUND', `account: no account '${account}'`);
    const out = await receiveTransaction(app.db, app.clock, app.hooks, {
      accountRef: acct.ref, type: 'payment', ref: values.ref ?? values.key, amountMinor: Number(amountText), currency: acct.currency,
      valueDate: values.date ?? addDays(acct.closed_through, 1),
    }, { actor: 'cli', idempotencyKey: `payment:${values.key}` });
    io.stdout.write(values.json ? `${JSON.stringify({ ...out.result, replayed: out.replayed })}\n` : `${out.replayed ? 'already recorded' : 'recorded'}: ${out.result.allocation.map((l) => `${l.component}${l.itemSeq ? ` #${l.itemSeq}` : ''} ${l.amountMinor}`).join(', ')}${out.result.backdated ? ' (backdated: history re-derived)' : ''}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
