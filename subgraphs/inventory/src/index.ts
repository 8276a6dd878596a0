import { isMain, runMain, runSubgraph } from '@fulfillment-mesh/host';
import { adapterOptionsFromEnv } from './adapters/index.js';
import { policies } from './schema/policies.js';
import { createInventorySubgraph, type InventoryDeps, type InventorySubgraph } from './server.js';
import { seedInventory, type InventorySeed } from './seed.js';

/**
 * Starts the inventory subgraph as its own service. Besides what every service reads (see `runSubgraph`:
 * PORT, HOST, MONGODB_URI, DATA_DIR, REDIS_URL, FM_IDENTITY_SECRET, LOG_LEVEL), the WMS, ERP and EDI 846 adapters read `WMS_WEBHOOK_SECRET`, `ERP_WEBHOOK_SECRET`, `ERP_URL`,
 * `ERP_TOLERANCE_UNITS`, `ERP_TOLERANCE_PERCENT`, `EDI_PARTNERS`, `EDI_SENDER_QUALIFIER`, `EDI_SENDER_ID`; the channel
 * ATP syncs read `SHOPIFY_*`, `WOOCOMMERCE_*`, `BIGCOMMERCE_*`, `CHANNEL_ATP_WINDOW_MS`, `CHANNEL_ATP_FULL_PUSH_MS`
 * and `SHOPIFY_WEBHOOK_SECRET` (see ADAPTERS.md, "Channel ATP out").
 */
export function main(env: NodeJS.ProcessEnv = process.env) {
  return runSubgraph({
    name: 'inventory',
    env,
    policies,
    create: (deps) => createInventorySubgraph({ ...deps, adapters: adapterOptionsFromEnv(deps.env) }),
  });
}

/** How the all-in-one mesh (tools/mesh) builds, guards and seeds this subgraph; it finds it by mesh.manifest.json. */
export const meshModule = {
  policies,
  create: (deps: InventoryDeps & MeshExtras) =>
    createInventorySubgraph({ ...deps, adapters: deps.adapterEnv ? adapterOptionsFromEnv(deps.adapterEnv) : {} }),
  seed: (subgraph: InventorySubgraph, dataset: InventorySeed, observedAt: string) =>
    seedInventory(subgraph.inventory, dataset, observedAt),
};

/** What the mesh adds to the factory's deps: where adapters read their settings (absent: none configured). */
interface MeshExtras {
  adapterEnv?: NodeJS.ProcessEnv;
}

if (isMain(import.meta.url)) await runMain('inventory', main);
