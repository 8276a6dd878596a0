// Governed access for the mesh: who is calling (identity), what it may see (authorization), what it may run
// (persisted operations) and how much (rate, depth and cost limits), plus schema governance.

// Clients and errors
export * from './client.js';
export * from './errors.js';
export * from './headers.js';

// Identity: API keys, JWTs, anonymous access; the signed gateway → subgraph header
export * from './identity/api-keys.js';
export * from './identity/client-store.js';
export * from './identity/redis-client-store.js';
export * from './identity/file-client-store.js';
export * from './identity/memory-client-store.js';
export * from './identity/jwt.js';
export * from './identity/authenticator.js';
export * from './internal-header.js';
export * from './replay-guard.js';
export * from './subgraph.js';

// Authorization from @authenticated / @requiresScopes / @policy; tenant isolation (the partner-owned policy)
export * from './authorization.js';
export * from './ownership.js';
export type { Requirement } from './authorization-directives.js';

// Limits: rate (token buckets), depth, aliases, batches, cost
export * from './rate-limit.js';
export * from './rate-limit-redis.js';
export * from './limits.js';
export * from './cost-config.js';

// Persisted operations: APQ cache, per-client trusted documents
export * from './persisted/apq-cache.js';
export * from './persisted/manifest.js';
export * from './persisted/redis-registry.js';
export * from './persisted/file-registry.js';
export * from './persisted/resolve.js';

// Apollo Server integration (gateway)
export * from './apollo/request-guard.js';
export * from './apollo/persisted-plugin.js';
export * from './apollo/limits-plugin.js';
export * from './apollo/introspection-plugin.js';
export { withHttpStatus } from './apollo/http-errors.js';

// Schema governance
export * from './schema-diff.js';
export * from './schema-report.js';

export { accessRedisPrefix, DEFAULT_REDIS_PREFIX, openAccessRedis, type RedisClient } from './redis.js';
export * from './subgraph-guard.js';
export * from './redis-fallback.js';

// Usage reporting (gateway → Redis or file) and its readers (operators, schema:check)
export * from './usage/coordinates.js';
export * from './usage/store.js';
export * from './usage/recorder.js';
export * from './usage/reader.js';
export * from './usage/checks.js';
