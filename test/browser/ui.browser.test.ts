/**
 * The web UI in real Chromium against the real server on a small demo portfolio: staff sign-in (a
 * wrong password, the way back to where one was, a collector's own queue, sign-out), the portal's
 * sign-in by phone and one-time code, the portal's verify warning and genuine answer, the account
 * page's breakdown to the cent, the contact timeline with its compliance verdicts, a call outcome
 * with a promise, the language switch, a chart with data, a complaint from the portal on the SLA
 * board, and an accessibility check of the main pages. No page may log a console error. Screenshots
 * of the main screens in both languages go to test-results/browser/.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { TODAY, newPage, unexpected, seriousA11yViolations, screenshot, minorOf, sessionOf, apiAs, lastSignInCode, type UiServer, type UiSession, startUiAndBrowser } from './support.ts';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';
import { DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';

let server: UiServer;
let browser: Browser;
/** Sessions of demo users, for the tests that are not about signing in. */
let admin: UiSession;
let collector: UiSession;

before(async () => {
  [server, browser] = await startUiAndBrowser();
  admin = await sessionOf(server, { userId: 'admin' });
  collector = await sessionOf(server, { userId: 'li.na' });
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

interface Detail {
  id: string;
  customerId: string;
  asOf: string;
  currency: string;
  balances: Record<'principalMinor' | 'interestMinor' | 'penaltyMinor' | 'feesMinor' | 'creditMinor' | 'totalMinor' | 'overdueMinor', number>;
  explain: Record<'principal' | 'interest' | 'penalty' | 'fees' | 'credit', { charges: Array<{ amountMinor: number; days: number }>; reductions: unknown[] }>;
}

async function apiJson<T>(path: string): Promise<T> {
  return apiAs<T>(server, admin, path);
}

/** The delinquent account with the most non-zero components (interest and penalty charged), for the breakdown. */
async function richestDelinquentAccount(): Promise<Detail> {
  const rows = await server.app.db.query<{ ref: string }>(
    `SELECT a.ref FROM account_state s JOIN accounts a ON a.id = s.account_id WHERE s.bucket <> 'M0'
     ORDER BY (s.interest_minor > 0)::int + (s.penalty_minor > 0)::int + (s.fees_minor > 0)::int DESC, s.overdue_minor DESC LIMIT 1`,
  );
  assert.ok(rows[0], 'the demo portfolio has a delinquent account');
  return apiJson<Detail>(`/api/v1/accounts/${rows[0].ref}`);
}

async function sentContact(): Promise<{ ref: string; code: string; channel: string; sentAt: string }> {
  const [row] = await server.app.db.query<{ ref: string; verify_code: string; channel: string; sent_at: string }>(
    `SELECT a.ref, o.verify_code, o.channel, o.sent_at FROM contacts_outbox o JOIN accounts a ON a.id = o.account_id
     WHERE o.status IN ('sent', 'delivered') AND o.verify_code IS NOT NULL ORDER BY o.id LIMIT 1`,
  );
  assert.ok(row, 'the fixture sent at least one contact');
  return { ref: row.ref, code: row.verify_code, channel: row.channel, sentAt: new Date(row.sent_at).toISOString() };
}

async function settle(page: Page): Promise<void> {
  // Every request's loading state has given way to its data or its error state.
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

test('portal: an unknown verify code is a clear warning with how to report the impostor', async () => {
  const { page, errors } = await newPage(browser, { width: 390, height: 844 });
  await page.goto(`${server.url}/portal/verify`);
  await page.getByLabel(zhCN.portal.codeLabel).fill('ZZZZZ-99999');
  await page.getByRole('button', { name: zhCN.portal.check }).click();
  const warning = page.getByTestId('verify-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /未找到此验证码/);
  assert.match(await warning.innerText(), new RegExp(zhCN.portal.notGenuine));
  assert.match(await page.getByTestId('verify-report').innerText(), new RegExp(DEFAULT_LENDER.hotline.replace(/[+]/g, '\\+')));
  assert.equal(await page.getByTestId('verify-genuine').count(), 0);
  await screenshot(page, 'portal-verify-unknown.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('portal: a code from the outbox is genuine, naming the sender, the channel and when it was sent', async () => {
  const sent = await sentContact();
  for (const lang of ['zh-CN', 'en'] as const) {
    const words = lang === 'en' ? en : zhCN;
    const { page, errors } = await newPage(browser, { width: 390, height: 844, lang });
    await page.goto(`${server.url}/portal/verify/${sent.code}`);
    await page.getByTestId('verify-genuine').waitFor();
    assert.match(await page.getByTestId('verify-sender').innerText(), new RegExp(DEFAULT_LENDER.name['zh-CN']));
    assert.equal(await page.getByTestId('verify-channel').innerText(), words.channel[sent.channel as keyof typeof words.channel]);
    // Shown in the reader's zone (Asia/Shanghai, UTC+8, no daylight saving).
    const local = new Date(Date.parse(sent.sentAt) + 8 * 3_600_000);
    const hour = local.getUTCHours();
    const minutes = String(local.getUTCMinutes()).padStart(2, '0');
    // Chinese shows 24-hour time, English 12-hour.
    const time = lang === 'en' ? `${((hour + 11) % 12) + 1}:${minutes}` : `${String(hour).padStart(2, '0')}:${minutes}`;
    const when = await page.getByTestId('verify-when').innerText();
    assert.ok(when.includes(time), `"${when}" shows the local time ${time}`);
    assert.ok(when.includes('2026'), when);
    await screenshot(page, `portal-verify-genuine.${lang}`);
    assert.deepEqual(unexpected(errors), []);
    await page.context().close();
  }
});

test('workbench: the account page shows what is owed exactly as the API returns it, to the cent, with how each part was computed', async () => {
  const d = await richestDelinquentAccount();
  const { page, errors } = await newPage(browser, { workbench: admin });
  await page.goto(`${server.url}/accounts/${d.id}`);
  await page.getByTestId('owed-total').waitFor();
  const components = ['principal', 'interest', 'penalty', 'fees', 'credit'] as const;
  for (const c of components) {
    const shown = await page.getByTestId(`owed-${c}`).innerText();
    assert.equal(minorOf(shown), String(d.balances[`${c}Minor`]), `${c}: "${shown}" vs ${d.balances[`${c}Minor`]} minor units`);
  }
  assert.equal(minorOf(await page.getByTestId('owed-total').innerText()), String(d.balances.totalMinor));
  assert.equal(minorOf(await page.getByTestId('owed-overdue').innerText()), String(d.balances.overdueMinor));
  assert.ok(d.balances.interestMinor > 0 && d.explain.interest.charges.length > 0, 'the chosen account was charged interest');
  // How interest was computed: its first charge, with its days, base and rate.
  const interestRow = page.getByRole('row').filter({ hasText: zhCN.components.interest }).first();
  await interestRow.getByRole('button').first().click();
  const how = page.getByTestId('how-computed').first();
  await how.waitFor();
  const firstCharge = how.locator('table').first().locator('tbody tr.ant-table-row').first();
  const cells = await firstCharge.locator('td').allInnerTexts();
  assert.equal(minorOf(cells.at(-2) ?? ''), String(d.explain.interest.charges[0]!.amountMinor), `first charge row: ${cells.join(' | ')}`);
  assert.match(cells.join(' '), new RegExp(`${d.explain.interest.charges[0]!.days} 天`));
  await screenshot(page, 'workbench-account.zh-CN');
  // The same account a month earlier, as the ledger derives it for that date.
  const earlier = await apiJson<Detail>(`/api/v1/accounts/${d.id}?asOf=2026-01-31`);
  await page.getByLabel(zhCN.account.asOfLabel).fill('2026-01-31');
  await page.getByRole('cell', { name: '2026-01-31' }).first().waitFor();
  assert.equal(minorOf(await page.getByTestId('owed-total').innerText()), String(earlier.balances.totalMinor), 'total owed as of 2026-01-31');
  assert.equal(minorOf(await page.getByTestId('owed-interest').innerText()), String(earlier.balances.interestMinor), 'interest as of 2026-01-31');
  await page.getByRole('button', { name: zhCN.account.asOfLatest }).click();
  await page.getByRole('cell', { name: d.asOf }).first().waitFor();
  await page.getByRole('tab', { name: zhCN.account.tabs.timeline }).click();
  await page.getByTestId('bucket-timeline').waitFor();
  await page.getByRole('tab', { name: zhCN.account.tabs.schedule }).click();
  assert.ok((await page.getByTestId('schedule').locator('tbody tr.ant-table-row').count()) > 0);
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('workbench: the contact timeline shows every contact of the account with its compliance verdict', async () => {
  const sent = await sentContact();
  const contacts = await apiJson<Array<{ reference: string; planDecision: string | null }>>(`/api/v1/accounts/${sent.ref}/contacts`);
  const { page, errors } = await newPage(browser, { workbench: admin });
  await page.goto(`${server.url}/accounts/${sent.ref}`);
  await page.getByRole('tab', { name: zhCN.account.tabs.contacts }).click();
  await page.getByTestId('contact-timeline').waitFor();
  const items = page.getByTestId('contact-item');
  assert.equal(await items.count(), contacts.length);
  for (let i = 0; i < contacts.length; i++) {
    const decision = contacts[i]!.planDecision;
    const shown = await items.nth(i).getByTestId('plan-verdict').getByTestId('verdict-decision').innerText();
    const allowed = decision === 'allow' || decision === 'allow_with_flag';
    assert.equal(shown, allowed ? zhCN.account.contacts.allowed : zhCN.account.contacts.blocked, `contact ${contacts[i]!.reference} (${decision})`);
  }
  assert.match(await page.getByTestId('contact-timeline').innerText(), new RegExp(sent.code));
  await screenshot(page, 'workbench-account-contacts.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('workbench: a collector records a call with a promise to pay from their own queue, and the account shows the call record', async () => {
  const { page, errors } = await newPage(browser, { workbench: collector });
  // Another collector's queue in the address is not theirs to work: they see their own.
  await page.goto(`${server.url}/queue?collector=zhang.wei`);
  await page.getByTestId('own-queue').waitFor();
  assert.equal(await page.getByTestId('collector-select').count(), 0, 'a collector does not choose whose queue to work');
  const table = page.getByTestId('queue-table');
  await table.waitFor();
  const firstRow = table.locator('tbody tr.ant-table-row').first();
  const ref = (await firstRow.locator('a').first().innerText()).trim();
  const queue = await apiJson<{ items: Array<{ accountRef: string; overdueMinor: number }> }>('/api/v1/worklist/collectors/li.na/queue');
  const overdueMinor = queue.items.find((i) => i.accountRef === ref)!.overdueMinor;
  await firstRow.getByRole('button', { name: zhCN.queue.record }).click();
  const form = page.getByTestId('call-outcome-form');
  await form.waitFor();
  // A person clicks the button's label (antd keeps the radio input itself at zero size).
  await form.getByText(zhCN.outcome.ptp, { exact: true }).click();
  assert.ok(await form.getByRole('radio', { name: zhCN.outcome.ptp }).isChecked());
  await form.getByLabel(zhCN.callForm.contactPoint).fill('+86 138 0000 0001');
  await form.getByLabel(zhCN.callForm.promiseDueOn).fill('2026-03-05');
  // A token amount is refused by the server's promise policy; the form shows its answer.
  await form.getByLabel(/承诺金额/).fill('1');
  await form.getByRole('button', { name: zhCN.callForm.submit }).click();
  await form.getByTestId('error-state').waitFor();
  const refusal = await form.getByTestId('error-state').innerText();
  assert.match(refusal, /promise\.amountMinor/, 'the server names the field');
  assert.ok(refusal.includes(zhCN.errorCode.VALIDATION_FAILED), 'the reader is told in Chinese what kind of error it is');
  // The whole overdue amount, typed as a person would, in yuan.
  const typed = `${Math.floor(overdueMinor / 100)}.${String(overdueMinor % 100).padStart(2, '0')}`;
  await form.getByLabel(/承诺金额/).fill(typed);
  await form.getByRole('button', { name: zhCN.callForm.submit }).click();
  await page.getByText(/催记已保存/).waitFor();
  const [promise] = await server.app.db.query<{ amount_minor: number; due_on: string }>(
    `SELECT p.amount_minor, p.due_on::text AS due_on FROM promises p JOIN accounts a ON a.id = p.account_id WHERE a.ref = $1 ORDER BY p.id DESC LIMIT 1`, [ref],
  );
  assert.deepEqual(promise, { amount_minor: overdueMinor, due_on: '2026-03-05' }, 'the promise was stored in minor units');
  await page.goto(`${server.url}/accounts/${ref}`);
  await page.getByRole('tab', { name: zhCN.account.tabs.calls }).click();
  const calls = page.getByTestId('call-records');
  await calls.getByText(zhCN.outcome.ptp).waitFor();
  assert.match(await calls.innerText(), /li\.na/);
  assert.deepEqual(unexpected(errors, ['/call-outcomes']), []);
  await page.context().close();
});

test('workbench: a collector records a call (催记) from the account page of one of their cases, and it shows among the account\'s calls', async () => {
  const queue = await apiJson<{ items: Array<{ accountRef: string }> }>('/api/v1/worklist/collectors/li.na/queue');
  const ref = queue.items.at(-1)!.accountRef;
  const { page, errors } = await newPage(browser, { workbench: collector });
  await page.goto(`${server.url}/accounts/${ref}`);
  await page.getByRole('tab', { name: zhCN.account.tabs.calls }).click();
  await page.getByTestId('record-call').click();
  const form = page.getByTestId('call-outcome-form');
  await form.waitFor();
  await form.getByText(zhCN.outcome.no_answer, { exact: true }).click();
  await form.getByLabel(zhCN.callForm.contactPoint).fill('+86 138 0000 0002');
  await form.getByLabel(zhCN.callForm.note).fill('上午未接，下午再拨');
  await form.getByRole('button', { name: zhCN.callForm.submit }).click();
  await page.getByText(/催记已保存/).waitFor();
  const calls = page.getByTestId('call-records');
  await calls.getByText('上午未接，下午再拨').waitFor();
  assert.match(await calls.innerText(), new RegExp(zhCN.outcome.no_answer));
  const [stored] = await server.app.db.query<{ outcome: string; collector_id: string }>(
    'SELECT r.outcome, r.collector_id FROM call_records r JOIN accounts a ON a.id = r.account_id WHERE a.ref = $1 ORDER BY r.id DESC LIMIT 1', [ref],
  );
  assert.deepEqual(stored, { outcome: 'no_answer', collector_id: 'li.na' });
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('workbench: the language switch turns the whole UI to English and back to Chinese', async () => {
  const { page, errors } = await newPage(browser, { workbench: admin });
  await page.goto(`${server.url}/`);
  await page.getByRole('heading', { name: zhCN.overview.title }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: en.overview.title }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  const nav = await page.getByRole('navigation').innerText();
  for (const word of [en.nav.accounts, en.nav.queue, en.nav.outbox, en.nav.complaints, en.nav.approvals, en.nav.quality, en.nav.audit]) assert.ok(nav.includes(word), `nav shows ${word}`);
  assert.match(await page.getByTestId('user-box').innerText(), new RegExp(en.role.admin));
  assert.doesNotMatch(nav, /[\u4e00-\u9fff]/, 'no Chinese left in the navigation');
  // The choice is kept: the next page opens in English.
  await page.goto(`${server.url}/accounts`);
  await page.getByRole('heading', { name: en.accounts.title }).waitFor();
  await page.getByText('中文', { exact: true }).click();
  await page.getByRole('heading', { name: zhCN.accounts.title }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('workbench: a request that fails shows its error state, in the reader\'s language, with the request id and a retry', async () => {
  const { page, errors } = await newPage(browser, { workbench: admin });
  await page.goto(`${server.url}/accounts/NO-SUCH-ACCOUNT`);
  const state = page.getByTestId('error-state');
  await state.waitFor();
  const text = await state.innerText();
  assert.ok(text.includes(zhCN.errorCode.NOT_FOUND), text);
  assert.match(text, /NOT_FOUND: .*NO-SUCH-ACCOUNT/);
  assert.match(text, new RegExp(`${zhCN.common.requestId}: [0-9a-f-]{36}`));
  await state.getByRole('button', { name: zhCN.common.retry }).click();
  await state.waitFor();
  assert.deepEqual(unexpected(errors, ['/api/v1/accounts/NO-SUCH-ACCOUNT']), []);
  await page.context().close();
});

test('keyboard: the first Tab reaches the skip link, which moves focus past the navigation to the page', async () => {
  const { page, errors } = await newPage(browser, { workbench: admin });
  await page.goto(`${server.url}/accounts`);
  await page.getByRole('heading', { name: zhCN.accounts.title }).waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement.textContent'), zhCN.app.skipToContent);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate('document.activeElement.id'), 'main');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

const CANVAS_PAINTED_PIXELS = `(() => {
  const c = document.querySelector('[data-testid="chart-by-status"] canvas');
  if (!c || c.width === 0 || c.height === 0) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
  return n;
})()`;

test('workbench: the outbox chart renders the planned contacts on a canvas', async () => {
  const stats = await apiJson<{ byStatus: Array<{ n: number }> }>('/api/v1/outbox/stats');
  assert.ok(stats.byStatus.reduce((a, r) => a + r.n, 0) > 0, 'the fixture planned contacts');
  const { page, errors } = await newPage(browser, { workbench: admin });
  await page.goto(`${server.url}/outbox`);
  await page.getByTestId('chart-by-status').locator('canvas').waitFor();
  // Axes, legend and bars: far more than an empty canvas's zero painted pixels.
  await page.waitForFunction(`${CANVAS_PAINTED_PIXELS} > 2000`);
  const box = await page.getByTestId('chart-by-status').boundingBox();
  assert.ok(box && box.width > 200 && box.height > 200, 'the chart has room');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('portal: what I owe matches the API at phone width, each component with how it was computed; another\'s account is not found', async () => {
  const d = await richestDelinquentAccount();
  const debtor = await sessionOf(server, { customerId: d.customerId });
  // The debtor's own route answers exactly what the staff route does for the account.
  const mine = await apiAs<Detail>(server, debtor, `/api/v1/portal/accounts/${d.id}`);
  assert.deepEqual(mine.balances, d.balances);
  const { page, errors } = await newPage(browser, { width: 390, height: 844, portal: debtor });
  await page.goto(`${server.url}/portal/accounts`);
  await page.getByTestId('my-accounts').getByRole('link', { name: new RegExp(d.id) }).click();
  await page.getByTestId('portal-owed').waitFor();
  assert.equal(minorOf(await page.getByTestId('portal-total').innerText()), String(d.balances.totalMinor));
  assert.equal(minorOf(await page.getByTestId('portal-overdue').innerText()), String(d.balances.overdueMinor));
  assert.equal(minorOf(await page.getByTestId('portal-interest').innerText()), String(d.balances.interestMinor));
  await page.getByTestId('portal-interest').click();
  await page.getByText(zhCN.portal.why).first().waitFor();
  const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
  assert.ok(scrollWidth <= 390, `no sideways scrolling on a phone (page is ${scrollWidth}px wide)`);
  // Someone else's account is answered like one that does not exist.
  const [other] = await server.app.db.query<{ ref: string }>('SELECT ref FROM accounts WHERE customer_id <> $1 ORDER BY id LIMIT 1', [d.customerId]);
  await page.goto(`${server.url}/portal/owe/${other!.ref}`);
  await page.getByTestId('owe-not-found').waitFor();
  assert.deepEqual(unexpected(errors, [`/api/v1/portal/accounts/${other!.ref}`]), []);
  await page.context().close();
});

test('workbench sign-in: a wrong password is refused out loud; the right one goes back to the page asked for, with the navigation the roles allow; sign-out ends it', async () => {
  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}/accounts?q=A`);
  // No session: the sign-in page, remembering where the reader was going.
  await page.getByTestId('sign-in-form').waitFor();
  assert.equal(new URL(page.url()).pathname, '/signin');
  assert.equal(new URL(page.url()).searchParams.get('next'), '/accounts?q=A');
  await page.getByLabel(zhCN.auth.username).fill('supervisor');
  await page.getByLabel(zhCN.auth.password).fill('not-the-password');
  await page.getByRole('button', { name: zhCN.auth.signIn }).click();
  const refusal = page.getByTestId('sign-in-error');
  await refusal.waitFor();
  assert.equal(await refusal.getAttribute('role'), 'alert', 'the refusal is announced');
  assert.match(await refusal.innerText(), new RegExp(zhCN.auth.wrongPassword));
  await screenshot(page, 'workbench-sign-in-refused.zh-CN');
  // The password field keeps focus order: Enter in it signs in.
  await page.getByLabel(zhCN.auth.password).fill('fairdebt-demo');
  await page.getByLabel(zhCN.auth.password).press('Enter');
  await page.getByRole('heading', { name: zhCN.accounts.title }).waitFor();
  assert.equal(`${new URL(page.url()).pathname}${new URL(page.url()).search}`, '/accounts?q=A');
  assert.match(await page.getByTestId('user-name').innerText(), /赵主管/);
  assert.deepEqual(await page.getByTestId('user-role').allInnerTexts(), [zhCN.role.supervisor]);
  const nav = await page.getByRole('navigation').innerText();
  for (const word of [zhCN.nav.queue, zhCN.nav.complaints, zhCN.nav.approvals, zhCN.nav.quality]) assert.ok(nav.includes(word), `a supervisor sees ${word}`);
  assert.ok(!nav.includes(zhCN.nav.audit), 'a supervisor does not see the audit check');
  await page.getByTestId('sign-out').click();
  await page.getByTestId('sign-in-form').waitFor();
  assert.equal(new URL(page.url()).search, '', 'signing out leaves no way back to the last page');
  assert.equal(await page.evaluate(`sessionStorage.getItem('fairdebt.session.workbench')`), null);
  const [revoked] = await server.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sessions WHERE user_id = 'supervisor' AND revoked_at IS NOT NULL`);
  assert.ok(revoked!.n >= 1, 'the server ended the session');
  await page.goto(`${server.url}/`);
  await page.getByTestId('sign-in-form').waitFor();
  assert.deepEqual(unexpected(errors, ['/api/v1/auth/login']), []);
  await page.context().close();
});

test('workbench sign-in: a collector lands on their own queue and sees only the screens of their role', async () => {
  const { page, errors } = await newPage(browser, { lang: 'en' });
  await page.goto(`${server.url}/signin`);
  await page.getByLabel(en.auth.username).fill('zhang.wei');
  await page.getByLabel(en.auth.password).fill('fairdebt-demo');
  await page.getByRole('button', { name: en.auth.signIn }).click();
  await page.getByTestId('own-queue').waitFor();
  assert.equal(`${new URL(page.url()).pathname}${new URL(page.url()).search}`, '/queue?collector=zhang.wei');
  await page.getByTestId('queue-table').waitFor();
  const nav = await page.getByRole('navigation').innerText();
  for (const word of [en.nav.complaints, en.nav.approvals, en.nav.quality, en.nav.audit]) assert.ok(!nav.includes(word), `a collector does not see ${word}`);
  // A screen their role may not use, opened by its address: the server's refusal, in words.
  await page.goto(`${server.url}/audit`);
  const state = page.getByTestId('error-state');
  await state.waitFor();
  assert.match(await state.innerText(), new RegExp(en.auth.denied));
  await screenshot(page, 'workbench-collector-denied.en');
  assert.deepEqual(unexpected(errors, ['/api/v1/audit/verify']), []);
  await page.context().close();
});

test('workbench: a session the server no longer accepts sends the reader to sign in, and back afterwards', async () => {
  const stale = { ...admin, token: 'fds_no-such-session' };
  const { page, errors } = await newPage(browser, { workbench: stale });
  await page.goto(`${server.url}/outbox`);
  await page.getByTestId('sign-in-form').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), '/outbox');
  await page.getByText(zhCN.auth.sessionEnded).waitFor();
  await page.getByLabel(zhCN.auth.username).fill('admin');
  await page.getByLabel(zhCN.auth.password).fill('fairdebt-demo');
  await page.getByRole('button', { name: zhCN.auth.signIn }).click();
  await page.getByRole('heading', { name: zhCN.outbox.title }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/outbox');
  assert.deepEqual(unexpected(errors, ['/api/v1/outbox/stats', '/api/v1/worklist']), []);
  await page.context().close();
});

test('portal sign-in: the phone gets a one-time code through the SMPP gateway; a wrong code is refused; the right one opens what I owe', async () => {
  const d = await richestDelinquentAccount();
  const [c] = await server.app.db.query<{ phone: string }>(`SELECT phones->>0 AS phone FROM customers WHERE id = $1`, [d.customerId]);
  assert.ok(c?.phone, 'the debtor has a phone');
  const { page, errors } = await newPage(browser, { width: 390, height: 844 });
  await page.goto(`${server.url}/portal/owe/${d.id}`);
  await page.getByTestId('phone-form').waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next'), `/owe/${d.id}`);
  // A number nobody has gets the very same answer.
  await page.getByLabel(zhCN.portalAuth.phone).fill('+86 199 0000 0000');
  await page.getByTestId('send-code').click();
  const sentUnknown = await page.getByTestId('code-sent').innerText();
  assert.equal(lastSignInCode(server, '+86 199 0000 0000'), undefined, 'no code for an unknown number');
  await page.reload();
  await page.getByLabel(zhCN.portalAuth.phone).fill(c.phone);
  await page.getByTestId('send-code').click();
  assert.equal(await page.getByTestId('code-sent').innerText(), sentUnknown, 'the same words for a known and an unknown number');
  // The button waits before another code may be asked for.
  assert.ok(await page.getByTestId('send-code').isDisabled());
  assert.match(await page.getByTestId('send-code').innerText(), /\d+ 秒后可重新发送/);
  const code = lastSignInCode(server, c.phone);
  assert.ok(code, 'the SMPP sink received the code');
  await page.getByLabel(zhCN.portalAuth.code).fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: zhCN.portalAuth.signIn }).click();
  await page.getByTestId('code-error').waitFor();
  await page.getByLabel(zhCN.portalAuth.code).fill(code);
  await page.getByRole('button', { name: zhCN.portalAuth.signIn }).click();
  await page.getByTestId('portal-owed').waitFor();
  assert.equal(new URL(page.url()).pathname, `/portal/owe/${d.id}`);
  assert.equal(minorOf(await page.getByTestId('portal-total').innerText()), String(d.balances.totalMinor));
  await screenshot(page, 'portal-owe-signed-in.zh-CN');
  // My evidence bundle: a zip, fetched with the session's token and saved under the server's name.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('evidence-download').click()]);
  assert.match(download.suggestedFilename(), new RegExp(`${d.id}.*\\.zip$`));
  const zip = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of zip) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip file');
  // The contact history lists the contacts with their verify codes.
  await page.getByRole('link', { name: zhCN.portal.historyTitle }).first().click();
  await page.getByTestId('my-history').or(page.getByText(zhCN.portal.noHistory)).first().waitFor();
  assert.deepEqual(unexpected(errors, ['/api/v1/portal/login']), []);
  await page.context().close();
});

/** POST to the API with a session and an idempotency key; the answer's JSON. */
async function postAs<T>(session: UiSession, path: string, body: unknown, key: string): Promise<{ status: number; json: T }> {
  const r = await fetch(`${server.url}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
  });
  return { status: r.status, json: (await r.json()) as T };
}

test('workbench: a waiver above the collector\'s limit waits in the supervisor\'s approvals inbox, who approves it', async () => {
  const [acct] = await server.app.db.query<{ ref: string }>(
    `SELECT a.ref FROM account_state s JOIN accounts a ON a.id = s.account_id WHERE s.interest_minor > 20000 AND s.bucket <> 'M0'
     ORDER BY s.interest_minor DESC LIMIT 1`,
  );
  assert.ok(acct, 'an account owing more interest than a collector may waive alone (200.00)');
  const asked = await postAs<{ concessionId: number; status: string }>(collector, '/api/v1/waivers', { accountRef: acct.ref, component: 'interest', reason: '客户失业，申请减免利息' }, `ui-waiver-${acct.ref}`);
  assert.equal(asked.status, 201, JSON.stringify(asked.json));
  assert.equal(asked.json.status, 'pending_approval');
  const supervisor = await sessionOf(server, { userId: 'supervisor' });
  const { page, errors } = await newPage(browser, { workbench: supervisor });
  await page.goto(`${server.url}/approvals`);
  const row = page.getByTestId('approvals-table').locator('tbody tr.ant-table-row').filter({ hasText: acct.ref });
  await row.waitFor();
  assert.match(await row.innerText(), new RegExp(zhCN.concessionKind.waiver));
  await screenshot(page, 'workbench-approvals-pending.zh-CN');
  // With a request waiting, its approve and reject (danger) buttons are on the screen too.
  assert.deepEqual(await seriousA11yViolations(page), [], 'the approvals inbox with a request passes the accessibility check');
  await row.getByRole('button', { name: zhCN.approvals.approve }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(zhCN.approvals.note).fill('已核实失业证明');
  await dialog.getByRole('button', { name: zhCN.approvals.approve }).click();
  await row.waitFor({ state: 'detached' }).catch(async (err: unknown) => {
    // Say what the screen and the server had when the row stayed, not only that it stayed.
    const [c] = await server.app.db.query<{ status: string }>('SELECT status FROM concessions WHERE id = $1', [asked.json.concessionId]);
    const open = (await dialog.count()) > 0 ? await dialog.innerText() : '(no dialog)';
    assert.fail(`the approved row stayed: concession ${c?.status}; dialog: ${open}; page errors: ${JSON.stringify(errors)}; ${(err as Error).message.split('\n')[0]}`);
  });
  const [stored] = await server.app.db.query<{ status: string; checker: string; decision_note: string }>('SELECT status, checker, decision_note FROM concessions WHERE id = $1', [asked.json.concessionId]);
  assert.deepEqual(stored, { status: 'active', checker: 'user:supervisor', decision_note: '已核实失业证明' });
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('a complaint filed in the portal shows on the compliance officer\'s SLA board and list, who acknowledges and closes it; the debtor disputes the amount too', async () => {
  const d = await richestDelinquentAccount();
  const debtor = await sessionOf(server, { customerId: d.customerId });
  const compliance = await sessionOf(server, { userId: 'compliance' });
  const portal = await newPage(browser, { width: 390, height: 844, portal: debtor });
  await portal.page.goto(`${server.url}/portal/complain?account=${d.id}`);
  const form = portal.page.getByTestId('complaint-form');
  await form.waitFor();
  await form.getByRole('combobox', { name: zhCN.portal.category }).click();
  await portal.page.getByTitle(zhCN.complaintCategory.harassment).click();
  await form.getByLabel(zhCN.portal.whatHappened).fill('晚上十点还在打电话催收。');
  await form.getByRole('button', { name: zhCN.portal.send }).click();
  await portal.page.getByTestId('complaint-receipt').waitFor();
  const mine = await apiAs<{ items: Array<{ id: number; accountRef: string | null }> }>(server, debtor, '/api/v1/portal/complaints');
  const filed = mine.items[0]!;
  assert.equal(filed.accountRef, d.id);
  assert.match(await portal.page.getByTestId('complaint-receipt').innerText(), new RegExp(`编号 ${filed.id}`));
  await portal.page.getByTestId('my-complaints').getByRole('cell', { name: String(filed.id), exact: true }).waitFor();
  // Disputing the amount of the same account: the answer says collection of it pauses.
  await portal.page.getByRole('link', { name: zhCN.portal.disputeTitle }).first().click();
  const dispute = portal.page.getByTestId('dispute-form');
  await dispute.getByRole('combobox', { name: zhCN.portal.whichAccount }).click();
  await portal.page.getByTitle(d.id, { exact: true }).click();
  await dispute.getByLabel(zhCN.portal.disputeReason).fill('罚息计算与合同不符。');
  await dispute.getByRole('button', { name: zhCN.portal.send }).click();
  assert.match(await portal.page.getByTestId('dispute-receipt').innerText(), new RegExp(`${d.id}.*核实完成前`));
  await portal.page.getByTestId('my-disputes').getByRole('cell', { name: d.id, exact: true }).waitFor();
  const disputes = await apiAs<{ items: Array<{ accountRef: string; status: string }> }>(server, debtor, '/api/v1/portal/disputes');
  assert.ok(disputes.items.some((x) => x.accountRef === d.id), 'the dispute is stored');
  assert.deepEqual(unexpected(portal.errors), []);
  await portal.page.context().close();

  const board = await apiAs<{ open: number }>(server, compliance, '/api/v1/complaints/sla-board');
  const { page, errors } = await newPage(browser, { workbench: compliance });
  await page.goto(`${server.url}/complaints`);
  await page.getByTestId('sla-board').waitFor();
  assert.equal(minorOf(await page.getByTestId('board-open').innerText()), String(board.open));
  assert.ok(board.open >= 1);
  const link = page.getByTestId('complaint-list').getByRole('link', { name: zhCN.complaints.number.replace('{{id}}', String(filed.id)) });
  await link.waitFor();
  await screenshot(page, 'workbench-complaints-board.zh-CN');
  await link.click();
  await page.getByTestId('complaint-detail').waitFor();
  await page.getByTestId('acknowledge').click();
  await page.getByTestId('complaint-status').getByText(zhCN.complaintStatus.acknowledged).waitFor();
  const resolve = page.getByTestId('resolve-form');
  await resolve.getByRole('combobox', { name: zhCN.complaints.outcome }).click();
  await page.getByTitle(zhCN.complaintOutcome.not_upheld).click();
  await resolve.getByLabel(zhCN.complaints.note).fill('通话记录显示为白天拨打，已向客户解释。');
  await resolve.getByRole('button', { name: zhCN.complaints.close }).click();
  await page.getByTestId('complaint-status').getByText(zhCN.complaintStatus.resolved).waitFor();
  const closed = await apiAs<{ status: string; outcome: string }>(server, compliance, `/api/v1/complaints/${filed.id}`);
  assert.deepEqual({ status: closed.status, outcome: closed.outcome }, { status: 'resolved', outcome: 'not_upheld' });
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('workbench: a QA reviewer scores a review from the queue against the scorecard, and the server\'s score is shown', async () => {
  const compliance = await sessionOf(server, { userId: 'compliance' });
  const scan = await postAs<{ reviewsOpened: number }>(compliance, '/api/v1/quality/scan', { businessDate: TODAY, sampling: { rateBp: 10_000 } }, 'ui-qa-scan');
  assert.equal(scan.status, 200, JSON.stringify(scan.json));
  const open = await apiAs<{ items: Array<{ id: number; items: number }> }>(server, compliance, '/api/v1/quality/reviews?status=open');
  assert.ok(open.items.length > 0, `the scan opened reviews (${JSON.stringify(scan.json)})`);
  const { page, errors } = await newPage(browser, { workbench: compliance });
  await page.goto(`${server.url}/quality`);
  // A review with calls or messages to read, when the scan opened one.
  const first = (open.items.find((r) => r.items > 0) ?? open.items[0]!).id;
  const withItems = open.items.find((r) => r.id === first)!.items > 0;
  await page.getByTestId('quality-reviews').getByRole('link', { name: zhCN.quality.reviewNo.replace('{{id}}', String(first)), exact: true }).click();
  const form = page.getByTestId('score-form');
  await form.waitFor();
  if (withItems) await page.getByTestId('quality-item').first().waitFor();
  const rows = form.locator('tbody tr.ant-table-row');
  const n = await rows.count();
  assert.ok(n > 0, 'the scorecard has criteria');
  for (let i = 0; i < n; i++) await rows.nth(i).getByText(zhCN.qaAnswer.met, { exact: true }).click();
  await form.getByRole('button', { name: zhCN.quality.submitScore }).click();
  const result = page.getByTestId('quality-result');
  await result.waitFor();
  const scored = await apiAs<{ score: number; passed: boolean; reviewer: string }>(server, compliance, `/api/v1/quality/reviews/${first}`);
  assert.equal(scored.reviewer, 'user:compliance');
  assert.ok(scored.passed, 'every criterion met passes');
  assert.match(await result.innerText(), new RegExp(`${scored.score} · ${zhCN.quality.passed}`));
  await screenshot(page, 'workbench-quality-scored.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('workbench: the auditor\'s check of the audit chain says it is intact, with the number of entries the server counted', async () => {
  const auditor = await sessionOf(server, { userId: 'auditor' });
  const { page, errors } = await newPage(browser, { workbench: auditor });
  await page.goto(`${server.url}/audit`);
  await page.getByTestId('audit-ok').waitFor();
  const v = await apiAs<{ ok: boolean; entries: number }>(server, auditor, '/api/v1/audit/verify');
  assert.equal(v.ok, true);
  assert.match(await page.getByTestId('audit-ok').innerText(), /审计链完好：共 \d+ 条记录/);
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('accessibility and screenshots: the main screens in Chinese and English have no serious or critical axe violations', { timeout: 240_000 }, async () => {
  const d = await richestDelinquentAccount();
  const sent = await sentContact();
  const debtor = await sessionOf(server, { customerId: d.customerId });
  // The complaint and QA review the tests above made, for their detail pages.
  const [complaintRow] = await server.app.db.query<{ id: number }>('SELECT min(id)::int AS id FROM complaints');
  const [reviewRow] = await server.app.db.query<{ id: number }>('SELECT min(id)::int AS id FROM qa_reviews');
  const screens: Array<{ name: string; path: string; as: 'staff' | 'debtor' | 'anon' }> = [
    { name: 'workbench-sign-in', path: '/signin', as: 'anon' },
    { name: 'workbench-overview', path: '/', as: 'staff' },
    { name: 'workbench-accounts', path: '/accounts', as: 'staff' },
    { name: 'workbench-account', path: `/accounts/${d.id}`, as: 'staff' },
    { name: 'workbench-queue', path: '/queue', as: 'staff' },
    { name: 'workbench-outbox', path: '/outbox', as: 'staff' },
    { name: 'workbench-complaints', path: '/complaints', as: 'staff' },
    { name: 'workbench-complaint', path: `/complaints/${complaintRow?.id ?? 1}`, as: 'staff' },
    { name: 'workbench-approvals', path: '/approvals', as: 'staff' },
    { name: 'workbench-quality-review', path: `/quality/${reviewRow?.id ?? 1}`, as: 'staff' },
    { name: 'workbench-quality', path: '/quality', as: 'staff' },
    { name: 'workbench-audit', path: '/audit', as: 'staff' },
    { name: 'portal-home', path: '/portal', as: 'anon' },
    { name: 'portal-sign-in', path: '/portal/signin', as: 'anon' },
    { name: 'portal-verify', path: `/portal/verify/${sent.code}`, as: 'anon' },
    { name: 'portal-accounts', path: '/portal/accounts', as: 'debtor' },
    { name: 'portal-owe', path: `/portal/owe/${d.id}`, as: 'debtor' },
    { name: 'portal-history', path: '/portal/history', as: 'debtor' },
    { name: 'portal-complain', path: '/portal/complain', as: 'debtor' },
    { name: 'portal-dispute', path: '/portal/dispute', as: 'debtor' },
  ];
  const found: string[] = [];
  for (const lang of ['zh-CN', 'en'] as const) {
    const pages = {
      staff: await newPage(browser, { lang, workbench: admin }),
      debtor: await newPage(browser, { lang, width: 390, height: 844, portal: debtor }),
      anon: await newPage(browser, { lang, width: 390, height: 844 }),
    };
    for (const s of screens) {
      const { page } = pages[s.as];
      await page.goto(`${server.url}${s.path}`);
      await settle(page);
      assert.equal(new URL(page.url()).pathname, s.path.split('?')[0], `${s.name} opened where it was asked (no sign-in detour)`);
      await screenshot(page, `${s.name}.${lang}`);
      if (lang === 'zh-CN' || s.name === 'workbench-account' || s.name === 'portal-verify' || s.name === 'workbench-complaints') {
        for (const v of await seriousA11yViolations(page)) found.push(`${s.name} (${lang}): ${v.impact} ${v.id} — ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      }
    }
    assert.deepEqual(unexpected(Object.values(pages).flatMap((p) => p.errors)), [], `console errors (${lang})`);
    for (const p of Object.values(pages)) await p.page.context().close();
  }
  assert.deepEqual(found, []);
});
