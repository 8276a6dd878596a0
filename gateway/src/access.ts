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
} from '@fulfillment-mesh/access';

/** How the gateway governs access; built once at start-up from config. */
export interface GatewayAccessConfig {
  /** Shared with every subgraph (`FM_IDENTITY_SECRET`, ≥ 32 bytes): signs the identity forwarded to them. */
  identitySecret: string;
  /** Connected Redis (`REDIS_URL`): API keys, manifests, APQ and rate limits shared by every gateway instance. */
  redis?: RedisClient;
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
  plugins(supergraphSdl: string): ReturnType<typeof persistedOperationsPlugin | typeof operationLimitsPlugin | typeof introspectionPlugin>[];
  identitySecret: string;
}

/** Builds identity, rate limits, persisted operations and cost limits from config (Redis when given). */
export function createGatewayAccess(config: GatewayAccessConfig): GatewayAccess {
  const prefix = config.redisPrefix ? { prefix: config.redisPrefix } : {};
  const dir = join(config.dataDir ?? 'data', 'access');
  const clients = config.redis ? createRedisClientStore({ redis: config.redis, ...prefix }) : createFileClientStore({ dir });
  const manifests = config.redis ? createRedisManifestRegistry({ redis: config.redis, ...prefix }) : createFileManifestRegistry({ dir });
  const apqCache = config.redis ? createRedisKeyValueCache({ redis: config.redis, ...prefix }) : createMemoryKeyValueCache();
  const limiter =
    config.rateLimit === false
      ? undefined
      : config.redis
        ? createRedisRateLimiter({ redis: config.redis, bucket: DEFAULT_BUCKETS.storefront, ...prefix })
        : createMemoryRateLimiter({ bucket: DEFAULT_BUCKETS.storefront });
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
