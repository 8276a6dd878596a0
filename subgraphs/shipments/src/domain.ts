import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import type { Filter } from '@fulfillment-mesh/runtime';
import { SHIPMENT_STATUSES, type MilestoneDoc, type ShipmentDoc, type ShipmentStatus } from './models.js';

/** A milestone as a source reports it: any casing of the status, any ISO-8601 offset, blank locations. */
export interface MilestoneInput {
  status: string;
  at: string;
  location?: string | null;
  description: string;
}

/** True when `value` is one of {@link SHIPMENT_STATUSES}. */
export function isShipmentStatus(value: string): value is ShipmentStatus {
  return (SHIPMENT_STATUSES as readonly string[]).includes(value);
}

/** Reads a source status such as `in transit` or `In-Transit`; throws INVALID_INPUT naming `field`. */
export function parseShipmentStatus(value: string, field: string): ShipmentStatus {
  const upper = value.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (!isShipmentStatus(upper)) throw invalidInput(field, `one of ${SHIPMENT_STATUSES.join(', ')}`, value);
  return upper;
}

/** Reads an ISO-8601 instant into its canonical UTC form; throws INVALID_INPUT naming `field`. */
export function canonicalInstant(value: string, field: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw invalidInput(field, 'an ISO-8601 instant', value);
  return new Date(ms).toISOString();
}

/**
 * Normalises milestones: canonical statuses and instants, trimmed text, blank locations as null, oldest first.
 * The sort is stable, so events a carrier reports for the same instant keep the order it sent them in; an
 * event repeated verbatim (carriers re-send on retries) is kept once.
 */
export function normalizeMilestones(milestones: readonly MilestoneInput[]): MilestoneDoc[] {
  const seen = new Set<string>();
  const out: MilestoneDoc[] = [];
  milestones.forEach((m, i) => {
    const location = m.location?.trim() ?? '';
    const doc: MilestoneDoc = {
      status: parseShipmentStatus(m.status, `milestones[${i}].status`),
      at: canonicalInstant(m.at, `milestones[${i}].at`),
      location: location === '' ? null : location,
      description: m.description.trim(),
    };
    const key = JSON.stringify(doc);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(doc);
  });
  return orderMilestones(out);
}

/** Milestones oldest first by instant (stable: ties keep their given order). Does not modify its input. */
export function orderMilestones<T extends { at: string }>(milestones: readonly T[]): T[] {
  return [...milestones].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/** The status a shipment is in: the status of its latest milestone, `PENDING` before the first one. */
export function shipmentStatusFrom(milestones: readonly { status: ShipmentStatus; at: string }[]): ShipmentStatus {
  return orderMilestones(milestones).at(-1)?.status ?? 'PENDING';
}

const TRACKING_NUMBER = /^[A-Za-z0-9-]{1,64}$/;

/** Returns a well-formed tracking number (1..64 letters, digits or hyphens) or throws INVALID_INPUT naming `trackingNumber`. */
export function validTrackingNumber(value: string): string {
  if (!TRACKING_NUMBER.test(value)) {
    throw invalidInput('trackingNumber', '1 to 64 letters, digits or hyphens', value);
  }
  return value;
}

/** NOT_FOUND for a tracking number no shipment carries; it names the number, which is not a shipment id. */
export function trackingNumberNotFound(trackingNumber: string): DomainError {
  return new DomainError('NOT_FOUND', `Shipment with tracking number "${trackingNumber}" was not found`, {
    entity: 'Shipment',
    trackingNumber,
  });
}

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
