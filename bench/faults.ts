/**
 * `npm run bench -- faults [--points N] [--seed S] [--engine pglite|pg] [--accounts N] [--timed-every K] [--json]`:
 * crash safety measured. A small portfolio goes through the scenario of test/support/faults.ts (daily
 * cycle, a payments import with backdated payments, dispatch to the SMPP and SMTP sinks) uninterrupted
 * — the reference, and the baseline of the timings — then N seeded kill points: each runs a phase with
 * the process killed (SIGKILL) at a named fault point (one in K at a random time instead), runs the
 * phase again to completion, and compares ledger and delinquency state, entries, outbox, contact
 * history, messages at the sinks (each exactly once) and the audit chain with the reference. Two
 * more points follow the N: a dispatch killed with messages at the provider whose rerun is killed in
 * its recovery (after claiming them again; after asking the provider), then run a third time.
 */
import { parseArgs } from 'node:util';
import { buildReference, choosePoints, recoveryPoints, runPoint, standardScenario, type PointResult } from '../test/support/faults.ts';

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      points: { type: 'string', default: '50' }, seed: { type: 'string', default: '1' }, engine: { type: 'string', default: 'pglite' },
      accounts: { type: 'string', default: '60' }, 'timed-every': { type: 'string', default: '5' }, json: { type: 'boolean', default: false },
    },
  });
  const points = Number(values.points);
  const seed = Number(values.seed);
  const accounts = Number(values.accounts);
  const timedEvery = Number(values['timed-every']);
  if (!Number.isInteger(points) || points < 1) throw new Error(`--points: expected a whole number ≥ 1, got ${values.points}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed: expected a whole number, got ${values.seed}`);
  if (!Number.isInteger(accounts) || accounts < 10) throw new Error(`--accounts: expected a whole number ≥ 10, got ${values.accounts}`);
  if (!Number.isInteger(timedEvery) || timedEvery < 0) throw new Error(`--timed-every: expected a whole number ≥ 0 (0: no timed kills), got ${values['timed-every']}`);
  if (values.engine !== 'pg' && values.engine !== 'pglite') throw new Error(`--engine: expected pg or pglite, got ${values.engine}`);
  const say = (s: string) => { if (!values.json) process.stderr.write(`${s}\n`); };

  const started = performance.now();
  const ref = await buildReference(values.engine, standardScenario(accounts), say);
  try {
    // The seeded points, then the recovery path's own (a killed dispatch whose rerun is killed too).
    const chosen = [...choosePoints(ref, points, seed, timedEvery), ...recoveryPoints(ref)];
    const results: PointResult[] = [];
    for (const [i, p] of chosen.entries()) {
      const r = await runPoint(ref, p);
      results.push(r);
      const fault = p.then ? `${p.fault}, then ${p.then}` : p.fault;
      say(`${String(i + 1).padStart(3)}  ${r.phase.padEnd(33)} ${fault.padEnd(40)} ${r.killed ? 'killed' : 'ran out'}${r.killedAgain === undefined ? '' : r.killedAgain ? ', again' : ', not again'}  ${r.seconds.toFixed(1).padStart(5)} s  ${r.differences.length ? `DIFFERS: ${r.differences.join('; ')}` : 'identical'}`);
    }
    const survived = results.filter((r) => r.differences.length === 0).length;
    const killed = results.filter((r) => r.killed).length;
    const byName = new Map<string, { n: number; ok: number }>();
    for (const r of results) {
      const name = r.point.fault.startsWith('after-ms:') ? 'after-ms (random time)' : r.point.fault.replace(/:\d+$/, '') + (r.point.then ? ` → ${r.point.then.replace(/:\d+$/, '')}` : '');
      const e = byName.get(name) ?? { n: 0, ok: 0 };
      e.n++;
      if (r.differences.length === 0) e.ok++;
      byName.set(name, e);
    }
    const seconds = (performance.now() - started) / 1000;
    const referenceSeconds = ref.seconds.phases.reduce((a, b) => a + b, 0);
    const messages = ref.observations.reduce((a, o) => a + o.sinkMessages.length, 0);
    const out = {
      engine: values.engine, accounts, seed, points: results.length, killed, survived, seconds: Math.round(seconds),
      referenceSeedSeconds: Math.round(ref.seconds.seed), referencePhaseSeconds: Math.round(referenceSeconds * 10) / 10,
      secondsPerPoint: Math.round((results.reduce((a, r) => a + r.seconds, 0) / results.length) * 10) / 10,
      referenceMessagesAtSinks: messages, faultPointsInReference: ref.traces.reduce((a, t) => a + t.length, 0),
      byPoint: Object.fromEntries(byName), failures: results.filter((r) => r.differences.length).map((r) => ({ phase: r.phase, fault: r.point.fault, differences: r.differences })),
    };
    if (values.json) process.stdout.write(`${JSON.stringify(out)}\n`);
    else {
      say('');
      say(`${'point'.padEnd(62)} kills  identical`);
      for (const [name, e] of [...byName].sort()) say(`${name.padEnd(62)} ${String(e.n).padStart(5)}  ${String(e.ok).padStart(9)}`);
      say('');
      say(`${survived}/${results.length} kill points survived (${killed} killed by the fault, ${results.length - killed} finished first), ${values.engine}, ${accounts} accounts, seed ${seed}; ` +
        `reference: ${messages} messages at the sinks, ${out.faultPointsInReference} fault points passed, phases ${out.referencePhaseSeconds} s; ${out.secondsPerPoint} s per point, ${out.seconds} s in all`);
    }
    if (survived !== results.length) process.exitCode = 1;
  } finally {
    await ref.dispose();
  }
}
