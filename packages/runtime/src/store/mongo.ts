import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Collection as MongoCollection,
  type Db,
} from 'mongodb';
import {
  DuplicateKeyError,
  type BulkOperation,
  type BulkWriteResult,
  type Collection,
  type Doc,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Store,
  type Update,
  type UpdateOptions,
  type UpdateResult,
} from './port.js';

/** Options for {@link openMongoStore}. */
export interface MongoStoreOptions {
  /** A MongoDB connection string (`MONGODB_URI`). */
  uri: string;
  /** Database name: one database per subgraph (data ownership). */
  database: string;
  /** Server selection timeout; default 5 seconds so that a wrong URI fails start-up quickly. */
  serverSelectionTimeoutMs?: number;
}

/** The production store: the official MongoDB driver behind the collection port. */
export async function openMongoStore(options: MongoStoreOptions): Promise<Store> {
  const client = new MongoClient(options.uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000, // 5 seconds
    appName: `fulfillment-mesh-${options.database}`,
  });
  await client.connect();
  const db = client.db(options.database);
  return {
    kind: 'mongodb',
    collection: <T extends Doc>(name: string) => new MongoBackedCollection<T>(name, db),
    async ping() {
      await db.command({ ping: 1 });
    },
    async dropAll() {
      for (const c of await db.listCollections({}, { nameOnly: true }).toArray())
        await db.collection(c.name).deleteMany({});
    },
    async close() {
      await client.close();
    },
  };
}

class MongoBackedCollection<T extends Doc> implements Collection<T> {
  private readonly c: MongoCollection<Doc>;

  constructor(
    readonly name: string,
    db: Db,
  ) {
    this.c = db.collection<Doc>(name);
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.c.findOne(filter)) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.c.find(filter, options.projection ? { projection: options.projection } : {});
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as T[];
  }

  countDocuments(filter: Filter = {}): Promise<number> {
    return this.c.countDocuments(filter);
  }

  async insertOne(doc: T): Promise<void> {
    await this.guard(() => this.c.insertOne(doc));
  }

  async insertMany(docs: T[]): Promise<void> {
    if (docs.length > 0) await this.guard(() => this.c.insertMany(docs, { ordered: true }));
  }

  async updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    const r = await this.guard(() => this.c.updateOne(filter, update, { upsert: options.upsert ?? false }));
    return {
      matchedCount: r.matchedCount,
      modifiedCount: r.modifiedCount,
      ...(r.upsertedId ? { upsertedId: String(r.upsertedId) } : {}),
    };
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const r = await this.guard(() => this.c.updateMany(filter, update));
    return { matchedCount: r.matchedCount, modifiedCount: r.modifiedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<T | null> {
    return (await this.guard(() =>
      this.c.findOneAndUpdate(filter, update, { upsert: options.upsert ?? false, returnDocument: 'after' }),
    )) as T | null;
  }

  async bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult> {
    const none: BulkWriteResult = {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      upsertedCount: 0,
      duplicateKeyIndexes: [],
    };
    if (operations.length === 0) return none;
    const summarise = (
      r: { insertedCount: number; matchedCount: number; modifiedCount: number; upsertedCount: number },
      duplicates: number[],
    ) => ({
      insertedCount: r.insertedCount,
      matchedCount: r.matchedCount,
      modifiedCount: r.modifiedCount,
      upsertedCount: r.upsertedCount,
      duplicateKeyIndexes: duplicates,
    });
    try {
      const r = await this.c.bulkWrite(operations as unknown as AnyBulkWriteOperation<Doc>[], { ordered: false });
      return summarise(r, []);
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError)) throw error;
      const errors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
      if (errors.some((e) => e.code !== 11000)) throw error;
      return summarise(
        error.result,
        errors.map((e) => e.index),
      );
    }
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.c.deleteOne(filter)).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.c.deleteMany(filter)).deletedCount;
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    await this.c.createIndex(spec.fields, { unique: spec.unique ?? false, sparse: spec.sparse ?? false });
  }

  private async guard<R>(fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000)
        throw new DuplicateKeyError(this.name, error.message);
      throw error;
    }
  }
}
