/**
 * One-off analysis: derives the figures the demo portfolio is calibrated on from the real data sets
 * in `../shared/data` (next to the repository) and writes them to `src/modules/demo/calibration.json`.
 *
 *   node --import tsx scripts/calibrate-demo.ts [--data DIR] [--out FILE]
 *
 * Only derived figures (shares, rates, quantiles, counts) leave this script; the data itself stays
 * outside the repository because of its licences (see docs/demo-data.md). Every figure is rounded to
 * four decimals so that a rerun on the same files produces the same JSON byte for byte.
 *
 * Files are streamed line by line (gzip files through zlib), so memory stays flat whatever the size.
 */
import { createReadStream, existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DECIMALS = 4;

// ---------------------------------------------------------------------------------------------
// Reading CSV

/**
 * Splits one CSV line into fields. Handles quoted fields with embedded commas and doubled quotes
 * (RFC 4180). None of the files used here has a newline inside a quoted field, so a line is a record.
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      fields.push(field);
      field = '';
    } else {
      field += ch;
    }
  }
  fields.push(field);
  return fields;
}

type Row = (column: string) => string;

/** Streams a CSV (optionally gzipped) and calls `onRow` with a column accessor; returns the row count. */
async function eachRow(path: string, onRow: (get: Row) => void): Promise<number> {
  const raw = createReadStream(path);
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let header: Map<string, number> | undefined;
  let rows = 0;
  for await (const rawLine of lines) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line === '') continue;
    const fields = splitCsvLine(line);
    if (!header) {
      header = new Map(fields.map((name, i) => [name.trim(), i]));
      continue;
    }
    const columns = header;
    const get: Row = (column) => {
      const i = columns.get(column);
      if (i === undefined) throw new Error(`${path}: no column '${column}'`);
      return fields[i] ?? '';
    };
    onRow(get);
    rows++;
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Small numeric helpers

const round = (x: number): number => {
  const f = 10 ** DECIMALS;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
};
const share = (part: number, whole: number): number => (whole === 0 ? 0 : round(part / whole));

/** Linear-interpolated quantile of an already sorted array. */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? a;
  return a + (b - a) * (pos - lo);
}

function parseNumber(text: string, what: string): number {
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x)) throw new Error(`not a number in ${what}: '${text}'`);
  return x;
}

/** Dollar amounts in the LendingClub files have two decimals; sums are kept in integer cents. */
const cents = (text: string, what: string): number => Math.round(parseNumber(text, what) * 100);

// ---------------------------------------------------------------------------------------------
// UCI default of credit card clients

/**
 * Buckets used for the UCI status codes. −2 (no consumption), −1 (paid duly) and 0 (revolving, at
 * least the minimum paid) are all "not past due"; 1..8 are months of delay, 9 means 9 or more.
 */
const BUCKETS = ['m0', 'm1', 'm2', 'm3', 'm4plus'] as const;
type Bucket = (typeof BUCKETS)[number];
const bucketOf = (status: number): Bucket =>
  status <= 0 ? 'm0' : status === 1 ? 'm1' : status === 2 ? 'm2' : status === 3 ? 'm3' : 'm4plus';

/** Status columns newest first, with the month each describes (the data set's documentation). */
const UCI_MONTHS = [
  { status: 'PAY_0', bill: 'BILL_AMT1', paid: 'PAY_AMT1', month: '2005-09' },
  { status: 'PAY_2', bill: 'BILL_AMT2', paid: 'PAY_AMT2', month: '2005-08' },
  { status: 'PAY_3', bill: 'BILL_AMT3', paid: 'PAY_AMT3', month: '2005-07' },
  { status: 'PAY_4', bill: 'BILL_AMT4', paid: 'PAY_AMT4', month: '2005-06' },
  { status: 'PAY_5', bill: 'BILL_AMT5', paid: 'PAY_AMT5', month: '2005-05' },
  { status: 'PAY_6', bill: 'BILL_AMT6', paid: 'PAY_AMT6', month: '2005-04' },
] as const;

/** States for the payment-ratio table: the three "not past due" codes kept apart, then buckets. */
const PAY_STATES = ['noConsumption', 'paidDuly', 'revolving', 'm1', 'm2', 'm3', 'm4plus'] as const;
type PayState = (typeof PAY_STATES)[number];
const payStateOf = (status: number): PayState =>
  status <= -2 ? 'noConsumption' : status === -1 ? 'paidDuly' : status === 0 ? 'revolving' : (bucketOf(status) as Exclude<Bucket, 'm0'>);

