import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import { SHIPMENT_STATUSES, type MilestoneDoc, type ShipmentStatus } from '../store/models.js';

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
  const upper = value
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
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
