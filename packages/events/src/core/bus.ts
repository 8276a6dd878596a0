import type { Logger } from '@fulfillment-mesh/runtime';
import type { Consumer, EventBus } from '../bus.js';
import { startConsumer } from './consumer.js';
import { streamsHealth } from './health.js';
import { busKeys } from './keys.js';
import type { BusBackend } from './ports.js';
import { assertName } from './ranges.js';
import { readRange, tailStreams } from './reading.js';
import { listDeadLetters, replayDeadLetters, replayRange } from './replay.js';

/** Options shared by both bus factories. */
export interface CoreBusOptions {
  /** Key prefix: every key of the bus starts with `<prefix>:`. */
  prefix: string;
  /** Stream entries older than this are trimmed on publish. */
  retentionMs: number;
  logger: Logger;
}

/** Composes a backend into an {@link EventBus}; the bus logic is the same for every backend. */
export function createEventBus(backend: BusBackend, options: CoreBusOptions): EventBus {
  const { log, meta } = backend;
  const keys = busKeys(options.prefix);
  const deps = { log, keys, logger: options.logger, meta };
  const minTime = () => Math.max(0, Date.now() - options.retentionMs);
  const registered = new Set<string>();
  const consumers = new Set<Consumer>();
  const tails = new Map<AbortController, Promise<void>>();
  let closing: Promise<void> | undefined;

  return {
    kind: backend.kind,
    connected: () => backend.connected(),

    async publish(stream, envelope) {
      const key = keys.stream(assertName(stream, 'stream'));
      const fields = { envelope: JSON.stringify(envelope) };
      const id = log.appendOnce
        ? await log.appendOnce(key, { key: keys.published(stream, envelope.id), ttlMs: options.retentionMs }, fields, {
            minTime: minTime(),
          })
        : await log.append(key, fields, { minTime: minTime() });
      // The event is on the stream now: a failure of the bookkeeping below (Redis dropped right after XADD) must
      // not fail the publish, or the outbox would publish the event a second time.
      await Promise.all([
        meta.countPublished(stream),
        registered.has(stream) ? undefined : meta.addStream(stream).then(() => void registered.add(stream)),
      ]).catch((error: unknown) =>
        options.logger.debug({ err: error, stream }, 'published; stream counters not updated'),
      );
      return id;
    },

    async consume(consumeOptions) {
      assertName(consumeOptions.stream, 'stream');
      assertName(consumeOptions.group, 'group');
      const consumer = await startConsumer({ backend, keys, logger: options.logger }, consumeOptions);
      const tracked: Consumer = {
        group: consumer.group,
        name: consumer.name,
        async stop() {
          await consumer.stop();
          consumers.delete(tracked);
        },
      };
      consumers.add(tracked);
      return tracked;
    },

    tail(tailOptions) {
      const local = new AbortController();
      const running = tailStreams(deps, {
        ...tailOptions,
        signal: AbortSignal.any([tailOptions.signal, local.signal]),
      }).finally(() => void tails.delete(local));
      tails.set(local, running);
      return running;
    },

    read: (stream, readOptions) => readRange(deps, stream, readOptions),
    health: () => streamsHealth(deps),
    deadLetters: (stream, query) => listDeadLetters({ log, keys, minTime }, stream, query),
    replayDeadLetters: (stream, ids) => replayDeadLetters({ log, keys, minTime }, stream, ids),
    replayStream: (stream, group, range) => replayRange({ log, keys, minTime }, stream, group, range),

    close() {
      closing ??= (async () => {
        for (const controller of tails.keys()) controller.abort();
        await Promise.allSettled([...tails.values(), ...[...consumers].map((c) => c.stop())]);
        await backend.close();
      })();
      return closing;
    },
  };
}
