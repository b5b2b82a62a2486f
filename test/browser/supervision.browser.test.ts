/**
 * The supervisors' and the agency's screens in real Chromium against the real server on the small
 * demo portfolio, with the demo's agency (huaxin) created as the demo creates it: a supervisor
 * changes a queue (a bad value refused on its field) and a collector's capacity, which the queue's
 * capacity follows; runs assignment and sees as many cases assigned as the worklist's figures moved;
 * places an account with the agency and recalls it with a reason; accepts the strategy's open agency
 * recommendation of an account from its row. The agency's agent signs in, lands
 * on the agency's screen, sees a placed account masked, asks whether a call is allowed now and
 * records a call outcome. A collector is not offered the supervision screens. Every page passes axe
 * (no serious or critical violation) in both languages, with screenshots, and logs no console error.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newPage, unexpected, seriousA11yViolations, screenshot, sessionOf, apiAs, type UiServer, type UiSession, startUiAndBrowser } from './support.ts';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';
import { ensureDemoAgency, DEMO_AGENCY, DEMO_PASSWORD } from '../../src/modules/demo/index.ts';
import { issueSession } from '../../src/modules/identity/index.ts';

let server: UiServer;
let browser: Browser;
let supervisor: UiSession;
let collector: UiSession;
let agent: UiSession;
let businessDate: string;

interface Stats {
  unassignedOpenCases: number;
  queues: Array<{ code: string; activeAssignments: number; capacity: number; collectors: number }>;
  collectors: Array<{ id: string; active: boolean; openCases: number; maxOpenCases: number }>;
}
interface Queue { code: string; name: string; buckets: string[]; skill: string | null; language: string | null; agencyId: string | null; recallAfterDays: number; priority: number; active: boolean }
interface Collector { id: string; name: string; team: string; agencyId: string | null; skills: string[]; languages: string[]; maxOpenCases: number; active: boolean }
interface Placement { id: number; accountRef: string; agencyId: string; endedOn: string | null; endReason: string | null; endDetails: { note?: string } | null }

before(async () => {
  [server, browser] = await startUiAndBrowser();
  supervisor = await sessionOf(server, { userId: 'supervisor' });
  collector = await sessionOf(server, { userId: 'li.na' });
  const health = await apiAs<{ businessDate: string | null; lastClosedDate: string | null }>(server, supervisor, '/api/v1/health');
  businessDate = (health.businessDate ?? health.lastClosedDate)!;
  assert.ok(businessDate, 'the fixture has a business date');
  // The demo's agency, its queue, collector, users and placement rule, as `npm start` makes them.
  await ensureDemoAgency(server.app, businessDate, DEMO_PASSWORD);
  const { sessionId: _id, ...grant } = await issueSession(server.app.db, server.app.clock, { userId: 'agency.agent', roles: ['agency_agent'], agencyId: DEMO_AGENCY.id, displayName: '钱坐席（华信）' });
  agent = grant;
}, { timeout: 480_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

async function write<T>(session: UiSession, method: string, path: string, body: unknown): Promise<T> {
  const r = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${session.token}`, 'content-type': 'application/json', 'idempotency-key': `test:${crypto.randomUUID()}` },
    body: JSON.stringify(body),
  });
  assert.ok(r.status < 300, `${method} ${path}: ${r.status} ${await r.clone().text()}`);
  return (await r.json()) as T;
}

const stats = () => apiAs<Stats>(server, supervisor, `/api/v1/worklist/stats?asOf=${businessDate}`);

/** Waits for a part of the page, failing at once with the page's error state when a request failed instead. */
async function ready(page: Page, testId: string, errors: string[] = []): Promise<void> {
  const problem = page.getByTestId('error-state').first();
  try {
    await page.getByTestId(testId).first().or(problem).waitFor({ timeout: 60_000 });
  } catch (err) {
    assert.fail(`${page.url()}: no ${testId} (${String(err)}); logged: ${errors.join(' | ')}; page: ${(await page.locator('body').innerText()).slice(0, 1500)}`);
  }
  if (await problem.isVisible()) assert.fail(`${page.url()}: ${await problem.innerText()}`);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

/**
 * Delinquent accounts with an open case, never placed, of Chinese-speaking customers (the demo
 * agency's collector speaks Chinese, so the case is handed over to them).
 */
async function unplacedAccounts(n: number): Promise<string[]> {
  const rows = await server.app.db.query<{ ref: string }>(
    `SELECT a.ref FROM accounts a JOIN collection_cases c ON c.account_id = a.id AND c.status = 'open' JOIN customers cu ON cu.id = a.customer_id AND cu.language = 'zh-CN'
     WHERE NOT EXISTS (SELECT 1 FROM agency_placements p WHERE p.account_id = a.id AND p.ended_on IS NULL)
       AND NOT EXISTS (SELECT 1 FROM agency_placements p WHERE p.account_id = a.id)
     ORDER BY c.overdue_minor DESC, a.ref LIMIT $1`,
    [n],
  );
  assert.equal(rows.length, n, `the portfolio has ${n} unplaced accounts with an open case`);
  return rows.map((r) => r.ref);
}

test('supervision: a queue is changed (a bad value refused on its field) and a collector\'s capacity raised, which the queue\'s capacity follows', async () => {
  const { page, errors } = await newPage(browser, { workbench: supervisor });
  await page.goto(`${server.url}/supervision`);
  await ready(page, 'queues-table');
  assert.equal(new URL(page.url()).pathname, '/supervision/queues');
  await settle(page);
  const [queue] = (await apiAs<{ items: Queue[] }>(server, supervisor, '/api/v1/worklist/queues')).items.filter((q) => q.active && q.agencyId === null);
  assert.ok(queue, 'an in-house queue');

  await page.getByTestId(`edit-queue-${queue.code}`).click();
  const form = page.getByTestId('queue-form');
  await form.waitFor();
  // A priority the server does not take: its 400 shows on the priority field, and nothing changes.
  await form.getByLabel(zhCN.supervision.queues.priority).fill('5000');
  await form.getByRole('button', { name: zhCN.supervision.save }).click();
  const wrong = form.locator('.ant-form-item-has-error');
  await wrong.first().waitFor();
  assert.match(await wrong.first().innerText(), new RegExp(zhCN.supervision.queues.priority));
  assert.equal((await apiAs<Queue>(server, supervisor, `/api/v1/worklist/queues/${queue.code}`)).priority, queue.priority);
  // A good change is saved.
  await form.getByLabel(zhCN.supervision.queues.priority).fill(String(queue.priority));
  await form.getByLabel(zhCN.supervision.queues.recallAfterDays).fill(String(queue.recallAfterDays + 7));
  await form.getByRole('button', { name: zhCN.supervision.save }).click();
  await form.waitFor({ state: 'detached' });
  const saved = await apiAs<Queue>(server, supervisor, `/api/v1/worklist/queues/${queue.code}`);
  assert.equal(saved.recallAfterDays, queue.recallAfterDays + 7);
  await page.getByRole('cell', { name: String(queue.recallAfterDays + 7), exact: true }).first().waitFor();

  // The queue's capacity is its collectors' capacity: raising one collector's raises the queue's.
  const before = (await stats()).queues.find((q) => q.code === queue.code)!;
  const one = (await apiAs<{ items: Collector[] }>(server, supervisor, '/api/v1/worklist/collectors')).items.find((c) => c.active && c.agencyId === null && (queue.skill === null || c.skills.includes(queue.skill)))!;
  await page.getByTestId('supervision-nav-collectors').click();
  await page.getByTestId(`edit-collector-${one.id}`).click();
  const cform = page.getByTestId('collector-form');
  await cform.getByLabel(zhCN.supervision.collectors.maxOpenCases).fill(String(one.maxOpenCases + 5));
  await cform.getByRole('button', { name: zhCN.supervision.save }).click();
  await cform.waitFor({ state: 'detached' });
  assert.equal((await apiAs<Collector>(server, supervisor, `/api/v1/worklist/collectors/${one.id}`)).maxOpenCases, one.maxOpenCases + 5);
  await page.getByTestId('supervision-nav-queues').click();
  const after = (await stats()).queues.find((q) => q.code === queue.code)!;
  assert.equal(after.capacity, before.capacity + 5);
  const cell = page.getByTestId(`queue-capacity-${queue.code}`);
  await cell.waitFor();
  assert.match(await cell.innerText(), new RegExp(`^${after.capacity}`));
  assert.deepEqual(unexpected(errors, ['/api/v1/worklist/queues/']), []);
  await page.context().close();
});

test('supervision: assignment, asked first, assigns as many cases as the worklist\'s figures moved', async () => {
  // Some cases to assign: a collector switched off releases theirs (and is switched back on).
  const busy = (await stats()).collectors.filter((c) => c.active && c.openCases > 0).sort((a, b) => b.openCases - a.openCases)[0]!;
  const c = await apiAs<Collector>(server, supervisor, `/api/v1/worklist/collectors/${busy.id}`);
  const { id: _id, ...fields } = c;
  const off = await write<{ released: number }>(supervisor, 'PUT', `/api/v1/worklist/collectors/${busy.id}`, { ...fields, active: false });
  assert.ok(off.released > 0, 'cases were released');
  await write(supervisor, 'PUT', `/api/v1/worklist/collectors/${busy.id}`, { ...fields, active: true });
  const before = await stats();
  assert.ok(before.unassignedOpenCases >= off.released);

  const { page, errors } = await newPage(browser, { workbench: supervisor, lang: 'en' });
  await page.goto(`${server.url}/supervision/assignment`);
  const unassigned = page.getByTestId('stat-unassigned');
  await unassigned.waitFor();
  assert.match(await unassigned.innerText(), new RegExp(`\\D${before.unassignedOpenCases}$`));
  assert.equal(await page.getByTestId('assignment-date').inputValue(), businessDate);
  await page.getByTestId('run-assign').click();
  // Asked first; cancelling moves nothing.
  await page.getByRole('button', { name: en.common.cancel }).click();
  // The question closes (its animation would take the next click otherwise).
  await page.waitForFunction('document.querySelectorAll(".ant-modal-wrap").length === [...document.querySelectorAll(".ant-modal-wrap")].filter((w) => getComputedStyle(w).display === "none").length');
  assert.equal((await stats()).unassignedOpenCases, before.unassignedOpenCases);
  await page.getByTestId('run-assign').click();
  await page.getByRole('button', { name: en.supervision.confirm }).click();
  const result = page.getByTestId('assigned-count');
  await result.waitFor();
  const assigned = Number(await result.getAttribute('data-count'));
  const afterStats = await stats();
  assert.ok(assigned > 0, 'cases were assigned');
  assert.equal(assigned, before.unassignedOpenCases - afterStats.unassignedOpenCases, 'the assigned cases are the ones no longer unassigned');
  await page.getByTestId('stat-unassigned').filter({ hasText: new RegExp(`\\D${afterStats.unassignedOpenCases}$`) }).waitFor();
  await screenshot(page, 'supervision-assigned.en');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('supervision: an account placed with the agency by hand, asked first, and recalled with a reason', async () => {
  const [ref] = await unplacedAccounts(1);
  const { page, errors } = await newPage(browser, { workbench: supervisor });
  await page.goto(`${server.url}/supervision/placements`);
  await ready(page, 'place-accounts-table');
  await page.getByTestId('place-search').locator('input').fill(ref!);
  await page.getByTestId('place-search').locator('input').press('Enter');
  await page.getByLabel(zhCN.supervision.placements.choose.replace('{{ref}}', ref!)).check();
  await page.getByTestId('place-selected').click();
  await page.getByRole('button', { name: zhCN.supervision.confirm }).click();
  const outcome = page.getByTestId('place-outcome');
  await outcome.waitFor();
  assert.match(await outcome.innerText(), new RegExp(`${ref}.*${DEMO_AGENCY.id}`));
  const placed = (await apiAs<{ items: Placement[] }>(server, supervisor, `/api/v1/placements?accountRef=${ref}&active=true`)).items;
  assert.equal(placed.length, 1);
  assert.equal(placed[0]!.agencyId, DEMO_AGENCY.id);

  // The list, filtered to the agency, shows it placed; recalling it asks why.
  await page.getByTestId('placements-agency').click();
  await page.locator('.ant-select-item-option').filter({ hasText: DEMO_AGENCY.name }).click();
  await page.getByTestId(`recall-${ref}`).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: zhCN.supervision.placements.recall }).click();
  await dialog.getByText(zhCN.supervision.placements.reasonRequired).waitFor();
  await page.getByTestId('recall-reason').fill('客户已投诉，收回内催');
  await dialog.getByRole('button', { name: zhCN.supervision.placements.recall }).click();
  await page.getByTestId(`recall-${ref}`).waitFor({ state: 'detached' });
  const ended = (await apiAs<{ items: Placement[] }>(server, supervisor, `/api/v1/placements?accountRef=${ref}`)).items[0]!;
  assert.equal(ended.endedOn, businessDate);
  assert.equal(ended.endReason, 'manual');
  assert.equal(ended.endDetails?.note, '客户已投诉，收回内催');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('supervision: the strategy\'s open agency recommendation is listed and accepted from its row, with the agency chosen there', async () => {
  const [ref] = await unplacedAccounts(1);
  // The strategy's recommendation of the day, as the planning step records it for a late account.
  await server.app.db.query(
    `INSERT INTO case_recommendations (account_id, customer_id, business_date, kind, strategy_version, strategy_row) SELECT id, customer_id, $2, 'recommend_agency', 1, 'cn-m3-agency' FROM accounts WHERE ref = $1
     ON CONFLICT DO NOTHING`, [ref, businessDate]);
  const open = (await apiAs<{ items: Array<{ accountRef: string; recommendedOn: string }> }>(server, supervisor, '/api/v1/placements/recommendations')).items;
  assert.ok(open.some((r) => r.accountRef === ref && r.recommendedOn === businessDate), JSON.stringify(open));

  const { page, errors } = await newPage(browser, { workbench: supervisor });
  await page.goto(`${server.url}/supervision/placements`);
  await ready(page, 'recommendations');
  const row = page.getByTestId('recommendations').locator('tr', { hasText: ref! });
  await row.getByLabel(`${zhCN.supervision.placements.withAgency} ${ref}`).click();
  await page.locator('.ant-select-item-option').filter({ hasText: DEMO_AGENCY.name }).last().click();
  await page.getByTestId(`accept-${ref}`).click();
  await page.getByTestId(`accept-${ref}`).waitFor({ state: 'detached' });
  const placed = (await apiAs<{ items: Array<Placement & { source: string }> }>(server, supervisor, `/api/v1/placements?accountRef=${ref}&active=true`)).items;
  assert.deepEqual(placed.map((p) => [p.agencyId, p.source]), [[DEMO_AGENCY.id, 'recommendation']]);
  const left = (await apiAs<{ items: Array<{ accountRef: string }> }>(server, supervisor, '/api/v1/placements/recommendations')).items;
  assert.ok(!left.some((r) => r.accountRef === ref), 'an accepted recommendation leaves the list');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('agency: the agent signs in, lands on the agency\'s screen, sees a placed account masked, asks whether a call is allowed and records an outcome', async () => {
  const [ref] = await unplacedAccounts(1);
  await write(supervisor, 'POST', '/api/v1/placements', { accountRef: ref, agencyId: DEMO_AGENCY.id, businessDate });
  const [customer] = await server.app.db.query<{ address: string | null; id_number_masked: string | null }>(
    `SELECT c.address, c.id_number_masked FROM customers c JOIN accounts a ON a.customer_id = c.id WHERE a.ref = $1`, [ref]);

  const { page, errors } = await newPage(browser);
  await page.goto(`${server.url}/signin`);
  await page.getByLabel(zhCN.auth.username).fill('agency.agent');
  await page.getByLabel(zhCN.auth.password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: zhCN.auth.signIn }).click();
  await ready(page, 'agency-accounts');
  assert.equal(new URL(page.url()).pathname, '/agency');
  const nav = await page.getByRole('navigation').innerText();
  for (const word of [zhCN.nav.accounts, zhCN.nav.queue, zhCN.nav.supervision, zhCN.nav.overview]) assert.ok(!nav.includes(word), `an agent does not see ${word}`);
  await page.getByRole('link', { name: ref!, exact: true }).click();
  await page.getByTestId('agency-account').waitFor();
  await settle(page);
  const detail = await apiAs<{ customer: { idNumberMasked: string | null; region: string | null } }>(server, agent, `/api/v1/agency/accounts/${ref}`);
  assert.equal(await page.getByTestId('agency-id-number').innerText(), detail.customer.idNumberMasked ?? '—');
  assert.equal(await page.getByTestId('agency-region').innerText(), detail.customer.region ?? '—');
  const text = await page.locator('main').innerText();
  if (customer?.address) assert.ok(!text.includes(customer.address), 'the full address is not shown');
  if (customer?.id_number_masked && customer.id_number_masked !== detail.customer.idNumberMasked) assert.ok(!text.includes(customer.id_number_masked), "the lender's id number is not shown");

  // The compliance gate's verdict on calling now, as the API gives it.
  await page.getByLabel(zhCN.agencyWork.callerNumber).fill('+86 10 8888 0000');
  await page.getByTestId('run-call-check').click();
  const verdict = page.getByTestId('call-verdict');
  await verdict.waitFor();
  const phone = (await apiAs<{ customer: { phones: string[] } }>(server, agent, `/api/v1/agency/accounts/${ref}`)).customer.phones[0]!;
  const asked = await write<{ decision: string; denyingRules: string[] }>(agent, 'POST', `/api/v1/agency/accounts/${ref}/call-check`, { contactPoint: phone, callerNumber: '+86 10 8888 0000' });
  assert.equal(await verdict.getAttribute('data-decision'), asked.decision);
  assert.ok((await verdict.innerText()).includes(zhCN.decision[asked.decision as keyof typeof zhCN.decision]));
  for (const rule of asked.denyingRules) assert.ok((await verdict.innerText()).includes(rule), `the denying rule ${rule} is named`);
  await screenshot(page, 'agency-call-check.zh-CN');

  // A call outcome, recorded as the agent (one of the agency's collectors).
  const form = page.getByTestId('agency-outcome-form');
  await form.getByText(zhCN.outcome.no_answer, { exact: true }).click();
  await form.getByLabel(zhCN.callForm.note).fill('无人接听，明日再拨');
  await form.getByRole('button', { name: zhCN.callForm.submit }).click();
  await page.getByTestId('agency-outcome-saved').or(form.getByTestId('error-state')).waitFor();
  assert.equal(await form.getByTestId('error-state').count(), 0, await form.getByTestId('error-state').allInnerTexts().then((t) => t.join()));
  const [record] = await server.app.db.query<{ collector_id: string; outcome: string; note: string }>(
    `SELECT r.collector_id, r.outcome, r.note FROM call_records r JOIN accounts a ON a.id = r.account_id WHERE a.ref = $1 ORDER BY r.id DESC LIMIT 1`, [ref]);
  assert.deepEqual(record, { collector_id: 'agency.agent', outcome: 'no_answer', note: '无人接听，明日再拨' });
  // The call is in the contact history, made by the agency's own collector.
  await page.getByTestId('agency-contacts').getByText(`${DEMO_AGENCY.id} · agency.agent`).first().waitFor();
  assert.ok((await page.getByTestId('agency-contacts').innerText()).includes(zhCN.agencyWork.historyOutcome.unanswered));
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('a collector is not offered the supervision screens', async () => {
  const { page, errors } = await newPage(browser, { workbench: collector });
  await page.goto(`${server.url}/queue?collector=li.na`);
  await ready(page, 'queue-table');
  const nav = await page.getByRole('navigation').innerText();
  assert.ok(!nav.includes(zhCN.nav.supervision), 'no supervision entry');
  assert.ok(!nav.includes(zhCN.nav.agency), 'no agency entry');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('supervision and agency screens: no serious accessibility violation, in Chinese and in English, with screenshots', async () => {
  let [ref] = (await apiAs<{ items: Array<{ accountRef: string }> }>(server, agent, '/api/v1/agency/accounts')).items.map((a) => a.accountRef);
  if (!ref) {
    [ref] = await unplacedAccounts(1);
    await write(supervisor, 'POST', '/api/v1/placements', { accountRef: ref, agencyId: DEMO_AGENCY.id, businessDate });
  }
  const pages = [
    { name: 'supervision-queues', path: '/supervision/queues', as: supervisor, ready: 'queues-table' },
    { name: 'supervision-collectors', path: '/supervision/collectors', as: supervisor, ready: 'collectors-table' },
    { name: 'supervision-assignment', path: '/supervision/assignment', as: supervisor, ready: 'stats-queues' },
    { name: 'supervision-agencies', path: '/supervision/agencies', as: supervisor, ready: `scorecard-${DEMO_AGENCY.id}` },
    { name: 'supervision-placements', path: '/supervision/placements', as: supervisor, ready: 'placements-table' },
    { name: 'agency-accounts', path: '/agency', as: agent, ready: 'agency-accounts' },
    { name: 'agency-account', path: `/agency/accounts/${ref}`, as: agent, ready: 'agency-contacts' },
  ];
  for (const lang of ['zh-CN', 'en'] as const) {
    for (const p of pages) {
      const { page, errors } = await newPage(browser, { workbench: p.as, lang });
      await page.goto(`${server.url}${p.path}`);
      await ready(page, p.ready, errors);
      await settle(page);
      const title = lang === 'en' ? en.supervision.title : zhCN.supervision.title;
      if (p.as === supervisor) await page.getByRole('heading', { name: title, level: 2 }).waitFor();
      assert.deepEqual(await seriousA11yViolations(page), [], `${p.name} (${lang})`);
      await screenshot(page, `${p.name}.${lang}`);
      assert.deepEqual(unexpected(errors), [], `${p.name} (${lang})`);
      await page.context().close();
    }
  }
  // The phone width of the agency's screens: the table scrolls rather than the page breaking.
  const { page, errors } = await newPage(browser, { workbench: agent, width: 390, height: 844 });
  await page.goto(`${server.url}/agency/accounts/${ref}`);
  await page.getByTestId('agency-account').waitFor();
  await settle(page);
  assert.deepEqual(await seriousA11yViolations(page), []);
  await screenshot(page, 'agency-account-phone.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});
