/**
 * `npm run bench -- compliance [--json] [--seconds N] [--requests N]`
 *
 * Checks per second of `checkContact` on one core, for requests with 30-entry histories across CN, US, UK
 * and EU, and, in the same run, the same decision expressed as a GoRules ZEN decision graph (an expression
 * node that derives the counts from the history, then a first-hit decision table). The ZEN side gets the
 * history with local days and minutes already computed, and that preparation is timed with it. Before
 * timing, both engines are run over every request and their decisions compared; the agreement is printed.
 */
import { parseArgs } from 'node:util';
import { ZenEngine } from '@gorules/zen-engine';
import type { ContactRequest, Verdict } from '../src/modules/compliance/index.ts';
import { bundledHolidayCalendar, checkContact, compileAllPacks, parseContactRequest } from '../src/modules/compliance/index.ts';
import { localDayOf, localMsOfDay, parseInstant } from '../src/modules/compliance/local-time.rules.ts';

const HISTORY_ENTRIES = 30;
/** The history covers this many days before now: 30 contacts in six weeks, a busy but plausible account. */
const HISTORY_SPAN_DAYS = 42;
/**
 * Distinct requests cycled through. In use, a request is checked right after it is built, while it is in the
 * CPU cache; 256 requests (about 1 MB with their histories) keep that true here. --requests 4000 shows the
 * cost when every check starts from main memory.
 */
const DEFAULT_DISTINCT_REQUESTS = 256;

