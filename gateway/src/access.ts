import { join } from 'node:path';
import {
  costConfigFromSdl,
  createAuthenticator,
  createFileClientStore,
  createFileManifestRegistry,
  createMemoryKeyValueCache,
  createMemoryRateLimiter,
  createRedisClientStore,
  createRedisKeyValueCache,
  createRedisManifestRegistry,
  createRedisRateLimiter,
  anonymousIntrospectionFromEnv,
  createRequestGuard,
  DEFAULT_BUCKETS,
  introspectionPlugin,
  operationLimitsPlugin,
  persistedOperationsPlugin,
  type AnonymousPolicy,
  type ClientStore,
  type JwtOptions,
  type ManifestRegistry,
  type RedisClient,
  withApiKeyCache,
  withLocalApqFallback,
  withLocalRateLimitFallback,
  withManifestCache,
} from '@fulfillment-mesh/access';
import type { Logger } from '@fulfillment-mesh/runtime';

/** How the gateway governs access; built once at start-up from config. */
export interface GatewayAccessConfig {
  /** Shared with every subgraph (`FM_IDENTITY_SECRET`, ≥ 32 bytes): signs the identity forwarded to them. */
  identitySecret: string;
  /**
   * Redis (`REDIS_URL`): API keys, manifests, APQ and rate limits shared by every gateway instance. While it is
   * down, keys verified in the last `apiKeyCacheMs` still pass, rate limits use a per-process bucket, APQ a
   * per-process cache and trusted documents the ones already served (see redis-fallback.ts).
   */
  redis?: RedisClient;
  /** How long a verified API key is still accepted while Redis is down; default 5 minutes (`API_KEY_CACHE_MS`). */
  apiKeyCacheMs?: number;
  /** Where the Redis fallbacks say (once per outage) that they took over. */
  logger?: Logger;
  /** Without Redis: where API keys and manifests live (`<DATA_DIR>/access`); APQ and rate limits stay in memory. */
  dataDir?: string;
  /** JWT bearer tokens (`FM_JWT_JWKS_URL`, `FM_JWT_ISSUER`, `FM_JWT_AUDIENCE`); omitted: refused. */
  jwt?: JwtOptions;
  /** Identity of requests without credentials; default read-only storefront; `false` requires credentials. */
  anonymous?: AnonymousPolicy | false;
  /** Turn rate limiting off (benchmarks and load tests only). */
  rateLimit?: boolean;
  /** Redis key prefix; default `fm:access:` (tests isolate themselves with another). */
  redisPrefix?: string;
  /** Whether anonymous callers may introspect; default `FM_ANONYMOUS_INTROSPECTION`, else off under NODE_ENV=production. */
  anonymousIntrospection?: boolean;
}

/** The pieces of access control the gateway's Apollo Server and data sources use. */
export interface GatewayAccess {
  guard: ReturnType<typeof createRequestGuard>;
  clients: ClientStore;
  manifests: ManifestRegistry;
  apqCache: ReturnType<typeof createMemoryKeyValueCache>;
  plugins(
    supergraphSdl: string,
  ): ReturnType<typeof persistedOperationsPlugin | typeof operationLimitsPlugin | typeof introspectionPlugin>[];
  identitySecret: string;
}

/** Builds identity, rate limits, persisted operations and cost limits from config (Redis when given). */
export function createGatewayAccess(config: GatewayAccessConfig): GatewayAccess {
  const prefix = config.redisPrefix ? { prefix: config.redisPrefix } : {};
  const dir = join(config.dataDir ?? 'data', 'access');
  const logger = config.logger;
  const keyCache = {
    ...(config.apiKeyCacheMs !== undefined ? { cacheMs: config.apiKeyCacheMs } : {}),
    ...(logger ? { logger } : {}),
  };
  const clients = config.redis
    ? withApiKeyCache(createRedisClientStore({ redis: config.redis, ...prefix }), keyCache)
    : createFileClientStore({ dir });
  const manifests = config.redis
    ? withManifestCache(createRedisManifestRegistry({ redis: config.redis, ...prefix }), logger ? { logger } : {})
    : createFileManifestRegistry({ dir });
  const apqCache = config.redis
    ? withLocalApqFallback(createRedisKeyValueCache({ redis: config.redis, ...prefix }), logger)
    : createMemoryKeyValueCache();
  const local = () => createMemoryRateLimiter({ bucket: DEFAULT_BUCKETS.storefront });
  const limiter =
    config.rateLimit === false
      ? undefined
      : config.redis
        ? withLocalRateLimitFallback(
            createRedisRateLimiter({ redis: config.redis, bucket: DEFAULT_BUCKETS.storefront, ...prefix }),
            local(),
            logger,
          )
        : local();
  const authenticate = createAuthenticator({
    apiKeys: clients,
    ...(config.jwt ? { jwt: config.jwt } : {}),
    ...(config.anonymous !== undefined ? { anonymous: config.anonymous } : {}),
  });
  const allowAnonymous = config.anonymousIntrospection ?? anonymousIntrospectionFromEnv(process.env);
  return {
    guard: createRequestGuard({ authenticate, ...(limiter ? { limiter } : {}) }),
    clients,
    manifests,
    apqCache,
    identitySecret: config.identitySecret,
    plugins: (supergraphSdl) => [
      persistedOperationsPlugin({ registry: manifests }),
      introspectionPlugin({ allowAnonymous }),
      operationLimitsPlugin({ costConfig: costConfigFromSdl([supergraphSdl]) }),
    ],
  };
}
