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
import { CHANNELS, LEDGER_REASONS } from '../domain/index.js';

/**
 * The events of the inventory subgraph (docs/events.md is the contract): what it publishes, strictly, and the
 * tolerant readers of what it consumes, which name only the fields inventory uses and let producers add more.
 */

/** The `source` of every event this subgraph creates. */
export const SOURCE = '/subgraphs/inventory';

const units = z.number().int();
const positive = units.positive();
const line = z.object({ lineId: z.string(), sku: z.string(), quantity: positive });
const locatedLine = line.extend({ locationId: z.string() });
const quantities = z.object({
  onHand: units,
  reserved: units,
  safetyStock: units,
  damaged: units,
  qualityControl: units,
});

// ---- published (stream `inventory`) ----

/** The ledger entry of every quantity change of a position (subject `<sku>@<locationId>`). */
export const positionAdjusted = defineEvent({
  type: 'inventory.position.adjusted',
  version: 1,
  description: 'A position changed: reason, reference, source, actor, delta and the resulting quantities.',
  example: {
    sku: 'FM-ELE-10105',
    locationId: 'dc-east',
    reason: 'RESERVED',
    reference: { type: 'reservation', id: 'res-1' },
    source: 'mesh',
    actor: 'orders',
    delta: { onHand: 0, reserved: 2, safetyStock: 0, damaged: 0, qualityControl: 0 },
    resulting: { onHand: 10, reserved: 2, safetyStock: 0, damaged: 0, qualityControl: 0, available: 8 },
    version: 3,
    channels: ['WEB', 'MARKETPLACE', 'EDI', 'INSIDE_SALES', 'STORE'],
  },
  schema: z.object({
    sku: z.string(),
    locationId: z.string(),
    reason: z.enum(LEDGER_REASONS),
    reference: z.object({ type: z.string(), id: z.string() }).nullable(),
    source: z.string(),
    actor: z.string(),
    delta: quantities,
    resulting: quantities.extend({ available: units }),
    version: units,
    // The channels that may ship from the location (subscriptions filter `inventoryChanged(channel:)` on it);
    // optional only because ledger entries written before it existed lack it.
    channels: z.array(z.enum(CHANNELS)).optional(),
  }),
});

/**
 * A reconciliation run ended (subject = run id): which SKUs it found on-hand drift for (beyond the tolerance,
 * corrected or only reported) and which it compared and found none for at any compared location. Operations
 * raises RECONCILIATION_DRIFT from the first and resolves it from the second.
 */
export const reconciliationCompleted = defineEvent({
  type: 'inventory.reconciliation.completed',
  version: 1,
  description: 'A reconciliation run ended: SKUs with on-hand drift and SKUs compared without any.',
  example: {
    runId: 'rec-1',
    source: 'wms',
    drifted: [{ sku: 'FM-ELE-10105', locationId: 'dc-east', difference: -2, action: 'CORRECTED' }],
    clean: ['FM-ELE-10106'],
  },
  schema: z.object({
    runId: z.string(),
    source: z.string(),
    drifted: z.array(
      z.object({
        sku: z.string(),
        locationId: z.string(),
        difference: units,
        action: z.enum(['CORRECTED', 'REPORTED']),
      }),
    ),
    clean: z.array(z.string()),
  }),
});

/** Every line is held (or backordered): the reservation is ACTIVE. */
export const reservationConfirmed = defineEvent({
  type: 'inventory.reservation.confirmed',
  version: 1,
  description: 'Stock was reserved for every line, all or nothing.',
  example: {
    reservationId: 'res-1',
    key: 'order:ord-1',
    orderId: 'ord-1',
    channel: 'WEB',
    allocations: [{ locationId: 'dc-east', lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2 }] }],
    backordered: [],
    expiresAt: null,
  },
  schema: z.object({
    reservationId: z.string(),
    key: z.string(),
    orderId: z.string().nullable(),
    channel: z.string(),
    allocations: z.array(z.object({ locationId: z.string(), lines: z.array(line) })),
    backordered: z.array(line),
    expiresAt: z.string().nullable(),
  }),
});

/** The reservation could not be made; nothing is held. */
export const reservationFailed = defineEvent({
  type: 'inventory.reservation.failed',
  version: 1,
  description: 'Stock could not be reserved; the reason names the SKUs short.',
  example: {
    reservationId: 'res-1',
    key: 'order:ord-1',
    orderId: 'ord-1',
    reason: 'insufficient stock for FM-ELE-10105',
    shortages: [{ lineId: 'L1', sku: 'FM-ELE-10105', requested: 2, available: 1 }],
  },
  schema: z.object({
    reservationId: z.string(),
    key: z.string(),
    orderId: z.string().nullable(),
    reason: z.string(),
    shortages: z.array(z.object({ lineId: z.string(), sku: z.string(), requested: positive, available: units })),
  }),
});

/** What the reservation still held went back to stock. */
export const reservationReleased = defineEvent({
  type: 'inventory.reservation.released',
  version: 1,
  description: 'A reservation released what it still held (cancelled, expired or compensated).',
  example: {
    reservationId: 'res-1',
    orderId: 'ord-1',
    reason: 'CANCELLED',
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2, locationId: 'dc-east' }],
  },
  schema: z.object({
    reservationId: z.string(),
    orderId: z.string().nullable(),
    reason: z.enum(['CANCELLED', 'EXPIRED', 'COMPENSATED']),
    lines: z.array(locatedLine),
  }),
});

