import { createConflictLog, type ConflictLog, type ConflictRecord } from '@fulfillment-mesh/connectors';
import type { Collection, Filter, Store, Update } from '@fulfillment-mesh/runtime';
import type { ShipmentDoc } from './models.js';

/** Data access for shipments; the only module that knows collection names and indexes. */
export interface ShipmentStore {
  /** The raw collection, for the outbox relay. */
  readonly collection: Collection<ShipmentDoc>;
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
  /** One shipment by id, a pending remainder included (workflows only; queries never see those). */
  get(id: string): Promise<ShipmentDoc | null>;
  /** Every shipment of one order, pending remainders included (workflows only). */
  allOfOrder(orderId: string): Promise<ShipmentDoc[]>;
  /** Inserts one shipment; an id or tracking number already in use throws `DuplicateKeyError`. */
  insertOne(doc: ShipmentDoc): Promise<void>;
  /** Atomically updates the shipment matching the guarding `filter`; null when nothing matches any more. */
  update(filter: Filter, update: Update): Promise<ShipmentDoc | null>;
  /** Deletes a remainder only while it is still pending (never one that was published); true when deleted. */
  deletePending(id: string): Promise<boolean>;
  /** Pending remainders written before `instant` (ISO), for the sweeper. */
  pendingBefore(instant: string, limit: number): Promise<ShipmentDoc[]>;
}

// Remainders written ahead of their confirmation are invisible until it lands (see workflows/split.ts).
const VISIBLE: Filter = { splitPending: { $exists: false } };

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
  // Sparse: only the few pending remainders carry the field, so the sweeper's scan stays small.
  await shipments.createIndex({ fields: { splitPending: 1 }, sparse: true });
  return {
    collection: shipments,
    byIds: (ids) => shipments.find({ _id: { $in: [...ids] }, ...VISIBLE }),
    byOrderIds: (orderIds) =>
      shipments.find({ orderId: { $in: [...orderIds] }, ...VISIBLE }, { sort: { createdAt: 1, _id: 1 } }),
    byTrackingNumber: (trackingNumber) => shipments.findOne({ trackingNumber }),
    page: (filter, limit) => shipments.find({ ...filter, ...VISIBLE }, { sort: { createdAt: -1, _id: -1 }, limit }),
    count: (filter) => shipments.countDocuments({ ...filter, ...VISIBLE }),
    insertMany: (docs) => shipments.insertMany(docs),
    isEmpty: async () => (await shipments.findOne({})) === null,
    get: (id) => shipments.findOne({ _id: id }),
    allOfOrder: (orderId) => shipments.find({ orderId }, { sort: { createdAt: 1, _id: 1 } }),
    insertOne: (doc) => shipments.insertOne(doc),
    update: (filter, update) => shipments.findOneAndUpdate(filter, update),
    deletePending: async (id) => (await shipments.deleteOne({ _id: id, splitPending: true })) > 0,
    pendingBefore: (instant, limit) => shipments.find({ splitPending: true, createdAt: { $lt: instant } }, { limit }),
  };
}

/** The shipments domain's conflict log (collection `conflicts`): inbound writes the mastering rules refused. */
export async function openConflictLog(store: Pick<Store, 'collection'>, clock?: () => Date): Promise<ConflictLog> {
  const log = createConflictLog({
    collection: store.collection<ConflictRecord>('conflicts'),
    domain: 'shipments',
    ...(clock ? { clock } : {}),
  });
  await log.ensureIndexes();
  return log;
}
