import { INBOUND_OUTBOX_COLLECTIONS } from '@fulfillment-mesh/connectors';
import { createDomainEvents, type DomainEvents, type EventBus } from '@fulfillment-mesh/events';
import {
  loadSchema,
  type Collection,
  type Doc,
  type Logger,
  type ServiceDirectory,
  type Store,
  type SubgraphDefinition,
} from '@fulfillment-mesh/runtime';
import { createCatalogAdapters, type CatalogAdapterOptions, type CatalogAdapters } from './adapters/index.js';
import type { Context } from './context.js';
import { createLoaders } from './schema/loaders.js';
import { createProductUpdates, type ProductUpdates } from './workflows/product-updates.js';
import { resolvers } from './schema/resolvers.js';
import { createProductStore, openConflictLog, type ProductStore } from './store/index.js';

/** What this subgraph publishes and reads (the contract tests and docs/events.md are built from it). */
export { contracts as eventContracts } from './events/contracts.js';

/** What the catalog subgraph is built from. */
export interface CatalogDeps {
  store: Store;
  logger: Logger;
  /** Where `catalog.product.updated` is published (tolerated absent: events then stay in the outbox). */
  bus: EventBus;
  /** Other services' URLs; the catalog calls none, the field keeps every subgraph's deps alike. */
  services: ServiceDirectory;
  /** Adapter configuration (secrets, ERP URL); default none configured: adapter routes answer 503. */
  adapters?: CatalogAdapterOptions;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
}

/** A built catalog subgraph plus its store, write operation and adapters, for seeding, tests and the CLI. */
export interface CatalogSubgraph extends SubgraphDefinition<Context> {
  products: ProductStore;
  updates: ProductUpdates;
  adapters: CatalogAdapters;
  start(): Promise<void>;
}

export { seedCatalog, productDocs } from './seed.js';
export { publishedEvents } from './events/contracts.js';
export { catalogMastering } from './mastering.js';
export type { CatalogAdapterOptions } from './adapters/index.js';

/**
 * Builds the catalog subgraph (schema, resolvers, per-request context, adapters). It never listens: see
 * index.ts. `start()` runs the outbox relay and the adapters' schedule; `close()` stops them, then the store.
 */
export async function createCatalogSubgraph(deps: CatalogDeps): Promise<CatalogSubgraph> {
  const products = await createProductStore(deps.store);
  const conflicts = await openConflictLog(deps.store);
  const bus = deps.bus as EventBus | undefined;
  const events: DomainEvents | undefined = bus
    ? createDomainEvents({
        subgraph: 'catalog',
        bus,
        outbox: [
          products.collection as unknown as Collection<Doc>,
          ...['conflicts', ...INBOUND_OUTBOX_COLLECTIONS].map((name) => deps.store.collection<Doc>(name)),
        ],
        logger: deps.logger,
      })
    : undefined;
  let started = false;
  const updates = createProductUpdates({
    collection: products.collection,
    conflicts,
    now: deps.now ?? (() => new Date()),
    // Before start the relay is not polling; its first poll publishes what was written meanwhile.
    published: () => {
      if (started) events?.relay.notify();
    },
  });
  const adapters = await createCatalogAdapters({
    store: deps.store,
    updates,
    logger: deps.logger,
    options: deps.adapters ?? {},
  });
  return {
    name: 'catalog',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    products,
    updates,
    adapters,
    routes: adapters.routes,
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      store: products,
      workflows: updates,
      conflicts,
      imports: adapters.jobs,
      loaders: createLoaders({ products }),
    }),
    ready: () => deps.store.ping(),
    async start() {
      if (events) await events.start();
      else deps.logger.warn('catalog runs without an event bus: events stay in the outbox');
      started = true;
      await adapters.start();
    },
    async close() {
      await adapters.stop();
      if (started) await events?.stop();
      started = false;
      await deps.store.close();
    },
  };
}
