import type { Collection, Filter, Store } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc } from './models.js';

/** Data access for shipments; the only module that knows collection names and indexes. */
export interface ShipmentStore {
  byIds(ids: readonly string[]): Promise<ShipmentDoc[]>;
  /** Every shipment of the given orders, oldest first (`createdAt`, then id). */
  byOrderIds(orderIds: readonly string[]): Promise<ShipmentDoc[]>;
  byTrackingNumber(trackingNumber: string): Promise<ShipmentDoc | null>;
  /** Up to `limit` matches, newest first (`createdAt`, then id, both descending), the order cursors encode. */
  page(filter: Filter, limit: number): Promise<ShipmentDoc[]>;
  count(filter: Filter): Promise<number>;
  /** Inserts; a tracking number already in use throws `DuplicateKeyError`. */
  insertMany(docs: ShipmentDoc[]): Promise<void>;
  isEmpty(): Promise<boolean>;
}

/** Creates the shipment store and its indexes (idempotent; run at start-up). */
export async function createShipmentStore(store: Store): Promise<ShipmentStore> {
  const shipments: Collection<ShipmentDoc> = store.collection<ShipmentDoc>('shipments');
  // Compound indexes match the sorts exactly, so MongoDB never sorts in memory: the leading field serves the
  // plain orderId / createdAt lookups, the trailing one the order within them.
  await shipments.createIndex({ fields: { orderId: 1, createdAt: 1 } });
  await shipments.createIndex({ fields: { locationId: 1 } });
  await shipments.createIndex({ fields: { createdAt: -1, _id: -1 } });
  // Sparse: shipments without a tracking number omit the field (see ShipmentDoc) and are not indexed.
  await shipments.createIndex({ fields: { trackingNumber: 1 }, unique: true, sparse: true });
  return {
    byIds: (ids) => shipments.find({ _id: { $in: [...ids] } }),
    byOrderIds: (orderIds) => shipments.find({ orderId: { $in: [...orderIds] } }, { sort: { createdAt: 1, _id: 1 } }),
    byTrackingNumber: (trackingNumber) => shipments.findOne({ trackingNumber }),
    page: (filter, limit) => shipments.find(filter, { sort: { createdAt: -1, _id: -1 }, limit }),
    count: (filter) => shipments.countDocuments(filter),
    insertMany: (docs) => shipments.insertMany(docs),
    isEmpty: async () => (await shipments.findOne({})) === null,
  };
}
