/**
 * The portal's self-service in real Chromium at phone width (390×844) against the real server on the
 * demo portfolio: a debtor proposes a plan and sees it approved — above the portal's limit it is "sent
 * for approval", a supervisor approves it, and "My requests" shows it approved with the new schedule;
 * within the limit it is approved at once. A sandbox payment lowers what is owed by exactly the amount
 * (compared with the API; a double click pays once); contact preferences are saved and shown again
 * after a reload; the rights page in both languages; a credit-report dispute. Every page passes the
 * accessibility check (no serious or critical violation), is screenshotted in zh-CN and en, and logs
 * no console error.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newPage, unexpected, seriousA11yViolations, screenshot, minorOf, sessionOf, apiAs, type UiServer, type UiSession, startUiAndBrowser } from './support.ts';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';
import { formatMoney } from '../../web/src/shared/format.ts';

let server: UiServer;
let browser: Browser;
let supervisor: UiSession;
const PHONE = { width: 390, height: 844 };

before(async () => {
  [server, browser] = await startUiAndBrowser();
  supervisor = await sessionOf(server, { userId: 'supervisor' });
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Pages of the running test: on a failure, what each shows and logged goes into the error, with a screenshot. */
let tracked: Array<{ page: Page; errors: string[] }> = [];
async function open(opts: Parameters<typeof newPage>[1]): Promise<{ page: Page; errors: string[] }> {
  const p = await newPage(browser, opts);
  tracked.push(p);
  return p;
}
function explained(fn: () => Promise<void>): () => Promise<void> {
  return async () => {
    tracked = [];
    try {
      await fn();
    } catch (err) {
      const seen: string[] = [];
      for (const [i, p] of tracked.entries()) {
        if (p.page.isClosed()) continue;
        await screenshot(p.page, `failure-self-service-${i}`).catch(() => undefined);
        const text = await p.page.locator('body').innerText({ timeout: 2_000 }).catch(() => '(no body)');
        seen.push(`page ${i} at ${p.page.url()}: ${text.slice(0, 600).replace(/\s+/g, ' ')} | logged: ${p.errors.join(' ; ')}`);
      }
      if (err instanceof Error) err.message += `\n${seen.join('\n')}`;
      throw err;
    } finally {
      for (const p of tracked) await p.page.context().close().catch(() => undefined);
    }
  };
}

