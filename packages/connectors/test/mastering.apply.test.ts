import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openEmbeddedStore,
  type Collection,
  type Doc,
  type ProvenanceMap,
  type Store,
} from '@fulfillment-mesh/runtime';
import { createEvent, createMemoryEventBus, createOutboxRelay, defineEvent } from '@fulfillment-mesh/events';
import { z } from 'zod';
import {
  applyMastered,
  createConflictLog,
  defineMasteringRules,
  type ConflictLog,
  type ConflictRecord,
} from '../src/index.js';
import { deferred } from './support.js';

interface Product extends Doc {
  price?: string;
  name?: string;
  provenance: ProvenanceMap;
  outbox?: unknown[];
}

const rules = defineMasteringRules({
  domain: 'catalog',
  fieldGroups: {
    price: { policy: 'source-wins', authorities: [{ sources: ['erp'] }] },
    content: { policy: 'newest-wins', authorities: [{ sources: ['pim'] }] },
  },
});
const seed = { source: 'seed', sourceVersion: '1', observedAt: '2025-01-01T00:00:00Z' };
const erp = (version: number, minute = 0) => ({
  source: 'erp',
  sourceVersion: String(version),
  observedAt: `2025-01-02T00:${String(minute).padStart(2, '0')}:00Z`,
  adapterRun: 'run-1',
});

