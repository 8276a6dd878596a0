import { extractContext, inSpan, SpanKind } from '@fulfillment-mesh/telemetry';
import type { Logger } from '@fulfillment-mesh/runtime';
import type { BackoffOptions, DeliveryAttempt, EventHandler } from '../bus.js';
import type { EventEnvelope } from '../envelope.js';
import type { EventRegistry } from '../registry.js';
import { backoffDelay } from './backoff.js';
import { deadLetterRecord } from './dead-letter-record.js';
import { prepareDelivery, type Delivery, type PreparedDelivery } from './delivery.js';
import { entryIdTime } from './keys.js';
import type { GroupState, Inspection, Settlement } from './ports.js';

/** What the pipeline needs. */
export interface PipelineDeps {
  stream: string;
  group: string;
  consumer: string;
  registry: EventRegistry;
  handler: EventHandler;
  /** Types the group handles; undefined means all. */
  follows: ((type: string) => boolean) | undefined;
  /** Told of each event acknowledged unread because the registry knows no definition of its type. */
  onIgnored: ((type: string) => void) | undefined;
  state: GroupState;
  maxAttempts: number;
  backoff: BackoffOptions;
  logger: Logger;
  /** True once stop() gave up waiting: a handler finishing after that must leave no trace (its entry is redelivered). */
  abandoned(): boolean;
}

/** Handles a batch of deliveries one at a time, in order. */
export interface DeliveryPipeline {
  /** Prepares a batch and starts its state lookups together (one round trip instead of one per delivery). */
  prefetch(batch: readonly Delivery[]): void;
  handle(delivery: Delivery): Promise<void>;
  /** Resolves once every state write issued so far is applied; rejects with the first that failed. */
  drain(): Promise<void>;
}

/**
 * Builds the pipeline that takes each delivery to its end: skipped (a type the group does not follow, or one its
 * registry has no definition of: counted as skipped and told to `onIgnored`), dead letter (unreadable, a known
 * type at a version it cannot read, invalid data, or failed `maxAttempts` times), duplicate
 * (event id already processed by the group), held (an earlier event of the same subject waits for its retry:
 * per-subject order holds even across retries), stale (sequence not above the subject's last applied one),
 * retry later, or processed. Replays skip the duplicate and stale checks: they are explicit requests to process again.
 *
 * Round trips are what limits a consumer, so: a batch's lookups are issued together, except for a delivery whose
 * subject or event id already occurred earlier in the batch (its state may change before its turn); and state
 * writes are not awaited one by one — the backend applies calls in call order (Redis: one connection, commands
 * queued synchronously), so a later lookup sees them. The consumer drains the writes before its next fetch.
 */
