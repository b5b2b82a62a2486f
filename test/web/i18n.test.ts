/**
 * The UI's two languages are complete: the same keys in both, no empty text, the same placeholders
 * in each pair, and every key the code asks for by name exists.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { zhCN } from '../../web/src/shared/i18n/zh-CN.ts';
import { en } from '../../web/src/shared/i18n/en.ts';

type Tree = { readonly [k: string]: string | Tree };

function leaves(t: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(t)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

const zh = leaves(zhCN);
const english = leaves(en as Tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

test('every key exists in both Chinese and English, and none is empty', () => {
  assert.deepEqual([...zh.keys()].filter((k) => !english.has(k)), [], 'keys missing in English');
  assert.deepEqual([...english.keys()].filter((k) => !zh.has(k)), [], 'keys missing in Chinese');
  for (const [k, v] of [...zh, ...english]) assert.notEqual(v.trim(), '', `${k} is empty`);
  assert.ok(zh.size > 100, `the catalogue has ${zh.size} keys`);
});

test('each Chinese and English text has the same placeholders, so no value goes missing in either language', () => {
  for (const [k, v] of zh) assert.deepEqual(placeholders(english.get(k) ?? ''), placeholders(v), k);
});

test('the English catalogue is English and the Chinese one Chinese', () => {
  const han = /[\u4e00-\u9fff]/;
  assert.deepEqual([...english].filter(([, v]) => han.test(v)).map(([k]) => k), [], 'English texts with Chinese characters');
  assert.deepEqual([...zh].filter(([, v]) => !han.test(v)).map(([k]) => k), [], 'Chinese texts without a Chinese character (left untranslated?)');
});

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.tsx?$/.test(name) && !p.includes(`${join('shared', 'i18n')}`)) out.push(p);
  }
  return out;
}

test('every key the UI names in t(…) exists in the catalogue', () => {
  const used = new Set<string>();
  for (const file of sources(join(process.cwd(), 'web', 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_.]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size > 80, `found ${used.size} keys in the UI's code`);
  assert.deepEqual([...used].filter((k) => !zh.has(k)).sort(), []);
});
