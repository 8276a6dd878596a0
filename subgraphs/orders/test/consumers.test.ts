import type { EventDefinition } from '@fulfillment-mesh/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  milestoneRecorded,
  reservationConfirmed,
  reservationFailed,
  reservationReleased,
  shipmentConfirmed,
} from '../src/events/contracts.js';
import type { OrderDoc } from '../src/store/models.js';
import { startCatalog } from './support/catalog-stand-in.js';
import { foreignEvent, meta } from './support/events.js';
import { orderInput, openOrders, waitFor } from './support/harness.js';
import { startInventory, type InventoryStandIn } from './support/inventory-stand-in.js';
import type { StandIn } from './support/stand-in.js';

let catalog: StandIn;
let inventory: InventoryStandIn;
let mesh: Awaited<ReturnType<typeof openOrders>>;

beforeEach(async () => {
  catalog = await startCatalog([
    { sku: 'SKU-1', price: '19.99' },
    { sku: 'SKU-2', price: '0.10' },
  ]);
  inventory = await startInventory({ 'SKU-1': 10, 'SKU-2': 10 });
  mesh = await openOrders({ catalog: catalog.url, inventory: inventory.url }, { pollIntervalMs: 20 });
  await mesh.subgraph.start!();
});
afterEach(async () => {
  await mesh.close();
  await Promise.all([catalog.close(), inventory.close()]);
});

const shipments = (data: Record<string, unknown>, def: EventDefinition = shipmentConfirmed) =>
  foreignEvent(def, String(data.shipmentId), data, '/subgraphs/shipments');
const statusIs = (id: string, status: OrderDoc['status']) =>
  waitFor(async () => (await mesh.order(id))?.status === status, `order ${id} to be ${status}`);
const pendingOrder = async () => {
  inventory.override = (input) => ({
    id: 'RES-9',
    key: input.key,
    status: 'PENDING',
    failureReason: null,
    allocations: [],
    backordered: [],
    shortages: [],
  });
  return (await mesh.subgraph.process.placeOrder(orderInput())).order;
};

