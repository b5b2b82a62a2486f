/**
 * The repayment assistant in real Chromium at phone width (390×844) against the real server on the
 * demo portfolio: a debtor asks "我还欠多少钱" and the reply quotes the same amount as the balance
 * page (My accounts), to the cent; a quick question; the hand-off reaches the workbench's list with
 * the transcript and a supervisor closes it; the same question in English. The screen passes the accessibility check, is screenshotted, and logs no error.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { newPage, unexpected, seriousA11yViolations, screenshot, minorOf, sessionOf, apiAs, type UiServer, startUiAndBrowser } from './support.ts';

let server: UiServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };

before(async () => {
  [server, browser] = await startUiAndBrowser();
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

test('asked "我还欠多少钱", the assistant answers with the amount the balance page shows; a hand-off reaches staff', { timeout: 300_000 }, async () => {
  // A debtor of the demo portfolio with exactly one account that owes something.
  const [row] = await server.app.db.query<{ customer_id: string; ref: string }>(
    `SELECT a.customer_id, min(a.ref) AS ref FROM accounts a JOIN account_state s ON s.account_id = a.id
     WHERE s.principal_minor + s.interest_minor + s.penalty_minor + s.fees_minor + s.credit_minor > 0 AND s.overdue_minor > 0
     GROUP BY a.customer_id HAVING count(*) = 1 ORDER BY a.customer_id LIMIT 1`);
  assert.ok(row, 'a delinquent debtor with one account');
  const debtor = await sessionOf(server, { customerId: row.customer_id });
  const { page, errors } = await newPage(browser, { ...PHONE, lang: 'zh-CN', portal: debtor });
  try {
    // The balance page: what I owe on my one account.
    await page.goto(`${server.url}/portal/accounts`);
    const card = page.getByTestId('my-accounts').locator('.ant-card').first();
    await card.waitFor();
    const shownTotal = minorOf(await card.locator('strong.num').first().innerText());
    const api = (await apiAs<{ items: Array<{ id: string; balances: { totalMinor: number } }> }>(server, debtor, '/api/v1/portal/accounts')).items.find((a) => a.id === row.ref)!;
    assert.equal(shownTotal, String(api.balances.totalMinor), 'the balance page shows the ledger total');

    // The assistant, reached from the portal's navigation.
    await page.getByRole('navigation').getByRole('link', { name: '还款助手' }).click();
    await page.getByTestId('assistant-input').fill('我还欠多少钱');
    await page.getByTestId('assistant-send').click();
    const reply = page.getByTestId('assistant-reply').first();
    await reply.waitFor();
    assert.equal(await reply.getAttribute('data-intent'), 'balance');
    const text = await reply.innerText();
    const amounts = [...text.matchAll(/¥([\d,]+\.\d{2})/g)].map((m) => minorOf(m[1]!));
    assert.equal(amounts[0], shownTotal, `the reply's total is the balance page's: ${text}`);
    assert.ok(text.includes(row.ref), text);
    assert.deepEqual(await seriousA11yViolations(page), [], 'the assistant screen passes the accessibility check');
    await screenshot(page, 'assistant-zh-CN');

    // A quick question; the reply offers the page it talks about.
    await page.getByTestId('assistant-chip-due').click();
    await page.getByTestId('assistant-reply').nth(1).waitFor();
    assert.equal(await page.getByTestId('assistant-reply').nth(1).getAttribute('data-intent'), 'due_date');

    // Hand-off: the conversation goes to staff with what was said.
    await page.getByTestId('assistant-handoff').click();
    await page.getByTestId('assistant-handed-off').waitFor();
    const collector = await sessionOf(server, { userId: 'supervisor' });
    const list = await apiAs<{ items: Array<{ customerId: string; transcript: Array<{ text: string }> }> }>(server, collector, '/api/v1/assistant/handoffs');
    const mine = list.items.find((h) => h.customerId === row.customer_id);
    assert.ok(mine, 'the hand-off is in the staff list');
    assert.equal(mine.transcript[0]!.text, '我还欠多少钱');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'assistant-handoff-zh-CN');
    assert.deepEqual(unexpected(errors), []);
  } finally {
    await page.context().close();
  }

  // The workbench: a supervisor sees the hand-off with its transcript, and closes it.
  const staff = await sessionOf(server, { userId: 'supervisor' });
  const { page: wb, errors: wbErrors } = await newPage(browser, { workbench: staff });
  try {
    await wb.goto(`${server.url}/handoffs`);
    const table = wb.getByTestId('handoffs-table');
    const line = table.locator('tr', { hasText: row.customer_id }).first();
    await line.waitFor();
    await line.getByRole('button', { name: /展开|expand/i }).click();
    await table.getByText('我还欠多少钱').first().waitFor();
    assert.deepEqual(await seriousA11yViolations(wb), [], 'the hand-off list passes the accessibility check');
    await screenshot(wb, 'assistant-handoffs-workbench');
    await line.getByRole('button', { name: '标记为已处理', exact: true }).click();
    await table.locator('tr', { hasText: row.customer_id }).first().waitFor({ state: 'detached' });
    assert.deepEqual(unexpected(wbErrors), []);
  } finally {
    await wb.context().close();
  }

  // In English: the same figure, formatted for English.
  const { page: enPage, errors: enErrors } = await newPage(browser, { ...PHONE, lang: 'en', portal: debtor });
  try {
    await enPage.goto(`${server.url}/portal/assistant`);
    await enPage.getByTestId('assistant-chip-balance').click();
    const reply = enPage.getByTestId('assistant-reply').first();
    await reply.waitFor();
    const text = await reply.innerText();
    assert.match(text, /you owe/);
    const api = (await apiAs<{ items: Array<{ id: string; balances: { totalMinor: number } }> }>(server, debtor, '/api/v1/portal/accounts')).items.find((a) => a.id === row.ref)!;
    assert.equal(minorOf(/¥([\d,]+\.\d{2})/.exec(text)![1]!), String(api.balances.totalMinor));
    assert.deepEqual(await seriousA11yViolations(enPage), []);
    await screenshot(enPage, 'assistant-en');
    assert.deepEqual(unexpected(enErrors), []);
  } finally {
    await enPage.context().close();
  }
});
