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
  /** How long start-up waits for the first connection before going on without; default 2_000 // 2 seconds. */
  connectWaitMs?: number;
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
  const { client, state } = connectRedis(options.url, logger, `${prefix}-event-bus`);
  // Start-up waits a moment for the first connection (so a bus on a live Redis is usable at once) but never
  // blocks on a Redis that is down: the bus works as soon as it answers.
  await waitUntil(state.whenReady(), options.connectWaitMs ?? 2_000);
  const keys = busKeys(prefix);
  const scripts = busScripts();
  const backend: BusBackend = {
    kind: 'redis',
    log: createRedisStreamLog({ client, logger, name: `${prefix}-event-bus` }),
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
    connected: () => state.ready(),
    async close() {
      // close() flushes replies on a live connection; a client still reconnecting is simply dropped.
      if (client.isReady) await client.close();
      else if (client.isOpen) client.destroy();
    },
  };
  return createEventBus(backend, { prefix, retentionMs, logger });
}

/** Resolves when `promise` does or after `ms`, whichever is first (the timer never holds the process open). */
async function waitUntil(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([promise, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}
