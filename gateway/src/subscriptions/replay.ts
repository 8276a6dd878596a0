import type { EventBus } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import { GraphQLError } from 'graphql';
import type { FieldRuntime } from './fields.js';
import type { Hydrator } from './hydrator.js';
import type { SubscriptionCounters } from './metrics.js';
import type { Subscriber } from './subscriber.js';

/** What {@link replayHistory} needs. */
export interface ReplayDeps<TIdentity> {
  bus: EventBus;
  hydrator: Hydrator<TIdentity>;
  counters: SubscriptionCounters;
  logger: Logger;
  /** Entries read per `bus.read`; the next page is read only once the client has taken most of the previous one. */
  pageSize: number;
}

/**
 * Brings a resuming subscriber up to date, then switches it to live. The subscriber is registered (in `replaying`
 * mode) before the first read, so every live event from then on is buffered; history is read page by page after
 * the cursor until a short page (the end of the stream); the buffer is then drained, and `enqueue` drops whatever
 * is at or before the last replayed entry — the seam where history and the live tail overlap. Draining and the
 * switch to live happen in one synchronous step, so no live event slips between them.
 */
export async function replayHistory<TIdentity>(
  deps: ReplayDeps<TIdentity>,
  subscriber: Subscriber<TIdentity>,
  field: FieldRuntime<TIdentity>,
  after: string,
): Promise<void> {
  deps.counters.resumes++;
  let cursor = after;
  try {
    for (;;) {
      await subscriber.roomFor(deps.pageSize);
      if (isClosed(subscriber)) return;
      const page = await deps.bus.read(field.spec.stream, { afterId: cursor, count: deps.pageSize });
      for (const record of page) {
        cursor = record.entryId;
        if (!field.types.has(record.envelope.type) || !subscriber.matches(record.envelope)) continue;
        deps.counters.replayedEvents++;
        subscriber.enqueue(
          record.entryId,
          deps.hydrator.hydrate(subscriber.group, record.entryId, field.rootOf(record.envelope, record.entryId)),
        );
      }
      if (page.length < deps.pageSize) break;
    }
    if (isClosed(subscriber)) return;
    for (const { entryId, event } of subscriber.buffer.splice(0)) {
      subscriber.enqueue(entryId, deps.hydrator.hydrate(subscriber.group, entryId, field.rootOf(event, entryId)));
    }
    subscriber.mode = 'live';
  } catch (error) {
    deps.logger.error({ err: error, field: field.name, after }, 'resuming a subscription failed');
    subscriber.fail(
      new GraphQLError(
        `Could not read the ${field.spec.stream} stream after cursor ${after}; resubscribe with the same cursor`,
        { extensions: { code: 'UNAVAILABLE' } },
      ),
    );
  }
}

// A function, not an inline comparison: the mode changes across awaits, which TypeScript's narrowing ignores.
function isClosed(subscriber: Subscriber<unknown>): boolean {
  return subscriber.mode === 'closed';
}
