import { isMain, runMain, runSubgraph } from '@fulfillment-mesh/host';
import { policies } from './schema/policies.js';
import {
  adapterOptionsFromEnv,
  createShipmentsSubgraph,
  type ShipmentsDeps,
  type ShipmentsSubgraph,
} from './server.js';
import { seedShipments, type ShipmentsSeed } from './seed.js';

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

/** How the all-in-one mesh (tools/mesh) builds, guards and seeds this subgraph; it finds it by mesh.manifest.json. */
export const meshModule = {
  policies,
  create: (deps: ShipmentsDeps & MeshExtras) =>
    createShipmentsSubgraph({ ...deps, adapters: deps.adapterEnv ? adapterOptionsFromEnv(deps.adapterEnv) : {} }),
  seed: (subgraph: ShipmentsSubgraph, dataset: ShipmentsSeed, observedAt: string) =>
    seedShipments(subgraph.shipments, dataset, observedAt),
};

/** What the mesh adds to the factory's deps: where adapters read their settings (absent: none configured). */
interface MeshExtras {
  adapterEnv?: NodeJS.ProcessEnv;
}

if (isMain(import.meta.url)) await runMain('shipments', main);
