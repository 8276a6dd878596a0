import { DEFAULT_REDIS_PREFIX, luaScript, type RedisClient } from './redis.js';
import { validateBucket, type BucketConfig, type RateLimiter } from './rate-limit.js';

/** Dependencies of {@link createRedisRateLimiter}. */
export interface RedisRateLimiterDeps {
  redis: RedisClient;
  /** Default bucket. */
  bucket: BucketConfig;
  /** Key prefix; default `fm:access:`. */
  prefix?: string;
}

// One atomic step per request: refill by elapsed time, take `cost` if there is enough, store, expire once full.
// Redis's own clock (TIME) is used so gateway hosts with drifting clocks still share one consistent bucket.
const CONSUME = luaScript(`
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2]) / 1000
local cost = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
else
  tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
end
local allowed = 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
local resetMs = math.ceil((capacity - tokens) / perMs)
redis.call('PEXPIRE', KEYS[1], resetMs + 1000)
local retryMs = 0
if allowed == 0 then retryMs = math.ceil((math.min(cost, capacity) - tokens) / perMs) end
return { allowed, tostring(tokens), retryMs, resetMs }`);

/**
 * Token buckets in Redis (`<prefix>rl:<key>`), consumed by one atomic Lua script, so every gateway instance
 * draws from the same budget. Buckets expire once they would be full again (no state kept for idle clients).
 */
export function createRedisRateLimiter(deps: RedisRateLimiterDeps): RateLimiter {
  const prefix = deps.prefix ?? DEFAULT_REDIS_PREFIX;
  return {
    async consume(key, { cost = 1, bucket = deps.bucket } = {}) {
      validateBucket(bucket, cost);
      const reply = await CONSUME(deps.redis, [`${prefix}rl:${key}`], [bucket.capacity, bucket.refillPerSecond, cost]);
      if (!Array.isArray(reply) || reply.length !== 4)
        throw new Error(`Unexpected rate-limit script reply: ${JSON.stringify(reply)}`);
      const [allowed, tokens, retryAfterMs, resetMs] = reply as [number, string, number, number];
      return {
        allowed: allowed === 1,
        remaining: Math.floor(Number(tokens)),
        limit: bucket.capacity,
        retryAfterMs: Number(retryAfterMs),
        resetMs: Number(resetMs),
      };
    },
  };
}
