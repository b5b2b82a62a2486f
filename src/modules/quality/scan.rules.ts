/**
 * The content scanner of quality inspection (质检). PURE.
 *
 * A text is first normalised so that simple obfuscation does not hide a word: NFKC (full-width letters,
 * digits and spaces become their ordinary forms), lower case, spaces and ASCII filler between two Chinese
 * characters removed ("坐 牢", "坐*牢", "坐.牢" → "坐牢"), spaced-out Latin letters joined ("a r r e s t"),
 * digits and symbols inside Latin words read as letters ("b1tch", "l0ser", "@sshole"). Clause punctuation of
 * Chinese (，。！？；：) stays, because negation is judged within a clause.
 *
 * Then two lexicons run on the normalised text: the compliance module's template lint (given as
 * `baseLint`, so the same words are not kept twice) mapped to QA categories, and this module's own
 * (lexicon.rules.ts). Every finding carries its span in the ORIGINAL text, so a reviewer sees what was
 * written or said. Findings of one category that overlap are merged, keeping the most severe.
 */
import type { Bilingual, Lang, QaCategory, QaFinding, Severity } from './quality.types.ts';
import { BASE_CATEGORY_MAP, CATEGORY_EXPLANATIONS, QA_LEXICON, type QaLexiconEntry } from './lexicon.rules.ts';

/** What the compliance lint reports, as far as the scanner needs it. */
export interface BaseFinding {
  category: string;
  lang: Lang;
  index: number;
  match: string;
}
/** The compliance module's lint over a text; `thirdParty` also looks for disclosure of the debt. */
export type BaseLint = (text: string, opts: { thirdParty: boolean }) => readonly BaseFinding[];

