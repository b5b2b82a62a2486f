/**
 * The account page's casework in real Chromium against the real server on the small demo portfolio:
 * a plan within the collector's limit previewed and approved at once with its schedule, a policy
 * refusal shown next to the field it names, a waiver above the limit waiting for approval with who
 * may approve it and by when, a dispute opened for the debtor, and a promise to pay recorded from the
 * collector's queue that the real daily cycle judges kept once a payment has come in. Axe and
 * screenshots of the new parts in both languages; no console errors.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { TODAY, newPage, unexpected, seriousA11yViolations, screenshot, sessionOf, apiAs, type UiServer, type UiSession, startUiAndBrowser } from './support.ts';
import { runCycle } from '../../src/jobs/cycle.ts';
import { addDays } from '../../src/platform/dates.ts';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';

let server: UiServer;
let browser: Browser;
let collector: UiSession;
let supervisor: UiSession;
/** Accounts the tests below used, for the screenshots of each part with data in it. */
const used: { plan?: string; waiver?: string; promise?: string } = {};

before(async () => {
  [server, browser] = await startUiAndBrowser();
  collector = await sessionOf(server, { userId: 'li.na' });
  supervisor = await sessionOf(server, { userId: 'supervisor' });
}, { timeout: 240_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await settle(page);
}

/** A delinquent account with nothing negotiated yet and no open promise or dispute, not used by another test. */
async function freshAccount(extra: string, order: string): Promise<string> {
  const [row] = await server.app.db.query<{ ref: string }>(
    `SELECT a.ref FROM account_state s JOIN accounts a ON a.id = s.account_id
     WHERE s.bucket <> 'M0' AND ${extra}
       AND NOT EXISTS (SELECT 1 FROM concessions x WHERE x.account_id = a.id)
       AND NOT EXISTS (SELECT 1 FROM promises p WHERE p.account_id = a.id AND p.status = 'open')
       AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.account_id = a.id)
       AND a.ref <> ALL($1::text[])
     ORDER BY ${order} LIMIT 1`,
    [Object.values(used)],
  );
  assert.ok(row, `the demo portfolio has an account where ${extra}`);
  return row.ref;
}

test('a plan within the collector\'s limit: the preview shows its schedule and the policy\'s explanation, a term the policy refuses is named at its field, and the plan is approved at once with its schedule and agreement', async () => {
  const ref = await freshAccount(`s.overdue_minor > 0 AND s.principal_minor > 300000`, 's.principal_minor DESC');
  used.plan = ref;
  const { page, errors } = await newPage(browser, { workbench: collector });
  await page.goto(`${server.url}/accounts/${ref}`);
  await settle(page);
  await openTab(page, zhCN.casework.tabs.negotiate);
  const form = page.getByTestId('plan-form');
  await form.waitFor();

  // 13 instalments: the form lets it through, the CN policy (2–12) does not; its message sits at the field.
  await form.getByLabel(zhCN.casework.plan.termCount).fill('13');
  await form.getByRole('button', { name: zhCN.casework.plan.preview }).click();
  await form.getByTestId('error-state').waitFor();
  const fieldError = form.locator('#plan_termCount_help');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /12/, 'the policy\'s limit is shown under the number of instalments');

  await form.getByLabel(zhCN.casework.plan.termCount).fill('3');
  await form.getByRole('button', { name: zhCN.casework.plan.preview }).click();
  const preview = form.getByTestId('plan-preview-result');
  await preview.waitFor();
  const previewed = await apiPost<{ plan: { items: Array<{ dueOn: string; amountMinor: number }>; totalPayableMinor: number }; explanation: { 'zh-CN': string } }>(
    collector, '/api/v1/plans/preview', { accountRef: ref, termCount: 3 },
  );
  assert.equal(await preview.getByTestId('plan-preview-explanation').innerText(), previewed.explanation['zh-CN'], 'the policy\'s explanation, as the server wrote it');
  const previewRows = preview.locator('[data-testid="plan-preview-schedule"] tbody tr.ant-table-row');
  assert.equal(await previewRows.count(), 3);
  assert.ok((await previewRows.first().innerText()).includes(previewed.plan.items[0]!.dueOn));
  assert.equal(await server.app.db.query('SELECT 1 FROM concessions c JOIN accounts a ON a.id = c.account_id WHERE a.ref = $1', [ref]).then((r) => r.length), 0, 'a preview writes nothing');

  await form.getByLabel(zhCN.casework.reason).fill('客户收入下降，申请分三期');
  await form.getByRole('button', { name: zhCN.casework.plan.submit }).click();
  const outcome = form.getByTestId('concession-outcome');
  await outcome.waitFor();
  assert.equal(await outcome.getAttribute('data-status'), 'active', 'within a collector\'s limit the plan takes effect at once');
  assert.match(await outcome.getByTestId('outcome-title').innerText(), /已在您的额度内批准并生效/);
  assert.equal(await outcome.locator('[data-testid="outcome-schedule"] tbody tr.ant-table-row').count(), 3, 'the plan\'s schedule shows');
  await outcome.getByRole('button', { name: zhCN.casework.agreement.zh }).waitFor();
  const [stored] = await server.app.db.query<{ kind: string; status: string; maker: string; maker_role: string; checker: string | null }>(
    'SELECT c.kind, c.status, c.maker, c.maker_role, c.checker FROM concessions c JOIN accounts a ON a.id = c.account_id WHERE a.ref = $1', [ref],
  );
  assert.deepEqual(stored, { kind: 'plan', status: 'active', maker: 'user:li.na', maker_role: 'collector', checker: null });

  // The account's concessions list it: in effect, made by the collector, within the maker's limit.
  await openTab(page, zhCN.casework.tabs.concessions);
  const row = page.getByTestId('concessions').locator('tbody tr.ant-table-row').first();
  await row.waitFor();
  const text = await row.innerText();
  assert.ok(text.includes(zhCN.casework.concessionStatus.active) && text.includes('li.na') && text.includes(zhCN.casework.concessions.withinLimit), text);
  await screenshot(page, 'workbench-account-concessions.zh-CN');
  assert.deepEqual(unexpected(errors, ['/api/v1/plans/preview']), []);
  await page.context().close();
});

