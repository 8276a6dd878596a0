import { conflictRecordedEvent, inboundOutcomeEvent } from '@fulfillment-mesh/connectors';
import {
  createEvent,
  createEventRegistry,
  defineEvent,
  type ConsumedStream,
  type EventDefinition,
  type EventEnvelope,
  type SubgraphContracts,
} from '@fulfillment-mesh/events';
import { z } from 'zod';

/**
 * The events of the orders subgraph (docs/events.md is the contract): what it publishes, strictly, and what it
 * consumes, as tolerant readers that name only the fields it uses and let producers add fields.
 */

/** The `source` of every event this subgraph creates. */
export const SOURCE = '/subgraphs/orders';

const quantity = z.number().int().positive();
const lineRef = z.object({ lineId: z.string(), sku: z.string(), quantity });
const allocation = z.object({ locationId: z.string(), lines: z.array(lineRef) });
const money = z.object({ amount: z.string(), currencyCode: z.string() });
const disposition = z.enum(['RESTOCK', 'DAMAGED', 'QUALITY_CONTROL']);

// ---- published (stream `orders`) ----

/** An order was placed; with status PENDING_VALIDATION it asks inventory to reserve under `reservationKey`. */
export const orderPlaced = defineEvent({
  type: 'orders.order.placed',
  version: 1,
  description: 'An order was placed; PENDING_VALIDATION asks inventory to reserve (degraded mode).',
  example: {
    orderId: 'ord-1',
    customerId: 'c-1',
    channel: 'WEB',
    externalId: 'web-1001',
    status: 'PENDING_VALIDATION',
    reservationKey: 'order:ord-1',
    shipToRegion: 'NJ',
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2 }],
  },
  schema: z.object({
    orderId: z.string(),
    customerId: z.string(),
    channel: z.string(),
    externalId: z.string(),
    status: z.string(),
    reservationKey: z.string(),
    shipToRegion: z.string(),
    lines: z.array(lineRef),
  }),
});

/** Every status change of an order. */
export const orderTransitioned = defineEvent({
  type: 'orders.order.transitioned',
  version: 1,
  description: 'An order changed status.',
  example: {
    orderId: 'ord-1',
    customerId: 'c-1',
    channel: 'WEB',
    from: 'CONFIRMED',
    to: 'RELEASED',
    cause: 'releaseOrder',
    actor: 'ops',
    at: '2026-11-01T00:00:00.000Z',
  },
  // customerId: the order's owner, so subscribers (the gateway) confine partners without loading the order. Always
  // written; optional because this subgraph's adapters read back events written before it existed.
  schema: z.object({
    orderId: z.string(),
    customerId: z.string().optional(),
    channel: z.string(),
    from: z.string(),
    to: z.string(),
    cause: z.string(),
    actor: z.string(),
    at: z.string(),
  }),
});

/** An order was released to the warehouses: shipments creates one shipment per allocation. */
export const orderReleased = defineEvent({
  type: 'orders.order.released',
  version: 1,
  description: 'An order was released; one shipment per allocated location.',
  example: {
    orderId: 'ord-1',
    customerId: 'c-1',
    businessUnit: 'default',
    reservationId: 'res-1',
    allocations: [{ locationId: 'dc-east', lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2 }] }],
  },
  schema: z.object({
    orderId: z.string(),
    customerId: z.string(),
    /** The order's business unit: whose ERP books its shipments. */
    businessUnit: z.string(),
    reservationId: z.string(),
    allocations: z.array(allocation),
  }),
});

/** An order was cancelled: inventory releases what is unshipped, shipments cancels pending shipments. */
export const orderCancelled = defineEvent({
  type: 'orders.order.cancelled',
  version: 1,
  description: 'An order was cancelled; its unshipped quantities are released.',
  example: { orderId: 'ord-1', reservationId: 'res-1', reason: 'CUSTOMER_REQUEST' },
  schema: z.object({ orderId: z.string(), reservationId: z.string().nullable(), reason: z.string() }),
});

/** Returned units were received at a location, with a disposition per line. */
export const returnReceived = defineEvent({
  type: 'orders.return.received',
  version: 1,
  description: 'Returned units were received at a location.',
  example: {
    returnId: 'ret-1',
    orderId: 'ord-1',
    locationId: 'dc-east',
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 1, disposition: 'RESTOCK' }],
  },
  schema: z.object({
    returnId: z.string(),
    orderId: z.string(),
    locationId: z.string(),
    lines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity, disposition })),
  }),
});

/** A refund is due for received returned units (for finance / the ERP). */
export const refundRequested = defineEvent({
  type: 'orders.refund.requested',
  version: 1,
  description: 'A refund is due for returned units.',
  example: {
    returnId: 'ret-1',
    orderId: 'ord-1',
    amount: { amount: '12.50', currencyCode: 'USD' },
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 1, unitPrice: { amount: '12.50', currencyCode: 'USD' } }],
  },
  schema: z.object({
    returnId: z.string(),
    orderId: z.string(),
    amount: money,
    lines: z.array(z.object({ lineId: z.string(), sku: z.string(), quantity, unitPrice: money })),
  }),
});

