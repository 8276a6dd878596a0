import { loadSchema, type Logger, type Store, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { createOrderStore, type OrderStore } from './store.js';

/** What the orders subgraph is built from. */
export interface OrdersDeps {
  store: Store;
  logger: Logger;
}

/** A built orders subgraph plus its store, for seeding and tests. */
export interface OrdersSubgraph extends SubgraphDefinition<Context> {
  orders: OrderStore;
}

export { seedOrders, orderDocs } from './seed.js';

/** Builds the orders subgraph (schema, resolvers, per-request context). It never listens: see index.ts. */
export async function createOrdersSubgraph(deps: OrdersDeps): Promise<OrdersSubgraph> {
  const orders = await createOrderStore(deps.store);
  return {
    name: 'orders',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    orders,
    createContext: ({ requestId, logger }) => ({ requestId, logger, orders, loaders: createLoaders({ orders }) }),
    ready: () => deps.store.ping(),
    close: () => deps.store.close(),
  };
}
