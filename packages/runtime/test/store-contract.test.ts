import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DuplicateKeyError, openEmbeddedStore, openMongoStore, type Doc, type Store } from '../src/index.js';

/**
 * The collection port's contract. It runs on the embedded store always and on MongoDB when MONGODB_URI is
 * set (`MONGODB_URI=mongodb://127.0.0.1:27017 npm run test:unit`), so one data-access code path is proven
 * on both backends.
 */
interface Item extends Doc {
  sku: string;
  qty: number;
  tags?: string[];
  log?: { n: number }[];
  loc?: { region: string };
}

const backends: [string, () => Promise<Store>][] = [['embedded (in memory)', async () => openEmbeddedStore()]];
if (process.env.MONGODB_URI) {
  const uri = process.env.MONGODB_URI;
  backends.push(['mongodb', () => openMongoStore({ uri, database: `fm_contract_${process.pid}` })]);
}

describe.each(backends)('collection port on %s', (_name, open) => {
  let store: Store;
  beforeEach(async () => {
    store = await open();
    await store.dropAll();
  });
  afterEach(async () => {
    await store.dropAll();
    await store.close();
  });

  const seed = async () => {
    const items = store.collection<Item>('items');
    await items.insertMany([
      { _id: 'a', sku: 'A', qty: 5, tags: ['x'], loc: { region: 'east' } },
      { _id: 'b', sku: 'B', qty: 0, tags: ['y'], loc: { region: 'west' } },
      { _id: 'c', sku: 'C', qty: 12, tags: ['x', 'y'], loc: { region: 'east' } },
    ]);
    return items;
  };

  it('finds by equality, $in, ranges, nested paths and $or, sorted and paged', async () => {
    const items = await seed();
    expect((await items.find({ _id: { $in: ['c', 'a', 'zz'] } }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual([
      'a',
      'c',
    ]);
    expect((await items.find({ qty: { $gte: 5 } }, { sort: { qty: -1 } })).map((d) => d._id)).toEqual(['c', 'a']);
    expect((await items.find({ 'loc.region': 'east', _id: { $gt: 'a' } })).map((d) => d._id)).toEqual(['c']);
    expect((await items.find({ $or: [{ qty: 0 }, { sku: 'C' }] }, { sort: { _id: 1 } })).map((d) => d._id)).toEqual([
      'b',
      'c',
    ]);
    expect((await items.find({}, { sort: { _id: 1 }, skip: 1, limit: 1 })).map((d) => d._id)).toEqual(['b']);
    expect(await items.countDocuments({ tags: 'x' })).toBe(2);
    expect(await items.findOne({ _id: 'nope' })).toBeNull();
  });

  it('applies a guarded $inc only where the filter still holds (the oversell guard)', async () => {
    const items = await seed();
    const ok = await items.findOneAndUpdate({ _id: 'a', qty: { $gte: 3 } }, { $inc: { qty: -3 } });
    expect(ok?.qty).toBe(2);
    const refused = await items.findOneAndUpdate({ _id: 'a', qty: { $gte: 3 } }, { $inc: { qty: -3 } });
    expect(refused).toBeNull();
    expect((await items.findOne({ _id: 'a' }))?.qty).toBe(2);
  });

  it('never lets concurrent guarded decrements go below zero', async () => {
    const items = await seed();
    const results = await Promise.all(
      Array.from({ length: 40 }, () => items.updateOne({ _id: 'c', qty: { $gte: 1 } }, { $inc: { qty: -1 } })),
    );
    expect(results.filter((r) => r.matchedCount === 1)).toHaveLength(12);
    expect((await items.findOne({ _id: 'c' }))?.qty).toBe(0);
  });

  it('upserts with $setOnInsert only on insert', async () => {
    const items = store.collection<Item>('items');
    await items.updateOne({ _id: 'n' }, { $setOnInsert: { sku: 'N', qty: 1 }, $inc: { hits: 1 } } as never, {
      upsert: true,
    });
    await items.updateOne({ _id: 'n' }, { $setOnInsert: { sku: 'X', qty: 99 }, $inc: { hits: 1 } } as never, {
      upsert: true,
    });
    const doc = await items.findOne({ _id: 'n' });
    expect(doc).toMatchObject({ _id: 'n', sku: 'N', qty: 1, hits: 2 });
  });

  it('pushes, pulls and sets nested fields', async () => {
    const items = await seed();
    await items.updateOne({ _id: 'a' }, { $push: { log: { n: 1 } }, $set: { 'loc.region': 'north' } });
    await items.updateOne({ _id: 'a' }, { $push: { log: { $each: [{ n: 2 }, { n: 3 }] } } });
    await items.updateOne({ _id: 'a' }, { $pull: { log: { n: 2 } } });
    const doc = await items.findOne({ _id: 'a' });
    expect(doc?.log).toEqual([{ n: 1 }, { n: 3 }]);
    expect(doc?.loc).toEqual({ region: 'north' });
  });

  it('refuses a duplicate under a unique index with DuplicateKeyError', async () => {
    const items = await seed();
    await items.createIndex({ fields: { sku: 1 }, unique: true });
    await expect(items.insertOne({ _id: 'd', sku: 'A', qty: 1 })).rejects.toBeInstanceOf(DuplicateKeyError);
    await expect(items.insertOne({ _id: 'a', sku: 'Z', qty: 1 })).rejects.toBeInstanceOf(DuplicateKeyError);
    expect(await items.countDocuments()).toBe(3);
  });

  it('enforces a compound unique index', async () => {
    const items = store.collection<Item & { channel: string }>('orders');
    await items.createIndex({ fields: { channel: 1, sku: 1 }, unique: true });
    await items.insertOne({ _id: '1', channel: 'WEB', sku: 'E1', qty: 1 });
    await items.insertOne({ _id: '2', channel: 'EDI', sku: 'E1', qty: 1 });
    await expect(items.insertOne({ _id: '3', channel: 'WEB', sku: 'E1', qty: 1 })).rejects.toBeInstanceOf(
      DuplicateKeyError,
    );
  });

  it('applies a bulk write per operation: guarded updates, upserts with $setOnInsert, inserts; duplicates are listed', async () => {
    const items = await seed();
    await items.createIndex({ fields: { sku: 1 }, unique: true });
    const result = await items.bulkWrite([
      { updateOne: { filter: { _id: 'a', qty: 5 }, update: { $inc: { qty: 1 } } } },
      { updateOne: { filter: { _id: 'b', qty: 99 }, update: { $inc: { qty: 1 } } } },
      { updateOne: { filter: { _id: 'n' }, update: { $set: { qty: 2 }, $setOnInsert: { sku: 'N' } }, upsert: true } },
      { insertOne: { document: { _id: 'd', sku: 'A', qty: 1 } } },
      { insertOne: { document: { _id: 'e', sku: 'E', qty: 1 } } },
      { updateOne: { filter: { _id: 'a' }, update: { $push: { tags: 'z' } } } },
    ]);
    expect(result).toMatchObject({ matchedCount: 2, upsertedCount: 1, insertedCount: 1, duplicateKeyIndexes: [3] });
    expect(await items.findOne({ _id: 'a' })).toMatchObject({ qty: 6, tags: ['x', 'z'] });
    expect(await items.findOne({ _id: 'b' })).toMatchObject({ qty: 0 });
    expect(await items.findOne({ _id: 'n' })).toMatchObject({ sku: 'N', qty: 2 });
    expect(await items.find({ sku: { $in: ['A', 'E'] } }, { sort: { sku: 1 } })).toMatchObject([
      { _id: 'a' },
      { _id: 'e' },
    ]);
  });

  it('finds a document by an indexed value after updates that left that value alone', async () => {
    const items = await seed();
    await items.createIndex({ fields: { 'loc.region': 1 } });
    await items.updateOne({ _id: 'a' }, { $inc: { qty: 1 } });
    await items.bulkWrite([
      { updateOne: { filter: { _id: 'c' }, update: { $set: { qty: 1 }, $unset: { tags: '' } } } },
    ]);
    await items.updateOne({ _id: 'b' }, { $set: { 'loc.region': 'east' } });
    const east = await items.find({ 'loc.region': 'east' }, { sort: { _id: 1 } });
    expect(east.map((d) => [d._id, d.qty, d.tags])).toEqual([
      ['a', 6, ['x']],
      ['b', 0, ['y']],
      ['c', 1, undefined],
    ]);
    expect(await items.find({ 'loc.region': 'west' })).toEqual([]);
  });

  it('deletes one and many', async () => {
    const items = await seed();
    expect(await items.deleteOne({ tags: 'x' })).toBe(1);
    expect(await items.deleteMany({})).toBe(2);
    expect(await items.countDocuments()).toBe(0);
  });
});

describe('embedded store on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fm-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps its data across a restart', async () => {
    const first = openEmbeddedStore({ dir });
    const items = first.collection<Item>('items');
    await items.createIndex({ fields: { sku: 1 }, unique: true });
    await items.insertOne({ _id: 'p', sku: 'P', qty: 3 });
    await items.updateOne({ _id: 'p' }, { $inc: { qty: 4 } });
    await items.bulkWrite([
      { insertOne: { document: { _id: 'q', sku: 'Q', qty: 1 } } },
      { updateOne: { filter: { _id: 'q' }, update: { $inc: { qty: 1 } } } },
    ]);
    await first.close();

    const second = openEmbeddedStore({ dir });
    const again = second.collection<Item>('items');
    expect(await again.findOne({ _id: 'p' })).toMatchObject({ sku: 'P', qty: 7 });
    expect(await again.findOne({ _id: 'q' })).toMatchObject({ sku: 'Q', qty: 2 });
    await second.close();
  });
});
