import { Counter } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { createConflictLog, INBOUND_OUTBOX_COLLECTIONS, type ConflictRecord } from '@fulfillment-mesh/connectors';
import { createDomainEvents, type EventBus } from '@fulfillment-mesh/events';
import { createServiceMetrics } from '@fulfillment-mesh/telemetry';
import {
  loadSchema,
  type Collection,
  type Doc,
  type Logger,
  type ServiceDirectory,
  type Store,
  type SubgraphDefinition,
} from '@fulfillment-mesh/runtime';
import { createOrdersAdapters, type OrdersAdapterOptions, type OrdersAdapters } from './adapters/index.js';
import { createCatalogClient } from './workflows/clients/catalog.js';
import { createInventoryClient } from './workflows/clients/inventory.js';
import type { ClientSettings } from './workflows/clients/lazy-client.js';
import type { Context } from './context.js';
import { CONSUMED } from './events/contracts.js';
import { createLoaders } from './schema/loaders.js';
import { createOrderProcess, type OrderProcess } from './workflows/index.js';
import { createMasteredWrites, type MasteredWrites } from './workflows/mastered.js';
import { createOrderWriter } from './store/order-writer.js';
import { createSweeper, type Sweeper, type SweeperOptions } from './workflows/sweeper.js';
import { resolvers } from './schema/resolvers.js';
import { createOrderStore, type OrderStore } from './store/index.js';

/** What this subgraph publishes and reads (the contract tests and docs/events.md are built from it). */
export { contracts as eventContracts } from './events/contracts.js';

/** Tuning of the order process; every field has a default. */
export interface OrdersOptions {
  /** Calls to inventory's reserveStock/releaseReservation; defaults of createServiceClient (2 s timeout, 2 retries, breaker after 5). */
  inventory?: ClientSettings;
  /** Calls to catalog's products; same defaults. */
  catalog?: ClientSettings;
  /** Passed to reserveStock; default null: inventory applies the channel's backorder rule. */
  allowBackorder?: boolean | null;
  sweeper?: SweeperOptions;
  /** Outbox poll interval; default the relay's 200 // 0.2 seconds. */
  pollIntervalMs?: number;
  /** Webhook secrets, EDI and ERP settings (index.ts reads them from env); unconfigured adapters stay off. */
  adapters?: OrdersAdapterOptions;
}

/** What the orders subgraph is built from. */
export interface OrdersDeps {
  store: Store;
  logger: Logger;
  /** The event backbone: the outbox relay publishes to it, the consumers read from it. */
  bus: EventBus;
  /** Where catalog and inventory answer (their service APIs). */
  services: ServiceDirectory;
  /** The clock of every timestamp the subgraph writes; default the system clock. */
  now?: () => Date;
  options?: OrdersOptions;
}

/** A built orders subgraph plus its store, process and sweeper, for seeding and tests. */
export interface OrdersSubgraph extends SubgraphDefinition<Context> {
  orders: OrderStore;
  process: OrderProcess;
  sweeper: Sweeper;
  /** Writes to mastered fields and the conflict log (mastering.ts). */
  mastered: MasteredWrites;
  /** Webhooks, EDI and ERP postings (see ADAPTERS.md). */
  adapters: OrdersAdapters;
  /** Publishes pending outbox entries now (tests); resolves with how many. */
  flushOutbox(): Promise<number>;
}

export { seedOrders, orderDocs } from './seed.js';

/** Builds the orders subgraph (schema, resolvers, process, events). It never listens: see index.ts. */
export async function createOrdersSubgraph(deps: OrdersDeps): Promise<OrdersSubgraph> {
  const orders = await createOrderStore(deps.store);
  const now = deps.now ?? (() => new Date());
  const options = deps.options ?? {};
  const metrics = createServiceMetrics('orders');
  // Tolerated for callers that build the subgraph only to read or seed it: no bus, no background work.
  const events = deps.bus
    ? createDomainEvents({
        subgraph: 'orders',
        metrics,
        bus: deps.bus,
        outbox: [
          orders.orders,
          orders.returns,
          ...['conflicts', ...INBOUND_OUTBOX_COLLECTIONS].map((name) => deps.store.collection(name)),
        ] as unknown as Collection<Doc>[],
        logger: deps.logger,
        ...(options.pollIntervalMs ? { pollIntervalMs: options.pollIntervalMs } : {}),
        consumes: CONSUMED.map((c) => ({
          ...c,
          handler: (event, meta) => process.consumers[c.stream as 'inventory' | 'shipments' | 'orders'](event, meta),
        })),
      })
    : null;
  const notify = () => events?.relay.notify();
  const services = deps.services ?? {
    url: (name: string) => {
      throw new Error(`no service directory: cannot reach ${name}`);
    },
  };
  const outcomeEvents = new Counter({
    name: 'fm_orders_reservation_outcome_events_total',
    help: 'Reservation outcome events by what they did: applied, answered_synchronously, already_applied',
    labelNames: ['result'] as const,
    registers: [metrics.registry],
  });
  const process: OrderProcess = createOrderProcess({
    store: orders,
    writer: createOrderWriter({ orders: orders.orders, now, onEvents: notify }),
    catalog: createCatalogClient(services, options.catalog),
    inventory: createInventoryClient(services, options.inventory),
    logger: deps.logger,
    now,
    newId: (prefix) => `${prefix}-${randomUUID()}`,
    allowBackorder: options.allowBackorder ?? null,
    notify,
    onOutcomeEvent: (result) => outcomeEvents.inc({ result }),
  });
  const conflicts = createConflictLog({
    collection: deps.store.collection<ConflictRecord>('conflicts'),
    domain: 'orders',
    clock: now,
  });
  await conflicts.ensureIndexes();
  const mastered = createMasteredWrites({ orders: orders.orders, conflicts, now });
  const adapters = await createOrdersAdapters({
    store: deps.store,
    bus: deps.bus ?? null,
    process,
    orders,
    mastered,
    logger: deps.logger,
    now,
    options: options.adapters ?? {},
  });
  const sweeper = createSweeper({ store: orders, steps: process.steps, now, logger: deps.logger }, options.sweeper);
  return {
    name: 'orders',
    metrics,
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    orders,
    process,
    sweeper,
    mastered,
    adapters,
    routes: adapters.routes,
    flushOutbox: () => events?.relay.flush() ?? Promise.resolve(0),
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      store: orders,
      workflows: process,
      conflicts,
      loaders: createLoaders({ orders }),
    }),
    ready: () => deps.store.ping(),
    async start() {
      await events?.start();
      if (events) sweeper.start();
      await adapters.start();
    },
    async close() {
      await adapters.stop();
      await sweeper.stop();
      await events?.stop();
      await deps.store.close();
    },
  };
}

export { policies } from './schema/policies.js';
export { adapterOptionsFromEnv } from './adapters/index.js';
