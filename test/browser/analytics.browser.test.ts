/**
 * The analytics screen in real Chromium on the demo portfolio (about eleven months of history run
 * through the daily cycle): a supervisor opens it, the charts draw on canvas, the figures in the
 * tables are the API's, a product filter changes the URL and the figures, the screen switches to English,
 * axe finds no serious or critical violation, and no request fails. Screenshots in both languages.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { newPage, unexpected, seriousA11yViolations, screenshot, sessionOf, apiAs, type UiServer, type UiSession, startUiAndBrowser } from './support.ts';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';

let server: UiServer;
let browser: Browser;
let supervisor: UiSession;

before(async () => {
  [server, browser] = await startUiAndBrowser();
  supervisor = await sessionOf(server, { userId: 'supervisor' });
}, { timeout: 600_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Every metric's loading state has given way to its data, empty or error state. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  const loading = page.getByTestId('loading');
  for (let n = await loading.count(); n > 0; n = await loading.count()) await loading.first().waitFor({ state: 'detached' });
}

/** The text of every body row of a table, cell by cell. */
async function rows(page: Page, testId: string): Promise<string[][]> {
  const trs = page.getByTestId(testId).locator('tbody tr.ant-table-row');
  const out: string[][] = [];
  for (let i = 0; i < (await trs.count()); i++) out.push((await trs.nth(i).locator('td').allInnerTexts()).map((x) => x.trim()));
  return out;
}

interface Filter { from: string; to: string; product?: string }
const query = (f: Filter) => new URLSearchParams(Object.entries(f).filter(([, v]) => v) as Array<[string, string]>).toString();

