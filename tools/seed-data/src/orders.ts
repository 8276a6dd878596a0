import type { Customer } from './customers.js';
import { createExternalIdIssuer } from './external-ids.js';
import { simulateFulfillment, type Fulfillment } from './fulfillment.js';
import { planOrderMix, type OrderSlot } from './order-mix.js';
import {
  buildAssortment,
  chooseCustomer,
  chooseLineCount,
  chooseLines,
  choosePrimary,
  chooseSecondary,
  shortFirstLine,
  type Assortment,
  type DraftLine,
} from './order-lines.js';
import type { Rng } from './random.js';
import type { OrderStatus, ShipmentStatus } from './statuses.js';
import { ANCHOR_MS, between, DAY, HOUR, iso, MINUTE } from './time.js';
import type { SeedOrder, SeedPosition, SeedProduct, SeedShipment } from './types.js';

/** Statuses whose lines keep their sourcing allocation (`sourceLocationId`). */
const SOURCED: ReadonlySet<OrderStatus> = new Set([
  'ACCEPTED',
  'RELEASED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'RETURN_REQUESTED',
  'RETURNED',
]);
/** Share of sourced orders (with two lines or more) that no single node can fill. */
const SPLIT_RATE = 0.18;
/** The oldest an order may be: the dataset covers ~90 days before the anchor. */
const HORIZON = 89 * DAY;

/**
 * How long an order has sat since its last event, by status: orders in flight are recent (nothing stays
 * pending validation for days), finished ones are spread over the whole window.
 */
const IDLE: Record<OrderStatus, readonly [number, number]> = {
  PENDING_VALIDATION: [2 * MINUTE, 3 * HOUR],
  ACCEPTED: [5 * MINUTE, 6 * HOUR],
  BACKORDERED: [6 * HOUR, 20 * DAY],
  REJECTED: [HOUR, 80 * DAY],
  RELEASED: [10 * MINUTE, 10 * HOUR],
  PARTIALLY_SHIPPED: [HOUR, 2 * DAY],
  SHIPPED: [HOUR, 30 * HOUR],
  DELIVERED: [HOUR, 75 * DAY],
  CANCELLED: [HOUR, 75 * DAY],
  RETURN_REQUESTED: [2 * HOUR, 6 * DAY],
  RETURNED: [DAY, 45 * DAY],
};

/** An order simulated on its own clock, and the instant (epoch ms) it was placed. */
interface Draft {
  slot: OrderSlot;
  customer: Customer;
  storeId: string | null;
  lines: DraftLine[];
  fulfillment: Fulfillment;
  placedAt: number;
}

/** Generates the order book and its shipments; ids follow placement time (`ord-000001` is the oldest). */
export function generateOrders(
  rng: Rng,
  input: {
    orderCount: number;
    products: readonly SeedProduct[];
    positions: readonly SeedPosition[];
    customers: readonly Customer[];
  },
): { orders: SeedOrder[]; shipments: SeedShipment[] } {
  const assortment = buildAssortment(input.products, input.positions);
  const drafts = planOrderMix(rng, input.orderCount)
    .map((slot) => draftOrder(rng, slot, assortment, input.customers))
    .sort((a, b) => a.placedAt - b.placedAt);
  const externalId = createExternalIdIssuer(rng);
  const orders: SeedOrder[] = [];
  const shipments: SeedShipment[] = [];
  drafts.forEach((draft, index) => {
    const order = toOrder(
      draft,
      `ord-${String(index + 1).padStart(6, '0')}`,
      externalId(draft.slot.channel, draft.storeId),
    );
    orders.push(order);
    shipments.push(...toShipments(draft, order));
  });
  // Shipment ids follow creation time too; ties (none expected) keep order order thanks to the stable sort.
  shipments.sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  shipments.forEach((shipment, index) => {
    shipment.id = `shp-${String(index + 1).padStart(6, '0')}`;
  });
  return { orders, shipments };
}

function draftOrder(rng: Rng, slot: OrderSlot, assortment: Assortment, customers: readonly Customer[]): Draft {
  const storeId = slot.channel === 'STORE' ? rng.pick(['store-chi', 'store-atl']) : null;
  const customer = chooseCustomer(rng, slot.channel, customers, storeId);
  const primary = choosePrimary(rng, assortment, slot.channel, customer, storeId);
  const split = slot.status === 'PARTIALLY_SHIPPED' || (SOURCED.has(slot.status) && rng.chance(SPLIT_RATE));
  const secondary = split ? chooseSecondary(rng, assortment, primary) : null;
  const chosen = chooseLines(rng, assortment, slot.channel, chooseLineCount(rng, split), primary, secondary);
  const lines = slot.status === 'BACKORDERED' ? shortFirstLine(rng, assortment, chosen) : chosen;
  const destination = `${customer.address.city}, ${customer.address.region}`;
  const fulfillment = simulateFulfillment(rng, { channel: slot.channel, status: slot.status, lines, destination });
  const lastEvent = Math.max(
    ...fulfillment.timeline.map((entry) => entry.at),
    ...fulfillment.shipments.flatMap((shipment) => shipment.milestones.map((milestone) => milestone.at)),
  );
  const [minIdle, maxIdle] = IDLE[slot.status];
  const idle = Math.max(MINUTE, Math.min(between(rng, minIdle, maxIdle), HORIZON - lastEvent));
  return { slot, customer, storeId, lines, fulfillment, placedAt: ANCHOR_MS - lastEvent - idle };
}

function toOrder(draft: Draft, id: string, externalId: string): SeedOrder {
  const { slot, customer, placedAt } = draft;
  const sourced = SOURCED.has(slot.status);
  return {
    id,
    channel: slot.channel,
    externalId,
    customer: {
      id: customer.id,
      name: customer.name,
      email: slot.channel === 'MARKETPLACE' ? customer.relayEmail : customer.email,
    },
    shipTo: { name: `${customer.name}, Attn: ${customer.contact}`, ...customer.address },
    lines: draft.lines.map((line, index) => ({
      lineId: `${id}-L${index + 1}`,
      sku: line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      currencyCode: 'USD',
      ...(sourced ? { sourceLocationId: line.sourceLocationId } : {}),
    })),
    status: slot.status,
    createdAt: iso(placedAt),
    timeline: draft.fulfillment.timeline.map((entry) => ({
      at: iso(placedAt + entry.at),
      status: entry.status,
      note: entry.note,
      actor: entry.actor,
    })),
  };
}

function toShipments(draft: Draft, order: SeedOrder): SeedShipment[] {
  return draft.fulfillment.shipments.map((shipment) => {
    const status: ShipmentStatus = shipment.milestones.at(-1)?.status ?? 'PENDING';
    return {
      id: '',
      orderId: order.id,
      locationId: shipment.locationId,
      carrier: shipment.booking.carrier,
      service: shipment.booking.service,
      trackingNumber: shipment.booking.trackingNumber,
      status,
      lines: shipment.lineIndexes.flatMap((index) => {
        const line = order.lines[index];
        return line ? [{ lineId: line.lineId, sku: line.sku, quantity: line.quantity }] : [];
      }),
      milestones: shipment.milestones.map((milestone) => ({ ...milestone, at: iso(draft.placedAt + milestone.at) })),
      createdAt: iso(draft.placedAt + shipment.createdAt),
    };
  });
}
