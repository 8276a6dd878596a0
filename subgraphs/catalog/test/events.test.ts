import { createEventRegistry, type EventEnvelope } from '@fulfillment-mesh/events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publishedEvents } from '../src/events/contracts.js';
import { catalogHarness, deferred, itemMaster } from './support.js';

describe('catalog.product.updated', () => {
  let h: Awaited<ReturnType<typeof catalogHarness>>;
  beforeEach(async () => {
    h = await catalogHarness();
  });
  afterEach(() => h.close());

  /** Collects catalog events through a consumer group of its own until `count` arrived. */
  async function collect(count: number) {
    const received: EventEnvelope[] = [];
    const done = deferred<EventEnvelope[]>();
    const consumer = await h.bus.consume({
      stream: 'catalog',
      group: 'test',
      consumer: 'test-1',
      startFrom: '0',
      registry: createEventRegistry([...publishedEvents]),
      handler: (event) => {
        received.push(event);
        if (received.length === count) done.resolve(received);
      },
    });
    return { events: done.promise, stop: () => consumer.stop() };
  }

  it('is published on the catalog stream once per applied row of an import, naming its changed field groups', async () => {
    await h.serve();
    // The product's event and the stale row's conflict.
    const listener = await collect(2);
    // The second row is stale: it writes no product and no product event (only its conflict is recorded).
    await h.subgraph.adapters.erpItems.importErpItems(
      itemMaster('SKU-1,2.00,USD,EA,ACTIVE,5,2026-11-02T08:00:00Z', 'SKU-1,1.00,USD,EA,ACTIVE,4,2026-11-02T09:00:00Z'),
      { adapterRun: 'run-7' },
    );
    const events = (await listener.events).filter((e) => e.type === 'catalog.product.updated');
    await listener.stop();

    expect(
      events.map((e) => [e.type, e.subject, e.sequence, (e.data as { fieldGroups: string[] }).fieldGroups]),
    ).toEqual([['catalog.product.updated', 'SKU-1', 1, ['price', 'uom', 'status']]]);
    expect(await h.subgraph.products.collection.findOne({ _id: 'SKU-1' })).toMatchObject({ eventSeq: 1 });
    expect(events[0]).toMatchObject({
      source: '/subgraphs/catalog',
      data: { sku: 'SKU-1', source: 'erp', sourceVersion: '5', adapterRun: 'run-7', created: false },
    });
  });

  it('is written in the same update as the change, so nothing is lost while the relay is stopped', async () => {
    await h.subgraph.adapters.erpItems.importErpItems(itemMaster('NEW-2,2.00,USD,EA,ACTIVE,1,2026-11-02T08:00:00Z'));
    const pending = await h.subgraph.products.collection.findOne({ _id: 'NEW-2' });
    expect(pending?.outbox?.map((e) => (e.data as { fieldGroups: string[]; created: boolean }).fieldGroups)).toEqual([
      ['price', 'uom', 'status'],
    ]);
    expect(pending?.outbox?.[0]?.data).toMatchObject({ created: true });

    await h.serve();
    const listener = await collect(1);
    expect((await listener.events).map((e) => e.subject)).toEqual(['NEW-2']);
    await listener.stop();
  });
});
