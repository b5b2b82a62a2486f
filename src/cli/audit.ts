/**
 * `fairdebt audit verify [--anchor SEQ:HASH] [--json]`: recomputes the hash chain of the audit log and
 * names the first broken link (an edited, deleted or reordered entry, or a cut tail); with --anchor, also
 * checks that entry SEQ still has the HASH recorded earlier (a bundle's audit head, a published head),
 * which a log rewritten from some entry on, head and all, no longer has. Exit 0 when intact, 1 when broken.
 * `fairdebt audit list [--subject S] [--from T] [--to T] [--after-seq N] [--limit N] [--json]`: entries
 * in seq order (JSON Lines with --json).
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp, type App } from '../main.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { checkAuditAnchor } from '../platform/audit-chain.ts';
import { AuditQuerySchema, listAudit } from '../modules/evidence/index.ts';
import { AppError, invalidField } from '../platform/errors.ts';

const USAGE = `usage: fairdebt audit verify [--anchor SEQ:HASH] [--json]
       fairdebt audit list [--subject S] [--from T] [--to T] [--after-seq N] [--limit N] [--json]
`;

export async function run(args: string[], io: CliIo, open: () => Promise<App> = openApp): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'verify') {
    const { values } = parseArgs({ args: rest, options: { anchor: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
    const m = values.anchor === undefined ? null : /^(\d+):([0-9a-f]{64})$/.exec(values.anchor);
    if (values.anchor !== undefined && !m) throw invalidField('anchor', `expected SEQ:HASH (a number, a colon and 64 lowercase hex digits), got '${values.anchor}'`);
    const app = await open();
    try {
      const v = await verifyAuditChain(app.db);
      const anchor = m ? { seq: Number(m[1]), hash: m[2]!, ...(await checkAuditAnchor(app.db, { seq: Number(m[1]), hash: m[2]! })) } : null;
      const ok = v.ok && (anchor?.matches ?? true);
      const out = { ok, entries: v.entries, firstBrokenSeq: v.firstBrokenSeq ?? null, reason: v.reason ?? null, kind: v.kind ?? null, ...(anchor ? { anchor } : {}) };
      if (values.json) io.stdout.write(`${JSON.stringify(out)}\n`);
      else {
        if (v.ok) io.stdout.write(`audit chain intact: ${v.entries} entries\n`);
        else io.stdout.write(`audit chain BROKEN at entry ${v.firstBrokenSeq} (${v.kind}): ${v.reason}\n${v.entries} entries before it verify\n`);
        if (anchor) io.stdout.write(anchor.matches ? `anchor ${anchor.seq}: in the log with the same hash\n` : `anchor ${anchor.seq}: NOT in the log (the log has ${anchor.hashInLog ?? 'no such entry'}): rewritten or cut back since the anchor was taken\n`);
      }
      return ok ? 0 : 1;
    } finally {
      await app.close();
    }
  }
  if (sub === 'list') {
    const { values } = parseArgs({
      args: rest,
      options: { subject: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, 'after-seq': { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    const parsed = AuditQuerySchema.safeParse({ subject: values.subject, from: values.from, to: values.to, afterSeq: values['after-seq'], limit: values.limit });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.').replace('afterSeq', 'after-seq'), message: i.message }));
      throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
    }
    const app = await open();
    try {
      const rows = await listAudit(app.db, parsed.data);
      for (const r of rows) io.stdout.write(values.json ? `${JSON.stringify(r)}\n` : `${r.seq} ${r.at} ${r.type} ${r.subject} by ${r.actor} ${r.hash.slice(0, 12)}\n`);
      return 0;
    } finally {
      await app.close();
    }
  }
  io.stderr.write(USAGE);
  return 2;
}
