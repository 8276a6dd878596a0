import type { EventBus, EventEnvelope, StreamPosition } from '@fulfillment-mesh/events';
import type { Logger } from '@fulfillment-mesh/runtime';
import type { SubscriptionCounters } from './metrics.js';

/** What {@link createSharedTail} needs. */
export interface SharedTailDeps {
  bus: EventBus;
  streams: readonly string[];
  /** Handles one event; a throw is logged and the event skipped (one bad event must not stop every subscriber). */
  handler: (event: EventEnvelope, position: StreamPosition) => Promise<void> | void;
  counters: SubscriptionCounters;
  logger: Logger;
  /** Wait before re-opening a failed tail; default 1_000 // 1 second. */
  restartDelayMs?: number;
  /** Sees every event before the subscribers (the entity cache evicts first) and every change of readiness. */
  observer?: TailObserver | undefined;
}

/** Another reader of the one tail: its streams are added to the subscribed ones. */
export interface TailObserver {
  streams: readonly string[];
  onEvent(event: EventEnvelope, stream: string): void;
  onTailState(ready: boolean): void;
}

/** The one tail of a gateway process over every subscribed stream, shared by all subscribers. */
export interface SharedTail {
  /**
   * Resolves once the tail is positioned (events published from then on are seen), or after a first attempt that
   * failed (Redis down at start-up): the tail keeps trying and `ready()` turns true when it is positioned.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
  ready(): boolean;
  /** The last entry id handled per stream. */
  positions(): Record<string, string>;
}

/**
 * Follows the streams with `bus.tail` (no consumer group: every gateway process sees every event). After a failure
 * (Redis restart) it re-opens from the last entry id it handled on each stream, so live subscribers miss nothing
 * that was retained; a stream that had no event yet restarts at its end.
 */
export function createSharedTail(deps: SharedTailDeps): SharedTail {
  const restartDelayMs = deps.restartDelayMs ?? 1_000; // 1 second
  const controller = new AbortController();
  const positions: Record<string, string> = {};
  let isReady = false;
  const setReady = (ready: boolean) => {
    if (ready === isReady) return;
    isReady = ready;
    deps.observer?.onTailState(ready);
  };
  let running: Promise<void> | null = null;
  let started: Promise<void> | null = null;

  const handle = async (event: EventEnvelope, position: StreamPosition) => {
    positions[position.stream] = position.entryId;
    deps.counters.eventsReceived++;
    try {
      deps.observer?.onEvent(event, position.stream);
    } catch (error) {
      deps.logger.error(
        { err: error, stream: position.stream, entryId: position.entryId },
        'tail observer failed for an event',
      );
    }
    try {
      await deps.handler(event, position);
    } catch (error) {
      deps.logger.error(
        { err: error, stream: position.stream, entryId: position.entryId },
        'subscription fan-out failed for an event',
      );
    }
  };

  async function loop(onFirstReady: () => void) {
    let positioned = false;
    let failing = false;
    while (!controller.signal.aborted) {
      try {
        await deps.bus.tail({
          streams: deps.streams,
          fromId: Object.fromEntries(deps.streams.map((s) => [s, positions[s] ?? '$'])),
          handler: handle,
          signal: controller.signal,
          onReady: () => {
            setReady(true);
            if (failing) deps.logger.info({ positions }, 'subscription event tail reopened');
            failing = false;
            if (!positioned) onFirstReady();
            positioned = true;
          },
        });
      } catch (error) {
        setReady(false);
        if (controller.signal.aborted) break;
        if (!positioned) onFirstReady(); // serve without subscriptions until the backbone answers
        deps.counters.tailRestarts++;
        // One line per outage; the retries in between are debug.
        if (!failing)
          deps.logger.error({ err: error, positions }, 'subscription event tail failed; reopening until it succeeds');
        else deps.logger.debug({ err: error }, 'subscription event tail still failing');
        failing = true;
        await new Promise((resolve) => setTimeout(resolve, restartDelayMs).unref());
      }
    }
    setReady(false);
  }

  return {
    start() {
      started ??= new Promise<void>((resolve) => {
        running = loop(resolve);
      });
      return started;
    },
    async stop() {
      controller.abort();
      await running;
    },
    ready: () => isReady,
    positions: () => ({ ...positions }),
  };
}
