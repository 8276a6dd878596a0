import { createClient } from 'redis';
import { identitySecretFromEnv, type Client, type RedisClient } from '@fulfillment-mesh/access';
import { createRedisEventBus } from '@fulfillment-mesh/events';
import { isMain } from '@fulfillment-mesh/host';
import { createLogger, envInt, envString, loadManifest, onShutdown, startTracing } from '@fulfillment-mesh/runtime';
import { createGatewayAccess } from './access.js';
import { meshSubscriptions } from './live.js';
import { consoleDir, ideEnabled } from './console.js';
import { createGateway, readSupergraph } from './server.js';

/**
 * Starts the gateway alone. Reads `PORT` (default from mesh.manifest.json), `HOST`, `<SUBGRAPH>_URL` for each
 * subgraph (defaults from the manifest), `FM_IDENTITY_SECRET` (required, shared with the subgraphs),
 * `REDIS_URL` (API keys, manifests, APQ and rate limits shared by every gateway instance; else files under
 * `DATA_DIR/access` and memory), `FM_JWT_JWKS_URL` + `FM_JWT_ISSUER` + `FM_JWT_AUDIENCE` (bearer tokens),
 * `FM_ANONYMOUS=off` (require credentials), `FM_ANONYMOUS_INTROSPECTION=on|off` (default off when
 * `NODE_ENV=production`), `FM_GRAPHQL_IDE=on|off` (the browser IDE; default off under NODE_ENV=production),
 * `MAX_BODY_BYTES` and `LOG_LEVEL`. With `REDIS_URL` it also serves
 * subscriptions (graphql-ws on /graphql, SSE on /graphql/stream) from the shared event streams.
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  // OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (every OTEL_* variable applies); off and free otherwise.
  const tracing = startTracing({ serviceName: 'gateway', env });
  const logger = createLogger({ service: 'gateway' });
  const manifest = loadManifest(env);
  const redisUrl = envString(env, 'REDIS_URL');
  const redis = redisUrl ? (createClient({ url: redisUrl }) as RedisClient) : undefined;
  await redis?.connect();
  const jwksUrl = envString(env, 'FM_JWT_JWKS_URL');
  const access = createGatewayAccess({
    identitySecret: identitySecretFromEnv(env),
    ...(redis ? { redis } : {}),
    dataDir: envString(env, 'DATA_DIR') ?? 'data',
    ...(jwksUrl ? { jwt: { jwks: { url: jwksUrl }, issuer: envString(env, 'FM_JWT_ISSUER') ?? '', audience: envString(env, 'FM_JWT_AUDIENCE') ?? 'fulfillment-mesh' } } : {}),
    ...(env.FM_ANONYMOUS === 'off' ? { anonymous: false as const } : {}),
  });
  // Subscriptions follow the shared Redis streams; a gateway without Redis has none (an in-process bus would
  // see no other process's events).
  const bus = redisUrl ? await createRedisEventBus({ url: redisUrl, prefix: envString(env, 'REDIS_PREFIX') ?? 'fm', logger }) : undefined;
  const gateway = createGateway<Client>({
    subgraphs: manifest.subgraphs,
    supergraphSdl: readSupergraph(manifest),
    logger,
    access,
    ...(bus ? { subscriptions: meshSubscriptions({ bus, root: manifest.root, access }) } : {}),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024),
    console: { dir: consoleDir(manifest.root), ide: ideEnabled(env) },
  });
  const service = await gateway.serve({ port: envInt(env, 'PORT', manifest.gateway.port), host: envString(env, 'HOST') ?? '127.0.0.1' });
  onShutdown(logger, async () => {
    await service.close();
    await bus?.close();
    await redis?.quit();
    await tracing?.shutdown();
  });
  return service;
}

if (isMain(import.meta.url)) await main();
