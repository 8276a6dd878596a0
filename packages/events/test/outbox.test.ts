import { openEmbeddedStore, type Doc } from '@fulfillment-mesh/runtime';
import { describe, expect, it } from 'vitest';
import {
  createOutboxRelay,
  newOutbox,
  outboxSequence,
  pendingOutboxFilter,
  withEvents,
  type EventEnvelope,
} from '../src/index.js';
import { itemEvent } from './support.js';

describe('withEvents', () => {
  it('appends the events to the outbox and counts them, keeping the update’s own $push and $inc', () => {
    const events = [itemEvent('sku-1@dc', 1), itemEvent('sku-1@dc', 2, 99)];
    const update = withEvents({ $set: { onHand: 2 }, $push: { history: { qty: 2 } }, $inc: { version: 1 } }, events);
    expect(update).toEqual({
      $set: { onHand: 2, outboxPending: events[0]!.id },
      $push: { history: { qty: 2 }, outbox: { $each: events.map(({ sequence: _s, ...e }) => e) } },
      $inc: { version: 1, eventSeq: 2 },
    });
  });

  it('leaves an update without events unchanged and refuses a second outbox push', () => {
    const update = { $set: { onHand: 1 } };
    expect(withEvents(update, [])).toBe(update);
    expect(() => withEvents({ $push: { outbox: 1 } }, [itemEvent('a', 1)])).toThrow(/expected no \$push to "outbox"/);
  });

  it('numbers pending entries from the document counter', () => {
    expect([0, 1, 2].map((i) => outboxSequence(7, 3, i))).toEqual([5, 6, 7]);
  });
});

describe('outbox on the embedded store', () => {
  it('finds exactly the documents with unpublished events', async () => {
    const store = openEmbeddedStore();
    const docs = store.collection('positions');
    await docs.insertMany([{ _id: 'none' }, { _id: 'empty', outbox: [] }]);
    await docs.updateOne({ _id: 'pending' }, withEvents({ $set: { onHand: 1 } }, [itemEvent('pending', 1)]), {
      upsert: true,
    });
    expect((await docs.find(pendingOutboxFilter)).map((d) => d._id)).toEqual(['pending']);
    await store.close();
  });

  it('gives entries appended while a flush runs the next sequence numbers', async () => {
    const store = openEmbeddedStore();
    const docs = store.collection<Doc>('positions');
    const write = (events: EventEnvelope[]) =>
      docs.updateOne({ _id: 'sku-1@dc' }, withEvents({ $set: { touched: true } }, events), { upsert: true });
    await write([itemEvent('sku-1@dc', 1), itemEvent('sku-1@dc', 2)]);
    const published: Array<number | undefined> = [];
    let raced = false;
    const relay = createOutboxRelay({
      collections: [docs],
      bus: {
        async publish(_stream, event) {
          published.push(event.sequence);
          // A writer appends between the relay's read and its pull.
          if (!raced) {
            raced = true;
            await write([itemEvent('sku-1@dc', 3)]);
          }
          return '0-1';
        },
      },
    });
    expect(await relay.flush()).toBe(2);
    expect(await relay.flush()).toBe(1);
    expect(published).toEqual([1, 2, 3]);
    expect(await docs.findOne({ _id: 'sku-1@dc' })).toMatchObject({ outbox: [], eventSeq: 3 });
    expect((await docs.findOne({ _id: 'sku-1@dc' }))?.outboxPending).toBeUndefined();
    await store.close();
  });

  it('keeps a document flagged pending until its outbox is empty, and still finds entries written before the flag', async () => {
    const store = openEmbeddedStore();
    const docs = store.collection<Doc>('positions');
    const older = itemEvent('old', 1);
    await docs.insertOne({ _id: 'old', outbox: [older], eventSeq: 1 });
    const published: string[] = [];
    const relay = createOutboxRelay({
      collections: [docs],
      bus: { publish: async (_stream, event) => (published.push(event.id), '0-1') },
    });
    expect(await relay.flush()).toBe(1);
    expect(published).toEqual([older.id]);

    await docs.updateOne({ _id: 'new' }, withEvents({ $set: { onHand: 1 } }, [itemEvent('new', 1)]), { upsert: true });
    expect((await docs.find(pendingOutboxFilter)).map((d) => d._id)).toEqual(['new']);
    expect(await relay.flush()).toBe(1);
    expect(await docs.find(pendingOutboxFilter)).toEqual([]);
    expect(await relay.flush()).toBe(0);
    await store.close();
  });

  it('publishes the events of a document inserted with newOutbox after the relay started, and none twice', async () => {
    const store = openEmbeddedStore();
    const docs = store.collection<Doc>('shipments');
    const published: string[] = [];
    const relay = createOutboxRelay({
      collections: [docs],
      bus: { publish: async (_stream, event) => (published.push(event.id), '0-1') },
    });
    expect(await relay.flush()).toBe(0);
    const created = itemEvent('shp-1', 1);
    await docs.insertOne({ _id: 'shp-1', ...newOutbox([created]) });
    expect(await relay.flush()).toBe(1);
    expect(await relay.flush()).toBe(0);
    expect(published).toEqual([created.id]);
    expect(newOutbox([])).toEqual({});
    await store.close();
  });
});
