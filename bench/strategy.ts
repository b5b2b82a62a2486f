/**
 * `npm run bench -- strategy [--json] [--seconds N] [--accounts N]`
 *
 * Decisions per second of `decide` on one core, for a 20-row table (the default CN table's overdue
 * ladder, cut to 20 rows) and for the whole default CN table, over accounts spread across every bucket.
 * The baseline, measured in the same run, is `decideReference`: the same hit policy read row by row from
 * the table as written, without compiling. Before timing, both are run over every account and their
 * decisions compared; the agreement is printed.
 */
import { parseArgs } from 'node:util';
import type { AccountFacts, DecisionTable } from '../src/modules/strategy/index.ts';
import { compileTable, decide, decideReference, DEFAULT_TABLES } from '../src/modules/strategy/index.ts';

/** Distinct accounts cycled through; small enough to stay in the CPU cache, as in the daily cycle's chunks. */
const DEFAULT_ACCOUNTS = 4096;
const BUCKETS: Array<[string, number, number]> = [
  ['M0', 0, 0], ['M1', 1, 30], ['M2', 31, 60], ['M3', 61, 90], ['M4', 91, 120], ['M5', 121, 150], ['M6', 151, 180], ['M6+', 181, 400],
];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function makeFacts(n: number): AccountFacts[] {
  const r = rng(20260601);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const days = () => (r() < 0.3 ? null : Math.floor(r() * 40));
  return Array.from({ length: n }, (_, i): AccountFacts => {
    const [bucket, lo, hi] = pick(BUCKETS);
    const dpd = lo + Math.floor(r() * (hi - lo + 1));
    return {
      accountId: i + 1,
      jurisdiction: 'CN',
      bucket,
      dpd,
      daysToDue: dpd === 0 && r() < 0.7 ? Math.floor(r() * 5) : null,
      balanceMinor: Math.floor(r() * 3_000_000),
      riskScore: r() < 0.1 ? null : Math.floor(r() * 1001),
      segment: pick(['retail', 'sme', null]),
      daysSinceLastContact: days(),
      lastOutcome: pick(['connected', 'unanswered', 'delivered', 'none'] as const),
      promiseState: pick(['none', 'none', 'none', 'open', 'broken', 'kept'] as const),
      planState: pick(['none', 'none', 'none', 'active'] as const),
      hasChannel: ['sms', 'push', 'in_app', 'call', 'email', 'letter'].filter(() => r() < 0.8) as AccountFacts['hasChannel'],
      daysSinceAction: { sms_reminder: days(), collector_call: days(), push_reminder: days(), letter: days(), recommend_agency: days() },
      validationNoticeSent: true,
    };
  });
}

function measure(label: string, seconds: number, fn: (f: AccountFacts) => unknown, facts: AccountFacts[]): number {
  let n = 0;
  let sink = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    for (let i = 0; i < facts.length; i++) if (fn(facts[i]!) !== null) sink++;
    n += facts.length;
  }
  if (sink < 0) console.log(label);
  return n / seconds;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean' }, seconds: { type: 'string' }, accounts: { type: 'string' } } });
  const seconds = Number(values.seconds ?? 2);
  const facts = makeFacts(Number(values.accounts ?? DEFAULT_ACCOUNTS));
  const cn = DEFAULT_TABLES.find((t) => t.jurisdiction === 'CN')!;
  const twenty: DecisionTable = { ...cn, code: 'cn-20', rows: cn.rows.slice(0, 20) };
  const results: Record<string, unknown> = {};
  for (const table of [twenty, cn]) {
    const compiled = compileTable(table);
    let agree = 0;
    for (const f of facts) if (JSON.stringify(decide(compiled, f)) === JSON.stringify(decideReference(table, f))) agree++;
    measure('warm-up', 0.3, (f) => decide(compiled, f), facts);
    const compiledRate = measure('compiled', seconds, (f) => decide(compiled, f), facts);
    const referenceRate = measure('reference', seconds, (f) => decideReference(table, f), facts);
    results[`${table.rows.length} rows`] = {
      decisionsPerSecond: Math.round(compiledRate),
      referencePerSecond: Math.round(referenceRate),
      ratio: Math.round((compiledRate / referenceRate) * 10) / 10,
      agreement: `${agree}/${facts.length}`,
    };
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ bench: 'strategy', accounts: facts.length, seconds, results })}\n`);
    return;
  }
  for (const [k, v] of Object.entries(results)) {
    const r = v as { decisionsPerSecond: number; referencePerSecond: number; ratio: number; agreement: string };
    console.log(`${k}: decide ${r.decisionsPerSecond.toLocaleString('en')} decisions/s; row-by-row reference ${r.referencePerSecond.toLocaleString('en')}/s (×${r.ratio}); agreement ${r.agreement}`);
  }
}
