import { createLogger, type Logger, type RedisConnectionState } from '@fulfillment-mesh/runtime';
import { accessRedisPrefix, DEFAULT_REDIS_PREFIX, openAccessRedis, type RedisClient } from './redis.js';
import { withLocalReplayFallback } from './redis-fallback.js';

/**
 * Remembers the fetch ids of the identity headers a subgraph accepted, for as long as each header is valid, so
 * that a header captured on the wire cannot be sent again (issue 12: replayed within its 60 s window).
 */
export interface ReplayGuard {
  /** True the first time `fetchId` is seen before `expiresAt` (epoch ms); false for a replay (or one it can no longer tell). */
  firstSighting(fetchId: string, expiresAt: number, now?: number): Promise<boolean>;
}

/** Options of {@link createMemoryReplayGuard}. */
export interface MemoryReplayGuardOptions {
  /** Most fetch ids remembered at once; default 100_000 (about 10 MB). */
  maxEntries?: number;
}

/**
 * A replay guard for one process, in bounded memory. Ids are kept in arrival order and dropped once expired; when
 * more than `maxEntries` are still valid, the oldest is dropped and its expiry becomes a floor: headers expiring
 * at or before the floor are refused, because the guard could no longer tell whether it saw them. So memory stays
 * bounded and no replay is ever let through; under a flood only the oldest still-valid headers are refused.
 */
export function createMemoryReplayGuard(options: MemoryReplayGuardOptions = {}): ReplayGuard {
  const maxEntries = options.maxEntries ?? 100_000;
  const seen = new Map<string, number>();
  let floor = 0;
  return {
    async firstSighting(fetchId, expiresAt, now = Date.now()) {
      // Headers come with the same lifetime, so arrival order is (nearly) expiry order: trimming stops at the first live one.
      for (const [id, expiry] of seen) {
        if (expiry > now) break;
        seen.delete(id);
      }
      if (expiresAt <= floor || seen.has(fetchId)) return false;
      seen.set(fetchId, expiresAt);
      if (seen.size > maxEntries) {
        const [oldest, expiry] = seen.entries().next().value as [string, number];
        seen.delete(oldest);
        floor = Math.max(floor, expiry);
      }
      return true;
    },
  };
}

/** Options of {@link createRedisReplayGuard}. */
export interface RedisReplayGuardOptions {
  redis: RedisClient;
  /** Key prefix; default `fm:access:` (keys are `<prefix>replay:<fetch id>`). */
  prefix?: string;
}

/**
 * A replay guard shared by every replica (and every subgraph) through Redis: `SET NX` with the header's remaining
 * lifetime, so Redis expires each id when its header could no longer be accepted anyway.
 */
export function createRedisReplayGuard(options: RedisReplayGuardOptions): ReplayGuard {
  const prefix = `${options.prefix ?? DEFAULT_REDIS_PREFIX}replay:`;
  return {
    async firstSighting(fetchId, expiresAt, now = Date.now()) {
      const ttl = Math.max(1, Math.ceil(expiresAt - now));
      return (await options.redis.set(`${prefix}${fetchId}`, '1', { NX: true, PX: ttl })) === 'OK';
    },
  };
}

/**
 * The replay guard of a service run alone: shared through Redis when `REDIS_URL` is set (replicas and the other
 * subgraphs see the same ids), else in this process's memory. `close` ends the Redis connection.
 */
export async function replayGuardFromEnv(
  env: NodeJS.ProcessEnv,
  logger?: Logger,
): Promise<{ guard: ReplayGuard; state?: RedisConnectionState; close(): Promise<void> }> {
  const url = env.REDIS_URL;
  if (!url) return { guard: createMemoryReplayGuard(), close: async () => {} };
  const log = logger ?? createLogger({ service: 'replay-guard' });
  const { redis, state, close } = await openAccessRedis(url, { logger: log, name: 'replay-guard' });
  // While Redis is down a header is still refused the second time it reaches this process.
  const guard = withLocalReplayFallback(
    createRedisReplayGuard({ redis, prefix: accessRedisPrefix(env) }),
    createMemoryReplayGuard(),
    log,
  );
  return { guard, state, close };
}
