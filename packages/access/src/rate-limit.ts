import type { GraphQLError } from 'graphql';
import type { Client } from './client.js';
import { accessError } from './errors.js';

/** A token bucket: `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface BucketConfig {
  /** Largest burst, in tokens (requests at cost 1). */
  capacity: number;
  /** Sustained rate, in tokens per second (must be > 0). */
  refillPerSecond: number;
}

/** Outcome of one {@link RateLimiter.consume}. */
export interface RateLimitResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** The bucket's capacity. */
  limit: number;
  /** When refused: milliseconds until enough tokens are back (0 when allowed). */
  retryAfterMs: number;
  /** Milliseconds until the bucket is full again. */
  resetMs: number;
}

/** Per-key token buckets; the Redis implementation is shared by every gateway instance. */
export interface RateLimiter {
  /** Takes `cost` tokens (default 1) from `key`'s bucket (default: the limiter's bucket) if it holds enough. */
  consume(key: string, options?: { cost?: number; bucket?: BucketConfig }): Promise<RateLimitResult>;
}

/** Default buckets per client kind, in requests: bursts of `capacity`, sustained `refillPerSecond`. */
export const DEFAULT_BUCKETS: Readonly<Record<Client['kind'], BucketConfig>> = {
  storefront: { capacity: 100, refillPerSecond: 20 },
  partner: { capacity: 60, refillPerSecond: 5 },
  console: { capacity: 120, refillPerSecond: 20 },
  operator: { capacity: 300, refillPerSecond: 50 },
  service: { capacity: 600, refillPerSecond: 100 },
};

/** The bucket key of a client: its id, except anonymous callers, who share an id and so are told apart by address. */
export function rateLimitKey(client: Client, remoteAddress?: string): string {
  return client.anonymous ? `anon:${remoteAddress ?? 'unknown'}` : `client:${client.id}`;
}

/** IETF RateLimit headers (`RateLimit-Limit`, `-Remaining`, `-Reset` in seconds) and `Retry-After` on refusal. */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Limit': String(result.limit),
    'RateLimit-Remaining': String(result.remaining),
    'RateLimit-Reset': String(Math.ceil(result.resetMs / 1000)),
  };
  if (!result.allowed) headers['Retry-After'] = String(Math.max(1, Math.ceil(result.retryAfterMs / 1000)));
  return headers;
}

/** The RATE_LIMITED error of a refused request (send it with status 429 and {@link rateLimitHeaders}). */
export function rateLimitError(result: RateLimitResult): GraphQLError {
  const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
  return accessError('RATE_LIMITED', `Rate limit of ${result.limit} requests exceeded; retry in ${seconds} s`, {
    limit: result.limit,
    retryAfterSeconds: seconds,
  });
}

/** Checks a bucket and a cost, failing fast on configurations that could never admit anything. */
export function validateBucket(bucket: BucketConfig, cost: number): void {
  if (!(bucket.capacity > 0) || !(bucket.refillPerSecond > 0))
    throw new Error(`A rate-limit bucket needs capacity > 0 and refillPerSecond > 0, got ${JSON.stringify(bucket)}`);
  if (!(cost >= 0) || !Number.isFinite(cost))
    throw new Error(`A rate-limit cost must be a finite number >= 0, got ${cost}`);
}

/** The token-bucket arithmetic both implementations share (the Lua script mirrors it). */
export function refill(
  state: { tokens: number; at: number } | undefined,
  bucket: BucketConfig,
  cost: number,
  now: number,
) {
  const perMs = bucket.refillPerSecond / 1000;
  let tokens = state ? Math.min(bucket.capacity, state.tokens + Math.max(0, now - state.at) * perMs) : bucket.capacity;
  const allowed = tokens >= cost;
  if (allowed) tokens -= cost;
  const result: RateLimitResult = {
    allowed,
    remaining: Math.floor(tokens),
    limit: bucket.capacity,
    // A cost above capacity can never pass: the wait shown is a full refill, the most that can help.
    retryAfterMs: allowed ? 0 : Math.ceil((Math.min(cost, bucket.capacity) - tokens) / perMs),
    resetMs: Math.ceil((bucket.capacity - tokens) / perMs),
  };
  return { tokens, result };
}

/** Options of {@link createMemoryRateLimiter}. */
export interface MemoryRateLimiterOptions {
  bucket: BucketConfig;
  /** Clock in epoch milliseconds; default `Date.now`. */
  now?: () => number;
  /** Buckets kept before full ones are dropped; default 100 000. */
  maxKeys?: number;
}

/** Token buckets in this process (embedded mode, tests); same results as the Redis limiter. */
export function createMemoryRateLimiter(options: MemoryRateLimiterOptions): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 100_000;
  return {
    async consume(key, { cost = 1, bucket = options.bucket } = {}) {
      validateBucket(bucket, cost);
      const at = now();
      const { tokens, result } = refill(buckets.get(key), bucket, cost, at);
      if (buckets.size >= maxKeys && !buckets.has(key)) sweep(at, bucket);
      buckets.set(key, { tokens, at });
      return result;
    },
  };

  /** Drops buckets that have refilled completely: forgetting them changes nothing. */
  function sweep(at: number, bucket: BucketConfig) {
    for (const [key, state] of buckets) {
      if (refill(state, bucket, 0, at).tokens >= bucket.capacity) buckets.delete(key);
    }
  }
}
