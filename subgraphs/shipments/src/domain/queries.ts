import { invalidInput } from '@fulfillment-mesh/runtime';
import type { Filter } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc, ShipmentStatus } from '../store/models.js';

/** The position of a shipment in the newest-first order: the pair that a cursor encodes. */
export interface ShipmentSortKey {
  createdAt: string;
  id: string;
}

/** The cursor key of a shipment: `<createdAt>|<id>` (an ISO instant never contains `|`, an id may). */
export function shipmentCursorKey(doc: Pick<ShipmentDoc, '_id' | 'createdAt'>): string {
  return `${doc.createdAt}|${doc._id}`;
}

/** Splits a decoded cursor key; anything not made by {@link shipmentCursorKey} is INVALID_INPUT naming `after`. */
export function parseShipmentCursorKey(key: string): ShipmentSortKey {
  const bar = key.indexOf('|');
  const createdAt = key.slice(0, bar);
  const id = key.slice(bar + 1);
  if (bar < 0 || id === '' || Number.isNaN(Date.parse(createdAt)) || new Date(createdAt).toISOString() !== createdAt) {
    throw invalidInput('after', 'a cursor returned by an earlier page', key);
  }
  return { createdAt, id };
}

/** A shipment filter as the client sent it. */
export interface ShipmentFilterInput {
  orderId?: string | null;
  locationId?: string | null;
  status?: ShipmentStatus | null;
  carrier?: string | null;
}

/**
 * Translates a client filter into a store filter and, after a cursor, continues strictly past it in the
 * newest-first order `{ createdAt: -1, _id: -1 }`: older instants, or the same instant with a smaller id.
 */
export function shipmentFilter(input: ShipmentFilterInput | null | undefined, after: ShipmentSortKey | null): Filter {
  const filter: Filter = {};
  if (input?.orderId != null) filter.orderId = input.orderId;
  if (input?.locationId != null) filter.locationId = input.locationId;
  if (input?.status != null) filter.status = input.status;
  if (input?.carrier != null) filter.carrier = input.carrier;
  if (after !== null) {
    filter.$or = [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id } }];
  }
  return filter;
}
