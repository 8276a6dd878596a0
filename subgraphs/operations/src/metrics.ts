import type { EventBus } from '@fulfillment-mesh/events';
import { createServiceMetrics, type ServiceMetrics } from '@fulfillment-mesh/telemetry';
import { Counter, Gauge, Histogram } from 'prom-client';
import { ageSeconds, EXCEPTION_KINDS } from './domain/exceptions.js';
import type { ExceptionService } from './exceptions/service.js';
import type { Collection } from '@fulfillment-mesh/runtime';
import { ADAPTER_GROUPS, findGroup, groupFailures, type InboundAdapterDoc } from './monitor/adapters.js';

/** The business metrics of the mesh, served on the operations subgraph's `/metrics` (docs/metrics.md). */
export interface OperationsMetrics {
  service: ServiceMetrics;
  ordersPlaced: Counter<'channel' | 'outcome'>;
  orderFulfillment: Histogram<'stage'>;
  reservations: Counter<'outcome'>;
  inventoryDrift: Counter<'location'>;
}

// Placed → shipped / delivered spans minutes to weeks.
const FULFILLMENT_BUCKETS = [
  60,
  300,
  900,
  3600,
  4 * 3600,
  12 * 3600,
  86_400,
  2 * 86_400,
  4 * 86_400,
  7 * 86_400,
  14 * 86_400,
];

/**
 * Counters whose source of truth is a shared total (the bus's group counters, the same in every replica): each
 * scrape adds what the total grew by since this process last looked, so the Prometheus counter follows it.
 */
function follow<L extends string>(counter: Counter<L>) {
  const seen = new Map<string, number>();
  return (labels: Record<L, string>, total: number) => {
    const key = JSON.stringify(labels);
    const last = seen.get(key);
    seen.set(key, total);
    counter.inc(labels, last === undefined ? total : Math.max(0, total - last));
  };
}

/**
 * Creates the registry: event-derived counters (moved by the raisers as events arrive) and gauges read at
 * scrape time from the bus (backlog, dead letters, replays, adapter syncs) and the exception store.
 */
export function createOperationsMetrics(deps: {
  bus: EventBus;
  exceptions: ExceptionService;
  inboundAdapters?: Collection<InboundAdapterDoc>;
  now: () => Date;
}): OperationsMetrics {
  const service = createServiceMetrics('operations');
  const registers = [service.registry];
  const ordersPlaced = new Counter({
    name: 'fm_orders_placed_total',
    help: 'Orders placed, by channel and outcome (the status placement left them in)',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const orderFulfillment = new Histogram({
    name: 'fm_order_fulfillment_seconds',
    help: 'Seconds from placement to shipped and to delivered',
    labelNames: ['stage'] as const,
    buckets: FULFILLMENT_BUCKETS,
    registers,
  });
  const reservations = new Counter({
    name: 'fm_reservations_total',
    help: 'Reservation outcomes (confirmed, backordered, failed, released, expired, committed)',
    labelNames: ['outcome'] as const,
    registers,
  });
  const inventoryDrift = new Counter({
    name: 'fm_inventory_drift_units',
    help: 'On-hand units corrected by reconciliation (absolute), by location',
    labelNames: ['location'] as const,
    registers,
  });

  const syncTotal = new Counter({
    name: 'fm_adapter_sync_total',
    help: 'Adapter deliveries processed, by adapter and direction',
    labelNames: ['adapter', 'direction'] as const,
    registers,
  });
  const syncFailures = new Counter({
    name: 'fm_adapter_sync_failures_total',
    help: 'Failed adapter runs (retried or dead-lettered), by adapter and direction',
    labelNames: ['adapter', 'direction'] as const,
    registers,
  });
  const replayed = new Counter({
    name: 'fm_replayed_events_total',
    help: 'Replayed deliveries handled, by stream',
    labelNames: ['stream'] as const,
    registers,
  });
  const followSync = follow(syncTotal);
  const followFailures = follow(syncFailures);
  const followReplayed = follow(replayed);
  const backlog = new Gauge({
    name: 'fm_event_backlog',
    help: 'Events not yet acknowledged (undelivered + pending), by stream and consumer group',
    labelNames: ['stream', 'group'] as const,
    registers,
  });
  const deadLetters = new Gauge({
    name: 'fm_dead_letters',
    help: 'Dead letters waiting, by stream',
    labelNames: ['stream'] as const,
    registers,
  });
  const exceptionsOpen = new Gauge({
    name: 'fm_exceptions_open',
    help: 'Unresolved exceptions, by kind',
    labelNames: ['kind'] as const,
    registers,
  });
  const exceptionAge = new Gauge({
    name: 'fm_exception_age_seconds',
    help: 'Age of the oldest unresolved exception, by kind (0 when none)',
    labelNames: ['kind'] as const,
    registers,
  });

  // One bus read per scrape, shared by every gauge and followed counter.
  let pending: Promise<void> | undefined;
  const refresh = () =>
    (pending ??= (async () => {
      const health = await deps.bus.health();
      backlog.reset();
      deadLetters.reset();
      for (const stream of health) {
        deadLetters.set({ stream: stream.stream }, stream.deadLetters);
        followReplayed({ stream: stream.stream }, stream.counters.replayed);
        for (const group of stream.groups)
          backlog.set({ stream: stream.stream, group: group.group }, group.backlog + group.pending);
      }
      for (const spec of ADAPTER_GROUPS) {
        const group = findGroup(health, spec);
        if (!group) continue;
        followSync({ adapter: spec.adapter, direction: spec.direction }, group.counters.processed);
        followFailures({ adapter: spec.adapter, direction: spec.direction }, groupFailures(group));
      }
      // Inbound connectors, from the states their outcome events built (the same data as adapterHealth).
      for (const doc of (await deps.inboundAdapters?.find({})) ?? []) {
        followSync({ adapter: doc._id, direction: 'INBOUND' }, doc.processed ?? 0);
        followFailures({ adapter: doc._id, direction: 'INBOUND' }, doc.failures ?? 0);
      }
      const open = await deps.exceptions.unresolved();
      const now = deps.now();
      for (const kind of EXCEPTION_KINDS) {
        const ofKind = open.filter((e) => e.kind === kind);
        exceptionsOpen.set({ kind }, ofKind.length);
        exceptionAge.set({ kind }, Math.max(0, ...ofKind.map((e) => ageSeconds(e, now))));
      }
    })().finally(() => (pending = undefined)));
  // prom-client awaits an async collect() before rendering the metric; the first one refreshes for all.
  for (const metric of [backlog, deadLetters, exceptionsOpen, exceptionAge, syncTotal, syncFailures, replayed]) {
    (metric as unknown as { collect: () => Promise<void> }).collect = refresh;
  }
  return { service, ordersPlaced, orderFulfillment, reservations, inventoryDrift };
}
