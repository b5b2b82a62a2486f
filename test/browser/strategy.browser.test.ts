/**
 * The strategy screens in real Chromium against the real server: a strategy manager opens the CN table,
 * breaks a row (an action its channel cannot carry) and Validate shows the server's finding on that row;
 * fixes it and changes a cadence; What-if shows its charts and the same figures the API gives for the same
 * table; saves it as a new version and publishes it (the API then has it in force); the history's diff
 * names the changed field; an experiment's form shows the field the server refuses, then starts one, and
 * it is stopped with a reason. A collector reads the same screens without any button that writes. Axe
 * finds nothing serious on any of them, in Chinese and English (screenshots of both), and no page logs a
 * console error.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Locator, Page } from 'playwright-core';
import { newPage, unexpected, seriousA11yViolations, screenshot, sessionOf, apiAs, type UiServer, type UiSession, startUiAndBrowser } from './support.ts';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';

let server: UiServer;
let browser: Browser;
let manager: UiSession;
let collector: UiSession;

before(async () => {
  [server, browser] = await startUiAndBrowser();
  manager = await sessionOf(server, { userId: 'strategy' });
  collector = await sessionOf(server, { userId: 'li.na' });
}, { timeout: 900_000 });

after(async () => {
  await browser?.close();
  await server?.close();
});

const CODE = 'cn-default';
/** The row the test breaks and then changes: the first SMS reminder of M1. */
const ROW_ID = 'cn-m1-sms';

interface Row { id: string; outputs: { action: string; channel: string; cadenceDays?: number } & Record<string, unknown> }
interface Table { code: string; jurisdiction: string; description?: string; rows: Row[] }
interface Version { version: number; status: string; table: Table; findings: unknown[] }
interface Finding { kind: string; rowIds: string[]; field?: string; message: { 'zh-CN': string; en: string } }
interface Simulation {
  accounts: number; decided: number; undecided: number;
  byAction: Record<string, number>; byChannel: Record<string, number>;
  gate: { checked: number; allowed: number; rescuedByFallback: number; blocked: number; blockedByRule: Record<string, number> } | null;
  table: { version: number | null };
}
interface Experiment { code: string; status: string; championVersion: number; challengerVersion: number; challengerBp: number; stopReason: { kind: string; reason: string } | null }

