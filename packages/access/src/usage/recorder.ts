import type { Logger } from '@fulfillment-mesh/runtime';
import { dayOf, usageField, type UsageCount, type UsageDocument, type UsageKey, type UsageStore } from './store.js';

/** One executed operation as the gateway saw it. */
export interface UsageObservation extends UsageKey {
  document: string;
  coordinates: readonly string[];
}

/** Options of {@link createUsageRecorder}. */
export interface UsageRecorderOptions {
  store: UsageStore;
  /** How often the in-memory counts are flushed; default 5 seconds (`USAGE_FLUSH_MS`). */
  flushMs?: number;
  logger?: Logger;
  now?: () => number;
}

/** Counts operations in memory and flushes them to a {@link UsageStore} every few seconds. */
export interface UsageRecorder {
  record(observation: UsageObservation): void;
  /** Writes what was counted since the last flush; a failed write keeps the counts for the next one. */
  flush(): Promise<void>;
  /** Stops the timer and flushes what is left. */
  close(): Promise<void>;
}

/** Default flush interval in milliseconds. */
export const DEFAULT_USAGE_FLUSH_MS = 5_000;

/**
 * The gateway's usage aggregator: `record` is a map update (no I/O on the request path); the timer flushes the
 * counts per operation, client and UTC day, plus each document the store has not been given by this process.
 */
export function createUsageRecorder(options: UsageRecorderOptions): UsageRecorder {
  const now = options.now ?? Date.now;
  let pending = new Map<string, UsageCount>();
  let documents = new Map<string, UsageDocument>();
  const written = new Set<string>();
  let flushing: Promise<void> | undefined;
  let failing = false;

  async function flushOnce(): Promise<void> {
    if (pending.size === 0 && documents.size === 0) return;
    const counts = pending;
    const docs = documents;
    pending = new Map();
    documents = new Map();
    try {
      await options.store.write({ counts: [...counts.values()], documents: [...docs.values()] });
      for (const hash of docs.keys()) written.add(hash);
      if (failing) options.logger?.info('usage reporting flushes again');
      failing = false;
    } catch (error) {
      // Keep what was counted: it is added to what arrives meanwhile and written by the next flush.
      for (const [field, count] of counts) {
        const newer = pending.get(field);
        pending.set(
          field,
          newer
            ? { ...count, count: count.count + newer.count, lastSeen: Math.max(count.lastSeen, newer.lastSeen) }
            : count,
        );
      }
      for (const [hash, doc] of docs) documents.set(hash, doc);
      if (!failing)
        options.logger?.warn({ err: error }, 'usage reporting could not flush; counts kept for the next try');
      failing = true;
    }
  }

  const flush = async () => {
    while (flushing) await flushing;
    flushing = flushOnce().finally(() => (flushing = undefined));
    await flushing;
  };
  const timer = setInterval(() => void flush(), options.flushMs ?? DEFAULT_USAGE_FLUSH_MS);
  timer.unref();

  return {
    record(observation) {
      const at = now();
      const day = dayOf(at);
      const key: UsageKey = {
        hash: observation.hash,
        name: observation.name,
        clientId: observation.clientId,
        clientKind: observation.clientKind,
        clientVersion: observation.clientVersion,
      };
      const field = `${day}\u0000${usageField(key)}`;
      const entry = pending.get(field);
      if (entry) {
        entry.count += 1;
        entry.lastSeen = at;
      } else pending.set(field, { ...key, day, count: 1, lastSeen: at });
      if (!written.has(observation.hash) && !documents.has(observation.hash))
        documents.set(observation.hash, {
          hash: observation.hash,
          document: observation.document,
          coordinates: [...observation.coordinates],
        });
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
