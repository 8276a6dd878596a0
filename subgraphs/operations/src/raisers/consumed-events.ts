import { createEventRegistry, defineEvent, type SubgraphContracts } from '@fulfillment-mesh/events';
import { z } from 'zod';

// Tolerant readers of the domain events exceptions are raised from (docs/events.md): only the fields used here.

/** `orders.order.placed`: starts the ship-by clock and, in degraded mode, the PENDING_VALIDATION clock. */
export const orderPlaced = defineEvent({
  type: 'orders.order.placed',
  version: 1,
  description: 'Read by operations: when and on which channel an order was placed.',
  schema: z.looseObject({ orderId: z.string(), channel: z.string(), status: z.string() }),
});

/** `orders.order.transitioned`: backorders and stuck validations start and end here. */
export const orderTransitioned = defineEvent({
  type: 'orders.order.transitioned',
  version: 1,
  description: 'Read by operations: order status changes.',
  schema: z.looseObject({ orderId: z.string(), from: z.string().nullish(), to: z.string(), at: z.string() }),
});

const shipmentRef = z.looseObject({ shipmentId: z.string(), orderId: z.string() });

/** `shipments.shipment.created`: a shipment now owes its ship-by date. */
export const shipmentCreated = defineEvent({
  type: 'shipments.shipment.created',
  version: 1,
  description: 'Read by operations.',
  schema: shipmentRef,
});
/** `shipments.shipment.confirmed`: it shipped; no longer late. */
export const shipmentConfirmed = defineEvent({
  type: 'shipments.shipment.confirmed',
  version: 1,
  description: 'Read by operations.',
  schema: shipmentRef,
});
/** `shipments.shipment.cancelled`: it will never ship; no longer late. */
export const shipmentCancelled = defineEvent({
  type: 'shipments.shipment.cancelled',
  version: 1,
  description: 'Read by operations.',
  schema: shipmentRef,
});
/** `shipments.milestone.recorded`: a carrier EXCEPTION opens, any later milestone closes CARRIER_EXCEPTION. */
export const milestoneRecorded = defineEvent({
  type: 'shipments.milestone.recorded',
  version: 1,
  description: 'Read by operations: carrier milestones.',
  schema: z.looseObject({
    shipmentId: z.string(),
    orderId: z.string(),
    status: z.string(),
    description: z.string().nullish(),
    shipmentStatus: z.string(),
  }),
});

/** `inventory.position.adjusted`: a COUNTED adjustment is a reconciliation that found drift. */
export const positionAdjusted = defineEvent({
  type: 'inventory.position.adjusted',
  version: 1,
  description: 'Read by operations: reconciliation corrections.',
  schema: z.looseObject({
    sku: z.string(),
    locationId: z.string(),
    reason: z.string(),
    source: z.string().nullish(),
    delta: z.looseObject({ onHand: z.number() }),
  }),
});

const reservation = (verb: string) =>
  defineEvent({
    type: `inventory.reservation.${verb}`,
    version: 1,
    description: 'Read by operations: reservation outcomes for fm_reservations_total.',
    schema: z.looseObject({
      reservationId: z.string(),
      reason: z.string().nullish(),
      backordered: z.array(z.unknown()).nullish(),
    }),
  });
/** `inventory.reservation.*`: counted by outcome. */
export const reservationEvents = ['confirmed', 'failed', 'released', 'committed'].map(reservation);

/** `inventory.reconciliation.completed`: raises RECONCILIATION_DRIFT per drifted SKU, resolves it per clean SKU. */
export const reconciliationCompleted = defineEvent({
  type: 'inventory.reconciliation.completed',
  version: 1,
  description: 'Read by operations: SKUs a reconciliation found drift for, and SKUs it found none for.',
  schema: z.looseObject({
    runId: z.string(),
    drifted: z.array(
      z.looseObject({ sku: z.string(), locationId: z.string(), difference: z.number(), action: z.string() }),
    ),
    clean: z.array(z.string()),
  }),
});

/** `<domain>.conflict.recorded`: a write refused by the mastering rules raises MASTERING_CONFLICT. */
const conflictRecorded = (domain: string) =>
  defineEvent({
    type: `${domain}.conflict.recorded`,
    version: 1,
    description: 'Read by operations: refused writes.',
    schema: z.looseObject({
      entity: z.string(),
      entityId: z.string(),
      fieldGroup: z.string(),
      code: z.string(),
      reason: z.string(),
      incomingSource: z.string(),
    }),
  });
/** The data operations reads from any `<domain>.conflict.recorded`. */
export type ConflictRecorded = z.output<ReturnType<typeof conflictRecorded>['schema']>;
/** True for the conflict event of any domain. */
export const isConflictRecorded = (type: string): boolean => type.endsWith('.conflict.recorded');

/** `<domain>.inbound.outcome`: an inbound connector applied or dead-lettered a document (adapterHealth). */
const inboundOutcome = (domain: string) =>
  defineEvent({
    type: `${domain}.inbound.outcome`,
    version: 1,
    description: 'Read by operations: inbound adapter outcomes.',
    schema: z.looseObject({ connector: z.string(), outcome: z.string(), at: z.string() }),
  });
/** True for the inbound outcome event of any domain. */
export const isInboundOutcome = (type: string): boolean => type.endsWith('.inbound.outcome');

/** What operations reads from the orders stream. */
export const ordersRegistry = createEventRegistry([
  orderPlaced,
  orderTransitioned,
  conflictRecorded('orders'),
  inboundOutcome('orders'),
]);
/** What operations reads from the shipments stream. */
export const shipmentsRegistry = createEventRegistry([
  shipmentCreated,
  shipmentConfirmed,
  shipmentCancelled,
  milestoneRecorded,
  conflictRecorded('shipments'),
  inboundOutcome('shipments'),
]);
/** What operations reads from the inventory stream. */
export const inventoryRegistry = createEventRegistry([
  positionAdjusted,
  ...reservationEvents,
  reconciliationCompleted,
  conflictRecorded('inventory'),
  inboundOutcome('inventory'),
]);
/** What operations reads from the catalog stream. */
export const catalogRegistry = createEventRegistry([conflictRecorded('catalog'), inboundOutcome('catalog')]);

/** Operations' side of docs/events.md: it publishes nothing and reads the three domain streams. */
export const contracts: SubgraphContracts = {
  subgraph: 'operations',
  stream: null,
  published: [],
  consumed: [
    { stream: 'orders', follows: ['orders.order', 'orders.conflict', 'orders.inbound'], registry: ordersRegistry },
    {
      stream: 'shipments',
      follows: ['shipments.shipment', 'shipments.milestone', 'shipments.conflict', 'shipments.inbound'],
      registry: shipmentsRegistry,
    },
    {
      stream: 'inventory',
      follows: [
        'inventory.position',
        'inventory.reservation',
        'inventory.reconciliation',
        'inventory.conflict',
        'inventory.inbound',
      ],
      registry: inventoryRegistry,
    },
    { stream: 'catalog', follows: ['catalog.conflict', 'catalog.inbound'], registry: catalogRegistry },
  ],
};
