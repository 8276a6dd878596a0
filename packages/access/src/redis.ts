import { createHash } from 'node:crypto';
import {
  checkRedisUrl,
  resilientRedisOptions,
  superviseRedis,
  type Logger,
  type RedisConnectionState,
} from '@fulfillment-mesh/runtime';
import { createClient, type RedisClientType } from 'redis';

/** A connected node-redis client as `createClient({ url })` returns it. */
export type RedisClient = RedisClientType;

/** Default prefix of every key this package writes; tests use a random one and delete their keys after. */
export const DEFAULT_REDIS_PREFIX = 'fm:access:';

/**
 * The access key prefix of a deployment: `ACCESS_REDIS_PREFIX` when set, else `<REDIS_PREFIX>:access:` (so
 * `fm:access:` by default). The gateway, every subgraph's replay guard, `npm start` and the access CLI all read it
 * here: two meshes sharing one Redis under different `REDIS_PREFIX`es never see each other's keys.
 */
export function accessRedisPrefix(env: NodeJS.ProcessEnv): string {
  return env.ACCESS_REDIS_PREFIX || `${env.REDIS_PREFIX || 'fm'}:access:`;
}

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

/**
 * A Redis client for access data (API keys, manifests, APQ, rate limits, replay guard) that survives outages:
 * reconnects forever with capped backoff and jitter, no offline queue (commands fail at once while Redis is
 * down and the fallbacks of redis-fallback.ts answer), one log line per outage. Start-up waits at most
 * `connectWaitMs` (default 2 s) for the first connection and then goes on without it: `state.ready()` tells.
 */
export async function openAccessRedis(
  url: string,
  options: { logger: Logger; name?: string; connectWaitMs?: number },
): Promise<{ redis: RedisClient; state: RedisConnectionState; close(): Promise<void> }> {
  const name = options.name ?? 'access';
  const redis = createClient({ url: checkRedisUrl(url), name, ...resilientRedisOptions() }) as RedisClient;
  const state = superviseRedis(redis, options.logger, name);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    state.whenReady(),
    new Promise<void>((resolve) => (timer = setTimeout(resolve, options.connectWaitMs ?? 2_000))),
  ]);
  clearTimeout(timer);
  return {
    redis,
    state,
    async close() {
      if (redis.isReady) await redis.quit();
      else if (redis.isOpen) redis.destroy();
    },
  };
}
