import type { Rng } from './random.js';

/**
 * The dataset's clock. Every timestamp is an offset from one fixed anchor, never the wall clock, so two
 * runs with the same options produce identical data whatever day they run on.
 */

/** The dataset's "now": orders reach back up to ~90 days before it, inbound stock up to 14 days after. */
export const ANCHOR_ISO = '2026-11-01T00:00:00.000Z';

/** The anchor as epoch milliseconds. */
export const ANCHOR_MS = Date.parse(ANCHOR_ISO);

/** One second in milliseconds. */
export const SECOND = 1_000;

/** One minute in milliseconds. */
export const MINUTE = 60 * SECOND;

/** One hour in milliseconds. */
export const HOUR = 60 * MINUTE;

/** One day in milliseconds. */
export const DAY = 24 * HOUR;

/** A random duration in [min, max] milliseconds, in whole seconds so timestamps read naturally. */
export function between(rng: Rng, min: number, max: number): number {
  return rng.int(Math.ceil(min / SECOND), Math.floor(max / SECOND)) * SECOND;
}

/** ISO-8601 (UTC, millisecond precision) of an epoch-millisecond instant. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
