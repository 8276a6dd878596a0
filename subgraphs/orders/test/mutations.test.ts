import { openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shipmentConfirmed } from '../src/events/contracts.js';
import { startCatalog } from './support/catalog-stand-in.js';
import { faultyStore, foreignEvent, meta } from './support/events.js';
import { orderInput, openOrders } from './support/harness.js';
import { startInventory, type InventoryStandIn } from './support/inventory-stand-in.js';
import type { StandIn } from './support/stand-in.js';

let catalog: StandIn;
let inventory: InventoryStandIn;
let faulty: ReturnType<typeof faultyStore>;
let mesh: Awaited<ReturnType<typeof openOrders>>;

beforeEach(async () => {
  catalog = await startCatalog([{ sku: 'SKU-1', price: '4.20' }]);
  inventory = await startInventory({ 'SKU-1': 10 });
  faulty = faultyStore(openEmbeddedStore());
  mesh = await openOrders({ catalog: catalog.url, inventory: inventory.url }, {}, faulty.store);
});
afterEach(async () => {
  await mesh.close();
  await Promise.all([catalog.close(), inventory.close()]);
});

const run = async (query: string, variables: Record<string, unknown> = {}) => {
  const result = await mesh.tester.run(query, variables);
  expect(result.errors).toBeUndefined();
  return result.data!;
};
/** An order of 3 x SKU-1, released, with 3 units shipped in S-1. */
async function shippedOrder() {
  const { order } = await mesh.subgraph.process.placeOrder(orderInput({ lines: [{ sku: 'SKU-1', quantity: 3 }] }));
  await run('mutation($id: ID!) { releaseOrder(id: $id) { status } }', { id: order._id });
  const data = { shipmentId: 'S-1', orderId: order._id, lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }] };
  await mesh.subgraph.process.consumers.shipments(
    foreignEvent(shipmentConfirmed, 'S-1', data, '/subgraphs/shipments'),
    meta,
  );
  return order._id;
}
const CREATE =
  'mutation($id: ID!, $lines: [ReturnLineInput!]!) { createReturn(orderId: $id, lines: $lines, reason: "too big") { id status order { status } lines { lineId quantity receivedQuantity } } }';
const RECEIVE =
  'mutation($id: ID!, $lines: [ReceiveReturnLineInput!]!) { receiveReturn(returnId: $id, locationId: "dc-east", lines: $lines) { status refundTotal { amount } receipts { location { id } refund { amount } lines { lineId quantity disposition } } order { status lines { returnedQuantity status } } } }';

describe('fulfillment mutations', () => {
  it('releases an accepted order and shows its allocations and line states', async () => {
    const { order } = await mesh.subgraph.process.placeOrder(orderInput());
    const data = await run(
      'mutation($id: ID!) { releaseOrder(id: $id) { status allocations { location { id } lines { lineId quantity } } lines { status allocatedQuantity shippedQuantity } } }',
      { id: order._id },
    );
    expect(data.releaseOrder).toEqual({
      status: 'RELEASED',
      allocations: [{ location: { id: 'dc-east' }, lines: [{ lineId: 'L1', quantity: 2 }] }],
      lines: [{ status: 'RELEASED', allocatedQuantity: 2, shippedQuantity: 0 }],
    });
  });

  it('answers an illegal transition with a CONFLICT naming both states, and an unknown order with NOT_FOUND', async () => {
    const { order } = await mesh.subgraph.process.placeOrder(orderInput());
    await run('mutation($id: ID!) { cancelOrder(id: $id, reason: "changed mind") { status statusReason } }', {
      id: order._id,
    });
    const again = await mesh.tester.run('mutation($id: ID!) { releaseOrder(id: $id) { status } }', { id: order._id });
    expect(again.errors).toMatchObject([
      {
        message: `Order "${order._id}" cannot go from CANCELLED to RELEASED`,
        extensions: { code: 'CONFLICT', current: 'CANCELLED', requested: 'RELEASED' },
      },
    ]);
    const unknown = await mesh.tester.run('mutation { cancelOrder(id: "NOPE", reason: "x") { status } }');
    expect(unknown.errors).toMatchObject([
      { message: 'Order "NOPE" was not found', extensions: { code: 'NOT_FOUND' } },
    ]);
  });

  it('lets exactly one of racing transitions from the same status win; the others get the CONFLICT', async () => {
    const { order } = await mesh.subgraph.process.placeOrder(orderInput());
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => mesh.subgraph.process.releaseOrder(order._id, 'test')),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const lost of results.filter((r) => r.status === 'rejected')) {
      expect(lost.reason).toMatchObject({
        code: 'CONFLICT',
        message: `Order "${order._id}" cannot go from RELEASED to RELEASED`,
      });
    }
    expect((await mesh.order(order._id))!.timeline.filter((t) => t.status === 'RELEASED')).toHaveLength(1);
    expect(await mesh.published(order._id, 'orders.order.released')).toHaveLength(1);
  });
});

