import type { Logger } from '@fulfillment-mesh/runtime';
import { createTokenBucket } from './token-bucket.js';

/** One call's permission to go out: a rate token plus a concurrency slot, held until released. */
export interface BudgetLease {
  /** Frees the concurrency slot (never throws; a slot in Redis that cannot be freed expires on its own). */
  release(): Promise<void>;
}

/**
 * The call budget of one remote system (e.g. one ERP): how fast and how many at once every caller of it may
 * call, and a pause the remote can ask for (429 `Retry-After`). Shared by every process through Redis
 * (createRedisBudget) or kept per process (createLocalBudget).
 */
export interface CallBudget {
  /** Which remote system (log lines, Redis keys). */
  readonly name: string;
  /**
   * Resolves with a lease once a token and a slot are free and no pause is in force; rejects with a
   * {@link BudgetWaitError} when that would take longer than the budget's `maxWaitMs`, or when `signal` aborts.
   */
  acquire(signal?: AbortSignal): Promise<BudgetLease>;
  /** Stops every acquire for `ms` from now (a later pause extends it, an earlier one never shortens it). */
  pause(ms: number): Promise<void>;
}

/** Limits of one budget; every field has a default. */
export interface BudgetLimits {
  /** Sustained calls per second; default 10. */
  ratePerSecond?: number;
  /** Calls at once after a quiet period; default = ratePerSecond (one second's worth). */
  burst?: number;
  /** Calls in flight at once; default 4. */
  concurrency?: number;
  /**
   * Longest wait of one acquire before it gives up with a BudgetWaitError (the bus redelivers the event later
   * with its backoff); default 20_000 // 20 seconds, below the bus's 30 s claim time.
   */
  maxWaitMs?: number;
}

/** Defaults of {@link BudgetLimits}. */
export const BUDGET_DEFAULTS = {
  ratePerSecond: 10,
  concurrency: 4,
  maxWaitMs: 20_000, // 20 seconds
} as const;

/**
 * The budget is spent or paused for longer than the caller may wait: not a failure of the remote (it neither
 * trips the circuit breaker nor is retried in-process). The event stays on the bus, which delivers it again.
 */
export class BudgetWaitError extends Error {
  constructor(
    readonly budget: string,
    readonly waitMs: number,
  ) {
    super(`call budget "${budget}" is spent or paused for another ${waitMs} ms; the event waits on the bus`);
    this.name = 'BudgetWaitError';
  }
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function budgetDelay(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A budget in this process only: the token bucket of token-bucket.ts, a counting semaphore and a pause. With N
 * replicas the remote sees up to N times the limits; it is the budget without Redis and while Redis is down.
 */
export function createLocalBudget(name: string, limits: BudgetLimits = {}, clock: () => number = Date.now): CallBudget {
  const bucket = createTokenBucket({
    ratePerSecond: limits.ratePerSecond ?? BUDGET_DEFAULTS.ratePerSecond,
    ...(limits.burst !== undefined ? { burst: limits.burst } : {}),
    clock,
  });
  const concurrency = limits.concurrency ?? BUDGET_DEFAULTS.concurrency;
  const maxWaitMs = limits.maxWaitMs ?? BUDGET_DEFAULTS.maxWaitMs;
  let pausedUntil = 0;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  return {
    name,
    async acquire(signal) {
      const started = clock();
      for (let wait = pausedUntil - clock(); wait > 0; wait = pausedUntil - clock()) {
        if (clock() - started + wait > maxWaitMs) throw new BudgetWaitError(name, wait);
        await budgetDelay(wait, signal);
      }
      await bucket.take(signal);
      while (inFlight >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
      inFlight++;
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          inFlight--;
          waiting.shift()?.();
        },
      };
    },
    async pause(ms) {
      pausedUntil = Math.max(pausedUntil, clock() + ms);
    },
  };
}

/**
 * The shared budget, or — while its Redis commands fail — `local`, this process's own (logged once when it falls
 * back and once when Redis answers again, as redis-fallback.ts in packages/access does). Pauses go to both, so a
 * 429 is honoured here even when Redis drops right after it.
 */
export function withLocalBudgetFallback(shared: CallBudget, local: CallBudget, logger?: Logger): CallBudget {
  let down = false;
  const failed = (error: unknown) => {
    if (down) return;
    down = true;
    logger?.warn(
      { budget: shared.name, reason: (error as Error).message },
      'redis unavailable: the call budget falls back to a per-process bucket',
    );
  };
  const succeeded = () => {
    if (!down) return;
    down = false;
    logger?.info({ budget: shared.name }, 'redis answers again: the call budget is shared through it again');
  };
  return {
    name: shared.name,
    async acquire(signal) {
      try {
        const lease = await shared.acquire(signal);
        succeeded();
        return lease;
      } catch (error) {
        if (error instanceof BudgetWaitError || signal?.aborted) throw error;
        failed(error);
        return local.acquire(signal);
      }
    },
    async pause(ms) {
      await local.pause(ms);
      try {
        await shared.pause(ms);
        succeeded();
      } catch (error) {
        failed(error);
      }
    },
  };
}
