import { createHash } from 'node:crypto';
import type { RedisClientType } from 'redis';

/** A connected node-redis client as `createClient({ url })` returns it. */
export type RedisClient = RedisClientType;

/** Default prefix of every key this package writes; tests use a random one and delete their keys after. */
export const DEFAULT_REDIS_PREFIX = 'fm:access:';

/**
 * A Lua script run by SHA (EVALSHA), loaded on first use and again after a Redis restart or SCRIPT FLUSH
 * (NOSCRIPT): the script text crosses the network once per server, not once per call.
 */
export function luaScript(source: string) {
  const sha = createHash('sha1').update(source).digest('hex');
  return async function run(redis: RedisClient, keys: string[], args: (string | number)[]): Promise<unknown> {
    const options = { keys, arguments: args.map(String) };
    try {
      return await redis.evalSha(sha, options);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(source, options);
    }
  };
}
