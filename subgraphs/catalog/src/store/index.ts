import { createConflictLog, type ConflictLog, type ConflictRecord } from '@fulfillment-mesh/connectors';
import type { Collection, Filter, Store } from '@fulfillment-mesh/runtime';
import type { ProductDoc } from './models.js';

/** Data access for products; the only module that knows collection names and indexes. */
export interface ProductStore {
  /** The collection itself, for mastered writes (`applyMastered`) and the outbox relay. */
  readonly collection: Collection<ProductDoc>;
  byskus(skus: readonly string[]): Promise<ProductDoc[]>;
  page(filter: Filter, limit: number): Promise<ProductDoc[]>;
  count(filter: Filter): Promise<number>;
  categories(): Promise<string[]>;
  insertMany(docs: ProductDoc[]): Promise<void>;
  isEmpty(): Promise<boolean>;
}

/** Creates the product store and its indexes (idempotent; run at start-up). */
export async function createProductStore(store: Store): Promise<ProductStore> {
  const products: Collection<ProductDoc> = store.collection<ProductDoc>('products');
  await products.createIndex({ fields: { category: 1 } });
  await products.createIndex({ fields: { brand: 1 } });
  return {
    collection: products,
    byskus: (skus) => products.find({ _id: { $in: [...skus] } }),
    page: (filter, limit) => products.find(filter, { sort: { _id: 1 }, limit }),
    count: (filter) => products.countDocuments(filter),
    async categories() {
      const docs = await products.find({}, { projection: { category: 1 } });
      return [...new Set(docs.map((d) => d.category))].sort();
    },
    insertMany: (docs) => products.insertMany(docs),
    isEmpty: async () => (await products.findOne({})) === null,
  };
}

/** The catalog's conflict log (collection `conflicts`): refused mastered writes, counted and queryable. */
export async function openConflictLog(store: Pick<Store, 'collection'>): Promise<ConflictLog> {
  const conflicts = createConflictLog({ collection: store.collection<ConflictRecord>('conflicts'), domain: 'catalog' });
  await conflicts.ensureIndexes();
  return conflicts;
}
