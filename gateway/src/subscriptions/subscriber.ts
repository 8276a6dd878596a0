import type { EventEnvelope } from '@fulfillment-mesh/events';
import type { ExecutionResult } from 'graphql';
import { closeSlowConsumer, type SubscriberConnection } from './connection.js';
import { compareEntryIds } from './entry-id.js';
import type { EventMatcher } from './filters.js';
import type { Hydrated, HydrationGroup } from './hydrator.js';
import type { SubscriptionCounters } from './metrics.js';

/** A live event that arrived while the subscriber was still replaying history. */
export interface BufferedEvent {
  entryId: string;
  event: EventEnvelope;
}

/** One client subscription: its filter, its hydration group, and an ordered queue of results. */
export interface Subscriber<TIdentity> {
  readonly fieldName: string;
  readonly matches: EventMatcher;
  readonly group: HydrationGroup<TIdentity>;
  readonly connection: SubscriberConnection<TIdentity>;
  /** `replaying` buffers live events (see {@link buffer}); `live` takes them directly. */
  mode: 'replaying' | 'live' | 'closed';
  /** Live events held back while replaying. */
  readonly buffer: BufferedEvent[];
  /** Queues the result of entry `entryId`; drops entries at or before the last one queued (the history/live seam). */
  enqueue(entryId: string, result: Promise<Hydrated>): void;
  /** Ends the subscription with an error (e.g. history could not be read). */
  fail(error: Error): void;
  /** Resolves once at most `size` results are queued on this subscription (replay paces itself with it). */
  roomFor(size: number): Promise<void>;
  /** What graphql-ws / graphql-sse pull results from; `return()` unsubscribes. */
  readonly iterator: AsyncGenerator<ExecutionResult, undefined, undefined>;
}

/** What {@link createSubscriber} needs. */
export interface SubscriberInit<TIdentity> {
  fieldName: string;
  matches: EventMatcher;
  group: HydrationGroup<TIdentity>;
  connection: SubscriberConnection<TIdentity>;
  mode: 'replaying' | 'live';
  /** Most results queued per connection before it is closed as a slow consumer. */
  maxQueued: number;
  counters: SubscriptionCounters;
  /** Called once when the subscription ends for any reason. */
  onClose: () => void;
}

/** Creates a subscriber; results come out of its iterator in entry order, each exactly once. */
export function createSubscriber<TIdentity>(init: SubscriberInit<TIdentity>): Subscriber<TIdentity> {
  const { connection, counters } = init;
  const queue: Promise<Hydrated>[] = [];
  let lastId: string | null = null;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  let room: { size: number; resolve: () => void } | null = null;

  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const close = () => {
    if (subscriber.mode === 'closed') return;
    subscriber.mode = 'closed';
    connection.queued -= queue.length;
    queue.length = 0;
    subscriber.buffer.length = 0;
    room?.resolve();
    room = null;
    init.onClose();
    notify();
  };

  const iterator: AsyncGenerator<ExecutionResult, undefined, undefined> = {
    async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
      for (;;) {
        const head = queue.shift();
        if (head) {
          connection.queued--;
          if (room && queue.length <= room.size) {
            room.resolve();
            room = null;
          }
          const value = await head;
          if (subscriber.mode === 'closed') return { done: true, value: undefined };
          if (value === null) continue; // withheld: this subscriber may not read the event
          connection.yielded++;
          counters.deliveries++;
          return { done: false, value };
        }
        if (failure) {
          const error = failure;
          failure = null;
          close();
          throw error;
        }
        if (subscriber.mode === 'closed') return { done: true, value: undefined };
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async return() {
      close();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };

  const subscriber: Subscriber<TIdentity> = {
    fieldName: init.fieldName,
    matches: init.matches,
    group: init.group,
    connection,
    mode: init.mode,
    buffer: [],
    iterator,
    enqueue(entryId, result) {
      if (subscriber.mode === 'closed' || connection.overflowed) return;
      if (lastId !== null && compareEntryIds(entryId, lastId) <= 0) return;
      if (connection.queued + connection.backlog() >= init.maxQueued) {
        closeSlowConsumer(
          connection,
          counters,
          `Slow consumer: more than ${init.maxQueued} results waiting; reconnect with your last cursor`,
        );
        return;
      }
      // Checked per connection when a result is queued: O(1), so a stalled socket never delays other subscribers.
      if (connection.unsentBytes() > connection.maxUnsentBytes) {
        closeSlowConsumer(
          connection,
          counters,
          `Slow consumer: more than ${connection.maxUnsentBytes} bytes unsent on the socket; reconnect with your last cursor`,
        );
        return;
      }
      lastId = entryId;
      queue.push(result);
      connection.queued++;
      notify();
    },
    fail(error) {
      failure = error;
      notify();
    },
    roomFor(size) {
      if (queue.length <= size || subscriber.mode === 'closed') return Promise.resolve();
      room?.resolve();
      return new Promise<void>((resolve) => (room = { size, resolve }));
    },
  };
  return subscriber;
}
