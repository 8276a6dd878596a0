import { DateTime, pageRequest, toConnection } from '@fulfillment-mesh/runtime';
import { continueAfter, externalKey, orderCursorKey, orderFilter, orderTotal, parseOrderCursor } from './domain.js';
import type { Resolvers } from './generated/graphql.js';

/** Thin resolvers: parse arguments, call the store through loaders, let errors map in one place. */
export const resolvers: Resolvers = {
  DateTime,
  Query: {
    order: (_root, { id }, ctx) => ctx.loaders.order.load(id),
    orderByExternalId: (_root, { channel, externalId }, ctx) => ctx.loaders.orderByExternalId.load(externalKey(channel, externalId)),
    async orders(_root, args, ctx) {
      const page = pageRequest(args);
      const filter = orderFilter(args.filter);
      const pageFilter = page.after === null ? filter : continueAfter(filter, parseOrderCursor(page.after));
      const [rows, totalCount] = await Promise.all([ctx.orders.page(pageFilter, page.first + 1), ctx.orders.count(filter)]);
      for (const row of rows) ctx.loaders.order.prime(row._id, row);
      return { ...toConnection(rows, page.first, orderCursorKey), totalCount };
    },
  },
  Order: {
    __resolveReference: (ref, ctx) => ctx.loaders.order.load(ref.id),
    id: (order) => order._id,
    total: (order) => orderTotal(order),
  },
  OrderLine: {
    // Only the key: the gateway fetches the rest of the product from the catalog subgraph.
    product: (line) => ({ sku: line.sku }),
  },
};
