/**
 * `fairdebt agencies …`: outside agencies (委外) from the command line — the agencies and their
 * placement rules as JSON files, the placement and recall runs of a business date, placing and
 * recalling one account by hand, and the monthly commission statement and the scorecard.
 *
 *   fairdebt agencies list [--json]
 *   fairdebt agencies save FILE.json --key K                      an agency (docs/agencies.md)
 *   fairdebt agencies rule FILE.json --key K                      a placement rule
 *   fairdebt agencies place --date D --key K [--json]             the placement run of a date
 *   fairdebt agencies place ACCOUNT --agency ID --date D --key K  one account by hand
 *   fairdebt agencies recall --date D --key K [--json]            the recall loop (days, complaints, QA)
 *   fairdebt agencies recall ACCOUNT --date D --note T --key K    one account by hand
 *   fairdebt agencies statement ID --month YYYY-MM [--json]
 *   fairdebt agencies scorecard ID --from D --to D [--json]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp, type App } from '../main.ts';
import { invalidField } from '../platform/errors.ts';
import {
  agencyScorecard, commissionStatementFor, listAgencies, placeAccount, placeAccounts, qualityQaScores, recallAccount, recallPlacements, upsertAgency, upsertPlacementRule,
} from '../modules/agencies/index.ts';

const USAGE = `usage: fairdebt agencies list [--json]
       fairdebt agencies save FILE.json --key K
       fairdebt agencies rule FILE.json --key K
       fairdebt agencies place [ACCOUNT --agency ID] --date D --key K [--json]
       fairdebt agencies recall [ACCOUNT --note T] --date D --key K [--json]
       fairdebt agencies statement ID --month YYYY-MM [--json]
       fairdebt agencies scorecard ID --from D --to D [--json]
`;

function readJson(file: string | undefined): unknown {
  if (!file) throw invalidField('file', 'give the JSON file');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw invalidField('file', `cannot read ${file} as JSON: ${(err as Error).message}`);
  }
}

export async function run(args: string[], io: CliIo, open: () => Promise<App> = openApp): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['list', 'save', 'rule', 'place', 'recall', 'statement', 'scorecard'].includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: {
      key: { type: 'string' }, date: { type: 'string' }, agency: { type: 'string' }, note: { type: 'string' }, month: { type: 'string' },
      from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false },
    },
  });
  const target = positionals[0];
  if (positionals.length > 1 || (['save', 'rule', 'statement', 'scorecard'].includes(sub) && !target)) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (['save', 'rule', 'place', 'recall'].includes(sub) && !v.key) throw invalidField('key', 'an idempotency key is required (--key)');
  const body = sub === 'save' || sub === 'rule' ? readJson(target) : undefined;
  const app = await open();
  try {
    const opts = { actor: 'cli', idempotencyKey: `cli-agencies-${sub}:${v.key}` };
    let out: unknown;
    switch (sub) {
      case 'list':
        out = await listAgencies(app.db);
        break;
      case 'save':
        out = (await upsertAgency(app.db, app.clock, body, opts)).result;
        break;
      case 'rule':
        out = (await upsertPlacementRule(app.db, app.clock, body, opts)).result;
        break;
      case 'place':
        out = target
          ? (await placeAccount(app.db, app.clock, { accountRef: target, agencyId: v.agency, businessDate: v.date }, opts)).result
          : (await placeAccounts(app.db, app.clock, { businessDate: v.date }, opts)).result;
        break;
      case 'recall':
        out = target
          ? (await recallAccount(app.db, app.clock, { accountRef: target, businessDate: v.date, note: v.note }, opts)).result
          : (await recallPlacements(app.db, app.clock, { businessDate: v.date }, opts, { qaScores: qualityQaScores })).result;
        break;
      case 'statement':
        if (!v.month) throw invalidField('month', 'give the month, YYYY-MM');
        out = await commissionStatementFor(app.db, target!, v.month);
        break;
      default:
        if (!v.from || !v.to) throw invalidField(v.from ? 'to' : 'from', 'give the period with --from and --to (YYYY-MM-DD)');
        out = await agencyScorecard(app.db, target!, { from: v.from, to: v.to }, { qaScores: qualityQaScores });
    }
    io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : `${JSON.stringify(out, null, 2)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}
