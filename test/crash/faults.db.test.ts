import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildReference, middleOf, recoveryPoints, runPoint, standardScenario } from '../support/faults.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';

// Crash safety at named fault points: a small portfolio through the daily cycle, a payments import
// (some backdated: the next cycle re-derives those accounts) and dispatch to the SMPP and SMTP sinks;
// each point below kills its phase with SIGKILL there, the phase is run again, and ledger and
// delinquency state, entries, outbox, contact history, the messages at the sinks (each exactly once)
// and the audit chain must equal those of the uninterrupted reference. `npm run bench -- faults`
// runs the same harness over 50 and more seeded points.

test(`kill -9 at fault points in the cycle, the import and dispatch, then rerun: same state as uninterrupted (${TEST_ENGINE})`, { timeout: 900_000 }, async () => {
  const ref = await buildReference(TEST_ENGINE === 'pg' ? 'pg' : 'pglite', standardScenario(30, 7));
  try {
    const messages = ref.observations.map((o) => o.sinkMessages.length);
    assert.ok(messages[1]! >= 20 && messages[4]! >= 20, `both dispatch phases send enough to interrupt: ${messages.join(', ')}`);
    assert.ok(ref.observations.every((o) => o.auditOk && o.duplicateReferences === 0 && o.duplicateVerifyCodes === 0));
    const all = [
      middleOf(ref, 0, 'cycle.batch.before-commit'), // inside a step's transaction: rolled back
      middleOf(ref, 1, 'dispatch.send.after-provider'), // at the SMSC, not yet recorded
      middleOf(ref, 3, 'cycle.rewind.after-commit'), // backdated payments: accounts rewound, not yet re-derived
      middleOf(ref, 0, 'cycle.batch.after-commit'), // between checkpoints
      middleOf(ref, 2, 'import.chunk.before-commit'),
      middleOf(ref, 4, 'dispatch.decisions.after-commit'), // claimed and checked, nothing sent
    ];
    // Each point costs a killed run and a rerun of its phase: PostgreSQL takes all six and the two of
    // the recovery path (a dispatch killed with messages at the provider, its rerun killed again while
    // recovering them), PGlite (the slower engine here) the first three, one each in the cycle,
    // dispatch and a replay. The benchmark takes 50 and more on both, and the recovery path's two.
    const points = TEST_ENGINE === 'pg' ? [...all, ...recoveryPoints(ref)] : all.slice(0, 3);
    for (const p of points) {
      const r = await runPoint(ref, p);
      assert.ok(r.killed, `${r.phase}: the fault ${p.fault} killed the process`);
      if (p.then) assert.equal(r.killedAgain, true, `${r.phase}: the fault ${p.then} killed the rerun`);
      assert.deepEqual(r.differences, [], `${r.phase} killed at ${p.fault}, then rerun: identical to the reference`);
      if (p.fault.startsWith('dispatch.send.after-provider')) {
        // The interrupted sends were found at the sinks by their reference and recorded, not sent again.
        const resumed = JSON.parse(r.resumeOutput) as { recovered: number };
        assert.ok(resumed.recovered >= 1, `interrupted sends recovered from the provider: ${r.resumeOutput}`);
      }
    }
  } finally {
    await ref.dispose();
  }
});
