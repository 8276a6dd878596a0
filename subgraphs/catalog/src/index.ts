import { isMain, runMain, runSubgraph } from '@fulfillment-mesh/host';
import { envInt, envString } from '@fulfillment-mesh/runtime';
import type { CatalogAdapterOptions } from './adapters/index.js';
import { policies } from './schema/policies.js';
import { createCatalogSubgraph, type CatalogDeps, type CatalogSubgraph } from './server.js';
import { seedCatalog, type CatalogSeed } from './seed.js';

/**
 * Starts the catalog subgraph as its own service. Besides what every service reads (see `runSubgraph`:
 * PORT, HOST, MONGODB_URI, DATA_DIR, REDIS_URL, FM_IDENTITY_SECRET, LOG_LEVEL), the ERP item import and PIM webhook read `ERP_WEBHOOK_SECRET`, `PIM_WEBHOOK_SECRET`, `ERP_URL`,
 * `ERP_ITEMS_IMPORT_INTERVAL_MS` and `IMPORT_JOB_THRESHOLD_BYTES` (see ADAPTERS.md).
 */
export function main(env: NodeJS.ProcessEnv = process.env) {
  return runSubgraph({
    name: 'catalog',
    env,
    policies,
    create: (deps) => createCatalogSubgraph({ ...deps, adapters: adapterOptions(deps.env) }),
  });
}

/**
 * The adapters' settings from the environment: `PIM_WEBHOOK_SECRET`, `ERP_WEBHOOK_SECRET` (each may list
 * several comma-separated secrets during a rotation), `ERP_URL` and `ERP_ITEMS_IMPORT_INTERVAL_MS`.
 */
export function adapterOptions(env: NodeJS.ProcessEnv): CatalogAdapterOptions {
  const secrets = (name: string) => {
    const list = (envString(env, name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return list.length > 0 ? list : undefined;
  };
  const pimWebhookSecret = secrets('PIM_WEBHOOK_SECRET');
  const erpWebhookSecret = secrets('ERP_WEBHOOK_SECRET');
  const erpUrl = envString(env, 'ERP_URL');
  return {
    ...(pimWebhookSecret ? { pimWebhookSecret } : {}),
    ...(erpWebhookSecret ? { erpWebhookSecret } : {}),
    ...(erpUrl ? { erpUrl } : {}),
    erpItemsIntervalMs: envInt(env, 'ERP_ITEMS_IMPORT_INTERVAL_MS', 0),
    importJobThresholdBytes: envInt(env, 'IMPORT_JOB_THRESHOLD_BYTES', 1024 * 1024), // 1 MiB
  };
}

/** How the all-in-one mesh (tools/mesh) builds, guards and seeds this subgraph; it finds it by mesh.manifest.json. */
export const meshModule = {
  policies,
  create: (deps: CatalogDeps & MeshExtras) =>
    createCatalogSubgraph({ ...deps, adapters: deps.adapterEnv ? adapterOptions(deps.adapterEnv) : {} }),
  seed: (subgraph: CatalogSubgraph, dataset: CatalogSeed, observedAt: string) =>
    seedCatalog(subgraph.products, dataset, observedAt),
};

/** What the mesh adds to the factory's deps: where adapters read their settings (absent: none configured). */
interface MeshExtras {
  adapterEnv?: NodeJS.ProcessEnv;
}

if (isMain(import.meta.url)) await runMain('catalog', main);
