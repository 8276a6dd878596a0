import type { Collection, Filter, Store } from '@fulfillment-mesh/runtime';
import type { LocationDoc, LocationKind, PositionDoc } from './models.js';

/** Data access for locations and positions; the only module that knows collection names and indexes. */
export interface InventoryStore {
  locationsByIds(ids: readonly string[]): Promise<LocationDoc[]>;
  /** Locations, optionally of one kind, in sourcing order (priority, then id; see `compareLocations`). */
  locations(kind: LocationKind | null): Promise<LocationDoc[]>;
  positionsByIds(ids: readonly string[]): Promise<PositionDoc[]>;
  /** Every position of the given SKUs, in no particular order. */
  positionsBySkus(skus: readonly string[]): Promise<PositionDoc[]>;
  insertLocations(docs: LocationDoc[]): Promise<void>;
  insertPositions(docs: PositionDoc[]): Promise<void>;
  /** True when neither collection holds a document. */
  isEmpty(): Promise<boolean>;
}

/** Creates the inventory store and its indexes (idempotent; run at start-up). */
export async function createInventoryStore(store: Store): Promise<InventoryStore> {
  const locations: Collection<LocationDoc> = store.collection<LocationDoc>('locations');
  const positions: Collection<PositionDoc> = store.collection<PositionDoc>('positions');
  await Promise.all([
    locations.createIndex({ fields: { kind: 1 } }),
    // Product.positions / availability look positions up by SKU; location-side views by location.
    positions.createIndex({ fields: { sku: 1 } }),
    positions.createIndex({ fields: { locationId: 1 } }),
  ]);
  return {
    locationsByIds: (ids) => locations.find({ _id: { $in: [...ids] } }),
    locations(kind) {
      const filter: Filter = kind ? { kind } : {};
      // Same order as compareLocations: _id equals id, and both backends compare strings by code unit.
      return locations.find(filter, { sort: { priority: 1, _id: 1 } });
    },
    positionsByIds: (ids) => positions.find({ _id: { $in: [...ids] } }),
    positionsBySkus: (skus) => positions.find({ sku: { $in: [...skus] } }),
    insertLocations: (docs) => locations.insertMany(docs),
    insertPositions: (docs) => positions.insertMany(docs),
    isEmpty: async () => (await locations.findOne({})) === null && (await positions.findOne({})) === null,
  };
}
