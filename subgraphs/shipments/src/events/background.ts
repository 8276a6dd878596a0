import { createDomainEvents, type DomainEvents, type EventBus } from '@fulfillment-mesh/events';
import type { Collection, Doc, Logger } from '@fulfillment-mesh/runtime';
import type { ServiceMetrics } from '@fulfillment-mesh/telemetry';
import { orderConsumption } from './consumers.js';
import type { ShipmentWorkflows } from '../workflows/index.js';

/** Timing of the shipments subgraph's background work. */
export interface BackgroundOptions {
  /** How often the sweeper settles abandoned split remainders; default 30_000 // 30 seconds. */
  sweepIntervalMs?: number;
  /** How old a pending remainder must be before the sweeper settles it; default 60_000 // 1 minute. */
  pendingSplitTtlMs?: number;
  /** This process's consumer name within the `shipments` group; default `<hostname>-<pid>`. */
  consumerName?: string;
}

/** Background work: the outbox relay, the `orders` consumer and the split sweeper. */
export interface Background {
  start(): Promise<void>;
  /** Stops sweeper, consumer and relay, waiting for work in progress. */
  stop(): Promise<void>;
  /** Asks the relay to publish soon (after a write with events); harmless before start. */
  notify(): void;
}

/** Creates the background work of one shipments process; without a bus only the sweeper runs. */
export function createBackground(deps: {
  bus: EventBus | undefined;
  collection: Collection<Doc>;
  /** More collections with outboxes: conflicts (`shipments.conflict.recorded`), inbound receipts and dead letters. */
  outbox?: Collection<Doc>[];
  workflows: ShipmentWorkflows;
  logger: Logger;
  /** Where the consumer counts the event types it has no contract for. */
  metrics?: ServiceMetrics;
  options?: BackgroundOptions;
}): Background {
  const sweepIntervalMs = deps.options?.sweepIntervalMs ?? 30_000; // 30 seconds
  const pendingSplitTtlMs = deps.options?.pendingSplitTtlMs ?? 60_000; // 1 minute
  const events: DomainEvents | undefined = deps.bus
    ? createDomainEvents({
        subgraph: 'shipments',
        bus: deps.bus,
        outbox: [deps.collection, ...(deps.outbox ?? [])],
        consumes: [orderConsumption(deps.workflows)],
        logger: deps.logger,
        ...(deps.metrics ? { metrics: deps.metrics } : {}),
        ...(deps.options?.consumerName ? { consumerName: deps.options.consumerName } : {}),
      })
    : undefined;
  let running = false;
  let sweeper: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> = Promise.resolve();

  const sweep = () => {
    sweeping = sweeping
      .then(() => deps.workflows.sweepSplits(pendingSplitTtlMs))
      .catch((error: unknown) => deps.logger.error({ err: error }, 'split sweep failed; the next round retries'));
  };

  return {
    async start() {
      if (events) await events.start();
      else deps.logger.warn('shipments runs without an event bus: events stay in the outbox and no consumer runs');
      running = true;
      sweeper = setInterval(sweep, sweepIntervalMs);
      sweeper.unref();
    },
    async stop() {
      clearInterval(sweeper);
      await sweeping;
      if (running) await events?.stop();
      running = false;
    },
    // Before start the relay is not polling; notify would flush at once, which start() does anyway.
    notify: () => {
      if (running) events?.relay.notify();
    },
  };
}
