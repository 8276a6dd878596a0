import { pathToFileURL } from 'node:url';
import { createMemoryEventBus, createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, envInt, envString, loadManifest, manifestDirectory, onShutdown, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { adapterOptionsFromEnv } from './adapters/index.js';
import { createOrdersSubgraph } from './server.js';

/**
 * Starts the orders subgraph alone. Reads `PORT` (default from mesh.manifest.json), `HOST` (127.0.0.1),
 * `MONGODB_URI` (else the embedded store under `DATA_DIR`, default ./data), `REDIS_URL` (the event backbone;
 * else an in-process bus, which only this process sees), `CATALOG_URL`/`INVENTORY_URL` (via the manifest)
 * and `LOG_LEVEL`; the adapters read `SHOPIFY_WEBHOOK_SECRET`, `WOOCOMMERCE_WEBHOOK_SECRET`, `EDI_API_TOKEN`,
 * `EDI_SELF_ID`/`EDI_SELF_QUALIFIER`, `EDI_DEFAULT_COUNTRY`/`EDI_DEFAULT_CURRENCY`, `ERP_URL` and `ERP_API_TOKEN`
 * (see ADAPTERS.md).
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'orders' });
  const manifest = loadManifest(env);
  const port = envInt(env, 'PORT', manifest.subgraphs.find((s) => s.name === 'orders')?.port ?? 4003);
  const store = await openStore({ subgraph: 'orders', mongodbUri: envString(env, 'MONGODB_URI'), dataDir: envString(env, 'DATA_DIR') });
  const redisUrl = envString(env, 'REDIS_URL');
  const bus = redisUrl ? await createRedisEventBus({ url: redisUrl, logger }) : createMemoryEventBus({ logger });
  const subgraph = await createOrdersSubgraph({ store, logger, bus, services: manifestDirectory(manifest), options: { adapters: adapterOptionsFromEnv(env) } });
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, async () => {
    await service.close();
    await bus.close();
  });
  return service;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
