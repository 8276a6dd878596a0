import { z } from 'zod';
import { DEFAULT_REDIS_PREFIX, type RedisClient } from '../redis.js';
import { operationNameOf, verifyManifest, type ManifestRegistry } from './manifest.js';

/** Dependencies of {@link createRedisManifestRegistry}. */
export interface RedisManifestRegistryDeps {
  redis: RedisClient;
  /** Key prefix; default `fm:access:`. */
  prefix?: string;
}

/** Trusted documents in Redis: one hash per client, `<prefix>manifest:<clientId>`, field = SHA-256 hex, value = document. */
export function createRedisManifestRegistry(deps: RedisManifestRegistryDeps): ManifestRegistry {
  const prefix = deps.prefix ?? DEFAULT_REDIS_PREFIX;
  const keyOf = (clientId: string) => `${prefix}manifest:${clientId}`;
  const { redis } = deps;
  return {
    async registerManifest(clientId, manifest, options) {
      const entries = verifyManifest(manifest);
      const key = keyOf(clientId);
      const fields = Object.fromEntries(entries.map((e) => [e.hash, e.document]));
      // One transaction: a gateway never sees a replaced manifest half-written.
      const multi = redis.multi();
      if (options?.replace) multi.del(key);
      multi.hSet(key, fields);
      multi.hLen(key);
      const replies = await multi.exec();
      const added = Number(replies[options?.replace ? 1 : 0]);
      return { added, total: Number(replies[replies.length - 1]) };
    },
    async lookup(clientId, hash) {
      const document = await redis.hGet(keyOf(clientId), hash);
      return typeof document === 'string' ? document : null;
    },
    async listOperations(clientId) {
      const all = z.record(z.string(), z.string()).parse(await redis.hGetAll(keyOf(clientId)));
      return Object.entries(all)
        .map(([hash, document]) => ({ hash, operationName: operationNameOf(document) }))
        .sort((a, b) => a.hash.localeCompare(b.hash));
    },
  };
}
