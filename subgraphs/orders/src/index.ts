import { isMain, runMain, runSubgraph } from '@fulfillment-mesh/host';
import { adapterOptionsFromEnv } from './adapters/index.js';
import { policies } from './schema/policies.js';
import { createOrdersSubgraph } from './server.js';

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

if (isMain(import.meta.url)) await runMain('orders', main);