describe('consumers on the event backbone', () => {
  it('carries an order from placement to delivery and back through a return, from events alone', async () => {
    const { order } = await mesh.subgraph.process.placeOrder(
      orderInput({
        lines: [
          { sku: 'SKU-1', quantity: 3 },
          { sku: 'SKU-2', quantity: 3 },
        ],
      }),
    );
    await mesh.subgraph.process.releaseOrder(order._id, 'test');
    const released = await waitFor(
      async () => (await mesh.published(order._id, 'orders.order.released'))[0],
      'released event',
    );
    expect(released.data).toEqual({
      orderId: order._id,
      customerId: order.customer.id,
      businessUnit: 'default',
      reservationId: 'RES-1',
      allocations: [
        {
          locationId: 'dc-east',
          lines: [
            { lineId: 'L1', sku: 'SKU-1', quantity: 3 },
            { lineId: 'L2', sku: 'SKU-2', quantity: 3 },
          ],
        },
      ],
    });

    const base = {
      orderId: order._id,
      locationId: 'dc-east',
      reservationId: 'RES-1',
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z',
    };
    const first = shipments({ ...base, shipmentId: 'S-1', lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 3 }] });
    await mesh.bus.publish('shipments', first);
    await statusIs(order._id, 'PARTIALLY_SHIPPED');
    await mesh.subgraph.process.consumers.shipments(first, meta); // a redelivery the bus could not dedupe
    await mesh.bus.publish(
      'shipments',
      shipments({ ...base, shipmentId: 'S-2', lines: [{ lineId: 'L2', sku: 'SKU-2', quantity: 3 }] }),
    );
    await statusIs(order._id, 'SHIPPED');
    expect((await mesh.order(order._id))?.lines.map((l) => l.shippedQuantity)).toEqual([3, 3]);

    for (const [shipmentId, shipmentStatus] of [
      ['S-1', 'DELIVERED'],
      ['S-2', 'IN_TRANSIT'],
      ['S-2', 'DELIVERED'],
    ]) {
      const data = {
        shipmentId,
        orderId: order._id,
        status: shipmentStatus,
        at: new Date().toISOString(),
        location: null,
        description: '',
        shipmentStatus,
      };
      await mesh.bus.publish('shipments', shipments(data, milestoneRecorded));
    }
    await statusIs(order._id, 'DELIVERED');

    const { ret } = await mesh.subgraph.process.createReturn(
      order._id,
      [
        { lineId: 'L1', quantity: 1 },
        { lineId: 'L2', quantity: 3 },
      ],
      'wrong size',
      'test',
    );
    await mesh.subgraph.process.receiveReturn(
      ret._id,
      'dc-east',
      [
        { lineId: 'L1', quantity: 1, disposition: 'RESTOCK' },
        { lineId: 'L2', quantity: 3, disposition: 'DAMAGED' },
      ],
      'test',
    );
    await statusIs(order._id, 'RETURNED');
    const refund = await waitFor(
      async () => (await mesh.published(ret._id, 'orders.refund.requested'))[0],
      'refund event',
    );
    expect(refund.data).toMatchObject({
      returnId: ret._id,
      orderId: order._id,
      amount: { amount: '20.29', currencyCode: 'USD' },
    });
    expect((await mesh.order(order._id))?.timeline.map((t) => t.status)).toEqual([
      'PENDING_VALIDATION',
      'ACCEPTED',
      'RELEASED',
      'PARTIALLY_SHIPPED',
      'SHIPPED',
      'DELIVERED',
      'RETURN_REQUESTED',
      'RETURNED',
    ]);
    const transitions = (await mesh.published(order._id, 'orders.order.transitioned')).map(
      (e) => (e.data as { to: string }).to,
    );
    expect(transitions).toEqual([
      'ACCEPTED',
      'RELEASED',
      'PARTIALLY_SHIPPED',
      'SHIPPED',
      'DELIVERED',
      'RETURN_REQUESTED',
      'RETURNED',
    ]);
  });

  it('completes a degraded order from inventory.reservation.confirmed on the bus, once under redelivery', async () => {
    const order = await pendingOrder();
    const event = foreignEvent(reservationConfirmed, 'RES-9', {
      reservationId: 'RES-9',
      key: `order:${order._id}`,
      orderId: order._id,
      channel: 'WEB',
      allocations: [{ locationId: 'dc-west', lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }] }],
      backordered: [],
      expiresAt: null,
      extra: 'ignored',
    });
    await mesh.bus.publish('inventory', event);
    await statusIs(order._id, 'ACCEPTED');
    await mesh.subgraph.process.consumers.inventory(event, meta);
    const after = (await mesh.order(order._id))!;
    expect(after.timeline.filter((t) => t.status === 'ACCEPTED')).toHaveLength(1);
    expect(after.allocations).toEqual([
      { locationId: 'dc-west', lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }] },
    ]);
  });

  it('answers once: an outcome event for an order waiting for its placeOrder reply changes nothing', async () => {
    inventory.delayMs = 300;
    const placing = mesh.subgraph.process.placeOrder(orderInput());
    const waiting = await waitFor(async () => (await mesh.subgraph.orders.orders.find({}))[0], 'the recorded order');
    const reason = 'no stock in any eligible location';
    const data = { reservationId: 'RES-X', key: `order:${waiting._id}`, orderId: waiting._id, reason, shortages: [] };
    await mesh.subgraph.process.consumers.inventory(foreignEvent(reservationFailed, 'RES-X', data), meta);
    const unchanged = { status: 'PENDING_VALIDATION', version: waiting.version, reservation: { id: null } };
    expect(await mesh.order(waiting._id)).toMatchObject(unchanged);

    const { order } = await placing;
    expect(order).toMatchObject({ status: 'ACCEPTED', reservation: { id: 'RES-1' } });
    expect(order.timeline.map((t) => t.status)).toEqual(['PENDING_VALIDATION', 'ACCEPTED']);
    const metric = mesh.subgraph.metrics.registry.getSingleMetric('fm_orders_reservation_outcome_events_total');
    const counted = await metric!.get();
    expect(counted.values).toEqual([{ labels: { result: 'answered_synchronously' }, value: 1 }]);
  });

  it('rejects a degraded order from inventory.reservation.failed with the reason', async () => {
    const order = await pendingOrder();
    await mesh.bus.publish(
      'inventory',
      foreignEvent(reservationFailed, 'RES-9', {
        reservationId: 'RES-9',
        key: `order:${order._id}`,
        orderId: order._id,
        reason: 'no stock in any eligible location',
        shortages: [],
      }),
    );
    await statusIs(order._id, 'REJECTED');
    expect((await mesh.order(order._id))?.statusReason).toBe('no stock in any eligible location');
  });

  it('notes an expired reservation on an accepted order without changing its status', async () => {
    const { order } = await mesh.subgraph.process.placeOrder(orderInput());
    const expired = foreignEvent(reservationReleased, 'RES-1', {
      reservationId: 'RES-1',
      orderId: order._id,
      reason: 'EXPIRED',
      lines: [],
    });
    await mesh.bus.publish('inventory', expired);
    await waitFor(
      async () => (await mesh.order(order._id))?.timeline.some((t) => t.note.includes('expired')),
      'expiry note',
    );
    await mesh.subgraph.process.consumers.inventory(expired, meta);
    const after = (await mesh.order(order._id))!;
    expect(after.status).toBe('ACCEPTED');
    expect(after.timeline.filter((t) => t.note.includes('expired'))).toHaveLength(1);
  });

  it('skips events about orders it does not hold and ignores the rest of the followed entities', async () => {
    const unknown = foreignEvent(reservationConfirmed, 'RES-5', {
      reservationId: 'RES-5',
      key: 'order:NOPE',
      orderId: 'NOPE',
      channel: 'WEB',
      allocations: [],
      backordered: [],
      expiresAt: null,
    });
    await expect(mesh.subgraph.process.consumers.inventory(unknown, meta)).resolves.toBeUndefined();
    await mesh.bus.publish('inventory', unknown);
    await waitFor(
      async () =>
        (await mesh.bus.health()).find((s) => s.stream === 'inventory')?.groups.find((g) => g.group === 'orders')
          ?.counters.processed === 1,
      'the event to be processed',
    );
    const health = (await mesh.bus.health()).find((s) => s.stream === 'inventory')!;
    expect(health.deadLetters).toBe(0);
  });
});
