import type { OutboxFields } from '@fulfillment-mesh/events';
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
  /** The carrier's own status code, when a carrier reported the milestone (e.g. `in_transit`). */
  carrierCode?: string;
}

/** The part of a shipment that did not leave with it and travels later as its own shipment. */
export interface SplitDoc {
  /** Id of the remainder shipment: `<root id>-B`, `-C`, … */
  id: string;
  lines: ShipmentLineDoc[];
}

/**
 * A shipment as stored: one document per shipment (`_id` = shipment id). Its events wait in its own outbox
 * (`outbox`, `eventSeq`) and are written in the same update as the change they describe.
 */
export interface ShipmentDoc extends Doc, OutboxFields {
  orderId: string;
  /**
   * The customer of the shipment's order: its owner for tenant isolation (docs/access.md). Set from the order's
   * release event and backfilled by the seed; absent only on shipments stored before it was recorded (no partner's).
   */
  customerId?: string;
  /** The order's business unit (whose ERP the shipment is posted to); absent on older shipments: the default one. */
  businessUnit?: string;
  locationId: string;
  /** Empty until confirmShipment names the carrier and its service. */
  carrier: string;
  service: string;
  /** The inventory reservation the shipment's stock is held under (null for seeded shipments). */
  reservationId?: string | null;
  /**
   * Omitted (never null) while the carrier has not issued one: the unique index on it is sparse, and a sparse
   * index skips only missing fields, so two stored nulls would collide on MongoDB and on the embedded store.
   */
  trackingNumber?: string;
  /**
   * `shipmentStatusFrom(milestones)` as the state machine allowed it to move; stored so that it can be filtered
   * on. A shipment is confirmed (its stock left) exactly when it carries a tracking number.
   */
  status: ShipmentStatus;
  lines: ShipmentLineDoc[];
  /** Oldest first. */
  milestones: MilestoneDoc[];
  /** Canonical ISO-8601 UTC (`toISOString()`), so string order is time order for sorting and cursors. */
  createdAt: string;
  updatedAt: string;
  /** Incremented on every write; updates that read-modify-write guard on it. */
  version: number;
  /** When confirmShipment recorded that the shipment left its location. */
  confirmedAt?: string;
  /** Set by a partial confirmation: the remainder that stays behind as the next shipment. */
  split?: SplitDoc;
  /** The shipment this one was split off (remainders only). */
  splitFrom?: string;
  /** The first shipment of a chain of partial confirmations (absent on the first itself). */
  rootId?: string;
  /** Position in that chain: absent or 0 for the first, 1 for `-B`, 2 for `-C`, … */
  splitIndex?: number;
  /**
   * Present on a remainder written ahead of the confirmation that splits it off: invisible to every query and
   * event until the confirmation is recorded (see workflows/split.ts).
   */
  splitPending?: true;
  /** What the freight cost, as the TMS or ERP reported it (field group `freightCost`). */
  freightCost?: MoneyDoc;
  /**
   * Which system set each mastered field group (see mastering.ts): `plan` (order, location, lines as released),
   * `confirmation` (what left, when, carrier, number), `tracking` (milestones, status), `freightCost`.
   */
  provenance: ProvenanceMap;
}

/** An exact amount: a decimal string and its ISO-4217 currency. */
export interface MoneyDoc {
  amount: string;
  currencyCode: string;
}

/** An `Order` entity reference: shipments only contributes `Order.shipments`, the orders subgraph owns the rest. */
export interface OrderRef {
  id: string;
}
