import { DomainError, invalidInput } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc, ShipmentLineDoc } from '../store/models.js';
import { validTrackingNumber } from './milestones.js';
import { transition } from './shipment-state.js';

/** One line of a confirmation: how many units of a shipment line physically left. */
export interface ConfirmLineInput {
  lineId: string;
  quantity: number;
}

/** confirmShipment's input as the WMS or console sends it. */
export interface ConfirmShipmentInput {
  shipmentId: string;
  lines: readonly ConfirmLineInput[];
  carrier: string;
  service: string;
  trackingNumber: string;
}

/** A validated confirmation: what left (in the shipment's line order) and what stays behind. */
export interface ConfirmationPlan {
  carrier: string;
  service: string;
  trackingNumber: string;
  shipped: ShipmentLineDoc[];
  /** Empty when everything left. */
  remainder: ShipmentLineDoc[];
}

/** A carrier or service name: trimmed, 1..64 characters; INVALID_INPUT naming `field` otherwise. */
export function validCarrierName(value: string, field: 'carrier' | 'service'): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > 64) throw invalidInput(field, '1 to 64 characters', value);
  return trimmed;
}

/**
 * Validates a confirmation against the shipment it confirms: every line named once, known to the shipment and
 * with a whole quantity from 1 to what the shipment holds (errors name `lines[i]`). Lines left out stay behind.
 */
export function planConfirmation(
  shipment: Pick<ShipmentDoc, '_id' | 'lines'>,
  input: Omit<ConfirmShipmentInput, 'shipmentId'>,
): ConfirmationPlan {
  const carrier = validCarrierName(input.carrier, 'carrier');
  const service = validCarrierName(input.service, 'service');
  const trackingNumber = validTrackingNumber(input.trackingNumber);
  if (input.lines.length === 0) throw invalidInput('lines', 'at least one line', []);
  const requested = new Map<string, number>();
  input.lines.forEach((line, i) => {
    const held = shipment.lines.find((l) => l.lineId === line.lineId);
    if (!held)
      throw invalidInput(
        `lines[${i}].lineId`,
        `a line of shipment "${shipment._id}" (${shipment.lines.map((l) => l.lineId).join(', ')})`,
        line.lineId,
      );
    if (requested.has(line.lineId)) throw invalidInput(`lines[${i}].lineId`, 'each line at most once', line.lineId);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > held.quantity) {
      throw invalidInput(
        `lines[${i}].quantity`,
        `a whole number from 1 to ${held.quantity} for line "${line.lineId}"`,
        line.quantity,
      );
    }
    requested.set(line.lineId, line.quantity);
  });
  const shipped: ShipmentLineDoc[] = [];
  const remainder: ShipmentLineDoc[] = [];
  for (const line of shipment.lines) {
    const quantity = requested.get(line.lineId) ?? 0;
    if (quantity > 0) shipped.push({ ...line, quantity });
    if (line.quantity > quantity) remainder.push({ ...line, quantity: line.quantity - quantity });
  }
  return { carrier, service, trackingNumber, shipped, remainder };
}

/**
 * Throws unless the shipment may be confirmed: still at its location (PENDING or LABEL_CREATED) and not yet
 * confirmed. CONFLICT names the current and requested state.
 */
export function assertConfirmable(
  shipment: Pick<ShipmentDoc, '_id' | 'status' | 'trackingNumber' | 'confirmedAt'>,
): void {
  if (isConfirmed(shipment)) {
    throw new DomainError(
      'CONFLICT',
      `Shipment "${shipment._id}" is already confirmed with tracking number "${shipment.trackingNumber}"`,
      {
        entity: 'Shipment',
        id: shipment._id,
        current: shipment.status,
        requested: 'LABEL_CREATED',
      },
    );
  }
  transition(shipment._id, shipment.status, 'LABEL_CREATED');
}

/**
 * True once a confirmation landed. A tracking number alone does not say so: a PENDING shipment may carry one
 * assigned ahead (a pre-printed label, as seeded shipments do), and its confirmation replaces it.
 */
export function isConfirmed(shipment: Pick<ShipmentDoc, 'status' | 'trackingNumber' | 'confirmedAt'>): boolean {
  return shipment.confirmedAt !== undefined || (shipment.trackingNumber !== undefined && shipment.status !== 'PENDING');
}

/** True when a confirmed shipment is exactly what `plan` asks for (a retried request): it is answered again. */
export function isSameConfirmation(
  shipment: Pick<ShipmentDoc, 'carrier' | 'service' | 'trackingNumber' | 'lines' | 'split'>,
  plan: ConfirmationPlan,
): boolean {
  const key = (lines: readonly ShipmentLineDoc[]) => JSON.stringify(lines.map((l) => [l.lineId, l.quantity]).sort());
  return (
    shipment.trackingNumber === plan.trackingNumber &&
    shipment.carrier === plan.carrier &&
    shipment.service === plan.service &&
    key(shipment.lines) === key(plan.shipped)
  );
}

/** `B` for 1, … `Z` for 25, `AA` for 26: spreadsheet column names, so ids stay short and sort by split. */
export function splitSuffix(index: number): string {
  const letter = String.fromCharCode(65 + (index % 26));
  return index < 26 ? letter : splitSuffix(Math.floor(index / 26) - 1) + letter;
}

/**
 * Where the remainder of a partial confirmation goes: the next id in the chain of the first shipment
 * (`shp-O-1-DC-B`, then `-C`, …), whichever link of the chain is being split. Deterministic, so retries agree.
 */
export function remainderPosition(shipment: Pick<ShipmentDoc, '_id' | 'rootId' | 'splitIndex'>): {
  id: string;
  rootId: string;
  splitIndex: number;
} {
  const rootId = shipment.rootId ?? shipment._id;
  const splitIndex = (shipment.splitIndex ?? 0) + 1;
  return { id: `${rootId}-${splitSuffix(splitIndex)}`, rootId, splitIndex };
}