test('analytics: a supervisor sees every chart with the API\'s figures; a product filter changes the URL and the figures; English; accessible', async () => {
  const summary = await apiAs<{ lastClosedDate: string }>(server, supervisor, '/api/v1/portfolio/summary');
  const to = summary.lastClosedDate;
  // The first day of the month five months before the last closed date's.
  const [y, m] = to.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) - 5;
  const from = `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
  const range: Filter = { from, to };
  const api = <T,>(path: string, f: Filter) => apiAs<T>(server, supervisor, `/api/v1/analytics/${path}?${query(f)}`);

  const { page, errors } = await newPage(browser, { workbench: supervisor });
  await page.goto(`${server.url}/analytics`);
  await page.getByRole('heading', { name: zhCN.analytics.title, level: 2 }).waitFor();
  await settle(page);
  // The default range is the six months up to the last closed business date.
  assert.equal(await page.getByLabel(zhCN.analytics.from).inputValue(), range.from);
  assert.equal(await page.getByLabel(zhCN.analytics.to).inputValue(), range.to);

  // The demo's history is long enough for every account metric to have data.
  const roll = await api<{ matrix: Array<{ bucket: string; total: number; cells: Array<{ to: string; count: number }> }> }>('roll-rates', range);
  const ptp = await api<{ series: Array<{ period: string; kept: number; partlyKept: number; broken: number; open: number }> }>('promises', range);
  const cure = await api<{ curves: Array<{ cohort: string; entered: number; cured: number }> }>('cure-curves', range);
  const agencies = await api<{ groups: Array<{ key: string; accounts: number; baseMinor: number; recoveredMinor: number }> }>('recovery/agencies', range);
  assert.ok(roll.matrix.some((r) => r.total > 0), 'accounts at month-ends');
  assert.ok(cure.curves.length > 0, 'cases opened in the range');
  assert.ok(agencies.groups.length > 0, 'recovery groups');

  for (const id of ['chart-roll', 'chart-cure', 'chart-recovery-agency']) {
    assert.ok((await page.getByTestId(id).locator('canvas').count()) >= 1, `${id} draws on a canvas`);
    assert.match((await page.getByTestId(id).getAttribute('aria-label')) ?? '', /图表/);
  }
  // Tables hold the API's figures.
  const rollRows = await rows(page, 'table-roll');
  assert.deepEqual(rollRows.map((r) => [r[0], r[1]]), roll.matrix.filter((r) => r.total > 0).map((r) => [r.bucket, String(r.total)]));
  assert.deepEqual((await rows(page, 'table-cure')).map((r) => r.slice(0, 3)), cure.curves.map((c) => [c.cohort, String(c.entered), String(c.cured)]));
  assert.deepEqual(
    (await rows(page, 'table-recovery-agency')).map((r) => [r[1], r[2]!.replace('.', ''), r[3]!.replace('.', '')]),
    agencies.groups.map((g) => [String(g.accounts), String(g.baseMinor).padStart(3, '0'), String(g.recoveredMinor).padStart(3, '0')]),
  );
  if (ptp.series.some((p) => p.kept + p.partlyKept + p.broken + p.open > 0)) {
    assert.ok((await page.getByTestId('chart-ptp').locator('canvas').count()) >= 1);
    assert.deepEqual((await rows(page, 'table-ptp')).map((r) => r.slice(0, 5)), ptp.series.map((p) => [p.period, String(p.kept), String(p.partlyKept), String(p.broken), String(p.open)]));
  }
  assert.deepEqual(await seriousA11yViolations(page), [], 'no serious or critical accessibility violations');
  await screenshot(page, 'analytics-zh-CN');

  // A filter: the first product; the URL and the figures follow.
  const filters = await apiAs<{ products: string[] }>(server, supervisor, '/api/v1/analytics/filters');
  assert.ok(filters.products.length >= 2, `the demo has several products: ${filters.products.join(', ')}`);
  const product = filters.products[0]!;
  await page.getByLabel(zhCN.analytics.product).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: new RegExp(`^${product}$`) }).first().click();
  await page.waitForURL((u) => u.searchParams.get('product') === product);
  await settle(page);
  assert.equal(new URL(page.url()).searchParams.get('from'), range.from);
  const one: Filter & { product: string } = { ...range, product };
  const oneRoll = await api<{ matrix: Array<{ bucket: string; total: number }> }>('roll-rates', one);
  const oneRows = oneRoll.matrix.filter((r) => r.total > 0).map((r) => [r.bucket, String(r.total)]);
  // The product's figures replace the portfolio's once its request has answered.
  const expected = oneRows.map((r) => r[1]).join(',');
  for (let tries = 0; oneRows.length > 0 && tries < 300; tries++) {
    if ((await rows(page, 'table-roll')).map((r) => r[1]).join(',') === expected) break;
    await page.waitForTimeout(100);
  }
  if (oneRows.length > 0) assert.deepEqual((await rows(page, 'table-roll')).map((r) => [r[0], r[1]]), oneRows);
  else await page.getByTestId('metric-roll').getByText(zhCN.analytics.noData).waitFor();
  assert.notDeepEqual(oneRows, roll.matrix.filter((r) => r.total > 0).map((r) => [r.bucket, String(r.total)]), 'one product has fewer accounts than the portfolio');
  const oneRecovery = await api<{ groups: Array<{ key: string; accounts: number }> }>('recovery/agencies', one);
  if (oneRecovery.groups.length > 0) assert.deepEqual((await rows(page, 'table-recovery-agency')).map((r) => r[1]), oneRecovery.groups.map((g) => String(g.accounts)));

  // The browser's back button undoes the filter.
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has('agency'));
  await settle(page);
  assert.deepEqual((await rows(page, 'table-roll')).map((r) => [r[0], r[1]]), roll.matrix.filter((r) => r.total > 0).map((r) => [r.bucket, String(r.total)]));

  // English: the headings and the chart labels follow.
  await page.getByText('English', { exact: true }).click();
  await page.getByRole('heading', { name: en.analytics.title, level: 2 }).waitFor();
  await page.getByRole('heading', { name: en.analytics.roll.title }).waitFor();
  assert.match((await page.getByTestId('chart-roll').getAttribute('aria-label')) ?? '', /chart/);
  assert.deepEqual(await seriousA11yViolations(page), [], 'no serious or critical accessibility violations in English');
  await screenshot(page, 'analytics-en');
  await page.getByText('中文', { exact: true }).click();
  await page.getByRole('heading', { name: zhCN.analytics.title, level: 2 }).waitFor();

  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('analytics: dates in the wrong order are not sent; a collector has no link to the screen and is refused its figures', async () => {
  const { page, errors } = await newPage(browser, { workbench: supervisor, lang: 'en' });
  await page.goto(`${server.url}/analytics?from=2025-12-01&to=2026-02-28`);
  await page.getByRole('heading', { name: en.analytics.title, level: 2 }).waitFor();
  await settle(page);
  await page.getByLabel(en.analytics.from).fill('2026-03-15');
  assert.equal(await page.getByTestId('analytics-apply').isDisabled(), true, 'from after to cannot be applied');
  await page.getByLabel(en.analytics.from).fill('2026-01-01');
  await page.getByTestId('analytics-apply').click();
  await page.waitForURL((u) => u.searchParams.get('from') === '2026-01-01');
  await settle(page);
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();

  const collector = await sessionOf(server, { userId: 'li.na' });
  const c = await newPage(browser, { workbench: collector });
  await c.page.goto(`${server.url}/analytics`);
  await settle(c.page);
  assert.ok(!(await c.page.getByRole('navigation').innerText()).includes(zhCN.nav.analytics), 'no analytics link for a collector');
  // Typed in by hand, the screen shows the server's refusal and no figures.
  await c.page.getByTestId('error-state').first().waitFor();
  assert.ok((await c.page.getByTestId('error-state').first().innerText()).includes(zhCN.auth.denied), 'the refusal in the reader\'s words');
  assert.equal(await c.page.locator('canvas').count(), 0);
  assert.deepEqual(unexpected(c.errors, ['/api/v1/analytics/']), []);
  await c.page.context().close();
});
