/**
 * The shipped intent set (intents/<language>.jsonl, one {"intent", "text"} a line) and the model
 * trained on all of it, once per process on first use (a few hundred milliseconds).
 */
import { readFileSync } from 'node:fs';
import { INTENTS, LANGUAGES, type Intent, type IntentExample, type Language } from './assistant.types.ts';
import { train, type Model } from './classifier.rules.ts';

const DIR = new URL('./intents/', import.meta.url);

let examples: IntentExample[] | undefined;
let model: Model | undefined;

/** Every example of the intent set; a line that is not a known intent with text stops the load. */
export function intentExamples(): IntentExample[] {
  if (examples) return examples;
  const all: IntentExample[] = [];
  for (const language of LANGUAGES) {
    const lines = readFileSync(new URL(`${language}.jsonl`, DIR), 'utf8').split('\n');
    lines.forEach((line, n) => {
      if (line.trim() === '') return;
      const row = JSON.parse(line) as { intent?: unknown; text?: unknown };
      if (!INTENTS.includes(row.intent as Intent) || typeof row.text !== 'string' || row.text.trim() === '') {
        throw new Error(`intents/${language}.jsonl line ${n + 1}: expected {"intent": one of ${INTENTS.join(', ')}, "text": non-empty}`);
      }
      all.push({ intent: row.intent as Intent, text: row.text, language });
    });
  }
  examples = all;
  return all;
}

/**
 * The probe set (intents/probe.jsonl): a few questions an intent and language written after the
 * concept lists were fixed and never trained on, to measure what the held-out split cannot.
 */
export function probeExamples(): IntentExample[] {
  return readFileSync(new URL('probe.jsonl', DIR), 'utf8').split('\n').filter((l) => l.trim() !== '').map((line, n) => {
    const row = JSON.parse(line) as { intent?: unknown; text?: unknown; language?: unknown };
    if (!INTENTS.includes(row.intent as Intent) || typeof row.text !== 'string' || !LANGUAGES.includes(row.language as Language)) {
      throw new Error(`intents/probe.jsonl line ${n + 1}: expected {"language", "intent", "text"}`);
    }
    return { intent: row.intent as Intent, text: row.text, language: row.language as Language };
  });
}

/** The model trained on the whole intent set, built once. */
export function assistantModel(): Model {
  model ??= train(intentExamples());
  return model;
}
