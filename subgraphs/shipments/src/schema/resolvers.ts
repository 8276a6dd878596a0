import { confineToOwner, mayAccessOwner, ownerOf, requireOwned } from '@fulfillment-mesh/access';
import { conflictPage } from '@fulfillment-mesh/connectors';
import { DateTime, pageRequest, provenanceList, toConnection } from '@fulfillment-mesh/runtime';
import { trackingNumberNotFound, validTrackingNumber } from '../domain/milestones.js';
import { parseShipmentCursorKey, shipmentCursorKey, shipmentFilter } from '../domain/queries.js';
import type { Context } from '../context.js';
import type { Resolvers } from '../generated/graphql.js';

/** Thin resolvers: parse arguments, call the store through loaders, let errors map in one place. */
export const resolvers: Resolvers = {
  DateTime,
  ShipmentUpdate: {
    shipment: (update, _args, ctx) => ctx.loaders.shipment.load(update.shipment.id),
  },
  Query: {
    // Subscription hydration (gateway only): the payload root the gateway built from an event, echoed back.
    shipmentUpdatePayload: (_root, { event }) => event,
    shipment: (_root, { id }, ctx) => ctx.loaders.shipment.load(id),
    async shipmentByTrackingNumber(_root, args, ctx) {
      const trackingNumber = validTrackingNumber(args.trackingNumber);
      const shipment = await ctx.store.byTrackingNumber(trackingNumber);
      // Another customer's is answered exactly like an unknown number (the type policy would name the shipment id).
      if (!shipment || !mayAccessOwner(ctx.client, ownerOf(shipment))) throw trackingNumberNotFound(trackingNumber);
      ctx.loaders.shipment.prime(shipment._id, shipment);
      return shipment;
    },
    async shipments(_root, args, ctx) {
      const page = pageRequest(args);
      const after = page.after === null ? null : parseShipmentCursorKey(page.after);
      // Confined in the query itself, so a partner's pages and totalCount count only its own shipments.
      const [rows, totalCount] = await Promise.all([
        ctx.store.page(confineToOwner(ctx.client, shipmentFilter(args.filter, after), 'customerId'), page.first + 1),
        ctx.store.count(confineToOwner(ctx.client, shipmentFilter(args.filter, null), 'customerId')),
      ]);
      for (const row of rows) ctx.loaders.shipment.prime(row._id, row);
      return { ...toConnection(rows, page.first, shipmentCursorKey), totalCount };
    },
    async shipmentsConflicts(_root, args, ctx) {
      return conflictPage(ctx.conflicts, args);
    },
  },
  Mutation: {
    // A partner holding fulfillment:write still writes only its own customer's shipments (checked before the write).
    confirmShipment: async (_root, { input }, ctx) => {
      if (ctx.client?.kind === 'partner') await requireOwnShipment(ctx, input);
      return ctx.workflows.confirmShipment(input);
    },
    recordTrackingEvent: async (_root, { input }, ctx) => {
      if (ctx.client?.kind === 'partner') await requireOwnShipment(ctx, input);
      return ctx.workflows.recordTrackingEvent(input);
    },
  },
  Shipment: {
    __resolveReference: (ref, ctx) => ctx.loaders.shipment.load(ref.id),
    id: (shipment) => shipment._id,
    order: (shipment) => ({ id: shipment.orderId }),
    location: (shipment) => ({ id: shipment.locationId }),
    trackingNumber: (shipment) => shipment.trackingNumber ?? null,
    confirmedAt: (shipment) => shipment.confirmedAt ?? null,
    // Explicit so that the stored status type is checked against the schema's enum (the filter checks the reverse).
    status: (shipment) => shipment.status,
    freightCost: (shipment) => shipment.freightCost ?? null,
    provenance: (shipment) => provenanceList(shipment.provenance),
  },
  ShipmentLine: {
    product: (line) => ({ sku: line.sku }),
  },
  Order: {
    // Shipments only adds a field to Order: the reference is the whole parent, no query needed.
    __resolveReference: (ref) => ({ id: ref.id }),
    shipments: (order, _args, ctx) => ctx.loaders.shipmentsByOrder.load(order.id),
  },
};

/** For a partner's write: the named shipment must be its own, else NOT_FOUND exactly as for an unknown id or number. */
async function requireOwnShipment(
  ctx: Context,
  input: { shipmentId?: string | null; trackingNumber?: string | null },
): Promise<void> {
  if (input.shipmentId) {
    requireOwned(ctx.client, 'Shipment', input.shipmentId, await ctx.loaders.shipment.load(input.shipmentId));
  } else if (input.trackingNumber) {
    const shipment = await ctx.store.byTrackingNumber(input.trackingNumber);
    if (!shipment || !mayAccessOwner(ctx.client, ownerOf(shipment))) throw trackingNumberNotFound(input.trackingNumber);
  }
}
