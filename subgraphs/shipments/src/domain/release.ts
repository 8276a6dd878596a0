import type { ShipmentDoc, ShipmentLineDoc } from '../store/models.js';

/** An order release as the shipments subgraph reads it (see events.ts). */
export interface ReleaseInput {
  orderId: string;
  /** The order's customer: every shipment of the release belongs to it. */
  customerId?: string | undefined;
  /** The order's business unit: whose ERP books the shipments. */
  businessUnit?: string | undefined;
  reservationId: string | null;
  allocations: readonly { locationId: string; lines: readonly ShipmentLineDoc[] }[];
}

/** The id of the shipment an order release creates at a location: derived, so a redelivered release creates nothing twice. */
export function releasedShipmentId(orderId: string, locationId: string): string {
  return `shp-${orderId}-${locationId}`;
}

/**
 * One PENDING shipment per location of a release, lines merged by line id (an allocation may name a line
 * twice, or a location twice). Without carrier, tracking number or milestones: confirmShipment adds those.
 */
export function shipmentsFromRelease(release: ReleaseInput, now: string, source: { eventId: string }): ShipmentDoc[] {
  const byLocation = new Map<string, Map<string, ShipmentLineDoc>>();
  for (const allocation of release.allocations) {
    const lines = byLocation.get(allocation.locationId) ?? new Map<string, ShipmentLineDoc>();
    for (const line of allocation.lines) {
      const held = lines.get(line.lineId);
      lines.set(line.lineId, { lineId: line.lineId, sku: line.sku, quantity: (held?.quantity ?? 0) + line.quantity });
    }
    byLocation.set(allocation.locationId, lines);
  }
  const provenance = { source: 'orders', sourceVersion: source.eventId, observedAt: now };
  return [...byLocation]
    .filter(([, lines]) => lines.size > 0)
    .map(([locationId, lines]) => ({
      _id: releasedShipmentId(release.orderId, locationId),
      orderId: release.orderId,
      ...(release.customerId ? { customerId: release.customerId } : {}),
      ...(release.businessUnit ? { businessUnit: release.businessUnit } : {}),
      locationId,
      carrier: '',
      service: '',
      reservationId: release.reservationId,
      status: 'PENDING' as const,
      lines: [...lines.values()],
      milestones: [],
      createdAt: now,
      updatedAt: now,
      version: 1,
      provenance: { plan: provenance },
    }));
}
