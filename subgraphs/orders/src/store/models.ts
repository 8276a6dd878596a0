import type { OutboxFields } from '@fulfillment-mesh/events';
import type { Doc, ProvenanceMap } from '@fulfillment-mesh/runtime';
import type { FinancialStatus } from '../mastering.js';

/** The sales channels an order can arrive through (mirrors `enum Channel`). */
export type Channel = 'WEB' | 'MARKETPLACE' | 'EDI' | 'INSIDE_SALES' | 'STORE';

/** An order's lifecycle status (mirrors `enum OrderStatus`). */
export type OrderStatus =
  | 'PENDING_VALIDATION'
  | 'ACCEPTED'
  | 'BACKORDERED'
  | 'REJECTED'
  | 'RELEASED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'CANCELLED'
  | 'RETURN_REQUESTED'
  | 'RETURNED';

/** An amount as an exact decimal string (never a float) with its ISO-4217 currency. */
export interface MoneyDoc {
  amount: string;
  currencyCode: string;
}

/** A postal address as stored. */
export interface AddressDoc {
  line1: string;
  line2: string | null;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** A line's lifecycle status (mirrors `enum OrderLineStatus`). */
export type LineStatus =
  | 'OPEN'
  | 'ALLOCATED'
  | 'BACKORDERED'
  | 'RELEASED'
  | 'PARTIALLY_SHIPPED'
  | 'SHIPPED'
  | 'DELIVERED'
  | 'CANCELLED'
  | 'RETURNED';

/**
 * One ordered line, embedded in its order; `sku` is the only link to the catalog. The state fields are absent
 * on documents written before the order process existed (seeded orders): `lineState` derives them.
 */
export interface OrderLineDoc {
  lineId: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyDoc;
  status?: LineStatus;
  allocatedQuantity?: number;
  backorderedQuantity?: number;
  shippedQuantity?: number;
  cancelledQuantity?: number;
  /** Units on open or received returns: the bound for new returns (>= returnedQuantity). */
  returnRequestedQuantity?: number;
  returnedQuantity?: number;
}

/** Units of one line reserved at one location. */
export interface AllocationLineDoc {
  lineId: string;
  sku: string;
  quantity: number;
}

/** What inventory reserved at one location; one shipment each on release. */
export interface AllocationDoc {
  locationId: string;
  lines: AllocationLineDoc[];
}

/**
 * The order's reservation in inventory. `key` is stable for the order, so every retry (synchronous or through
 * the backbone) lands on the same reservation. `mode` says who is waiting for the outcome: the placeOrder call
 * (`SYNC`) or the backbone (`ASYNC`, after `orders.order.placed` asked inventory to reserve).
 */
export interface ReservationDoc {
  key: string;
  id: string | null;
  mode: 'SYNC' | 'ASYNC';
  /** ISO-8601 instant of the synchronous attempt (the sweeper resumes stale ones). */
  requestedAt: string;
  /** When the sweeper last asked inventory again for the outcome (it resumes an order once per grace period). */
  checkedAt?: string;
}

/** A reservation this order must release in inventory (compensation), kept until inventory confirmed it. */
export interface ReleaseRequestDoc {
  reservationId: string;
  reason: 'CANCELLED' | 'COMPENSATED';
  requestedAt: string;
}

/** What the orders subgraph knows of one shipment of the order, from shipments' events. */
export interface ShipmentStateDoc {
  shipmentId: string;
  /** The shipment's status as of the last event (e.g. IN_TRANSIT, DELIVERED). */
  status: string;
  /** Its shipped quantities were added to the lines (`shipments.shipment.confirmed` applied). */
  confirmed: boolean;
}

/** One status transition, embedded in its order. */
export interface TimelineEntryDoc {
  /** ISO-8601 instant, normalised with `toISOString()`. */
  at: string;
  status: OrderStatus;
  note: string;
  actor: string;
}

/** A placeOrder submission as it is compared for idempotency: defaults filled in, strings trimmed. */
export interface SubmittedOrder {
  channel: Channel;
  externalId: string;
  customer: { id: string; name: string; email: string | null };
  shipTo: { name: string; address: AddressDoc };
  lines: { lineId: string; sku: string; quantity: number; unitPrice: MoneyDoc | null }[];
}

/** An order as stored: one document per order (`_id` = order id). */
export interface OrderDoc extends Doc, OutboxFields {
  channel: Channel;
  /** The business unit whose ERP books the order; absent on orders stored before (read as `default`). */
  businessUnit?: string;
  /** The channel's own order id; unique per channel (a unique index enforces it). */
  externalId: string;
  customer: { id: string; name: string; email: string | null };
  shipTo: { name: string; address: AddressDoc };
  lines: OrderLineDoc[];
  status: OrderStatus;
  /**
   * ISO-8601 instant, always normalised with `toISOString()`: the newest-first sort and the cursor compare
   * these strings, which is only chronological when every value has the same shape.
   */
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  timeline: TimelineEntryDoc[];
  /** Incremented on every write, for optimistic concurrency. */
  version: number;
  /**
   * Which system set each mastered field group (rules in mastering.ts): `content` (customer, ship-to, lines; the
   * channel), `financialStatus` and `erpOrderNumber` (the ERP), and `status` (the order process; history only).
   */
  provenance: ProvenanceMap;
  /** Payment state: the ERP's, or the channel's until the ERP has answered; absent until either said one. */
  financialStatus?: FinancialStatus | null;
  /** The ERP's sales order number, once the ERP acknowledged the posting. */
  erpOrderNumber?: string | null;
  /** The client's idempotency key; absent (not null) without one, so the sparse unique index skips it. */
  idempotencyKey?: string;
  /**
   * What was submitted, normalised (see `submittedOrder`): a retry is compared with it, not with the order as it
   * is now (an address change later must not turn an honest retry into a conflict). Absent on older orders.
   */
  request?: SubmittedOrder;
  statusReason?: string | null;
  allocations?: AllocationDoc[];
  reservation?: ReservationDoc;
  pendingReleases?: ReleaseRequestDoc[];
  shipmentStates?: ShipmentStateDoc[];
  /** Returns opened for the order, oldest first; a return document is valid only once listed here. */
  returnIds?: string[];
  /** Ids of the last consumed events applied to this order (domain-level dedupe under redelivery). */
  appliedEvents?: string[];
}

/** A return's lifecycle (mirrors `enum ReturnStatus`). */
export type ReturnStatus = 'REQUESTED' | 'PARTIALLY_RECEIVED' | 'RECEIVED';

/** What happens to returned units (mirrors `enum ReturnDisposition`). */
export type Disposition = 'RESTOCK' | 'DAMAGED' | 'QUALITY_CONTROL';

/** One line of a return, with the unit price the refund is computed from. */
export interface ReturnLineDoc {
  lineId: string;
  sku: string;
  quantity: number;
  receivedQuantity: number;
  unitPrice: MoneyDoc;
}

/** One receipt of returned units at a location. */
export interface ReturnReceiptDoc {
  /** The id of the `orders.return.received` event it emitted: the order applies each receipt once by it. */
  receiptId: string;
  at: string;
  locationId: string;
  lines: { lineId: string; sku: string; quantity: number; disposition: Disposition }[];
  refund: MoneyDoc;
}

/** A return (RMA) as stored in the `returns` collection (`_id` = return id). */
export interface ReturnDoc extends Doc, OutboxFields {
  orderId: string;
  /** The order's customer: the return's owner (tenant isolation); absent on returns written before it was recorded. */
  customerId?: string;
  status: ReturnStatus;
  reason: string;
  lines: ReturnLineDoc[];
  receipts: ReturnReceiptDoc[];
  createdAt: string;
  updatedAt: string;
  version: number;
}
