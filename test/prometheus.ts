import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One metric family as the Prometheus text parser returns it. */
export interface MetricFamily {
  name: string;
  help: string;
  type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED';
  metrics: { value?: string; labels?: Record<string, string>; buckets?: Record<string, string>; count?: string; sum?: string }[];
}

/** Reads `GET <base>/metrics` and parses it with a Prometheus text-format parser into families by name. */
export async function scrape(baseUrl: string): Promise<Map<string, MetricFamily>> {
  const res = await fetch(new URL('/metrics', baseUrl));
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const families = (parsePrometheusTextFormat as (text: string) => MetricFamily[])(await res.text());
  return new Map(families.map((f) => [f.name, f]));
}

/** The value of a counter or gauge sample whose labels include `labels` (0 when absent). */
export function sample(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number {
  const family = families.get(name);
  const match = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return match ? Number(match.value ?? match.count ?? 0) : 0;
}

/** The observation count of a histogram sample whose labels include `labels` (0 when absent). */
export function histogramCount(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number {
  const family = families.get(name);
  return family?.metrics.filter((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v)).reduce((n, m) => n + Number(m.count ?? 0), 0) ?? 0;
}
