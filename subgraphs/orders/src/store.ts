import type { Collection, Filter, Store } from '@fulfillment-mesh/runtime';
import { NEWEST_FIRST } from './domain.js';
import type { Channel, OrderDoc } from './models.js';

/** Data access for orders; the only module that knows collection names and indexes. */
export interface OrderStore {
  /** The orders with these ids, in no particular order (loaders restore key order). */
  byIds(ids: readonly string[]): Promise<OrderDoc[]>;
  /** The orders with these (channel, external id) pairs, in no particular order. */
  byExternalIds(keys: readonly { channel: Channel; externalId: string }[]): Promise<OrderDoc[]>;
  /** Up to `limit` orders matching `filter`, newest first (see NEWEST_FIRST). */
  page(filter: Filter, limit: number): Promise<OrderDoc[]>;
  count(filter: Filter): Promise<number>;
  /** Inserts; a second order with the same channel and external id throws DuplicateKeyError. */
  insertMany(docs: OrderDoc[]): Promise<void>;
  isEmpty(): Promise<boolean>;
}

/** Creates the order store and its indexes (idempotent; run at start-up). */
export async function createOrderStore(store: Store): Promise<OrderStore> {
  const orders: Collection<OrderDoc> = store.collection<OrderDoc>('orders');
  // An external id is unique per channel, not globally: two channels may reuse each other's numbers.
  await orders.createIndex({ fields: { channel: 1, externalId: 1 }, unique: true });
  // Every listing sorts newest first with _id as tie-break, so the indexes end in that sort: MongoDB then
  // serves "equality filter + sort + limit" from the index without an in-memory sort. Each one also serves
  // plain lookups on its leading field (createdAt ranges, status, customer.id).
  await orders.createIndex({ fields: { createdAt: -1, _id: -1 } });
  await orders.createIndex({ fields: { status: 1, createdAt: -1, _id: -1 } });
  await orders.createIndex({ fields: { 'customer.id': 1, createdAt: -1, _id: -1 } });
  return {
    byIds: (ids) => orders.find({ _id: { $in: [...ids] } }),
    byExternalIds: (keys) => orders.find({ $or: keys.map(({ channel, externalId }) => ({ channel, externalId })) }),
    page: (filter, limit) => orders.find(filter, { sort: NEWEST_FIRST, limit }),
    count: (filter) => orders.countDocuments(filter),
    insertMany: (docs) => orders.insertMany(docs),
    isEmpty: async () => (await orders.findOne({})) === null,
  };
}
