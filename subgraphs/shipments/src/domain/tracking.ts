import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import type { MilestoneDoc, ShipmentDoc, ShipmentStatus } from '../store/models.js';
import { milestoneStatusOfCarrierCode } from './carrier-status.js';
import { canonicalInstant, orderMilestones, shipmentStatusFrom } from './milestones.js';
import { transition } from './shipment-state.js';

/** A tracking event as recordTrackingEvent receives it (the shipment is located separately). */
export interface TrackingEventInput {
  /** Our normalised status; when absent it is read from `carrierCode`. */
  status?: ShipmentStatus | null;
  carrierCode?: string | null;
  at: string;
  location?: string | null;
  description: string;
}

/** Builds the milestone of a tracking event; INVALID_INPUT when neither field yields a status. */
export function milestoneOf(input: TrackingEventInput): MilestoneDoc {
  const carrierCode = input.carrierCode?.trim() || null;
  const status = input.status ?? (carrierCode === null ? null : milestoneStatusOfCarrierCode(carrierCode));
  if (status == null)
    throw invalidInput('status', 'a status, or a carrierCode that names one', input.carrierCode ?? null);
  const location = input.location?.trim() || null;
  return {
    status,
    at: canonicalInstant(input.at, 'at'),
    location,
    description: input.description.trim(),
    ...(carrierCode !== null ? { carrierCode } : {}),
  };
}

/** What appending a milestone does to a shipment. */
export interface TrackingChange {
  /** True when the carrier re-sent a milestone we hold (same status at the same instant): nothing changes. */
  duplicate: boolean;
  milestones: MilestoneDoc[];
  status: ShipmentStatus;
}

// Statuses that mean the carrier has the parcel; the stock must have been confirmed as shipped first.
const CARRIER_HAS_IT: readonly ShipmentStatus[] = [
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'RETURNED_TO_SENDER',
];

/**
 * Appends `milestone` to a shipment's history (kept oldest first) and derives the status from the newest one.
 * A late milestone older than the newest is history only: the newest still decides, so the status never moves
 * back. A newer one must be a legal transition (CONFLICT otherwise), and a carrier may not report the parcel
 * moving before the shipment was confirmed (it carries no tracking number yet).
 */
export function applyMilestone(
  shipment: Pick<ShipmentDoc, '_id' | 'status' | 'milestones' | 'trackingNumber'>,
  milestone: MilestoneDoc,
): TrackingChange {
  const at = Date.parse(milestone.at);
  if (shipment.milestones.some((m) => m.status === milestone.status && Date.parse(m.at) === at)) {
    return { duplicate: true, milestones: shipment.milestones, status: shipment.status };
  }
  const milestones = orderMilestones([...shipment.milestones, milestone]);
  const derived = shipmentStatusFrom(milestones);
  if (derived === shipment.status) return { duplicate: false, milestones, status: derived };
  const status = transition(shipment._id, shipment.status, derived);
  if (CARRIER_HAS_IT.includes(status) && shipment.trackingNumber === undefined) {
    throw new DomainError(
      'CONFLICT',
      `Shipment "${shipment._id}" cannot move from ${shipment.status} to ${status}: it is not confirmed yet`,
      {
        entity: 'Shipment',
        id: shipment._id,
        current: shipment.status,
        requested: status,
      },
    );
  }
  return { duplicate: false, milestones, status };
}
