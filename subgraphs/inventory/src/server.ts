import { createDomainEvents, type DomainEvents, type EventBus } from '@fulfillment-mesh/events';
import { loadSchema, type Collection, type Doc, type Logger, type ServiceDirectory, type Store, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context, InventoryServices } from './context.js';
import { createHandlers } from './consumers.js';
import { CONSUMED } from './events.js';
import { createLoaders } from './loaders.js';
import { createOperations } from './operations.js';
import { resolveOptions, type InventoryOptions } from './options.js';
import { createPositionWriter } from './position-writer.js';
import { createCommitter } from './reservations/commit.js';
import { createLifecycle } from './reservations/lifecycle.js';
import { createReserver } from './reservations/reserve.js';
import { createSweeper, type Sweeper } from './reservations/sweeper.js';
import { resolvers } from './resolvers.js';
import { createStockService } from './stock.js';
import { createInventoryStore, type InventoryStore } from './store.js';

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
}

/** A built inventory subgraph plus its store and services, for seeding, tests and benchmarks. */
export interface InventorySubgraph extends SubgraphDefinition<Context> {
  inventory: InventoryStore;
  services: InventoryServices & { committer: ReturnType<typeof createCommitter>; handlers: ReturnType<typeof createHandlers>; sweeper: Sweeper };
  /** The relay and consumers; null when no bus was given (events then wait in the outboxes). */
  events: DomainEvents | null;
  start(): Promise<void>;
}

export { seedInventory, locationDocs, positionDocs } from './seed.js';
export { DEFAULT_CHANNELS } from './domain/index.js';
export type { InventoryOptions } from './options.js';

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
  const writer = createPositionWriter({ positions: inventory.positions, now, onEvents });
  const serviceDeps = { inventory, writer, now, onEvents, logger: deps.logger, options };
  const reserver = createReserver(serviceDeps);
  const lifecycle = createLifecycle(serviceDeps);
  const operations = createOperations({ inventory, writer, now });
  const committer = createCommitter(serviceDeps, operations);
  const stock = createStockService({ inventory, writer, operations });
  const sweeper = createSweeper(serviceDeps, lifecycle);
  const handlers = createHandlers({ inventory, reserver, lifecycle, committer, stock });

  // Typed as required, but a composition root that predates the backbone passes none: run without events then.
  const bus = deps.bus as EventBus | undefined;
  if (bus) {
    events = createDomainEvents({
      subgraph: 'inventory',
      bus,
      outbox: [inventory.positions, inventory.reservations] as unknown as Collection<Doc>[],
      consumes: CONSUMED.map((c) => ({ ...c, handler: handlers[c.stream as keyof typeof handlers] })),
      logger: deps.logger,
    });
  } else {
    deps.logger.warn('inventory runs without an event bus: events stay in the outboxes and no consumer runs');
  }

  const services = { reserver, lifecycle, stock, options, committer, handlers, sweeper };
  return {
    name: 'inventory',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    inventory,
    services,
    events,
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      inventory,
      services,
      loaders: createLoaders({ inventory }),
      requestedAt: now().toISOString(),
    }),
    ready: () => deps.store.ping(),
    async start() {
      await events?.start();
      sweeper.start();
    },
    async close() {
      await sweeper.stop();
      await events?.stop();
      await deps.store.close();
    },
  };
}
