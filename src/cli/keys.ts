/**
 * `fairdebt keys new ID`: prints a new entry for FAIRDEBT_ID_KEYS (`ID:<base64 of 32 random bytes>`).
 * `fairdebt keys status [--json]`: the current key and how many ID numbers each key seals.
 * `fairdebt keys rotate [--batch N] [--json]`: seals every ID number held under an older key again
 * under the current one (the first of FAIRDEBT_ID_KEYS), in batches, each with its audit entry;
 * idempotent, and a stopped run goes on where it stopped. See docs/operations.md, "Keys for ID numbers".
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { openApp, type App } from '../main.ts';
import { newIdKeyEntry } from '../platform/id-keys.ts';
import { invalidField, AppError } from '../platform/errors.ts';
import { resealIdNumbers, sealedByKey, idKeyProblem } from '../modules/ledger/index.ts';

const USAGE = `usage: fairdebt keys new ID
       fairdebt keys status [--json]
       fairdebt keys rotate [--batch N] [--json]
`;

export async function run(args: string[], io: CliIo, open: () => Promise<App> = openApp): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'new') {
    const [id] = rest;
    if (!id || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) throw invalidField('id', 'a key id of 1–32 letters, digits, _ or - (e.g. k2026a)');
    io.stdout.write(`${newIdKeyEntry(id)}\n`);
    return 0;
  }
  if (sub === 'status' || sub === 'rotate') {
    const { values } = parseArgs({ args: rest, options: { batch: { type: 'string' }, json: { type: 'boolean', default: false } }, strict: true });
    const batchSize = values.batch === undefined ? 1000 : Number(values.batch);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) throw invalidField('batch', `expected a whole number 1–100000, got '${values.batch}'`);
    const app = await open();
    try {
      const keys = app.config.idKeys;
      if (sub === 'status') {
        const byKey = await sealedByKey(app.db);
        const problem = await idKeyProblem(app.db, keys);
        const out = { currentKey: keys?.currentId ?? null, keys: keys ? [...keys.keys.keys()] : [], sealedByKey: byKey, problem };
        if (values.json) io.stdout.write(`${JSON.stringify(out)}\n`);
        else {
          io.stdout.write(`current key: ${out.currentKey ?? '(none: FAIRDEBT_ID_KEYS is not set)'}; keys held: ${out.keys.join(', ') || '—'}\n`);
          for (const [k, n] of Object.entries(byKey)) io.stdout.write(`  ${k}: ${n} ID numbers${k === out.currentKey ? ' (current)' : ''}\n`);
          if (problem) io.stdout.write(`problem: ${problem}\n`);
        }
        return problem ? 1 : 0;
      }
      if (!keys) throw new AppError('VALIDATION_FAILED', 'FAIRDEBT_ID_KEYS: not set; rotation seals with its first key and opens with the others', { issues: [{ path: 'FAIRDEBT_ID_KEYS', message: 'not set' }] });
      const problem = await idKeyProblem(app.db, keys);
      if (problem) throw new AppError('VALIDATION_FAILED', `FAIRDEBT_ID_KEYS: ${problem}`, { issues: [{ path: 'FAIRDEBT_ID_KEYS', message: 'a key the database needs is missing' }] });
      const r = await resealIdNumbers(app.db, app.clock, keys, {
        actor: 'cli', batchSize, onBatch: (done) => { if (!values.json) io.stderr.write(`  sealed again: ${done}\n`); },
      });
      if (values.json) io.stdout.write(`${JSON.stringify(r)}\n`);
      else io.stdout.write(`sealed ${r.resealed} ID numbers again under key ${r.currentKey} in ${r.batches} batches; now ${JSON.stringify(r.byKey)}\n`);
      return 0;
    } finally {
      await app.close();
    }
  }
  io.stderr.write(USAGE);
  return 2;
}
