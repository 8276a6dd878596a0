import { DEFAULT_REDIS_PREFIX, type RedisClient } from '../redis.js';

/**
 * Apollo Server's cache interface (`@apollo/utils.keyvaluecache`), restated so this package does not depend on
 * the copy nested inside @apollo/server. `ttl` is in seconds; null means no expiry.
 */
export interface KeyValueCache<V = string> {
  get(key: string): Promise<V | undefined>;
  set(key: string, value: V, options?: { ttl?: number | null }): Promise<void>;
  delete(key: string): Promise<boolean | void>;
}

/** Dependencies of {@link createRedisKeyValueCache}. */
export interface RedisKeyValueCacheDeps {
  redis: RedisClient;
  /** Key prefix; default `fm:access:` (entries live under `<prefix>kv:`). */
  prefix?: string;
  /** TTL when the caller gives none; default 1 day, in seconds. */
  defaultTtlSeconds?: number;
}

/**
 * A Redis-backed cache for Apollo Server's automatic persisted queries (`persistedQueries: { cache }`): every
 * gateway instance sees a query registered through any other one.
 */
export function createRedisKeyValueCache(deps: RedisKeyValueCacheDeps): KeyValueCache<string> {
  const prefix = `${deps.prefix ?? DEFAULT_REDIS_PREFIX}kv:`;
  const defaultTtl = deps.defaultTtlSeconds ?? 86_400; // 1 day
  return {
    async get(key) {
      const value = await deps.redis.get(prefix + key);
      return typeof value === 'string' ? value : undefined;
    },
    async set(key, value, options) {
      const ttl = options?.ttl === undefined ? defaultTtl : options.ttl;
      if (ttl === null || ttl <= 0) await deps.redis.set(prefix + key, value);
      else await deps.redis.set(prefix + key, value, { expiration: { type: 'PX', value: Math.round(ttl * 1000) } });
    },
    async delete(key) {
      return (await deps.redis.del(prefix + key)) > 0;
    },
  };
}

/** Options of {@link createMemoryKeyValueCache}. */
export interface MemoryKeyValueCacheOptions {
  /** Entries kept; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** Clock in epoch milliseconds; default `Date.now`. */
  now?: () => number;
}

/** The in-process cache of the embedded mode: bounded, least recently used evicted first, TTL honoured. */
export function createMemoryKeyValueCache(options: MemoryKeyValueCacheOptions = {}): KeyValueCache<string> {
  const maxEntries = options.maxEntries ?? 10_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on read keeps the least recently used first.
  const entries = new Map<string, { value: string; expiresAt: number }>();
  return {
    async get(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      entries.delete(key);
      if (entry.expiresAt <= now()) return undefined;
      entries.set(key, entry);
      return entry.value;
    },
    async set(key, value, setOptions) {
      const ttl = setOptions?.ttl;
      entries.delete(key);
      entries.set(key, { value, expiresAt: ttl ? now() + ttl * 1000 : Number.POSITIVE_INFINITY });
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}
