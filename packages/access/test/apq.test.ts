import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryKeyValueCache, createRedisKeyValueCache, documentHash, type Client } from '../src/index.js';
import type { RedisClient } from '../src/redis.js';
import { as, request, startServer } from './apollo-fixture.js';
import { connectRedis, countKeys, deleteKeys, randomPrefix } from './helpers.js';

const shopper: Client = { id: 'anonymous', kind: 'storefront', scopes: ['catalog:read'], anonymous: true };
const query = 'query Cats { categories }';
const hash = documentHash(query);
const persisted = { persistedQuery: { version: 1, sha256Hash: hash } };

describe('automatic persisted queries in Redis', () => {
  const prefix = randomPrefix();
  let first: RedisClient;
  let second: RedisClient;
  beforeAll(async () => {
    [first, second] = await Promise.all([connectRedis(), connectRedis()]);
  });
  afterAll(async () => {
    await deleteKeys(first, prefix);
    await Promise.all([first.quit(), second.quit()]);
  });

  it('round-trip: registered through one gateway, served by hash alone from another', async () => {
    const gatewayA = await startServer([], createRedisKeyValueCache({ redis: first, prefix }));
    const gatewayB = await startServer([], createRedisKeyValueCache({ redis: second, prefix }));
    try {
      const unknown = await request(gatewayB, as(shopper), { body: { extensions: persisted } });
      expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

      const registered = await request(gatewayA, as(shopper), { body: { query, extensions: persisted } });
      expect(registered.body).toEqual({ data: { categories: ['tools', 'paint'] } });
      // Apollo stores the document after responding, without waiting: poll Redis rather than sleep.
      await expect.poll(() => countKeys(first, prefix)).toBe(1);
      const key = `${prefix}kv:apq:${hash}`;
      expect(await first.get(key)).toBe(query);
      const ttl = await first.pTTL(key);
      expect(ttl).toBeGreaterThan(86_000_000); // the 1-day default

      const byHash = await request(gatewayB, as(shopper), {
        method: 'GET',
        search: new URLSearchParams({ extensions: JSON.stringify(persisted) }).toString(),
        headers: { 'apollo-require-preflight': 'true' },
      });
      expect(byHash).toMatchObject({ status: 200, body: { data: { categories: ['tools', 'paint'] } } });
    } finally {
      await Promise.all([gatewayA.stop(), gatewayB.stop()]);
    }
  });

  it('honours a ttl in seconds, and no expiry for null', async () => {
    const cache = createRedisKeyValueCache({ redis: first, prefix });
    await cache.set('short', 'x', { ttl: 5 });
    await cache.set('forever', 'y', { ttl: null });
    expect(await first.pTTL(`${prefix}kv:short`)).toBeLessThanOrEqual(5_000);
    expect(await first.pTTL(`${prefix}kv:forever`)).toBe(-1);
    expect(await cache.delete('forever')).toBe(true);
    expect(await cache.get('forever')).toBeUndefined();
  });
});

describe('the in-memory cache of the embedded mode', () => {
  it('expires entries and evicts the least recently used', async () => {
    let now = 0;
    const cache = createMemoryKeyValueCache({ maxEntries: 2, now: () => now });
    await cache.set('a', '1', { ttl: 10 });
    await cache.set('b', '2');
    await cache.get('a'); // a is now the most recently used
    await cache.set('c', '3');
    expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual(['1', undefined, '3']);
    now = 10_000;
    expect(await cache.get('a')).toBeUndefined();
  });
});