test('a waiver above the collector\'s limit waits for approval, saying who may approve it and by when', async () => {
  const ref = await freshAccount(`s.interest_minor > 20000`, 's.interest_minor DESC');
  used.waiver = ref;
  const { page, errors } = await newPage(browser, { workbench: collector });
  await page.goto(`${server.url}/accounts/${ref}`);
  await settle(page);
  await openTab(page, zhCN.casework.tabs.negotiate);
  await page.getByRole('tab', { name: zhCN.casework.forms.waiver, exact: true }).click();
  const form = page.getByTestId('waiver-form');
  await form.waitFor();
  await form.getByText(zhCN.components.interest, { exact: true }).click();
  await form.getByLabel(zhCN.casework.reason).fill('客户失业，申请减免全部利息');
  await form.getByRole('button', { name: zhCN.casework.waiver.submit }).click();
  const outcome = form.getByTestId('concession-outcome');
  await outcome.waitFor();
  assert.equal(await outcome.getAttribute('data-status'), 'pending_approval');
  assert.match(await outcome.getByTestId('outcome-title').innerText(), /等待审批/);
  const approver = await outcome.getByTestId('outcome-approver').innerText();
  const roles = Object.values(zhCN.casework.policyRole).filter((r) => r !== zhCN.casework.policyRole.collector);
  assert.ok(roles.some((r) => approver.includes(r)), `names a role above the collector: ${approver}`);
  const [stored] = await server.app.db.query<{ status: string; sla_due_at: string }>(
    'SELECT c.status, c.sla_due_at FROM concessions c JOIN accounts a ON a.id = c.account_id WHERE a.ref = $1', [ref],
  );
  assert.equal(stored?.status, 'pending_approval');
  // The SLA as the server set it (24 hours from now under the CN policy), in the reader's time zone.
  const sla = new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(stored!.sla_due_at));
  assert.ok((await outcome.getByTestId('outcome-sla').innerText()).includes(sla), 'the approval is due by the SLA the server set');
  await openTab(page, zhCN.casework.tabs.concessions);
  const row = page.getByTestId('concessions').locator('tbody tr.ant-table-row').first();
  assert.ok((await row.innerText()).includes(zhCN.casework.concessionStatus.pending_approval));
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('a collector records a promise, the cycle runs, the promise shows as kept', { timeout: 240_000 }, async () => {
  const { page, errors } = await newPage(browser, { workbench: collector });
  await page.goto(`${server.url}/queue`);
  const table = page.getByTestId('queue-table');
  await table.waitFor();
  // An account of the collector's own queue that owes arrears and has no open promise or dispute.
  const queue = await apiAs<{ items: Array<{ accountRef: string; overdueMinor: number; currency: string }> }>(server, collector, '/api/v1/worklist/collectors/li.na/queue');
  const candidates = new Set(
    (await server.app.db.query<{ ref: string }>(
      `SELECT a.ref FROM accounts a WHERE NOT EXISTS (SELECT 1 FROM promises p WHERE p.account_id = a.id AND p.status = 'open')
         AND NOT EXISTS (SELECT 1 FROM disputes d WHERE d.account_id = a.id) AND NOT EXISTS (SELECT 1 FROM concessions x WHERE x.account_id = a.id)`,
    )).map((r) => r.ref),
  );
  const item = queue.items.find((i) => i.overdueMinor > 0 && candidates.has(i.accountRef));
  assert.ok(item, 'the collector\'s queue has an account to promise on');
  const ref = item.accountRef;
  used.promise = ref;
  const row = table.locator('tbody tr.ant-table-row').filter({ has: page.getByRole('link', { name: ref, exact: true }) });
  await row.getByRole('button', { name: zhCN.queue.record }).click();
  const form = page.getByTestId('call-outcome-form');
  await form.waitFor();
  await form.getByText(zhCN.outcome.ptp, { exact: true }).click();
  await form.getByLabel(zhCN.callForm.contactPoint).fill('+86 138 0000 0002');
  const dueOn = addDays(TODAY, 2);
  await form.getByLabel(zhCN.callForm.promiseDueOn).fill(dueOn);
  const amountMinor = item.overdueMinor;
  await form.getByLabel(/承诺金额/).fill(`${Math.floor(amountMinor / 100)}.${String(amountMinor % 100).padStart(2, '0')}`);
  await form.getByRole('button', { name: zhCN.callForm.submit }).click();
  await page.getByText(/催记已保存/).waitFor();

  // On the account page the promise is open: nothing has come in yet.
  await page.goto(`${server.url}/accounts/${ref}`);
  await settle(page);
  await openTab(page, zhCN.casework.tabs.promises);
  const promise = page.getByTestId('promises').locator('tbody tr.ant-table-row').first();
  await promise.waitFor();
  assert.equal(await promise.getByTestId('promise-status').getAttribute('data-status'), 'open');
  assert.ok((await promise.innerText()).includes(dueOn));

  // The debtor pays the promised amount (the lender's payment feed, as a supervisor through the API)…
  const paid = await fetch(`${server.url}/api/v1/payments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${supervisor.token}`, 'content-type': 'application/json', 'idempotency-key': `ptp-payment-${ref}` },
    body: JSON.stringify({ accountRef: ref, amountMinor, currency: item.currency }),
  });
  assert.equal(paid.status, 201, await paid.text());
  // …and the daily cycle runs through the end of the promise's window (its due date plus the policy's grace day).
  const windowEnd = addDays(dueOn, 1);
  await runCycle(server.app.db, server.app.clock, { date: windowEnd, planning: server.app.planning });

  await page.reload();
  await settle(page);
  await openTab(page, zhCN.casework.tabs.promises);
  const judged = page.getByTestId('promises').locator('tbody tr.ant-table-row').first();
  await judged.getByTestId('promise-status').and(page.locator('[data-status="kept"]')).waitFor();
  assert.equal(await judged.getByTestId('promise-status').innerText(), zhCN.casework.promiseStatus.kept);
  const payments = await judged.getByTestId('promise-payments').innerText();
  assert.ok(payments.includes(`ptp-payment-${ref}`) && payments.includes(TODAY), `the payment that counted is listed: ${payments}`);
  const [stored] = await server.app.db.query<{ status: string; paid_minor: number; evaluated_on: string }>(
    `SELECT p.status, p.paid_minor, p.evaluated_on::text AS evaluated_on FROM promises p JOIN accounts a ON a.id = p.account_id WHERE a.ref = $1 ORDER BY p.id DESC LIMIT 1`, [ref],
  );
  assert.deepEqual(stored, { status: 'kept', paid_minor: amountMinor, evaluated_on: windowEnd });
  await screenshot(page, 'workbench-account-promises.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('a collector opens a dispute for the debtor; it lists as open and holds collection', async () => {
  const ref = used.plan!;
  const { page, errors } = await newPage(browser, { workbench: collector });
  await page.goto(`${server.url}/accounts/${ref}`);
  await settle(page);
  await openTab(page, zhCN.casework.tabs.complaints);
  const form = page.getByTestId('dispute-form');
  await form.getByRole('button', { name: zhCN.casework.disputes.submit }).click();
  await form.getByText(zhCN.casework.required).waitFor();
  await form.getByLabel(zhCN.casework.disputes.reasonLabel).fill('债务人来电称第二期已通过银行转账还清');
  await form.getByRole('button', { name: zhCN.casework.disputes.submit }).click();
  await form.getByTestId('dispute-opened').waitFor();
  const row = page.getByTestId('account-disputes').locator('tbody tr.ant-table-row').first();
  await row.waitFor();
  assert.ok((await row.innerText()).includes('第二期已通过银行转账还清'));
  await page.getByText(zhCN.casework.disputes.held).waitFor();
  const [stored] = await server.app.db.query<{ status: string; opened_by: string }>(
    'SELECT d.status, d.opened_by FROM disputes d JOIN accounts a ON a.id = d.account_id WHERE a.ref = $1', [ref],
  );
  assert.deepEqual(stored, { status: 'open', opened_by: 'user:li.na' });
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('accessibility and screenshots: the account page\'s negotiation, concessions, promises, complaints and disputes in Chinese and English', { timeout: 240_000 }, async () => {
  const found: string[] = [];
  // An account with nothing negotiated yet, so the preview shows a schedule.
  const open = await freshAccount('s.overdue_minor > 0 AND s.principal_minor > 300000', 's.principal_minor DESC');
  const parts: Array<{ ref: string | undefined; tab: 'negotiate' | 'concessions' | 'promises' | 'complaints'; name: string }> = [
    { ref: open, tab: 'negotiate', name: 'negotiate' },
    { ref: used.waiver, tab: 'concessions', name: 'concessions' },
    { ref: used.promise, tab: 'promises', name: 'promises' },
    { ref: used.plan, tab: 'complaints', name: 'complaints' },
  ];
  for (const lang of ['zh-CN', 'en'] as const) {
    const words = lang === 'en' ? en : zhCN;
    const { page, errors } = await newPage(browser, { lang, workbench: collector });
    for (const p of parts) {
      assert.ok(p.ref, `the test that uses ${p.name} ran`);
      await page.goto(`${server.url}/accounts/${p.ref}`);
      await settle(page);
      await openTab(page, words.casework.tabs[p.tab]);
      if (p.tab === 'negotiate') {
        // The preview's schedule and explanation in the picture.
        await page.getByTestId('plan-form').getByRole('button', { name: words.casework.plan.preview }).click();
        await page.getByTestId('plan-preview-result').waitFor();
      }
      if (p.tab === 'concessions') await page.getByTestId('concessions').locator('tbody tr.ant-table-row').first().getByRole('button').first().click();
      // The page at rest: no button under the mouse (its hover colour is the theme's, checked elsewhere).
      await page.mouse.move(0, 0);
      await screenshot(page, `workbench-account-${p.name}.${lang}`);
      for (const v of await seriousA11yViolations(page)) found.push(`${p.name} (${lang}): ${v.impact} ${v.id} — ${v.help} — ${JSON.stringify(v.nodes.map((n) => n.target))}`);
    }
    assert.deepEqual(unexpected(errors), [], `console errors (${lang})`);
    await page.context().close();
  }
  assert.deepEqual(found, []);
});

async function apiPost<T>(session: UiSession, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(r.status, 200, `${path}: ${r.status} ${await r.clone().text()}`);
  return (await r.json()) as T;
}
