import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One metric family as the Prometheus text parser returns it. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: {
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }[];
}

/** Reads `GET <base>/metrics` and parses it with a Prometheus text-format parser into families by name. */
export async function scrape(baseUrl: string): Promise<Map<string, MetricFamily>> {
  const res = await fetch(new URL('/metrics', baseUrl));
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return parseExposition(await res.text());
}

const parse = parsePrometheusTextFormat as (text: string) => MetricFamily[];

/**
 * Parses exposition text into families by name. The parser folds every series of a labelled histogram into one
 * unlabelled entry, so histograms are parsed a second time without their TYPE line: their `_count` and `_sum`
 * series then come out as plain labelled samples, which become the histogram's per-series `count` and `sum`.
 */
export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map(parse(text).map((f) => [f.name, f]));
  const histograms = [...families.values()].filter((f) => f.type === 'HISTOGRAM').map((f) => f.name);
  if (histograms.length === 0) return families;
  const untyped = new Map(
    parse(
      text
        .split('\n')
        .filter((line) => !/^# TYPE \S+ histogram$/.test(line))
        .join('\n'),
    ).map((f) => [f.name, f]),
  );
  for (const name of histograms) {
    const sums = untyped.get(`${name}_sum`)?.metrics ?? [];
    const series = (untyped.get(`${name}_count`)?.metrics ?? []).map((m, i) => ({
      labels: m.labels ?? {},
      count: m.value ?? '0',
      sum: sums[i]?.value ?? '0',
    }));
    families.set(name, { ...families.get(name)!, metrics: series });
  }
  return families;
}

/** The value of a counter or gauge sample whose labels include `labels` (0 when absent). */
export function sample(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number {
  const family = families.get(name);
  const match = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return match ? Number(match.value ?? match.count ?? 0) : 0;
}

/** The observation count of a histogram sample whose labels include `labels` (0 when absent). */
export function histogramCount(
  families: Map<string, MetricFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const family = families.get(name);
  return (
    family?.metrics
      .filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v))
      .reduce((n, m) => n + Number(m.count ?? 0), 0) ?? 0
  );
}
