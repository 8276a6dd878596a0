import {
  createConflictLog,
  INBOUND_OUTBOX_COLLECTIONS,
  type ConflictLog,
  type MasteringRules,
} from '@fulfillment-mesh/connectors';
import { createDomainEvents, type DomainEvents, type EventBus } from '@fulfillment-mesh/events';
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
import { createInventoryAdapters, type InventoryAdapterOptions, type InventoryAdapters } from './adapters/index.js';
import type { Context, InventoryWorkflows } from './context.js';
import { createHandlers } from './events/consumers.js';
import { CONSUMED } from './events/contracts.js';
import { createLoaders } from './schema/loaders.js';
import { inventoryMastering } from './mastering.js';
import { createObservedStock } from './workflows/observed-stock.js';
import { createOperations } from './store/operations.js';
import { resolveOptions, type InventoryOptions } from './domain/options.js';
import { createLocationChannels } from './store/location-channels.js';
import { createPositionWriter } from './store/position-writer.js';
import { createReconciler } from './workflows/reconciliation.js';
import { createCommitter } from './workflows/reservations/commit.js';
import { createLifecycle } from './workflows/reservations/lifecycle.js';
import { createReserver } from './workflows/reservations/reserve.js';
import { createSweeper, type Sweeper } from './workflows/reservations/sweeper.js';
import { resolvers } from './schema/resolvers.js';
import { createStockService } from './workflows/stock.js';
import { createInventoryStore, type InventoryStore } from './store/index.js';

/** What this subgraph publishes and reads (the contract tests and docs/events.md are built from it). */
export { contracts as eventContracts } from './events/contracts.js';

/** What the inventory subgraph is built from. */
export interface InventoryDeps {
  store: Store;
  logger: Logger;
  /** The event backbone: the outbox relay publishes to it, the consumers (group `inventory`) read from it. */
  bus: EventBus;
  /** Where the other services are; inventory calls none synchronously today (it is called, by orders). */
  services: ServiceDirectory;
  /** The clock of requests, reservations and the sweeper; default: the system clock. */
  now?: () => Date;
  options?: InventoryOptions;
  /** Who masters which field group; default `inventoryMastering` (src/mastering.ts). */
  mastering?: MasteringRules;
  /** Adapter configuration (secrets, ERP URL, EDI partners; see ADAPTERS.md); default: none configured (503). */
  adapters?: InventoryAdapterOptions;
}

/** A built inventory subgraph plus its store and services, for seeding, tests and benchmarks. */
export interface InventorySubgraph extends SubgraphDefinition<Context> {
  inventory: InventoryStore;
  services: InventoryWorkflows & {
    conflicts: ConflictLog;
    committer: ReturnType<typeof createCommitter>;
    handlers: ReturnType<typeof createHandlers>;
    sweeper: Sweeper;
  };
  /** The relay and consumers; null when no bus was given (events then wait in the outboxes). */
  events: DomainEvents | null;
  /** The WMS, ERP and EDI adapters (their routes are this definition's `routes`). */
  adapters: InventoryAdapters;
  start(): Promise<void>;
}

export { seedInventory, locationDocs, positionDocs } from './seed.js';
export { DEFAULT_CHANNELS } from './domain/index.js';
export type { InventoryOptions } from './domain/options.js';
export { adapterOptionsFromEnv, type InventoryAdapterOptions } from './adapters/index.js';
export { inventoryMastering } from './mastering.js';
export { policies } from './schema/policies.js';

/**
 * Builds the inventory subgraph (schema, resolvers, per-request context, services). It never listens: see
 * index.ts. `start()` runs the outbox relay, the consumers and the sweeper; `close()` stops them, then the store.
 */
export async function createInventorySubgraph(deps: InventoryDeps): Promise<InventorySubgraph> {
  const inventory = await createInventoryStore(deps.store);
  const now = deps.now ?? (() => new Date());
  const options = resolveOptions(deps.options);
  let events: DomainEvents | null = null;
  const onEvents = () => events?.relay.notify();
  const channelsAt = createLocationChannels(inventory.locationsCollection, options.channels);
  const writer = createPositionWriter({
    positions: inventory.positions,
    holds: inventory.holds,
    now,
    onEvents,
    channelsAt: channelsAt.of,
  });
  const serviceDeps = { inventory, writer, now, onEvents, logger: deps.logger, options };
  const reserver = createReserver(serviceDeps);
  const lifecycle = createLifecycle(serviceDeps);
  const operations = createOperations({ inventory, writer, now });
  const committer = createCommitter(serviceDeps, operations);
  const stock = createStockService({ inventory, writer, operations });
  const sweeper = createSweeper(serviceDeps, lifecycle, reserver);
  const handlers = createHandlers({ inventory, reserver, lifecycle, committer, stock });
  const conflicts = createConflictLog({ collection: inventory.conflicts, domain: 'inventory', clock: now });
  await conflicts.ensureIndexes();
  const rules = deps.mastering ?? inventoryMastering;
  const observed = createObservedStock({ inventory, writer, conflicts, rules, now });
  const reconciler = createReconciler({ inventory, observed, rules, now });

  // Typed as required, but a composition root that predates the backbone passes none: run without events then.
  const bus = deps.bus as EventBus | undefined;
  const metrics = createServiceMetrics('inventory');
  if (bus) {
    events = createDomainEvents({
      subgraph: 'inventory',
      bus,
      outbox: [
        inventory.positions,
        inventory.reservations,
        inventory.conflicts,
        inventory.reconciliationRuns,
        ...INBOUND_OUTBOX_COLLECTIONS.map((name) => deps.store.collection(name)),
      ] as unknown as Collection<Doc>[],
      consumes: CONSUMED.map((c) => ({ ...c, handler: handlers[c.stream as keyof typeof handlers] })),
      logger: deps.logger,
      metrics,
    });
  } else {
    deps.logger.warn('inventory runs without an event bus: events stay in the outboxes and no consumer runs');
  }

  const adapters = await createInventoryAdapters({
    store: deps.store,
    inventory,
    observed,
    reconciler,
    channels: options.channels,
    bus: bus ?? null,
    conflicts,
    logger: deps.logger,
    now,
    options: deps.adapters ?? {},
  });
  const services = {
    reserver,
    lifecycle,
    stock,
    options,
    committer,
    handlers,
    sweeper,
    conflicts,
    observed,
    reconciler,
  };
  return {
    name: 'inventory',
    metrics,
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    inventory,
    services,
    events,
    adapters,
    routes: adapters.routes,
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      store: inventory,
      workflows: services,
      conflicts,
      imports: adapters.jobs,
      loaders: createLoaders({ inventory }),
      requestedAt: now().toISOString(),
    }),
    ready: () => deps.store.ping(),
    async start() {
      await channelsAt.warm();
      await events?.start();
      sweeper.start();
      await adapters.start();
    },
    async close() {
      await adapters.stop();
      await sweeper.stop();
      await events?.stop();
      await writer.idle(); // the last batches' journals moved out before the store closes
      await deps.store.close();
    },
  };
}
