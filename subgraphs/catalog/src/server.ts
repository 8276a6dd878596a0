import { loadSchema, type Logger, type Store, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { createProductStore, type ProductStore } from './store.js';

/** What the catalog subgraph is built from. */
export interface CatalogDeps {
  store: Store;
  logger: Logger;
}

/** A built catalog subgraph plus its store, for seeding and tests. */
export interface CatalogSubgraph extends SubgraphDefinition<Context> {
  products: ProductStore;
}

export { seedCatalog, productDocs } from "./seed.js";

/** Builds the catalog subgraph (schema, resolvers, per-request context). It never listens: see index.ts. */
export async function createCatalogSubgraph(deps: CatalogDeps): Promise<CatalogSubgraph> {
  const products = await createProductStore(deps.store);
  return {
    name: 'catalog',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    products,
    createContext: ({ requestId, logger }) => ({ requestId, logger, products, loaders: createLoaders({ products }) }),
    ready: () => deps.store.ping(),
    close: () => deps.store.close(),
  };
}
