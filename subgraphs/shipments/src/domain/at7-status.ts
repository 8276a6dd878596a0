import type { ShipmentStatus } from '../store/models.js';

/**
 * X12 214 AT701 shipment status codes (data element 1650) mapped to our milestone statuses. `null` marks a
 * code that says nothing about where the goods are (estimates, acknowledgements, a carrier waiting at the
 * dock): it records no milestone. A code outside the table is a dead letter naming it, so a partner's new code
 * is added here deliberately rather than guessed.
 */
export const AT7_STATUS_TABLE: Readonly<Record<string, { status: ShipmentStatus | null; meaning: string }>> = {
  XB: { status: null, meaning: 'Shipment Acknowledged' },
  X3: { status: null, meaning: 'Arrived at Pick-up Location' },
  X8: { status: null, meaning: 'Arrived at Pick-up Location Loading Dock' },
  AG: { status: null, meaning: 'Estimated Delivery' },
  X2: { status: null, meaning: "Estimated Date and/or Time of Arrival at Consignee's Location" },
  C1: { status: null, meaning: 'Estimated to Depart Terminal Location' },
  B6: { status: null, meaning: 'Estimated to Arrive at Carrier Terminal' },
  CP: { status: 'PICKED_UP', meaning: 'Completed Loading at Pick-up Location' },
  AM: { status: 'PICKED_UP', meaning: 'Loaded on Truck' },
  AF: { status: 'PICKED_UP', meaning: 'Carrier Departed Pick-up Location with Shipment' },
  X6: { status: 'IN_TRANSIT', meaning: 'En Route to Delivery Location' },
  X4: { status: 'IN_TRANSIT', meaning: 'Arrived at Terminal Location' },
  P1: { status: 'IN_TRANSIT', meaning: 'Departed Terminal Location' },
  R1: { status: 'IN_TRANSIT', meaning: 'Received from Prior Carrier' },
  J1: { status: 'IN_TRANSIT', meaning: 'Delivered to Connecting Line' },
  I1: { status: 'IN_TRANSIT', meaning: 'In-Gate' },
  AR: { status: 'IN_TRANSIT', meaning: 'Rail Arrival at Destination Intermodal Ramp' },
  RL: { status: 'IN_TRANSIT', meaning: 'Rail Departure from Origin Intermodal Ramp' },
  K1: { status: 'IN_TRANSIT', meaning: 'Arrived at Customs' },
  CT: { status: 'IN_TRANSIT', meaning: 'Customs Release' },
  X1: { status: 'OUT_FOR_DELIVERY', meaning: 'Arrived at Delivery Location' },
  X5: { status: 'OUT_FOR_DELIVERY', meaning: 'Arrived at Delivery Location Loading Dock' },
  S1: { status: 'OUT_FOR_DELIVERY', meaning: "Trailer Spotted at Consignee's Location" },
  AJ: { status: 'OUT_FOR_DELIVERY', meaning: 'Tendered for Delivery' },
  AV: { status: 'OUT_FOR_DELIVERY', meaning: 'Available for Delivery' },
  D1: { status: 'DELIVERED', meaning: 'Completed Unloading at Delivery Location' },
  CD: { status: 'DELIVERED', meaning: 'Carrier Departed Delivery Location' },
  CB: { status: 'DELIVERED', meaning: 'Completed Shipment' },
  A9: { status: 'EXCEPTION', meaning: 'Shipment Damaged' },
  SD: { status: 'EXCEPTION', meaning: 'Shipment Delayed' },
  AH: { status: 'EXCEPTION', meaning: 'Attempted Delivery' },
  AP: { status: 'EXCEPTION', meaning: 'Delivery Not Completed' },
  A7: { status: 'EXCEPTION', meaning: 'Refused by Consignee' },
  A3: { status: 'RETURNED_TO_SENDER', meaning: 'Shipment Returned to Shipper' },
  CA: { status: 'CANCELLED', meaning: 'Shipment Cancelled' },
};

/** The entry of an AT701 code (any casing), or undefined when the table does not know it. */
export function at7Status(code: string): { status: ShipmentStatus | null; meaning: string } | undefined {
  const key = code.trim().toUpperCase();
  return Object.hasOwn(AT7_STATUS_TABLE, key) ? AT7_STATUS_TABLE[key] : undefined;
}

/** AT707 time codes with a fixed offset from UTC in hours; others (LT local, ET/CT/MT/PT) are read as UTC. */
const TIME_CODE_OFFSETS: Readonly<Record<string, number>> = {
  UT: 0,
  GM: 0,
  ES: -5,
  ED: -4,
  CS: -6,
  CD: -5,
  MS: -7,
  MD: -6,
  PS: -8,
  PD: -7,
  AS: -4,
  AD: -3,
  HS: -10,
};

/**
 * The instant of an AT705 date (CCYYMMDD), AT706 time (HHMM or HHMMSS) and AT707 time code, or null when the
 * date or time is not one. Codes without a fixed offset are taken as UTC (documented in ADAPTERS.md).
 */
export function at7Instant(date: string, time: string | null, timeCode: string | null): string | null {
  if (!/^\d{8}$/.test(date)) return null;
  const t = time ?? '0000';
  if (!/^\d{4}(\d{2})?(\d{1,2})?$/.test(t)) return null;
  const [hh, mm, ss] = [t.slice(0, 2), t.slice(2, 4), t.length >= 6 ? t.slice(4, 6) : '00'];
  const offset = TIME_CODE_OFFSETS[(timeCode ?? 'UT').toUpperCase()] ?? 0;
  const utc = Date.UTC(+date.slice(0, 4), +date.slice(4, 6) - 1, +date.slice(6, 8), +hh, +mm, +ss) - offset * 3_600_000;
  if (Number.isNaN(utc) || +hh > 23 || +mm > 59 || +ss > 59) return null;
  const back = new Date(utc);
  return back.toISOString();
}
