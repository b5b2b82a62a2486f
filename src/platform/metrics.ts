/**
 * Counters, gauges and histograms written in the Prometheus text exposition format (version 0.0.4),
 * by hand: the format is a few lines per family, and a client library would be one more package.
 * Label values are escaped as the format asks (backslash, double quote, newline).
 */

export type Labels = Readonly<Record<string, string>>;

/** Seconds; fits API latencies from a millisecond to a slow import. */
export const DEFAULT_LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

export function escapeLabelValue(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labelText(labels: Labels): string {
  const keys = Object.keys(labels).sort();
  return keys.length ? `{${keys.map((k) => `${k}="${escapeLabelValue(labels[k]!)}"`).join(',')}}` : '';
}

/** A number as the format writes it: integers plainly, non-finite values by name. */
export function formatValue(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  return String(n);
}

function header(name: string, help: string, type: 'counter' | 'gauge' | 'histogram'): string {
  return `# HELP ${name} ${help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}\n# TYPE ${name} ${type}\n`;
}

/** One sample family of gauges, written from values read at scrape time. */
export function gaugeText(name: string, help: string, samples: ReadonlyArray<{ labels?: Labels; value: number }>): string {
  return header(name, help, 'gauge') + samples.map((s) => `${name}${labelText(s.labels ?? {})} ${formatValue(s.value)}\n`).join('');
}

export class Counter {
  readonly #values = new Map<string, { labels: Labels; value: number }>();
  constructor(readonly name: string, readonly help: string) {}

  inc(labels: Labels, by = 1): void {
    const key = labelText(labels);
    const cur = this.#values.get(key);
    if (cur) cur.value += by;
    else this.#values.set(key, { labels, value: by });
  }

  get(labels: Labels): number {
    return this.#values.get(labelText(labels))?.value ?? 0;
  }

  text(): string {
    const lines = [...this.#values.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${this.name}${k} ${formatValue(v.value)}\n`);
    return header(this.name, this.help, 'counter') + lines.join('');
  }
}

export class Histogram {
  readonly #series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>();
  readonly buckets: readonly number[];
  constructor(readonly name: string, readonly help: string, buckets: readonly number[] = DEFAULT_LATENCY_BUCKETS) {
    this.buckets = [...buckets].sort((a, b) => a - b);
  }

  observe(labels: Labels, value: number): void {
    const key = labelText(labels);
    let s = this.#series.get(key);
    if (!s) this.#series.set(key, (s = { labels, counts: this.buckets.map(() => 0), sum: 0, count: 0 }));
    // Stored per bucket; written cumulatively.
    const i = this.buckets.findIndex((b) => value <= b);
    if (i >= 0) s.counts[i]! += 1;
    s.sum += value;
    s.count += 1;
  }

  text(): string {
    let out = header(this.name, this.help, 'histogram');
    for (const [, s] of [...this.#series.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      let running = 0;
      this.buckets.forEach((b, i) => {
        running += s.counts[i]!;
        out += `${this.name}_bucket${labelText({ ...s.labels, le: formatValue(b) })} ${running}\n`;
      });
      out += `${this.name}_bucket${labelText({ ...s.labels, le: '+Inf' })} ${s.count}\n`;
      out += `${this.name}_sum${labelText(s.labels)} ${formatValue(s.sum)}\n`;
      out += `${this.name}_count${labelText(s.labels)} ${s.count}\n`;
    }
    return out;
  }
}

/** The content type Prometheus expects for the text format. */
export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';
