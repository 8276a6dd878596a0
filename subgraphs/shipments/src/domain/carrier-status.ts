import { invalidInput } from '@fulfillment-mesh/runtime';
import type { ShipmentStatus } from '../store/models.js';

/**
 * Carrier tracking status codes (EasyPost's vocabulary, which most aggregators share) mapped to our milestone
 * statuses. `null` means the code says nothing about where the parcel is, so it records no milestone.
 */
export const CARRIER_STATUS_TABLE: Readonly<Record<string, ShipmentStatus | null>> = {
  pre_transit: 'LABEL_CREATED',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  // Waiting at a pickup point for the customer: the last leg, like a van on its round.
  available_for_pickup: 'OUT_FOR_DELIVERY',
  delivered: 'DELIVERED',
  return_to_sender: 'RETURNED_TO_SENDER',
  failure: 'EXCEPTION',
  cancelled: 'CANCELLED',
  unknown: null,
};

/**
 * Normalises a carrier status code (any casing, spaces or hyphens for underscores) to a milestone status, or
 * null for `unknown`; a code outside the table is INVALID_INPUT naming `field`.
 */
export function milestoneStatusOfCarrierCode(code: string, field = 'carrierCode'): ShipmentStatus | null {
  const key = code
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  const status = Object.hasOwn(CARRIER_STATUS_TABLE, key) ? CARRIER_STATUS_TABLE[key] : undefined;
  if (status === undefined) throw invalidInput(field, `one of ${Object.keys(CARRIER_STATUS_TABLE).join(', ')}`, code);
  return status;
}
