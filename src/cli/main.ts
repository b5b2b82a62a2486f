/**
 * The `fairdebt` command. One file per verb; each exports `run(args, io)` and returns an exit code.
 * Verbs are loaded lazily so that `fairdebt compliance check` does not open a database.
 */
import { AppError } from '../platform/errors.ts';
import type { CliIo } from './io.ts';
import { defaultIo } from './io.ts';

type Verb = { run(args: string[], io: CliIo): Promise<number> };

const VERBS: Record<string, { load: () => Promise<Verb>; summary: string }> = {
  db: { load: () => import('./db.ts'), summary: 'db migrate|dump|restore — apply database migrations, back up and restore the database' },
  demo: { load: () => import('./demo.ts'), summary: 'demo seed|start — synthetic portfolio and the demo server' },
  cycle: { load: () => import('./cycle.ts'), summary: 'cycle run --date D — run the daily cycle up to a business date' },
  import: { load: () => import('./import.ts'), summary: 'import customers|accounts|payments FILE.csv' },
  account: { load: () => import('./account.ts'), summary: 'account show ID | account list — balances, DPD, bucket' },
  payment: { load: () => import('./payment.ts'), summary: 'payment post — record a payment with an idempotency key' },
  serve: { load: () => import('./serve.ts'), summary: 'serve — API and web UI on one port (no background work: run `fairdebt worker` beside it)' },
  worker: { load: () => import('./worker.ts'), summary: 'worker [--jobs dispatch,cycle] — background workers (contacts dispatch, nightly cycle) as their own process' },
  dispatch: { load: () => import('./dispatch.ts'), summary: 'dispatch run|worker — send the contacts that are due, once each' },
  sinks: { load: () => import('./sinks.ts'), summary: 'sinks — local SMSC (SMPP) and mail (SMTP) sinks with a viewer' },
  compliance: { load: () => import('./compliance.ts'), summary: 'compliance check|lint|packs — contact check with rule trace, template lint, packs' },
  agencies: { load: () => import('./agencies.ts'), summary: 'agencies list|save|rule|place|recall|statement|scorecard — outside agencies, placement and recall, commission' },
  users: { load: () => import('./users.ts'), summary: 'users add|list|passwd|roles|deactivate|activate — people who sign in, with their roles' },
  negotiate: { load: () => import('./negotiate.ts'), summary: 'negotiate preview|plan|defer|waive|settle|pending|approve|reject|options — plans, waivers, four-eyes' },
  complaints: { load: () => import('./complaints.ts'), summary: 'complaints intake|list|show|ack|resolve|sla|report — complaints with SLA clocks, the regulator report' },
  quality: { load: () => import('./quality.ts'), summary: 'quality scan|reviews|show|score|scores — quality inspection (质检) of messages and call transcripts' },
  audit: { load: () => import('./audit.ts'), summary: 'audit verify|list — recompute the audit hash chain (exit 1 when broken), list entries' },
  evidence: { load: () => import('./evidence.ts'), summary: 'evidence export|verify|match|purge|policies — evidence bundles per account, offline verification, retention' },
  legal: { load: () => import('./legal.ts'), summary: 'legal eligibility|refer|approve|reject|status|cost|list|show — legal referrals (four-eyes), cases through court, legal costs' },
  bureau: { load: () => import('./bureau.ts'), summary: 'bureau run|notices|disputes|resolve — credit-bureau furnishing (CSV, PBOC-like, Metro 2), pre-notices, credit-report disputes' },
  assistant: { load: () => import('./assistant.ts'), summary: 'assistant evaluate|classify — the debtor assistant\'s intent classifier: held-out accuracy per intent, one message' },
  keys: { load: () => import('./keys.ts'), summary: 'keys new|status|rotate — keys sealing ID numbers at rest: a new key, which key seals how many, seal all under the current key' },
  model: { load: () => import('./model.ts'), summary: 'model train|evaluate|explain|features — credit-risk model (WOE scorecard or boosted trees) from a CSV, AUC/KS/Brier, fairness; accounts as features' },
};

export function usage(): string {
  const lines = Object.entries(VERBS).map(([name, v]) => `  ${name.padEnd(12)} ${v.summary}`);
  return `usage: fairdebt <verb> [options]\n\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CliIo = defaultIo()): Promise<number> {
  const [verb, ...rest] = argv;
  if (!verb || verb === '--help' || verb === '-h' || verb === 'help') {
    io.stdout.write(usage());
    return verb ? 0 : 2;
  }
  const entry = VERBS[verb];
  if (!entry) {
    io.stderr.write(`fairdebt: unknown verb '${verb}'\n${usage()}`);
    return 2;
  }
  try {
    const mod = await entry.load();
    return await mod.run(rest, io);
  } catch (err) {
    return reportError(err, io);
  }
}

/** Prints an error for a person (or as JSON with --json) and returns the exit code: 2 for bad input, 1 otherwise. */
export function reportError(err: unknown, io: CliIo): number {
  if (err instanceof AppError) {
    io.stderr.write(`fairdebt: ${err.code}: ${err.message}\n`);
    return err.httpStatus < 500 ? 2 : 1;
  }
  // An unknown option or a stray argument, as node's argument parser words it: bad input.
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) {
    io.stderr.write(`fairdebt: VALIDATION_FAILED: arguments: ${(err as Error).message} (see fairdebt --help)\n`);
    return 2;
  }
  const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
  io.stderr.write(`fairdebt: unexpected error: ${message}\n`);
  return 1;
}
