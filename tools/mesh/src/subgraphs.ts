import { createCatalogSubgraph, seedCatalog } from '@fulfillment-mesh/catalog';
import { createInventorySubgraph, seedInventory } from '@fulfillment-mesh/inventory';
import { createOperationsSubgraph } from '@fulfillment-mesh/operations';
import { createOrdersSubgraph, policies as orderPolicies, seedOrders } from '@fulfillment-mesh/orders';
import type { SubgraphGuardOptions } from '@fulfillment-mesh/access';
import type { EventBus } from '@fulfillment-mesh/events';
import type { BaseRequestContext, Logger, ServiceDirectory, Store, SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { SeedDataset } from '@fulfillment-mesh/seed-data';
import { createShipmentsSubgraph, seedShipments } from '@fulfillment-mesh/shipments';

/** The subgraphs of the mesh, in start order. */
export type SubgraphName = 'catalog' | 'inventory' | 'orders' | 'shipments' | 'operations';

/** What every subgraph factory receives from the composition root. */
export interface SubgraphDeps {
  store: Store;
  logger: Logger;
  bus: EventBus;
  services: ServiceDirectory;
}

/** How the composition root builds and seeds one subgraph. */
export interface SubgraphEntry {
  name: SubgraphName;
  /** Owns no data (the operations view of the event backbone): no store is opened for it. */
  storeless?: boolean;
  /** `@policy` implementations of the subgraph's schema. */
  policies?: SubgraphGuardOptions['policies'];
  create(deps: SubgraphDeps): Promise<SubgraphDefinition<BaseRequestContext>>;
  seed(subgraph: SubgraphDefinition<BaseRequestContext>, dataset: SeedDataset, observedAt: string): Promise<number>;
}

/** Erases each subgraph's own context type: the composition root only serves and seeds them. */
function entry<S>(
  name: SubgraphName,
  create: (deps: SubgraphDeps) => Promise<S>,
  seed: (subgraph: S, dataset: SeedDataset, observedAt: string) => Promise<number>,
): SubgraphEntry {
  return {
    name,
    create: create as unknown as SubgraphEntry['create'],
    seed: (subgraph, dataset, at) => seed(subgraph as unknown as S, dataset, at),
  };
}

/** Every subgraph with its factory and seeder; the only place that knows them all. */
export const SUBGRAPHS: SubgraphEntry[] = [
  entry('catalog', createCatalogSubgraph, (s, d, at) => seedCatalog(s.products, d, at)),
  entry('inventory', createInventorySubgraph, (s, d, at) => seedInventory(s.inventory, d, at)),
  { ...entry('orders', createOrdersSubgraph, (s, d, at) => seedOrders(s.orders, d, at)), policies: orderPolicies },
  entry('shipments', createShipmentsSubgraph, (s, d, at) => seedShipments(s.shipments, d, at)),
  { ...entry('operations', createOperationsSubgraph, async () => 0), storeless: true },
];
