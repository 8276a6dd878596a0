import type { EventBus, EventHandler } from '@fulfillment-mesh/events';
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
import { INBOUND_OUTBOX_COLLECTIONS, type ConflictLog } from '@fulfillment-mesh/connectors';
import { createShipmentsAdapters, type ShipmentsAdapterOptions, type ShipmentsAdapters } from './adapters/index.js';
import { createBackground, type BackgroundOptions } from './events/background.js';
import { createOrderEventHandler } from './events/consumers.js';
import type { Context } from './context.js';
import { createLoaders } from './schema/loaders.js';
import { resolvers } from './schema/resolvers.js';
import { createShipmentStore, openConflictLog, type ShipmentStore } from './store/index.js';
import { createShipmentWorkflows, type ShipmentWorkflows } from './workflows/index.js';

/** What this subgraph publishes and reads (the contract tests and docs/events.md are built from it). */
export { contracts as eventContracts } from './events/contracts.js';

/** What the shipments subgraph is built from. */
export interface ShipmentsDeps {
  store: Store;
  logger: Logger;
  /** Where events are published and the `orders` stream is consumed (tolerated absent: then no events flow). */
  bus: EventBus;
  /** Other services' URLs; shipments calls none synchronously yet, the field keeps every subgraph's deps alike. */
  services: ServiceDirectory;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
  background?: BackgroundOptions;
  /** Adapter configuration (secrets, ERP URL, partners); index.ts fills it from env. Default: none configured. */
  adapters?: ShipmentsAdapterOptions;
}

/** A built shipments subgraph plus its store, workflows and event handler, for seeding, tests and adapters. */
export interface ShipmentsSubgraph extends SubgraphDefinition<Context> {
  shipments: ShipmentStore;
  workflows: ShipmentWorkflows;
  conflicts: ConflictLog;
  adapters: ShipmentsAdapters;
  /** The `orders` stream handler (also what `start()` consumes with). */
  handleOrderEvent: EventHandler;
  start(): Promise<void>;
}

export { seedShipments, shipmentDocs } from './seed.js';
export { publishedEvents, consumedEvents } from './events/contracts.js';
export { orderConsumption } from './events/consumers.js';
export { policies } from './schema/policies.js';
export { adapterOptionsFromEnv, type ShipmentsAdapterOptions } from './adapters/index.js';

/**
 * Builds the shipments subgraph (schema, resolvers, per-request context, workflows). It never listens: see
 * index.ts. `start()` runs the outbox relay, the `orders` consumer, the split sweeper and the adapters' outbound
 * groups; `close()` stops them, then closes the store. The adapters' HTTP endpoints are in `routes`.
 */
export async function createShipmentsSubgraph(deps: ShipmentsDeps): Promise<ShipmentsSubgraph> {
  const shipments = await createShipmentStore(deps.store);
  const now = deps.now ?? (() => new Date());
  const conflicts = await openConflictLog(deps.store, now);
  // The relay exists only after start(); writes made before it are published by its first poll.
  let notify = () => {};
  const workflows = createShipmentWorkflows({
    shipments,
    logger: deps.logger,
    now,
    published: () => notify(),
    conflicts,
  });
  const adapters = await createShipmentsAdapters({
    store: deps.store,
    bus: deps.bus as EventBus | undefined,
    workflows,
    shipments,
    conflicts,
    logger: deps.logger,
    options: deps.adapters ?? {},
    now,
  });
  const metrics = createServiceMetrics('shipments');
  const background = createBackground({
    metrics,
    bus: deps.bus as EventBus | undefined,
    collection: shipments.collection as unknown as Collection<Doc>,
    outbox: ['conflicts', ...INBOUND_OUTBOX_COLLECTIONS].map((name) => deps.store.collection<Doc>(name)),
    workflows,
    logger: deps.logger,
    ...(deps.background ? { options: deps.background } : {}),
  });
  notify = () => background.notify();
  return {
    name: 'shipments',
    metrics,
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    shipments,
    workflows,
    conflicts,
    adapters,
    routes: adapters.routes,
    handleOrderEvent: createOrderEventHandler(workflows),
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      store: shipments,
      workflows,
      conflicts,
      loaders: createLoaders({ shipments }),
    }),
    ready: () => deps.store.ping(),
    async start() {
      await background.start();
      await adapters.start();
    },
    async close() {
      await adapters.stop();
      await background.stop();
      await deps.store.close();
    },
  };
}
