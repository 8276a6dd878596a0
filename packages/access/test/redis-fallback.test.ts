import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createMemoryRateLimiter,
  createMemoryReplayGuard,
  createRedisClientStore,
  createRedisKeyValueCache,
  createRedisManifestRegistry,
  createRedisRateLimiter,
  createRedisReplayGuard,
  hashApiKey,
  openAccessRedis,
  withApiKeyCache,
  withLocalApqFallback,
  withLocalRateLimitFallback,
  withLocalReplayFallback,
  withManifestCache,
  type RedisClient,
} from '../src/index.js';
import { connectRedis, deleteKeys, randomPrefix, REDIS_URL } from './helpers.js';

/*
 * The gateway's access data while Redis goes away. "Down" is a real connection that is gone (destroyed): every
 * command fails at once, exactly what the callers see while Redis is unreachable (no offline queue).
 */
let prefix: string;
let cleanup: RedisClient;
let access: Awaited<ReturnType<typeof openAccessRedis>>;
let lines: { msg: string }[];
const logger = () =>
  pino(
    { level: 'info' },
    new Writable({ write: (chunk, _e, done) => (lines.push(JSON.parse(String(chunk))), done()) }),
  );
const redisGoesDown = () => access.redis.destroy();

beforeEach(async () => {
  prefix = randomPrefix();
  lines = [];
  cleanup = await connectRedis();
  access = await openAccessRedis(REDIS_URL, { logger: logger() });
});
afterEach(async () => {
  if (access.redis.isOpen) await access.close();
  await deleteKeys(cleanup, prefix);
  await cleanup.quit();
});

describe('access while Redis is down', () => {
  it('accepts an API key verified shortly before, and answers UNAVAILABLE (503) for any other', async () => {
    const store = withApiKeyCache(createRedisClientStore({ redis: access.redis, prefix }), { logger: logger() });
    const { apiKey, client } = await store.createClient({ kind: 'storefront', scopes: ['catalog:read'] });
    const other = await store.createClient({ kind: 'storefront', scopes: ['catalog:read'] });
    expect(await store.findByKeyHash(hashApiKey(apiKey))).toMatchObject({ id: client.id });

    redisGoesDown();
    expect(await store.findByKeyHash(hashApiKey(apiKey))).toMatchObject({ id: client.id });
    const refusal = await store.findByKeyHash(hashApiKey(other.apiKey)).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ extensions: { code: 'UNAVAILABLE', http: { status: 503 } } });
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^redis unavailable: API keys are checked against/),
    ]);
  });

  it('forgets a verified key after API_KEY_CACHE_MS', async () => {
    let now = 1_000;
    const store = withApiKeyCache(createRedisClientStore({ redis: access.redis, prefix }), {
      cacheMs: 60_000,
      now: () => now,
    });
    const { apiKey } = await store.createClient({ kind: 'storefront', scopes: [] });
    await store.findByKeyHash(hashApiKey(apiKey));
    redisGoesDown();
    now += 60_001;
    await expect(store.findByKeyHash(hashApiKey(apiKey))).rejects.toMatchObject({
      extensions: { code: 'UNAVAILABLE' },
    });
  });

  it('limits each client with a per-process bucket, logged once', async () => {
    const bucket = { capacity: 2, refillPerSecond: 0.001 };
    const limiter = withLocalRateLimitFallback(
      createRedisRateLimiter({ redis: access.redis, bucket, prefix }),
      createMemoryRateLimiter({ bucket }),
      logger(),
    );
    expect((await limiter.consume('client-a')).allowed).toBe(true);
    redisGoesDown();
    const during = await Promise.all([
      limiter.consume('client-a'),
      limiter.consume('client-a'),
      limiter.consume('client-a'),
    ]);
    expect(during.map((r) => r.allowed)).toEqual([true, true, false]);
    expect(lines.map((l) => l.msg)).toEqual(['redis unavailable: rate limits fall back to a per-process bucket']);
  });

  it('keeps automatic persisted queries and already-served trusted documents working', async () => {
    const apq = withLocalApqFallback(createRedisKeyValueCache({ redis: access.redis, prefix }));
    const registry = withManifestCache(createRedisManifestRegistry({ redis: access.redis, prefix }));
    const document = '{ products(first: 1) { totalCount } }';
    const hash = createHash('sha256').update(document).digest('hex');
    await registry.registerManifest('partner-1', { [`sha256:${hash}`]: document });
    expect(await registry.lookup('partner-1', hash)).toBe(document);

    redisGoesDown();
    expect(await registry.lookup('partner-1', hash)).toBe(document);
    await expect(registry.lookup('partner-2', hash)).rejects.toThrow();
    await apq.set('apq:abc', document);
    expect(await apq.get('apq:abc')).toBe(document);
  });

  it('still refuses an identity header replayed to the same process', async () => {
    const guard = withLocalReplayFallback(
      createRedisReplayGuard({ redis: access.redis, prefix }),
      createMemoryReplayGuard(),
    );
    const expiresAt = Date.now() + 60_000;
    expect(await guard.firstSighting('fetch-1', expiresAt)).toBe(true);
    redisGoesDown();
    expect(await guard.firstSighting('fetch-1', expiresAt)).toBe(false);
    expect(await guard.firstSighting('fetch-2', expiresAt)).toBe(true);
    expect(await guard.firstSighting('fetch-2', expiresAt)).toBe(false);
  });
});
