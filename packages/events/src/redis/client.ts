import {
  checkRedisUrl,
  resilientRedisOptions,
  superviseRedis,
  type Logger,
  type RedisConnectionState,
} from '@fulfillment-mesh/runtime';
import { createClient } from 'redis';

function newClient(url: string, name: string) {
  return createClient({ url: checkRedisUrl(url), name, ...resilientRedisOptions() });
}

/** The node-redis client type used by the bus (default modules, RESP3). */
export type RedisClient = ReturnType<typeof newClient>;

/**
 * Opens a client that connects in the background and reconnects forever (capped backoff with jitter, see
 * resilientRedisOptions); outages are logged once each. Start-up does not wait for Redis: commands fail at once
 * while it is down, and `state.ready()` says when it answers.
 */
export function connectRedis(
  url: string,
  logger: Logger,
  name: string,
): { client: RedisClient; state: RedisConnectionState } {
  const client = newClient(url, name);
  return { client, state: superviseRedis(client, logger, name) };
}

/** Whether a Redis error says the key does not exist (XINFO on a missing stream). */
export function isNoSuchKey(error: unknown): boolean {
  return error instanceof Error && /no such key/i.test(error.message);
}
