import { conflictRecordedEvent, inboundOutcomeEvent } from '@fulfillment-mesh/connectors';
import {
  createEvent,
  createEventRegistry,
  defineEvent,
  type EventDefinition,
  type EventEnvelope,
  type SubgraphContracts,
} from '@fulfillment-mesh/events';
import { z } from 'zod';
import { SHIPMENT_STATUSES } from '../store/models.js';

/** The `source` of every event this subgraph publishes. */
export const SHIPMENTS_SOURCE = '/subgraphs/shipments';

const line = z.object({ lineId: z.string().min(1), sku: z.string().min(1), quantity: z.number().int().positive() });
// The owner (the order's customer), so subscribers confine partners without a lookup; absent on older shipments.
const customerId = z.string().optional();
const status = z.enum(SHIPMENT_STATUSES);

// ---- Published (stream `shipments`, subject = shipment id), exactly as docs/events.md lists them. ----

/** A shipment exists: a release created it at a location, or a partial confirmation split it off. */
export const shipmentCreated = defineEvent({
  type: 'shipments.shipment.created',
  version: 1,
  description: 'A shipment was created (PENDING) for some order lines at one location.',
  example: {
    shipmentId: 'shp-ord-1-dc-east',
    orderId: 'ord-1',
    customerId: 'c-1',
    locationId: 'dc-east',
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2 }],
  },
  schema: z.object({
    shipmentId: z.string(),
    orderId: z.string(),
    customerId,
    locationId: z.string(),
    lines: z.array(line).min(1),
  }),
});

/** Stock physically left: inventory commits the reservation, orders records shipped quantities. */
export const shipmentConfirmed = defineEvent({
  type: 'shipments.shipment.confirmed',
  version: 1,
  description: 'The WMS confirmed what left the location, with carrier, service and tracking number.',
  example: {
    shipmentId: 'shp-ord-1-dc-east',
    orderId: 'ord-1',
    customerId: 'c-1',
    businessUnit: 'default',
    locationId: 'dc-east',
    reservationId: 'res-1',
    carrier: 'UPS',
    service: 'GROUND',
    trackingNumber: '1Z-100',
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2 }],
  },
  schema: z.object({
    shipmentId: z.string(),
    orderId: z.string(),
    customerId,
    /** The order's business unit: whose ERP the shipment is posted to (absent: the default one). */
    businessUnit: z.string().optional(),
    locationId: z.string(),
    reservationId: z.string().nullable(),
    carrier: z.string(),
    service: z.string(),
    trackingNumber: z.string(),
    lines: z.array(line).min(1),
  }),
});

/** A tracking milestone was appended; `shipmentStatus` is the shipment's status after it. */
export const milestoneRecorded = defineEvent({
  type: 'shipments.milestone.recorded',
  version: 1,
  description: 'A normalised tracking milestone was recorded on a shipment.',
  example: {
    shipmentId: 'shp-ord-1-dc-east',
    orderId: 'ord-1',
    customerId: 'c-1',
    status: 'IN_TRANSIT',
    at: '2026-11-02T00:00:00.000Z',
    location: 'Trenton, NJ',
    description: 'Departed facility',
    shipmentStatus: 'IN_TRANSIT',
  },
  schema: z.object({
    shipmentId: z.string(),
    orderId: z.string(),
    customerId,
    status,
    at: z.string(),
    location: z.string().nullable(),
    description: z.string(),
    shipmentStatus: status,
  }),
});

/** A shipment that never left was cancelled (its order was cancelled). */
export const shipmentCancelled = defineEvent({
  type: 'shipments.shipment.cancelled',
  version: 1,
  description: 'A shipment that had not left its location was cancelled.',
  example: { shipmentId: 'shp-ord-1-dc-east', orderId: 'ord-1', customerId: 'c-1', reason: 'ORDER_CANCELLED' },
  schema: z.object({ shipmentId: z.string(), orderId: z.string(), customerId, reason: z.string() }),
});

/** Every event the shipments subgraph publishes. */
export const publishedEvents = [
  shipmentCreated,
  shipmentConfirmed,
  milestoneRecorded,
  shipmentCancelled,
  conflictRecordedEvent('shipments'),
  inboundOutcomeEvent('shipments'),
] as const;

// ---- Consumed (stream `orders`): tolerant readers, only the fields we use; producers may add more. ----

const releasedLine = z.looseObject({
  lineId: z.string().min(1),
  sku: z.string().min(1),
  quantity: z.number().int().positive(),
});

/** `orders.order.released`: one shipment per allocation. */
export const orderReleased = defineEvent({
  type: 'orders.order.released',
  version: 1,
  description: 'Read by shipments: the allocations of a released order.',
  schema: z.looseObject({
    orderId: z.string().min(1),
    // The order's customer, stored as the shipments' owner; absent on releases published before orders sent it.
    customerId: z.string().min(1).optional(),
    // The order's business unit (whose ERP books the shipment); absent on releases published before it was sent.
    businessUnit: z.string().min(1).optional(),
    reservationId: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    allocations: z.array(z.looseObject({ locationId: z.string().min(1), lines: z.array(releasedLine) })),
  }),
});

/** `orders.order.cancelled`: shipments that have not left are cancelled. */
export const orderCancelled = defineEvent({
  type: 'orders.order.cancelled',
  version: 1,
  description: 'Read by shipments: an order was cancelled.',
  schema: z.looseObject({
    orderId: z.string().min(1),
    reason: z
      .string()
      .nullish()
      .transform((v) => v ?? 'ORDER_CANCELLED'),
  }),
});

/** `orders.order.placed`: acknowledged unread (it is an `orders.order` event, so it must be known, not dead-lettered). */
export const orderPlaced = defineEvent({
  type: 'orders.order.placed',
  version: 1,
  description: 'Known to shipments, not read.',
  schema: z.looseObject({ orderId: z.string() }),
});

/** `orders.order.transitioned`: acknowledged unread, like {@link orderPlaced}. */
export const orderTransitioned = defineEvent({
  type: 'orders.order.transitioned',
  version: 1,
  description: 'Known to shipments, not read.',
  schema: z.looseObject({ orderId: z.string() }),
});

/** The registry of the `orders.order` events shipments follows on the `orders` stream. */
export const consumedEvents = () =>
  createEventRegistry([orderPlaced, orderTransitioned, orderReleased, orderCancelled]);

/** Shipments' side of docs/events.md: it owns what it publishes on `shipments`; the contract tests check the rest. */
export const contracts: SubgraphContracts = {
  subgraph: 'shipments',
  stream: 'shipments',
  published: publishedEvents,
  consumed: [{ stream: 'orders', follows: ['orders.order'], registry: consumedEvents() }],
};

/** Builds a validated shipments envelope about one shipment (the subject), stamped with `time`. */
export function shipmentEvent<S extends z.ZodType>(
  definition: EventDefinition<S>,
  data: z.input<S> & { shipmentId: string },
  time: Date,
): EventEnvelope<z.output<S>> {
  return createEvent(definition, { source: SHIPMENTS_SOURCE, subject: data.shipmentId, data, time });
}
