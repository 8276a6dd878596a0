import { afterEach, describe, expect, it } from 'vitest';
import { createEvent, createMemoryEventBus, defineEvent, type EventBus } from '@fulfillment-mesh/events';
import { directoryOf, openEmbeddedStore, type Collection, type Doc } from '@fulfillment-mesh/runtime';
import { z } from 'zod';
import { createBackground } from '../src/events/background.js';
import { createShipmentsSubgraph, type ShipmentsSubgraph } from '../src/server.js';
import { writePendingRemainder } from '../src/workflows/split.js';
import { allocation, cancelled, harness, outboxOf, released, silent, T0, waitFor } from './support.js';

describe('shipments background work', () => {
  let bus: EventBus;
  let subgraph: ShipmentsSubgraph | undefined;
  afterEach(async () => {
    await subgraph?.close();
    await bus.close();
  });

  it('consumes order events from the bus and publishes its own events through the outbox', async () => {
    bus = createMemoryEventBus({ logger: silent });
    subgraph = await createShipmentsSubgraph({
      store: openEmbeddedStore(),
      logger: silent,
      bus,
      services: directoryOf({}),
    });
    await subgraph.start();
    const placed = defineEvent({
      type: 'orders.order.placed',
      version: 1,
      description: 'test',
      schema: z.object({ orderId: z.string() }),
    });
    await bus.publish(
      'orders',
      createEvent(placed, { source: '/subgraphs/orders', subject: 'O-1', data: { orderId: 'O-1' }, sequence: 1 }),
    );
    await bus.publish('orders', {
      ...released('O-1', [allocation('DC', ['L1', 'SKU-1', 1]), allocation('STORE', ['L2', 'SKU-2', 1])]),
      sequence: 2,
    });
    await bus.publish('orders', { ...cancelled('O-1'), sequence: 3 });

    const types = async () =>
      (await bus.read('shipments')).map((r) => `${r.envelope.type} ${r.envelope.subject} #${r.envelope.sequence}`);
    await waitFor(
      async () => (await types()).length === 4,
      'two created and two cancelled events on the shipments stream',
    );
    expect((await types()).sort()).toEqual([
      'shipments.shipment.cancelled shp-O-1-DC #2',
      'shipments.shipment.cancelled shp-O-1-STORE #2',
      'shipments.shipment.created shp-O-1-DC #1',
      'shipments.shipment.created shp-O-1-STORE #1',
    ]);
    const orders = (await bus.health()).find((s) => s.stream === 'orders');
    expect(orders?.deadLetters).toBe(0);
    await waitFor(
      async () => (await subgraph!.shipments.collection.countDocuments({ 'outbox.0': { $exists: true } })) === 0,
      'the outbox drained',
    );
  });

  it('runs the split sweeper without a bus, leaving its events in the outbox', async () => {
    bus = createMemoryEventBus({ logger: silent });
    const { deps, workflows, shipments, clock } = await harness();
    const id = 'shp-O-1-DC';
    await workflows.createFromRelease(
      { orderId: 'O-1', reservationId: 'R-1', allocations: [allocation('DC', ['L1', 'SKU-1', 2])] },
      'evt-release-1',
    );
    await writePendingRemainder(deps, (await shipments.get(id))!, [{ lineId: 'L1', sku: 'SKU-1', quantity: 1 }]);
    expect(await shipments.get(`${id}-B`)).toMatchObject({ splitPending: true });
    clock.now = new Date(Date.parse(T0) + 61_000); // the remainder is now older than pendingSplitTtlMs

    const background = createBackground({
      bus: undefined,
      collection: shipments.collection as unknown as Collection<Doc>,
      workflows,
      logger: silent,
      options: { sweepIntervalMs: 10, pendingSplitTtlMs: 60_000 },
    });
    await background.start();
    try {
      await waitFor(
        async () => (await shipments.get(`${id}-B`)) === null,
        'the sweeper to discard the abandoned remainder',
      );
    } finally {
      await background.stop();
    }
    expect(outboxOf(await shipments.get(id)).map((e) => e.type)).toEqual(['shipments.shipment.created']);
  });
});
