import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, createMemoryEventBus, defineEvent, type Consumer, type EventBus } from '@fulfillment-mesh/events';
import { z } from 'zod';
import { createOrderEventHandler } from '../src/events/consumers.js';
import { consumedEvents } from '../src/events/contracts.js';
import { writePendingRemainder } from '../src/workflows/split.js';
import { allocation, cancelled, harness, outboxOf, released, silent, waitFor } from './support.js';

const split = () =>
  released('O-1', [
    allocation('DC-EAST', ['L1', 'SKU-1', 2]),
    allocation('STORE-9', ['L2', 'SKU-2', 1], ['L3', 'SKU-3', 4]),
  ]);
const meta = {
  stream: 'orders',
  group: 'shipments',
  consumer: 'test',
  entryId: '1-0',
  attempt: 1,
  previousAttempts: [],
};

describe('orders.order.released', () => {
  it('creates one PENDING shipment per location of a split release, each with its created event in the same document', async () => {
    const { workflows, shipments } = await harness();
    await createOrderEventHandler(workflows)(split(), meta);
    const docs = await shipments.byOrderIds(['O-1']);
    expect(docs.map((d) => [d._id, d.status, d.locationId, d.reservationId, d.lines.length])).toEqual([
      ['shp-O-1-DC-EAST', 'PENDING', 'DC-EAST', 'res-O-1', 1],
      ['shp-O-1-STORE-9', 'PENDING', 'STORE-9', 'res-O-1', 2],
    ]);
    expect(outboxOf(docs[1]!)).toEqual([
      {
        type: 'shipments.shipment.created',
        data: {
          shipmentId: 'shp-O-1-STORE-9',
          orderId: 'O-1',
          locationId: 'STORE-9',
          lines: [
            { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
            { lineId: 'L3', sku: 'SKU-3', quantity: 4 },
          ],
        },
      },
    ]);
  });

  it('creates nothing twice when the same release is handled again', async () => {
    const { workflows, shipments } = await harness();
    const handle = createOrderEventHandler(workflows);
    const event = split();
    await handle(event, meta);
    await handle(event, { ...meta, attempt: 2 });
    await handle({ ...event, id: 'a-copy-with-another-id' }, meta);
    const docs = await shipments.allOfOrder('O-1');
    expect(docs).toHaveLength(2);
    expect(docs.map((d) => [d.version, outboxOf(d).length])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('ignores order events it does not read', async () => {
    const { workflows, shipments } = await harness();
    const placed = defineEvent({
      type: 'orders.order.placed',
      version: 1,
      description: 'test',
      schema: z.object({ orderId: z.string() }),
    });
    await createOrderEventHandler(workflows)(
      createEvent(placed, { source: '/subgraphs/orders', subject: 'O-1', data: { orderId: 'O-1' } }),
      meta,
    );
    expect(await shipments.count({})).toBe(0);
  });
});

describe('orders.order.cancelled', () => {
  it('cancels the shipments that have not left, with a milestone and an event, and leaves the confirmed one', async () => {
    const { workflows, shipments } = await harness();
    const handle = createOrderEventHandler(workflows);
    await handle(split(), meta);
    await workflows.confirmShipment({
      shipmentId: 'shp-O-1-DC-EAST',
      carrier: 'UPS',
      service: 'GROUND',
      trackingNumber: '1Z-1',
      lines: [{ lineId: 'L1', quantity: 2 }],
    });
    await handle(cancelled('O-1'), meta);
    await handle(cancelled('O-1'), { ...meta, attempt: 2 });
    const [east, store] = await shipments.byOrderIds(['O-1']);
    expect(east).toMatchObject({ status: 'LABEL_CREATED', trackingNumber: '1Z-1' });
    expect(store).toMatchObject({ status: 'CANCELLED', version: 2 });
    expect(store?.milestones.map((m) => [m.status, m.description])).toEqual([
      ['CANCELLED', 'Cancelled: CUSTOMER_REQUEST'],
    ]);
    expect(outboxOf(store!).map((e) => e.type)).toEqual(['shipments.shipment.created', 'shipments.shipment.cancelled']);
    expect(outboxOf(store!)[1]?.data).toEqual({
      shipmentId: 'shp-O-1-STORE-9',
      orderId: 'O-1',
      reason: 'CUSTOMER_REQUEST',
    });
  });

  it('settles a split a crashed confirmation left: activated and cancelled when recorded, discarded when not', async () => {
    const { workflows, shipments, deps } = await harness();
    await workflows.createFromRelease(
      { orderId: 'O-1', reservationId: null, allocations: [allocation('DC', ['L1', 'SKU-1', 3])] },
      'evt-1',
    );
    await workflows.createFromRelease(
      { orderId: 'O-1', reservationId: null, allocations: [allocation('STORE', ['L2', 'SKU-2', 3])] },
      'evt-2',
    );
    // DC: confirmed with its split recorded, the remainder still pending (the crash hit before step 3).
    const dc = (await shipments.get('shp-O-1-DC'))!;
    await writePendingRemainder(deps, dc, [{ lineId: 'L1', sku: 'SKU-1', quantity: 1 }]);
    await shipments.update(
      { _id: dc._id },
      {
        $set: {
          trackingNumber: '1Z-9',
          status: 'LABEL_CREATED',
          lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }],
          split: { id: 'shp-O-1-DC-B', lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 1 }] },
        },
      },
    );
    // STORE: a pending remainder whose confirmation never landed.
    await writePendingRemainder(deps, (await shipments.get('shp-O-1-STORE'))!, [
      { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
    ]);

    expect(await workflows.cancelForOrder('O-1', 'FRAUD')).toEqual(['shp-O-1-STORE', 'shp-O-1-DC-B']);
    const after = Object.fromEntries((await shipments.allOfOrder('O-1')).map((d) => [d._id, d.status]));
    expect(after).toEqual({ 'shp-O-1-DC': 'LABEL_CREATED', 'shp-O-1-DC-B': 'CANCELLED', 'shp-O-1-STORE': 'CANCELLED' });
    expect(outboxOf(await shipments.get('shp-O-1-DC-B')).map((e) => e.type)).toEqual([
      'shipments.shipment.created',
      'shipments.shipment.cancelled',
    ]);
  });
});

describe('order events through the memory bus', () => {
  let bus: EventBus | undefined;
  let consumer: Consumer | undefined;
  afterEach(async () => {
    await consumer?.stop();
    await bus?.close();
  });

  it('creates the shipments of a release once, even when the bus delivers it again', async () => {
    const { workflows, shipments } = await harness();
    bus = createMemoryEventBus({ logger: silent });
    consumer = await bus.consume({
      stream: 'orders',
      group: 'shipments',
      consumer: 'c1',
      registry: consumedEvents(),
      handler: createOrderEventHandler(workflows),
      blockMs: 20,
    });
    const entryId = await bus.publish('orders', split());
    await waitFor(async () => (await shipments.count({})) === 2, 'the release creates two shipments');
    await bus.replayStream('orders', 'shipments', { from: entryId });
    const group = async () =>
      (await bus!.health()).find((s) => s.stream === 'orders')?.groups.find((g) => g.group === 'shipments');
    await waitFor(async () => (await group())?.counters.replayed === 1, 'the redelivery is handled');
    const docs = await shipments.allOfOrder('O-1');
    expect(docs.map((d) => [d._id, d.version, outboxOf(d).length])).toEqual([
      ['shp-O-1-DC-EAST', 1, 1],
      ['shp-O-1-STORE-9', 1, 1],
    ]);
    expect((await group())?.counters.deadLettered).toBe(0);
  });
});
