import { hostname } from 'node:os';
import type { Collection, Doc, Logger } from '@fulfillment-mesh/runtime';
import type { ServiceMetrics } from '@fulfillment-mesh/telemetry';
import { Counter } from 'prom-client';
import type { Consumer, EventBus, EventHandler } from './bus.js';
import type { EventRegistry } from './registry.js';
import { createMemoryEventBus } from './memory.js';
import { createRedisEventBus } from './redis/bus.js';
import { createOutboxRelay, type OutboxRelay } from './relay.js';

/** One stream a subgraph consumes. */
export interface Subscription {
  stream: string;
  /**
   * Entity prefixes this consumer follows (`orders.order`, `orders.return`). Events of other entities on the
   * stream are none of its business and are acknowledged unread; so is an event of a type the registry has no
   * contract for (counted in `fm_events_ignored_total`); a known type at a version the registry cannot read goes
   * to dead letters with the reason.
   */
  follows: readonly string[];
  registry: EventRegistry;
  handler: EventHandler;
  /** Handler runs before a dead letter; default the bus's (5). */
  maxAttempts?: number;
}

/** Options of {@link createDomainEvents}. */
export interface DomainEventsOptions {
  /** The subgraph's name: the event source `/subgraphs/<name>` and its consumer group. */
  subgraph: string;
  bus: EventBus;
  /** Collections whose documents carry an outbox (`withEvents`). */
  outbox: ReadonlyArray<Collection<Doc>>;
  consumes?: readonly Subscription[];
  logger: Logger;
  /** Consumer name within the group; default `<hostname>-<pid>` so replicas share the group's work. */
  consumerName?: string;
  /** Outbox poll interval; default the relay's (200 ms). */
  pollIntervalMs?: number;
  /** The service's registry: gets `fm_events_ignored_total{stream,group,type}`; default none (not counted). */
  metrics?: ServiceMetrics;
}

/** A subgraph's event plumbing: its outbox relay and its consumers, started and stopped together. */
export interface DomainEvents {
  relay: OutboxRelay;
  /** `/subgraphs/<name>`, the `source` of every event the subgraph creates. */
  source: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Wires a subgraph to the backbone: publishes its outbox and runs one consumer per consumed stream. */
export function createDomainEvents(options: DomainEventsOptions): DomainEvents {
  const relay = createOutboxRelay({
    collections: options.outbox,
    bus: options.bus,
    logger: options.logger,
    ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
  });
  const consumerName = options.consumerName ?? `${hostname()}-${process.pid}`;
  const ignored = options.metrics ? ignoredCounter(options.metrics) : undefined;
  let consumers: Consumer[] = [];

  return {
    relay,
    source: `/subgraphs/${options.subgraph}`,
    async start() {
      relay.start();
      for (const sub of options.consumes ?? []) {
        consumers.push(
          await options.bus.consume({
            stream: sub.stream,
            group: options.subgraph,
            consumer: consumerName,
            registry: sub.registry,
            follows: (type) => sub.follows.some((prefix) => type.startsWith(`${prefix}.`)),
            handler: sub.handler,
            onIgnored: (type) => ignored?.inc({ stream: sub.stream, group: options.subgraph, type }),
            ...(sub.maxAttempts ? { maxAttempts: sub.maxAttempts } : {}),
          }),
        );
      }
    },
    async stop() {
      const running = consumers;
      consumers = [];
      await Promise.all(running.map((c) => c.stop()));
      await relay.stop();
    },
  };
}

/** `fm_events_ignored_total`: events acknowledged unread because the group has no contract for their type. */
function ignoredCounter(metrics: ServiceMetrics): Counter<'stream' | 'group' | 'type'> {
  const name = 'fm_events_ignored_total';
  const existing = metrics.registry.getSingleMetric(name);
  if (existing) return existing as Counter<'stream' | 'group' | 'type'>;
  return new Counter({
    name,
    help: 'Events a consumer group acknowledged unread because it has no contract for their type',
    labelNames: ['stream', 'group', 'type'] as const,
    registers: [metrics.registry],
  });
}

/** The bus a service started alone uses: Redis Streams with `REDIS_URL` (prefix `REDIS_PREFIX`, default `fm`), else in process. */
export async function busFromEnv(env: NodeJS.ProcessEnv, logger: Logger): Promise<EventBus> {
  const url = env.REDIS_URL;
  return url
    ? createRedisEventBus({ url, prefix: env.REDIS_PREFIX || 'fm', logger })
    : createMemoryEventBus({ logger });
}
