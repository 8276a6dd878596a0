import type { Rng } from './random.js';
import { OPEN_ORDER_STATUSES, type OrderStatus } from './statuses.js';
import { ANCHOR_MS, DAY, HOUR, iso } from './time.js';
import type { LocationKind, SeedLocation, SeedOrder, SeedPosition, SeedProduct, SeedShipment } from './types.js';

/** How many locations carry an active SKU: most items sit in two or three nodes. */
const NODE_COUNT_WEIGHTS = [
  [2, 45],
  [3, 35],
  [4, 20],
] as const;
/** DCs carry the broad assortment; the 3PL a good part of it; the trade counters a narrow one. */
const NODE_WEIGHT: Record<LocationKind, number> = { DC: 3, THREE_PL: 2, STORE: 1.2 };
/** Stores hold shelf quantities, DCs pallet quantities. */
const ON_HAND_CAP: Record<LocationKind, number> = { DC: 500, THREE_PL: 400, STORE: 120 };
const ZERO_STOCK_RATE = 0.08;
const INCOMING_RATE = 0.15;

/** Map key of a position. */
export function positionKey(sku: string, locationId: string): string {
  return `${sku}@${locationId}`;
}

/**
 * Stocks every ACTIVE SKU at 2–4 locations (always at least one DC) and leaves half of the discontinued
 * ones with a last few units at one DC. `reserved` starts at 0; see applyReservations.
 */
export function stockPositions(
  rng: Rng,
  products: readonly SeedProduct[],
  locations: readonly SeedLocation[],
): SeedPosition[] {
  const dcs = locations.filter((location) => location.kind === 'DC');
  // The higher a DC's priority, the broader its assortment.
  const dcWeights = dcs.map((dc) => [dc, dcs.length + 1 - dc.priority] as const);
  const positions: SeedPosition[] = [];
  for (const product of products) {
    if (product.status === 'DISCONTINUED') {
      if (rng.chance(0.5)) {
        const dc = rng.pick(dcs);
        positions.push({
          sku: product.sku,
          locationId: dc.id,
          onHand: rng.int(0, 12),
          reserved: 0,
          safetyStock: 0,
          incoming: null,
        });
      }
      continue;
    }
    const chosen = [rng.weighted(dcWeights)];
    const count = rng.weighted(NODE_COUNT_WEIGHTS);
    while (chosen.length < count) {
      const rest = locations.filter((location) => !chosen.includes(location));
      chosen.push(rng.weighted(rest.map((location) => [location, NODE_WEIGHT[location.kind]] as const)));
    }
    chosen.sort((a, b) => a.priority - b.priority);
    for (const location of chosen) positions.push(stockAt(rng, product.sku, location));
  }
  return positions;
}

function stockAt(rng: Rng, sku: string, location: SeedLocation): SeedPosition {
  const cap = ON_HAND_CAP[location.kind];
  // Squaring a uniform draw skews toward small quantities: many slow movers, few deep pallets.
  const onHand = rng.chance(ZERO_STOCK_RATE) ? 0 : Math.floor((cap + 1) * rng.next() ** 2);
  const safetyStock = location.kind === 'STORE' ? rng.int(0, 3) * 2 : rng.int(0, 5) * 5;
  const incoming = rng.chance(INCOMING_RATE)
    ? {
        quantity: rng.int(1, 20) * rng.pick([6, 12, 24]),
        expectedAt: iso(ANCHOR_MS + rng.int(1, 13) * DAY + rng.int(7, 17) * HOUR),
      }
    : null;
  return { sku, locationId: location.id, onHand, reserved: 0, safetyStock, incoming };
}

/**
 * Quantities held for open orders, by position key: every line of an ACCEPTED, RELEASED or
 * PARTIALLY_SHIPPED order that no carrier has picked up yet, at the line's source location.
 */
export function openReservations(
  orders: readonly SeedOrder[],
  shipments: readonly SeedShipment[],
): Map<string, number> {
  const shippedLineIds = new Set(
    shipments
      .filter((shipment) => shipment.milestones.some((milestone) => milestone.status === 'PICKED_UP'))
      .flatMap((shipment) => shipment.lines.map((line) => line.lineId)),
  );
  const reserved = new Map<string, number>();
  for (const order of orders) {
    if (!OPEN_ORDER_STATUSES.includes(order.status as OrderStatus)) continue;
    for (const line of order.lines) {
      if (shippedLineIds.has(line.lineId) || line.sourceLocationId === undefined) continue;
      const key = positionKey(line.sku, line.sourceLocationId);
      reserved.set(key, (reserved.get(key) ?? 0) + line.quantity);
    }
  }
  return reserved;
}

/**
 * Writes the reservations into the positions, raising onHand (plus a little headroom) where an open order
 * holds more than the shelf count, so 0 ≤ reserved ≤ onHand holds everywhere. Throws if a reservation
 * points at a position that does not exist: sourcing only ever picks stocked locations.
 */
export function applyReservations(
  rng: Rng,
  positions: SeedPosition[],
  reservations: ReadonlyMap<string, number>,
): void {
  const byKey = new Map(positions.map((position) => [positionKey(position.sku, position.locationId), position]));
  for (const [key, quantity] of reservations) {
    const position = byKey.get(key);
    if (!position) throw new Error(`reservation for ${key}, which is not a stocked position`);
    position.reserved = quantity;
    if (position.onHand < quantity) position.onHand = quantity + rng.int(0, 12);
  }
}
