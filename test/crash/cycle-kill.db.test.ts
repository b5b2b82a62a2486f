import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newTarget, fairdebt, stateHash, type Target } from '../support/processes.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import { CYCLE_LOCK } from '../../src/jobs/cycle.ts';

// A crash in the middle of the daily cycle loses nothing and does nothing twice: the process is
// killed with SIGKILL (no clean-up) partway through a run, the run is started again, and the state
// must be identical to that of an uninterrupted run. Rerunning a closed date changes nothing.

const SEED = ['demo', 'seed', '--accounts', '40', '--seed', '7', '--today', '2026-04-01', '--json'];
const RUN = ['cycle', 'run', '--date', '2026-04-10', '--json'];

async function seeded(): Promise<[Target, Target]> {
  const a = await newTarget();
  const seed = await fairdebt(SEED, a.env);
  assert.equal(seed.code, 0, seed.stderr);
  if (a.copy) return [a, a.copy()];
  const b = await newTarget();
  const seedB = await fairdebt(SEED, b.env);
  assert.equal(seedB.code, 0, seedB.stderr);
  return [a, b];
}

async function hashOf(t: Target): Promise<string> {
  const db = await t.open();
  try {
    return await stateHash(db);
  } finally {
    await db.close();
  }
}

test(`kill -9 during cycle run, then rerun: same state as an uninterrupted run (${TEST_ENGINE})`, { timeout: 600_000 }, async () => {
  const [clean, crashed] = await seeded();
  try {
    assert.equal(await hashOf(clean), await hashOf(crashed), 'both start from the same portfolio');

    const full = await fairdebt(RUN, clean.env);
    assert.equal(full.code, 0, full.stderr);
    const summary = JSON.parse(full.stdout) as { dates: number; rows: Record<string, number> };
    assert.equal(summary.dates, 10);
    const expected = await hashOf(clean);

    // One checkpoint per date, step and batch (one batch here); die after the 47th (in the middle of a date).
    const killed = await fairdebt(RUN, { ...crashed.env, FAIRDEBT_FAULT: 'cycle.batch.after-commit:47' });
    assert.equal(killed.signal, 'SIGKILL', `the run was killed: ${killed.stderr}`);
    assert.notEqual(await hashOf(crashed), expected, 'the killed run stopped partway');

    if (TEST_ENGINE === 'pg') {
      // One cycle at a time across processes: the killed run's lock went with its connection (the
      // test takes it at once), and while another process holds it a run refuses before touching
      // anything. (A PGlite directory is opened by one process at a time: the lock file.)
      const db = await crashed.open();
      try {
        const before = await stateHash(db);
        const refused = await db.exclusive(CYCLE_LOCK, () => fairdebt(RUN, crashed.env));
        assert.equal(refused.code, 2, refused.stderr);
        assert.match(refused.stderr, /ALREADY_RUNNING: the daily cycle is already running in another process/);
        assert.equal(await stateHash(db), before, 'the refused run changed nothing');
      } finally {
        await db.close();
      }
    }

    const rerun = await fairdebt(RUN, crashed.env);
    assert.equal(rerun.code, 0, rerun.stderr);
    assert.equal((JSON.parse(rerun.stdout) as { resumed: boolean }).resumed, true);
    assert.equal(await hashOf(crashed), expected, 'resumed run ends in the same state');

    // A finished date run again changes nothing.
    const again = await fairdebt(RUN, crashed.env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal((JSON.parse(again.stdout) as { alreadyClosed: boolean }).alreadyClosed, true);
    assert.equal(await hashOf(crashed), expected);

    // An earlier date is refused unless replayed; a replay re-derives the same state.
    const earlier = await fairdebt(['cycle', 'run', '--date', '2026-04-05'], crashed.env);
    assert.equal(earlier.code, 2);
    assert.match(earlier.stderr, /DATE_BEFORE_LAST_CLOSED: date: 2026-04-05 is before the last closed business date 2026-04-10/);
    const replay = await fairdebt(['cycle', 'run', '--date', '2026-04-05', '--replay', '--json'], crashed.env);
    assert.equal(replay.code, 0, replay.stderr);
    assert.equal(await hashOf(crashed), expected, 'a replay derives the same history');
  } finally {
    await clean.dispose();
    await crashed.dispose();
  }
});
