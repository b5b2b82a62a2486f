import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import { main } from '../../cli/main.ts';
import { memoryIo } from '../../cli/io.ts';
import { seededRandom } from './split.rules.ts';
import { ACCOUNT_COLUMNS } from './accounts.queries.ts';

/** The UCI sample committed with the repository (CC BY 4.0); the tests use slices of it. */
const UCI = new URL('../../../data/uci-credit-default/default_of_credit_card_clients.csv.gz', import.meta.url);

let dir: string;
let header: string;
let lines: string[];
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'fairdebt-model-cli-'));
  [header, ...lines] = gunzipSync(readFileSync(UCI)).toString('utf8').trimEnd().split('\n') as [string, ...string[]];
  // Training slice (gzip) and a later slice the model never sees (plain CSV).
  writeFileSync(join(dir, 'train.csv.gz'), gzipSync([header, ...lines.slice(0, 6000)].join('\n') + '\n'));
  writeFileSync(join(dir, 'unseen.csv'), [header, ...lines.slice(6000, 9000)].join('\n') + '\n');
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

const p = (name: string) => join(dir, name);

describe('fairdebt model on UCI slices', () => {
  for (const method of ['scorecard', 'gbdt'] as const) {
    it(`${method}: trains, writes a versioned artefact with the data's sha256, and evaluates on rows it never saw`, async () => {
      const train = await cli(['model', 'train', '--data', p('train.csv.gz'), '--method', method, '--out', p(`${method}.json`), '--json']);
      assert.equal(train.code, 0, train.err);
      const summary = JSON.parse(train.out);
      assert.deepEqual([summary.format, summary.rows, summary.trainRows, summary.holdoutRows], ['uci', 6000, 4200, 1800]);
      assert.ok(summary.holdout.auc >= 0.74, `hold-out AUC ${summary.holdout.auc}`);

      const artefact = JSON.parse(readFileSync(p(`${method}.json`), 'utf8'));
      assert.equal(artefact.kind, 'fairdebt.scoring-model');
      assert.equal(artefact.version, 1);
      assert.equal(artefact.method, method);
      assert.match(artefact.data.sha256, /^[0-9a-f]{64}$/);
      assert.equal(artefact.data.sha256, summary.sha256);
      assert.ok(artefact.params && artefact.metrics.holdout.auc === summary.holdout.auc);
      assert.ok(!artefact.features.includes('SEX') && !artefact.features.includes('AGE'));

      const ev = await cli(['model', 'evaluate', '--model', p(`${method}.json`), '--data', p('unseen.csv'), '--json']);
      assert.equal(ev.code, 0, ev.err);
      const r = JSON.parse(ev.out);
      for (const k of ['rows', 'auc', 'ks', 'brier']) assert.equal(typeof r[k], 'number', k);
      assert.equal(r.rows, 3000);
      assert.equal(r.trainingData, false);
      assert.ok(r.auc >= 0.74, `unseen AUC ${r.auc}`);
      assert.ok(r.ks > 0.3 && r.brier < 0.16);
      assert.equal(r.reliability.length, 10);
      assert.deepEqual(r.fairness.attributes.map((a: { attribute: string }) => a.attribute), ['sex', 'age', 'marriage']);

      // The hold-out rows of the training file give back the figures stored in the artefact.
      const again = await cli(['model', 'evaluate', '--model', p(`${method}.json`), '--data', p('train.csv.gz'), '--rows', 'holdout', '--json']);
      assert.equal(again.code, 0, again.err);
      assert.equal(JSON.parse(again.out).auc, artefact.metrics.holdout.auc);
    });
  }

  it('is deterministic: the same data and seed give the same artefact, byte for byte; the seed changes the split', async () => {
    for (const [out, seed] of [['a.json', '5'], ['b.json', '5'], ['c.json', '6']] as const) assert.equal((await cli(['model', 'train', '--data', p('train.csv.gz'), '--method', 'gbdt', '--seed', seed, '--out', p(out)])).code, 0);
    assert.equal(readFileSync(p('a.json'), 'utf8'), readFileSync(p('b.json'), 'utf8'));
    assert.notEqual(readFileSync(p('a.json'), 'utf8'), readFileSync(p('c.json'), 'utf8'));
  });

  it('explains a scorecard score point by point', async () => {
    const r = await cli(['model', 'explain', '--model', p('scorecard.json'), '--data', p('unseen.csv'), '--line', '2', '--json']);
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out);
    assert.equal(e.score, e.basePoints + e.features.reduce((s: number, f: { points: number }) => s + f.points, 0));
    assert.ok(e.pd > 0 && e.pd < 1);
  });

  it('includes the protected attributes only when asked, for the comparison', async () => {
    const r = await cli(['model', 'train', '--data', p('train.csv.gz'), '--method', 'scorecard', '--include-protected', '--out', p('prot.json')]);
    assert.equal(r.code, 0, r.err);
    const a = JSON.parse(readFileSync(p('prot.json'), 'utf8'));
    assert.equal(a.protectedIncluded, true);
    assert.ok(['SEX', 'MARRIAGE', 'AGE'].every((f) => a.features.includes(f)));
  });

  it('refuses bad input with exit code 2, naming the option, column or line', async () => {
    writeFileSync(p('nocol.csv'), [header.replace(',PAY_0,', ',PAY_X,'), ...lines.slice(0, 50).map((l) => l)].join('\n'));
    writeFileSync(p('text.csv'), [header, lines[0], lines[1]!.replace(/^(\d+),(\d+),/, '$1,lots,')].join('\n'));
    writeFileSync(p('notamodel.json'), '{"kind":"something"}');
    const cases: Array<[string[], RegExp]> = [
      [['model', 'train', '--data', p('train.csv.gz'), '--format', 'xls', '--out', p('x.json')], /format: unknown format 'xls'/],
      [['model', 'train', '--data', p('train.csv.gz'), '--method', 'forest', '--out', p('x.json')], /method: unknown method 'forest'/],
      [['model', 'train', '--data', p('nocol.csv'), '--out', p('x.json')], /PAY_0: column missing from the header/],
      [['model', 'train', '--data', p('text.csv'), '--out', p('x.json')], /LIMIT_BAL: expected a number on line 3, got 'lots'/],
      [['model', 'train', '--data', p('missing.csv'), '--out', p('x.json')], /data: cannot read/],
      [['model', 'train', '--data', p('train.csv.gz')], /out: required/],
      [['model', 'train', '--data', p('train.csv.gz'), '--holdout', '1.5', '--out', p('x.json')], /holdout: expected a number in \[0, 0.9\)/],
      [['model', 'train', '--data', p('train.csv.gz'), '--target', 'Y', '--out', p('x.json')], /Y: column missing/],
      [['model', 'evaluate', '--model', p('notamodel.json'), '--data', p('unseen.csv')], /model: not a Fairdebt scoring model/],
      [['model', 'evaluate', '--model', p('gbdt.json'), '--data', p('unseen.csv'), '--rows', 'holdout'], /rows: holdout rows exist only in the training file/],
      [['model', 'evaluate', '--model', p('gbdt.json'), '--data', p('unseen.csv'), '--bogus'], /options: Unknown option '--bogus'/],
      [['model', 'explain', '--model', p('gbdt.json'), '--data', p('unseen.csv'), '--line', '2'], /model: explain reads a scorecard's points/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
    assert.equal((await cli(['model'])).code, 2);
  });
});

describe('fairdebt model on a Give Me Some Credit file', () => {
  // The GMSC data may not be redistributed, so this test writes a synthetic file in its format:
  // past-due counts and utilisation drive the risk, income is sometimes NA (CRLF, as the source).
  it('trains both methods and evaluates them', async () => {
    const r = seededRandom(11);
    const rows = ['id,SeriousDlqin2yrs,RevolvingUtilizationOfUnsecuredLines,age,NumberOfTime30-59DaysPastDueNotWorse,DebtRatio,MonthlyIncome,NumberOfOpenCreditLinesAndLoans,NumberOfTimes90DaysLate,NumberRealEstateLoansOrLines,NumberOfTime60-89DaysPastDueNotWorse,NumberOfDependents'];
    for (let i = 1; i <= 4000; i++) {
      const util = r() * 1.2;
      const late30 = r() < 0.8 ? 0 : Math.floor(r() * 4);
      const late90 = r() < 0.93 ? 0 : Math.floor(r() * 3) + 1;
      const z = -4 + 2 * util + 0.7 * late30 + 1.5 * late90;
      const y = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      const income = r() < 0.2 ? 'NA' : String(Math.round(2000 + r() * 10000));
      rows.push([i, y, util.toFixed(6), 21 + Math.floor(r() * 60), late30, (r() * 2).toFixed(6), income, Math.floor(r() * 20), late90, Math.floor(r() * 3), r() < 0.95 ? 0 : 1, r() < 0.05 ? 'NA' : Math.floor(r() * 4)].join(','));
    }
    writeFileSync(p('gmsc.csv'), rows.join('\r\n') + '\r\n');
    for (const method of ['scorecard', 'gbdt']) {
      const t = await cli(['model', 'train', '--data', p('gmsc.csv'), '--format', 'gmsc', '--method', method, '--out', p(`g-${method}.json`), '--json']);
      assert.equal(t.code, 0, t.err);
      assert.ok(JSON.parse(t.out).holdout.auc > 0.75, t.out);
      const e = await cli(['model', 'evaluate', '--model', p(`g-${method}.json`), '--data', p('gmsc.csv'), '--rows', 'holdout', '--json']);
      const ev = JSON.parse(e.out);
      assert.equal(ev.rows, 1200);
      assert.deepEqual(ev.fairness.attributes.map((a: { attribute: string }) => a.attribute), ['age']);
    }
  });
});

describe('fairdebt model on an accounts file', () => {
  // The columns `fairdebt model features` writes (accounts.db.test.ts checks the SQL behind them);
  // here synthetic values in which the DPD on the date and the missed payments drive the outcome.
  it('trains and evaluates on the accounts format, NA for never paid', async () => {
    const r = seededRandom(5);
    const lines = [ACCOUNT_COLUMNS.join(',')];
    for (let i = 1; i <= 3000; i++) {
      const dpd = r() < 0.7 ? 0 : Math.floor(r() * 40);
      const payments = dpd === 0 ? 1 + Math.floor(r() * 3) : Math.floor(r() * 2);
      const z = -3 + 0.08 * dpd - 0.6 * payments + (r() - 0.5);
      const bad = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      const owed = Math.floor(r() * 1_000_000);
      const row: Record<string, string | number> = {
        account_id: i, months_on_book: Math.floor(r() * 24), size_minor: 1_200_000, owed_minor: owed, principal_minor: Math.floor(owed * 0.9),
        utilisation: (owed / 1_200_000).toFixed(4), dpd_now: dpd, max_dpd_180: dpd + Math.floor(r() * 10), roll_forwards_180: dpd > 30 ? 2 : dpd > 0 ? 1 : 0,
        cures_180: Math.floor(r() * 2), payments_90: payments, paid_90_minor: payments * 100_000, days_since_payment: payments ? Math.floor(r() * 90) : 'NA',
        contacts_30: Math.floor(r() * 5), inbound_30: Math.floor(r() * 2), dpd30_within_horizon: bad,
      };
      lines.push(ACCOUNT_COLUMNS.map((c) => row[c]).join(','));
    }
    writeFileSync(p('accounts.csv'), lines.join('\n') + '\n');
    for (const method of ['scorecard', 'gbdt']) {
      const t = await cli(['model', 'train', '--data', p('accounts.csv'), '--method', method, '--out', p(`a-${method}.json`), '--json']);
      assert.equal(t.code, 0, t.err);
      const s = JSON.parse(t.out);
      assert.equal(s.format, 'accounts');
      assert.ok(s.holdout.auc > 0.75, t.out);
      const e = await cli(['model', 'evaluate', '--model', p(`a-${method}.json`), '--data', p('accounts.csv'), '--json']);
      assert.equal(e.code, 0, e.err);
      assert.equal(JSON.parse(e.out).rows, 3000);
    }
  });
});
