import { isMain, runMain, runSubgraph } from '@fulfillment-mesh/host';
import { policies } from './schema/policies.js';
import { adapterOptionsFromEnv, createShipmentsSubgraph } from './server.js';

/**
 * Starts the shipments subgraph as its own service. Besides what every service reads (see `runSubgraph`:
 * PORT, HOST, MONGODB_URI, DATA_DIR, REDIS_URL, FM_IDENTITY_SECRET, LOG_LEVEL), the WMS, EDI 945/856, EasyPost and ERP adapters read `WMS_WEBHOOK_SECRET`, `EDI_WEBHOOK_SECRET`,
 * `EDI_945_WAREHOUSES`, `EDI_SELF`, `EASYPOST_WEBHOOK_SECRET`, `ERP_WEBHOOK_SECRET`, `EDI_856_PARTNER`, `EDI_USAGE`
 * and `ERP_URL` (see ADAPTERS.md).
 */
export function main(env: NodeJS.ProcessEnv = process.env) {
  return runSubgraph({
    name: 'shipments',
    env,
    policies,
    create: (deps) => createShipmentsSubgraph({ ...deps, adapters: adapterOptionsFromEnv(deps.env) }),
  });
}

if (isMain(import.meta.url)) await runMain('shipments', main);
