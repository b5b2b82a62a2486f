import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { scenario, hooks, type Scenario } from '../support/scenario.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { run as agenciesCli } from '../../src/cli/agencies.ts';
import { TEST_ENGINE } from '../../src/platform/testing.ts';
import type { App } from '../../src/main.ts';

const appOf = (s: Scenario) => async (): Promise<App> => ({ config: loadConfig({}), db: s.db, clock: fixedClock('2026-03-20T02:00:00.000Z'), hooks, close: async () => undefined });

test(`fairdebt agencies: save an agency and a rule from JSON, run placement, recall by hand, statement and scorecard; bad input names the field (${TEST_ENGINE})`, async () => {
  const s = await scenario();
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-agencies-'));
  const cli = async (...args: string[]) => {
    const io = memoryIo();
    let code: number;
    try {
      code = await agenciesCli(args, io, appOf(s));
    } catch (err) {
      return { code: 2, out: '', err: (err as Error).message };
    }
    return { code, out: io.out(), err: io.err() };
  };
  try {
    for (const ref of ['A1', 'A2']) await s.loan(ref, { principalMinor: 600_000, termCount: 6, openedOn: '2026-01-10' });
    await s.closeThrough('2026-03-19');
    const agency = join(dir, 'agency.json');
    writeFileSync(agency, JSON.stringify({ id: 'AG-1', name: '华信', ipAllowList: ['127.0.0.1/32'], commission: { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 1500 }] }, maxDaysPlaced: 60 }));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ id: 'AG-2', name: 'x', commission: { basis: 'dpd_at_placement', tiers: [{ from: 5, rateBp: 1500 }] }, maxDaysPlaced: 0 }));
    const refused = await cli('save', bad, '--key', 'b1');
    assert.equal(refused.code, 2);
    assert.match(refused.err, /commission\.tiers\.0\.from/);
    assert.match(refused.err, /maxDaysPlaced/);
    assert.equal((await cli('save', agency, '--key', 'a1')).code, 0);
    const rule = join(dir, 'rule.json');
    writeFileSync(rule, JSON.stringify({ code: 'LATE', priority: 1, allocations: [{ agencyId: 'AG-1', shareBp: 10000 }] }));
    assert.equal((await cli('rule', rule, '--key', 'r1')).code, 0);

    const placed = await cli('place', '--date', '2026-03-19', '--key', 'p1', '--json');
    assert.equal(placed.code, 0, placed.err);
    assert.equal(JSON.parse(placed.out).placed, 2);
    const list = await cli('list', '--json');
    assert.deepEqual((JSON.parse(list.out) as Array<{ id: string }>).map((a) => a.id), ['AG-1']);
    const recalled = await cli('recall', 'A1', '--date', '2026-03-19', '--note', '客户投诉', '--key', 'r2', '--json');
    assert.equal(recalled.code, 0, recalled.err);
    const noNote = await cli('recall', 'A2', '--date', '2026-03-19', '--key', 'r3');
    assert.equal(noNote.code, 2);
    assert.match(noNote.err, /note/);
    const statement = await cli('statement', 'AG-1', '--month', '2026-03', '--json');
    assert.equal(statement.code, 0, statement.err);
    assert.deepEqual([JSON.parse(statement.out).placements, JSON.parse(statement.out).commissionMinor], [2, 0], 'no payment while placed: no commission');
    const card = await cli('scorecard', 'AG-1', '--from', '2026-03-01', '--to', '2026-03-31', '--json');
    assert.equal(card.code, 0, card.err);
    const noKey = await cli('place', '--date', '2026-03-19');
    assert.match(noKey.err, /key/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await s.close();
  }
});
