import type { Doc, ProvenanceMap } from '@fulfillment-mesh/runtime';

/**
 * Every shipment status, in lifecycle order; mirrors the `ShipmentStatus` enum of schema.graphql (the typed
 * resolvers fail to compile when the two drift apart in either direction).
 */
export const SHIPMENT_STATUSES = [
  'PENDING',
  'LABEL_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'EXCEPTION',
  'RETURNED_TO_SENDER',
  'CANCELLED',
] as const;

/** A lifecycle state of a shipment. */
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** One order line (or part of one) travelling in a shipment. */
export interface ShipmentLineDoc {
  lineId: string;
  sku: string;
  quantity: number;
}

/** One normalised carrier tracking event (`at` is a canonical ISO-8601 UTC instant). */
export interface MilestoneDoc {
  status: ShipmentStatus;
  at: string;
  location: string | null;
  description: string;
}

/** A shipment as stored: one document per shipment (`_id` = shipment id). */
export interface ShipmentDoc extends Doc {
  orderId: string;
  locationId: string;
  carrier: string;
  service: string;
  /**
   * Omitted (never null) while the carrier has not issued one: the unique index on it is sparse, and a sparse
   * index skips only missing fields, so two stored nulls would collide on MongoDB and on the embedded store.
   */
  trackingNumber?: string;
  /** Always `shipmentStatusFrom(milestones)`; stored so that it can be filtered on. */
  status: ShipmentStatus;
  lines: ShipmentLineDoc[];
  /** Oldest first. */
  milestones: MilestoneDoc[];
  /** Canonical ISO-8601 UTC (`toISOString()`), so string order is time order for sorting and cursors. */
  createdAt: string;
  updatedAt: string;
  /** Incremented on every write. */
  version: number;
  /** Which system set each mastered field group (`plan`: order, location, carrier, lines; `tracking`: number, milestones, status). */
  provenance: ProvenanceMap;
}

/** An `Order` entity reference: shipments only contributes `Order.shipments`, the orders subgraph owns the rest. */
export interface OrderRef {
  id: string;
}
