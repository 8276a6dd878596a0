import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { createLogger, type Logger } from '@fulfillment-mesh/runtime';
import { inSpan, SpanKind } from '@fulfillment-mesh/telemetry';
import type { ConsumeOptions, DeliveryMeta, EventEnvelope, EventHandler } from '@fulfillment-mesh/events';
import type { ConnectorMetrics } from '../metrics.js';
import { BudgetWaitError, createLocalBudget, type CallBudget } from './budget.js';
import { PermanentDeliveryError, TransientDeliveryError } from './errors.js';

/** One call to the receiver. */
export interface OutboundRequest {
  event: EventEnvelope;
  /** The event id: the same for every attempt of one event, so the receiver can drop repeats. */
  idempotencyKey: string;
  /** 1-based attempt within this handler run. */
  attempt: number;
  /** Aborted when the attempt times out. */
  signal: AbortSignal;
}

/** Sends one event to the receiver; throws a TransientDeliveryError or PermanentDeliveryError on failure. */
export type OutboundSend = (request: OutboundRequest) => Promise<void>;

/** Options of {@link createOutboundDelivery}. */
export interface OutboundDeliveryOptions {
  /** Connector name, for logs and errors (e.g. `erp-sales-orders`). */
  name: string;
  send: OutboundSend;
  /** Events to deliver; others are acknowledged without a call. Default: all. */
  filter?: (event: EventEnvelope) => boolean;
  /** Calls in flight at once in this process (bulkhead); default 4. */
  concurrency?: number;
  /** Calls waiting for a bulkhead slot before new ones are refused (the bus retries them); default 100. */
  queue?: number;
  /** Sustained calls per second in this process; default 10. Ignored when `budget` is given. */
  ratePerSecond?: number;
  /** Calls at once after a quiet period; default = ratePerSecond. Ignored when `budget` is given. */
  burst?: number;
  /**
   * The remote system's call budget (rate, concurrency, 429 pauses), e.g. one shared by every process through
   * Redis (createRedisBudget) and by every connector calling the same ERP. Default: a budget of this delivery
   * alone in this process, from `ratePerSecond`, `burst` and `concurrency`. A function picks the budget per event
   * (one per ERP when events route to several); what it throws fails the delivery like a failed send.
   */
  budget?: CallBudget | ((event: EventEnvelope) => CallBudget | Promise<CallBudget>);
  breaker?: {
    /** Consecutive transient failures that open the circuit; default 5. */
    consecutiveFailures?: number;
    /** How long an open circuit refuses calls before one trial; default 10_000 // 10 seconds. */
    halfOpenAfterMs?: number;
  };
  retry?: {
    /** In-process retries after the first attempt, before the bus's own backoff takes over; default 2. */
    maxAttempts?: number;
    /** Default 100 // 0.1 seconds. */
    initialDelayMs?: number;
    /** Default 2_000 // 2 seconds. */
    maxDelayMs?: number;
  };
  /** Per-attempt timeout; default 5_000 // 5 seconds. */
  timeoutMs?: number;
  metrics: ConnectorMetrics;
  logger?: Logger;
}

/** An event handler for `bus.consume` that delivers each event to an external system. */
export type OutboundDelivery = EventHandler & {
  readonly connector: string;
  /** The circuit's state: `closed`, `open`, `half-open` or `isolated`. */
  circuit(): 'closed' | 'open' | 'half-open' | 'isolated';
};

/**
 * Consumer options for an outbound group: far more patient than the bus defaults, so that an outage of the
 * receiver queues work instead of dead-lettering it — retries doubling from 1 second up to 5 minutes, which
 * with the bus's full jitter spans about 1.3 hours on average (at most 2.6) before a dead letter; whatever
 * still dead-letters is re-driven with `replayDeadLetters` once the receiver is back.
 */
export const outboundConsumeDefaults = {
  maxAttempts: 40,
  backoff: { baseMs: 1_000, maxMs: 5 * 60_000 }, // 1 second doubling up to 5 minutes
} as const satisfies Pick<ConsumeOptions, 'maxAttempts' | 'backoff'>;

const STATES = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
} as const;

/**
 * Creates the handler of an outbound connector, queued on the event backbone: the ERP posting group consumes
 * the domain stream like any other group, so a slow or dead ERP delays only that group — fulfillment groups read
 * the same stream independently. Each call passes a bulkhead (concurrency in this process), the remote's call
 * budget (rate, concurrency and 429 pauses, shared across processes when it lives in Redis), a circuit
 * breaker (an outage fails fast instead of piling up) and a per-attempt timeout, with a couple of quick retries.
 * A failure that survives them is thrown, so the bus schedules the retry (with its backoff) or dead-letters;
 * the event id travels as the idempotency key, making the at-least-once bus exactly-once at the receiver.
 */
