import { z } from 'zod';
import { toClient, type Client } from '../client.js';
import { DEFAULT_REDIS_PREFIX, luaScript, type RedisClient } from '../redis.js';
import {
  clientExists,
  clientRecordSchema,
  prepareClient,
  toListing,
  type ClientListing,
  type ClientRecord,
  type ClientStore,
} from './client-store.js';

/** Dependencies of {@link createRedisClientStore}. */
export interface RedisClientStoreDeps {
  redis: RedisClient;
  /** Key prefix; default `fm:access:`. */
  prefix?: string;
}

// Both hashes carry the same {hash tag} so the scripts touching both stay valid on Redis Cluster.
const CREATE = luaScript(`
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
return 1`);
const REVOKE = luaScript(`
local hash = redis.call('HGET', KEYS[1], ARGV[1])
if not hash then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], hash)
return 1`);

/**
 * API-key clients in Redis: hash `<prefix>{clients}:by-key` maps key hash → client JSON (the lookup on every
 * request, one HGET), hash `<prefix>{clients}:by-id` maps id → key hash (for revocation and uniqueness).
 */
export function createRedisClientStore(deps: RedisClientStoreDeps): ClientStore {
  const prefix = deps.prefix ?? DEFAULT_REDIS_PREFIX;
  const byKey = `${prefix}{clients}:by-key`;
  const byId = `${prefix}{clients}:by-id`;
  const { redis } = deps;

  function parse(json: string): ClientRecord {
    return clientRecordSchema.parse(JSON.parse(json));
  }

  return {
    async findByKeyHash(keyHash): Promise<Client | null> {
      const json = await redis.hGet(byKey, keyHash);
      return typeof json === 'string' ? toClient(parse(json)) : null;
    },
    async createClient(input) {
      const { record, apiKey } = prepareClient(input);
      const created = await CREATE(redis, [byId, byKey], [record.id, record.keyHash, JSON.stringify(record)]);
      if (created !== 1) throw clientExists(record.id);
      return { client: toClient(record), apiKey, createdAt: record.createdAt };
    },
    async revokeClient(id) {
      return (await REVOKE(redis, [byId, byKey], [id])) === 1;
    },
    async listClients(): Promise<ClientListing[]> {
      const all = z.record(z.string(), z.string()).parse(await redis.hGetAll(byKey));
      return Object.values(all)
        .map((json) => toListing(parse(json)))
        .sort((a, b) => a.id.localeCompare(b.id));
    },
  };
}
