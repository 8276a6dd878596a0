import { instrumentStore, openEmbeddedStore, type InstrumentedStore } from '@fulfillment-mesh/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCatalog } from './support/catalog-stand-in.js';
import { orderInput, openOrders, PLACE_ORDER } from './support/harness.js';
import { startInventory, type InventoryStandIn } from './support/inventory-stand-in.js';
import type { StandIn } from './support/stand-in.js';

type Placed = {
  created: boolean;
  order: {
    id: string;
    status: string;
    statusReason: string | null;
    lines: { lineId: string; status: string; allocatedQuantity: number; unitPrice: { amount: string } }[];
    allocations: { location: { id: string } }[];
    timeline: { status: string; note: string; actor: string }[];
  };
};

let catalog: StandIn;
let inventory: InventoryStandIn;
let store: InstrumentedStore;
let mesh: Awaited<ReturnType<typeof openOrders>>;

beforeEach(async () => {
  catalog = await startCatalog([
    { sku: 'SKU-1', price: '12.50' },
    { sku: 'SKU-2', price: '3.00' },
    { sku: 'OLD-1', status: 'DISCONTINUED' },
  ]);
  inventory = await startInventory({ 'SKU-1': 10, 'SKU-2': 10 });
  store = instrumentStore(openEmbeddedStore());
  mesh = await openOrders({ catalog: catalog.url, inventory: inventory.url }, {}, store);
});
afterEach(async () => {
  await mesh.close();
  await Promise.all([catalog.close(), inventory.close()]);
});

const place = async (input = orderInput(), key: string | null = null) => {
  const result = await mesh.tester.run(PLACE_ORDER, { input, key });
  expect(result.errors).toBeUndefined();
  return result.data?.placeOrder as Placed;
};
const reserveCalls = () => inventory.calls.filter((c) => c.field === 'reserveStock');

describe('placeOrder', () => {
  it('accepts an order inventory reserves, priced from the catalog, with its allocations and events', async () => {
    const { created, order } = await place(
      orderInput({
        lines: [
          { sku: 'SKU-1', quantity: 2 },
          { sku: 'SKU-2', quantity: 1, unitPrice: { amount: '2.75', currencyCode: 'USD' } },
        ],
      }),
    );
    expect(created).toBe(true);
    expect(order).toMatchObject({
      status: 'ACCEPTED',
      statusReason: null,
      allocations: [{ location: { id: 'dc-east' } }],
    });
    expect(order.lines.map((l) => [l.lineId, l.status, l.allocatedQuantity, l.unitPrice.amount])).toEqual([
      ['L1', 'ALLOCATED', 2, '12.50'],
      ['L2', 'ALLOCATED', 1, '2.75'],
    ]);
    expect(order.timeline.map((t) => [t.status, t.actor])).toEqual([
      ['PENDING_VALIDATION', 'channel:web'],
      ['ACCEPTED', 'inventory'],
    ]);
    expect(catalog.calls).toEqual([{ field: 'products', variables: { skus: ['SKU-1', 'SKU-2'] } }]);
    expect(reserveCalls()[0]?.variables).toMatchObject({
      input: {
        key: `order:${order.id}`,
        orderId: order.id,
        channel: 'WEB',
        shipToRegion: 'IL',
        lines: [
          { lineId: 'L1', sku: 'SKU-1', quantity: 2 },
          { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
        ],
      },
    });
    expect(
      (await mesh.published(order.id)).map((e) => [
        e.type,
        (e.data as { status?: string; to?: string }).status ?? (e.data as { to: string }).to,
      ]),
    ).toEqual([
      ['orders.order.placed', 'ACCEPTED'],
      ['orders.order.transitioned', 'ACCEPTED'],
    ]);
  });

  it('answers bad lines with INVALID_INPUT naming the line, before writing or reserving anything', async () => {
    const zero = await mesh.tester.run(PLACE_ORDER, {
      input: orderInput({
        lines: [
          { sku: 'SKU-1', quantity: 1 },
          { sku: 'SKU-2', quantity: 0 },
        ],
      }),
    });
    expect(zero.errors).toMatchObject([
      {
        message: 'Invalid lines[1].quantity: expected a positive whole number, received 0',
        extensions: { code: 'INVALID_INPUT', field: 'lines[1].quantity' },
      },
    ]);
    const retired = await mesh.tester.run(PLACE_ORDER, {
      input: orderInput({ lines: [{ sku: 'OLD-1', quantity: 1 }] }),
    });
    expect(retired.errors).toMatchObject([
      {
        message: 'Invalid lines[0].sku: expected an ACTIVE product, received "OLD-1 (DISCONTINUED)"',
        extensions: { code: 'INVALID_INPUT' },
      },
    ]);
    expect(await mesh.subgraph.orders.orders.countDocuments()).toBe(0);
    expect(reserveCalls()).toEqual([]);
  });

  it('answers UNAVAILABLE without writing an order when the catalog cannot validate the lines', async () => {
    await catalog.close();
    const result = await mesh.tester.run(PLACE_ORDER, { input: orderInput() });
    expect(result.errors).toMatchObject([{ extensions: { code: 'UNAVAILABLE', service: 'catalog' } }]);
    expect(await mesh.subgraph.orders.orders.countDocuments()).toBe(0);
  });

  it('rejects an order inventory cannot reserve, with the shortage as the reason', async () => {
    const { order } = await place(orderInput({ lines: [{ sku: 'SKU-1', quantity: 11 }] }));
    expect(order).toMatchObject({
      status: 'REJECTED',
      statusReason: 'insufficient stock: SKU-1 (line L1): requested 11, available 10',
    });
    expect(order.lines.map((l) => l.status)).toEqual(['CANCELLED']);
  });

  it('returns the existing order for a duplicate by channel and external id, and by idempotency key', async () => {
    const first = await place(orderInput(), 'key-1');
    const again = await place(orderInput());
    const byKey = await place(orderInput(), 'key-1');
    expect([again.created, byKey.created]).toEqual([false, false]);
    expect([again.order.id, byKey.order.id]).toEqual([first.order.id, first.order.id]);
    const otherChannel = await place(orderInput({ channel: 'EDI' }));
    expect(otherChannel.created).toBe(true);
    expect(reserveCalls()).toHaveLength(2);
  });

  it.each([
    ['the same external id', (i: number) => [orderInput(), i % 2 === 0 ? `k-${i}` : null] as const],
    ['the same idempotency key', () => [orderInput(), 'key-1'] as const],
  ])('turns 20 concurrent submissions with %s into one order and one reservation', async (_name, submission) => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => place(...submission(i))));
    expect(new Set(results.map((r) => r.order.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    // Every submission got past the duplicate lookup and tried to insert: the unique indexes decided.
    expect(store.counters.get('orders.insertOne')).toBe(20);
    expect(await mesh.subgraph.orders.orders.countDocuments()).toBe(1);
    expect(reserveCalls()).toHaveLength(1);
  });
});
