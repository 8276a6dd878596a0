import { loadSchema, type Logger, type Store, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { createInventoryStore, type InventoryStore } from './store.js';

/** What the inventory subgraph is built from. */
export interface InventoryDeps {
  store: Store;
  logger: Logger;
  /** The clock that stamps each request (`asOf` of an empty availability); default: the system clock. */
  now?: () => Date;
}

/** A built inventory subgraph plus its store, for seeding and tests. */
export interface InventorySubgraph extends SubgraphDefinition<Context> {
  inventory: InventoryStore;
}

export { seedInventory, locationDocs, positionDocs } from './seed.js';

/** Builds the inventory subgraph (schema, resolvers, per-request context). It never listens: see index.ts. */
export async function createInventorySubgraph(deps: InventoryDeps): Promise<InventorySubgraph> {
  const inventory = await createInventoryStore(deps.store);
  const now = deps.now ?? (() => new Date());
  return {
    name: 'inventory',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    inventory,
    createContext: ({ requestId, logger }) => ({
      requestId,
      logger,
      inventory,
      loaders: createLoaders({ inventory }),
      requestedAt: now().toISOString(),
    }),
    ready: () => deps.store.ping(),
    close: () => deps.store.close(),
  };
}
