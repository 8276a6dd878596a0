import type { Doc, ProvenanceMap } from '@fulfillment-mesh/runtime';

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

/** One ordered line, embedded in its order; `sku` is the only link to the catalog. */
export interface OrderLineDoc {
  lineId: string;
  sku: string;
  quantity: number;
  unitPrice: MoneyDoc;
}

/** One status transition, embedded in its order. */
export interface TimelineEntryDoc {
  /** ISO-8601 instant, normalised with `toISOString()`. */
  at: string;
  status: OrderStatus;
  note: string;
  actor: string;
}

/** An order as stored: one document per order (`_id` = order id). */
export interface OrderDoc extends Doc {
  channel: Channel;
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
  /** Which system set each mastered field group: `content` (customer, ship-to, lines; the channel) and `status` (the ERP). */
  provenance: ProvenanceMap;
}
