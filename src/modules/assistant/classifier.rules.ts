/**
 * The assistant's intent classifier: multinomial logistic regression over character n-grams (1–3,
 * so Chinese needs no word segmentation) and, for Latin text, words and word pairs. Pure and
 * deterministic: the same examples give the same weights (fixed epochs, a seeded shuffle, no clock),
 * so an answer can be explained again later from the model version.
 */
import { INTENTS, type Intent, type IntentExample, type Language } from './assistant.types.ts';
import { conceptsOf } from './concepts.rules.ts';

/** Below this probability the assistant says it is not sure instead of guessing. */
export const CONFIDENCE_THRESHOLD = 0.5;

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update, scaled by the learning rate. */
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 20, learningRate: 1, l2: 1e-4, seed: 20260101 };

export interface Model {
  intents: readonly Intent[];
  vocabulary: Map<string, number>;
  /** weights[intent][feature]; the last column of each row is the bias. */
  weights: Float64Array[];
  /** A short fingerprint of the training data and options, logged with every answer. */
  version: string;
}

export interface Prediction {
  intent: Intent;
  confidence: number;
  /** Every intent with its probability, most likely first. */
  ranked: Array<{ intent: Intent; p: number }>;
}

/**
 * Full-width forms to half-width and compatibility characters folded (NFKC), lower case, curly
 * apostrophes straight, punctuation and symbols (but apostrophes and hyphens) as spaces, runs of
 * spaces as one. Digits stay: concepts such as a hotline number need them.
 */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[^\P{P}'-]+|\p{S}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the n-grams are taken from: the folded text with every run of digits as '0'. */
export function normalise(text: string): string {
  return fold(text).replace(/\d+/g, '0');
}

/** The language a message is written in: Chinese as soon as it has a Han character. */
export function detectLanguage(text: string, fallback: Language): Language {
  if (/\p{Script=Han}/u.test(text)) return 'zh-CN';
  if (/[a-z]{2,}/i.test(text)) return 'en';
  return fallback;
}

/**
 * The features of a message: distinct character 1–3-grams (spaces kept), Latin words and word pairs,
 * and the concepts it mentions (concepts.rules.ts).
 */
export function features(text: string): string[] {
  const s = normalise(text);
  const out = new Set<string>(conceptsOf(fold(text)).map((c) => `k:${c}`));
  const chars = [...` ${s} `];
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const g = chars.slice(i, i + n).join('');
      if (g.trim() === '') continue;
      out.add(`c:${g}`);
    }
  }
  const words = s.split(' ').filter((w) => /^[a-z0-9']+$/.test(w));
  for (let i = 0; i < words.length; i++) {
    out.add(`w:${words[i]}`);
    if (i + 1 < words.length) out.add(`b:${words[i]}_${words[i + 1]}`);
  }
  return [...out].sort();
}

/** A small deterministic generator (mulberry32) for the training shuffle. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits: a stable hash of a string (split assignment, model versions). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function softmax(scores: number[]): number[] {
  let max = -Infinity;
  for (const s of scores) if (s > max) max = s;
  let sum = 0;
  const out = new Array<number>(scores.length);
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp(scores[k]! - max);
    sum += out[k]!;
  }
  for (let k = 0; k < scores.length; k++) out[k] = out[k]! / sum;
  return out;
}

function indexed(vocabulary: Map<string, number>, text: string): number[] {
  const ids: number[] = [];
  for (const f of features(text)) {
    const id = vocabulary.get(f);
    if (id !== undefined) ids.push(id);
  }
  return ids;
}

function scoresOf(model: Model, ids: readonly number[]): number[] {
  const bias = model.vocabulary.size;
  const out = new Array<number>(model.weights.length);
  for (let k = 0; k < model.weights.length; k++) {
    const w = model.weights[k]!;
    let s = w[bias]!;
    for (let i = 0; i < ids.length; i++) s += w[ids[i]!]!;
    out[k] = s;
  }
  return out;
}

/** Trains the model on the examples; refuses an example whose intent is not known. */
export function train(examples: readonly IntentExample[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Model {
  const intents = INTENTS;
  const classOf = new Map<string, number>(intents.map((i, n) => [i, n]));
  const vocabulary = new Map<string, number>();
  const docs = examples.map((e, n) => {
    const y = classOf.get(e.intent);
    if (y === undefined) throw new Error(`examples[${n}].intent: unknown intent '${e.intent}'`);
    const ids = features(e.text).map((f) => {
      let id = vocabulary.get(f);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(f, id);
      }
      return id;
    });
    return { ids, y };
  });
  const width = vocabulary.size + 1;
  const weights = intents.map(() => new Float64Array(width));
  const model: Model = { intents, vocabulary, weights, version: '' };
  const random = prng(options.seed);
  const order = docs.map((_d, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const rate = options.learningRate / (1 + epoch * 0.1);
    const decay = 1 - rate * options.l2;
    for (const i of order) {
      const d = docs[i]!;
      // Features are binary, so each document's step is scaled by its length to keep long and short alike.
      const p = softmax(scoresOf(model, d.ids));
      const step = rate / Math.sqrt(d.ids.length + 1);
      for (let k = 0; k < intents.length; k++) {
        const g = (k === d.y ? 1 : 0) - p[k]!;
        const w = weights[k]!;
        const delta = step * g;
        for (let j = 0; j < d.ids.length; j++) {
          const id = d.ids[j]!;
          w[id] = w[id]! * decay + delta;
        }
        w[width - 1] = w[width - 1]! + delta * 0.1;
      }
    }
  }
  const fingerprint = fnv1a(JSON.stringify([options, examples.length, examples.map((e) => `${e.intent}\t${e.text}`).join('\n')]));
  model.version = `lr-${fingerprint.toString(16).padStart(8, '0')}`;
  return model;
}

export function classify(model: Model, text: string): Prediction {
  const p = softmax(scoresOf(model, indexed(model.vocabulary, text)));
  const ranked = model.intents.map((intent, k) => ({ intent, p: p[k]! })).sort((a, b) => b.p - a.p || a.intent.localeCompare(b.intent));
  return { intent: ranked[0]!.intent, confidence: ranked[0]!.p, ranked };
}

/**
 * The held-out split: within each intent and language, the examples ordered by a hash of their text,
 * and every fifth one held out (20 %). Stable when examples are added elsewhere in the file.
 */
export function split(examples: readonly IntentExample[]): { train: IntentExample[]; test: IntentExample[] } {
  const groups = new Map<string, IntentExample[]>();
  for (const e of examples) {
    const k = `${e.language}\t${e.intent}`;
    groups.set(k, [...(groups.get(k) ?? []), e]);
  }
  const trainSet: IntentExample[] = [];
  const testSet: IntentExample[] = [];
  for (const k of [...groups.keys()].sort()) {
    const sorted = [...groups.get(k)!].sort((a, b) => fnv1a(a.text) - fnv1a(b.text) || a.text.localeCompare(b.text));
    sorted.forEach((e, i) => (i % 5 === 4 ? testSet : trainSet).push(e));
  }
  return { train: trainSet, test: testSet };
}

export interface Evaluation {
  modelVersion: string;
  trained: number;
  heldOut: number;
  overall: number;
  byLanguage: Record<Language, { n: number; accuracy: number }>;
  byIntent: Array<{ intent: Intent; n: number; correct: number; accuracy: number }>;
  /** Held-out examples answered below the confidence threshold (the assistant would say it is not sure). */
  unsure: number;
  errors: Array<{ text: string; language: Language; expected: Intent; got: Intent; confidence: number }>;
}

/** Trains on the training part of the split and measures accuracy on the held-out part. */
export function evaluate(examples: readonly IntentExample[], options: TrainOptions = DEFAULT_TRAIN_OPTIONS): Evaluation {
  const { train: trainSet, test } = split(examples);
  const model = train(trainSet, options);
  const byIntent = new Map<Intent, { n: number; correct: number }>(INTENTS.map((i) => [i, { n: 0, correct: 0 }]));
  const byLanguage: Record<Language, { n: number; correct: number }> = { 'zh-CN': { n: 0, correct: 0 }, en: { n: 0, correct: 0 } };
  const errors: Evaluation['errors'] = [];
  let correct = 0;
  let unsure = 0;
  for (const e of test) {
    const p = classify(model, e.text);
    const ok = p.intent === e.intent;
    const cell = byIntent.get(e.intent)!;
    cell.n++;
    byLanguage[e.language].n++;
    if (p.confidence < CONFIDENCE_THRESHOLD) unsure++;
    if (ok) {
      correct++;
      cell.correct++;
      byLanguage[e.language].correct++;
    } else {
      errors.push({ text: e.text, language: e.language, expected: e.intent, got: p.intent, confidence: round(p.confidence) });
    }
  }
  return {
    modelVersion: model.version,
    trained: trainSet.length,
    heldOut: test.length,
    overall: round(correct / Math.max(test.length, 1)),
    byLanguage: {
      'zh-CN': { n: byLanguage['zh-CN'].n, accuracy: round(byLanguage['zh-CN'].correct / Math.max(byLanguage['zh-CN'].n, 1)) },
      en: { n: byLanguage.en.n, accuracy: round(byLanguage.en.correct / Math.max(byLanguage.en.n, 1)) },
    },
    byIntent: [...byIntent].map(([intent, c]) => ({ intent, n: c.n, correct: c.correct, accuracy: round(c.correct / Math.max(c.n, 1)) })),
    unsure,
    errors,
  };
}

export interface ProbeResult {
  n: number;
  accuracy: number;
  errors: Array<{ text: string; language: Language; expected: Intent; got: Intent; confidence: number }>;
}

/** Accuracy of a model on examples it was not trained on and that no word list was written from (the probe set). */
export function accuracyOn(model: Model, examples: readonly IntentExample[]): ProbeResult {
  const errors: ProbeResult['errors'] = [];
  for (const e of examples) {
    const p = classify(model, e.text);
    if (p.intent !== e.intent) errors.push({ text: e.text, language: e.language, expected: e.intent, got: p.intent, confidence: round(p.confidence) });
  }
  return { n: examples.length, accuracy: round((examples.length - errors.length) / Math.max(examples.length, 1)), errors };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
