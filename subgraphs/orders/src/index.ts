import { pathToFileURL } from 'node:url';
import { createLogger, envInt, envString, loadManifest, onShutdown, openStore, serveSubgraph } from '@fulfillment-mesh/runtime';
import { createOrdersSubgraph } from './server.js';

/**
 * Starts the orders subgraph alone. Reads `PORT` (default from mesh.manifest.json), `HOST` (127.0.0.1),
 * `MONGODB_URI` (else the embedded store under `DATA_DIR`, default ./data) and `LOG_LEVEL`.
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'orders' });
  const port = envInt(env, 'PORT', loadManifest(env).subgraphs.find((s) => s.name === 'orders')?.port ?? 4003);
  const store = await openStore({ subgraph: 'orders', mongodbUri: envString(env, 'MONGODB_URI'), dataDir: envString(env, 'DATA_DIR') });
  const subgraph = await createOrdersSubgraph({ store, logger });
  const service = await serveSubgraph(subgraph, { port, host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, () => service.close());
  return service;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
