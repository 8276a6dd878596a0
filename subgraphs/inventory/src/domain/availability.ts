import type { AvailabilityView } from '../store/models.js';
import { channelAvailable, isEligible, type Channel, type ChannelRule, type LocationKind } from './channels.js';
import { available, type StockLevels } from './quantities.js';

/** A position as availability reads it. */
export type AvailabilityPosition = StockLevels & { locationId: string; updatedAt: string };

/** The newest of the `updatedAt` instants, or `fallback` when there are none (compared as instants, not text). */
export function newestUpdate(rows: readonly { updatedAt: string }[], fallback: string): string {
  let newest: string | null = null;
  for (const row of rows) if (newest === null || Date.parse(row.updatedAt) > Date.parse(newest)) newest = row.updatedAt;
  return newest ?? fallback;
}

/**
 * A product's availability from its positions: per-location available (in the given order), their sum, and
 * `asOf` = the newest position update (or `requestedAt` when the product is stocked nowhere).
 */
export function availabilityOf(positions: readonly AvailabilityPosition[], requestedAt: string): AvailabilityView {
  const byLocation = positions.map((p) => ({ locationId: p.locationId, available: available(p) }));
  return { available: sum(byLocation), byLocation, asOf: newestUpdate(positions, requestedAt), channel: null };
}

/**
 * A product's available-to-promise for one channel: only the channel's eligible locations, each less the
 * channel's buffer. Sourcing applies the same `channelAvailable`, so what is shown is what can be reserved.
 * Positions at locations missing from `locations` are left out (they cannot be judged eligible).
 */
export function channelAvailabilityOf(
  positions: readonly AvailabilityPosition[],
  locations: ReadonlyMap<string, { id: string; kind: LocationKind }>,
  channel: Channel,
  rule: ChannelRule,
  requestedAt: string,
): AvailabilityView {
  const eligible = positions.filter((p) => {
    const location = locations.get(p.locationId);
    return location !== undefined && isEligible(rule, location);
  });
  const byLocation = eligible.map((p) => ({ locationId: p.locationId, available: channelAvailable(rule, p) }));
  return { available: sum(byLocation), byLocation, asOf: newestUpdate(eligible, requestedAt), channel };
}

function sum(rows: readonly { available: number }[]): number {
  return rows.reduce((total, row) => total + row.available, 0);
}
