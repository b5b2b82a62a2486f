/**
 * The fault-injection harness: a small portfolio is taken through a scenario of phases (daily cycle,
 * a payments import with backdated payments, dispatch to the SMPP and SMTP sinks) by the real
 * `fairdebt` command, once uninterrupted (the reference), then once per kill point: the phase is run
 * from the reference's state before it with FAIRDEBT_FAULT naming the point (src/platform/faults.ts),
 * the process dies with SIGKILL, the phase is run again to completion, and what the run left is
 * compared with the reference after the same phase: the ledger and delinquency state (stateHash), the
 * number of entries, the outbox and contact history, every message at the sinks exactly once (no
 * reference, no verify code twice), and the audit chain.
 *
 * The reference keeps a copy of the database after each phase, so that a kill point costs one killed
 * and one resumed process, not the whole scenario again: a PGlite data directory copied, or on
 * PostgreSQL a database created from the previous one as its template.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { openDb, type Db } from '../../src/platform/db.ts';
import { fixedClock } from '../../src/platform/clock.ts';
import { demoIdKeyFile } from '../../src/platform/id-keys.ts';
import { startSinks, buildSinkServer } from '../../src/sinks/index.ts';
import { ensureDefaultTemplates, saveTemplate, DEFAULT_LENDER } from '../../src/modules/contacts/index.ts';
import { verifyAuditChain } from '../../src/modules/audit/index.ts';
import { stateHash, type Exit } from './processes.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

// ---------------------------------------------------------------------------------------------------
// Databases that can be copied cheaply.

export interface Store {
  env: Record<string, string>;
  open(): Promise<Db>;
  /** A new database with the same content; this one must not be in use. */
  copy(): Promise<Store>;
  dispose(): Promise<void>;
}

export async function emptyStore(engine: 'pglite' | 'pg'): Promise<Store> {
  if (engine === 'pg') {
    const name = `fault_${randomBytes(5).toString('hex')}`;
    await admin(`CREATE DATABASE ${name}`);
    return pgStore(name);
  }
  return pgliteStore(mkdtempSync(join(tmpdir(), 'fairdebt-fault-')));
}

/** A PGlite data directory, with the demo's ID-number key file that lives beside it. */
function pgliteStore(dir: string): Store {
  return {
    env: { DATA_DIR: dir },
    open: () => openDb({ dataDir: dir }),
    async copy() {
      const c = mkdtempSync(join(tmpdir(), 'fairdebt-fault-'));
      cpSync(dir, c, { recursive: true });
      if (existsSync(demoIdKeyFile(dir))) cpSync(demoIdKeyFile(dir), demoIdKeyFile(c));
      return pgliteStore(c);
    },
    async dispose() {
      rmSync(dir, { recursive: true, force: true });
      rmSync(demoIdKeyFile(dir), { force: true });
    },
  };
}

function dbUrl(name: string): string {
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string): Promise<void> {
  const db = await openDb({ databaseUrl: PG_URL, maxConnections: 1 });
  try {
    await db.exec(sql);
  } finally {
    await db.close();
  }
}

