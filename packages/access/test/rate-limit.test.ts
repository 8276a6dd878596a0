import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemoryRateLimiter,
  createRedisRateLimiter,
  rateLimitError,
  rateLimitHeaders,
  rateLimitKey,
  type RateLimiter,
} from '../src/index.js';
import type { RedisClient } from '../src/redis.js';
import { connectRedis, deleteKeys, randomPrefix } from './helpers.js';

describe('a token bucket in memory', () => {
  it('admits a burst of `capacity`, then refills at the configured rate', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter({ bucket: { capacity: 3, refillPerSecond: 1 }, now: () => now });
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.consume('client:a'));
    expect(results.map((r) => [r.allowed, r.remaining])).toEqual([
      [true, 2],
      [true, 1],
      [true, 0],
      [false, 0],
    ]);
    expect(results[3]).toEqual({ allowed: false, remaining: 0, limit: 3, retryAfterMs: 1000, resetMs: 3000 });
    now += 500;
    expect(await limiter.consume('client:a')).toMatchObject({ allowed: false, retryAfterMs: 500 });
    now += 500;
    expect(await limiter.consume('client:a')).toMatchObject({ allowed: true, remaining: 0 });
    expect(await limiter.consume('client:b')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('charges a cost and refuses a cost above capacity', async () => {
    const limiter = createMemoryRateLimiter({ bucket: { capacity: 10, refillPerSecond: 10 }, now: () => 0 });
    expect(await limiter.consume('k', { cost: 7 })).toMatchObject({ allowed: true, remaining: 3 });
    expect(await limiter.consume('k', { cost: 11 })).toMatchObject({ allowed: false, remaining: 3, retryAfterMs: 700 });
  });
});

describe('rate-limit headers', () => {
  it('tell the budget, and the wait in seconds once refused', () => {
    expect(rateLimitHeaders({ allowed: true, remaining: 4, limit: 5, retryAfterMs: 0, resetMs: 1200 })).toEqual({
      'RateLimit-Limit': '5',
      'RateLimit-Remaining': '4',
      'RateLimit-Reset': '2',
    });
    const refused = { allowed: false, remaining: 0, limit: 5, retryAfterMs: 1500, resetMs: 9000 };
    expect(rateLimitHeaders(refused)).toMatchObject({ 'Retry-After': '2', 'RateLimit-Reset': '9' });
    expect(rateLimitError(refused).extensions).toEqual({ code: 'RATE_LIMITED', limit: 5, retryAfterSeconds: 2 });
  });

  it('key anonymous callers by address and clients by id', () => {
    expect(rateLimitKey({ id: 'anonymous', kind: 'storefront', scopes: [], anonymous: true }, '10.0.0.7')).toBe(
      'anon:10.0.0.7',
    );
    expect(rateLimitKey({ id: 'web-shop', kind: 'storefront', scopes: [] }, '10.0.0.7')).toBe('client:web-shop');
  });
});

describe('token buckets in Redis', () => {
  const prefix = randomPrefix();
  let first: RedisClient;
  let second: RedisClient;
  let gatewayA: RateLimiter;
  let gatewayB: RateLimiter;
  // 100 seconds per token: nothing refills while the test runs.
  const bucket = { capacity: 5, refillPerSecond: 0.01 };

  beforeAll(async () => {
    [first, second] = await Promise.all([connectRedis(), connectRedis()]);
    gatewayA = createRedisRateLimiter({ redis: first, prefix, bucket });
    gatewayB = createRedisRateLimiter({ redis: second, prefix, bucket });
  });
  afterAll(async () => {
    await deleteKeys(first, prefix);
    await Promise.all([first.quit(), second.quit()]);
  });

  it('share one budget between two gateway instances', async () => {
    const a = [
      await gatewayA.consume('client:acme'),
      await gatewayA.consume('client:acme'),
      await gatewayA.consume('client:acme'),
    ];
    const b = [await gatewayB.consume('client:acme'), await gatewayB.consume('client:acme')];
    expect([...a, ...b].map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0]);
    const refusedOnA = await gatewayA.consume('client:acme');
    expect(refusedOnA).toMatchObject({ allowed: false, remaining: 0, limit: 5 });
    expect(refusedOnA.retryAfterMs).toBeGreaterThan(99_000);
    expect(refusedOnA.retryAfterMs).toBeLessThanOrEqual(100_000);
    expect(rateLimitHeaders(refusedOnA)['Retry-After']).toBe('100');
  });

  it('admit exactly `capacity` of many concurrent requests from both instances', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? gatewayA : gatewayB).consume('client:burst')),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it('expire a bucket once it would be full again', async () => {
    await gatewayA.consume('client:ttl');
    const ttl = await first.pTTL(`${prefix}rl:client:ttl`);
    expect(ttl).toBeGreaterThan(99_000);
    expect(ttl).toBeLessThanOrEqual(101_000);
  });

  it('fall back to sending the script when Redis does not know it (restart, SCRIPT FLUSH)', async () => {
    // Not SCRIPT FLUSH itself: that would wipe the scripts of other suites sharing this Redis.
    const forgetful = {
      evalSha: () => Promise.reject(new Error('NOSCRIPT No matching script. Please use EVAL.')),
      eval: (script: string, options: { keys: string[]; arguments: string[] }) => first.eval(script, options),
    } as unknown as RedisClient;
    const limiter = createRedisRateLimiter({ redis: forgetful, prefix, bucket });
    expect(await limiter.consume('client:flushed')).toMatchObject({ allowed: true, remaining: 4 });
  });
});
