import type { SeedDataset } from '@fulfillment-mesh/seed-data';
import { parseOrderStatus, timelineOldestFirst, toInstant } from './domain.js';
import type { OrderDoc } from './models.js';
import type { OrderStore } from './store.js';

/** Maps the orders slice of the seed dataset into order documents, provenance `seed`; throws INVALID_INPUT on a bad status or instant. */
export function orderDocs(dataset: Pick<SeedDataset, 'orders'>, observedAt: string): OrderDoc[] {
  const provenance = { source: 'seed', sourceVersion: '1', observedAt };
  return dataset.orders.map((o) => ({
    _id: o.id,
    channel: o.channel,
    externalId: o.externalId,
    customer: { id: o.customer.id, name: o.customer.name, email: o.customer.email },
    shipTo: {
      name: o.shipTo.name,
      address: { line1: o.shipTo.line1, line2: null, city: o.shipTo.city, region: o.shipTo.region, postalCode: o.shipTo.postalCode, country: o.shipTo.country },
    },
    lines: o.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity, unitPrice: { amount: l.unitPrice, currencyCode: l.currencyCode } })),
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
export async function seedOrders(orders: OrderStore, dataset: Pick<SeedDataset, 'orders'>, observedAt: string): Promise<number> {
  if (!(await orders.isEmpty())) return 0;
  const docs = orderDocs(dataset, observedAt);
  await orders.insertMany(docs);
  return docs.length;
}
