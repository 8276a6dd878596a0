import type { SubgraphGuardOptions } from '@fulfillment-mesh/access';
import { createCatalogSubgraph, seedCatalog } from '@fulfillment-mesh/catalog';
import { adapterOptions as catalogAdapters } from '@fulfillment-mesh/catalog/main';
import type { EventBus } from '@fulfillment-mesh/events';
import { adapterOptionsFromEnv as inventoryAdapters, createInventorySubgraph, policies as inventoryPolicies, seedInventory } from '@fulfillment-mesh/inventory';
import { createOperationsSubgraph } from '@fulfillment-mesh/operations';
import { operationsOptionsFromEnv } from '@fulfillment-mesh/operations/main';
import { adapterOptionsFromEnv as orderAdapters, createOrdersSubgraph, policies as orderPolicies, seedOrders } from '@fulfillment-mesh/orders';
import type { BaseRequestContext, Logger, ServiceDirectory, Store, SubgraphDefinition } from '@fulfillment-mesh/runtime';
import type { SeedDataset } from '@fulfillment-mesh/seed-data';
import { adapterOptionsFromEnv as shipmentAdapters, createShipmentsSubgraph, policies as shipmentPolicies, seedShipments } from '@fulfillment-mesh/shipments';

/** The subgraphs of the mesh, in start order. */
export type SubgraphName = 'catalog' | 'inventory' | 'orders' | 'shipments' | 'operations';

/** What every subgraph factory receives from the composition root. */
export interface SubgraphDeps {
  store: Store;
  logger: Logger;
  bus: EventBus;
  services: ServiceDirectory;
  /** Where adapters read their secrets and endpoints; absent: every adapter stays unconfigured (503). */
  adapterEnv?: NodeJS.ProcessEnv;
}

/** How the composition root builds and seeds one subgraph. */
export interface SubgraphEntry {
  name: SubgraphName;
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
  extra: Pick<SubgraphEntry, 'policies'> = {},
): SubgraphEntry {
  return {
    name,
    ...extra,
    create: create as unknown as SubgraphEntry['create'],
    seed: (subgraph, dataset, at) => seed(subgraph as unknown as S, dataset, at),
  };
}

/** Builds adapter options only when the composition root was given an environment to read them from. */
const from = <T>(env: NodeJS.ProcessEnv | undefined, read: (env: NodeJS.ProcessEnv) => T): T | undefined => (env ? read(env) : undefined);

/** Every subgraph with its factory, seeder and policies; the only place that knows them all. */
export const SUBGRAPHS: SubgraphEntry[] = [
  entry('catalog', (d) => createCatalogSubgraph({ ...d, adapters: from(d.adapterEnv, catalogAdapters) ?? {} }), (s, d, at) => seedCatalog(s.products, d, at)),
  entry('inventory', (d) => createInventorySubgraph({ ...d, adapters: from(d.adapterEnv, inventoryAdapters) ?? {} }), (s, d, at) => seedInventory(s.inventory, d, at), { policies: inventoryPolicies }),
  entry('orders', (d) => createOrdersSubgraph({ ...d, options: { adapters: from(d.adapterEnv, orderAdapters) ?? {} } }), (s, d, at) => seedOrders(s.orders, d, at), { policies: orderPolicies }),
  entry('shipments', (d) => createShipmentsSubgraph({ ...d, adapters: from(d.adapterEnv, shipmentAdapters) ?? {} }), (s, d, at) => seedShipments(s.shipments, d, at), { policies: shipmentPolicies }),
  entry('operations', (d) => createOperationsSubgraph({ ...d, ...(d.adapterEnv ? { options: operationsOptionsFromEnv(d.adapterEnv) } : {}) }), async () => 0),
];
