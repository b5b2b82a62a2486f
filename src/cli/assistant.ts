/**
 * `fairdebt assistant …`: the debtor assistant's intent classifier (C14), with no database.
 *
 *   fairdebt assistant evaluate [--json]        held-out accuracy per intent, per language and overall,
 *                                               and accuracy on the probe set
 *   fairdebt assistant classify TEXT [--json]   what the shipped model makes of one message
 *
 * `evaluate` trains on four fifths of the intent set (src/modules/assistant/intents/*.jsonl) and
 * measures the fifth held out; the probe set was written after the concept lists and is never trained on.
 */
import { parseArgs } from 'node:util';
import type { CliIo } from './io.ts';
import { invalidField } from '../platform/errors.ts';
import { accuracyOn, assistantModel, classify, evaluate, guardOf, intentExamples, probeExamples, CONFIDENCE_THRESHOLD } from '../modules/assistant/index.ts';

const USAGE = 'usage: fairdebt assistant evaluate [--json] | fairdebt assistant classify TEXT [--json]\n';

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } }, allowPositionals: true, strict: true });
  if (sub === 'evaluate') {
    if (positionals.length > 0) throw invalidField('evaluate', `unexpected argument '${positionals[0]}'`);
    const started = performance.now();
    const e = evaluate(intentExamples());
    const model = assistantModel();
    const probe = accuracyOn(model, probeExamples());
    const ms = Math.round(performance.now() - started);
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ...e, shippedModelVersion: model.version, examples: intentExamples().length, probe, threshold: CONFIDENCE_THRESHOLD, ms })}\n`);
      return 0;
    }
    const lines = [
      `intent set: ${intentExamples().length} examples; trained on ${e.trained}, held out ${e.heldOut} (model ${e.modelVersion})`,
      `overall held-out accuracy: ${pct(e.overall)}   zh-CN ${pct(e.byLanguage['zh-CN'].accuracy)} (${e.byLanguage['zh-CN'].n})   en ${pct(e.byLanguage.en.accuracy)} (${e.byLanguage.en.n})`,
      `below the confidence threshold ${CONFIDENCE_THRESHOLD}: ${e.unsure} of ${e.heldOut}`,
      '',
      'intent          held out  correct  accuracy',
      ...e.byIntent.map((i) => `${i.intent.padEnd(16)}${String(i.n).padStart(8)}${String(i.correct).padStart(9)}${pct(i.accuracy).padStart(10)}`),
      '',
      `probe set (never trained on): ${pct(probe.accuracy)} of ${probe.n} with the shipped model ${model.version}`,
      ...(e.errors.length ? ['', 'held-out errors:', ...e.errors.map((x) => `  [${x.language}] ${x.expected} → ${x.got} (${x.confidence}): ${x.text}`)] : []),
      `(${ms} ms)`,
    ];
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  }
  if (sub === 'classify') {
    const text = positionals.join(' ').trim();
    if (!text) throw invalidField('TEXT', 'give the message to classify');
    const guard = guardOf(text, { ownPhones: [], ownName: '' });
    const p = classify(assistantModel(), text);
    if (values.json) io.stdout.write(`${JSON.stringify({ guard, intent: p.intent, confidence: p.confidence, ranked: p.ranked.slice(0, 3) })}\n`);
    else io.stdout.write(`${guard ? `guard: ${guard}\n` : ''}${p.ranked.slice(0, 3).map((r) => `${r.intent.padEnd(16)}${r.p.toFixed(3)}`).join('\n')}\n`);
    return 0;
  }
  io.stderr.write(USAGE);
  return 2;
}
