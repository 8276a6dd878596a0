import type { Collection, Filter, Store } from '@fulfillment-mesh/runtime';
import { NEWEST_FIRST } from '../domain/orders.js';
import type { Channel, OrderDoc, ReturnDoc } from './models.js';

/** Data access for orders and returns; the only module that knows collection names and indexes. */
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
  /** The order a submission duplicates: same idempotency key first, else same channel and external id. */
  findDuplicate(channel: Channel, externalId: string, idempotencyKey: string | null): Promise<OrderDoc | null>;
  /** The returns of these orders, oldest first. */
  returnsOf(orderIds: readonly string[]): Promise<ReturnDoc[]>;
  /**
   * PENDING_VALIDATION orders whose reservation outcome has not been recorded since `before` (requested, or last
   * asked again by the sweeper, before it), synchronous or handed to the backbone alike.
   */
  awaitingReservation(before: string, limit: number): Promise<OrderDoc[]>;
  /** Orders with reservations still to release in inventory. */
  pendingReleases(limit: number): Promise<OrderDoc[]>;
  /** The raw collections, for the guarded writers and the outbox relay. */
  readonly orders: Collection<OrderDoc>;
  readonly returns: Collection<ReturnDoc>;
}

/** Creates the order store and its indexes (idempotent; run at start-up). */
export async function createOrderStore(store: Store): Promise<OrderStore> {
  const orders: Collection<OrderDoc> = store.collection<OrderDoc>('orders');
  const returns: Collection<ReturnDoc> = store.collection<ReturnDoc>('returns');
  // An external id is unique per channel, not globally: two channels may reuse each other's numbers.
  await orders.createIndex({ fields: { channel: 1, externalId: 1 }, unique: true });
  // Sparse: most orders carry no idempotency key, and the field is left out (never null) on those.
  await orders.createIndex({ fields: { idempotencyKey: 1 }, unique: true, sparse: true });
  // Every listing sorts newest first with _id as tie-break, so the indexes end in that sort: MongoDB then
  // serves "equality filter + sort + limit" from the index without an in-memory sort. Each one also serves
  // plain lookups on its leading field (createdAt ranges, status, customer.id).
  await orders.createIndex({ fields: { createdAt: -1, _id: -1 } });
  await orders.createIndex({ fields: { status: 1, createdAt: -1, _id: -1 } });
  await orders.createIndex({ fields: { 'customer.id': 1, createdAt: -1, _id: -1 } });
  await returns.createIndex({ fields: { orderId: 1, createdAt: 1 } });
  return {
    byIds: (ids) => orders.find({ _id: { $in: [...ids] } }),
    byExternalIds: (keys) => orders.find({ $or: keys.map(({ channel, externalId }) => ({ channel, externalId })) }),
    page: (filter, limit) => orders.find(filter, { sort: NEWEST_FIRST, limit }),
    count: (filter) => orders.countDocuments(filter),
    insertMany: (docs) => orders.insertMany(docs),
    isEmpty: async () => (await orders.findOne({})) === null,
    async findDuplicate(channel, externalId, idempotencyKey) {
      const byKey = idempotencyKey === null ? null : await orders.findOne({ idempotencyKey });
      return byKey ?? orders.findOne({ channel, externalId });
    },
    returnsOf: (orderIds) => returns.find({ orderId: { $in: [...orderIds] } }, { sort: { createdAt: 1, _id: 1 } }),
    awaitingReservation: (before, limit) =>
      orders.find(
        {
          status: 'PENDING_VALIDATION',
          $or: [
            { 'reservation.checkedAt': { $lt: before } },
            { 'reservation.checkedAt': { $exists: false }, 'reservation.requestedAt': { $lt: before } },
          ],
        },
        { limit },
      ),
    pendingReleases: (limit) => orders.find({ 'pendingReleases.0': { $exists: true } }, { limit }),
    orders,
    returns,
  };
}
