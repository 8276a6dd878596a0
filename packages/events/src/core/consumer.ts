import type { Logger } from '@fulfillment-mesh/runtime';
import type { ConsumeOptions, Consumer } from '../bus.js';
import { deliveryRef, parseDeliveryRef, type BusKeys, type DeliverySource } from './keys.js';
import type { Delivery } from './delivery.js';
import { createDeliveryPipeline } from './pipeline.js';
import type { BusBackend, LogEntry } from './ports.js';

/** What {@link startConsumer} needs besides the caller's options. */
export interface ConsumerDeps {
  backend: BusBackend;
  keys: BusKeys;
  logger: Logger;
  /** Pause after an unexpected error (e.g. Redis unreachable) before the loop tries again; default 1_000 // 1 second. */
  errorPauseMs?: number;
}

/**
 * Runs one consumer of a group over the domain stream and the group's replay stream. Each round takes, in this
 * order: its own pending entries left by a previous run of the same consumer name (once, at start), retries
 * that are due, entries other consumers left idle for `claimIdleMs` (XAUTOCLAIM), and otherwise blocks for new
 * entries — never longer than the next due retry. Deliveries are handled one at a time, in stream order.
 */
export async function startConsumer(deps: ConsumerDeps, options: ConsumeOptions): Promise<Consumer> {
  const { backend, keys, logger } = deps;
  const { log } = backend;
  const { stream, group, consumer } = options;
  const batchSize = options.batchSize ?? 50;
  const blockMs = options.blockMs ?? 2_000; // 2 seconds
  const claimIdleMs = options.claimIdleMs ?? 30_000; // 30 seconds
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000; // 10 seconds
  const errorPauseMs = deps.errorPauseMs ?? 1_000; // 1 second
  // Scanning for idle entries twice per idle window bounds the takeover delay to 1.5 x claimIdleMs.
  const claimEveryMs = Math.max(10, Math.min(claimIdleMs / 2, 5_000));

  const sources = new Map<DeliverySource, string>([
    ['main', keys.stream(stream)],
    ['retry', keys.retry(stream, group)],
  ]);
  const sourceOf = new Map([...sources].map(([source, key]) => [key, source]));
  const createGroups = async (startFrom: string) => {
    await log.createGroup(keys.stream(stream), group, startFrom);
    await log.createGroup(keys.retry(stream, group), group, '0');
  };
  // Started while Redis is down, the group is created by the loop once it answers, from the instant consume()
  // was called (`<ms>-0` rather than `$`): what was published since is still delivered.
  const calledAt = `${Date.now()}-0`;
  let groupsReady = false;
  const ensureGroups = async (startFrom: string) => {
    if (groupsReady) return;
    await createGroups(startFrom);
    await backend.meta.addStream(stream);
    groupsReady = true;
  };
  try {
    await ensureGroups(options.startFrom ?? '$');
  } catch (error) {
    if (backend.connected()) throw error;
    logger.warn(
      { stream, group, consumer },
      'event backbone unavailable; the consumer group is created when it answers',
    );
  }

  const state = backend.groupState(stream, group);
  const reader = await log.openReader();
  const stopped = new AbortController();
  let abandoned = false;
  const pipeline = createDeliveryPipeline({
    stream,
    group,
    consumer,
    registry: options.registry,
    handler: options.handler,
    follows: options.follows,
    onIgnored: options.onIgnored,
    state,
    maxAttempts: options.maxAttempts ?? 5,
    backoff: options.backoff ?? {},
    logger,
    abandoned: () => abandoned,
  });

  const toDelivery = (key: string, entry: LogEntry, via: Delivery['via']): Delivery => {
    const source = sourceOf.get(key) ?? 'main';
    const replay = entry.fields.replay;
    return {
      ref: deliveryRef(source, entry.id),
      key,
      entryId: entry.id,
      raw: entry.fields.envelope ?? '',
      ...(replay === 'dead-letter' || replay === 'range' ? { replay } : {}),
      via,
    };
  };

  let recovered = false;
  let lastClaimAt = 0;
  const cursors = new Map<string, string>();
  const streamKeys = [...sources.values()];

  const fetch = async (): Promise<Delivery[]> => {
    if (!recovered) {
      const own = await reader.readGroup(group, consumer, streamKeys, { count: batchSize, blockMs: 0, history: true });
      recovered = true; // only once read: a first round that failed (Redis down) reads them again
      if (own.length > 0) return own.map(({ key, entry }) => toDelivery(key, entry, 'claimed'));
    }
    const out: Delivery[] = [];
    for (const { ref, subject } of await state.takeDue(Date.now(), batchSize)) {
      const { source, entryId } = parseDeliveryRef(ref);
      const key = sources.get(source)!;
      const entry = await log.claim(key, group, consumer, entryId);
      if (entry) out.push(toDelivery(key, entry, 'due'));
      // Gone (trimmed by retention or acknowledged elsewhere): forget it so that its subject is not held forever.
      else await state.settle({ ref, key, entryId, subject, outcome: 'dropped' });
    }
    const now = Date.now();
    if (now - lastClaimAt >= claimEveryMs) {
      lastClaimAt = now;
      for (const key of streamKeys) {
        const claimed = await log.autoClaim(key, group, consumer, claimIdleMs, cursors.get(key) ?? '0-0', batchSize);
        cursors.set(key, claimed.cursor);
        out.push(...claimed.entries.map((entry) => toDelivery(key, entry, 'claimed')));
      }
    }
    if (out.length > 0) return out;
    const nextDue = await state.nextDueAt();
    const until = Math.min(nextDue ?? Infinity, lastClaimAt + claimEveryMs, Date.now() + blockMs);
    const wait = Math.max(0, Math.ceil(until - Date.now()));
    const fresh = await reader.readGroup(group, consumer, streamKeys, { count: batchSize, blockMs: wait });
    return fresh.map(({ key, entry }) => toDelivery(key, entry, 'new'));
  };

  // One line per outage, not one per round: the first failure is a warning, the recovery says how long it took.
  let failingSince: number | undefined;
  const loop = (async () => {
    while (!stopped.signal.aborted) {
      try {
        await ensureGroups(options.startFrom === '0' ? '0' : calledAt);
        const batch = await fetch();
        pipeline.prefetch(batch);
        for (const delivery of batch) {
          if (stopped.signal.aborted) break;
          await pipeline.handle(delivery);
        }
        await pipeline.drain();
        if (failingSince !== undefined) {
          logger.info({ stream, group, consumer, downMs: Date.now() - failingSince }, 'consumer resumed');
          failingSince = undefined;
        }
      } catch (error) {
        if (stopped.signal.aborted) break;
        if (failingSince === undefined) {
          failingSince = Date.now();
          logger.error({ err: error, stream, group, consumer }, 'consumer round failed; retrying until it succeeds');
        } else {
          logger.debug({ err: error, stream, group, consumer }, 'consumer round failed again');
        }
        await pause(errorPauseMs, stopped.signal);
        // The stream (and with it the group) was deleted under us: start over on whatever is written next.
        if (error instanceof Error && error.message.startsWith('NOGROUP'))
          await createGroups('0').catch(() => undefined);
      }
    }
  })();

  let stopping: Promise<void> | undefined;
  return {
    group,
    name: consumer,
    stop() {
      stopping ??= (async () => {
        stopped.abort();
        await reader.close();
        if (!(await settlesWithin(loop, shutdownTimeoutMs))) {
          abandoned = true;
          logger.warn(
            { stream, group, consumer, shutdownTimeoutMs },
            'handler still running at stop; its entry will be redelivered',
          );
        }
      })();
      return stopping;
    },
  };
}

/** Resolves after `ms`, or early when `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Whether `promise` settles within `ms` (the timer is cleared either way, so it never holds the process open). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