export function createDeliveryPipeline(deps: PipelineDeps): DeliveryPipeline {
  const { state, logger } = deps;
  const writes = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const prepared = new Map<Delivery, { prepared: PreparedDelivery; look?: Promise<Inspection> }>();

  const track = (write: Promise<void>): void => {
    const tracked = write.then(
      () => void writes.delete(tracked),
      (error: unknown) => {
        writes.delete(tracked);
        failure ??= { error };
      },
    );
    writes.add(tracked);
  };

  const settle = (d: Delivery, subject: string, outcome: Settlement['outcome'], extra: Partial<Settlement> = {}) =>
    track(state.settle({ ref: d.ref, key: d.key, entryId: d.entryId, subject, outcome, ...extra }));

  const deadLetter = (d: Delivery, subject: string, reason: string, attempts: DeliveryAttempt[]) => {
    logger.warn({ stream: deps.stream, group: deps.group, entryId: d.entryId, reason }, 'event dead-lettered');
    const record = deadLetterRecord({ group: deps.group, reason, attempts, originEntryId: d.entryId, envelope: d.raw });
    settle(d, subject, 'dead-lettered', { deadLetter: record });
  };

  const failed = (d: Delivery, event: EventEnvelope, previous: DeliveryAttempt[], error: unknown) => {
    const now = Date.now();
    const attempts = [...previous, { at: new Date(now).toISOString(), error: errorMessage(error) }];
    if (attempts.length >= deps.maxAttempts)
      return deadLetter(d, event.subject, `handler failed ${attempts.length} times`, attempts);
    const dueAt = now + backoffDelay(attempts.length, deps.backoff);
    logger.info(
      { stream: deps.stream, group: deps.group, eventId: event.id, attempt: attempts.length, dueAt },
      'handler failed; retry scheduled',
    );
    track(state.retryLater(d.ref, event.subject, attempts, dueAt));
  };

  const handle = async (d: Delivery): Promise<void> => {
    const entry = prepared.get(d) ?? { prepared: prepareDelivery(d, deps.registry, deps.follows) };
    prepared.delete(d);
    const p = entry.prepared;
    if (p.kind === 'dead-letter') return deadLetter(d, p.subject, p.reason, []);
    if (p.kind === 'skip') return settle(d, p.subject, 'skipped');
    if (p.kind === 'ignore') {
      deps.onIgnored?.(p.type);
      return settle(d, p.subject, 'skipped');
    }
    const { envelope, event } = p;

    let look = await (entry.look ?? state.inspect(d.ref, envelope.id, envelope.subject));
    // A claimed entry whose retry is scheduled belongs to the due path; taking it here would retry early.
    if (d.via === 'claimed' && look.dueAt !== null) return;
    if (!d.replay && look.processed) return settle(d, envelope.subject, 'duplicate');
    if (look.blockedBy !== null && look.blockedBy !== d.ref) {
      if (await state.hold(d.ref, envelope.subject, envelope.sequence ?? entryIdTime(d.entryId))) return;
      look = await state.inspect(d.ref, envelope.id, envelope.subject); // the holder just finished: read what it left
    }
    const last = look.lastSequence;
    if (!d.replay && envelope.sequence !== undefined && last !== null && envelope.sequence <= last) {
      return settle(d, envelope.subject, 'stale');
    }

    try {
      const attempt = look.attempts.length + 1;
      // Each delivery is a CONSUMER span in the trace of the change that wrote the event (messaging conventions).
      const attributes = {
        'messaging.system': 'fulfillment-mesh',
        'messaging.operation.type': 'process',
        'messaging.destination.name': deps.stream,
        'messaging.consumer.group.name': deps.group,
        'messaging.message.id': envelope.id,
        'cloudevents.event_type': envelope.type,
        'cloudevents.event_subject': envelope.subject,
        'fm.delivery.attempt': attempt,
      };
      await inSpan(
        `process ${deps.stream} ${deps.group}`,
        { kind: SpanKind.CONSUMER, parent: extractContext(envelope as unknown as Record<string, unknown>), attributes },
        () =>
          deps.handler(event, {
            stream: deps.stream,
            group: deps.group,
            consumer: deps.consumer,
            entryId: d.entryId,
            attempt,
            previousAttempts: look.attempts,
            ...(d.replay ? { replay: d.replay } : {}),
          }),
      );
    } catch (error) {
      if (!deps.abandoned()) failed(d, envelope, look.attempts, error);
      return;
    }
    if (deps.abandoned()) return;
    settle(d, envelope.subject, 'processed', {
      eventId: envelope.id,
      ...(envelope.sequence !== undefined ? { sequence: envelope.sequence } : {}),
      ...(d.replay ? { replayed: true } : {}),
    });
  };

  return {
    prefetch(batch) {
      prepared.clear();
      const seen = new Set<string>();
      for (const d of batch) {
        const p = prepareDelivery(d, deps.registry, deps.follows);
        const keys = p.kind === 'event' ? [`s:${p.envelope.subject}`, `e:${p.envelope.id}`] : [`s:${p.subject}`];
        const independent = keys.every((key) => !seen.has(key));
        for (const key of keys) seen.add(key);
        if (p.kind !== 'event' || !independent) {
          prepared.set(d, { prepared: p });
          continue;
        }
        const look = state.inspect(d.ref, p.envelope.id, p.envelope.subject);
        look.catch(() => undefined); // observed by handle(); a batch cut short by stop() must not leave it unhandled
        prepared.set(d, { prepared: p, look });
      }
    },
    handle,
    async drain() {
      await Promise.all([...writes]);
      const failed = failure;
      failure = undefined;
      if (failed) throw failed.error;
    },
  };
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
}
