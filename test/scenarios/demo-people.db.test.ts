/**
 * The demo's people and its agency, as `npm start` makes them: every demo user signs in with the demo
 * password; the agency's users see the accounts its rule placed with it, and only from loopback.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../support/app.ts';
import { buildServer } from '../../src/http/app.ts';
import { seedDemo, ensureDemoWorklist, ensureDemoUsers, ensureDemoAgency, DEMO_USERS, DEMO_AGENCY_USERS, DEMO_PASSWORD } from '../../src/modules/demo/index.ts';

test('the demo creates a user per lender role, the collectors and an agency with placed accounts; each signs in with the demo password', { timeout: 600_000 }, async () => {
  const app = await testApp('2026-03-01T02:00:00.000Z');
  try {
    await seedDemo(app, { accounts: 400, seed: 7, today: '2026-03-01' });
    await ensureDemoWorklist(app, '2026-02-28');
    assert.equal(await ensureDemoUsers(app), DEMO_USERS.length);
    assert.equal(await ensureDemoUsers(app), 0, 'a second start creates nobody');
    const placed = await ensureDemoAgency(app, '2026-02-28', DEMO_PASSWORD);
    assert.equal(await ensureDemoAgency(app, '2026-02-28', DEMO_PASSWORD), 0, 'a second start leaves the agency alone');
    const server = await buildServer(app);
    try {
      for (const u of [DEMO_USERS[0]!, DEMO_USERS.at(-1)!, ...DEMO_AGENCY_USERS]) {
        const r = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u.id, password: DEMO_PASSWORD }, remoteAddress: '127.0.0.1' });
        assert.equal(r.statusCode, 200, `${u.id}: ${r.body}`);
      }
      const agent = await server.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'agency.agent', password: DEMO_PASSWORD }, remoteAddress: '127.0.0.1' });
      const auth = { authorization: `Bearer ${agent.json().token}` };
      const mine = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: auth, remoteAddress: '127.0.0.1' });
      assert.equal(mine.statusCode, 200, mine.body);
      const items = (mine.json().items ?? mine.json()) as unknown[];
      assert.equal(items.length, placed, 'the agency sees exactly the accounts placed with it');
      const away = await server.inject({ method: 'GET', url: '/api/v1/agency/accounts', headers: auth, remoteAddress: '198.51.100.7' });
      assert.equal(away.statusCode, 403, 'not from outside the allow-list');
    } finally {
      await server.close();
    }
  } finally {
    await app.close();
  }
});
