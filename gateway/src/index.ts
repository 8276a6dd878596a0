import { join } from 'node:path';
import {
  API_KEY_CACHE_MS,
  createFileUsageStore,
  createRedisUsageStore,
  createUsageRecorder,
  DEFAULT_USAGE_FLUSH_MS,
  DEFAULT_USAGE_RETENTION_DAYS,
  identitySecretFromEnv,
  accessRedisPrefix,
  openAccessRedis,
  type Client,
} from '@fulfillment-mesh/access';
import { createRedisEventBus } from '@fulfillment-mesh/events';
import { isMain, runMain } from '@fulfillment-mesh/host';
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
 * `MAX_BODY_BYTES`, `API_KEY_CACHE_MS` (how long a verified API key still passes while Redis is down, default
 * 5 minutes), `SHUTDOWN_TIMEOUT_MS`, `LOG_LEVEL`, and usage reporting: `USAGE_REPORTING=off` (default on),
 * `USAGE_FLUSH_MS` (default 5 s), `USAGE_RETENTION_DAYS` (default 90); counts go to Redis under
 * `<REDIS_PREFIX>:usage:` or, without Redis, to `DATA_DIR/usage/usage.json`. With `REDIS_URL` it also serves
 * subscriptions (graphql-ws on /graphql, SSE on /graphql/stream) from the shared event streams.
 */
export async function main(env: NodeJS.ProcessEnv = process.env) {
  // OTLP traces when OTEL_EXPORTER_OTLP_ENDPOINT is set (every OTEL_* variable applies); off and free otherwise.
  const tracing = startTracing({ serviceName: 'gateway', env });
  const logger = createLogger({ service: 'gateway' });
  const manifest = loadManifest(env);
  const identitySecret = identitySecretFromEnv(env);
  const redisUrl = envString(env, 'REDIS_URL');
  // Start-up does not wait for Redis: the gateway serves what it can and /readyz says `redis unavailable`.
  const accessRedis = redisUrl ? await openAccessRedis(redisUrl, { logger, name: 'gateway-access' }) : undefined;
  const jwksUrl = envString(env, 'FM_JWT_JWKS_URL');
  const access = createGatewayAccess({
    identitySecret,
    logger,
    apiKeyCacheMs: envInt(env, 'API_KEY_CACHE_MS', API_KEY_CACHE_MS),
    ...(accessRedis ? { redis: accessRedis.redis, redisPrefix: accessRedisPrefix(env) } : {}),
    dataDir: envString(env, 'DATA_DIR') ?? 'data',
    ...(jwksUrl
      ? {
          jwt: {
            jwks: { url: jwksUrl },
            issuer: envString(env, 'FM_JWT_ISSUER') ?? '',
            audience: envString(env, 'FM_JWT_AUDIENCE') ?? 'fulfillment-mesh',
          },
        }
      : {}),
    ...(env.FM_ANONYMOUS === 'off' ? { anonymous: false as const } : {}),
  });
  // Subscriptions follow the shared Redis streams; a gateway without Redis has none (an in-process bus would
  // see no other process's events).
  const bus = redisUrl
    ? await createRedisEventBus({ url: redisUrl, prefix: envString(env, 'REDIS_PREFIX') ?? 'fm', logger })
    : undefined;
  const dataDir = envString(env, 'DATA_DIR') ?? 'data';
  const retentionDays = envInt(env, 'USAGE_RETENTION_DAYS', DEFAULT_USAGE_RETENTION_DAYS);
  const recorder =
    env.USAGE_REPORTING === 'off'
      ? undefined
      : createUsageRecorder({
          store: accessRedis
            ? createRedisUsageStore({
                redis: accessRedis.redis,
                prefix: `${envString(env, 'REDIS_PREFIX') ?? 'fm'}:usage:`,
                retentionDays,
              })
            : createFileUsageStore({ dir: join(dataDir, 'usage'), retentionDays }),
          flushMs: envInt(env, 'USAGE_FLUSH_MS', DEFAULT_USAGE_FLUSH_MS),
          logger,
        });
  const gateway = createGateway<Client>({
    subgraphs: manifest.subgraphs,
    supergraphSdl: readSupergraph(manifest),
    logger,
    access,
    ...(accessRedis ? { connections: [accessRedis.state] } : {}),
    ...(bus ? { subscriptions: meshSubscriptions({ bus, root: manifest.root, access }) } : {}),
    maxBodyBytes: envInt(env, 'MAX_BODY_BYTES', 1024 * 1024),
    console: { dir: consoleDir(manifest.root), ide: ideEnabled(env) },
    usage: recorder ? { recorder } : {},
  });
  const service = await gateway.serve({
    port: envInt(env, 'PORT', manifest.gateway.port),
    host: envString(env, 'HOST') ?? '127.0.0.1',
  });
  onShutdown(
    logger,
    async () => {
      await service.close();
      await bus?.close();
      await accessRedis?.close();
      await tracing?.shutdown();
    },
    { drain: () => service.drain() },
  );
  return service;
}

if (isMain(import.meta.url)) await runMain('gateway', main);
