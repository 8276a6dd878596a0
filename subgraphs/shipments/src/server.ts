import { loadSchema, type Logger, type Store, type SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { Context } from './context.js';
import { createLoaders } from './loaders.js';
import { resolvers } from './resolvers.js';
import { createShipmentStore, type ShipmentStore } from './store.js';

/** What the shipments subgraph is built from. */
export interface ShipmentsDeps {
  store: Store;
  logger: Logger;
}

/** A built shipments subgraph plus its store, for seeding and tests. */
export interface ShipmentsSubgraph extends SubgraphDefinition<Context> {
  shipments: ShipmentStore;
}

export { seedShipments, shipmentDocs } from './seed.js';

/** Builds the shipments subgraph (schema, resolvers, per-request context). It never listens: see index.ts. */
export async function createShipmentsSubgraph(deps: ShipmentsDeps): Promise<ShipmentsSubgraph> {
  const shipments = await createShipmentStore(deps.store);
  return {
    name: 'shipments',
    typeDefs: loadSchema(import.meta.url),
    resolvers: resolvers as SubgraphDefinition<Context>['resolvers'],
    logger: deps.logger,
    shipments,
    createContext: ({ requestId, logger }) => ({ requestId, logger, shipments, loaders: createLoaders({ shipments }) }),
    ready: () => deps.store.ping(),
    close: () => deps.store.close(),
  };
}
