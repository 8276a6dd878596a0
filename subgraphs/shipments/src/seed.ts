import { canonicalInstant, normalizeMilestones, shipmentStatusFrom } from './domain/milestones.js';
import type { ShipmentDoc } from './store/models.js';
import type { ShipmentStore } from './store/index.js';

/** A tracking milestone as the seed dataset carries it. */
export interface SeedMilestone {
  status: string;
  at: string;
  location: string;
  description: string;
}

/** A shipment as the seed dataset carries it (shipments owns this shape; tools/seed-data generates it). */
export interface SeedShipment {
  id: string;
  orderId: string;
  locationId: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  status: string;
  lines: { lineId: string; sku: string; quantity: number }[];
  milestones: SeedMilestone[];
  createdAt: string;
}

/** The shipments' slice of the seed dataset. */
export interface ShipmentsSeed {
  shipments: SeedShipment[];
  /** The orders the shipments belong to: a shipment carries its order's customer (its owner for partners). */
  orders?: { id: string; customer: { id: string } }[];
}

/**
 * Maps the shipments slice of the seed dataset into shipment documents, provenance `seed`. The stored status
 * is derived from the normalised milestones (the one rule for status), not copied from the record.
 */
export function shipmentDocs(dataset: ShipmentsSeed, observedAt: string): ShipmentDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  // Shipments carry their order's customer (the owner partners are confined to); the dataset links them by order.
  const customers = new Map((dataset.orders ?? []).map((o) => [o.id, o.customer.id]));
  return dataset.shipments.map((s, i) => {
    const customerId = customers.get(s.orderId);
    const milestones = normalizeMilestones(s.milestones);
    return {
      _id: s.id,
      orderId: s.orderId,
      ...(customerId !== undefined ? { customerId } : {}),
      locationId: s.locationId,
      carrier: s.carrier,
      service: s.service,
      // Omitted rather than null when absent: the sparse unique index skips only missing fields.
      ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
      status: shipmentStatusFrom(milestones),
      lines: s.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
      milestones,
      createdAt: canonicalInstant(s.createdAt, `shipments[${i}].createdAt`),
      updatedAt: observedAt,
      version: 1,
      provenance: { plan: provenance, tracking: provenance },
    };
  });
}

/**
 * Seeds an empty shipments collection; returns how many shipments were written (0 when data already existed).
 * Seeded shipments stored before owners were recorded get their order's customer now (one update per customer).
 */
export async function seedShipments(
  shipments: ShipmentStore,
  dataset: ShipmentsSeed,
  observedAt: string,
): Promise<number> {
  if (!(await shipments.isEmpty())) {
    await backfillOwners(shipments, dataset);
    return 0;
  }
  const docs = shipmentDocs(dataset, observedAt);
  await shipments.insertMany(docs);
  return docs.length;
}

async function backfillOwners(shipments: ShipmentStore, dataset: ShipmentsSeed): Promise<void> {
  const customers = new Map((dataset.orders ?? []).map((o) => [o.id, o.customer.id]));
  const byCustomer = new Map<string, string[]>();
  for (const s of dataset.shipments) {
    const customerId = customers.get(s.orderId);
    if (customerId !== undefined) byCustomer.set(customerId, [...(byCustomer.get(customerId) ?? []), s.orderId]);
  }
  for (const [customerId, orderIds] of byCustomer) {
    await shipments.collection.updateMany(
      { orderId: { $in: orderIds }, customerId: { $exists: false } },
      { $set: { customerId } },
    );
  }
}
