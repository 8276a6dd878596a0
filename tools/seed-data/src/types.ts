/**
 * The canonical shape of the seed dataset: plain records, one list per domain. Each subgraph's `seed.ts`
 * maps its slice into its own documents; no subgraph reads another's slice.
 */

export type Channel = 'WEB' | 'MARKETPLACE' | 'EDI' | 'INSIDE_SALES' | 'STORE';
export type LocationKind = 'DC' | 'STORE' | 'THREE_PL';

export interface SeedProduct {
  sku: string;
  name: string;
  description: string;
  brand: string;
  category: string;
  unitOfMeasure: string;
  /** Decimal string with two places, e.g. "12.50". */
  price: string;
  currencyCode: string;
  status: 'ACTIVE' | 'DISCONTINUED';
  attributes: { name: string; value: string }[];
}

export interface SeedLocation {
  id: string;
  name: string;
  kind: LocationKind;
  region: string;
  priority: number;
  address: SeedAddress;
}

export interface SeedAddress {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export interface SeedPosition {
  sku: string;
  locationId: string;
  onHand: number;
  reserved: number;
  safetyStock: number;
  incoming: { quantity: number; expectedAt: string } | null;
}

export interface SeedOrderLine {
  lineId: string;
  sku: string;
  quantity: number;
  unitPrice: string;
  currencyCode: string;
  /**
   * Location sourcing allocated the line to, present while that allocation stands: on ACCEPTED orders and
   * every later fulfillment status (the line's shipment is at this location). Absent on orders that were
   * never allocated or whose allocation was released (PENDING_VALIDATION, BACKORDERED, REJECTED, CANCELLED).
   */
  sourceLocationId?: string;
}

export interface SeedTimelineEntry {
  at: string;
  status: string;
  note: string;
  actor: string;
}

export interface SeedOrder {
  id: string;
  channel: Channel;
  externalId: string;
  customer: { id: string; name: string; email: string };
  shipTo: SeedAddress & { name: string };
  lines: SeedOrderLine[];
  status: string;
  createdAt: string;
  timeline: SeedTimelineEntry[];
}

export interface SeedMilestone {
  status: string;
  at: string;
  location: string;
  description: string;
}

export interface SeedShipment {
  id: string;
  orderId: string;
  locationId: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  status: string;
  lines: { lineId: string; sku: string; quantity: number }[];
  milestones: SeedMilestone[];
  createdAt: string;
}

export interface SeedDataset {
  products: SeedProduct[];
  locations: SeedLocation[];
  positions: SeedPosition[];
  orders: SeedOrder[];
  shipments: SeedShipment[];
}