function pgStore(name: string): Store {
  const url = dbUrl(name);
  return {
    env: { DATABASE_URL: url },
    open: () => openDb({ databaseUrl: url, maxConnections: 2 }),
    async copy() {
      const c = `fault_${randomBytes(5).toString('hex')}`;
      await admin(`CREATE DATABASE ${c} TEMPLATE ${name}`);
      return pgStore(c);
    },
    async dispose() {
      // A killed process's connection may take a moment to be noticed by the server.
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// The scenario.

interface SinkAddresses {
  sms: string;
  email: string;
  sinks: string;
}

export interface Phase {
  name: string;
  /** The command, as the operator would run it. */
  args(s: SinkAddresses, dir: string): string[];
  /**
   * What is run after a kill to complete the phase (the reference runs it too when `referenceRunsResume`);
   * `attempt` 2 is a rerun after a rerun that was itself killed.
   */
  resume(s: SinkAddresses, dir: string, attempt?: number): string[];
  referenceRunsResume: boolean;
}

export interface Scenario {
  accounts: number;
  seed: number;
  phases: Phase[];
}

const dispatchArgs = (s: SinkAddresses, at: string) => ['dispatch', 'run', '--at', at, '--sms', s.sms, '--email', s.email, '--sinks', s.sinks, '--json'];
/** Past the dispatcher's lease (120 s), `n` times: a rerun then reconciles what a killed run left in flight. */
const afterLease = (at: string, n = 1) => new Date(Date.parse(at) + n * 180_000).toISOString().replace('.000Z', 'Z');
const cycle = (date: string): Phase => ({ name: `cycle ${date}`, args: () => ['cycle', 'run', '--date', date, '--json'], resume: () => ['cycle', 'run', '--date', date, '--json'], referenceRunsResume: false });
const dispatch = (at: string): Phase => ({ name: `dispatch ${at}`, args: (s) => dispatchArgs(s, at), resume: (s, _dir, attempt = 1) => dispatchArgs(s, afterLease(at, attempt)), referenceRunsResume: true });

/** Dispatch instants: 09:00 Shanghai time on two days; the harness plans SMS and e-mail for both. */
export const DISPATCH_AT = ['2026-04-02T01:00:00Z', '2026-04-04T01:00:00Z'] as const;

/** Seeded through 2026-03-31; two cycle runs, a payments import (some backdated) between them, two dispatches. */
export function standardScenario(accounts = 60, seed = 7): Scenario {
  return {
    accounts,
    seed,
    phases: [
      cycle('2026-04-01'),
      dispatch(DISPATCH_AT[0]),
      { name: 'import payments', args: (_s, dir) => ['import', 'payments', join(dir, 'payments.csv'), '--json'], resume: (_s, dir) => ['import', 'payments', join(dir, 'payments.csv'), '--json'], referenceRunsResume: false },
      cycle('2026-04-03'),
      dispatch(DISPATCH_AT[1]),
    ],
  };
}

export function fairdebtProcess(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/fairdebt.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', DATABASE_SCHEMA: '', FAIRDEBT_FAULT: '', FAIRDEBT_FAULT_TRACE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/**
 * After seeding: SMS and e-mail templates, and SMS and e-mail contacts at each dispatch instant for
 * every CN account with an unpaid instalment (the strategy alone plans few of them for a small
 * portfolio); a payments file (half the overdue amount of some accounts, dated before the closed date,
 * so that the next cycle re-derives their history).
 */
async function prepare(db: Db, dir: string): Promise<void> {
  const clock = fixedClock('2026-04-01T00:00:00.000Z');
  await ensureDefaultTemplates(db, clock, DEFAULT_LENDER);
  await saveTemplate(db, clock, { code: 'fault_sms', language: 'zh-CN', channel: 'sms', body: '【{{lender}}】{{name}}您好，您的账单应还{{amountDue}}。验证码{{verifyCode}}。回复TD退订' }, { actor: 'harness', idempotencyKey: 'fault-tpl-1' });
  await saveTemplate(db, clock, { code: 'fault_sms', language: 'en', channel: 'sms', body: '{{lender}}: {{name}}, {{amountDue}} is due. Verify code {{verifyCode}}. Reply STOP to opt out' }, { actor: 'harness', idempotencyKey: 'fault-tpl-2' });
  await saveTemplate(db, clock, { code: 'fault_email', language: 'zh-CN', channel: 'email', subject: '{{lender}}：还款提醒', body: '{{name}}您好，您的账单应还{{amountDue}}。验证码{{verifyCode}}。' }, { actor: 'harness', idempotencyKey: 'fault-tpl-3' });
  await saveTemplate(db, clock, { code: 'fault_email', language: 'en', channel: 'email', subject: '{{lender}}: payment reminder', body: '{{name}}, {{amountDue}} is due. Verify code {{verifyCode}}.' }, { actor: 'harness', idempotencyKey: 'fault-tpl-4' });
  for (const [i, at] of DISPATCH_AT.entries()) {
    const expires = `${at.slice(0, 10)}T12:00:00Z`;
    await db.query(
      `INSERT INTO contacts_outbox (reference, account_id, customer_id, business_date, action, purpose, channel, template_code, language, contact_point, sender,
                                    initiator_kind, initiator_id, priority, scheduled_at, expires_at, status, verify_code, plan_verdict, created_at)
       SELECT 'fd-fault-' || $4 || '-' || a.id || '-' || k, a.id, a.customer_id, ($2::timestamptz - interval '1 day')::date, k || '_reminder', 'reminder', k, 'fault_' || k, c.language,
              CASE k WHEN 'sms' THEN c.phones->>0 ELSE c.emails->>0 END, CASE k WHEN 'sms' THEN '106900000001' ELSE 'service@fairdebt.example' END,
              'lender', $1, 0, $2, $3, 'scheduled', upper(substr(md5(a.id || '-' || k || '-' || $4), 1, 10)), '{"decision":"allow"}', $2::timestamptz - interval '9 hours'
       FROM accounts a JOIN customers c ON c.id = a.customer_id CROSS JOIN (VALUES ('sms'), ('email')) AS ch(k)
       WHERE c.jurisdiction = 'CN' AND jsonb_array_length(CASE k WHEN 'sms' THEN c.phones ELSE c.emails END) > 0
         AND EXISTS (SELECT 1 FROM due_items d WHERE d.account_id = a.id AND d.settled_on IS NULL)`,
      [DEFAULT_LENDER.id, at, expires, i],
    );
  }
  const pays = await db.query<{ ref: string; currency: string; amount: string }>(
    `SELECT a.ref, a.currency, to_char(greatest(s.overdue_minor / 2, 100) / 100.0, 'FM9999999990.00') AS amount
     FROM accounts a JOIN account_state s ON s.account_id = a.id WHERE s.overdue_minor > 0 ORDER BY a.id LIMIT 12`,
  );
  writeFileSync(join(dir, 'payments.csv'), `ref,account_ref,type,amount,currency,value_date,channel\n${pays.map((p, i) => `FAULT-PAY-${i},${p.ref},payment,${p.amount},${p.currency},${i % 2 ? '2026-03-29' : '2026-04-02'},bank_transfer`).join('\n')}\n`);
}

// ---------------------------------------------------------------------------------------------------
// Observing what a run left.

export interface Observation {
  state: string;
  entries: number;
  transactions: number;
  /** The outbox, one line per item (sent and delivered counted alike: a receipt may come after a kill). */
  contacts: string;
  history: number;
  callTasks: number;
  /** What arrived at the sinks in this phase, by reference, sorted. */
  sinkMessages: string[];
  duplicateReferences: number;
  duplicateVerifyCodes: number;
  auditOk: boolean;
  auditEntries: number;
}

interface RunSinks {
  addresses: SinkAddresses;
  received(): string[];
  close(): Promise<void>;
}

async function runSinks(): Promise<RunSinks> {
  const sinks = await startSinks({ registeredSenders: ['106900000001'] });
  const viewer = await buildSinkServer(sinks);
  await viewer.listen({ port: 0, host: '127.0.0.1' });
  const port = (viewer.server.address() as AddressInfo).port;
  return {
    addresses: { sms: `127.0.0.1:${sinks.smpp.port}`, email: `127.0.0.1:${sinks.smtp.port}`, sinks: `http://127.0.0.1:${port}` },
    received: () => [
      ...sinks.smpp.messages().map((m) => `sms ${m.reference} ${m.destination} ${m.text}`),
      ...sinks.smtp.messages().map((m) => `mail ${m.reference} ${m.to.join(',')} ${m.subject} ${m.text.trim()}`),
    ].sort(),
    async close() {
      await viewer.close();
      await sinks.close();
    },
  };
}

const VERIFY_CODE = /(?:验证码|Verify code )([A-Z0-9]{5}-[A-Z0-9]{5})/;

async function observe(store: Store, sinkMessages: string[]): Promise<Observation> {
  const db = await store.open();
  try {
    const [c] = await db.query<{ entries: number; transactions: number; history: number; tasks: number }>(
      `SELECT (SELECT count(*) FROM entries)::int AS entries, (SELECT count(*) FROM transactions)::int AS transactions,
              (SELECT count(*) FROM contact_history)::int AS history, (SELECT count(*) FROM call_tasks)::int AS tasks`,
    );
    const outbox = await db.query<{ line: string }>(
      `SELECT concat_ws(' ', reference, channel, CASE WHEN status = 'delivered' THEN 'sent' ELSE status END, scheduled_at, rendered_text) AS line
       FROM contacts_outbox ORDER BY reference`,
    );
    const audit = await verifyAuditChain(db);
    const refs = sinkMessages.map((m) => m.split(' ')[1]);
    const codes = sinkMessages.map((m) => VERIFY_CODE.exec(m)?.[1]).filter((x): x is string => x !== undefined);
    return {
      state: await stateHash(db),
      entries: c!.entries,
      transactions: c!.transactions,
      contacts: createHash('sha256').update(outbox.map((o) => o.line).join('\n')).digest('hex'),
      history: c!.history,
      callTasks: c!.tasks,
      sinkMessages,
      duplicateReferences: refs.length - new Set(refs).size,
      duplicateVerifyCodes: codes.length - new Set(codes).size,
      auditOk: audit.ok,
      auditEntries: audit.entries,
    };
  } finally {
    await db.close();
  }
}

/** What differs between a run and the reference after the same phase; empty when they agree. */
export function differences(ref: Observation, got: Observation): string[] {
  const out: string[] = [];
  if (got.state !== ref.state) out.push('state hash');
  if (got.entries !== ref.entries) out.push(`entries ${got.entries} ≠ ${ref.entries}`);
  if (got.transactions !== ref.transactions) out.push(`transactions ${got.transactions} ≠ ${ref.transactions}`);
  if (got.contacts !== ref.contacts) out.push('outbox');
  if (got.history !== ref.history) out.push(`contact history ${got.history} ≠ ${ref.history}`);
  if (got.callTasks !== ref.callTasks) out.push(`call tasks ${got.callTasks} ≠ ${ref.callTasks}`);
  if (got.sinkMessages.length !== ref.sinkMessages.length) out.push(`sink messages ${got.sinkMessages.length} ≠ ${ref.sinkMessages.length}`);
  else if (got.sinkMessages.some((m, i) => m !== ref.sinkMessages[i])) out.push('sink messages differ');
  if (got.duplicateReferences) out.push(`${got.duplicateReferences} duplicate references at the sinks`);
  if (got.duplicateVerifyCodes) out.push(`${got.duplicateVerifyCodes} duplicate verify codes at the sinks`);
  if (!got.auditOk) out.push('audit chain broken');
  return out;
}

// ---------------------------------------------------------------------------------------------------
// The reference and the kill points.

export interface Reference {
  engine: 'pglite' | 'pg';
  scenario: Scenario;
  dir: string;
  /** The database before phase k is snapshots[k]; after the last phase, snapshots[phases.length]. */
  snapshots: Store[];
  observations: Observation[];
  /** Fault points each phase passes, in order, with the milliseconds since the phase's first point. */
  traces: Array<Array<{ name: string; ms: number }>>;
  seconds: { seed: number; phases: number[] };
  dispose(): Promise<void>;
}

function expectOk(r: Exit, what: string): void {
  if (r.code !== 0) throw new Error(`${what}: exit ${r.code ?? r.signal}\n${r.stderr}`);
}

export async function buildReference(engine: 'pglite' | 'pg', scenario: Scenario, say: (s: string) => void = () => {}): Promise<Reference> {
  const dir = mkdtempSync(join(tmpdir(), 'fairdebt-fault-files-'));
  const live = await emptyStore(engine);
  const snapshots: Store[] = [];
  const observations: Observation[] = [];
  const traces: Reference['traces'] = [];
  const seconds = { seed: 0, phases: [] as number[] };
  const dispose = async () => {
    for (const s of snapshots) await s.dispose();
    await live.dispose();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    let t = performance.now();
    expectOk(await fairdebtProcess(['demo', 'seed', '--accounts', String(scenario.accounts), '--seed', String(scenario.seed), '--today', '2026-04-01', '--json'], live.env), 'seed');
    const db = await live.open();
    try {
      await prepare(db, dir);
    } finally {
      await db.close();
    }
    seconds.seed = (performance.now() - t) / 1000;
    say(`seeded ${scenario.accounts} accounts in ${seconds.seed.toFixed(1)} s`);
    snapshots.push(await live.copy());
    for (const phase of scenario.phases) {
      const sinks = await runSinks();
      const trace = join(dir, `trace-${traces.length}`);
      writeFileSync(trace, '');
      t = performance.now();
      try {
        expectOk(await fairdebtProcess(phase.args(sinks.addresses, dir), { ...live.env, FAIRDEBT_FAULT_TRACE: trace }), phase.name);
        if (phase.referenceRunsResume) expectOk(await fairdebtProcess(phase.resume(sinks.addresses, dir), live.env), `${phase.name} (again)`);
        seconds.phases.push((performance.now() - t) / 1000);
        observations.push(await observe(live, sinks.received()));
      } finally {
        await sinks.close();
      }
      traces.push(readTrace(trace));
      snapshots.push(await live.copy());
      say(`reference: ${phase.name} in ${seconds.phases.at(-1)!.toFixed(1)} s, ${traces.at(-1)!.length} fault points passed, ${observations.at(-1)!.sinkMessages.length} messages at the sinks`);
    }
  } catch (err) {
    await dispose();
    throw err;
  }
  return { engine, scenario, dir, snapshots, observations, traces, seconds, dispose };
}

function readTrace(path: string): Array<{ name: string; ms: number }> {
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => l.split(' '));
  const t0 = Number(lines[0]?.[1] ?? 0);
  return lines.map(([name, at]) => ({ name: name!, ms: Number(at) - t0 }));
}

export interface KillPoint {
  phase: number;
  /** FAIRDEBT_FAULT: NAME:N or after-ms:N. */
  fault: string;
  /**
   * A fault for the first rerun too, which is then run once more: the recovery path (interrupted sends
   * claimed again, the provider asked) only has work after a kill, so only a killed rerun tests it.
   */
  then?: string;
}

/** A small seeded generator (mulberry32): the same seed picks the same points. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` kill points chosen with `seed`: first every (phase, point) pair the reference passed, at a
 * random occurrence of it, in random order; then more occurrences at random; one in `timedEvery` is a
 * kill at a random time within the phase's work instead.
 */
export function choosePoints(ref: Reference, count: number, seed: number, timedEvery = 5): KillPoint[] {
  const rnd = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const occurrences: Array<{ phase: number; name: string; n: number }> = [];
  const pairs: Array<{ phase: number; name: string; total: number }> = [];
  ref.traces.forEach((trace, phase) => {
    const totals = new Map<string, number>();
    for (const p of trace) totals.set(p.name, (totals.get(p.name) ?? 0) + 1);
    for (const [name, total] of totals) {
      pairs.push({ phase, name, total });
      for (let n = 1; n <= total; n++) occurrences.push({ phase, name, n });
    }
  });
  for (let i = pairs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [pairs[i], pairs[j]] = [pairs[j]!, pairs[i]!];
  }
  const out: KillPoint[] = [];
  const seen = new Set<string>();
  const add = (k: KillPoint) => {
    if (seen.has(`${k.phase}|${k.fault}`)) return false;
    seen.add(`${k.phase}|${k.fault}`);
    out.push(k);
    return true;
  };
  let guard = 0;
  while (out.length < count && guard++ < count * 50) {
    if (timedEvery > 0 && out.length % timedEvery === timedEvery - 1) {
      const phase = Math.floor(rnd() * ref.traces.length);
      const span = ref.traces[phase]!.at(-1)?.ms ?? 0;
      if (span > 0) add({ phase, fault: `after-ms:${1 + Math.floor(rnd() * span)}` });
      continue;
    }
    const pair = pairs[out.length % Math.max(1, pairs.length)];
    const o = guard <= pairs.length && pair ? { ...pair, n: 1 + Math.floor(rnd() * pair.total) } : pick(occurrences);
    add({ phase: o.phase, fault: `${o.name}:${o.n}` });
  }
  return out;
}

/**
 * Kill points in the recovery path, one per dispatch phase: the dispatch killed with messages at the
 * provider and not recorded, then its rerun killed once it has claimed them again (the first phase)
 * or once it has asked the provider about them (the second); a third run completes the phase.
 */
export function recoveryPoints(ref: Reference): KillPoint[] {
  const dispatches = ref.scenario.phases.flatMap((p, i) => (p.name.startsWith('dispatch') ? [i] : []));
  const then = ['dispatch.reconcile.after-claim:1', 'dispatch.lookup.after-ask:1'];
  return dispatches.map((phase, i) => ({ ...middleOf(ref, phase, 'dispatch.send.after-provider'), then: then[i % then.length]! }));
}

/** The middle occurrence of a named point in a phase of the reference (for a fixed, reproducible set). */
export function middleOf(ref: Reference, phase: number, name: string): KillPoint {
  const total = ref.traces[phase]!.filter((p) => p.name === name).length;
  if (total === 0) throw new Error(`the reference's phase ${ref.scenario.phases[phase]!.name} never reaches ${name}`);
  return { phase, fault: `${name}:${Math.ceil(total / 2)}` };
}

export interface PointResult {
  point: KillPoint;
  phase: string;
  killed: boolean;
  /** With `then`: whether the first rerun was killed by it. */
  killedAgain?: boolean;
  resumeExit: number | null;
  /** What the rerun printed (its JSON summary). */
  resumeOutput: string;
  differences: string[];
  seconds: number;
}

/** Runs one kill point: the phase from the reference's state before it, killed, run again, compared. */
export async function runPoint(ref: Reference, point: KillPoint): Promise<PointResult> {
  const phase = ref.scenario.phases[point.phase]!;
  const t = performance.now();
  const store = await ref.snapshots[point.phase]!.copy();
  const sinks = await runSinks();
  try {
    const killed = await fairdebtProcess(phase.args(sinks.addresses, ref.dir), { ...store.env, FAIRDEBT_FAULT: point.fault });
    const wasKilled = killed.signal === 'SIGKILL';
    if (!wasKilled && killed.code !== 0) throw new Error(`${phase.name} with ${point.fault}: exit ${killed.code}\n${killed.stderr}`);
    let resumed = await fairdebtProcess(phase.resume(sinks.addresses, ref.dir), { ...store.env, ...(point.then ? { FAIRDEBT_FAULT: point.then } : {}) });
    let killedAgain: boolean | undefined;
    if (point.then) {
      killedAgain = resumed.signal === 'SIGKILL';
      if (!killedAgain && resumed.code !== 0) throw new Error(`${phase.name} rerun with ${point.then}: exit ${resumed.code}\n${resumed.stderr}`);
      resumed = await fairdebtProcess(phase.resume(sinks.addresses, ref.dir, 2), store.env);
    }
    const diffs = resumed.code === 0 ? differences(ref.observations[point.phase]!, await observe(store, sinks.received())) : [`the rerun failed (exit ${resumed.code}): ${resumed.stderr.trim().split('\n')[0]}`];
    return { point, phase: phase.name, killed: wasKilled, ...(killedAgain === undefined ? {} : { killedAgain }), resumeExit: resumed.code, resumeOutput: resumed.stdout, differences: diffs, seconds: (performance.now() - t) / 1000 };
  } finally {
    await sinks.close();
    await store.dispose();
  }
}
