import {
  DEFAULT_CHANNELS,
  DEFAULT_LIMITS,
  fewestLocations,
  type ChannelConfig,
  type RequestLimits,
  type SourcingStrategy,
} from './index.js';

/** Tunables of the inventory subgraph; every one has a default. */
export interface InventoryOptions {
  /** Channel rules (eligible locations, buffer, backorders, splits); default `DEFAULT_CHANNELS`. */
  channels?: ChannelConfig;
  /** Where orders ship from; default `fewestLocations`. */
  strategy?: SourcingStrategy;
  /** Request limits (longest TTL, most lines); default `DEFAULT_LIMITS`. */
  limits?: RequestLimits;
  /** Sourcing rounds when a concurrent buyer takes planned stock; default 3. */
  sourcingAttempts?: number;
  /** How often the sweeper runs; default 5_000 // 5 seconds. */
  sweepIntervalMs?: number;
  /**
   * The lease of a reservation run: a PENDING reservation older than this is presumed left by a run that died
   * (crash) and is resumed by the sweeper or by a repeated call; default 30_000 // 30 seconds.
   */
  pendingTimeoutMs?: number;
  /** How long the sweeper owns a reservation it picked up before another sweep may retry it; default 60_000 // 1 minute. */
  sweepLeaseMs?: number;
  /** Reservations handled per sweep; default 100. */
  sweepBatch?: number;
  /** How long a duplicate reserveStock call waits for the first one (in another process) to finish; default 5_000 // 5 seconds. */
  duplicateWaitMs?: number;
  /** Pause between two looks at that first call; default 25 // 25 ms. */
  duplicatePollMs?: number;
}

/** Options with every default filled in. */
export type ResolvedOptions = Required<InventoryOptions>;

/** Fills in the defaults of {@link InventoryOptions}. */
export function resolveOptions(options: InventoryOptions = {}): ResolvedOptions {
  return {
    channels: options.channels ?? DEFAULT_CHANNELS,
    strategy: options.strategy ?? fewestLocations,
    limits: options.limits ?? DEFAULT_LIMITS,
    sourcingAttempts: options.sourcingAttempts ?? 3,
    sweepIntervalMs: options.sweepIntervalMs ?? 5_000, // 5 seconds
    pendingTimeoutMs: options.pendingTimeoutMs ?? 30_000, // 30 seconds
    sweepLeaseMs: options.sweepLeaseMs ?? 60_000, // 1 minute
    sweepBatch: options.sweepBatch ?? 100,
    duplicateWaitMs: options.duplicateWaitMs ?? 5_000, // 5 seconds
    duplicatePollMs: options.duplicatePollMs ?? 25, // 25 ms
  };
}
