/**
 * Evidence bundles and retention from the command line:
 *
 *   fairdebt evidence export ACCOUNT --out FILE.zip [--actor A] [--json]
 *   fairdebt evidence verify FILE.zip [--json]          offline: opens no database
 *   fairdebt evidence match FILE.zip [--json]           against the audit log: its export, head and entries
 *   fairdebt evidence purge --date D [--dry-run] [--actor A] [--json]
 *   fairdebt evidence policies [--json]
 *
 * verify exits 1 when a file is missing, extra or changed, or the manifest does not match its hash;
 * match exits 1 when, in addition, no export of these bytes is on record or the audit log no longer
 * holds the head and the entries the bundle carries.
 */
import { parseArgs } from 'node:util';
import { readFile, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import type { CliIo } from './io.ts';
import { openApp, type App } from '../main.ts';
import { buildEvidenceBundle, loadPolicies, matchBundle, purgeRetention, verifyBundle } from '../modules/evidence/index.ts';
import { invalidField } from '../platform/errors.ts';
import { parseIsoDate } from '../platform/dates.ts';

const USAGE = `usage: fairdebt evidence export ACCOUNT --out FILE.zip [--actor A] [--json]
       fairdebt evidence verify FILE.zip [--json]
       fairdebt evidence match FILE.zip [--json]
       fairdebt evidence purge --date D [--dry-run] [--actor A] [--json]
       fairdebt evidence policies [--json]
`;

function defaultActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

export async function run(args: string[], io: CliIo, open: () => Promise<App> = openApp): Promise<number> {
  const [sub, ...rest] = args;
  const { values: v, positionals } = parseArgs({
    args: rest,
    options: { out: { type: 'string' }, actor: { type: 'string' }, date: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
    allowPositionals: true,
    strict: true,
  });
  const actor = v.actor ?? defaultActor();
  const readBundle = async (file: string) => {
    try {
      return new Uint8Array(await readFile(file));
    } catch (err) {
      throw invalidField('file', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  };
  switch (sub) {
    case 'match': {
      const file = positionals[0];
      if (!file || positionals.length > 1) break;
      const bytes = await readBundle(file);
      const app = await open();
      try {
        const m = await matchBundle(app.db, bytes);
        if (v.json) io.stdout.write(`${JSON.stringify(m)}\n`);
        else {
          const lines = [
            `${m.ok ? 'bundle matches the records' : 'bundle does NOT match the records'}: sha256 ${m.sha256}`,
            m.bundle.ok ? '  files: intact' : '  files: FAILED verification (run evidence verify for details)',
            m.exported ? `  exported: ${m.exported.accountRef} by ${m.exported.actor} at ${m.exported.generatedAt} (audit entry ${m.exported.auditEntrySeq ?? 'missing'})` : '  exported: no export of these bytes is on record',
            m.head ? `  audit head ${m.head.seq}: ${m.head.matches ? 'in the log with the same hash' : `the log has ${m.head.inLog ?? 'no such entry'}`}` : '  audit head: not checked',
            `  audit entries: ${m.entries.checked} checked, ${m.entries.mismatched.length} differ${m.entries.mismatched.length ? ` (${m.entries.mismatched.map((x) => x.seq).join(', ')})` : ''}`,
          ];
          io.stdout.write(`${lines.join('\n')}\n`);
        }
        return m.ok ? 0 : 1;
      } finally {
        await app.close();
      }
    }
    case 'verify': {
      const file = positionals[0];
      if (!file || positionals.length > 1) break;
      const bytes = await readBundle(file);
      const check = verifyBundle(bytes);
      if (v.json) io.stdout.write(`${JSON.stringify(check)}\n`);
      else {
        const lines = [
          `${check.ok ? 'bundle intact' : 'bundle FAILED verification'}: ${check.accountRef ?? '?'}, ${check.items} items, sha256 ${check.sha256}`,
          ...check.manifestProblems.map((p) => `  manifest: ${p}`),
          ...check.missing.map((p) => `  missing: ${p}`),
          ...check.extra.map((p) => `  extra: ${p}`),
          ...check.changed.map((c) => `  changed: ${c.path} (sha256 ${c.actualSha256}, manifest says ${c.expectedSha256})`),
        ];
        io.stdout.write(`${lines.join('\n')}\n`);
      }
      return check.ok ? 0 : 1;
    }
    case 'export': {
      const ref = positionals[0];
      if (!ref || positionals.length > 1) break;
      if (!v.out) throw invalidField('out', 'the file to write the bundle to is required (--out FILE.zip)');
      const app = await open();
      try {
        const b = await buildEvidenceBundle(app.db, { accountRef: ref, actor, at: app.clock.now() });
        await writeFile(v.out, b.zip);
        const out = { accountRef: b.manifest.accountRef, file: v.out, bytes: b.zip.byteLength, sha256: b.sha256, manifestSha256: b.manifestSha256, items: b.manifest.items.length, auditHead: b.manifest.auditHead };
        io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : `wrote ${v.out}: ${out.items} items, ${out.bytes} bytes, sha256 ${out.sha256}\n`);
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'purge': {
      if (positionals.length > 0) break;
      if (!v.date) throw invalidField('date', 'the business date is required (--date YYYY-MM-DD)');
      const date = parseIsoDate(v.date, 'date');
      const app = await open();
      try {
        const r = await purgeRetention({ db: app.db, clock: app.clock }, { businessDate: date, dryRun: v['dry-run'], actor });
        const kept = Object.entries(r.kept).map(([k, n]) => `${k} ${n}`).join(', ') || 'none';
        io.stdout.write(v.json ? `${JSON.stringify(r)}\n` : `${r.dryRun ? 'would anonymise' : 'anonymised'} ${r.customers.length} customers (${r.accounts} accounts, ${r.valuesRemoved} texts and documents removed, hashes kept) of ${r.examined} examined; kept: ${kept}\n`);
        return 0;
      } finally {
        await app.close();
      }
    }
    case 'policies': {
      const app = await open();
      try {
        const rows = await loadPolicies(app.db);
        io.stdout.write(v.json ? `${JSON.stringify(rows)}\n` : rows.map((p) => `${p.jurisdiction.padEnd(6)} ${p.recordKind.padEnd(18)} ${p.years}y from ${p.startsFrom}${p.isPolicy ? ' (policy)' : ''}: ${p.source}`).join('\n') + '\n');
        return 0;
      } finally {
        await app.close();
      }
    }
    default:
  }
  io.stderr.write(USAGE);
  return 2;
}
