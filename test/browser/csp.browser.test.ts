/**
 * The server's Content-Security-Policy does not break the UI. The other browser tests open pages with
 * the policy bypassed (so that axe-core can be injected); this one keeps it enforced and fails on any
 * violation the browser reports or any console error, on the workbench (signed in, a page with a
 * chart), its sign-in page and the portal's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConsoleMessage } from 'playwright-core';
import { launchBrowser } from './support.ts';
import { testApp } from '../support/app.ts';
import { buildServer } from '../../src/http/app.ts';
import { builtWebUi } from '../../src/http/web.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/http/hardening.ts';
import { issueSession } from '../../src/modules/identity/index.ts';

test('the UI runs under the Content-Security-Policy: no violation, no console error', { timeout: 600_000 }, async () => {
  const web = builtWebUi();
  assert.ok(web, 'web/dist is missing: node scripts/ensure-web-build.mjs builds it');
  const app = await testApp('2026-03-01T06:00:00.000Z');
  const server = await buildServer(app, { web });
  const url = await server.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchBrowser();
  try {
    await app.db.query(`INSERT INTO users (id, display_name, roles, password_hash, created_at, updated_at) VALUES ('csp-admin', 'CSP', '{admin}', 'test-only$no-password', now(), now())`);
    const { sessionId: _s, ...grant } = await issueSession(app.db, app.clock, { userId: 'csp-admin', roles: ['admin'], agencyId: null, displayName: 'CSP' });
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await context.addInitScript({ content: `sessionStorage.setItem('fairdebt.session.workbench', ${JSON.stringify(JSON.stringify(grant))})` });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) problems.push(`${page.url()}: console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: page error: ${e.message}`));
    // The browser's own report of each refused load or inline script/style.
    await page.exposeFunction('cspViolation', (v: string) => problems.push(`${page.url()}: CSP violation: ${v}`));
    await context.addInitScript({
      content: "document.addEventListener('securitypolicyviolation', (e) => window.cspViolation(e.violatedDirective + ' ' + e.blockedURI))",
    });
    for (const path of ['/', '/outbox', '/portal']) {
      const res = await page.goto(`${url}${path}`);
      assert.equal(res?.headers()['content-security-policy'], CONTENT_SECURITY_POLICY, `${path} is served under the policy`);
      await page.waitForLoadState('networkidle');
      // The app rendered: React mounted something into the page.
      assert.ok((await page.locator('#root > *').count()) > 0, `${path} rendered`);
    }
    await page.goto(`${url}/signin`);
    await page.waitForLoadState('networkidle');
    assert.deepEqual(problems, []);
  } finally {
    await browser.close();
    await server.close();
    await app.close();
  }
});
