import { createMemoryEventBus } from '@fulfillment-mesh/events';
import { directoryOf, openEmbeddedStore, type Store } from '@fulfillment-mesh/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { reservationConfirmed } from '../src/events/contracts.js';
import { createOrdersSubgraph, type OrdersOptions } from '../src/server.js';
import { startCatalog } from './support/catalog-stand-in.js';
import { faultyStore, foreignEvent, meta } from './support/events.js';
import { FAST_CLIENT, orderInput, openOrders, silent, waitFor } from './support/harness.js';
import { startInventory } from './support/inventory-stand-in.js';
import { deadUrl } from './support/stand-in.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0).reverse()) await close();
});

/** An orders subgraph with a catalog stand-in and an inventory stand-in (or a URL where nothing listens). */
async function setUp(options: { inventoryDown?: boolean; store?: Store; orders?: OrdersOptions } = {}) {
  const catalog = await startCatalog([{ sku: 'SKU-1' }, { sku: 'SKU-2' }]);
  const inventory = await startInventory({ 'SKU-1': 10, 'SKU-2': 10 });
  const urls = { catalog: catalog.url, inventory: options.inventoryDown ? await deadUrl() : inventory.url };
  const mesh = await openOrders(urls, { sweeper: { syncGraceMs: 0 }, ...options.orders }, options.store);
  cleanup.push(
    () => catalog.close(),
    () => inventory.close(),
    () => mesh.close(),
  );
  const calls = (field: string) => inventory.calls.filter((c) => c.field === field);
  return { mesh, inventory, calls, urls, process: mesh.subgraph.process };
}

/** The orders process started again on the same store (the previous one was killed: it does nothing any more). */
async function restart(store: Store, urls: { catalog: string; inventory: string }, options: OrdersOptions = {}) {
  const bus = createMemoryEventBus({ logger: silent });
  const kept: Store = { ...store, close: async () => undefined };
  const subgraph = await createOrdersSubgraph({
    store: kept,
    logger: silent,
    bus,
    services: directoryOf(urls),
    options: { inventory: FAST_CLIENT, catalog: FAST_CLIENT, ...options },
  });
  cleanup.push(async () => {
    await subgraph.close();
    await bus.close();
  });
  await subgraph.start();
  return subgraph;
}

/** inventory's confirmation of the order's key at dc-east, as it arrives on the backbone. */
const confirmation = (
  orderId: string,
  lines: { lineId: string; sku: string; quantity: number }[],
  reservationId = 'RES-1',
) =>
  foreignEvent(reservationConfirmed, reservationId, {
    reservationId,
    key: `order:${orderId}`,
    orderId,
    channel: 'WEB',
    allocations: [{ locationId: 'dc-east', lines }],
    backordered: [],
    expiresAt: null,
  });
const L1 = [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }];
/** A reservation inventory is still making: placeOrder cannot wait for it. */
const pending = (input: { key: string }) => ({
  id: 'RES-1',
  key: input.key,
  status: 'PENDING',
  failureReason: null,
  allocations: [],
  backordered: [],
  shortages: [],
});

