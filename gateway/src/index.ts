import { pathToFileURL } from 'node:url';
import { createLogger, envInt, envString, loadManifest, onShutdown } from '@fulfillment-mesh/runtime';
import { createGateway, readSupergraph } from './server.js';

/**
 * Starts the gateway alone. Reads `PORT` (default from mesh.manifest.json), `HOST`, `<SUBGRAPH>_URL` for each
 * subgraph (defaults from the manifest), `MAX_BODY_BYTES` and `LOG_LEVEL`.
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  const logger = createLogger({ service: 'gateway' });
  const manifest = loadManifest(env);
  const gateway = createGateway({
    subgraphs: manifest.subgraphs,
    supergraphSdl: readSupergraph(manifest),
    logger,
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024),
  });
  const service = await gateway.serve({ port: envInt(env, 'PORT', manifest.gateway.port), host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, () => service.close());
  return service;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
