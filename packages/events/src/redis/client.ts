import type { Logger } from '@fulfillment-mesh/runtime';
import { createClient } from 'redis';

function newClient(url: string, name: string) {
  return createClient({ url, name });
}

/** The node-redis client type used by the bus (default modules, RESP3). */
export type RedisClient = ReturnType<typeof newClient>;

/** Opens a connected client; connection errors after start-up are logged (node-redis reconnects by itself). */
export async function connectRedis(url: string, logger: Logger, name: string): Promise<RedisClient> {
  const client = newClient(url, name);
  // Without an 'error' listener node-redis would crash the process on a dropped connection.
  client.on('error', (error: unknown) => logger.warn({ err: error, connection: name }, 'redis connection error'));
  await client.connect();
  return client;
}

/** Whether a Redis error says the key does not exist (XINFO on a missing stream). */
export function isNoSuchKey(error: unknown): boolean {
  return error instanceof Error && /no such key/i.test(error.message);
}
