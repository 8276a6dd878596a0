import type { EventEnvelope } from '@fulfillment-mesh/events';
import { tracedFetch } from '@fulfillment-mesh/telemetry';
import { PermanentDeliveryError, TransientDeliveryError } from './errors.js';
import { parseRetryAfter } from './retry-after.js';
import type { OutboundSend } from './delivery.js';

/** Options of {@link createHttpSender}. */
export interface HttpSenderOptions {
  /** The receiver's endpoint, or one per event. */
  url: string | ((event: EventEnvelope) => string);
  /** Default `POST`. */
  method?: 'POST' | 'PUT';
  /** The JSON body for an event (the mapping to the receiver's format). */
  body: (event: EventEnvelope) => unknown;
  /** Extra headers per call (auth tokens), possibly per event (its receiver's credentials). */
  headers?: (event: EventEnvelope) => Record<string, string> | Promise<Record<string, string>>;
  /** Header that carries the idempotency key; default `Idempotency-Key`. */
  idempotencyHeader?: string;
}

/**
 * An HTTP `send` for {@link createOutboundDelivery}: JSON over fetch with the delivery's idempotency key in a
 * header, so the receiver can drop the repeats that at-least-once delivery and timeouts produce. 2xx is success;
 * 408, 425, 429, 5xx and network errors are transient (with
 * the answer's `Retry-After`, which pauses the delivery's budget); other statuses are permanent. Each call is an HTTP client
 * span carrying `traceparent` to the receiver.
 */
export function createHttpSender(options: HttpSenderOptions): OutboundSend {
  const idempotencyHeader = options.idempotencyHeader ?? 'Idempotency-Key';
  return async ({ event, idempotencyKey, signal }) => {
    const url = typeof options.url === 'string' ? options.url : options.url(event);
    let res: Response;
    try {
      res = await tracedFetch(url, {
        method: options.method ?? 'POST',
        headers: {
          'content-type': 'application/json',
          [idempotencyHeader]: idempotencyKey,
          ...((await options.headers?.(event)) ?? {}),
        },
        body: JSON.stringify(options.body(event)),
        signal,
      });
    } catch (error) {
      throw new TransientDeliveryError(`${url} unreachable: ${(error as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    if (res.ok) return;
    const detail = `${url} answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`;
    if (res.status >= 500 || res.status === 408 || res.status === 425 || res.status === 429)
      throw new TransientDeliveryError(detail, res.status, parseRetryAfter(res.headers.get('retry-after')));
    throw new PermanentDeliveryError(detail, res.status);
  };
}
