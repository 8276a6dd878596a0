import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCatalog } from './support/catalog-stand-in.js';
import { orderInput, openOrders, PLACE_ORDER } from './support/harness.js';
import { startInventory, type InventoryStandIn } from './support/inventory-stand-in.js';
import type { StandIn } from './support/stand-in.js';

let catalog: StandIn;
let inventory: InventoryStandIn;
let mesh: Awaited<ReturnType<typeof openOrders>>;

beforeEach(async () => {
  catalog = await startCatalog([{ sku: 'SKU-1', price: '12.50' }]);
  inventory = await startInventory({ 'SKU-1': 10 });
  mesh = await openOrders({ catalog: catalog.url, inventory: inventory.url }, {}, openEmbeddedStore());
});
afterEach(async () => {
  await mesh.close();
  await Promise.all([catalog.close(), inventory.close()]);
});

const place = (input: unknown, key: string | null = null) => mesh.tester.run(PLACE_ORDER, { input, key });
const orderCount = async () =>
  (await mesh.tester.run('{ orders(first: 50) { nodes { id } } }')).data as { orders: { nodes: unknown[] } };

describe('placeOrder idempotency', () => {
  it('answers the original order for an identical retry', async () => {
    const first = await place(orderInput());
    const again = await place(orderInput());
    expect(again.errors).toBeUndefined();
    expect(again.data?.placeOrder).toMatchObject({
      created: false,
      order: { id: (first.data?.placeOrder as { order: { id: string } }).order.id },
    });
  });

  it('refuses the same channel and external id with a changed quantity as CONFLICT naming the field', async () => {
    await place(orderInput());
    const changed = await place(orderInput({ lines: [{ sku: 'SKU-1', quantity: 3 }] }));
    expect(changed.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: ['lines[0].quantity'] });
    expect(changed.errors?.[0]?.message).toContain('lines[0].quantity');
  });

  it('refuses a reused idempotency key for another order as CONFLICT naming the external id', async () => {
    await place(orderInput(), 'key-1');
    const other = await place(orderInput({ externalId: 'W-2' }), 'key-1');
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', fields: ['externalId'] });
  });
});

describe('placeOrder input hygiene', () => {
  it('refuses a line quantity of 1e9 as INVALID_INPUT naming the line, and stores nothing', async () => {
    const result = await place(orderInput({ lines: [{ sku: 'SKU-1', quantity: 1e9 }] }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.lines[0].quantity' });
    expect((await orderCount()).orders.nodes).toEqual([]);
  });

  it('refuses a customer name with NUL and a right-to-left override as INVALID_INPUT naming the field', async () => {
    const result = await place(orderInput({ customer: { id: 'C-1', name: 'Ada\u0000\u202e', email: null } }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.customer.name' });
    expect(result.errors?.[0]?.message).toContain('control characters');
  });

  it('refuses a bidi override alone as INVALID_INPUT', async () => {
    const result = await place(orderInput({ customer: { id: 'C-1', name: 'Ada\u202eyub', email: null } }));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', field: 'input.customer.name' });
    expect(result.errors?.[0]?.message).toContain('bidirectional override');
  });

  it('stores names trimmed, so a retry with extra spaces is the same order', async () => {
    const first = await place(orderInput({ customer: { id: 'C-1', name: '  Ada Buyer ', email: null } }));
    const again = await place(orderInput({ customer: { id: 'C-1', name: 'Ada Buyer', email: null } }));
    expect(first.errors).toBeUndefined();
    expect(again.data?.placeOrder).toMatchObject({ created: false });
  });
});
