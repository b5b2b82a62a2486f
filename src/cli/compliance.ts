/**
 * `fairdebt compliance check [FILE|-] [--json] [--params FILE]`: checks one contact request, a JSON array of
 * them, or JSON Lines, and writes one verdict per request, one per line. Exit 0 whatever the decisions;
 * exit 2 when a request is invalid (the message names the line and the field).
 *
 * `fairdebt compliance lint [FILE|-] [--lang zh-CN|en] [--recipient ROLE] [--json]`: lints a message
 * template. Exit 0 when clean, 1 when something was found.
 *
 * `fairdebt compliance packs [--json]`: the packs in force, their parameters and rules.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { AppError, invalidField } from '../platform/errors.ts';
import type { CompiledPack, Jurisdiction, Verdict } from '../modules/compliance/index.ts';
import { bundledHolidayCalendar, checkContact, compileAllPacks, lintMessage, parseContactRequest, parseParameterOverrides } from '../modules/compliance/index.ts';
import type { CliIo } from './io.ts';

const USAGE = `usage:
  fairdebt compliance check [FILE|-] [--json] [--params FILE]   one request, a JSON array, or JSON Lines
  fairdebt compliance lint [FILE|-] [--lang zh-CN|en] [--recipient ROLE] [--json]
  fairdebt compliance packs [--json]
`;

async function readInput(file: string | undefined, io: CliIo): Promise<string> {
  if (file === undefined || file === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of io.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw invalidField('FILE', `cannot read ${file}: ${(err as Error).message}`);
  }
}

/** Splits the input into requests: one JSON value (object or array) or one JSON value per line. */
function splitRequests(text: string): Array<{ line: number | undefined; value: unknown; error?: string }> {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    const whole: unknown = JSON.parse(trimmed);
    if (Array.isArray(whole)) return whole.map((value, i) => ({ line: i + 1, value }));
    return [{ line: undefined, value: whole }];
  } catch {
    // not one JSON value: JSON Lines
  }
  const out: Array<{ line: number | undefined; value: unknown; error?: string }> = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    try {
      out.push({ line: i + 1, value: JSON.parse(l) });
    } catch (err) {
      out.push({ line: i + 1, value: undefined, error: `invalid JSON: ${(err as Error).message}` });
    }
  }
  return out;
}

function summary(v: Verdict): string {
  const parts = [v.decision.toUpperCase().padEnd(15), v.jurisdiction];
  if (v.denyingRules.length) parts.push(`denied by ${v.denyingRules.join(', ')}`);
  if (v.requiredActions.length) parts.push(`requires ${v.requiredActions.map((a) => `${a.action} (${a.ruleId})`).join(', ')}`);
  if (v.flags.length) parts.push(`flags ${v.flags.map((f) => f.ruleId).join(', ')}`);
  if (v.nextAllowedAt) parts.push(`next allowed ${v.nextAllowedAt}`);
  const reasons = v.trace.filter((t) => t.outcome === 'fail' || t.outcome === 'flag').map((t) => `    ${t.ruleId}${t.check ? ` [${t.check}]` : ''}: ${t.reason.en} / ${t.reason['zh-CN']}`);
  return [parts.join('  '), ...reasons].join('\n');
}

async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false }, params: { type: 'string' } } });
  if (positionals.length > 1) throw invalidField('FILE', 'give at most one input file');
  let packs: Record<Jurisdiction, CompiledPack>;
  const calendar = bundledHolidayCalendar();
  if (values.params !== undefined) {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(values.params, 'utf8'));
    } catch (err) {
      throw invalidField('--params', `cannot read ${values.params} as JSON: ${(err as Error).message}`);
    }
    packs = compileAllPacks({ calendar, overrides: parseParameterOverrides(raw) });
  } else {
    packs = compileAllPacks({ calendar });
  }
  const json = values.json || !io.stdout.isTTY;
  const items = splitRequests(await readInput(positionals[0], io));
  if (items.length === 0) throw invalidField('FILE', 'no request in the input');
  let invalid = 0;
  for (const item of items) {
    const where = item.line === undefined ? '' : `line ${item.line}: `;
    try {
      if (item.error !== undefined) throw new AppError('VALIDATION_FAILED', item.error, { issues: [{ path: '(root)', message: item.error }] });
      const req = parseContactRequest(item.value);
      const verdict = checkContact(req, packs[req.jurisdiction]);
      io.stdout.write(json ? `${JSON.stringify(verdict)}\n` : `${where}${summary(verdict)}\n`);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      invalid++;
      io.stderr.write(`fairdebt: ${where}${err.message}\n`);
      if (json) io.stdout.write(`${JSON.stringify({ ...(item.line === undefined ? {} : { line: item.line }), error: err.toJSON() })}\n`);
    }
  }
  return invalid > 0 ? 2 : 0;
}

async function runLint(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, lang: { type: 'string' }, recipient: { type: 'string' } },
  });
  const lang = values.lang;
  if (lang !== undefined && lang !== 'zh-CN' && lang !== 'en') throw invalidField('--lang', 'expected zh-CN or en');
  const roles = ['debtor', 'guarantor', 'spouse', 'contact', 'third_party', 'attorney', 'employer', 'debt_adviser'] as const;
  const recipient = values.recipient as (typeof roles)[number] | undefined;
  if (recipient !== undefined && !roles.includes(recipient)) throw invalidField('--recipient', `expected one of ${roles.join('|')}`);
  const text = await readInput(positionals[0], io);
  const result = lintMessage(text, lang, recipient);
  if (values.json || !io.stdout.isTTY) io.stdout.write(`${JSON.stringify(result)}\n`);
  else if (result.ok) io.stdout.write('ok: no prohibited wording found\n');
  else {
    for (const f of result.findings) {
      const before = text.slice(0, f.index);
      const line = before.split('\n').length;
      const col = f.index - before.lastIndexOf('\n');
      io.stdout.write(`${line}:${col}  ${f.category}  "${f.match}"  ${f.message.en} / ${f.message['zh-CN']}  (${f.ruleIds.join(', ')})\n`);
    }
  }
  return result.ok ? 0 : 1;
}

async function runPacks(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { json: { type: 'boolean', default: false } } });
  const packs = compileAllPacks();
  if (values.json) {
    io.stdout.write(`${JSON.stringify(Object.values(packs).map((p) => ({ jurisdiction: p.jurisdiction, packs: p.chain })))}\n`);
    return 0;
  }
  for (const p of Object.values(packs)) {
    io.stdout.write(`${p.jurisdiction}  (${p.packs.map((x) => `${x.id} ${x.version}`).join(' + ')})\n`);
    for (const r of p.rules) io.stdout.write(`  ${r.id.padEnd(14)} [${r.source.status}] ${r.title.en} / ${r.title['zh-CN']}\n`);
  }
  return 0;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'check') return runCheck(rest, io);
  if (sub === 'lint') return runLint(rest, io);
  if (sub === 'packs') return runPacks(rest, io);
  io.stderr.write(sub === undefined || sub === '--help' || sub === '-h' ? USAGE : `fairdebt compliance: unknown command '${sub}'\n${USAGE}`);
  return sub === '--help' || sub === '-h' ? 0 : 2;
}
