import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import type { MilestoneDoc, ShipmentDoc } from '../src/store/models.js';

const at = '2026-11-05T00:00:00.000Z';
const provenance = { source: 'test', sourceVersion: '1', observedAt: at };

/** A milestone at `day` (of November 2026) and `hour` UTC. */
export function milestone(
  status: MilestoneDoc['status'],
  day: number,
  hour = 12,
  location: string | null = 'Memphis, TN',
): MilestoneDoc {
  return { status, at: instant(day, hour), location, description: status.toLowerCase().replace(/_/g, ' ') };
}

/** `2026-11-<day>T<hour>:00:00.000Z`. */
export function instant(day: number, hour = 9): string {
  return new Date(Date.UTC(2026, 10, day, hour)).toISOString();
}

/** A shipment of one line, created on `day` of November 2026, labelled and in transit unless overridden. */
export function shipment(id: string, day: number, overrides: Partial<ShipmentDoc> = {}): ShipmentDoc {
  return {
    _id: id,
    orderId: 'O-1',
    locationId: 'DC-EAST',
    carrier: 'UPS',
    service: 'GROUND',
    trackingNumber: `1Z-${id}`,
    status: 'IN_TRANSIT',
    lines: [{ lineId: `${id}-L1`, sku: 'SKU-1', quantity: 2 }],
    milestones: [milestone('LABEL_CREATED', day), milestone('IN_TRANSIT', day + 1)],
    createdAt: instant(day),
    updatedAt: at,
    version: 1,
    provenance: { plan: provenance, tracking: provenance },
    ...overrides,
  };
}

/** The same shipment before the carrier issued a tracking number (the field is absent, as stored). */
export function withoutTrackingNumber(doc: ShipmentDoc): ShipmentDoc {
  const { trackingNumber: _none, ...rest } = doc;
  return rest;
}

/**
 * Five shipments whose creation instants tie in pairs (SH-2/SH-3 and SH-1/SH-5), so that pages of two cut
 * through both ties. Newest first they are SH-4, SH-3, SH-2, SH-5, SH-1.
 */
export const shipments: ShipmentDoc[] = [
  shipment('SH-4', 3, { orderId: 'O-3', carrier: 'USPS', service: 'PRIORITY', trackingNumber: '9400-SH-4' }),
  withoutTrackingNumber(
    shipment('SH-2', 2, {
      locationId: 'DC-WEST',
      carrier: 'FEDEX',
      status: 'PENDING',
      milestones: [],
      lines: [
        { lineId: 'O-1-L2', sku: 'SKU-2', quantity: 1 },
        { lineId: 'O-1-L3', sku: 'SKU-3', quantity: 5 },
      ],
    }),
  ),
  shipment('SH-1', 1, {
    status: 'DELIVERED',
    milestones: [milestone('LABEL_CREATED', 1), milestone('IN_TRANSIT', 2, 8, null), milestone('DELIVERED', 3)],
  }),
  shipment('SH-3', 2, { orderId: 'O-2' }),
  shipment('SH-5', 1, {
    orderId: 'O-3',
    locationId: 'DC-WEST',
    status: 'EXCEPTION',
    milestones: [milestone('LABEL_CREATED', 1), milestone('EXCEPTION', 2)],
  }),
];

/** An in-memory store holding the fixture shipments (inserted out of order on purpose). */
export async function storeWithShipments() {
  const store = openEmbeddedStore();
  await store.collection<ShipmentDoc>('shipments').insertMany(shipments);
  return store;
}
