/**
 * Per-connector counters. They live in the process (a scrape of every instance sums them), which is enough for
 * rates and alerts; anything that must survive a restart or be queried (conflicts, dead letters) lives in the store.
 */
export interface ConnectorMetrics {
  readonly name: string;
  /** Adds `by` (default 1) to `counter`. */
  increment(counter: string, by?: number): void;
  /** The current value of `counter` (0 when never incremented). */
  get(counter: string): number;
  /** Every counter of this connector, by name. */
  snapshot(): Record<string, number>;
}

/** The counters of every connector of a service, for /metrics or health output. */
export interface MetricsRegistry {
  /** The metrics of connector `name`, created on first use. */
  connector(name: string): ConnectorMetrics;
  /** `{ [connector]: { [counter]: value } }`. */
  snapshot(): Record<string, Record<string, number>>;
}

/** Creates the counters of one connector. */
export function createConnectorMetrics(name: string): ConnectorMetrics {
  const counters = new Map<string, number>();
  return {
    name,
    increment(counter, by = 1) {
      counters.set(counter, (counters.get(counter) ?? 0) + by);
    },
    get: (counter) => counters.get(counter) ?? 0,
    snapshot: () => Object.fromEntries([...counters].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** Creates a registry holding one {@link ConnectorMetrics} per connector name. */
export function createMetricsRegistry(): MetricsRegistry {
  const connectors = new Map<string, ConnectorMetrics>();
  return {
    connector(name) {
      let metrics = connectors.get(name);
      if (!metrics) {
        metrics = createConnectorMetrics(name);
        connectors.set(name, metrics);
      }
      return metrics;
    },
    snapshot: () => Object.fromEntries([...connectors].map(([name, m]) => [name, m.snapshot()])),
  };
}