describe('applyMastered', () => {
  let store: Store;
  let products: Collection<Product>;
  let conflicts: ConflictLog;

  beforeEach(async () => {
    store = openEmbeddedStore();
    products = store.collection<Product>('products');
    conflicts = createConflictLog({ collection: store.collection<ConflictRecord>('conflicts'), domain: 'catalog' });
    await products.insertOne({
      _id: 'FM-1',
      price: '10.00',
      name: 'Widget',
      provenance: { price: seed, content: seed },
    });
  });
  afterEach(() => store.close());

  it('writes the fields and the provenance of an authoritative write', async () => {
    const result = await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '12.50' },
      incoming: erp(3),
      rules,
      conflicts,
    });
    expect(result.applied).toBe(true);
    const doc = await products.findOne({ _id: 'FM-1' });
    expect(doc?.price).toBe('12.50');
    expect(doc?.provenance.price).toEqual(erp(3));
    expect(doc?.provenance.content).toEqual(seed);
  });

  it('refuses a non-authoritative write with value and provenance unchanged, and records the conflict', async () => {
    const result = await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '0.01' },
      incoming: { source: 'shopify', sourceVersion: '1', observedAt: '2025-02-01T00:00:00Z' },
      rules,
      conflicts,
    });
    expect(result).toMatchObject({ applied: false, decision: { code: 'non-authoritative' } });
    const doc = await products.findOne({ _id: 'FM-1' });
    expect(doc?.price).toBe('10.00');
    expect(doc?.provenance.price).toEqual(seed);
    expect(await conflicts.count({ entityId: 'FM-1' })).toBe(1);
    const page = await conflicts.list({ fieldGroup: 'price' });
    expect(page.nodes[0]).toMatchObject({
      entity: 'products',
      entityId: 'FM-1',
      code: 'non-authoritative',
      current: seed,
      incoming: { source: 'shopify' },
    });
  });

  it('publishes each refusal as catalog.conflict.recorded through the relay of the conflicts collection', async () => {
    await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '0.01' },
      incoming: { source: 'shopify', sourceVersion: '1', observedAt: '2025-02-01T00:00:00Z' },
      rules,
      conflicts,
    });
    const bus = createMemoryEventBus();
    const relay = createOutboxRelay({ collections: [store.collection('conflicts')], bus });
    expect(await relay.flush()).toBe(1);
    const [entry] = await bus.read('catalog', { count: 10 });
    expect(entry?.envelope).toMatchObject({
      type: 'catalog.conflict.recorded',
      source: '/subgraphs/catalog',
      subject: 'products/FM-1',
      data: {
        entity: 'products',
        entityId: 'FM-1',
        fieldGroup: 'price',
        code: 'non-authoritative',
        incomingSource: 'shopify',
        currentSource: 'seed',
      },
    });
    expect(await relay.flush()).toBe(0);
    await bus.close();
  });

  it('refuses an out-of-order delivery as stale after a newer one applied', async () => {
    await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '15.00' },
      incoming: erp(9),
      rules,
      conflicts,
    });
    const late = await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '11.00' },
      incoming: erp(7),
      rules,
      conflicts,
    });
    expect(late).toMatchObject({ applied: false, decision: { reason: 'stale: version 7 ≤ applied 9' } });
    expect((await products.findOne({ _id: 'FM-1' }))?.price).toBe('15.00');
    expect(await conflicts.count({ code: 'stale' })).toBe(1);
  });

  it('never lets two concurrent writes apply out of order: the loser re-reads and is refused as stale', async () => {
    // Both writers read the document before either writes, the interleaving that breaks an unguarded update.
    const bothRead = deferred();
    let reads = 0;
    const racing: Collection<Product> = {
      ...products,
      name: products.name,
      findOne: async (filter) => {
        const doc = await products.findOne(filter);
        if (++reads === 2) bothRead.resolve();
        if (reads <= 2) await bothRead.promise;
        return doc;
      },
      findOneAndUpdate: (filter, update, options) => products.findOneAndUpdate(filter, update, options),
    };
    const [newer, older] = await Promise.all([
      applyMastered(racing, {
        id: 'FM-1',
        fieldGroup: 'price',
        set: { price: '19.00' },
        incoming: erp(9),
        rules,
        conflicts,
      }),
      applyMastered(racing, {
        id: 'FM-1',
        fieldGroup: 'price',
        set: { price: '17.00' },
        incoming: erp(7),
        rules,
        conflicts,
      }),
    ]);
    expect(newer.applied).toBe(true);
    expect(older).toMatchObject({ applied: false, decision: { code: 'stale' } });
    const doc = await products.findOne({ _id: 'FM-1' });
    expect(doc?.price).toBe('19.00');
    expect(doc?.provenance.price?.sourceVersion).toBe('9');
  });

  it('applies the newer of two concurrent writes even when the older one wins the race to the store', async () => {
    const bothRead = deferred();
    let reads = 0;
    let releaseNewer!: () => void;
    const newerMayWrite = new Promise<void>((r) => (releaseNewer = r));
    const racing: Collection<Product> = {
      ...products,
      name: products.name,
      findOne: async (filter) => {
        const doc = await products.findOne(filter);
        if (++reads === 2) bothRead.resolve();
        if (reads <= 2) await bothRead.promise;
        return doc;
      },
      findOneAndUpdate: async (filter, update, options) => {
        const version = (update.$set?.['provenance.price'] as { sourceVersion: string }).sourceVersion;
        if (version === '9') await newerMayWrite;
        const result = await products.findOneAndUpdate(filter, update, options);
        if (version === '7') releaseNewer();
        return result;
      },
    };
    const [newer, older] = await Promise.all([
      applyMastered(racing, {
        id: 'FM-1',
        fieldGroup: 'price',
        set: { price: '19.00' },
        incoming: erp(9),
        rules,
        conflicts,
      }),
      applyMastered(racing, {
        id: 'FM-1',
        fieldGroup: 'price',
        set: { price: '17.00' },
        incoming: erp(7),
        rules,
        conflicts,
      }),
    ]);
    expect(older.applied).toBe(true);
    expect(newer.applied).toBe(true);
    expect((await products.findOne({ _id: 'FM-1' }))?.provenance.price?.sourceVersion).toBe('9');
  });

  it('throws NOT_FOUND for a missing document unless insert fields are given', async () => {
    await expect(
      applyMastered(products, {
        id: 'FM-404',
        fieldGroup: 'price',
        set: { price: '1.00' },
        incoming: erp(1),
        rules,
        conflicts,
      }),
    ).rejects.toThrow('products "FM-404" was not found');
    const created = await applyMastered(products, {
      id: 'FM-2',
      fieldGroup: 'price',
      set: { price: '1.00' },
      incoming: erp(1),
      rules,
      conflicts,
      insert: { name: 'New', price: 'ignored', provenance: {} },
    });
    expect(created.applied).toBe(true);
    expect(await products.findOne({ _id: 'FM-2' })).toMatchObject({
      name: 'New',
      price: '1.00',
      provenance: { price: erp(1) },
    });
  });

  it('appends events to the outbox only when the write applies', async () => {
    const changed = defineEvent({
      type: 'catalog.price.changed',
      version: 1,
      schema: z.object({ sku: z.string() }),
      description: 'test',
    });
    const event = () => createEvent(changed, { source: '/subgraphs/catalog', subject: 'FM-1', data: { sku: 'FM-1' } });
    await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '13.00' },
      incoming: erp(2),
      rules,
      conflicts,
      events: [event()],
    });
    await applyMastered(products, {
      id: 'FM-1',
      fieldGroup: 'price',
      set: { price: '14.00' },
      incoming: erp(1),
      rules,
      conflicts,
      events: [event()],
    });
    expect((await products.findOne({ _id: 'FM-1' }))?.outbox).toHaveLength(1);
  });

  it('pages the conflict log newest first', async () => {
    for (let v = 1; v <= 5; v++) {
      await applyMastered(products, {
        id: 'FM-1',
        fieldGroup: 'price',
        set: { price: '1' },
        incoming: { source: 'pos:1', sourceVersion: String(v), observedAt: '2025-01-01T00:00:00Z' },
        rules,
        conflicts,
      });
    }
    const first = await conflicts.list({ first: 2 });
    expect(first.nodes.map((c) => c.incoming.sourceVersion)).toEqual(['5', '4']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await conflicts.list({ first: 2, after: first.pageInfo.endCursor });
    expect(second.nodes.map((c) => c.incoming.sourceVersion)).toEqual(['3', '2']);
    expect(await conflicts.count({ source: 'pos:1' })).toBe(5);
  });
});
