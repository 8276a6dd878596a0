import { DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
import { freeOf, positionId, type LocationKind } from './domain/index.js';
import type { LocationDoc, PositionDoc } from './store/models.js';
import type { InventoryStore } from './store/index.js';

export type { LocationKind } from './domain/index.js';

/** A postal address as the seed dataset carries it (no second line). */
export interface SeedAddress {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** A location as the seed dataset carries it (inventory owns this shape; tools/seed-data generates it). */
export interface SeedLocation {
  id: string;
  name: string;
  kind: LocationKind;
  region: string;
  priority: number;
  address: SeedAddress;
  /** The business unit operating the location; absent in older datasets: `default`. */
  businessUnit?: string;
}

/** A stock position as the seed dataset carries it. */
export interface SeedPosition {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  safetyStock: number;
  incoming: { quantity: number; expectedAt: string } | null;
}

/** The inventory's slice of the seed dataset. */
export interface InventorySeed {
  locations: SeedLocation[];
  positions: SeedPosition[];
}

/** Maps the dataset's locations into location documents, provenance `seed`, version 1. */
export function locationDocs(dataset: Pick<InventorySeed, 'locations'>, observedAt: string): LocationDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  return dataset.locations.map((l) => ({
    _id: l.id,
    id: l.id,
    name: l.name,
    kind: l.kind,
    region: l.region,
    priority: l.priority,
    businessUnit: l.businessUnit ?? DEFAULT_BUSINESS_UNIT,
    // The seed address has no second line; the schema's `line2` is nullable.
    address: {
      line1: l.address.line1,
      line2: null,
      city: l.address.city,
      region: l.address.region,
      postalCode: l.address.postalCode,
      country: l.address.country,
    },
    version: 1,
    updatedAt: observedAt,
    provenance: { profile: provenance, priority: provenance },
  }));
}

/**
 * Maps the dataset's positions into position documents (reserved as given, nothing damaged or in QC). Seeded
 * reservations belong to no reservation document, so they hold nothing that a release could give back.
 */
export function positionDocs(dataset: Pick<InventorySeed, 'positions'>, observedAt: string): PositionDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  return dataset.positions.map((p) => ({
    _id: positionId(p.sku, p.locationId),
    sku: p.sku,
    locationId: p.locationId,
    onHand: p.onHand,
    reserved: p.reserved,
    safetyStock: p.safetyStock,
    damaged: 0,
    qualityControl: 0,
    incoming: p.incoming ? { quantity: p.incoming.quantity, expectedAt: p.incoming.expectedAt } : null,
    free: freeOf({ onHand: p.onHand, reserved: p.reserved, safetyStock: p.safetyStock, damaged: 0, qualityControl: 0 }),
    holds: {},
    version: 1,
    updatedAt: observedAt,
    provenance: { onHand: provenance, reserved: provenance, safetyStock: provenance, incoming: provenance },
  }));
}

/** Seeds an empty inventory; returns how many documents (locations + positions) were written, 0 when data existed. */
export async function seedInventory(
  inventory: InventoryStore,
  dataset: InventorySeed,
  observedAt: string,
): Promise<number> {
  if (!(await inventory.isEmpty())) return 0;
  const locations = locationDocs(dataset, observedAt);
  const positions = positionDocs(dataset, observedAt);
  await inventory.insertLocations(locations);
  await inventory.insertPositions(positions);
  return locations.length + positions.length;
}
