import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import type { RedisClient } from '../src/redis.js';

/** The Redis the tests use for real (CI and our machines run one on 127.0.0.1:6379). */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run shares. */
export function randomPrefix(): string {
  return `fm-test:${randomBytes(6).toString('hex')}:`;
}

/** Opens a Redis connection. */
export async function connectRedis(): Promise<RedisClient> {
  const client: RedisClient = createClient({ url: REDIS_URL });
  await client.connect();
  return client;
}

/** Deletes every key under `prefix` (SCAN, never KEYS). */
export async function deleteKeys(redis: RedisClient, prefix: string): Promise<void> {
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (keys.length > 0) await redis.del(keys);
  }
}

/** Counts the keys under `prefix`. */
export async function countKeys(redis: RedisClient, prefix: string): Promise<number> {
  let n = 0;
  for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) n += keys.length;
  return n;
}

/** Serves a fixed JSON body on 127.0.0.1 at a random port, counting requests. */
export async function serveJson(
  body: () => unknown,
): Promise<{ url: string; requests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((_req, res) => {
    requests++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/.well-known/jwks.json`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
