import { conflictPage } from '@fulfillment-mesh/connectors';
import { DateTime, pageRequest, provenanceList, toConnection } from '@fulfillment-mesh/runtime';
import { trackingNumberNotFound, validTrackingNumber } from '../domain/milestones.js';
import { parseShipmentCursorKey, shipmentCursorKey, shipmentFilter } from '../domain/queries.js';
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
      if (!shipment) throw trackingNumberNotFound(trackingNumber);
      ctx.loaders.shipment.prime(shipment._id, shipment);
      return shipment;
    },
    async shipments(_root, args, ctx) {
      const page = pageRequest(args);
      const after = page.after === null ? null : parseShipmentCursorKey(page.after);
      const [rows, totalCount] = await Promise.all([
        ctx.store.page(shipmentFilter(args.filter, after), page.first + 1),
        ctx.store.count(shipmentFilter(args.filter, null)),
      ]);
      for (const row of rows) ctx.loaders.shipment.prime(row._id, row);
      return { ...toConnection(rows, page.first, shipmentCursorKey), totalCount };
    },
    async shipmentsConflicts(_root, args, ctx) {
      return conflictPage(ctx.conflicts, args);
    },
  },
  Mutation: {
    confirmShipment: (_root, { input }, ctx) => ctx.workflows.confirmShipment(input),
    recordTrackingEvent: (_root, { input }, ctx) => ctx.workflows.recordTrackingEvent(input),
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
