import { DomainError } from '@fulfillment-mesh/runtime';
import type { ShipmentStatus } from '../store/models.js';

/**
 * The shipment lifecycle: where each status may go next. Forward moves may skip statuses because carriers
 * skip scans (EasyPost has no pickup scan: a label goes straight to `in_transit`). EXCEPTION is entered only
 * from a moving parcel and left back into transit or delivery; CANCELLED only before the carrier has it.
 * DELIVERED, RETURNED_TO_SENDER and CANCELLED are final. Staying in a status is always allowed (repeat scans).
 */
export const SHIPMENT_TRANSITIONS: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  PENDING: ['LABEL_CREATED', 'CANCELLED'],
  LABEL_CREATED: ['PICKED_UP', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'CANCELLED'],
  PICKED_UP: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'],
  IN_TRANSIT: ['OUT_FOR_DELIVERY', 'DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'],
  OUT_FOR_DELIVERY: ['DELIVERED', 'EXCEPTION', 'RETURNED_TO_SENDER'],
  EXCEPTION: ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED', 'RETURNED_TO_SENDER'],
  DELIVERED: [],
  RETURNED_TO_SENDER: [],
  CANCELLED: [],
};

/** True when a shipment in `from` may move to `to` (staying put included). */
export function canTransition(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return from === to || SHIPMENT_TRANSITIONS[from].includes(to);
}

/** CONFLICT naming the shipment, its current status and the requested one. */
export function illegalTransition(shipmentId: string, from: ShipmentStatus, to: ShipmentStatus): DomainError {
  return new DomainError('CONFLICT', `Shipment "${shipmentId}" cannot move from ${from} to ${to}`, {
    entity: 'Shipment',
    id: shipmentId,
    current: from,
    requested: to,
  });
}

/** Returns `to` when the move is legal; otherwise throws {@link illegalTransition}. */
export function transition(shipmentId: string, from: ShipmentStatus, to: ShipmentStatus): ShipmentStatus {
  if (!canTransition(from, to)) throw illegalTransition(shipmentId, from, to);
  return to;
}

/** Statuses in which the shipment is still at its location and may be confirmed or cancelled. */
export const NOT_YET_HANDED_OVER: readonly ShipmentStatus[] = ['PENDING', 'LABEL_CREATED'];
