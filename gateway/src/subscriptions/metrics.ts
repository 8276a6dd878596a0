/** Monotonic counters of one gateway process (they reset when it restarts, as Prometheus counters may). */
export interface SubscriptionCounters {
  /** Events read from the tail, of any type. */
  eventsReceived: number;
  /** Results handed to subscribers (live and replayed). */
  deliveries: number;
  /** Hydration queries executed: at most one per event and hydration group. */
  hydrations: number;
  /** Hydrations whose result carried errors (or failed outright). */
  hydrationErrors: number;
  /** Events not delivered to a hydration group because its identity may not read the payload at all. */
  eventsWithheld: number;
  /** Connections closed because their client did not keep up. */
  slowConsumersClosed: number;
  /** Subscriptions that resumed from a cursor. */
  resumes: number;
  /** Events delivered from history (bus.read) rather than the live tail. */
  replayedEvents: number;
  /** Times the shared tail failed and was restarted. */
  tailRestarts: number;
}

/** A snapshot of subscription activity, for `/metrics`, tests and the benchmark. */
export interface SubscriptionMetrics {
  connections: { ws: number; sse: number };
  subscriptions: { total: number; byField: Record<string, number> };
  /** Distinct (selection, variables, authorization) groups currently subscribed. */
  hydrationGroups: number;
  counters: SubscriptionCounters;
  tail: { ready: boolean; positions: Record<string, string> };
}

/** Fresh zeroed counters. */
export function createCounters(): SubscriptionCounters {
  return {
    eventsReceived: 0,
    deliveries: 0,
    hydrations: 0,
    hydrationErrors: 0,
    eventsWithheld: 0,
    slowConsumersClosed: 0,
    resumes: 0,
    replayedEvents: 0,
    tailRestarts: 0,
  };
}

const COUNTER_HELP: Record<keyof SubscriptionCounters, string> = {
  eventsReceived: 'Events read from the domain streams',
  deliveries: 'Subscription results handed to clients',
  hydrations: 'Hydration queries executed (one per event and hydration group)',
  hydrationErrors: 'Hydrations whose result carried errors',
  eventsWithheld: 'Events withheld from a hydration group that may not read their payload',
  slowConsumersClosed: 'Connections closed because the client did not keep up',
  resumes: 'Subscriptions resumed from a cursor',
  replayedEvents: 'Events delivered from stream history on resume',
  tailRestarts: 'Restarts of the shared event tail after a failure',
};

/** Renders the snapshot in the Prometheus text exposition format (version 0.0.4). */
export function renderPrometheus(metrics: SubscriptionMetrics): string {
  const lines: string[] = [
    '# HELP fm_subscription_connections Open subscription connections by transport',
    '# TYPE fm_subscription_connections gauge',
    `fm_subscription_connections{transport="ws"} ${metrics.connections.ws}`,
    `fm_subscription_connections{transport="sse"} ${metrics.connections.sse}`,
    '# HELP fm_subscriptions Active subscriptions by field',
    '# TYPE fm_subscriptions gauge',
    ...Object.entries(metrics.subscriptions.byField).map(([field, n]) => `fm_subscriptions{field="${field}"} ${n}`),
    '# HELP fm_subscription_hydration_groups Distinct hydration groups (selection, variables, authorization)',
    '# TYPE fm_subscription_hydration_groups gauge',
    `fm_subscription_hydration_groups ${metrics.hydrationGroups}`,
    '# HELP fm_subscription_tail_ready 1 when the shared event tail is positioned',
    '# TYPE fm_subscription_tail_ready gauge',
    `fm_subscription_tail_ready ${metrics.tail.ready ? 1 : 0}`,
  ];
  for (const [key, help] of Object.entries(COUNTER_HELP) as [keyof SubscriptionCounters, string][]) {
    const name = `fm_subscription_${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}_total`;
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`, `${name} ${metrics.counters[key]}`);
  }
  return `${lines.join('\n')}\n`;
}
