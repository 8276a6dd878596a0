import { pathToFileURL } from 'node:url';
import { createMemoryEventBus, createRedisEventBus } from '@fulfillment-mesh/events';
import { createLogger, envInt, envString, loadManifest, manifestDirectory, onShutdown, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import type { CatalogAdapterOptions } from './adapters/index.js';
import { createCatalogSubgraph } from './server.js';

/**
 * Starts the catalog subgraph alone. Reads `PORT` (default from mesh.manifest.json), `HOST` (127.0.0.1),
 * `MONGODB_URI` (else the embedded store under `DATA_DIR`, default ./data), `REDIS_URL` (the event backbone;
 * else an in-process bus), `LOG_LEVEL`, and the adapters' settings (see {@link adapterOptions} and ADAPTERS.md).
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'catalog' });
  const manifest = loadManifest(env);
  const port = envInt(env, 'PORT', manifest.subgraphs.find((s) => s.name === 'catalog')?.port ?? 4001);
  const store = await openStore({ subgraph: 'catalog', mongodbUri: envString(env, 'MONGODB_URI'), dataDir: envString(env, 'DATA_DIR') });
  const redisUrl = envString(env, 'REDIS_URL');
  const bus = redisUrl ? await createRedisEventBus({ url: redisUrl, logger }) : createMemoryEventBus({ logger });
  const subgraph = await createCatalogSubgraph({ store, logger, bus, services: manifestDirectory(manifest), adapters: adapterOptions(env) });
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, async () => {
    await service.close();
    await bus.close();
  });
  return service;
}

/**
 * The adapters' settings from the environment: `PIM_WEBHOOK_SECRET`, `ERP_WEBHOOK_SECRET` (each may list
 * several comma-separated secrets during a rotation), `ERP_URL` and `ERP_ITEMS_IMPORT_INTERVAL_MS`.
 */
export function adapterOptions(env: NodeJS.ProcessEnv): CatalogAdapterOptions {
  const secrets = (name: string) => {
    const list = (envString(env, name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
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
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
