import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Histogram, gaugeText, escapeLabelValue, formatValue } from './metrics.ts';

test('label values are escaped as the exposition format asks', () => {
  const cases: Array<[string, string]> = [
    ['plain', 'plain'],
    ['a"b', 'a\\"b'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines', 'two\\nlines'],
  ];
  for (const [input, want] of cases) assert.equal(escapeLabelValue(input), want, input);
  assert.deepEqual([formatValue(1.5), formatValue(Infinity), formatValue(-Infinity), formatValue(NaN)], ['1.5', '+Inf', '-Inf', 'NaN']);
});

test('a counter writes one line per label set, labels sorted by name', () => {
  const c = new Counter('x_total', 'Things');
  c.inc({ route: '/a', method: 'GET' });
  c.inc({ method: 'GET', route: '/a' }, 2);
  c.inc({ method: 'POST', route: '/a"b' });
  assert.equal(c.get({ route: '/a', method: 'GET' }), 3);
  assert.equal(c.text(), '# HELP x_total Things\n# TYPE x_total counter\nx_total{method="GET",route="/a"} 3\nx_total{method="POST",route="/a\\"b"} 1\n');
});

test('a histogram writes cumulative buckets, +Inf, sum and count', () => {
  const h = new Histogram('d_seconds', 'Time', [0.1, 1]);
  for (const v of [0.05, 0.1, 0.5, 3]) h.observe({ s: '200' }, v);
  assert.equal(h.text(), [
    '# HELP d_seconds Time', '# TYPE d_seconds histogram',
    'd_seconds_bucket{le="0.1",s="200"} 2', 'd_seconds_bucket{le="1",s="200"} 3', 'd_seconds_bucket{le="+Inf",s="200"} 4',
    'd_seconds_sum{s="200"} 3.65', 'd_seconds_count{s="200"} 4', '',
  ].join('\n'));
});

test('gauges read at scrape time', () => {
  assert.equal(gaugeText('g', 'A gauge', [{ value: 2 }, { labels: { k: 'v' }, value: 0 }]), '# HELP g A gauge\n# TYPE g gauge\ng 2\ng{k="v"} 0\n');
  assert.equal(gaugeText('g', 'A gauge', []), '# HELP g A gauge\n# TYPE g gauge\n');
});
