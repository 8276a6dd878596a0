import { describe, expect, it } from 'vitest';
import {
  ANCHOR_ISO,
  CHANNELS,
  generateDataset,
  OPEN_ORDER_STATUSES,
  ORDER_STATUSES,
  type SeedDataset,
  type SeedOrder,
  type SeedShipment,
} from '../src/index.js';

const dataset = generateDataset();
const DAY = 86_400_000;
const anchor = Date.parse(ANCHOR_ISO);
const RELEASED_OR_LATER = ['RELEASED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'DELIVERED', 'RETURN_REQUESTED', 'RETURNED'];

const time = (iso: string): number => Date.parse(iso);
const pickedUp = (shipment: SeedShipment): boolean => shipment.milestones.some((m) => m.status === 'PICKED_UP');
const shipmentsOf = (data: SeedDataset, order: SeedOrder): SeedShipment[] =>
  data.shipments.filter((s) => s.orderId === order.id);
const countBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, number> => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

/** Independent re-computation of what open orders should hold at each position. */
function expectedReservations(data: SeedDataset): Map<string, number> {
  const expected = new Map<string, number>();
  for (const order of data.orders.filter((o) => OPEN_ORDER_STATUSES.some((status) => status === o.status))) {
    const shipped = new Set(
      shipmentsOf(data, order)
        .filter(pickedUp)
        .flatMap((s) => s.lines.map((l) => l.lineId)),
    );
    for (const line of order.lines.filter((l) => !shipped.has(l.lineId))) {
      const key = `${line.sku}@${line.sourceLocationId ?? 'none'}`;
      expected.set(key, (expected.get(key) ?? 0) + line.quantity);
    }
  }
  return expected;
}

describe('generateDataset determinism', () => {
  it('returns a deep-equal dataset for the same options', () => {
    expect(generateDataset()).toEqual(dataset);
    expect(generateDataset({ seed: 7, skuCount: 300, orderCount: 80 })).toEqual(
      generateDataset({ seed: 7, skuCount: 300, orderCount: 80 }),
    );
  });

  it('returns a different dataset for a different seed', () => {
    const other = generateDataset({ seed: 43 });
    expect(other.products.map((p) => p.sku)).not.toEqual(dataset.products.map((p) => p.sku));
    expect(other.orders).not.toEqual(dataset.orders);
  });

  it('keeps the catalog when only the order count changes', () => {
    expect(generateDataset({ orderCount: 100 }).products).toEqual(dataset.products);
  });

  it('honours the size options and never goes below one order per channel × status', () => {
    const small = generateDataset({ skuCount: 120, orderCount: 10 });
    expect(small.products).toHaveLength(120);
    expect(small.orders).toHaveLength(CHANNELS.length * ORDER_STATUSES.length);
  });

  it('rejects sizes it cannot honour', () => {
    expect(() => generateDataset({ skuCount: 3 })).toThrow(RangeError);
    expect(() => generateDataset({ orderCount: 1.5 })).toThrow(RangeError);
  });
});

describe('default dataset shape', () => {
  it('has at least 1000 SKUs, the six named locations and at least 200 orders', () => {
    expect(dataset.products.length).toBeGreaterThanOrEqual(1000);
    expect(dataset.orders.length).toBeGreaterThanOrEqual(200);
    expect(Object.fromEntries(dataset.locations.map((l) => [l.id, [l.kind, l.region]]))).toEqual({
      'dc-east': ['DC', 'east'],
      'dc-central': ['DC', 'central'],
      'dc-west': ['DC', 'west'],
      'store-chi': ['STORE', 'central'],
      'store-atl': ['STORE', 'east'],
      '3pl-dallas': ['THREE_PL', 'south'],
    });
    expect(
      dataset.locations
        .filter((l) => l.kind === 'DC')
        .map((l) => l.priority)
        .sort(),
    ).toEqual([1, 2, 3]);
  });

  it('has unique, well-formed SKUs with two-place prices, 2–4 attributes and about 5% discontinued', () => {
    const skus = dataset.products.map((p) => p.sku);
    expect(new Set(skus).size).toBe(skus.length);
    for (const product of dataset.products) {
      expect(product.sku).toMatch(/^FM-[A-Z]{3}-\d{5}$/);
      expect(product.price).toMatch(/^\d+\.\d{2}$/);
      expect(product.currencyCode).toBe('USD');
      expect(['EA', 'CS', 'BX', 'PK', 'RL', 'GAL', 'LB']).toContain(product.unitOfMeasure);
      expect(product.attributes.length).toBeGreaterThanOrEqual(2);
      expect(product.attributes.length).toBeLessThanOrEqual(4);
    }
    expect(new Set(dataset.products.map((p) => p.category)).size).toBeGreaterThanOrEqual(8);
    const discontinued = dataset.products.filter((p) => p.status === 'DISCONTINUED').length / dataset.products.length;
    expect(discontinued).toBeGreaterThan(0.02);
    expect(discontinued).toBeLessThan(0.09);
  });

  it('covers every channel with every status, and every status at least five times', () => {
    const pairs = countBy(dataset.orders, (o) => `${o.channel}/${o.status}`);
    for (const channel of CHANNELS)
      for (const status of ORDER_STATUSES) expect(pairs.get(`${channel}/${status}`)).toBeGreaterThan(0);
    const statuses = countBy(dataset.orders, (o) => o.status);
    for (const status of ORDER_STATUSES) expect(statuses.get(status)).toBeGreaterThanOrEqual(5);
  });

  it('gives orders sequential ids and externalIds unique per channel in the channel format', () => {
    const formats: Record<string, RegExp> = {
      WEB: /^#\d{4,}$/,
      MARKETPLACE: /^\d{3}-\d{7}-\d{7}$/,
      EDI: /^PO-45\d{8}$/,
      INSIDE_SALES: /^IS-\d{6}$/,
      STORE: /^POS-(CHI|ATL)-\d{2}-\d{6}$/,
    };
    dataset.orders.forEach((order, index) => {
      expect(order.id).toBe(`ord-${String(index + 1).padStart(6, '0')}`);
      expect(order.externalId).toMatch(formats[order.channel] ?? /^$/);
    });
    const keys = dataset.orders.map((o) => `${o.channel}:${o.externalId}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('order lines', () => {
  const products = new Map(dataset.products.map((p) => [p.sku, p]));

  it('reference existing ACTIVE SKUs at the product price, 1–6 lines of 1–50 units', () => {
    for (const order of dataset.orders) {
      expect(order.lines.length).toBeGreaterThanOrEqual(1);
      expect(order.lines.length).toBeLessThanOrEqual(6);
      expect(new Set(order.lines.map((l) => l.sku)).size).toBe(order.lines.length);
      order.lines.forEach((line, index) => {
        expect(line.lineId).toBe(`${order.id}-L${index + 1}`);
        expect(products.get(line.sku)?.status).toBe('ACTIVE');
        expect(line.unitPrice).toBe(products.get(line.sku)?.price);
        expect(line.quantity).toBeGreaterThanOrEqual(1);
        expect(line.quantity).toBeLessThanOrEqual(50);
      });
    }
  });

  it('carry a stocked source location exactly when the order holds or used an allocation', () => {
    const stocked = new Set(dataset.positions.map((p) => `${p.sku}@${p.locationId}`));
    for (const order of dataset.orders) {
      const sourced = order.status === 'ACCEPTED' || RELEASED_OR_LATER.includes(order.status);
      for (const line of order.lines) {
        expect(line.sourceLocationId !== undefined).toBe(sourced);
        if (line.sourceLocationId) expect(stocked.has(`${line.sku}@${line.sourceLocationId}`)).toBe(true);
      }
    }
  });
});

describe('timelines', () => {
  it('are strictly increasing, start at createdAt, end in the order status and stay within 90 days of the anchor', () => {
    for (const order of dataset.orders) {
      const times = order.timeline.map((entry) => time(entry.at));
      times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i] ?? Infinity));
      expect(order.timeline[0]?.status).toBe('PENDING_VALIDATION');
      expect(order.timeline[0]?.at).toBe(order.createdAt);
      expect(order.timeline.at(-1)?.status).toBe(order.status);
      expect(Math.max(...times)).toBeLessThanOrEqual(anchor);
      expect(Math.min(...times)).toBeGreaterThanOrEqual(anchor - 90 * DAY);
      for (const entry of order.timeline) expect(entry.actor).toMatch(/^(channel|system|wms|carrier):[a-z0-9-]+$/);
    }
  });
});

describe('shipments', () => {
  const orders = new Map(dataset.orders.map((o) => [o.id, o]));
  const locationIds = new Set(dataset.locations.map((l) => l.id));

  it('reference an existing order and location and only that order’s lines, sourced at that location', () => {
    dataset.shipments.forEach((shipment, index) => {
      expect(shipment.id).toBe(`shp-${String(index + 1).padStart(6, '0')}`);
      const order = orders.get(shipment.orderId);
      expect(order).toBeDefined();
      expect(locationIds.has(shipment.locationId)).toBe(true);
      for (const line of shipment.lines) {
        const orderLine = order?.lines.find((l) => l.lineId === line.lineId);
        expect(orderLine).toMatchObject({
          sku: line.sku,
          quantity: line.quantity,
          sourceLocationId: shipment.locationId,
        });
      }
    });
  });

  it('exist once per source location exactly for orders that were released, covering every line', () => {
    for (const order of dataset.orders) {
      const shipments = shipmentsOf(dataset, order);
      if (!RELEASED_OR_LATER.includes(order.status)) {
        expect(shipments).toEqual([]);
        continue;
      }
      expect(shipments.map((s) => s.locationId).sort()).toEqual(
        [...new Set(order.lines.map((l) => l.sourceLocationId))].sort(),
      );
      expect(shipments.flatMap((s) => s.lines.map((l) => l.lineId)).sort()).toEqual(
        order.lines.map((l) => l.lineId).sort(),
      );
    }
    expect(dataset.orders.filter((o) => shipmentsOf(dataset, o).length === 2).length).toBeGreaterThan(5);
  });

  it('have milestones in time order and the status of the last one (PENDING without any)', () => {
    for (const shipment of dataset.shipments) {
      const times = shipment.milestones.map((m) => time(m.at));
      times.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(times[i] ?? Infinity));
      if (times[0] !== undefined) expect(times[0]).toBeGreaterThan(time(shipment.createdAt));
      expect(shipment.status).toBe(shipment.milestones.at(-1)?.status ?? 'PENDING');
      expect(Math.max(...times, 0)).toBeLessThanOrEqual(anchor);
    }
  });

  it('agree with the order status', () => {
    for (const order of dataset.orders.filter((o) => RELEASED_OR_LATER.includes(o.status))) {
      const shipments = shipmentsOf(dataset, order);
      const delivered = shipments.filter((s) => s.status === 'DELIVERED').length;
      const shipped = shipments.filter(pickedUp).length;
      if (order.status === 'RELEASED') expect(shipped).toBe(0);
      if (order.status === 'PARTIALLY_SHIPPED') {
        expect(shipped).toBeGreaterThan(0);
        expect(shipped).toBeLessThan(shipments.length);
        for (const s of shipments.filter((x) => !pickedUp(x))) expect(['PENDING', 'LABEL_CREATED']).toContain(s.status);
      }
      if (order.status === 'SHIPPED') {
        expect(shipped).toBe(shipments.length);
        expect(delivered).toBeLessThan(shipments.length);
      }
      if (order.status === 'DELIVERED' || order.status === 'RETURN_REQUESTED') expect(delivered).toBe(shipments.length);
    }
    const transitExceptions = dataset.shipments.filter(
      (s) => ['IN_TRANSIT', 'EXCEPTION'].includes(s.status) && s.milestones.some((m) => m.status === 'EXCEPTION'),
    );
    expect(transitExceptions.length).toBeGreaterThan(0);
  });

  it('use the carriers’ tracking number formats', () => {
    const formats: Record<string, RegExp> = {
      UPS: /^1Z[0-9A-Z]{16}$/,
      FedEx: /^(\d{12}|\d{15})$/,
      USPS: /^94\d{20}$/,
      'LTL Freight': /^\d{10}$/,
    };
    for (const shipment of dataset.shipments)
      expect(shipment.trackingNumber).toMatch(formats[shipment.carrier] ?? /^$/);
  });
});

describe('positions', () => {
  it('stock every ACTIVE SKU at 2–4 locations including at least one DC', () => {
    const dcs = new Set(dataset.locations.filter((l) => l.kind === 'DC').map((l) => l.id));
    for (const product of dataset.products.filter((p) => p.status === 'ACTIVE')) {
      const at = dataset.positions.filter((p) => p.sku === product.sku).map((p) => p.locationId);
      expect(at.length).toBeGreaterThanOrEqual(2);
      expect(at.length).toBeLessThanOrEqual(4);
      expect(at.some((id) => dcs.has(id))).toBe(true);
    }
  });

  it('keep 0 ≤ reserved ≤ onHand and inbound stock within two weeks after the anchor', () => {
    for (const position of dataset.positions) {
      expect(position.reserved).toBeGreaterThanOrEqual(0);
      expect(position.reserved).toBeLessThanOrEqual(position.onHand);
      if (position.incoming) {
        expect(time(position.incoming.expectedAt)).toBeGreaterThan(anchor);
        expect(time(position.incoming.expectedAt)).toBeLessThanOrEqual(anchor + 14 * DAY);
      }
    }
  });

  it.each([42, 7, 2026])(
    'reserve exactly the unshipped quantities of open orders at their source (seed %i)',
    (seed) => {
      const data = seed === 42 ? dataset : generateDataset({ seed });
      const expected = expectedReservations(data);
      const actual = new Map(
        data.positions.filter((p) => p.reserved > 0).map((p) => [`${p.sku}@${p.locationId}`, p.reserved]),
      );
      expect(actual).toEqual(expected);
      for (const position of data.positions) expect(position.reserved).toBeLessThanOrEqual(position.onHand);
    },
  );
});
