import { pathToFileURL } from 'node:url';
import { createLogger, envInt, envString, loadManifest, onShutdown, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { createShipmentsSubgraph } from './server.js';

/**
 * Starts the shipments subgraph alone. Reads `PORT` (default from mesh.manifest.json), `HOST` (127.0.0.1),
 * `MONGODB_URI` (else the embedded store under `DATA_DIR`, default ./data) and `LOG_LEVEL`.
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'shipments' });
  const port = envInt(env, 'PORT', loadManifest(env).subgraphs.find((s) => s.name === 'shipments')?.port ?? 4004);
  const store = await openStore({ subgraph: 'shipments', mongodbUri: envString(env, 'MONGODB_URI'), dataDir: envString(env, 'DATA_DIR') });
  const subgraph = await createShipmentsSubgraph({ store, logger });
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, () => service.close());
  return service;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
