/**
 * Browser tests: the real server (API + built UI, with the SMS and e-mail sinks) on a small demo
 * portfolio in PGlite, whose history went through the real daily cycle and whose planned contacts
 * were sent through the sinks, with the demo's users (password sign-in) and the portal's one-time
 * codes sent through the SMPP sink; and Debian's Chromium driven by playwright-core.
 */
import { mkdirSync, accessSync, constants, mkdtempSync, cpSync, renameSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, delimiter } from 'node:path';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page, type ConsoleMessage } from 'playwright-core';
import { openDb, type Db } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { freshDataDir } from '../../src/platform/testing.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { cycleHooks, type App } from '../../src/main.ts';
import { buildServer } from '../../src/http/app.ts';
import { builtWebUi } from '../../src/http/web.ts';
import { ensureDefaultProducts } from '../../src/modules/ledger/index.ts';
import { ensureDefaultTemplates, dispatchDue, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';
import { ensureDefaultTables } from '../../src/modules/strategy/index.ts';
import { ensureDefaultPolicies } from '../../src/modules/negotiation/index.ts';
import { seedDemo, ensureDemoWorklist, ensureDemoUsers, DEMO_USERS } from '../../src/modules/demo/index.ts';
import { issueSession, smsCodeSender } from '../../src/modules/identity/index.ts';
import type { Channels } from '../../src/jobs/dispatch.ts';
import type { Sinks } from '../../src/sinks/index.ts';
import { publishedPlanning } from '../../src/jobs/planning.ts';
import { openChannels, loadPacks } from '../../src/jobs/dispatch.ts';
import { startSinks, DEFAULT_SINK_SENDERS, DEFAULT_SINK_SYSTEM_ID, DEFAULT_SINK_PASSWORD } from '../../src/sinks/index.ts';
import { DEMO_LENDER_ADDRESS } from '../../src/cli/dispatch.ts';
import type { CompiledPack } from '../../src/modules/compliance/index.ts';

/** The portfolio's "today": the cycle has closed every date before it. */
export const TODAY = '2026-03-01';
/** 14:00 in Shanghai on TODAY: contacts planned for the morning are due and get sent. */
export const NOW = '2026-03-01T06:00:00.000Z';
/** Small enough to seed in seconds, large enough for every bucket screen to have rows. */
export const ACCOUNTS = 40;
export const SEED = 11;

/** Where screenshots go (git-ignored). */
export const ARTEFACTS = join(process.cwd(), 'test-results', 'browser');

export interface UiServer {
  url: string;
  app: App;
  sinks: Sinks;
  close(): Promise<void>;
}

/**
 * A data directory holding the seeded demo portfolio, the worklist and the demo users: seeded once per
 * test run (scripts/test.mjs gives the run a directory in FAIRDEBT_TEST_RUN_DIR) and copied for each
 * server, since every browser test file would otherwise seed the same portfolio again. The first file
 * to get here seeds (under a lock directory); the others wait for it and copy.
 */
async function seededDataDir(): Promise<string> {
  const own = mkdtempSync(join(tmpdir(), 'fairdebt-ui-'));
  const run = process.env.FAIRDEBT_TEST_RUN_DIR;
  if (!run) {
    await seedInto(join(own, 'db'));
    return own;
  }
  const template = join(run, 'ui-template');
  let seeding = false;
  try {
    mkdirSync(join(run, 'ui-template.lock'));
    seeding = true;
  } catch {
    // Another test file is seeding it.
  }
  if (seeding) {
    const building = join(run, 'ui-template.building');
    await seedInto(building);
    renameSync(building, template);
  } else {
    const deadline = Date.now() + 10 * 60_000;
    while (!existsSync(template)) {
      assert.ok(Date.now() < deadline, 'the seeded portfolio of the browser tests did not appear within 10 minutes (did the file seeding it fail?)');
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  cpSync(template, join(own, 'db'), { recursive: true });
  return own;
}

function appOn(db: Db): App {
  let packs: Promise<Record<string, CompiledPack>> | undefined;
  return {
    config: loadConfig({}), db, clock: fixedClock(NOW), hooks: cycleHooks,
    planning: publishedPlanning((tx) => (packs ??= loadPacks({ db: tx })), DEFAULT_LENDER.id),
    close: () => db.close(),
  };
}

async function seedInto(dataDir: string): Promise<void> {
  const db = await openDb({ dataDir: await freshDataDir(dataDir) });
  const app = appOn(db);
  try {
    const now = app.clock.now();
    await migrate(db);
    await ensureDefaultProducts(db, now);
    await ensureDefaultTemplates(db, app.clock, DEFAULT_LENDER);
    await ensureDefaultTables(db, now);
    await ensureDefaultPolicies(db, now);
    await seedDemo(app, { accounts: ACCOUNTS, seed: SEED, today: TODAY });
    await ensureDemoWorklist(app, '2026-02-28');
    await ensureDemoUsers(app);
  } finally {
    await app.close();
  }
}

export async function startUiServer(): Promise<UiServer> {
  const web = builtWebUi();
  assert.ok(web, 'web/dist is missing: node scripts/ensure-web-build.mjs builds it (scripts/test.mjs does so before browser tests)');
  const dir = await seededDataDir();
  const app = appOn(await openDb({ dataDir: join(dir, 'db') }));
  const { db, clock } = app;
  const sinks = await startSinks({ registeredSenders: DEFAULT_SINK_SENDERS });
  // The portal's sign-in codes go out through the same SMPP gateway as the contacts, as in the demo.
  const gateway: { channels?: Channels } = {};
  const codeSender = () => (gateway.channels?.providers.sms ? smsCodeSender(gateway.channels.providers.sms, DEFAULT_SINK_SENDERS[0]!) : undefined);
  const server = await buildServer(app, { sinks, web, codeSender });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  const lender = { ...DEFAULT_LENDER, portalUrl: `${address}/portal` };
  const channels = await openChannels(app, {
    lender, lenderAddress: DEMO_LENDER_ADDRESS,
    sms: { host: '127.0.0.1', port: sinks.smpp.port, systemId: DEFAULT_SINK_SYSTEM_ID, password: DEFAULT_SINK_PASSWORD, lookupUrl: `${address}/dev/sinks/sms/by-reference` },
    email: { host: '127.0.0.1', port: sinks.smtp.port, lookupUrl: `${address}/dev/sinks/mail/by-reference` },
  });
  gateway.channels = channels;
  await dispatchDue({ db, clock, providers: channels.providers, packs: await loadPacks(app), lender });
  await channels.flushReports();
  const open = channels;
  return {
    url: address,
    app,
    sinks,
    async close() {
      await open.close();
      await server.close();
      await sinks.close();
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium (the `chromium` package), found on PATH; CHROMIUM_PATH overrides. */
export function chromiumExecutable(): string {
  const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : (process.env.PATH ?? '').split(delimiter).flatMap((d) => [join(d, 'chromium'), join(d, 'chromium-browser')]);
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not this one
    }
  }
  throw new Error('Chromium was not found on PATH: scripts/ensure-system-deps.sh installs the Debian package `chromium`');
}

export async function launchBrowser(): Promise<Browser> {
  // The sandbox needs user namespaces, which containers (and root) often lack.
  return chromium.launch({ executablePath: chromiumExecutable(), args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'] });
}

/**
 * The UI server and Chromium, started side by side. When one fails, the other is closed before the
 * error goes on: a server left listening would keep the test process alive after the failure.
 */
export async function startUiAndBrowser(): Promise<[UiServer, Browser]> {
  const [server, browser] = await Promise.allSettled([startUiServer(), launchBrowser()]);
  if (server.status === 'fulfilled' && browser.status === 'fulfilled') return [server.value, browser.value];
  if (server.status === 'fulfilled') await server.value.close();
  if (browser.status === 'fulfilled') await browser.value.close();
  throw server.status === 'rejected' ? server.reason : (browser as PromiseRejectedResult).reason;
}

/** A session as the UI keeps it (web/src/shared/session.ts). */
export interface UiSession {
  token: string;
  expiresAt: string;
  principal: { actor: string; userId: string | null; customerId: string | null; agencyId: string | null; roles: string[]; displayName: string };
}

/**
 * A session of a demo user (by id) or a debtor (by customer id), made as sign-in makes it but
 * without the password's deliberate slowness: for the tests that are not about signing in.
 */
export async function sessionOf(server: UiServer, who: { userId: string } | { customerId: string }): Promise<UiSession> {
  if ('userId' in who) {
    const u = DEMO_USERS.find((d) => d.id === who.userId);
    assert.ok(u, `no demo user ${who.userId}`);
    const { sessionId: _id, ...grant } = await issueSession(server.app.db, server.app.clock, { userId: u.id, roles: u.roles, agencyId: null, displayName: u.displayName });
    return grant;
  }
  const [c] = await server.app.db.query<{ name: string }>('SELECT name FROM customers WHERE id = $1', [who.customerId]);
  const { sessionId: _id, ...grant } = await issueSession(server.app.db, server.app.clock, { customerId: who.customerId, roles: ['debtor'], displayName: c?.name ?? who.customerId });
  return grant;
}

/** JSON from the API with a session's token. */
export async function apiAs<T>(server: UiServer, session: UiSession, path: string): Promise<T> {
  const r = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${session.token}` } });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return (await r.json()) as T;
}

/**
 * A page that records console errors and failed requests: every test ends by asserting there were
 * none (expected 4xx answers the page shows as such are listed by the caller).
 */
export async function newPage(
  browser: Browser,
  opts: { width?: number; height?: number; lang?: 'zh-CN' | 'en'; workbench?: UiSession; portal?: UiSession } = {},
): Promise<{ page: Page; errors: string[] }> {
  // bypassCSP: axe-core compiles its messages with `new Function` inside the page, which the server's
  // Content-Security-Policy (no 'unsafe-eval') refuses; csp.browser.test.ts checks the screens with the
  // policy in force.
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
  // Runs in the page (the tests' own code has no DOM types), before the app reads its language.
  if (opts.lang) await context.addInitScript({ content: `localStorage.setItem('fairdebt.lang', ${JSON.stringify(opts.lang)})` });
  // Signed in already, as after the sign-in page: the session goes into the tab's storage once (a
  // later sign-out in the test stays signed out).
  for (const app of ['workbench', 'portal'] as const) {
    const session = opts[app];
    if (!session) continue;
    const key = `fairdebt.session.${app}`;
    await context.addInitScript({
      content: `if (!sessionStorage.getItem('${key}.seeded')) { sessionStorage.setItem('${key}', ${JSON.stringify(JSON.stringify(session))}); sessionStorage.setItem('${key}.seeded', '1'); }`,
    });
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`response: ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return { page, errors };
}

/**
 * Console errors and failed responses, less those the test provoked on purpose (the browser logs a
 * 4xx it was given as a console error; `expected` lists such URLs' distinctive parts).
 */
export function unexpected(errors: string[], expected: string[] = []): string[] {
  const provoked = errors.filter((e) => e.startsWith('response: ') && expected.some((x) => e.includes(x)));
  return errors.filter((e) => !provoked.includes(e) && !(provoked.length > 0 && e.startsWith('console: Failed to load resource')));
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }

/** axe-core in the page (WCAG 2 A and AA rules); returns the serious and critical violations. */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Colours are checked at rest: a button still fading from disabled to enabled (antd's transitions,
  // stretched on a loaded machine) would fail the contrast check for a moment.
  // (Endless ones, spinners, are not waited for; nor anything beyond 5 s.)
  await page.evaluate(`Promise.race([
    Promise.all(document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined))),
    new Promise((resolve) => setTimeout(resolve, 5000)),
  ])`);
  await page.evaluate(axeSource);
  // Evaluated in the page, where axe and document exist.
  const violations = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })) })))`)) as AxeViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTEFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTEFACTS, `${name}.png`), fullPage: true });
}

/** The one-time sign-in code the SMPP sink received last for a phone (digits compared, so any format matches). */
export function lastSignInCode(server: UiServer, phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  const sms = server.sinks.smpp.messages().filter((m) => m.reference?.startsWith('otp-') && m.destination.replace(/\D/g, '').endsWith(digits.slice(-11)));
  return /(\d{6})/.exec(sms.at(-1)?.text ?? '')?.[1];
}

/** The digits of a formatted amount with its sign: "-¥1,234.50" → "-123450" (amounts show two decimals). */
export function minorOf(text: string): string {
  const negative = /[-−]/.test(text);
  const digits = text.replace(/[^0-9]/g, '').replace(/^0+(?=\d)/, '');
  return `${negative && digits !== '0' ? '-' : ''}${digits}`;
}
