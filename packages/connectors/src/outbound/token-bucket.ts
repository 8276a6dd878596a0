/** A rate limit shared by every call of one outbound connector in this process. */
export interface RateLimiter {
  /** Resolves when the caller may make one call; rejects if `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void>;
}

/** Options of {@link createTokenBucket}. */
export interface TokenBucketOptions {
  /** Sustained calls per second. */
  ratePerSecond: number;
  /** Calls allowed at once after a quiet period; default = ratePerSecond (one second's worth). */
  burst?: number;
  clock?: () => number;
}

/**
 * A token bucket written as GCRA (a "theoretical arrival time" instead of a token count): each caller reserves
 * the next free slot and waits until it, so waiters are served in arrival order without a queue or a timer
 * per token. The limit is per process; with N replicas the ERP sees at most N x ratePerSecond.
 */
export function createTokenBucket(options: TokenBucketOptions): RateLimiter {
  if (!(options.ratePerSecond > 0))
    throw new Error(`ratePerSecond must be positive, received ${options.ratePerSecond}`);
  const interval = 1_000 / options.ratePerSecond;
  const burst = Math.max(1, Math.floor(options.burst ?? options.ratePerSecond));
  const clock = options.clock ?? Date.now;
  let tat = 0;
  return {
    take(signal) {
      if (signal?.aborted) return Promise.reject(signal.reason as Error);
      const now = clock();
      const start = Math.max(tat, now);
      const wait = Math.max(0, start - now - (burst - 1) * interval);
      tat = start + interval;
      if (wait === 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        }, wait);
        const onAbort = () => {
          clearTimeout(timer);
          reject(signal?.reason as Error);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
  };
}
