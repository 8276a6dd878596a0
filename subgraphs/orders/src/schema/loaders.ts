import type DataLoader from 'dataloader';
import { entityLoader, groupLoader } from '@fulfillment-mesh/runtime';
import { externalKey, parseExternalKey } from '../domain/orders.js';
import type { OrderDoc, ReturnDoc } from '../store/models.js';
import type { OrderStore } from '../store/index.js';

/** The orders subgraph's per-request loaders. */
export interface OrderLoaders {
  /** Orders by id. */
  order: DataLoader<string, OrderDoc>;
  /** Orders by `externalKey(channel, externalId)`; a miss is NOT_FOUND naming that key. */
  orderByExternalId: DataLoader<string, OrderDoc>;
  /** Returns by order id, oldest first (unfiltered: `Order.returns` keeps the ones the order lists). */
  returnsByOrder: DataLoader<string, ReturnDoc[]>;
}

/** Creates one set of loaders per request: every order lookup of one kind in a request becomes one query. */
export function createLoaders(deps: { orders: OrderStore }): OrderLoaders {
  return {
    order: entityLoader(
      'Order',
      (ids) => deps.orders.byIds(ids),
      (o) => o._id,
    ),
    orderByExternalId: entityLoader(
      'Order',
      (keys) => deps.orders.byExternalIds(keys.map(parseExternalKey)),
      (o) => externalKey(o.channel, o.externalId),
    ),
    returnsByOrder: groupLoader(
      (ids) => deps.orders.returnsOf(ids),
      (r) => r.orderId,
    ),
  };
}
