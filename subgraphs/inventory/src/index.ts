import { pathToFileURL } from 'node:url';
import { createMemoryEventBus, createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, envInt, envString, loadManifest, manifestDirectory, onShutdown, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { adapterOptionsFromEnv } from './adapters/index.js';
import { createInventorySubgraph } from './server.js';

/**
 * Starts the inventory subgraph alone. Reads `PORT` (default from mesh.manifest.json), `HOST` (127.0.0.1),
 * `MONGODB_URI` (else the embedded store under `DATA_DIR`, default ./data), `REDIS_URL` (the event backbone;
 * else an in-process bus, which only this process sees), `LOG_LEVEL`, and the adapters' `WMS_WEBHOOK_SECRET`,
 * `ERP_WEBHOOK_SECRET`, `ERP_URL`, `ERP_TOLERANCE_UNITS`, `ERP_TOLERANCE_PERCENT`, `EDI_SENDER_QUALIFIER`,
 * `EDI_SENDER_ID` and `EDI_PARTNERS` (ADAPTERS.md).
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'inventory' });
  const manifest = loadManifest(env);
  const port = envInt(env, 'PORT', manifest.subgraphs.find((s) => s.name === 'inventory')?.port ?? 4002);
  const store = await openStore({ subgraph: 'inventory', mongodbUri: envString(env, 'MONGODB_URI'), dataDir: envString(env, 'DATA_DIR') });
  const redisUrl = envString(env, 'REDIS_URL');
  const bus = redisUrl ? await createRedisEventBus({ url: redisUrl, logger }) : createMemoryEventBus({ logger });
  const subgraph = await createInventorySubgraph({ store, logger, bus, services: manifestDirectory(manifest), adapters: adapterOptionsFromEnv(env) });
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, async () => {
    await service.close();
    await bus.close();
  });
  return service;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