/** A shipment consumed part (or the rest) of the reservation. */
export const reservationCommitted = defineEvent({
  type: 'inventory.reservation.committed',
  version: 1,
  description: 'A confirmed shipment committed reserved units (onHand and reserved both dropped).',
  example: {
    reservationId: 'res-1',
    orderId: 'ord-1',
    shipmentId: 'shp-ord-1-dc-east',
    lines: [{ lineId: 'L1', sku: 'FM-ELE-10105', quantity: 2, locationId: 'dc-east' }],
  },
  schema: z.object({
    reservationId: z.string(),
    orderId: z.string().nullable(),
    shipmentId: z.string(),
    lines: z.array(locatedLine),
  }),
});

/** Every event the inventory subgraph publishes. */
export const publishedEvents = [
  positionAdjusted,
  reservationConfirmed,
  reservationFailed,
  reservationReleased,
  reservationCommitted,
  reconciliationCompleted,
  conflictRecordedEvent('inventory'),
  inboundOutcomeEvent('inventory'),
] as const;

// ---- consumed (tolerant readers) ----

const looseLine = z.looseObject({ lineId: z.string(), sku: z.string(), quantity: units });

/** An order was placed; PENDING_VALIDATION asks inventory to reserve under `reservationKey` (degraded mode). */
export const orderPlaced = defineEvent({
  type: 'orders.order.placed',
  version: 1,
  description: 'orders.order.placed (tolerant reader).',
  schema: z.looseObject({
    orderId: z.string(),
    // Absent on events written before orders named the owner: such reservations are no partner's.
    customerId: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    channel: z.string(),
    status: z.string(),
    reservationKey: z.string(),
    shipToRegion: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    lines: z.array(looseLine),
  }),
});

/** An order was cancelled: release what its reservations still hold. */
export const orderCancelled = defineEvent({
  type: 'orders.order.cancelled',
  version: 1,
  description: 'orders.order.cancelled (tolerant reader).',
  schema: z.looseObject({
    orderId: z.string(),
    reservationId: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
  }),
});

/** Returned units arrived at a location. */
export const returnReceived = defineEvent({
  type: 'orders.return.received',
  version: 1,
  description: 'orders.return.received (tolerant reader).',
  schema: z.looseObject({
    returnId: z.string(),
    locationId: z.string(),
    lines: z.array(
      z.looseObject({
        lineId: z.string(),
        sku: z.string(),
        quantity: positive,
        disposition: z.enum(['RESTOCK', 'DAMAGED', 'QUALITY_CONTROL']),
      }),
    ),
  }),
});

/** Units left a location: commit the reservation. */
export const shipmentConfirmed = defineEvent({
  type: 'shipments.shipment.confirmed',
  version: 1,
  description: 'shipments.shipment.confirmed (tolerant reader).',
  schema: z.looseObject({
    shipmentId: z.string(),
    orderId: z.string(),
    locationId: z.string(),
    reservationId: z
      .string()
      .nullish()
      .transform((v) => v ?? null),
    lines: z.array(z.looseObject({ lineId: z.string(), sku: z.string(), quantity: positive })),
  }),
});

/** Consumed data types. */
export type OrderPlaced = z.output<typeof orderPlaced.schema>;
export type OrderCancelled = z.output<typeof orderCancelled.schema>;
export type ReturnReceived = z.output<typeof returnReceived.schema>;
export type ShipmentConfirmed = z.output<typeof shipmentConfirmed.schema>;
export type PositionAdjusted = z.output<typeof positionAdjusted.schema>;

/**
 * What the inventory group reads from each stream (group = `inventory`). Types it has no reader for (e.g.
 * `orders.order.released`) are acknowledged unread and counted in `fm_events_ignored_total`.
 */
export const CONSUMED: readonly ConsumedStream[] = [
  // Its own ledger entries, projected into the `ledger` collection.
  { stream: 'inventory', follows: ['inventory.position'], registry: createEventRegistry([positionAdjusted]) },
  {
    stream: 'orders',
    follows: ['orders.order', 'orders.return'],
    registry: createEventRegistry([orderPlaced, orderCancelled, returnReceived]),
  },
  {
    stream: 'shipments',
    follows: ['shipments.shipment'],
    registry: createEventRegistry([shipmentConfirmed]),
  },
];

/** Inventory's side of docs/events.md: it owns what it publishes on `inventory`; the contract tests check the rest. */
export const contracts: SubgraphContracts = {
  subgraph: 'inventory',
  stream: 'inventory',
  published: publishedEvents,
  consumed: CONSUMED,
};

/** An envelope of one of this subgraph's events, stamped with its source and the given time. */
export function inventoryEvent<S extends z.ZodType>(
  def: EventDefinition<S>,
  subject: string,
  data: z.input<S>,
  time: Date,
): EventEnvelope<z.output<S>> {
  return createEvent(def, { source: SOURCE, subject, data, time });
}
