import { invalidInput } from '@fulfillment-mesh/runtime';
import type { AvailabilityView } from './models.js';

/** The stock counts of one position that decide what can be promised. */
export interface StockLevels {
  onHand: number;
  reserved: number;
  safetyStock: number;
  damaged: number;
  qualityControl: number;
}

/**
 * Units that can be promised: on-hand minus what is reserved, held back as safety stock, damaged or in
 * quality control, never negative. The single place this rule lives (channel rules will extend it here).
 */
export function available(stock: StockLevels): number {
  return Math.max(0, stock.onHand - stock.reserved - stock.safetyStock - stock.damaged - stock.qualityControl);
}

/**
 * The `_id` of a position: `<sku>@<locationId>`. Location ids may not contain `@`, so the split at the last
 * `@` is unambiguous even for SKUs that contain one; throws INVALID_INPUT naming `locationId` otherwise.
 */
export function positionId(sku: string, locationId: string): string {
  if (locationId.includes('@')) throw invalidInput('locationId', 'a location id without "@"', locationId);
  return `${sku}@${locationId}`;
}

/** Orders locations for sourcing: lower priority number first, then by id so ties are stable. */
export function compareLocations(a: { id: string; priority: number }, b: { id: string; priority: number }): number {
  if (a.priority !== b.priority) return a.priority < b.priority ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Sorts rows that belong to a location (positions, availability lines) into the locations' sourcing order.
 * A row whose location is not in `locations` sorts last rather than failing, so the function stays total.
 */
export function sortByLocation<T extends { locationId: string }>(rows: readonly T[], locations: ReadonlyMap<string, { priority: number }>): T[] {
  const rank = (row: T) => ({ id: row.locationId, priority: locations.get(row.locationId)?.priority ?? Number.POSITIVE_INFINITY });
  return [...rows].sort((a, b) => compareLocations(rank(a), rank(b)));
}

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
export function availabilityOf(
  positions: readonly (StockLevels & { locationId: string; updatedAt: string })[],
  requestedAt: string,
): AvailabilityView {
  const byLocation = positions.map((p) => ({ locationId: p.locationId, available: available(p) }));
  return {
    available: byLocation.reduce((sum, row) => sum + row.available, 0),
    byLocation,
    asOf: newestUpdate(positions, requestedAt),
  };
}
