/**
 * A delivery failure worth retrying: the receiver is down, overloaded or slow (network error, 5xx, 408, 429).
 * `retryAfterMs` is the receiver's own `Retry-After` (see parseRetryAfter): the delivery pauses its whole
 * budget that long — for every process sharing it — instead of only this call.
 */
export class TransientDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'TransientDeliveryError';
  }
}

/**
 * A delivery the receiver refused on its merits (4xx): retrying the same request cannot succeed, and it says
 * nothing about the receiver's health, so it neither trips the circuit breaker nor is retried in-process.
 */
export class PermanentDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}