/** Every event the orders subgraph publishes. */
export const publishedEvents = [
  orderPlaced,
  orderTransitioned,
  orderReleased,
  orderCancelled,
  returnReceived,
  refundRequested,
  conflictRecordedEvent('orders'),
  inboundOutcomeEvent('orders'),
] as const;

// ---- consumed (tolerant readers) ----

const looseLine = z.looseObject({ lineId: z.string(), sku: z.string(), quantity: z.number().int() });

/** inventory reserved stock for a key. */
export const reservationConfirmed = defineEvent({
  type: 'inventory.reservation.confirmed',
  version: 1,
  description: 'inventory reserved stock (tolerant reader).',
  schema: z.looseObject({
    reservationId: z.string(),
    key: z.string(),
    orderId: z.string().nullable(),
    allocations: z.array(z.looseObject({ locationId: z.string(), lines: z.array(looseLine) })),
    backordered: z.array(looseLine),
  }),
});

/** inventory could not reserve stock for a key. */
export const reservationFailed = defineEvent({
  type: 'inventory.reservation.failed',
  version: 1,
  description: 'inventory could not reserve (tolerant reader).',
  schema: z.looseObject({
    reservationId: z.string(),
    key: z.string(),
    orderId: z.string().nullable(),
    reason: z.string(),
  }),
});

/** inventory released a reservation (reason CANCELLED, EXPIRED, COMPENSATED, or one added later). */
export const reservationReleased = defineEvent({
  type: 'inventory.reservation.released',
  version: 1,
  description: 'inventory released a reservation (tolerant reader).',
  schema: z.looseObject({ reservationId: z.string(), orderId: z.string().nullable(), reason: z.string() }),
});

/** shipments handed a shipment to its carrier. */
export const shipmentConfirmed = defineEvent({
  type: 'shipments.shipment.confirmed',
  version: 1,
  description: 'A shipment left its location (tolerant reader).',
  schema: z.looseObject({
    shipmentId: z.string(),
    orderId: z.string(),
    lines: z.array(z.looseObject({ lineId: z.string(), quantity: z.number().int() })),
  }),
});

/** shipments recorded a tracking milestone; `shipmentStatus` is the shipment's status after it. */
export const milestoneRecorded = defineEvent({
  type: 'shipments.milestone.recorded',
  version: 1,
  description: 'A tracking milestone (tolerant reader).',
  schema: z.looseObject({
    shipmentId: z.string(),
    orderId: z.string(),
    status: z.string(),
    shipmentStatus: z.string(),
  }),
});

/** The data of `inventory.reservation.confirmed`, as orders reads it. */
export type ReservationConfirmed = z.output<typeof reservationConfirmed.schema>;
/** The data of `inventory.reservation.failed`, as orders reads it. */
export type ReservationFailed = z.output<typeof reservationFailed.schema>;
/** The data of `inventory.reservation.released`, as orders reads it. */
export type ReservationReleased = z.output<typeof reservationReleased.schema>;
/** The data of `shipments.shipment.confirmed`, as orders reads it. */
export type ShipmentConfirmed = z.output<typeof shipmentConfirmed.schema>;
/** The data of `shipments.milestone.recorded`, as orders reads it. */
export type MilestoneRecorded = z.output<typeof milestoneRecorded.schema>;
/** The data of `orders.order.transitioned` (read back by this subgraph's own adapter groups). */
export type OrderTransitioned = z.output<typeof orderTransitioned.schema>;
/** The data of `orders.return.received`. */
export type ReturnReceived = z.output<typeof returnReceived.schema>;

/**
 * What the orders group reads from each stream. Types it has no reader for (e.g. `shipments.shipment.created`)
 * are acknowledged unread and counted in `fm_events_ignored_total`.
 */
export const CONSUMED: readonly ConsumedStream[] = [
  {
    stream: 'inventory',
    follows: ['inventory.reservation'],
    registry: createEventRegistry([reservationConfirmed, reservationFailed, reservationReleased]),
  },
  {
    stream: 'shipments',
    follows: ['shipments.shipment', 'shipments.milestone'],
    registry: createEventRegistry([shipmentConfirmed, milestoneRecorded]),
  },
  // Its own receipts: the safety net that applies a receipt to the order when receiveReturn crashed in between.
  { stream: 'orders', follows: ['orders.return'], registry: createEventRegistry([returnReceived]) },
];

/** Orders' side of docs/events.md: it owns what it publishes on `orders`; the contract tests check the rest. */
export const contracts: SubgraphContracts = {
  subgraph: 'orders',
  stream: 'orders',
  published: publishedEvents,
  consumed: CONSUMED,
};

/** An event this subgraph is about to write, before it has an id and a time. */
export interface EventIntent {
  def: EventDefinition;
  subject: string;
  data: unknown;
  /** Preset event id, when the writer must record it (a receipt is applied to its order once, by this id). */
  id?: string;
}

/** Turns intents into validated envelopes stamped with this subgraph's source. */
export function toEnvelopes(intents: readonly EventIntent[], time: Date): EventEnvelope[] {
  return intents.map((intent) =>
    createEvent(intent.def, {
      source: SOURCE,
      subject: intent.subject,
      data: intent.data,
      time,
      ...(intent.id ? { id: intent.id } : {}),
    }),
  );
}
