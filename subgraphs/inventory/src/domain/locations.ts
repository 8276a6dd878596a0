import { invalidInput } from '@fulfillment-mesh/runtime';

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
export function sortByLocation<T extends { locationId: string }>(
  rows: readonly T[],
  locations: ReadonlyMap<string, { priority: number }>,
): T[] {
  const rank = (row: T) => ({
    id: row.locationId,
    priority: locations.get(row.locationId)?.priority ?? Number.POSITIVE_INFINITY,
  });
  return [...rows].sort((a, b) => compareLocations(rank(a), rank(b)));
}

/**
 * A document id usable as a key inside a stored map (`holds.<id>`, `ops.<id>`): MongoDB and NeDB refuse field
 * names containing "." or starting with "$", so those characters are percent-encoded (reversibly).
 */
export function fieldKey(id: string): string {
  return id.replace(/%/g, '%25').replace(/\./g, '%2E').replace(/^\$/, '%24');
}
