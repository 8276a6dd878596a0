import type { BackoffOptions } from '../bus.js';

/**
 * Delay before retry number `failures` (1 after the first failure): exponential with full jitter, i.e. uniform in
 * [0, min(maxMs, baseMs * 2^(failures-1))]. Full jitter spreads the retries of many consumers that failed together
 * (e.g. a database blip) instead of having them retry in lockstep.
 */
export function backoffDelay(
  failures: number,
  options: BackoffOptions = {},
  random: () => number = Math.random,
): number {
  const baseMs = options.baseMs ?? 200; // 0.2 seconds
  const maxMs = options.maxMs ?? 30_000; // 30 seconds
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(random() * ceiling);
}