describe('returns', () => {
  it('opens a return, receives it with dispositions and refunds it exactly, returning the order', async () => {
    const orderId = await shippedOrder();
    const created = (await run(CREATE, { id: orderId, lines: [{ lineId: 'L1', quantity: 3 }] })).createReturn as {
      id: string;
      status: string;
      order: { status: string };
    };
    expect(created).toMatchObject({
      status: 'REQUESTED',
      order: { status: 'RETURN_REQUESTED' },
      lines: [{ lineId: 'L1', quantity: 3, receivedQuantity: 0 }],
    });
    const partly = (
      await run(RECEIVE, { id: created.id, lines: [{ lineId: 'L1', quantity: 1, disposition: 'DAMAGED' }] })
    ).receiveReturn;
    expect(partly).toMatchObject({
      status: 'PARTIALLY_RECEIVED',
      refundTotal: { amount: '4.20' },
      order: { status: 'RETURN_REQUESTED' },
    });
    const done = (
      await run(RECEIVE, { id: created.id, lines: [{ lineId: 'L1', quantity: 2, disposition: 'RESTOCK' }] })
    ).receiveReturn;
    expect(done).toMatchObject({
      status: 'RECEIVED',
      refundTotal: { amount: '12.60' },
      order: { status: 'RETURNED', lines: [{ returnedQuantity: 3, status: 'RETURNED' }] },
    });
    const listed = await run(
      'query($id: ID!) { order(id: $id) { returns { id receipts { location { id } refund { amount } lines { disposition } } } } }',
      { id: orderId },
    );
    expect(listed.order).toEqual({
      returns: [
        {
          id: created.id,
          receipts: [
            { location: { id: 'dc-east' }, refund: { amount: '4.20' }, lines: [{ disposition: 'DAMAGED' }] },
            { location: { id: 'dc-east' }, refund: { amount: '8.40' }, lines: [{ disposition: 'RESTOCK' }] },
          ],
        },
      ],
    });
  });

  it('refuses to return more than shipped minus already requested, naming the line', async () => {
    const orderId = await shippedOrder();
    await run(CREATE, { id: orderId, lines: [{ lineId: 'L1', quantity: 2 }] });
    const tooMany = await mesh.tester.run(CREATE, { id: orderId, lines: [{ lineId: 'L1', quantity: 2 }] });
    expect(tooMany.errors).toMatchObject([
      {
        message:
          'Invalid lines[0].quantity: expected at most 1 (shipped 3, already returned or requested 2), received 2',
        extensions: { code: 'INVALID_INPUT', field: 'lines[0].quantity' },
      },
    ]);
  });

  it('deletes the return again when recording it on the order fails (compensation)', async () => {
    const orderId = await shippedOrder();
    faulty.failNext('orders.findOneAndUpdate', 'order store unavailable');
    const failed = await mesh.tester.run(CREATE, { id: orderId, lines: [{ lineId: 'L1', quantity: 1 }] });
    expect(failed.errors).toMatchObject([{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
    expect(await mesh.subgraph.orders.returns.countDocuments()).toBe(0);
    expect(await mesh.order(orderId)).toMatchObject({ status: 'SHIPPED', returnIds: [] });
    // Nothing half-done stands in the way of trying again.
    expect((await run(CREATE, { id: orderId, lines: [{ lineId: 'L1', quantity: 3 }] })).createReturn).toMatchObject({
      status: 'REQUESTED',
    });
  });

  it('applies a receipt to the order later when the order write fails after the receipt was recorded', async () => {
    const orderId = await shippedOrder();
    const { id } = (await run(CREATE, { id: orderId, lines: [{ lineId: 'L1', quantity: 3 }] })).createReturn as {
      id: string;
    };
    faulty.failNext('orders.findOneAndUpdate', 'order store unavailable');
    expect(
      (await run(RECEIVE, { id, lines: [{ lineId: 'L1', quantity: 3, disposition: 'RESTOCK' }] })).receiveReturn,
    ).toMatchObject({ status: 'RECEIVED', order: { status: 'RETURN_REQUESTED' } });
    const [received] = await mesh.published(id, 'orders.return.received');
    await mesh.subgraph.process.consumers.orders(received!, meta);
    await mesh.subgraph.process.consumers.orders(received!, meta);
    expect(await mesh.order(orderId)).toMatchObject({ status: 'RETURNED', lines: [{ returnedQuantity: 3 }] });
  });
});
