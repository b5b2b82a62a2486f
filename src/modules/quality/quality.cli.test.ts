import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { main } from '../../cli/main.ts';
import { memoryIo } from '../../cli/io.ts';
import { openApp } from '../../main.ts';
import { fixedClock } from '../../platform/clock.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { recordCallOutcome, upsertCollector } from '../worklist/index.ts';
import { attachTranscript, SCORECARD } from './index.ts';
import { freshDataDir } from '../../platform/testing.ts';

let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fairdebt-quality-cli-'));
  // The CLI opens the application from the environment: an embedded database in a fresh folder.
  process.env.DATA_DIR = await freshDataDir(join(dir, 'pglite'));
  process.env.DATABASE_URL = '';
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = memoryIo();
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

test('fairdebt quality: scan a date, list the queue, show a review with its findings, score it, print the figures; bad input exits 2 naming the field', async () => {
  const app = await openApp({ clock: fixedClock('2026-03-10T08:00:00.000Z') });
  try {
    const k = (s: string) => ({ actor: 'test', idempotencyKey: s });
    await createCustomer(app.db, app.clock, { id: 'C1', name: '王五', timeZone: 'Asia/Shanghai', jurisdiction: 'CN', language: 'zh-CN' }, k('c1'));
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k('a1'));
    const [acc] = await app.db.query<{ id: number }>(`SELECT id FROM accounts WHERE ref = 'L1'`);
    await upsertCollector(app.db, app.clock, { id: 'ag-zhou', name: '周', team: 'A1', agencyId: 'A1', languages: ['zh-CN'], maxOpenCases: 10 }, k('u1'));
    const call = await recordCallOutcome(app.db, app.clock, { accountId: Number(acc!.id), collectorId: 'ag-zhou', outcome: 'rpc', contactPoint: '+8613800000000', at: '2026-03-09T03:00:00.000Z' }, { idempotencyKey: 'call' });
    await attachTranscript(app.db, app.clock, { callRecordId: call.result.callRecordId, language: 'zh-CN', text: '再不还钱就让你坐 牢' }, { actor: 'user:ag-zhou', userId: 'ag-zhou', scope: 'own', agencyId: 'A1' }, { idempotencyKey: 't' });
  } finally {
    await app.close();
  }

  const noKey = await cli(['quality', 'scan', '--date', '2026-03-09', '--actor', 'qa1']);
  assert.equal(noKey.code, 2);
  assert.match(noKey.err, /key: an idempotency key is required/);
  const scan = await cli(['quality', 'scan', '--date', '2026-03-09', '--rate-bp', '0', '--actor', 'qa1', '--key', 's1']);
  assert.equal(scan.code, 0, scan.err);
  assert.equal(scan.out, '2026-03-09: 1 scanned, 1 findings, 1 with high severity; reviews opened 1 (findings 1, sample 0)\n');

  const reviews = await cli(['quality', 'reviews', '--status', 'open']);
  assert.match(reviews.out, /^#(\d+) open finding 2026-03-09 A1\/ag-zhou items 1, high 1\n$/);
  const id = /^#(\d+)/.exec(reviews.out)![1]!;
  const show = await cli(['quality', 'show', id]);
  assert.match(show.out, /high threat «坐 牢» 威胁/);

  const bad = await cli(['quality', 'score', id, '--answers', 'no_threats=maybe', '--actor', 'qa1', '--key', 'x']);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /answers\.no_threats/);
  const answers = SCORECARD.map((c) => `${c.code}=${c.code === 'no_threats' ? 'not_met' : 'met'}`).join(',');
  const scored = await cli(['quality', 'score', id, '--answers', answers, '--comment', '威胁坐牢', '--actor', 'qa1', '--key', 'sc1']);
  assert.equal(scored.code, 0, scored.err);
  assert.equal(scored.out, `#${id} scored 80 fail (critical: no_threats)\n`);

  const scores = await cli(['quality', 'scores', '--from', '2026-03-01', '--to', '2026-03-31', '--json']);
  const a1 = JSON.parse(scores.out).agencies.find((r: { agencyId: string | null }) => r.agencyId === 'A1');
  assert.deepEqual([a1.reviews, a1.averageScore, a1.contacts, a1.highFindings, a1.highFindingsPer1000], [1, 80, 1, 1, 1000]);
});
