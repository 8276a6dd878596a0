import { pathToFileURL } from 'node:url';
import { createMemoryEventBus, createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, envInt, envString, loadManifest, manifestDirectory, onShutdown, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { adapterOptionsFromEnv, createShipmentsSubgraph } from './server.js';

/**
 * Starts the shipments subgraph alone. Reads `PORT` (default from mesh.manifest.json), `HOST` (127.0.0.1),
 * `MONGODB_URI` (else the embedded store under `DATA_DIR`, default ./data), `REDIS_URL` (the event backbone;
 * else an in-process bus, which only this process sees), `LOG_LEVEL`, and the adapters' variables (ADAPTERS.md:
 * `WMS_WEBHOOK_SECRET`, `EASYPOST_WEBHOOK_SECRET`, `EDI_WEBHOOK_SECRET`, `ERP_URL`, …).
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'shipments' });
  const manifest = loadManifest(env);
  const port = envInt(env, 'PORT', manifest.subgraphs.find((s) => s.name === 'shipments')?.port ?? 4004);
  const store = await openStore({ subgraph: 'shipments', mongodbUri: envString(env, 'MONGODB_URI'), dataDir: envString(env, 'DATA_DIR') });
  const redisUrl = envString(env, 'REDIS_URL');
  const bus = redisUrl ? await createRedisEventBus({ url: redisUrl, logger }) : createMemoryEventBus({ logger });
  const subgraph = await createShipmentsSubgraph({ store, logger, bus, services: manifestDirectory(manifest), adapters: adapterOptionsFromEnv(env) });
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, async () => {
    await service.close();
    await bus.close();
  });
  return service;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
