/**
 * `fairdebt cycle run --date YYYY-MM-DD [--replay] [--time-zone ZONE] [--json]`: closes business dates
 * up to --date, which must have ended in the time zone (default Asia/Shanghai).
 * A progress bar on a terminal; one JSON summary with --json.
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { checkGuardrails } from '../jobs/experiments.ts';
import { runCycle, DEFAULT_CYCLE_TIME_ZONE, type CycleProgress } from '../jobs/cycle.ts';
import { dateInZone, parseIsoDate, parseTimeZone } from '../platform/dates.ts';
import { AppError } from '../platform/errors.ts';

const USAGE = 'usage: fairdebt cycle run --date YYYY-MM-DD [--replay] [--time-zone ZONE] [--json]\n';

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'run') {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: { date: { type: 'string' }, replay: { type: 'boolean', default: false }, 'time-zone': { type: 'string', default: DEFAULT_CYCLE_TIME_ZONE }, json: { type: 'boolean', default: false } },
    strict: true,
  });
  if (!values.date) {
    io.stderr.write(`fairdebt: --date is required\n${USAGE}`);
    return 2;
  }
  const date = parseIsoDate(values.date, 'date');
  const timeZone = parseTimeZone(values['time-zone'], 'time-zone');
  const app = await openApp();
  const bar = !values.json && io.stderr.isTTY ? new cliProgress.SingleBar({ format: 'cycle {date} {step} |{bar}| {percentage}% {value}/{total}', stream: io.stderr as NodeJS.WriteStream }, cliProgress.Presets.shades_classic) : undefined;
  let started = false;
  const onProgress = (p: CycleProgress) => {
    if (bar) {
      if (!started) bar.start(p.total, 0, { date: p.date, step: p.step });
      started = true;
      bar.update(p.done, { date: p.date, step: p.step });
    }
  };
  try {
    // A date is closed once it has ended: interest and days past due for a day still under way (or a
    // mistyped year) would be posted as fact.
    const today = dateInZone(app.clock.now(), timeZone);
    if (date >= today) {
      throw new AppError('DATE_IN_FUTURE', `date: ${date} has not ended yet (today is ${today} in ${timeZone}, --time-zone); the cycle closes dates up to yesterday`, {
        issues: [{ path: 'date', message: `not before today ${today}` }],
      });
    }
    const summary = await runCycle(app.db, app.clock, { date, replay: values.replay, onProgress, planning: app.planning });
    bar?.stop();
    // Experiments' harm guardrails are checked once the dates are closed: a crossed one stops its arm.
    const experimentsStopped = summary.alreadyClosed ? [] : await checkGuardrails(app.db, app.clock, summary.targetDate);
    if (values.json) io.stdout.write(`${JSON.stringify({ ...summary, experimentsStopped })}\n`);
    else if (summary.alreadyClosed) io.stdout.write(`${summary.targetDate} is already closed; nothing to do\n`);
    else {
      const rows = Object.entries(summary.rows).map(([k, v]) => `${k} ${v}`).join(', ');
      if (experimentsStopped.length) io.stdout.write(`experiments stopped by their guardrails: ${experimentsStopped.join(', ')}\n`);
      io.stdout.write(`closed ${summary.dates} business date(s) ${summary.fromDate} → ${summary.targetDate} in ${summary.seconds.toFixed(1)} s${summary.resumed ? ' (resumed an interrupted run)' : ''}${summary.rewoundAccounts ? `, ${summary.rewoundAccounts} account(s) re-derived` : ''}\n  rows: ${rows || 'none'}\n`);
    }
    return 0;
  } finally {
    bar?.stop();
    await app.close();
  }
}