describe('degraded mode', () => {
  it.each([
    ['down', { inventoryDown: true }, 0],
    ['too slow', {}, 5_000],
  ])(
    'accepts the order as PENDING_VALIDATION when inventory is %s, then completes it from the confirmation event',
    async (_case, options, delayMs) => {
      const { mesh, inventory, process } = await setUp(options);
      inventory.delayMs = delayMs;
      const { order, created } = await process.placeOrder(orderInput());
      expect([order.status, created, order.reservation?.mode]).toEqual(['PENDING_VALIDATION', true, 'ASYNC']);
      const placed = await mesh.published(order._id, 'orders.order.placed');
      expect(placed.map((e) => e.data)).toEqual([
        {
          orderId: order._id,
          customerId: order.customer.id,
          channel: 'WEB',
          externalId: 'W-1',
          status: 'PENDING_VALIDATION',
          reservationKey: `order:${order._id}`,
          shipToRegion: 'IL',
          lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }],
        },
      ]);
      expect(order.timeline.at(-1)?.note).toMatch(
        /^inventory unavailable \(.+\); reservation continues through the event backbone$/,
      );

      await process.consumers.inventory(confirmation(order._id, L1), meta);
      const done = (await mesh.order(order._id))!;
      expect(done).toMatchObject({
        status: 'ACCEPTED',
        allocations: [{ locationId: 'dc-east', lines: L1 }],
        reservation: { id: 'RES-1' },
      });
      // One placed event per order: the one that asked inventory to reserve.
      expect(await mesh.published(order._id, 'orders.order.placed')).toHaveLength(1);
    },
  );

  it('fails fast once the circuit is open, still taking orders', async () => {
    const { process } = await setUp({
      inventoryDown: true,
      orders: { inventory: { timeoutMs: 300, retries: 0, breakAfter: 1, halfOpenAfterMs: 60_000 } },
    });
    await process.placeOrder(orderInput());
    const { order } = await process.placeOrder(orderInput({ externalId: 'W-2' }));
    expect(order.status).toBe('PENDING_VALIDATION');
    expect(order.timeline.at(-1)?.note).toContain('circuit open after repeated failures');
  });

  it('loses nothing when recording the reservation fails: the sweeper resumes the order under the same key', async () => {
    const faulty = faultyStore(openEmbeddedStore());
    const { mesh, process, calls, inventory } = await setUp({ store: faulty.store });
    faulty.failNext('orders.findOneAndUpdate', 'store went away');
    await expect(process.placeOrder(orderInput())).rejects.toThrow('store went away');
    const [stuck] = await mesh.subgraph.orders.orders.find({});
    expect(stuck).toMatchObject({ status: 'PENDING_VALIDATION', reservation: { mode: 'SYNC' } });

    expect(await mesh.subgraph.sweeper.sweep()).toBe(1);
    expect(await mesh.order(stuck!._id)).toMatchObject({
      status: 'ACCEPTED',
      reservation: { id: 'RES-1' },
      allocations: [{ locationId: 'dc-east', lines: L1 }],
    });
    // Asked twice under one key, reserved once.
    expect(calls('reserveStock').map((c) => (c.variables as { input: { key: string } }).input.key)).toEqual([
      `order:${stuck!._id}`,
      `order:${stuck!._id}`,
    ]);
    expect(inventory.stock.get('SKU-1')).toBe(8);
    expect(
      (await mesh.published(stuck!._id, 'orders.order.placed')).map((e) => (e.data as { status: string }).status),
    ).toEqual(['ACCEPTED']);
  });
});

describe('a process killed mid-placeOrder', () => {
  it('is resumed when the next process starts: the order is accepted under its key without waiting for the grace period', async () => {
    const faulty = faultyStore(openEmbeddedStore());
    const { mesh, process, inventory, urls } = await setUp({
      store: faulty.store,
      orders: { sweeper: { syncGraceMs: 3_600_000 } },
    });
    // The process dies after inventory reserved and before the outcome was recorded.
    faulty.failNext('orders.findOneAndUpdate', 'killed');
    await expect(process.placeOrder(orderInput())).rejects.toThrow('killed');
    const [stuck] = await mesh.subgraph.orders.orders.find({});
    expect(await mesh.subgraph.sweeper.sweep()).toBe(0); // within the grace period a running process leaves it alone

    await restart(mesh.store, urls, { sweeper: { syncGraceMs: 3_600_000 } });
    const done = await waitFor(
      async () => ((await mesh.order(stuck!._id))?.status === 'ACCEPTED' ? mesh.order(stuck!._id) : null),
      'the resumed order',
    );
    expect(done).toMatchObject({ status: 'ACCEPTED', reservation: { id: 'RES-1' } });
    expect(inventory.reservations.size).toBe(1);
    expect(inventory.stock.get('SKU-1')).toBe(8);
  });

  it('asks inventory again for an order handed to the backbone whose outcome never arrived (lost with the process)', async () => {
    const { mesh, inventory, process, calls } = await setUp();
    inventory.delayMs = 5_000;
    const { order } = await process.placeOrder(orderInput());
    expect(order).toMatchObject({ status: 'PENDING_VALIDATION', reservation: { mode: 'ASYNC' } });
    inventory.delayMs = 0;
    // No confirmation event comes (an in-process bus died with the process): the sweeper asks under the same key.
    expect(await mesh.subgraph.sweeper.sweep()).toBe(1);
    expect(await mesh.order(order._id)).toMatchObject({
      status: 'ACCEPTED',
      reservation: { mode: 'ASYNC', id: 'RES-1', checkedAt: expect.any(String) },
    });
    expect(new Set(calls('reserveStock').map((c) => (c.variables as { input: { key: string } }).input.key))).toEqual(
      new Set([`order:${order._id}`]),
    );
    expect(await mesh.subgraph.sweeper.sweep()).toBe(0);
    // The late confirmation event changes nothing.
    await process.consumers.inventory(confirmation(order._id, L1), meta);
    expect((await mesh.order(order._id))?.timeline.filter((t) => t.status === 'ACCEPTED')).toHaveLength(1);
  });
});