export function createOutboundDelivery(options: OutboundDeliveryOptions): OutboundDelivery {
  const { metrics, name } = options;
  const logger = options.logger ?? createLogger({ service: `connector-${name}` });
  const transient = (error: Error) =>
    !(error instanceof PermanentDeliveryError) &&
    !(error instanceof BrokenCircuitError) &&
    !(error instanceof BulkheadRejectedError) &&
    !(error instanceof BudgetWaitError);
  const fixedBudget =
    typeof options.budget === 'object'
      ? options.budget
      : createLocalBudget(name, {
          ratePerSecond: options.ratePerSecond ?? 10,
          ...(options.burst !== undefined ? { burst: options.burst } : {}),
          concurrency: options.concurrency ?? 4,
        });
  const budgetOf = typeof options.budget === 'function' ? options.budget : () => fixedBudget;
  const concurrency = bulkhead(options.concurrency ?? 4, options.queue ?? 100);
  const retries = retry(handleWhen(transient), {
    maxAttempts: options.retry?.maxAttempts ?? 2,
    backoff: new ExponentialBackoff({
      initialDelay: options.retry?.initialDelayMs ?? 100,
      maxDelay: options.retry?.maxDelayMs ?? 2_000,
    }),
  });
  const breaker = circuitBreaker(handleWhen(transient), {
    halfOpenAfter: options.breaker?.halfOpenAfterMs ?? 10_000, // 10 seconds
    breaker: new ConsecutiveBreaker(options.breaker?.consecutiveFailures ?? 5),
  });
  const attemptTimeout = timeout(options.timeoutMs ?? 5_000, TimeoutStrategy.Aggressive); // 5 seconds
  const policy = wrap(concurrency, retries, breaker);

  retries.onRetry(() => metrics.increment('retried'));
  breaker.onBreak(() => {
    metrics.increment('circuitOpened');
    logger.warn({ connector: name }, 'circuit opened: calls fail fast until a trial succeeds');
  });
  breaker.onReset(() => logger.info({ connector: name }, 'circuit closed'));
  concurrency.onReject(() => metrics.increment('bulkheadRejected'));

  const handler = async (event: EventEnvelope, meta: DeliveryMeta): Promise<void> => {
    if (options.filter && !options.filter(event)) {
      metrics.increment('skipped');
      return;
    }
    let attempt = 0;
    try {
      await policy.execute(async ({ signal }) => {
        const budget = await budgetOf(event);
        const lease = await budget.acquire(signal);
        attempt++;
        // One span per call out: the adapter, the event it delivers and the attempt (retries are siblings).
        const attributes = {
          'fm.adapter': name,
          'fm.adapter.direction': 'OUTBOUND',
          'fm.adapter.attempt': attempt,
          'messaging.message.id': event.id,
          'fm.event.type': event.type,
        };
        try {
          await inSpan(`${name} send`, { kind: SpanKind.INTERNAL, attributes }, () =>
            attemptTimeout.execute(
              ({ signal: attemptSignal }) =>
                options.send({ event, idempotencyKey: event.id, attempt, signal: attemptSignal }),
              signal,
            ),
          );
        } catch (error) {
          // The remote asked for quiet (429 Retry-After): every caller of this budget waits, not only this call.
          if (error instanceof TransientDeliveryError && error.retryAfterMs !== undefined) {
            metrics.increment('paused');
            await budget.pause(error.retryAfterMs);
          }
          throw error;
        } finally {
          await lease.release();
        }
      });
      metrics.increment('sent');
    } catch (error) {
      metrics.increment('failed');
      if (error instanceof BrokenCircuitError) metrics.increment('circuitOpen');
      if (error instanceof PermanentDeliveryError) metrics.increment('refused');
      if (error instanceof BudgetWaitError) metrics.increment('budgetDeferred');
      const reason =
        error instanceof BrokenCircuitError
          ? 'circuit open after repeated failures'
          : error instanceof TaskCancelledError
            ? 'timed out'
            : (error as Error).message;
      logger.info(
        { connector: name, eventId: event.id, busAttempt: meta.attempt, reason },
        'outbound delivery failed; the bus will retry',
      );
      throw new Error(`${name}: delivery of ${event.type} ${event.id} failed (${reason})`, { cause: error });
    }
  };
  return Object.assign(handler, { connector: name, circuit: () => STATES[breaker.state] });
}
