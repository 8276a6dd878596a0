import { createLogger, type Logger } from '@fulfillment-mesh/runtime';
import type { EventBus } from './bus.js';
import { createEventBus } from './core/bus.js';
import { busKeys } from './core/keys.js';
import type { BusBackend, GroupState } from './core/ports.js';
import { createMemoryStreamLog } from './memory/log.js';
import { createMemoryGroupState, createMemoryMeta } from './memory/state.js';

/** Options of {@link createMemoryEventBus}. */
export interface MemoryEventBusOptions {
  /** Key prefix (only visible in dead-letter ids and logs); default `fm`. */
  prefix?: string;
  /** Entries older than this are trimmed on publish; default 7 * 24 * 3_600_000 // 7 days. */
  retentionMs?: number;
  /** How long a group remembers processed event ids; default = retentionMs. */
  dedupeTtlMs?: number;
  /** Cap of each dead-letter stream; default 100_000 entries. */
  deadLetterMaxLen?: number;
  logger?: Logger;
}

/**
 * The in-process event bus for the embedded all-in-one mode and for tests: the same bus logic as the Redis bus
 * over an in-memory copy of the Redis Streams commands it uses (consumer groups, pending entries, claiming), so
 * retries, dead letters, replays and health behave identically. Nothing survives the process.
 */
export function createMemoryEventBus(options: MemoryEventBusOptions = {}): EventBus {
  const logger = options.logger ?? createLogger({ service: 'event-bus' });
  const prefix = options.prefix ?? 'fm';
  const retentionMs = options.retentionMs ?? 7 * 24 * 3_600_000; // 7 days
  const keys = busKeys(prefix);
  const log = createMemoryStreamLog();
  const meta = createMemoryMeta();
  // One state per group, shared by all its consumers, as the Redis keys are.
  const states = new Map<string, GroupState>();
  const backend: BusBackend = {
    kind: 'memory',
    connected: () => true,
    log,
    meta,
    groupState(stream, group) {
      const id = `${stream}\u0000${group}`;
      let state = states.get(id);
      if (!state) {
        state = createMemoryGroupState({
          log,
          meta,
          keys,
          stream,
          group,
          dedupeTtlMs: options.dedupeTtlMs ?? retentionMs,
          deadLetterMaxLen: options.deadLetterMaxLen ?? 100_000,
        });
        states.set(id, state);
      }
      return state;
    },
    async close() {
      log.wakeAll();
    },
  };
  return createEventBus(backend, { prefix, retentionMs, logger });
}