async function send<T>(session: UiSession, method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; json: T }> {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${session.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(key ? { 'idempotency-key': key } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as T };
}

interface Option { kind: string; instant: boolean; choice: { kind: string; termCount?: number } }
interface Summary { id: string; currency: string; balances: { totalMinor: number; overdueMinor: number } }
interface Request { id: number; accountRef: string; status: string; schedule: Array<{ n: number; dueOn: string; amountMinor: number }> }

/**
 * Delinquent accounts with their debtors, most interest owed first, that can take a new plan: each
 * on its own customer, so the tests do not meet on one account.
 */
async function planCandidates(): Promise<Array<{ ref: string; customerId: string; interestMinor: number }>> {
  const rows = await server.app.db.query<{ ref: string; customer_id: string; interest_minor: number }>(
    `SELECT DISTINCT ON (a.customer_id) a.ref, a.customer_id, s.interest_minor FROM account_state s JOIN accounts a ON a.id = s.account_id
     WHERE s.bucket <> 'M0' AND s.overdue_minor > 0
       AND NOT EXISTS (SELECT 1 FROM concessions c WHERE c.account_id = a.id AND c.status IN ('active', 'pending_approval'))
     ORDER BY a.customer_id, s.interest_minor DESC`,
  );
  return rows.map((r) => ({ ref: r.ref, customerId: r.customer_id, interestMinor: Number(r.interest_minor) })).sort((a, b) => b.interestMinor - a.interestMinor);
}

async function plansOffered(debtor: UiSession, ref: string): Promise<Option[]> {
  const r = await send<{ options: Option[] }>(debtor, 'POST', '/api/v1/portal/options', { accountRef: ref });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  return r.json.options.filter((o) => o.kind === 'plan');
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

async function checkA11y(page: Page, what: string): Promise<void> {
  await settle(page);
  assert.deepEqual(await seriousA11yViolations(page), [], `${what}: no serious or critical accessibility violation`);
}

/** The phone-width page is not wider than the phone: nothing scrolls sideways. */
async function fitsThePhone(page: Page, what: string): Promise<void> {
  const wide = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  assert.ok(wide <= PHONE.width + 1, `${what}: the page is ${wide}px wide on a ${PHONE.width}px phone`);
}

test('a debtor proposes a plan and sees it approved: above the portal limit it is sent for approval, a supervisor approves it, "My requests" shows it approved with the new schedule; within the limit it is approved at once', { timeout: 600_000 }, explained(async () => {
  const candidates = await planCandidates();
  // Above the portal's limit: waiving the interest too, on the account with the most interest owed.
  let above: { ref: string; customerId: string; debtor: UiSession; termCount: number } | undefined;
  let within: { ref: string; customerId: string; debtor: UiSession; termCount: number } | undefined;
  for (const c of candidates) {
    const debtor = await sessionOf(server, { customerId: c.customerId });
    const plans = await plansOffered(debtor, c.ref);
    if (plans.length === 0) continue;
    if (!above && c.interestMinor > 20_000) above = { ...c, debtor, termCount: plans.at(-1)!.choice.termCount! };
    else if (!within && plans.some((p) => p.instant)) within = { ...c, debtor, termCount: plans.find((p) => p.instant)!.choice.termCount! };
    if (above && within) break;
  }
  assert.ok(above, 'the demo portfolio has a delinquent account with more than ¥200 of interest that can take a plan');
  assert.ok(within, 'and another whose plan is within the portal\'s limit');

  // Above the limit: sent for approval, with the date it is answered by.
  const { page, errors } = await open({ ...PHONE, portal: above.debtor });
  await page.goto(`${server.url}/portal/plan/${above.ref}`);
  const option = page.getByTestId(`option-plan:${above.termCount}`);
  await option.waitFor();
  assert.ok((await option.getByTestId('option-explanation').innerText()).length > 10, 'each option is explained');
  await option.getByRole('radio').check();
  await option.getByRole('checkbox', { name: zhCN.selfService.plan.askWaiveInterest }).check();
  await checkA11y(page, 'plan options');
  await fitsThePhone(page, 'plan options');
  await screenshot(page, 'portal-plan-options.zh-CN');
  await page.getByTestId('plan-confirm').click();
  const answer = page.locator('[data-testid="plan-answer"][data-status="pending_approval"]');
  await answer.waitFor();
  assert.match(await answer.innerText(), new RegExp(zhCN.selfService.plan.pending));
  await screenshot(page, 'portal-plan-pending.zh-CN');

  // My requests: pending.
  await page.getByRole('link', { name: zhCN.selfService.plan.toRequests }).click();
  const card = page.locator('[data-testid="request"]').filter({ hasText: above.ref }).first();
  await card.waitFor();
  assert.equal(await card.getAttribute('data-status'), 'pending_approval');
  assert.equal(await card.getByTestId('request-status').innerText(), zhCN.selfService.requests.status.pending_approval);
  const mine = await apiAs<{ items: Request[] }>(server, above.debtor, '/api/v1/portal/concessions');
  const pending = mine.items.find((c) => c.accountRef === above.ref && c.status === 'pending_approval');
  assert.ok(pending, JSON.stringify(mine.items));

  // A supervisor approves it (four-eyes: the portal was the maker).
  const approved = await send<{ status: string }>(supervisor, 'POST', `/api/v1/concessions/${pending.id}/approve`, { note: '同意分期' }, `ui-approve-${pending.id}`);
  assert.equal(approved.status, 200, JSON.stringify(approved.json));
  assert.equal(approved.json.status, 'active');

  // The debtor reloads My requests: approved, with the new schedule as the API has it.
  await page.reload();
  const done = page.locator('[data-testid="request"][data-status="active"]').filter({ hasText: above.ref }).first();
  await done.waitFor();
  assert.equal(await done.getByTestId('request-status').innerText(), zhCN.selfService.requests.status.active);
  const after = (await apiAs<{ items: Request[] }>(server, above.debtor, '/api/v1/portal/concessions')).items.find((c) => c.id === pending.id)!;
  assert.equal(after.status, 'active');
  const rows = done.getByTestId('schedule').locator('tbody tr.ant-table-row');
  assert.equal(await rows.count(), after.schedule.length);
  for (const [i, item] of after.schedule.entries()) {
    const cells = await rows.nth(i).locator('td').allInnerTexts();
    assert.equal(cells[1], item.dueOn);
    assert.equal(minorOf(cells[2]!), String(item.amountMinor), `instalment ${item.n} to the cent`);
  }
  assert.ok(await done.getByRole('button', { name: zhCN.selfService.requests.agreement }).isVisible(), 'the agreement can be downloaded');
  await checkA11y(page, 'my requests');
  await fitsThePhone(page, 'my requests');
  await screenshot(page, 'portal-requests-approved.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();

  // Within the limit: approved at once, with the schedule.
  const second = await open({ ...PHONE, portal: within.debtor, lang: 'en' });
  await second.page.goto(`${server.url}/portal/plan/${within.ref}`);
  const instant = second.page.getByTestId(`option-plan:${within.termCount}`);
  await instant.waitFor();
  await instant.getByRole('radio').check();
  await second.page.getByTestId('plan-confirm').click();
  const ok = second.page.locator('[data-testid="plan-answer"][data-status="active"]');
  await ok.waitFor();
  assert.match(await ok.innerText(), new RegExp(en.selfService.plan.approved));
  assert.equal(await ok.getByTestId('schedule').locator('tbody tr.ant-table-row').count(), within.termCount);
  await checkA11y(second.page, 'plan approved (en)');
  await screenshot(second.page, 'portal-plan-approved.en');
  await second.page.goto(`${server.url}/portal/requests`);
  await second.page.locator('[data-testid="request"][data-status="active"]').filter({ hasText: within.ref }).first().waitFor();
  await screenshot(second.page, 'portal-requests.en');
  assert.deepEqual(unexpected(second.errors), []);
  await second.page.context().close();
}));

test('a sandbox payment lowers what is owed by exactly the amount, as the API says; a double click pays once', { timeout: 600_000 }, explained(async () => {
  const [row] = await server.app.db.query<{ ref: string; customer_id: string }>(
    `SELECT a.ref, a.customer_id FROM account_state s JOIN accounts a ON a.id = s.account_id WHERE s.overdue_minor > 20000 ORDER BY s.overdue_minor, a.id LIMIT 1`,
  );
  assert.ok(row, 'an account with more than ¥200 overdue');
  const debtor = await sessionOf(server, { customerId: row.customer_id });
  const owed = async () => (await apiAs<{ items: Summary[] }>(server, debtor, '/api/v1/portal/accounts')).items.find((a) => a.id === row.ref)!.balances;
  const before = await owed();

  for (const lang of ['zh-CN', 'en'] as const) {
    const { page, errors } = await open({ ...PHONE, portal: debtor, lang });
    await page.goto(`${server.url}/portal/pay/${row.ref}`);
    await page.getByTestId('pay-owed').waitFor();
    assert.ok((await page.getByTestId('sandbox-banner').innerText()).includes((lang === 'en' ? en : zhCN).selfService.pay.sandboxTitle), 'labelled as test money');
    assert.equal(minorOf(await page.getByTestId('pay-owed').innerText()), String(before.totalMinor));
    assert.equal(minorOf(await page.locator('#pay-amount').inputValue()), String(before.overdueMinor), 'the amount starts at what is overdue');
    await checkA11y(page, `pay (${lang})`);
    await fitsThePhone(page, `pay (${lang})`);
    await screenshot(page, `portal-pay.${lang}`);
    assert.deepEqual(unexpected(errors), []);
    await page.context().close();
  }

  const { page, errors } = await open({ ...PHONE, portal: debtor });
  await page.goto(`${server.url}/portal/pay/${row.ref}`);
  await page.getByTestId('pay-owed').waitFor();
  await page.locator('#pay-amount').fill('123.45');
  await page.getByRole('radio', { name: zhCN.selfService.pay.sandboxAlipay }).check();
  await page.getByTestId('pay-confirm').dblclick();
  await page.getByTestId('pay-done').waitFor();
  const now = await owed();
  assert.equal(now.totalMinor, before.totalMinor - 12_345, 'what is owed is lower by exactly the amount');
  const currency = (await apiAs<{ items: Summary[] }>(server, debtor, '/api/v1/portal/accounts')).items.find((a) => a.id === row.ref)!.currency;
  assert.ok((await page.getByTestId('pay-done').innerText()).includes(formatMoney(now.totalMinor, currency, 'zh-CN')), 'the page says what is owed now');
  const paid = await server.app.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM transactions t JOIN accounts a ON a.id = t.account_id WHERE a.ref = $1 AND t.ref LIKE 'portal:%'`, [row.ref]);
  assert.equal(paid[0]!.n, 1, 'a double click pays once');
  await screenshot(page, 'portal-pay-done.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
}));

test('contact preferences are saved and shown again after a reload, as the API has them', { timeout: 600_000 }, explained(async () => {
  const [row] = await server.app.db.query<{ customer_id: string }>(`SELECT a.customer_id FROM accounts a JOIN account_state s ON s.account_id = a.id WHERE s.bucket <> 'M0' ORDER BY a.id DESC LIMIT 1`);
  const debtor = await sessionOf(server, { customerId: row!.customer_id });
  const { page, errors } = await open({ ...PHONE, portal: debtor });
  await page.goto(`${server.url}/portal/preferences`);
  const channels = page.getByTestId('prefs-channels');
  await channels.waitFor();
  await checkA11y(page, 'preferences');
  await fitsThePhone(page, 'preferences');
  await screenshot(page, 'portal-preferences.zh-CN');
  await channels.getByRole('checkbox', { name: zhCN.selfService.prefs.channel.sms }).check();
  await channels.getByRole('checkbox', { name: zhCN.selfService.prefs.channel.call }).check();
  await page.getByTestId('add-window').click();
  const fromLabel = `${zhCN.selfService.prefs.window.replace('{{n}}', '1')} ${zhCN.selfService.prefs.from}`;
  const from = page.getByLabel(fromLabel, { exact: true });
  await from.fill('12:30');
  await page.getByTestId('quiet-window').getByRole('checkbox', { name: zhCN.selfService.prefs.weekday.mon }).check();
  await page.getByRole('checkbox', { name: zhCN.selfService.prefs.thirdParty }).check();
  await page.getByTestId('prefs-save').click();
  await page.getByTestId('prefs-saved').filter({ hasText: zhCN.selfService.prefs.saved.split('（')[0]! }).waitFor();

  const saved = await apiAs<{ optOuts: string[]; quietHours: Array<{ from: string; to: string; days?: string[] }>; noThirdPartyContact: boolean }>(server, debtor, '/api/v1/portal/preferences');
  assert.deepEqual({ optOuts: saved.optOuts, quietHours: saved.quietHours, noThirdPartyContact: saved.noThirdPartyContact },
    { optOuts: ['sms', 'call'], quietHours: [{ from: '12:30', to: '14:00', days: ['mon'] }], noThirdPartyContact: true });

  await page.reload();
  await page.getByTestId('prefs-channels').waitFor();
  const again = page.getByTestId('prefs-channels');
  assert.equal(await again.getByRole('checkbox', { name: zhCN.selfService.prefs.channel.sms }).isChecked(), true);
  assert.equal(await again.getByRole('checkbox', { name: zhCN.selfService.prefs.channel.call }).isChecked(), true);
  assert.equal(await again.getByRole('checkbox', { name: zhCN.selfService.prefs.channel.email }).isChecked(), false);
  assert.equal(await page.getByLabel(fromLabel, { exact: true }).inputValue(), '12:30');
  assert.equal(await page.getByRole('checkbox', { name: zhCN.selfService.prefs.thirdParty }).isChecked(), true);
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();

  const english = await open({ ...PHONE, portal: debtor, lang: 'en' });
  await english.page.goto(`${server.url}/portal/preferences`);
  await english.page.getByTestId('prefs-channels').waitFor();
  assert.equal(await english.page.getByTestId('prefs-channels').getByRole('checkbox', { name: en.selfService.prefs.channel.sms }).isChecked(), true);
  await checkA11y(english.page, 'preferences (en)');
  await screenshot(english.page, 'portal-preferences.en');
  assert.deepEqual(unexpected(english.errors), []);
  await english.page.context().close();
}));

test('my rights in both languages, for the region of my accounts and the others; a credit-report dispute is received', { timeout: 600_000 }, explained(async () => {
  const [row] = await server.app.db.query<{ ref: string; customer_id: string }>(`SELECT a.ref, a.customer_id FROM accounts a ORDER BY a.id LIMIT 1`);
  const debtor = await sessionOf(server, { customerId: row!.customer_id });
  for (const [lang, words] of [['zh-CN', zhCN], ['en', en]] as const) {
    const { page, errors } = await open({ ...PHONE, portal: debtor, lang });
    await page.goto(`${server.url}/portal/rights`);
    const body = page.getByTestId('rights-body');
    await body.waitFor();
    await page.getByTestId('rights-mine').waitFor();
    assert.equal(await body.getAttribute('data-region'), 'CN', 'the region of my accounts first');
    const cn = await body.innerText();
    assert.ok(cn.includes(words.selfService.rights.CN.hours.slice(0, 20)), 'the Chinese rules in plain words');
    assert.match(cn, /CN-HOURS-01/);
    assert.match(cn, /12378/);
    await checkA11y(page, `rights (${lang})`);
    await fitsThePhone(page, `rights (${lang})`);
    await screenshot(page, `portal-rights.${lang}`);
    await page.getByTestId('rights-region').getByText(words.selfService.rights.regions.UK).click();
    await page.locator('[data-testid="rights-body"][data-region="UK"]').waitFor();
    assert.match(await body.innerText(), /CONC 7\.9\.4R/);
    assert.match(await body.innerText(), /Financial Ombudsman Service/);
    await page.getByTestId('rights-region').getByText(words.selfService.rights.regions.US).click();
    await page.locator('[data-testid="rights-body"][data-region="US"]').waitFor();
    assert.match(await body.innerText(), /§1006\.6\(c\)/);
    assert.deepEqual(unexpected(errors), []);
    await page.context().close();
  }

  // Read without signing in too: the rights are for anyone.
  const anon = await open(PHONE);
  await anon.page.goto(`${server.url}/portal/rights`);
  await anon.page.getByTestId('rights-body').waitFor();
  assert.equal(await anon.page.getByTestId('rights-body').getAttribute('data-region'), 'CN');
  assert.deepEqual(unexpected(anon.errors), []);
  await anon.page.context().close();

  for (const lang of ['zh-CN', 'en'] as const) {
    const words = lang === 'en' ? en : zhCN;
    const { page, errors } = await open({ ...PHONE, portal: debtor, lang });
    await page.goto(`${server.url}/portal/credit-report?account=${row!.ref}`);
    const form = page.getByTestId('credit-form');
    await form.waitFor();
    await checkA11y(page, `credit report (${lang})`);
    await screenshot(page, `portal-credit-report.${lang}`);
    if (lang === 'zh-CN') {
      await form.getByLabel(words.selfService.credit.periods).fill('2026-13');
      await form.getByLabel(words.selfService.credit.reason).fill('我已按时还款，不应报送逾期。');
      await form.getByRole('button', { name: words.selfService.credit.send }).click();
      await page.getByText(words.selfService.credit.periodsInvalid).waitFor();
      await form.getByLabel(words.selfService.credit.periods).fill('');
      await form.getByRole('button', { name: words.selfService.credit.send }).click();
      const receipt = page.getByTestId('credit-receipt');
      await receipt.waitFor();
      assert.match(await receipt.innerText(), /征信异议已于/);
    }
    assert.deepEqual(unexpected(errors), []);
    await page.context().close();
  }
}));

test('the portal\'s navigation and home page lead to every self-service page, in both languages', { timeout: 120_000 }, explained(async () => {
  const [row] = await server.app.db.query<{ customer_id: string }>(`SELECT customer_id FROM accounts ORDER BY id LIMIT 1`);
  const debtor = await sessionOf(server, { customerId: row!.customer_id });
  for (const [lang, words] of [['zh-CN', zhCN], ['en', en]] as const) {
    const { page, errors } = await open({ ...PHONE, portal: debtor, lang });
    await page.goto(`${server.url}/portal/`);
    const nav = page.getByRole('navigation');
    for (const [name, path] of [[words.selfService.nav.plan, '/portal/plan'], [words.selfService.nav.requests, '/portal/requests'], [words.selfService.nav.pay, '/portal/pay'],
      [words.selfService.nav.preferences, '/portal/preferences'], [words.selfService.nav.creditReport, '/portal/credit-report'], [words.selfService.nav.rights, '/portal/rights']] as const) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page.waitForURL((u) => u.pathname === path);
      await settle(page);
    }
    await page.goto(`${server.url}/portal/`);
    await page.getByRole('heading', { name: words.selfService.nav.plan }).waitFor();
    await checkA11y(page, `home (${lang})`);
    await screenshot(page, `portal-home-self-service.${lang}`);
    assert.deepEqual(unexpected(errors), []);
    await page.context().close();
  }
}));
