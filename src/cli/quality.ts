/**
 * `fairdebt quality …`: quality inspection (质检) from the command line. Writes need --key (the
 * idempotency key) and name who acts.
 *
 *   fairdebt quality scan --date D [--seed S] [--rate-bp N] --actor A --key K [--json]
 *   fairdebt quality reviews [--status open|scored] [--json]
 *   fairdebt quality show ID [--json]
 *   fairdebt quality score ID --answers code=met|not_met|na,… [--comment T] --actor USER --key K [--json]
 *   fairdebt quality scores --from D --to D [--json]
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp } from '../main.ts';
import { AppError, invalidField } from '../platform/errors.ts';
import { getReview, listReviews, qaScores, scanContent, scoreReview, SCORECARD } from '../modules/quality/index.ts';

const USAGE = `usage: fairdebt quality scan --date D [--seed S] [--rate-bp N] --actor A --key K [--json]
       fairdebt quality reviews [--status open|scored] [--json]
       fairdebt quality show ID [--json]
       fairdebt quality score ID --answers ${SCORECARD.map((c) => `${c.code}=met`).slice(0, 2).join(',')},… [--comment T] --actor USER --key K [--json]
       fairdebt quality scores --from D --to D [--json]
criteria: ${SCORECARD.map((c) => c.code).join(', ')} (each met, not_met or na)
`;

const OPTIONS = {
  date: { type: 'string' }, seed: { type: 'string' }, 'rate-bp': { type: 'string' }, status: { type: 'string' }, answers: { type: 'string' },
  comment: { type: 'string' }, actor: { type: 'string' }, key: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

function whole(value: string | undefined, field: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw invalidField(field, `expected a whole number, got '${value}'`);
  return Number(value);
}

function answersOf(text: string | undefined): Record<string, string> {
  if (!text) throw invalidField('answers', 'required: code=met|not_met|na for every criterion, comma-separated');
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [code, answer, ...rest] = part.split('=');
    if (!code || !answer || rest.length) throw invalidField('answers', `expected code=answer, got '${part}'`);
    out[code.trim()] = answer.trim();
  }
  return out;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub || !['scan', 'reviews', 'show', 'score', 'scores'].includes(sub)) {
    io.stderr.write(USAGE);
    return 2;
  }
  const { values: v, positionals } = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
  if ((sub === 'show' || sub === 'score') !== (positionals.length === 1) || positionals.length > 1) {
    io.stderr.write(USAGE);
    return 2;
  }
  if ((sub === 'scan' || sub === 'score') && !v.key) throw invalidField('key', 'an idempotency key is required (--key)');
  if ((sub === 'scan' || sub === 'score') && !v.actor) throw invalidField('actor', 'required: who acts (a user id)');
  const app = await openApp();
  try {
    let out: unknown;
    let line: string;
    switch (sub) {
      case 'scan': {
        if (!v.date) throw invalidField('date', 'required: the business date to scan for (YYYY-MM-DD)');
        const sampling = { ...(v.seed ? { seed: v.seed } : {}), ...(v['rate-bp'] !== undefined ? { rateBp: whole(v['rate-bp'], 'rate-bp') } : {}) };
        const r = await scanContent(app.db, app.clock, { businessDate: v.date, sampling }, { actor: `user:${v.actor}`, idempotencyKey: `cli-scan:${v.key}` });
        out = { ...r.result, replayed: r.replayed };
        line = `${r.result.businessDate}: ${r.result.scanned} scanned, ${r.result.findings} findings, ${r.result.highItems} with high severity; reviews opened ${r.result.reviewsOpened} (findings ${r.result.bySource.finding}, sample ${r.result.bySource.sample})${r.result.more ? '; more waiting, run again' : ''}\n`;
        break;
      }
      case 'reviews': {
        if (v.status !== undefined && v.status !== 'open' && v.status !== 'scored') throw invalidField('status', `expected open or scored, got '${v.status}'`);
        const items = await listReviews(app.db, v.status ? { status: v.status } : {});
        out = items;
        line = items.map((r) => `#${r.id} ${r.status} ${r.source} ${r.businessDate} ${r.agencyId ?? 'lender'}${r.collectorId ? `/${r.collectorId}` : ''} items ${r.items}, high ${r.highFindings}${r.score !== null ? `, score ${r.score} ${r.passed ? 'pass' : 'fail'}` : ''}`).join('\n') + (items.length ? '\n' : 'no reviews\n');
        break;
      }
      case 'show': {
        const id = whole(positionals[0], 'id')!;
        const r = await getReview(app.db, id);
        if (!r) throw new AppError('NOT_FOUND', `id: no review ${id}`);
        out = r;
        line = `#${r.id} ${r.status} ${r.source}${r.complaintId ? ` complaint ${r.complaintId}` : ''} customer ${r.customerId}\n` + r.itemsDetail.map((i) =>
          `  ${i.kind} ${i.contactReference ?? i.callRecordId ?? i.sourceId} ${i.contactAt} ${i.agencyId ?? 'lender'}${i.collectorId ? `/${i.collectorId}` : ''}\n` +
          i.findings.map((f) => `    ${f.severity} ${f.category} «${f.match}» ${f.explanation['zh-CN']} / ${f.explanation.en}\n`).join('')).join('');
        break;
      }
      case 'score': {
        const id = whole(positionals[0], 'id')!;
        const r = await scoreReview(app.db, app.clock, { reviewId: id, answers: answersOf(v.answers), comment: v.comment ?? '' }, { actor: `user:${v.actor}`, userId: v.actor! }, { idempotencyKey: `cli-score:${v.key}` });
        out = { ...r.result, replayed: r.replayed };
        line = `#${r.result.reviewId} scored ${r.result.score} ${r.result.passed ? 'pass' : 'fail'}${r.result.failedCritical.length ? ` (critical: ${r.result.failedCritical.join(', ')})` : ''}\n`;
        break;
      }
      default: {
        if (!v.from) throw invalidField('from', 'required (YYYY-MM-DD)');
        if (!v.to) throw invalidField('to', 'required (YYYY-MM-DD)');
        const s = await qaScores(app.db, { from: v.from, to: v.to });
        out = s;
        const fmt = (r: (typeof s.agencies)[number]) => `${r.agencyId ?? 'lender'}${r.collectorId ? `/${r.collectorId}` : ''}: reviews ${r.reviews} (failed ${r.failedReviews}), average ${r.averageScore ?? '-'}, contacts ${r.contacts}, high findings ${r.highFindings} (${r.highFindingsPer1000 ?? '-'} per 1,000)`;
        line = [...s.agencies, ...s.collectors].map(fmt).join('\n') + (s.agencies.length ? '\n' : 'no contacts or reviews in the window\n');
      }
    }
    io.stdout.write(v.json ? `${JSON.stringify(out)}\n` : line);
    return 0;
  } finally {
    await app.close();
  }
}