async function post<T>(path: string, body: unknown): Promise<T> {
  const r = await fetch(`${server.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${manager.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(r.status, 200, `${path}: ${r.status} ${await r.clone().text()}`);
  return (await r.json()) as T;
}

const versionsOf = async () => (await apiAs<{ versions: Version[] }>(server, manager, `/api/v1/strategy/tables/${CODE}/versions`)).versions;

/** A page of the test with more patience than the default: the machine is shared with other test runs. */
async function open(opts: Parameters<typeof newPage>[1]): Promise<Awaited<ReturnType<typeof newPage>>> {
  // A page a failed test left open would keep working in the background and slow the next test down.
  for (const c of browser.contexts()) await c.close();
  const p = await newPage(browser, opts);
  p.page.setDefaultTimeout(90_000);
  return p;
}

/** No button is hovered or still showing its loading state (a dimmed button would fail the contrast check mid-fade). */
async function idle(page: Page): Promise<void> {
  // The pointer leaves the button it last clicked: its hover colour is a passing state, not the page's.
  await page.mouse.move(0, 0);
  await page.locator('.ant-btn-loading').first().waitFor({ state: 'detached' });
  await page.waitForFunction('document.getAnimations().every((a) => a.playState !== "running")', undefined, { timeout: 5_000 }).catch(() => undefined);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.locator('[data-testid="loading"]').first().waitFor({ state: 'detached' }).catch(() => undefined);
}

/** Picks an option of an antd select named by its accessible label (or given as a locator). */
async function choose(page: Page, select: string | Locator, option: string): Promise<void> {
  await (typeof select === 'string' ? page.getByRole('combobox', { name: select, exact: true }) : select).click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').first().waitFor({ state: 'hidden' }).catch(() => undefined);
}

async function noSeriousA11y(page: Page, what: string): Promise<void> {
  await idle(page);
  assert.deepEqual(await seriousA11yViolations(page), [], `${what}: serious or critical accessibility violations`);
}

test('a strategy manager breaks a row, validates, fixes it, runs a what-if, saves a new version and publishes it', async () => {
  const [latest] = await versionsOf();
  assert.ok(latest && latest.status === 'published', 'the default CN table is in force');
  const index = latest.table.rows.findIndex((r) => r.id === ROW_ID);
  assert.ok(index >= 0, `${ROW_ID} is in the table`);
  const row = latest.table.rows[index]!;
  assert.equal(row.outputs.action, 'sms_reminder');
  const zh = zhCN.strategy;
  const cell = (column: string) => zh.cellLabel.replace('{{row}}', String(index + 1)).replace('{{column}}', column);

  const { page, errors } = await open({ workbench: manager });
  await page.goto(`${server.url}/strategy`);
  await page.getByTestId(`table-link-${CODE}`).click();
  await page.getByTestId('rows-grid').waitFor();
  await settle(page);
  assert.equal(await page.getByTestId('validation-ok').count(), 0);

  // Break it: a letter cannot go out by SMS. The server's validator names the row and the field.
  await choose(page, cell(zh.col.action), zh.action.letter);
  const broken = { ...latest.table, rows: latest.table.rows.map((r, i) => (i === index ? { ...r, outputs: { ...r.outputs, action: 'letter' } } : r)) };
  const expected = await post<{ ok: boolean; findings: Finding[] }>('/api/v1/strategy/validate', broken);
  assert.equal(expected.ok, false);
  const onRow = expected.findings.filter((f) => f.field?.startsWith(`rows.${index}.`));
  assert.ok(onRow.length > 0, 'the validator names the broken row');
  await page.getByTestId('validate').click();
  const findings = page.getByTestId(`row-findings-${index}`);
  await findings.waitFor();
  for (const f of onRow) assert.ok((await findings.innerText()).includes(f.message['zh-CN']), `row ${index} shows "${f.message['zh-CN']}"`);
  assert.equal(await page.getByTestId(`row-${index}`).getAttribute('aria-invalid'), 'true');
  await page.getByTestId('validation-failed').waitFor();
  // Only the rows the findings name are marked.
  const named = new Set(expected.findings.flatMap((f) => (f.field && /^rows\.\d+\./.test(f.field) ? [Number(f.field.split('.')[1])] : f.rowIds.map((id) => broken.rows.findIndex((r) => r.id === id)))));
  assert.equal(await page.locator('[data-testid^="row-findings-"]').count(), named.size);
  await screenshot(page, 'strategy-editor-finding.zh-CN');

  // Fix it, and change what the row does: a five-day cadence instead of four.
  await choose(page, cell(zh.col.action), zh.action.sms_reminder);
  const cadence = page.getByRole('spinbutton', { name: cell(zh.col.cadenceDays), exact: true });
  await cadence.fill('5');
  await cadence.blur();
  await page.getByTestId('validate').click();
  await page.getByTestId('validation-ok').waitFor();
  assert.equal(await page.locator('[data-testid^="row-findings-"]').count(), 0);

  // What-if: the figures on the page are the API's for the same draft and for the table in force.
  const edited = { ...latest.table, rows: latest.table.rows.map((r, i) => (i === index ? { ...r, outputs: { ...r.outputs, cadenceDays: 5 } } : r)) };
  await page.getByTestId('what-if-run').click();
  await page.getByTestId('what-if').waitFor();
  const draftSim = await post<Simulation>('/api/v1/strategy/simulate', { table: edited });
  const inForceSim = await post<Simulation>('/api/v1/strategy/simulate', { jurisdiction: 'CN' });
  assert.equal(inForceSim.table.version, latest.version);
  assert.ok(draftSim.decided > 0, 'the draft decides for some accounts');
  const figure = async (side: 'draft' | 'in-force', group: string, key: string) => Number(await page.getByTestId(`what-if-${side}-${group}-${key}`).innerText());
  for (const k of ['accounts', 'decided', 'undecided'] as const) {
    assert.equal(await figure('draft', 'total', k), draftSim[k], `draft ${k}`);
    assert.equal(await figure('in-force', 'total', k), inForceSim[k], `in force ${k}`);
  }
  for (const [action, n] of Object.entries(draftSim.byAction)) assert.equal(await figure('draft', 'action', action), n, `draft ${action}`);
  for (const [action, n] of Object.entries(inForceSim.byAction)) assert.equal(await figure('in-force', 'action', action), n, `in force ${action}`);
  for (const [channel, n] of Object.entries(draftSim.byChannel)) assert.equal(await figure('draft', 'channel', channel), n, `draft ${channel}`);
  if (draftSim.gate) {
    for (const k of ['checked', 'allowed', 'rescuedByFallback', 'blocked'] as const) assert.equal(await figure('draft', 'gate', k), draftSim.gate[k], `gate ${k}`);
    for (const [rule, n] of Object.entries(draftSim.gate.blockedByRule)) assert.equal(await figure('draft', 'blockedByRule', rule), n, `blocked by ${rule}`);
  }
  // The charts drew (ECharts renders into a canvas inside the labelled image).
  for (const id of ['what-if-chart-action', 'what-if-chart-channel']) {
    const chart = page.getByTestId(id);
    assert.equal(await chart.getAttribute('role'), 'img');
    assert.equal(await chart.locator('canvas').count(), 1, `${id} has a canvas`);
  }
  await noSeriousA11y(page, 'editor with what-if');
  await screenshot(page, 'strategy-editor-what-if.zh-CN');

  // Save as a new version: a draft with the changed cadence, and no findings.
  await page.getByTestId('save').click();
  await page.getByTestId('saved').waitFor();
  const afterSave = await versionsOf();
  const draft = afterSave[0]!;
  assert.equal(draft.version, latest.version + 1);
  assert.equal(draft.status, 'draft');
  assert.equal(draft.findings.length, 0);
  assert.equal(draft.table.rows[index]!.outputs.cadenceDays, 5);
  assert.deepEqual(draft.table.rows.map((r) => r.id), latest.table.rows.map((r) => r.id));

  // Publish it, after confirming.
  await page.getByTestId(`publish-${draft.version}`).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: zh.publish, exact: true }).click();
  await page.getByTestId(`version-status-${draft.version}`).filter({ hasText: zh.status.published }).waitFor();
  const tables = await apiAs<{ tables: Array<{ code: string; inForce: { version: number } | null }> }>(server, manager, '/api/v1/strategy/tables');
  assert.equal(tables.tables.find((x) => x.code === CODE)?.inForce?.version, draft.version, 'the API has the new version in force');
  assert.equal((await versionsOf()).find((v) => v.version === latest.version)?.status, 'retired');

  // The history's diff (the previous version to the newest) names the changed field of the changed row only.
  const changed = page.getByTestId(`diff-changed-${ROW_ID}`);
  await changed.waitFor();
  assert.ok((await changed.innerText()).includes('outputs.cadenceDays'));
  assert.equal(await page.locator('[data-testid^="diff-changed-"]').count(), 1);
  await screenshot(page, 'strategy-editor-published.zh-CN');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});

test('an experiment: the field the server refuses is shown on the form; it starts, and stops with a reason', async () => {
  const versions = await versionsOf();
  const inForce = versions.find((v) => v.status === 'published')!;
  const challenger = versions.find((v) => v.version !== inForce.version && v.findings.length === 0)!;
  assert.ok(challenger, 'a version other than the one in force is there to challenge it');
  const x = zhCN.strategy.experiments;
  const { page, errors } = await open({ workbench: manager });
  await page.goto(`${server.url}/strategy/experiments`);
  await page.getByTestId('experiment-form').waitFor();
  await settle(page);
  await page.getByLabel(x.code, { exact: true }).fill('ui-exp-1');
  await choose(page, page.getByTestId('experiment-table'), CODE);
  await choose(page, page.getByTestId('experiment-challenger'), `v${challenger.version}`);
  // 95% to the challenger and a 10% holdout is more than the whole: the server names challengerBp.
  await page.getByLabel(x.challengerShare, { exact: true }).fill('95');
  await page.getByLabel(x.holdoutShare.replace('{{max}}', '20'), { exact: true }).fill('10');
  await page.getByTestId('experiment-start').click();
  const fieldError = page.locator('.ant-form-item').filter({ has: page.getByLabel(x.challengerShare, { exact: true }) }).locator('.ant-form-item-explain-error');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /10000/);
  assert.equal((await apiAs<{ experiments: Experiment[] }>(server, manager, '/api/v1/strategy/experiments')).experiments.length, 0, 'nothing was started');

  await page.getByLabel(x.challengerShare, { exact: true }).fill('10');
  await page.getByLabel(x.holdoutShare.replace('{{max}}', '20'), { exact: true }).fill('0');
  await page.getByTestId('experiment-start').click();
  await page.getByTestId('experiment-status-ui-exp-1').filter({ hasText: x.statusName.running }).waitFor();
  let [started] = (await apiAs<{ experiments: Experiment[] }>(server, manager, '/api/v1/strategy/experiments')).experiments;
  assert.deepEqual([started?.code, started?.status, started?.championVersion, started?.challengerVersion, started?.challengerBp], ['ui-exp-1', 'running', inForce.version, challenger.version, 1000]);
  await noSeriousA11y(page, 'experiments');
  await screenshot(page, 'strategy-experiments.zh-CN');

  await page.getByTestId('stop-ui-exp-1').click();
  await page.getByTestId('stop-reason').fill('界面测试：提前结束');
  await page.getByTestId('stop-confirm').click();
  await page.getByTestId('experiment-status-ui-exp-1').filter({ hasText: x.statusName.stopped }).waitFor();
  assert.ok((await page.getByTestId('experiment-reason-ui-exp-1').innerText()).includes('界面测试：提前结束'));
  [started] = (await apiAs<{ experiments: Experiment[] }>(server, manager, '/api/v1/strategy/experiments')).experiments;
  assert.equal(started?.status, 'stopped');
  assert.deepEqual([started?.stopReason?.kind, started?.stopReason?.reason], ['manual', '界面测试：提前结束']);
  assert.deepEqual(unexpected(errors, ['/api/v1/strategy/experiments']), []);
  await page.context().close();
});

test('a collector reads the tables, a table and the experiments with no button that writes, in both languages', async () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const words = lang === 'en' ? en : zhCN;
    const { page, errors } = await open({ workbench: collector, lang });
    await page.goto(`${server.url}/strategy`);
    await page.getByTestId('strategy-tables').waitFor();
    await settle(page);
    // Not in a collector's navigation, but readable.
    assert.equal(await page.getByRole('navigation', { name: words.nav.main }).getByRole('link', { name: words.nav.strategy, exact: true }).count(), 0);
    assert.equal(await page.getByTestId('new-table').count(), 0);
    await noSeriousA11y(page, `tables (${lang})`);
    await screenshot(page, `strategy-tables.${lang}`);

    await page.getByTestId(`table-link-${CODE}`).click();
    await page.getByTestId('rows-grid').waitFor();
    await page.getByTestId('versions').waitFor();
    await settle(page);
    await page.getByTestId('read-only').waitFor();
    for (const id of ['validate', 'what-if-run', 'save', 'add-row']) assert.equal(await page.getByTestId(id).count(), 0, `no ${id} button`);
    assert.equal(await page.locator('[data-testid^="publish-"]').count(), 0, 'no publish button');
    assert.equal(await page.getByTestId('rows-grid').locator('input, textarea').count(), 0, 'no cell is editable');
    assert.ok((await page.getByTestId('rows-grid').innerText()).includes(ROW_ID));
    await noSeriousA11y(page, `editor read only (${lang})`);
    await screenshot(page, `strategy-editor-read-only.${lang}`);

    await page.goto(`${server.url}/strategy/experiments`);
    await page.getByTestId('experiments').waitFor();
    await settle(page);
    assert.equal(await page.getByTestId('experiment-form').count(), 0);
    assert.equal(await page.locator('[data-testid^="stop-"]').count(), 0);
    assert.ok((await page.getByTestId('experiment-reason-ui-exp-1').innerText()).length > 0, 'the stopped experiment says why');
    await noSeriousA11y(page, `experiments read only (${lang})`);
    await screenshot(page, `strategy-experiments-read-only.${lang}`);
    assert.deepEqual(unexpected(errors), []);
    await page.context().close();
  }
});

test('the editor, what-if and experiment form in English: axe and screenshots', async () => {
  const { page, errors } = await open({ workbench: manager, lang: 'en' });
  await page.goto(`${server.url}/strategy/tables/${CODE}`);
  await page.getByTestId('rows-grid').waitFor();
  await settle(page);
  await page.getByTestId('what-if-run').click();
  await page.getByTestId('what-if').waitFor();
  await noSeriousA11y(page, 'editor (en)');
  await screenshot(page, 'strategy-editor-what-if.en');
  await page.goto(`${server.url}/strategy/experiments`);
  await page.getByTestId('experiment-form').waitFor();
  await settle(page);
  await noSeriousA11y(page, 'experiments (en)');
  await screenshot(page, 'strategy-experiments.en');
  assert.deepEqual(unexpected(errors), []);
  await page.context().close();
});
