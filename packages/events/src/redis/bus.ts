import { createLogger, type Logger } from '@fulfillment-mesh/runtime';
import type { EventBus } from '../bus.js';
import { createEventBus } from '../core/bus.js';
import { busKeys } from '../core/keys.js';
import type { BusBackend } from '../core/ports.js';
import { connectRedis } from './client.js';
import { createRedisStreamLog } from './log.js';
import { createRedisMeta } from './meta.js';
import { busScripts } from './scripts.js';
import { createRedisGroupState } from './state.js';

/** Options of {@link createRedisEventBus}. */
export interface RedisEventBusOptions {
  /** `REDIS_URL`, e.g. `redis://127.0.0.1:6379`. */
  url: string;
  /** Key prefix; default `fm` (streams are `fm:stream:<name>`). */
  prefix?: string;
  /** Entries older than this are trimmed (approximately) on publish; default 7 * 24 * 3_600_000 // 7 days. */
  retentionMs?: number;
  /** How long a group remembers processed event ids; default = retentionMs. One small key per event and group. */
  dedupeTtlMs?: number;
  /** Approximate cap of each dead-letter stream; default 100_000 entries. */
  deadLetterMaxLen?: number;
  logger?: Logger;
}

/**
 * The production event bus on Redis Streams. One shared connection serves every non-blocking command; each
 * consumer and each tail opens its own connection for its blocking reads. Works with a single Redis server or
 * a primary with replicas (Sentinel); the key layout is not Redis Cluster-ready (the Lua scripts touch keys of
 * one stream and group that would need a common hash tag).
 */
export async function createRedisEventBus(options: RedisEventBusOptions): Promise<EventBus> {
  const logger = options.logger ?? createLogger({ service: 'event-bus' });
  const prefix = options.prefix ?? 'fm';
  const retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000; // 7 days
  const client = await connectRedis(options.url, logger, `${prefix}-event-bus`);
  const keys = busKeys(prefix);
  const scripts = busScripts();
  const backend: BusBackend = {
    kind: 'redis',
    log: createRedisStreamLog({ client, logger }),
    meta: createRedisMeta(client, keys),
    groupState: (stream, group) =>
      createRedisGroupState({
        client,
        keys,
        scripts,
        stream,
        group,
        dedupeTtlMs: options.dedupeTtlMs ?? retentionMs,
        deadLetterMaxLen: options.deadLetterMaxLen ?? 100_000,
      }),
    async close() {
      await client.close();
    },
  };
  return createEventBus(backend, { prefix, retentionMs, logger });
}
