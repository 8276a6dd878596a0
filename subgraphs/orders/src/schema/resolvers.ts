import { confineToOwner, customerForWrite, mayAccessOwner, ownerOf, requireOwned } from '@fulfillment-mesh/access';
import { DateTime, DomainError, notFound, pageRequest, provenanceList, toConnection } from '@fulfillment-mesh/runtime';
import {
  continueAfter,
  externalKey,
  orderCursorKey,
  orderFilter,
  orderTotal,
  parseOrderCursor,
} from '../domain/orders.js';
import { lineState } from '../domain/line-state.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/graphql.js';
import { conflictPage, DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
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
    async orderByExternalId(_root, { channel, externalId }, ctx) {
      const key = externalKey(channel, externalId);
      const order = await ctx.loaders.orderByExternalId.load(key);
      // Answered like an unknown key (not with the order's id, as the type policy would): existence stays hidden.
      if (!mayAccessOwner(ctx.client, ownerOf(order))) throw notFound('Order', key);
      return order;
    },
    async orders(_root, args, ctx) {
      const page = pageRequest(args);
      // Confined in the query itself, so a partner's pages and totalCount count only its own orders.
      const filter = confineToOwner(ctx.client, orderFilter(args.filter), 'customer.id');
      const pageFilter = page.after === null ? filter : continueAfter(filter, parseOrderCursor(page.after));
      const rows = await ctx.store.page(pageFilter, page.first + 1);
      for (const row of rows) ctx.loaders.order.prime(row._id, row);
      // Counted only when selected (the default resolver calls a function-valued property): a console page of 50
      // orders does not scan the whole collection for a count it never reads (issue 16, subgraph CPU).
      const totalCount = (() => ctx.store.count(filter)) as unknown as number;
      return { ...toConnection(rows, page.first, orderCursorKey), totalCount };
    },
    async ordersConflicts(_root, { first, after }, ctx) {
      return conflictPage(ctx.conflicts, { first, after });
    },
  },
  Mutation: {
    // Partner writes take their owner from the identity (issue 20): another customer named in the body is
    // FORBIDDEN before anything is read or written; an order id of another customer is NOT_FOUND like an unknown one.
    async placeOrder(_root, { input, idempotencyKey }, ctx) {
      const customerId = customerForWrite(ctx.client, input.customer.id, 'input.customer.id');
      const result = await ctx.workflows.placeOrder(
        { ...input, customer: { ...input.customer, id: customerId } },
        idempotencyKey ?? null,
      );
      // A duplicate key of someone else's order: refused without showing that order.
      if (!mayAccessOwner(ctx.client, ownerOf(result.order))) {
        throw new DomainError(
          'CONFLICT',
          `The (channel, externalId) or idempotencyKey of this order is already used by another customer's order`,
          {
            field: 'input.externalId',
          },
        );
      }
      return result;
    },
    releaseOrder: async (_root, { id }, ctx) => {
      await ownOrder(ctx, id);
      return ctx.workflows.releaseOrder(id, ACTOR);
    },
    cancelOrder: async (_root, { id, reason }, ctx) => {
      await ownOrder(ctx, id);
      return ctx.workflows.cancelOrder(id, reason, ACTOR);
    },
    async createReturn(_root, { orderId, lines, reason }, ctx) {
      await ownOrder(ctx, orderId);
      const { ret, order } = await ctx.workflows.createReturn(orderId, lines, reason, ACTOR);
      return returnView(ret, order);
    },
    async receiveReturn(_root, { returnId, locationId, lines }, ctx) {
      const stored = ctx.client?.kind === 'partner' ? await ctx.store.returns.findOne({ _id: returnId }) : null;
      if (stored)
        requireOwned(
          ctx.client,
          'Return',
          returnId,
          stored.customerId ? stored : await ctx.loaders.order.load(stored.orderId),
        );
      const { ret, order } = await ctx.workflows.receiveReturn(returnId, locationId, lines, ACTOR);
      return returnView(ret, order);
    },
  },
  Order: {
    __resolveReference: (ref, ctx) => ctx.loaders.order.load(ref.id),
    id: (order) => order._id,
    total: (order) => orderTotal(order),
    businessUnit: (order) => order.businessUnit ?? DEFAULT_BUSINESS_UNIT,
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
      return (await ctx.loaders.returnsByOrder.load(order._id))
        .filter((r) => listed.has(r._id))
        .map((r) => returnView(r, order));
    },
  },
  OrderLine: {
    // Only the key: the gateway fetches the rest of the product from the catalog subgraph.
    product: (line) => ({ sku: line.sku }),
  },
};

/** The order a partner's write names, checked before the write: NOT_FOUND (concealing) unless it is the partner's. */
async function ownOrder(ctx: Context, id: string): Promise<void> {
  if (!ctx.client || ctx.client.kind !== 'partner') return;
  requireOwned(ctx.client, 'Order', id, await ctx.loaders.order.load(id));
}