/** A small deterministic generator so every run checks the same requests. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SETUPS = [
  { jurisdiction: 'CN', zone: 'Asia/Shanghai', offset: '+08:00' },
  { jurisdiction: 'US', zone: 'America/New_York', offset: '-04:00' },
  { jurisdiction: 'US', zone: 'America/Chicago', offset: '-05:00' },
  { jurisdiction: 'UK', zone: 'Europe/London', offset: '+01:00' },
  { jurisdiction: 'EU', zone: 'Europe/Berlin', offset: '+02:00' },
] as const;

export function makeRequests(n: number): ContactRequest[] {
  const r = rng(20260505);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: ContactRequest[] = [];
  const base = Date.parse('2026-05-20T00:00:00Z');
  for (let i = 0; i < n; i++) {
    const s = pick(SETUPS);
    const nowMs = base + Math.floor(r() * 86_400) * 1000;
    const history = [];
    for (let k = 0; k < HISTORY_ENTRIES; k++) {
      const at = nowMs - Math.floor(r() * HISTORY_SPAN_DAYS * 86_400) * 1000 - 60_000;
      const channel = pick(['call', 'call', 'call', 'call', 'sms', 'sms', 'voicemail', 'email'] as const);
      history.push({
        at: new Date(at).toISOString(),
        channel,
        debtIds: [pick(['X', 'X', 'Y'])],
        recipientRole: 'debtor',
        contactPoint: pick(['+861380000000', '+861390000000']),
        direction: r() < 0.9 ? 'outbound' : 'inbound',
        outcome: channel === 'sms' || channel === 'email' ? pick(['delivered', 'delivered', 'bounced'] as const) : pick(['connected', 'unanswered', 'unanswered', 'voicemail', 'busy'] as const),
      });
    }
    out.push(
      parseContactRequest({
        jurisdiction: s.jurisdiction,
        now: new Date(nowMs).toISOString(),
        debtor: { timeZones: [s.zone] },
        action: {
          channel: pick(['call', 'call', 'sms', 'voicemail'] as const),
          debtIds: ['X'],
          recipient: { role: 'debtor' },
          initiator: { kind: 'lender', id: 'bank' },
          contactPoint: { type: 'mobile', value: '+861380000000', callerNumberRegistered: true },
        },
        history,
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The same decision as a ZEN graph: hours, CN caps, Regulation F 7-in-7 and blackout, redial block, and the
// US flags for concentrated calls and cumulative volume.

const VOICE = "(#.c == 'call' or #.c == 'voicemail')";
const OUT = "#.dir == 'outbound'";
const JDM = {
  contentType: 'application/vnd.gorules.decision',
  nodes: [
    { id: 'in', type: 'inputNode', name: 'request', position: { x: 0, y: 0 } },
    {
      id: 'fx',
      type: 'expressionNode',
      name: 'features',
      position: { x: 200, y: 0 },
      content: {
        expressions: [
          { id: 'f1', key: 'j', value: 'j' },
          { id: 'f2', key: 'ch', value: 'ch' },
          { id: 'f3', key: 'sec', value: 'sec' },
          { id: 'f4', key: 'voice', value: "ch == 'call' or ch == 'voicemail'" },
          { id: 'f5', key: 'connToday', value: `len(filter(h, #.d == 0 and ${OUT} and #.c == 'call' and #.o == 'connected'))` },
          { id: 'f6', key: 'unansToday', value: `len(filter(h, #.d == 0 and ${OUT} and ${VOICE} and #.cp == cp and #.o != 'connected'))` },
          { id: 'f7', key: 'calls7', value: `len(filter(h, #.d <= 6 and ${OUT} and ${VOICE} and #.debt == 'X' and #.o != 'busy'))` },
          { id: 'f8', key: 'conv7', value: "some(h, #.d <= 6 and #.c == 'call' and #.o == 'connected' and #.debt == 'X')" },
          { id: 'f9', key: 'redial', value: `some(h, #.m < 5 and ${OUT} and ${VOICE} and #.cp == cp)` },
          { id: 'f10', key: 'callsTodayCp', value: `len(filter(h, #.d == 0 and ${OUT} and ${VOICE} and #.cp == cp and #.o != 'busy'))` },
          { id: 'f11', key: 'eToday', value: `len(filter(h, #.d == 0 and ${OUT} and (#.c == 'sms' or #.c == 'email')))` },
          { id: 'f12', key: 'att7', value: `len(filter(h, #.d <= 6 and ${OUT}))` },
        ],
      },
    },
    {
      id: 'dt',
      type: 'decisionTableNode',
      name: 'decision',
      position: { x: 400, y: 0 },
      content: {
        hitPolicy: 'first',
        inputs: [
          { id: 'j', name: 'jurisdiction', field: 'j' },
          { id: 'ch', name: 'channel', field: 'ch' },
          { id: 'sec', name: 'local seconds', field: 'sec' },
          { id: 'v', name: 'voice', field: 'voice' },
          { id: 'x', name: 'condition', field: '' },
        ],
        outputs: [{ id: 'o', name: 'decision', field: 'decision' }],
        rules: [
          { _id: 'cn-hours', j: '"CN"', ch: '', sec: '< 28800, >= 79200', v: '', x: '', o: '"deny"' },
          { _id: 'cn-freq-1', j: '"CN"', ch: '"call"', sec: '', v: '', x: 'connToday >= 3', o: '"deny"' },
          { _id: 'cn-freq-2', j: '"CN"', ch: '', sec: '', v: 'true', x: 'unansToday >= 6', o: '"deny"' },
          { _id: 'us-hours', j: '"US"', ch: '', sec: '< 28800, > 75600', v: '', x: '', o: '"deny"' },
          { _id: 'us-7in7', j: '"US"', ch: '', sec: '', v: 'true', x: 'calls7 >= 7', o: '"deny"' },
          { _id: 'us-blackout', j: '"US"', ch: '', sec: '', v: 'true', x: 'conv7', o: '"deny"' },
          { _id: 'us-redial', j: '"US"', ch: '', sec: '', v: 'true', x: 'redial', o: '"deny"' },
          { _id: 'us-concentration', j: '"US"', ch: '', sec: '', v: 'true', x: 'callsTodayCp + 1 > 3', o: '"allow_with_flag"' },
          { _id: 'us-electronic', j: '"US"', ch: '"sms", "email"', sec: '', v: '', x: 'eToday + 1 > 3', o: '"allow_with_flag"' },
          { _id: 'us-cumulative', j: '"US"', ch: '', sec: '', v: '', x: 'att7 + 1 > 14', o: '"allow_with_flag"' },
          { _id: 'uk-eu-hours', j: '"UK", "EU"', ch: '', sec: '< 28800, >= 75600', v: '', x: '', o: '"deny"' },
          { _id: 'default', j: '', ch: '', sec: '', v: '', x: '', o: '"allow"' },
        ],
      },
    },
    { id: 'out', type: 'outputNode', name: 'response', position: { x: 600, y: 0 } },
  ],
  edges: [
    { id: 'e1', sourceId: 'in', targetId: 'fx', type: 'edge' },
    { id: 'e2', sourceId: 'fx', targetId: 'dt', type: 'edge' },
    { id: 'e3', sourceId: 'dt', targetId: 'out', type: 'edge' },
  ],
};

/** The ZEN input: local day offsets and minutes-ago already computed (this work is timed with ZEN). */
function zenInput(req: ContactRequest) {
  const zone = req.debtor.timeZones[0]!;
  const nowMs = parseInstant(req.now);
  const today = localDayOf(zone, nowMs);
  const h = req.history.map((e) => {
    const at = parseInstant(e.at);
    return {
      d: today - localDayOf(zone, at),
      m: (nowMs - at) / 60_000,
      c: e.channel,
      o: e.outcome,
      dir: e.direction,
      debt: e.debtIds[0] ?? '',
      cp: e.contactPoint ?? '',
    };
  });
  return { j: req.jurisdiction, ch: req.action.channel, sec: Math.floor(localMsOfDay(zone, nowMs) / 1000), cp: req.action.contactPoint?.value ?? '', h };
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false }, seconds: { type: 'string', default: '3' }, requests: { type: 'string', default: String(DEFAULT_DISTINCT_REQUESTS) } } });
  const seconds = Number(values.seconds);
  const requests = makeRequests(Number(values.requests));
  const packs = compileAllPacks({ calendar: bundledHolidayCalendar() });
  const zen = new ZenEngine();
  const decision = zen.createDecision(JDM);

  // Same decision? Compare before timing.
  let agree = 0;
  const counts: Record<string, number> = {};
  for (const req of requests) {
    const v: Verdict = checkContact(req, packs[req.jurisdiction]);
    const z = (await decision.evaluate(zenInput(req))).result as { decision: string };
    counts[v.decision] = (counts[v.decision] ?? 0) + 1;
    if (z.decision === v.decision) agree++;
  }

  // checkContact on one core
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  while (performance.now() < deadline) {
    for (let i = 0; i < 1000; i++) {
      const req = requests[n % requests.length]!;
      sink += checkContact(req, packs[req.jurisdiction]).trace.length;
      n++;
    }
  }
  const checksPerSecond = n / ((performance.now() - t0) / 1000);

  // ZEN, one evaluation at a time
  let zn = 0;
  const z0 = performance.now();
  const zDeadline = z0 + seconds * 1000;
  while (performance.now() < zDeadline) {
    const req = requests[zn % requests.length]!;
    const r = await decision.evaluate(zenInput(req));
    sink += (r.result as { decision: string }).decision.length;
    zn++;
  }
  const zenChecksPerSecond = zn / ((performance.now() - z0) / 1000);
  zen.dispose();

  const result = {
    checksPerSecond: Math.round(checksPerSecond),
    zenChecksPerSecond: Math.round(zenChecksPerSecond),
    ratioToZen: Number((checksPerSecond / zenChecksPerSecond).toFixed(1)),
    historyEntries: HISTORY_ENTRIES,
    historySpanDays: HISTORY_SPAN_DAYS,
    requests: requests.length,
    jurisdictions: [...new Set(requests.map((r) => r.jurisdiction))],
    decisions: counts,
    decisionAgreementWithZen: Number((agree / requests.length).toFixed(4)),
    seconds,
    node: process.version,
  };
  if (sink < 0) process.stderr.write('unreachable\n');
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  process.stdout.write(
    [
      `compliance check, ${HISTORY_ENTRIES}-entry histories over ${HISTORY_SPAN_DAYS} days, ${result.jurisdictions.join('/')}, ${requests.length} distinct requests`,
      `  checkContact     ${result.checksPerSecond.toLocaleString('en')} checks/s (one core, full trace)`,
      `  ZEN decision     ${result.zenChecksPerSecond.toLocaleString('en')} checks/s (one evaluation at a time)`,
      `  ratio            ${result.ratioToZen}×`,
      `  same decision    ${(result.decisionAgreementWithZen * 100).toFixed(2)}% of requests`,
      `  decisions        ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`,
      '',
    ].join('\n'),
  );
}
