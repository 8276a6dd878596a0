import { extractContext, inSpan, SpanKind } from '@fulfillment-mesh/telemetry';
import { createLogger, type BulkOperation, type Collection, type Doc, type Logger } from '@fulfillment-mesh/runtime';
import type { EventBus } from './bus.js';
import type { EventEnvelope } from './envelope.js';
import { outboxSequence, pendingOutboxFilter, unflaggedOutboxFilter, type OutboxFields } from './outbox.js';

/** Options of {@link createOutboxRelay}. */
export interface OutboxRelayOptions {
  /** Collections whose documents carry an outbox (see `withEvents`). */
  collections: ReadonlyArray<Collection<Doc>>;
  bus: Pick<EventBus, 'publish'>;
  /** The stream an event goes to; default its domain (`inventory.position.adjusted` → `inventory`). */
  streamOf?: (event: EventEnvelope) => string;
  logger?: Logger;
  /** Pause between two polls; default 200 // 0.2 seconds. Writers call notify() to skip the wait. */
  pollIntervalMs?: number;
  /** Documents read per query; default 100. */
  batchSize?: number;
}

/** Publishes what documents wrote to their outbox. */
export interface OutboxRelay {
  /** Starts polling (idempotent). */
  start(): void;
  /** Stops polling and waits for a flush in progress. */
  stop(): Promise<void>;
  /** Publishes every pending entry now, in per-document order; resolves with how many; rejects if any failed. */
  flush(): Promise<number>;
  /** Asks for a flush soon (coalesced), e.g. right after a write with events. */
  notify(): void;
}

type OutboxDoc = Doc & OutboxFields;

/** The default stream of an event: the domain part of its type. */
export function domainStream(event: EventEnvelope): string {
  return event.type.split('.')[0] ?? event.type;
}

/**
 * Creates the outbox relay. Delivery is at-least-once: entries are pulled (by id) only after they were published,
 * so a crash in between publishes them again on restart and consumers dedupe by event id. Flushes never overlap,
 * and several relays on the same collections are safe (they only cause duplicates, which consumers drop).
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const logger = options.logger ?? createLogger({ service: 'outbox-relay' });
  const streamOf = options.streamOf ?? domainStream;
  const pollIntervalMs = options.pollIntervalMs ?? 200; // 0.2 seconds
  const batchSize = options.batchSize ?? 100;
  let queue: Promise<unknown> = Promise.resolve();
  let notified = false;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  // While the backbone is down every poll fails: log the first failure and the recovery, not every retry.
  let failingSince: number | undefined;

  /** Publishes a document's entries in order; returns the ids that went out and the error that stopped it, if any. */
  const publishDocument = async (doc: OutboxDoc): Promise<{ published: string[]; error?: unknown }> => {
    const outbox = doc.outbox ?? [];
    const eventSeq = doc.eventSeq ?? outbox.length;
    const published: string[] = [];
    try {
      for (const [index, entry] of outbox.entries()) {
        const event = { ...entry, sequence: outboxSequence(eventSeq, outbox.length, index) };
        const stream = streamOf(event);
        const attributes = {
          'messaging.system': 'fulfillment-mesh',
          'messaging.operation.type': 'send',
          'messaging.destination.name': stream,
          'messaging.message.id': event.id,
        };
        await inSpan(
          `send ${stream}`,
          { kind: SpanKind.PRODUCER, parent: extractContext(event as unknown as Record<string, unknown>), attributes },
          () => options.bus.publish(stream, event),
        );
        published.push(entry.id);
      }
      return { published };
    } catch (error) {
      return { published, error };
    }
  };

  // The first flush of each collection also finds documents written before `outboxPending` existed (one scan).
  const flagged = new Set<Collection<Doc>>();

  const flushOnce = async (): Promise<number> => {
    let count = 0;
    const errors: unknown[] = [];
    for (const collection of options.collections) {
      const failed: string[] = [];
      const pending = flagged.has(collection) ? pendingOutboxFilter : unflaggedOutboxFilter;
      if (!flagged.has(collection)) await collection.createIndex({ fields: { outboxPending: 1 }, sparse: true });
      for (;;) {
        const filter = failed.length > 0 ? { ...pending, _id: { $nin: failed } } : pending;
        const docs = (await collection.find(filter, { limit: batchSize })) as OutboxDoc[];
        const pulls: BulkOperation[] = [];
        try {
          for (const doc of docs) {
            const { published, error } = await publishDocument(doc);
            count += published.length;
            // Pull what went out even when a later entry failed, so that it is not published again.
            if (published.length > 0)
              pulls.push({
                updateOne: { filter: { _id: doc._id }, update: { $pull: { outbox: { id: { $in: published } } } } },
              });
            // Only an empty outbox drops the flag: an entry appended meanwhile keeps it (the filter is atomic). On
            // MongoDB the unordered bulk may run this before the pull; the next flush then drops the flag.
            if (error === undefined)
              pulls.push({
                updateOne: {
                  filter: { _id: doc._id, outbox: { $size: 0 } },
                  update: { $unset: { outboxPending: '' } },
                },
              });
            if (error !== undefined) {
              // Skip the rest of this document (its order must hold) but keep relaying the others.
              failed.push(doc._id);
              errors.push(error);
              const fields = { err: error, collection: collection.name, id: doc._id };
              if (failingSince === undefined)
                logger.error(fields, 'outbox entry could not be published; it stays in its document and is retried');
              else logger.debug(fields, 'outbox entry still not published');
            }
          }
        } finally {
          // One write per page, not per document: a bulk import leaves thousands of documents with events.
          await collection.bulkWrite(pulls);
        }
        if (docs.length < batchSize) break;
      }
      flagged.add(collection);
    }
    if (errors.length > 0) {
      failingSince ??= Date.now();
      throw new AggregateError(errors, `outbox relay: ${errors.length} document(s) could not be published`);
    }
    if (failingSince !== undefined)
      logger.info({ published: count, downMs: Date.now() - failingSince }, 'outbox relay publishing again');
    failingSince = undefined;
    return count;
  };

  const flush = (): Promise<number> => {
    const run = queue.then(flushOnce);
    queue = run.catch(() => undefined);
    return run;
  };

  const poll = () => {
    timer = setTimeout(() => {
      flush()
        .catch(() => undefined) // already logged per document
        .finally(() => {
          if (running) poll();
        });
    }, pollIntervalMs);
  };

  return {
    start() {
      if (running) return;
      running = true;
      poll();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await queue;
    },
    flush,
    notify() {
      if (notified) return;
      notified = true;
      queue = queue.then(() => {
        notified = false;
        return flushOnce().catch(() => undefined);
      });
    },
  };
}