const zeroBuckets = (): Record<Bucket, number> => ({ m0: 0, m1: 0, m2: 0, m3: 0, m4plus: 0 });

function bucketShares(counts: Record<Bucket, number>) {
  const n = BUCKETS.reduce((s, b) => s + counts[b], 0);
  return { n, ...Object.fromEntries(BUCKETS.map((b) => [b, share(counts[b], n)])) } as { n: number } & Record<
    Bucket,
    number
  >;
}

async function analyseUci(file: string) {
  const monthCounts = UCI_MONTHS.map(() => zeroBuckets());
  // The latest month's "not past due" accounts by code: they pay in full (−2, −1) or revolve (0).
  const latestNotPastDue = { noConsumption: 0, paidDuly: 0, revolving: 0 };
  const worstCounts = zeroBuckets();
  const defaultsByBucket = { total: zeroBuckets(), defaulted: zeroBuckets() };
  // Transition counts from bucket a (older month) to bucket b (the next month).
  const pooled = Object.fromEntries(BUCKETS.map((b) => [b, zeroBuckets()])) as Record<Bucket, Record<Bucket, number>>;
  const latest = Object.fromEntries(BUCKETS.map((b) => [b, zeroBuckets()])) as Record<Bucket, Record<Bucket, number>>;
  // What a delinquent account did the next month, on the raw status codes: cured (status ≤ 0), held
  // (still delayed, by no more months than before: it paid something) or rolled (delay grew).
  const outcomes = Object.fromEntries(
    BUCKETS.filter((b) => b !== 'm0').map((b) => [b, { n: 0, cured: 0, held: 0, rolled: 0 }]),
  ) as Record<Exclude<Bucket, 'm0'>, { n: number; cured: number; held: number; rolled: number }>;
  // P(k → k+1) on the raw status codes, for k ≥ 3.
  const rawRoll = new Map<number, { n: number; rolled: number }>();
  // Payment ratios PAY_AMT(month) / BILL_AMT(previous month), by the status of the bill's month and,
  // for the alignment check, by the status of the payment's month.
  const ratios = Object.fromEntries(PAY_STATES.map((s) => [s, [] as number[]])) as Record<PayState, number[]>;
  let paidDulyFullByPaymentMonth = 0;
  let paidDulyByPaymentMonth = 0;
  let nonPositiveBills = 0;
  let ratioPairs = 0;

  const rows = await eachRow(file, (get) => {
    const status = UCI_MONTHS.map((m) => parseNumber(get(m.status), m.status));
    status.forEach((s, i) => (monthCounts[i]![bucketOf(s)] += 1));
    worstCounts[bucketOf(Math.max(...status))] += 1;

    const latestBucket = bucketOf(status[0]!);
    const latestState = payStateOf(status[0]!);
    if (latestState === 'noConsumption' || latestState === 'paidDuly' || latestState === 'revolving') {
      latestNotPastDue[latestState] += 1;
    }
    defaultsByBucket.total[latestBucket] += 1;
    if (get('default payment next month') === '1') defaultsByBucket.defaulted[latestBucket] += 1;

    // Index i+1 is the month before index i (PAY_6 → PAY_5 → … → PAY_2 → PAY_0).
    for (let i = 0; i < UCI_MONTHS.length - 1; i++) {
      const from = status[i + 1]!;
      const to = status[i]!;
      pooled[bucketOf(from)][bucketOf(to)] += 1;
      if (i === 0) latest[bucketOf(from)][bucketOf(to)] += 1;
      if (from >= 1) {
        const o = outcomes[bucketOf(from) as Exclude<Bucket, 'm0'>];
        o.n += 1;
        if (to <= 0) o.cured += 1;
        else if (to <= from) o.held += 1;
        else o.rolled += 1;
      }
      if (from >= 3) {
        const r = rawRoll.get(from) ?? { n: 0, rolled: 0 };
        r.n += 1;
        if (to === from + 1) r.rolled += 1;
        rawRoll.set(from, r);
      }

      const bill = parseNumber(get(UCI_MONTHS[i + 1]!.bill), 'BILL_AMT');
      const paid = parseNumber(get(UCI_MONTHS[i]!.paid), 'PAY_AMT');
      ratioPairs++;
      if (bill <= 0) {
        nonPositiveBills++;
        continue;
      }
      const ratio = paid / bill;
      ratios[payStateOf(from)].push(ratio);
      if (to === -1) {
        paidDulyByPaymentMonth++;
        if (ratio >= 1) paidDulyFullByPaymentMonth++;
      }
    }
  });

  const transitions = (counts: Record<Bucket, Record<Bucket, number>>) =>
    Object.fromEntries(BUCKETS.map((from) => [from, bucketShares(counts[from])])) as Record<
      Bucket,
      ReturnType<typeof bucketShares>
    >;

  const pooledRates = transitions(pooled);
  const latestRates = transitions(latest);
  const delayed = (r: ReturnType<typeof bucketShares>) => round(r.m1 + r.m2 + r.m3 + r.m4plus);

  const paymentRatio = Object.fromEntries(
    PAY_STATES.map((state) => {
      const v = ratios[state].slice().sort((a, b) => a - b);
      const payers = v.filter((x) => x > 0 && x < 1);
      return [
        state,
        {
          n: v.length,
          fullShare: share(v.filter((x) => x >= 1).length, v.length),
          partShare: share(v.filter((x) => x > 0.1 && x < 1).length, v.length),
          minimumishShare: share(v.filter((x) => x > 0 && x <= 0.1).length, v.length),
          nothingShare: share(v.filter((x) => x <= 0).length, v.length),
          partPayers: {
            n: payers.length,
            q25: round(quantile(payers, 0.25)),
            median: round(quantile(payers, 0.5)),
            q75: round(quantile(payers, 0.75)),
          },
        },
      ];
    }),
  ) as Record<PayState, unknown>;

  const delinquentPayers = (['m1', 'm2', 'm3', 'm4plus'] as const)
    .flatMap((s) => ratios[s].filter((x) => x > 0 && x < 1))
    .sort((a, b) => a - b);

  const defaultNextMonth = Object.fromEntries(
    BUCKETS.map((b) => [b, share(defaultsByBucket.defaulted[b], defaultsByBucket.total[b])]),
  ) as Record<Bucket, number>;

  return {
    rows,
    figures: {
      bucketSharesByMonth: UCI_MONTHS.map((m, i) => ({ month: m.month, column: m.status, ...bucketShares(monthCounts[i]!) }))
        .reverse(),
      pastDueShareLatest: round(1 - bucketShares(monthCounts[0]!).m0),
      notPastDueLatest: {
        noConsumption: share(latestNotPastDue.noConsumption, rows),
        paidDuly: share(latestNotPastDue.paidDuly, rows),
        revolving: share(latestNotPastDue.revolving, rows),
      },
      worstBucketInWindow: bucketShares(worstCounts),
      defaultNextMonthByLatestBucket: defaultNextMonth,
      rollRates: {
        pooled: { pairs: UCI_MONTHS.length - 1, from: pooledRates },
        latest: { pairs: 1, from: latestRates },
        summary: {
          currentTo1: pooledRates.m0.m1,
          currentToAnyDelay: delayed(pooledRates.m0),
          currentToAnyDelayLatest: delayed(latestRates.m0),
          oneTo2: pooledRates.m1.m2,
          oneCured: pooledRates.m1.m0,
          oneObserved: pooledRates.m1.n,
          twoTo3: pooledRates.m2.m3,
          twoCured: pooledRates.m2.m0,
          twoHeld: round(pooledRates.m2.m1 + pooledRates.m2.m2),
          threeTo4Plus: pooledRates.m3.m4plus,
          threeCured: pooledRates.m3.m0,
          threeHeld: round(pooledRates.m3.m1 + pooledRates.m3.m2 + pooledRates.m3.m3),
          fourPlusCured: pooledRates.m4plus.m0,
          fourPlusStayed: pooledRates.m4plus.m4plus,
        },
        outcomes: Object.fromEntries(
          Object.entries(outcomes).map(([b, o]) => [
            b,
            { n: o.n, cured: share(o.cured, o.n), held: share(o.held, o.n), rolled: share(o.rolled, o.n) },
          ]),
        ) as Record<Exclude<Bucket, 'm0'>, { n: number; cured: number; held: number; rolled: number }>,
        rollForwardByStatus: [...rawRoll.entries()]
          .sort((a, b) => a[0] - b[0])
          .map(([status, r]) => ({ status, n: r.n, toNext: share(r.rolled, r.n) })),
      },
      paymentRatio: {
        pairsExamined: ratioPairs,
        nonPositiveBillsSkipped: nonPositiveBills,
        byState: paymentRatio,
        delinquentPartPayers: {
          n: delinquentPayers.length,
          q25: round(quantile(delinquentPayers, 0.25)),
          median: round(quantile(delinquentPayers, 0.5)),
          q75: round(quantile(delinquentPayers, 0.75)),
        },
        alignmentCheck: {
          paidDulyFullShareByBillMonth: (paymentRatio.paidDuly as { fullShare: number }).fullShare,
          paidDulyFullShareByPaymentMonth: share(paidDulyFullByPaymentMonth, paidDulyByPaymentMonth),
        },
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// LendingClub

const LC_STATUSES = {
  Current: 'current',
  'In Grace Period': 'inGracePeriod',
  'Late (16-30 days)': 'late16to30',
  'Late (31-120 days)': 'late31to120',
  'Charged Off': 'chargedOff',
  'Fully Paid': 'fullyPaid',
} as const;
type LcStatus = (typeof LC_STATUSES)[keyof typeof LC_STATUSES] | 'other';

function statusShares(counts: Map<LcStatus, number>, n: number) {
  const keys: LcStatus[] = [...Object.values(LC_STATUSES), 'other'];
  return Object.fromEntries(keys.map((k) => [k, share(counts.get(k) ?? 0, n)])) as Record<LcStatus, number>;
}

const lcStatus = (text: string): LcStatus => LC_STATUSES[text.trim() as keyof typeof LC_STATUSES] ?? 'other';
const termMonths = (text: string): number => parseNumber(text.replace(/months?/i, ''), 'term');

async function analyseOpenIntro(file: string) {
  const counts = new Map<LcStatus, number>();
  const rates: number[] = [];
  const instalmentToLoan: number[] = [];
  let term36 = 0;
  let paidLateFees = 0;
  const rows = await eachRow(file, (get) => {
    const s = lcStatus(get('loan_status'));
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (termMonths(get('term')) === 36) term36++;
    rates.push(parseNumber(get('interest_rate'), 'interest_rate'));
    instalmentToLoan.push(parseNumber(get('installment'), 'installment') / parseNumber(get('loan_amount'), 'loan_amount'));
    if (parseNumber(get('paid_late_fees'), 'paid_late_fees') > 0) paidLateFees++;
  });
  rates.sort((a, b) => a - b);
  instalmentToLoan.sort((a, b) => a - b);
  const inGrace = counts.get('inGracePeriod') ?? 0;
  const late16 = counts.get('late16to30') ?? 0;
  const late31 = counts.get('late31to120') ?? 0;
  return {
    rows,
    figures: {
      n: rows,
      status: statusShares(counts, rows),
      pastDueShare: share(inGrace + late16 + late31, rows),
      // Among loans that are late by up to 30 days: how the delay splits between 1–15 days (LendingClub's
      // grace period) and 16–30 days. The demo's late-then-cures payers draw their delay from this.
      delayWithin30Days: { n: inGrace + late16, days1to15: share(inGrace, inGrace + late16), days16to30: share(late16, inGrace + late16) },
      paidLateFeesShare: share(paidLateFees, rows),
      term36Share: share(term36, rows),
      interestRatePct: { q25: round(quantile(rates, 0.25)), median: round(quantile(rates, 0.5)), q75: round(quantile(rates, 0.75)) },
      instalmentToLoanMedian: round(quantile(instalmentToLoan, 0.5)),
    },
  };
}

async function analyseSample(file: string) {
  const counts = new Map<LcStatus, number>();
  let chargedOff = 0;
  let chargedOffWithRecovery = 0;
  let recoveriesMinor = 0;
  let principalAtChargeOffMinor = 0;
  let recoveryFeeMinor = 0;
  let settled = 0;
  let term36 = 0;
  const rows = await eachRow(file, (get) => {
    const s = lcStatus(get('loan_status'));
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (termMonths(get('term')) === 36) term36++;
    if (s !== 'chargedOff') return;
    chargedOff++;
    const recovered = cents(get('recoveries'), 'recoveries');
    if (recovered > 0) chargedOffWithRecovery++;
    recoveriesMinor += recovered;
    recoveryFeeMinor += cents(get('collection_recovery_fee'), 'collection_recovery_fee');
    principalAtChargeOffMinor += cents(get('funded_amnt'), 'funded_amnt') - cents(get('total_rec_prncp'), 'total_rec_prncp');
    if (get('debt_settlement_flag').trim() === 'Y') settled++;
  });
  return {
    rows,
    figures: {
      n: rows,
      status: statusShares(counts, rows),
      term36Share: share(term36, rows),
      chargedOff: {
        n: chargedOff,
        withRecoveryShare: share(chargedOffWithRecovery, chargedOff),
        currency: 'USD',
        recoveriesMinor,
        principalAtChargeOffMinor,
        // recoveries ÷ (funded − principal repaid before charge-off)
        recoveryShare: share(recoveriesMinor, principalAtChargeOffMinor),
        collectionFeeShareOfRecoveries: share(recoveryFeeMinor, recoveriesMinor),
        debtSettlementShare: share(settled, chargedOff),
      },
    },
  };
}

async function analyseLoanStats(file: string) {
  const counts = new Map<LcStatus, number>();
  let term36 = 0;
  const rows = await eachRow(file, (get) => {
    const s = lcStatus(get('loan_status'));
    counts.set(s, (counts.get(s) ?? 0) + 1);
    if (termMonths(get('term')) === 36) term36++;
  });
  return {
    rows,
    figures: { n: rows, chargedOffShare: share(counts.get('chargedOff') ?? 0, rows), term36Share: share(term36, rows) },
  };
}

// ---------------------------------------------------------------------------------------------

function argValue(flag: string): string | undefined {
  const i = process.argv.indexOf(flag);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const dataDir = resolve(argValue('--data') ?? join(REPO_ROOT, '..', 'shared', 'data'));
  const outFile = resolve(argValue('--out') ?? join(REPO_ROOT, 'src', 'modules', 'demo', 'calibration.json'));
  const files = {
    uci: 'uci-credit-default/default_of_credit_card_clients.csv',
    openIntro: 'lending-club/openintro_loans_full_schema_2018q1.csv',
    sample: 'lending-club/lc_accepted_sample_1000.csv',
    loanStats: 'lending-club/LoanStats3a_2007_2011_16col.csv.gz',
  } as const;
  for (const f of Object.values(files)) {
    if (!existsSync(join(dataDir, f))) {
      console.error(`missing data file ${f} under ${dataDir} (pass --data DIR)`);
      process.exit(1);
    }
  }

  const [uci, openIntro, sample, loanStats] = await Promise.all([
    analyseUci(join(dataDir, files.uci)),
    analyseOpenIntro(join(dataDir, files.openIntro)),
    analyseSample(join(dataDir, files.sample)),
    analyseLoanStats(join(dataDir, files.loanStats)),
  ]);

  const lcTerms = 'LendingClub terms of use: internal test and benchmark use only, not redistributed';
  const calibration = {
    sources: {
      uci: {
        file: files.uci,
        rows: uci.rows,
        columns: 'PAY_0, PAY_2..PAY_6, BILL_AMT1..BILL_AMT6, PAY_AMT1..PAY_AMT6, default payment next month',
        licence: 'CC BY 4.0',
        citation:
          'Yeh, I.-C., & Lien, C.-H. (2009). The comparisons of data mining techniques for the predictive accuracy of probability of default of credit card clients. Expert Systems with Applications 36(2), 2473-2480. UCI Machine Learning Repository, doi:10.24432/C55S3H',
      },
      lendingClubOpenIntro: {
        file: files.openIntro,
        rows: openIntro.rows,
        columns: 'loan_status, term, interest_rate, installment, loan_amount, paid_late_fees',
        licence: lcTerms,
      },
      lendingClubSample: {
        file: files.sample,
        rows: sample.rows,
        columns: 'loan_status, term, funded_amnt, total_rec_prncp, recoveries, collection_recovery_fee, debt_settlement_flag',
        licence: lcTerms,
      },
      lendingClubLoanStats3a: {
        file: files.loanStats,
        rows: loanStats.rows,
        columns: 'loan_status, term',
        licence: lcTerms,
      },
    },
    uci: uci.figures,
    lendingClub: {
      openIntro2018Q1: openIntro.figures,
      sample1000: sample.figures,
      loanStats3a: loanStats.figures,
    },
  };

  writeFileSync(outFile, `${JSON.stringify(calibration, null, 2)}\n`);

  const u = uci.figures;
  const sep = u.bucketSharesByMonth[u.bucketSharesByMonth.length - 1]!;
  const rr = u.rollRates.summary;
  const pr = u.paymentRatio;
  const byState = pr.byState as Record<PayState, { n: number; fullShare: number; minimumishShare: number; nothingShare: number }>;
  const lines = [
    `UCI default of credit card clients: ${uci.rows} accounts`,
    `  buckets in ${sep.month} (${sep.column}): M0 ${pct(sep.m0)}, M1 ${pct(sep.m1)}, M2 ${pct(sep.m2)}, M3 ${pct(sep.m3)}, M4+ ${pct(sep.m4plus)}; past due ${pct(u.pastDueShareLatest)}`,
    `  past due by month: ${u.bucketSharesByMonth.map((m) => `${m.month} ${pct(1 - m.m0)}`).join(', ')}`,
    `  roll rates (5 month pairs pooled): current→1 ${pct(rr.currentTo1)}, current→any delay ${pct(rr.currentToAnyDelay)} (latest pair ${pct(rr.currentToAnyDelayLatest)}),`,
    `    1→2 ${pct(rr.oneTo2)}, 1→cured ${pct(rr.oneCured)} (only ${rr.oneObserved} observations), 2→3 ${pct(rr.twoTo3)}, 2→cured ${pct(rr.twoCured)}, 2 held ${pct(rr.twoHeld)},`,
    `    3→4+ ${pct(rr.threeTo4Plus)}, 3→cured ${pct(rr.threeCured)}, 4+ stayed ${pct(rr.fourPlusStayed)}`,
    `  next month (pooled, raw codes): ${Object.entries(u.rollRates.outcomes).map(([b, o]) => `${b} cured ${pct(o.cured)} held ${pct(o.held)} rolled ${pct(o.rolled)} (n=${o.n})`).join('; ')}`,
    `  roll forward k→k+1: ${u.rollRates.rollForwardByStatus.map((r) => `${r.status}→${r.status + 1} ${pct(r.toNext)} (n=${r.n})`).join(', ')}`,
    `  default next month by ${sep.column} bucket: ${BUCKETS.map((b) => `${b} ${pct(u.defaultNextMonthByLatestBucket[b])}`).join(', ')}`,
    `  payment ÷ previous bill (${pr.pairsExamined - pr.nonPositiveBillsSkipped} month pairs with a positive bill):`,
    ...PAY_STATES.map(
      (s) =>
        `    ${s.padEnd(14)} n=${String(byState[s].n).padStart(6)}  ≥100% ${pct(byState[s].fullShare).padStart(6)}  0–10% ${pct(byState[s].minimumishShare).padStart(6)}  nothing ${pct(byState[s].nothingShare).padStart(6)}`,
    ),
    `    delinquent accounts paying part of the bill: median ${pct(pr.delinquentPartPayers.median)} of the bill (quartiles ${pct(pr.delinquentPartPayers.q25)}–${pct(pr.delinquentPartPayers.q75)})`,
    `    alignment check: "paid duly" paid ≥100% in ${pct(pr.alignmentCheck.paidDulyFullShareByBillMonth)} of cases by the bill's month, ${pct(pr.alignmentCheck.paidDulyFullShareByPaymentMonth)} by the payment's month`,
    `LendingClub OpenIntro 2018Q1: ${openIntro.rows} loans`,
    `  ${Object.entries(openIntro.figures.status).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`,
    `  late ≤30 days: 1–15 days ${pct(openIntro.figures.delayWithin30Days.days1to15)}, 16–30 days ${pct(openIntro.figures.delayWithin30Days.days16to30)}`,
    `LendingClub 1,000-row sample: ${Object.entries(sample.figures.status).filter(([, v]) => v > 0).map(([k, v]) => `${k} ${pct(v)}`).join(', ')}`,
    `  charged off ${sample.figures.chargedOff.n}: recovered ${pct(sample.figures.chargedOff.recoveryShare)} of principal outstanding at charge-off`,
    `LendingClub LoanStats3a 2007–2011: ${loanStats.rows} loans, charged off ${pct(loanStats.figures.chargedOffShare)}`,
    `wrote ${relative(REPO_ROOT, outFile)}`,
  ];
  console.log(lines.join('\n'));
}

// Runs only as a script, so that the CSV splitter can be imported on its own.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