describe('compensation', () => {
  it('releases a reservation confirmed for an order that was cancelled meanwhile', async () => {
    const { mesh, inventory, process, calls } = await setUp();
    inventory.override = pending;
    const { order } = await process.placeOrder(orderInput());
    const cancelled = await process.cancelOrder(order._id, 'customer called', 'test');
    expect((await mesh.published(order._id, 'orders.order.cancelled'))[0]?.data).toEqual({
      orderId: order._id,
      reservationId: null,
      reason: 'customer called',
    });

    const event = confirmation(order._id, L1);
    await process.consumers.inventory(event, meta);
    await process.consumers.inventory(event, meta); // redelivered
    expect(calls('releaseReservation').map((c) => c.variables)).toEqual([{ id: 'RES-1', reason: 'CANCELLED' }]);
    expect(inventory.reservations.get(`order:${order._id}`)?.status).toBe('RELEASED');
    const after = (await mesh.order(order._id))!;
    expect(after).toMatchObject({ status: 'CANCELLED', pendingReleases: [] });
    expect(after.timeline.at(-1)?.note).toBe('reservation RES-1 confirmed after cancellation; release requested');
    void cancelled;
  });

  it('rejects the order and releases the stock when the reservation step answers something the order cannot take', async () => {
    const { mesh, inventory, process, calls } = await setUp();
    // Forced failure mid-workflow: inventory reserves only one of the two lines.
    inventory.override = (input) => ({
      id: 'RES-1',
      key: input.key,
      status: 'ACTIVE',
      failureReason: null,
      allocations: [{ location: { id: 'dc-east' }, lines: [{ ...input.lines[0]!, committed: 0 }] }],
      backordered: [],
      shortages: [],
    });
    inventory.failReleases = 1; // and the first release attempt fails too
    const { order } = await process.placeOrder(
      orderInput({
        lines: [
          { sku: 'SKU-1', quantity: 2 },
          { sku: 'SKU-2', quantity: 1 },
        ],
      }),
    );
    expect(order).toMatchObject({
      status: 'REJECTED',
      statusReason: 'reservation RES-1 cannot be accepted: line "L2" needs 1, the reservation covers 0',
    });
    expect(order.pendingReleases).toEqual([
      { reservationId: 'RES-1', reason: 'COMPENSATED', requestedAt: expect.any(String) },
    ]);

    await mesh.subgraph.sweeper.sweep();
    expect(calls('releaseReservation').map((c) => c.variables)).toEqual([
      { id: 'RES-1', reason: 'COMPENSATED' },
      { id: 'RES-1', reason: 'COMPENSATED' },
    ]);
    expect(inventory.reservations.get(`order:${order._id}`)?.status).toBe('RELEASED');
    expect((await mesh.order(order._id))?.pendingReleases).toEqual([]);
  });
});
