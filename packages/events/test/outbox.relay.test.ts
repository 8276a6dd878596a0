import { openEmbeddedStore, type Collection, type Doc, type Store } from '@fulfillment-mesh/runtime';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOutboxRelay, withEvents, type EventBus, type EventEnvelope } from '../src/index.js';
import { BUSES, deleteKeys, fastConsumer, itemEvent, randomPrefix, waitFor } from './support.js';

const filePrefix = randomPrefix('outbox');
afterAll(async () => {
  await deleteKeys(filePrefix);
});

/** The collection with one method replaced by a crash. */
function crashing(collection: Collection<Doc>, method: 'bulkWrite', message: string): Collection<Doc> {
  return new Proxy(collection, {
    get(target, property, receiver) {
      if (property === method) return async () => Promise.reject(new Error(message));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe.each(BUSES)('outbox relay on the $kind bus', ({ kind, open }) => {
  let bus: EventBus;
  let store: Store;
  let positions: Collection<Doc>;
  let testNumber = 0;
  // The relay derives streams from the event type: `test.item.changed` goes to `test`.
  const stream = 'test';

  beforeEach(async () => {
    testNumber += 1;
    bus = await open(`${filePrefix}:${kind}${testNumber}`);
    store = openEmbeddedStore();
    positions = store.collection('positions');
  });
  afterEach(async () => {
    await bus.close();
    await store.close();
  });

  const adjust = (id: string, onHand: number, events: EventEnvelope[]) =>
    positions.updateOne({ _id: id }, withEvents({ $set: { onHand } }, events), { upsert: true });

  const consumeInto = async (applied: Array<{ id: string; sequence: number | undefined }>) =>
    bus.consume(
      fastConsumer({ stream, group: 'orders', handler: (e) => void applied.push({ id: e.id, sequence: e.sequence }) }),
    );

  it('publishes on restart what a relay that crashed before publishing left in the outbox', async () => {
    const events = [itemEvent('sku-1@dc', 10), itemEvent('sku-1@dc', 12)];
    await adjust('sku-1@dc', 12, events);
    const crashed = createOutboxRelay({
      collections: [positions],
      bus: { publish: () => Promise.reject(new Error('relay crashed before publishing')) },
    });
    await expect(crashed.flush()).rejects.toThrow(/could not be published/);
    expect((await positions.findOne({ _id: 'sku-1@dc' }))?.outbox).toHaveLength(2);

    const applied: Array<{ id: string; sequence: number | undefined }> = [];
    await consumeInto(applied);
    const restarted = createOutboxRelay({ collections: [positions], bus });
    expect(await restarted.flush()).toBe(2);
    await waitFor(() => applied.length === 2, 'both events');
    expect(applied).toEqual(events.map((e, i) => ({ id: e.id, sequence: i + 1 })));
    expect(await positions.findOne({ _id: 'sku-1@dc' })).toMatchObject({ outbox: [], eventSeq: 2, onHand: 12 });
  });

  it('re-publishes after a crash between publish and pull without appending the events twice; each is applied once', async () => {
    const events = [itemEvent('sku-1@dc', 10), itemEvent('sku-1@dc', 12)];
    await adjust('sku-1@dc', 12, events);
    const applied: Array<{ id: string; sequence: number | undefined }> = [];
    await consumeInto(applied);

    const crashed = createOutboxRelay({
      collections: [crashing(positions, 'bulkWrite', 'relay crashed before pulling')],
      bus,
    });
    await expect(crashed.flush()).rejects.toThrow();
    expect((await positions.findOne({ _id: 'sku-1@dc' }))?.outbox).toHaveLength(2);

    const restarted = createOutboxRelay({ collections: [positions], bus });
    expect(await restarted.flush()).toBe(2);
    await waitFor(async () => {
      const group = (await bus.health()).find((s) => s.stream === stream)?.groups[0];
      return group?.counters.processed === 2 && group.pending === 0 && group.backlog === 0;
    }, 'both events to be processed');
    expect((await bus.read(stream)).map((r) => r.envelope.id)).toEqual(events.map((e) => e.id));
    expect(applied).toEqual(events.map((e, i) => ({ id: e.id, sequence: i + 1 })));

    // The next write continues the subject's sequence.
    const next = itemEvent('sku-1@dc', 15);
    await adjust('sku-1@dc', 15, [next]);
    await restarted.flush();
    await waitFor(() => applied.length === 3, 'the third event');
    expect(applied[2]).toEqual({ id: next.id, sequence: 3 });
  });

  it('flushes as soon as a writer notifies, without waiting for the poll', async () => {
    const applied: Array<{ id: string; sequence: number | undefined }> = [];
    await consumeInto(applied);
    const relay = createOutboxRelay({ collections: [positions], bus, pollIntervalMs: 60_000 });
    relay.start();
    try {
      const event = itemEvent('sku-9@dc', 1);
      await adjust('sku-9@dc', 1, [event]);
      relay.notify();
      await waitFor(() => applied.length === 1, 'the notified event');
      expect(applied[0]).toEqual({ id: event.id, sequence: 1 });
    } finally {
      await relay.stop();
    }
  });
});
