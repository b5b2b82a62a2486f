import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/support/app.ts';
import { signIn } from '../../../test/support/auth.ts';
import { buildServer } from '../../http/app.ts';
import { createCustomer, openAccount } from '../ledger/index.ts';
import { recordCallOutcome, upsertCollector } from '../worklist/index.ts';
import { upsertAgency } from '../agencies/index.ts';
import { SCORECARD } from './index.ts';

test('the quality API: an agent attaches the transcript of their own call, the scan queues it, a compliance officer scores it, the figures show it; roles and bad input refused', async () => {
  const app = await testApp('2026-03-10T08:00:00.000Z');
  const server = await buildServer(app);
  try {
    const k = (s: string) => ({ actor: 'test', idempotencyKey: s });
    await createCustomer(app.db, app.clock, { id: 'C1', name: 'Ann Lee', timeZone: 'Europe/London', jurisdiction: 'UK', language: 'en' }, k('c1'));
    await openAccount(app.db, app.clock, { ref: 'L1', customerId: 'C1', productCode: 'CN_LOAN', openedOn: '2026-01-15', principalMinor: 1_200_000, termCount: 12 }, k('a1'));
    const [acc] = await app.db.query<{ id: number }>(`SELECT id FROM accounts WHERE ref = 'L1'`);
    // Agency users reach the API only from their agency's allowed addresses.
    await upsertAgency(app.db, app.clock, { id: 'A1', name: '甲催收', ipAllowList: ['127.0.0.1/32'], commission: { basis: 'dpd_at_placement', tiers: [{ from: 0, rateBp: 800 }] }, maxDaysPlaced: 60 }, k('ag'));
    await upsertCollector(app.db, app.clock, { id: 'ag-bob', name: 'Bob', team: 'A1', agencyId: 'A1', languages: ['en'], maxOpenCases: 10 }, k('u1'));
    await upsertCollector(app.db, app.clock, { id: 'ag-eve', name: 'Eve', team: 'A1', agencyId: 'A1', languages: ['en'], maxOpenCases: 10 }, k('u2'));
    const rec = await recordCallOutcome(app.db, app.clock, { accountId: Number(acc!.id), collectorId: 'ag-bob', outcome: 'rpc', contactPoint: '+447700900000', at: '2026-03-09T10:00:00.000Z' }, { idempotencyKey: 'call' });
    const callId = rec.result.callRecordId;

    const bob = await signIn(app, { roles: ['agency_agent'], userId: 'ag-bob', agencyId: 'A1' });
    const eve = await signIn(app, { roles: ['agency_agent'], userId: 'ag-eve', agencyId: 'A1' });
    const qa = await signIn(app, { roles: ['compliance_officer'], userId: 'qa-1' });
    const collector = await signIn(app, { roles: ['collector'], userId: 'in-1' });
    const text = 'Listen, you deadbeat: pay today or we will arrest you, and your employer will know about this debt.';
    const url = `/api/v1/call-records/${callId}/transcript`;

    const noKey = await server.inject({ method: 'POST', url, headers: bob, payload: { language: 'en', text } });
    assert.equal(noKey.statusCode, 400, noKey.body);
    assert.equal(noKey.json().issues[0].path, 'headers.idempotency-key');
    const badHash = await server.inject({ method: 'POST', url, headers: { ...bob, 'idempotency-key': 't0' }, payload: { language: 'en', text, recording: { ref: 'r.wav', sha256: 'xyz' } } });
    assert.equal(badHash.statusCode, 400);
    assert.match(badHash.json().message, /^body\.recording\.sha256: expected a sha256/);
    const notHers = await server.inject({ method: 'POST', url, headers: { ...eve, 'idempotency-key': 't1' }, payload: { language: 'en', text } });
    assert.equal(notHers.statusCode, 403);
    const anon = await server.inject({ method: 'POST', url, headers: { 'idempotency-key': 't1' }, payload: { language: 'en', text } });
    assert.equal(anon.statusCode, 401);
    const ok = await server.inject({ method: 'POST', url, headers: { ...bob, 'idempotency-key': 't2' }, payload: { language: 'en', text, recording: { ref: 'archive://calls/1.wav', sha256: 'b'.repeat(64) } } });
    assert.equal(ok.statusCode, 201);
    assert.equal(ok.json().transcript.uploadedBy, 'user:ag-bob');
    const other = await server.inject({ method: 'POST', url, headers: { ...bob, 'idempotency-key': 't3' }, payload: { language: 'en', text: 'something else' } });
    assert.equal(other.statusCode, 409, 'a different transcript for the same call');

    const forbidden = await server.inject({ method: 'POST', url: '/api/v1/quality/scan', headers: { ...collector, 'idempotency-key': 's0' }, payload: { businessDate: '2026-03-09' } });
    assert.equal(forbidden.statusCode, 403, 'collectors do not run the scan');
    const badDate = await server.inject({ method: 'POST', url: '/api/v1/quality/scan', headers: { ...qa, 'idempotency-key': 's1' }, payload: { businessDate: '9 March' } });
    assert.equal(badDate.statusCode, 400);
    assert.match(badDate.json().message, /^body\.businessDate: expected an ISO date/);
    const scan = await server.inject({ method: 'POST', url: '/api/v1/quality/scan', headers: { ...qa, 'idempotency-key': 's2' }, payload: { businessDate: '2026-03-09', sampling: { seed: 'x', rateBp: 0 } } });
    assert.equal(scan.statusCode, 200);
    assert.deepEqual([scan.json().scanned, scan.json().reviewsOpened, scan.json().bySource], [1, 1, { finding: 1, sample: 0 }]);

    const queue = await server.inject({ method: 'GET', url: '/api/v1/quality/reviews?status=open', headers: qa });
    assert.equal(queue.statusCode, 200);
    const [item] = queue.json().items;
    assert.deepEqual([item.source, item.agencyId, item.collectorId], ['finding', 'A1', 'ag-bob']);
    assert.ok(item.highFindings >= 3);
    const agentQueue = await server.inject({ method: 'GET', url: '/api/v1/quality/reviews', headers: bob });
    assert.equal(agentQueue.statusCode, 403, 'agency agents do not see the review queue');
    const detail = await server.inject({ method: 'GET', url: `/api/v1/quality/reviews/${item.id}`, headers: qa });
    const findings = detail.json().itemsDetail[0].findings as Array<{ category: string; match: string; start: number; end: number }>;
    assert.deepEqual([...new Set(findings.map((f) => f.category))].sort(), ['insult', 'third_party_disclosure', 'threat']);
    for (const f of findings) assert.equal(text.slice(f.start, f.end), f.match);
    assert.equal((await server.inject({ method: 'GET', url: '/api/v1/quality/reviews/999', headers: qa })).statusCode, 404);

    const card = await server.inject({ method: 'GET', url: '/api/v1/quality/scorecard', headers: qa });
    assert.equal(card.json().criteria.length, SCORECARD.length);
    const answers = Object.fromEntries(SCORECARD.map((c) => [c.code, c.critical ? 'not_met' : 'met']));
    const badScore = await server.inject({ method: 'POST', url: `/api/v1/quality/reviews/${item.id}/score`, headers: { ...qa, 'idempotency-key': 'sc0' }, payload: { answers: { ...answers, no_threats: 'maybe' } } });
    assert.equal(badScore.statusCode, 400);
    assert.match(badScore.json().issues[0].path, /^body\.answers/);
    const scored = await server.inject({ method: 'POST', url: `/api/v1/quality/reviews/${item.id}/score`, headers: { ...qa, 'idempotency-key': 'sc1' }, payload: { answers, comment: 'threat and disclosure' } });
    assert.equal(scored.statusCode, 200);
    assert.deepEqual([scored.json().score, scored.json().passed, scored.json().reviewer], [65, false, 'user:qa-1']);

    const scores = await server.inject({ method: 'GET', url: '/api/v1/quality/scores?from=2026-03-01&to=2026-03-31', headers: qa });
    assert.equal(scores.statusCode, 200);
    const a1 = scores.json().agencies.find((r: { agencyId: string | null }) => r.agencyId === 'A1');
    assert.deepEqual([a1.reviews, a1.failedReviews, a1.averageScore, a1.contacts], [1, 1, 65, 1]);
    const badWindow = await server.inject({ method: 'GET', url: '/api/v1/quality/scores?from=2026-03-31&to=2026-03-01', headers: qa });
    assert.equal(badWindow.statusCode, 400);
    assert.match(badWindow.json().message, /^to: must not be before from/);
  } finally {
    await server.close();
    await app.close();
  }
});
