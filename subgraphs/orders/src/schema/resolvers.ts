import { DateTime, pageRequest, provenanceList, toConnection } from '@fulfillment-mesh/runtime';
import { continueAfter, externalKey, orderCursorKey, orderFilter, orderTotal, parseOrderCursor } from '../domain/orders.js';
import { lineState } from '../domain/line-state.js';
import type { Resolvers } from '../generated/graphql.js';
import { conflictPage } from '@fulfillment-mesh/connectors';
import { allocationView, returnView } from './views.js';

// No identity reaches the subgraph yet; the gateway's signed identity will name the actor here.
const ACTOR = 'api';

/** Thin resolvers: parse arguments, call the store or the order process, let errors map in one place. */
export const resolvers: Resolvers = {
  DateTime,
  OrderStatusChange: {
    order: (change, _args, ctx) => ctx.loaders.order.load(change.order.id),
  },
  Query: {
    // Subscription hydration (gateway only): the payload root the gateway built from an event, echoed back.
    orderStatusChangePayload: (_root, { event }) => event,
    order: (_root, { id }, ctx) => ctx.loaders.order.load(id),
    orderByExternalId: (_root, { channel, externalId }, ctx) => ctx.loaders.orderByExternalId.load(externalKey(channel, externalId)),
    async orders(_root, args, ctx) {
      const page = pageRequest(args);
      const filter = orderFilter(args.filter);
      const pageFilter = page.after === null ? filter : continueAfter(filter, parseOrderCursor(page.after));
      const [rows, totalCount] = await Promise.all([ctx.store.page(pageFilter, page.first + 1), ctx.store.count(filter)]);
      for (const row of rows) ctx.loaders.order.prime(row._id, row);
      return { ...toConnection(rows, page.first, orderCursorKey), totalCount };
    },
    async ordersConflicts(_root, { first, after }, ctx) {
      return conflictPage(ctx.conflicts, { first, after });
    },
  },
  Mutation: {
    placeOrder: (_root, { input, idempotencyKey }, ctx) => ctx.workflows.placeOrder(input, idempotencyKey ?? null),
    releaseOrder: (_root, { id }, ctx) => ctx.workflows.releaseOrder(id, ACTOR),
    cancelOrder: (_root, { id, reason }, ctx) => ctx.workflows.cancelOrder(id, reason, ACTOR),
    async createReturn(_root, { orderId, lines, reason }, ctx) {
      const { ret, order } = await ctx.workflows.createReturn(orderId, lines, reason, ACTOR);
      return returnView(ret, order);
    },
    async receiveReturn(_root, { returnId, locationId, lines }, ctx) {
      const { ret, order } = await ctx.workflows.receiveReturn(returnId, locationId, lines, ACTOR);
      return returnView(ret, order);
    },
  },
  Order: {
    __resolveReference: (ref, ctx) => ctx.loaders.order.load(ref.id),
    id: (order) => order._id,
    total: (order) => orderTotal(order),
    // Line state is derived from the order status on documents that predate it (seeded orders).
    lines: (order) => order.lines.map((line) => lineState(order.status, line)),
    statusReason: (order) => order.statusReason ?? null,
    financialStatus: (order) => order.financialStatus ?? null,
    erpOrderNumber: (order) => order.erpOrderNumber ?? null,
    provenance: (order) => provenanceList(order.provenance),
    allocations: (order) => (order.allocations ?? []).map(allocationView),
    async returns(order, _args, ctx) {
      const listed = new Set(order.returnIds ?? []);
      if (listed.size === 0) return [];
      // A return the order does not list was left behind by an interrupted createReturn: it does not exist.
      return (await ctx.loaders.returnsByOrder.load(order._id)).filter((r) => listed.has(r._id)).map((r) => returnView(r, order));
    },
  },
  OrderLine: {
    // Only the key: the gateway fetches the rest of the product from the catalog subgraph.
    product: (line) => ({ sku: line.sku }),
  },
};
