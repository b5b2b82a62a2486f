import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareBundle, safeSegment, sortItems, toCsv } from './bundle.rules.ts';
import type { ManifestItem } from './evidence.types.ts';

const item = (path: string, sha: string, size = 3): ManifestItem => ({ path, mediaType: 'text/plain', size, sha256: sha.repeat(64), description: { 'zh-CN': '文件', en: 'file' } });
const meta = { accountRef: 'A1', manifestSha256: 'f'.repeat(64), manifestProblems: [] };

const cases: Array<[string, ManifestItem[], Array<{ path: string; size: number; sha256: string }>, { ok: boolean; missing: string[]; extra: string[]; changed: string[] }]> = [
  ['an intact bundle passes', [item('a.txt', 'a'), item('b.txt', 'b')], [{ path: 'a.txt', size: 3, sha256: 'a'.repeat(64) }, { path: 'b.txt', size: 3, sha256: 'b'.repeat(64) }, { path: 'manifest.json', size: 9, sha256: 'f'.repeat(64) }], { ok: true, missing: [], extra: [], changed: [] }],
  ['a listed file that is absent is missing', [item('a.txt', 'a'), item('b.txt', 'b')], [{ path: 'a.txt', size: 3, sha256: 'a'.repeat(64) }], { ok: false, missing: ['b.txt'], extra: [], changed: [] }],
  ['a file the manifest does not list is extra', [item('a.txt', 'a')], [{ path: 'a.txt', size: 3, sha256: 'a'.repeat(64) }, { path: 'z.txt', size: 1, sha256: 'c'.repeat(64) }], { ok: false, missing: [], extra: ['z.txt'], changed: [] }],
  ['a file whose hash differs is changed', [item('a.txt', 'a')], [{ path: 'a.txt', size: 3, sha256: 'd'.repeat(64) }], { ok: false, missing: [], extra: [], changed: ['a.txt'] }],
  ['a file whose size differs is changed', [item('a.txt', 'a')], [{ path: 'a.txt', size: 4, sha256: 'a'.repeat(64) }], { ok: false, missing: [], extra: [], changed: ['a.txt'] }],
];
for (const [why, listed, found, want] of cases) {
  test(`bundle check: ${why}`, () => {
    const r = compareBundle(listed, found, meta);
    assert.deepEqual({ ok: r.ok, missing: r.missing, extra: r.extra, changed: r.changed.map((c) => c.path) }, want);
  });
}

test('a problem with the manifest fails the bundle even when every file matches', () => {
  const r = compareBundle([item('a.txt', 'a')], [{ path: 'a.txt', size: 3, sha256: 'a'.repeat(64) }], { ...meta, manifestProblems: ['manifest.json was changed'] });
  assert.equal(r.ok, false);
  assert.deepEqual(r.manifestProblems, ['manifest.json was changed']);
});

test('CSV quotes commas, quotes and line breaks and ends lines in CRLF; null is empty', () => {
  assert.equal(toCsv(['a', 'b'], [{ a: 'x,y', b: 'say "hi"' }, { a: null, b: 'line\nbreak' }, { a: 12, b: '催收' }]), 'a,b\r\n"x,y","say ""hi"""\r\n,"line\nbreak"\r\n12,催收\r\n');
});

test('items sort by path (byte order), and references become safe path segments', () => {
  assert.deepEqual(sortItems([{ path: 'b' }, { path: 'a/z' }, { path: 'B' }]).map((i) => i.path), ['B', 'a/z', 'b']);
  assert.equal(safeSegment('ref/../x y'), 'ref_.._x_y');
});
