import { isMain, runMain, runSubgraph } from '@fulfillment-mesh/host';
import { adapterOptionsFromEnv } from './adapters/index.js';
import { policies } from './schema/policies.js';
import { createOrdersSubgraph, type OrdersDeps, type OrdersSubgraph } from './server.js';
import { seedOrders, type OrdersSeed } from './seed.js';

/**
 * Starts the orders subgraph as its own service. Besides what every service reads (see `runSubgraph`:
 * PORT, HOST, MONGODB_URI, DATA_DIR, REDIS_URL, FM_IDENTITY_SECRET, LOG_LEVEL), `CATALOG_URL`/`INVENTORY_URL` (via the manifest); the adapters read `SHOPIFY_WEBHOOK_SECRET`,
 * `WOOCOMMERCE_WEBHOOK_SECRET`, `EDI_API_TOKEN`, `EDI_SELF_ID`/`EDI_SELF_QUALIFIER`, `EDI_DEFAULT_COUNTRY`/
 * `EDI_DEFAULT_CURRENCY`, `ERP_URL` and `ERP_API_TOKEN` (see ADAPTERS.md).
 */
export function main(env: NodeJS.ProcessEnv = process.env) {
  return runSubgraph({
    name: 'orders',
    env,
    policies,
    create: (deps) => createOrdersSubgraph({ ...deps, options: { adapters: adapterOptionsFromEnv(deps.env) } }),
  });
}

/** How the all-in-one mesh (tools/mesh) builds, guards and seeds this subgraph; it finds it by mesh.manifest.json. */
export const meshModule = {
  policies,
  create: (deps: OrdersDeps & MeshExtras) =>
    createOrdersSubgraph({
      ...deps,
      options: { adapters: deps.adapterEnv ? adapterOptionsFromEnv(deps.adapterEnv) : {} },
    }),
  seed: (subgraph: OrdersSubgraph, dataset: OrdersSeed, observedAt: string) =>
    seedOrders(subgraph.orders, dataset, observedAt),
};

/** What the mesh adds to the factory's deps: where adapters read their settings (absent: none configured). */
interface MeshExtras {
  adapterEnv?: NodeJS.ProcessEnv;
}

if (isMain(import.meta.url)) await runMain('orders', main);
