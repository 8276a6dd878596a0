import { DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
import { parseOrderStatus, timelineOldestFirst, toInstant } from './domain/orders.js';
import type { Channel, OrderDoc } from './store/models.js';
import type { OrderStore } from './store/index.js';

export type { Channel } from './store/models.js';

/** A postal address as the seed dataset carries it (no second line). */
export interface SeedAddress {
  line1: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

/** An order line as the seed dataset carries it. */
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

/** One timeline entry of a seeded order. */
export interface SeedTimelineEntry {
  at: string;
  status: string;
  note: string;
  actor: string;
}

/** An order as the seed dataset carries it (orders owns this shape; tools/seed-data generates it). */
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

/** The orders' slice of the seed dataset. */
export interface OrdersSeed {
  orders: SeedOrder[];
}

/** Maps the orders slice of the seed dataset into order documents, provenance `seed`; throws INVALID_INPUT on a bad status or instant. */
export function orderDocs(dataset: OrdersSeed, observedAt: string): OrderDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  return dataset.orders.map((o) => ({
    _id: o.id,
    channel: o.channel,
    businessUnit: DEFAULT_BUSINESS_UNIT,
    externalId: o.externalId,
    customer: { id: o.customer.id, name: o.customer.name, email: o.customer.email },
    shipTo: {
      name: o.shipTo.name,
      address: {
        line1: o.shipTo.line1,
        line2: null,
        city: o.shipTo.city,
        region: o.shipTo.region,
        postalCode: o.shipTo.postalCode,
        country: o.shipTo.country,
      },
    },
    lines: o.lines.map((l) => ({
      lineId: l.lineId,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: { amount: l.unitPrice, currencyCode: l.currencyCode },
    })),
    status: parseOrderStatus(o.status, `status of order "${o.id}"`),
    // Normalised because the newest-first sort and the cursors compare these strings.
    createdAt: toInstant(o.createdAt, `createdAt of order "${o.id}"`),
    updatedAt: observedAt,
    timeline: timelineOldestFirst(
      o.timeline.map((t) => ({
        at: toInstant(t.at, `timeline instant of order "${o.id}"`),
        status: parseOrderStatus(t.status, `timeline status of order "${o.id}"`),
        note: t.note,
        actor: t.actor,
      })),
    ),
    version: 1,
    provenance: { content: provenance, status: provenance },
  }));
}

/** Seeds an empty orders collection; returns how many orders were written (0 when data already existed). */
export async function seedOrders(orders: OrderStore, dataset: OrdersSeed, observedAt: string): Promise<number> {
  if (!(await orders.isEmpty())) return 0;
  const docs = orderDocs(dataset, observedAt);
  await orders.insertMany(docs);
  return docs.length;
}