export interface Normalised {
  text: string;
  /** For each UTF-16 unit of `text`: the [start, end) of the original characters it came from. */
  starts: number[];
  ends: number[];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/**
 * Filler that may sit between two Chinese characters to break a word: spaces, ASCII symbols, dots, stars,
 * quotes. Not the ASCII clause marks , ; : ! ? — a clause break matters to negation.
 */
const FILLER = /[\s"#$%&'()*+\-./<=>@[\\\]^_`{|}~\u00b7\u2022\u2027\u30fb\u2026\u3000\u201c\u201d\u2018\u2019]/;
/** At most this many filler characters between two characters are taken as obfuscation. */
export const MAX_FILLER_RUN = 3;
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '@': 'a', $: 's', '5': 's', '!': 'i' };
const LATIN = /[a-z]/;

export function normalise(original: string): Normalised {
  // 1. NFKC and lower case, per code point, remembering where each unit came from.
  let chars: string[] = [];
  let starts: number[] = [];
  let ends: number[] = [];
  let i = 0;
  for (const cp of original) {
    const n = cp.normalize('NFKC').toLowerCase();
    for (const unit of n.split('')) {
      chars.push(unit);
      starts.push(i);
      ends.push(i + cp.length);
    }
    i += cp.length;
  }
  // 2. Filler between two CJK characters.
  const keep = chars.map(() => true);
  for (let k = 0; k < chars.length; k++) {
    if (!FILLER.test(chars[k]!)) continue;
    let runEnd = k;
    while (runEnd < chars.length && FILLER.test(chars[runEnd]!)) runEnd++;
    const before = k > 0 ? chars[k - 1]! : '';
    const after = runEnd < chars.length ? chars[runEnd]! : '';
    if (runEnd - k <= MAX_FILLER_RUN && CJK.test(before) && CJK.test(after)) for (let j = k; j < runEnd; j++) keep[j] = false;
    k = runEnd - 1;
  }
  ({ chars, starts, ends } = pick(chars, starts, ends, keep));
  // 3. Digits and symbols inside Latin words.
  for (let k = 1; k + 1 < chars.length; k++) {
    const sub = LEET[chars[k]!];
    if (sub !== undefined && LATIN.test(chars[k - 1]!) && LATIN.test(chars[k + 1]!)) chars[k] = sub;
  }
  // "@sshole", "$hit": a symbol opening a word of letters.
  for (let k = 0; k + 2 < chars.length; k++) {
    if ((chars[k] === '@' || chars[k] === '$') && (k === 0 || !/[a-z0-9]/.test(chars[k - 1]!)) && LATIN.test(chars[k + 1]!) && LATIN.test(chars[k + 2]!)) chars[k] = LEET[chars[k]!]!;
  }
  // 4. Spaced-out Latin letters: three or more single letters with one separator between each.
  const joined = chars.join('');
  const keep2 = chars.map(() => true);
  for (const m of joined.matchAll(/(?<![a-z])(?:[a-z][ .*_-]){2,}[a-z](?![a-z])/g)) {
    for (let j = m.index; j < m.index + m[0].length; j++) if (!LATIN.test(chars[j]!)) keep2[j] = false;
  }
  ({ chars, starts, ends } = pick(chars, starts, ends, keep2));
  return { text: chars.join(''), starts, ends };
}

function pick(chars: string[], starts: number[], ends: number[], keep: boolean[]) {
  return {
    chars: chars.filter((_, k) => keep[k]),
    starts: starts.filter((_, k) => keep[k]),
    ends: ends.filter((_, k) => keep[k]),
  };
}

const ZH_NEGATION_BEFORE = /(?:不|没有|没|绝不|并不|无需|勿|别|非|从不|从来不)(?:会|再|要|去|能|将|得|是|可能|可以|用|会再)?$/;
const EN_NEGATION_BEFORE = /(?:\bnot|\bnever|\bno|n't|\bwithout)(?:\s+[a-z]+){0,2}\s*$/i;
const CLAUSE_BREAK = /[，。,.;；!！?？:：\n]/;

function negated(text: string, index: number, lang: Lang): boolean {
  let before = text.slice(Math.max(0, index - (lang === 'en' ? 40 : 6)), index);
  for (let k = before.length - 1; k >= 0; k--) {
    if (CLAUSE_BREAK.test(before.charAt(k))) {
      before = before.slice(k + 1);
      break;
    }
  }
  return lang === 'en' ? EN_NEGATION_BEFORE.test(before) : ZH_NEGATION_BEFORE.test(before);
}

interface Compiled extends QaLexiconEntry {
  regex: RegExp;
}
const compileEntry = (e: QaLexiconEntry): Compiled => ({ ...e, regex: new RegExp(e.pattern, e.lang === 'en' ? 'gi' : 'g') });
const COMPILED = QA_LEXICON.map(compileEntry);
const REFINEMENTS = new Map(Object.entries(BASE_CATEGORY_MAP).map(([k, m]) => [k, (m.refine ?? []).map((r) => ({ ...r, regex: new RegExp(r.pattern, 'i') }))]));

const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2 };
export const severityRank = (s: Severity): number => SEVERITY_RANK[s];

export function maxSeverity(findings: readonly Pick<QaFinding, 'severity'>[]): Severity | null {
  let best: Severity | null = null;
  for (const f of findings) if (best === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[best]) best = f.severity;
  return best;
}

export interface ScanOptions {
  /** The message went to someone other than the debtor: mentioning the debt at all is a disclosure. */
  thirdParty?: boolean;
  /** Entries to use instead of the bundled lexicon (tests, a lexicon under trial). */
  lexicon?: readonly QaLexiconEntry[];
}

/** Scans a text; findings are ordered by position, then category. */
export function scanText(original: string, baseLint: BaseLint, opts: ScanOptions = {}): QaFinding[] {
  const n = normalise(original);
  const raw: QaFinding[] = [];
  const at = (index: number, length: number) => {
    const start = n.starts[index] ?? original.length;
    const end = n.ends[index + length - 1] ?? original.length;
    return { start, end, match: original.slice(start, end) };
  };
  for (const b of baseLint(n.text, { thirdParty: opts.thirdParty ?? false })) {
    const mapping = BASE_CATEGORY_MAP[b.category];
    if (!mapping || b.match.length === 0) continue;
    const refined = REFINEMENTS.get(b.category)?.find((r) => r.regex.test(b.match));
    const category = refined?.category ?? mapping.category;
    raw.push({
      category, severity: refined?.severity ?? mapping.severity, lang: b.lang, ...at(b.index, b.match.length),
      rule: `compliance:${b.category}`, explanation: CATEGORY_EXPLANATIONS[category],
    });
  }
  const entries = opts.lexicon ? opts.lexicon.map(compileEntry) : COMPILED;
  for (const e of entries) {
    e.regex.lastIndex = 0;
    for (const m of n.text.matchAll(e.regex)) {
      if (m[0].length === 0) continue;
      if (e.negatable && negated(n.text, m.index, e.lang)) continue;
      raw.push({ category: e.category, severity: e.severity, lang: e.lang, ...at(m.index, m[0].length), rule: `quality:${e.id}`, explanation: explain(e.category, e.note) });
    }
  }
  return merge(raw);
}

function explain(category: QaCategory, note: Bilingual | undefined): Bilingual {
  const base = CATEGORY_EXPLANATIONS[category];
  return note ? { 'zh-CN': `${base['zh-CN']}：${note['zh-CN']}`, en: `${base.en}: ${note.en}` } : base;
}

/** Overlapping findings of one category become one: the most severe, then the longest. */
function merge(findings: QaFinding[]): QaFinding[] {
  const sorted = [...findings].sort((a, b) => a.start - b.start || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.end - a.end);
  const out: QaFinding[] = [];
  for (const f of sorted) {
    const clash = out.find((o) => o.category === f.category && f.start < o.end && o.start < f.end);
    if (!clash) {
      out.push(f);
      continue;
    }
    const better = SEVERITY_RANK[f.severity] > SEVERITY_RANK[clash.severity] || (f.severity === clash.severity && f.end - f.start > clash.end - clash.start);
    if (better) out[out.indexOf(clash)] = f;
  }
  return out.sort((a, b) => a.start - b.start || (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
}
