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
}

/**
 * Maps the shipments slice of the seed dataset into shipment documents, provenance `seed`. The stored status
 * is derived from the normalised milestones (the one rule for status), not copied from the record.
 */
export function shipmentDocs(dataset: ShipmentsSeed, observedAt: string): ShipmentDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  return dataset.shipments.map((s, i) => {
    const milestones = normalizeMilestones(s.milestones);
    return {
      _id: s.id,
      orderId: s.orderId,
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

/** Seeds an empty shipments collection; returns how many shipments were written (0 when data already existed). */
export async function seedShipments(shipments: ShipmentStore, dataset: ShipmentsSeed, observedAt: string): Promise<number> {
  if (!(await shipments.isEmpty())) return 0;
  const docs = shipmentDocs(dataset, observedAt);
  await shipments.insertMany(docs);
  return docs.length;
}
