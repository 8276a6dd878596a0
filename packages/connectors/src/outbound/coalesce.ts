/** Options of {@link createCoalescer}. */
export interface CoalescerOptions<V> {
  /**
   * How long changes to one key gather before they are pushed as one; default 500 // 0.5 seconds. The first
   * change of a quiet key starts the window, so no change waits longer than the window plus one push in flight.
   */
  windowMs?: number;
  /** Pushes the latest value of `key`. A rejection is told to `onError`; the coalescer itself never throws. */
  push: (key: string, value: V) => Promise<void>;
  /** Told of every failed push (the caller dead-letters or reschedules); default: ignored. */
  onError?: (key: string, value: V, error: unknown) => void;
}

/** Counters of a {@link Coalescer}. */
export interface CoalescerStats {
  /** Values offered. */
  offered: number;
  /** Pushes started. */
  pushed: number;
  /** Values replaced by a later one before they were pushed. */
  superseded: number;
}

/** Per-key latest-value-wins batching with at most one push in flight per key. */
export interface Coalescer<V> {
  /** Records `value` as the latest for `key`; it is pushed when the key's window closes (or `delayMs` from now). */
  offer(key: string, value: V, delayMs?: number): void;
  /** Keys with a value waiting or a push in flight. */
  busy(): number;
  /** Resolves once no key has a value waiting or a push in flight (or `timeoutMs` passed: rejects). */
  idle(timeoutMs?: number): Promise<void>;
  /** Drops waiting values and resolves once the pushes in flight have ended. */
  stop(): Promise<void>;
  stats(): CoalescerStats;
}

interface KeyState<V> {
  pending?: { value: V; delayMs?: number };
  timer?: NodeJS.Timeout;
  flight?: Promise<void>;
}

/**
 * Creates a coalescer. Per key: the latest value offered within a window wins; at most one push is in flight;
 * a value arriving during a flight schedules exactly one more push (a new window, started when the flight
 * ends), so a burst of N changes costs about (burst duration / window) + 1 pushes whatever N is, and the
 * last value always reaches the receiver.
 */
export function createCoalescer<V>(options: CoalescerOptions<V>): Coalescer<V> {
  const windowMs = options.windowMs ?? 500; // 0.5 seconds
  const keys = new Map<string, KeyState<V>>();
  const idleWaiters = new Set<() => void>();
  const stats: CoalescerStats = { offered: 0, pushed: 0, superseded: 0 };
  let stopped = false;

  const settleIdle = () => {
    if (keys.size > 0) return;
    for (const resolve of idleWaiters) resolve();
    idleWaiters.clear();
  };

  const arm = (key: string, state: KeyState<V>, delayMs: number) => {
    if (state.timer || state.flight) return;
    state.timer = setTimeout(() => fire(key, state), delayMs);
    state.timer.unref?.();
  };

  const fire = (key: string, state: KeyState<V>) => {
    state.timer = undefined;
    const taken = state.pending;
    state.pending = undefined;
    if (!taken || stopped) {
      keys.delete(key);
      return settleIdle();
    }
    stats.pushed++;
    state.flight = Promise.resolve()
      .then(() => options.push(key, taken.value))
      .catch((error: unknown) => options.onError?.(key, taken.value, error))
      .finally(() => {
        state.flight = undefined;
        if (state.pending && !stopped) return arm(key, state, state.pending.delayMs ?? windowMs);
        keys.delete(key);
        settleIdle();
      });
  };

  return {
    offer(key, value, delayMs) {
      if (stopped) return;
      stats.offered++;
      let state = keys.get(key);
      if (!state) keys.set(key, (state = {}));
      if (state.pending) stats.superseded++;
      state.pending = delayMs === undefined ? { value } : { value, delayMs };
      arm(key, state, delayMs ?? windowMs);
    },
    busy: () => keys.size,
    idle(timeoutMs = 30_000) {
      if (keys.size === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          idleWaiters.delete(done);
          reject(new Error(`coalescer still busy after ${timeoutMs} ms (${keys.size} keys)`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        idleWaiters.add(done);
      });
    },
    async stop() {
      stopped = true;
      const flights: Promise<void>[] = [];
      for (const [key, state] of keys) {
        if (state.timer) clearTimeout(state.timer);
        state.pending = undefined;
        if (state.flight) flights.push(state.flight);
        else keys.delete(key);
      }
      await Promise.all(flights);
      keys.clear();
      settleIdle();
    },
    stats: () => ({ ...stats }),
  };
}
