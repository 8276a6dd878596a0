/**
 * The collection port: the small slice of MongoDB's API the domains use. Filters and updates are written in
 * MongoDB's query language and run unchanged on MongoDB (driver) and on the embedded store (NeDB).
 *
 * Supported filter operators: equality, $in, $nin, $ne, $gt, $gte, $lt, $lte, $exists, $regex, $or, $and,
 * $elemMatch, $size. Supported update operators: $set, $unset, $inc, $push (with $each/$slice), $addToSet,
 * $pull, $min, $max, $setOnInsert. Anything else is outside the contract, even where one backend accepts it.
 */

/** A stored document. Domains always choose their own string `_id` (a natural key or a generated id). */
export interface Doc {
  _id: string;
  [field: string]: unknown;
}

export type Filter = Record<string, unknown>;
export type Update = Record<string, Record<string, unknown>>;
export type SortSpec = Record<string, 1 | -1>;

/** Options for {@link Collection.find}. */
export interface FindOptions {
  sort?: SortSpec;
  limit?: number;
  skip?: number;
  projection?: Record<string, 0 | 1>;
}

/** Options for updates. */
export interface UpdateOptions {
  upsert?: boolean;
}

/** Result of an update: how many documents matched, and the upserted id if one was inserted. */
export interface UpdateResult {
  matchedCount: number;
  modifiedCount: number;
  upsertedId?: string;
}

/** One write of {@link Collection.bulkWrite}: the shapes of the MongoDB driver's `bulkWrite` operations. */
export type BulkOperation<T extends Doc = Doc> =
  { insertOne: { document: T } } | { updateOne: { filter: Filter; update: Update; upsert?: boolean } };

/** What {@link Collection.bulkWrite} did; a write that broke a unique index is listed, not thrown. */
export interface BulkWriteResult {
  insertedCount: number;
  matchedCount: number;
  modifiedCount: number;
  upsertedCount: number;
  /** Positions (in the operations array) of the writes refused as duplicate keys; the others were applied. */
  duplicateKeyIndexes: number[];
}

/** An index declaration; `unique` indexes turn duplicate writes into {@link DuplicateKeyError}. */
export interface IndexSpec {
  fields: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
}

/** One collection of documents of type T. */
export interface Collection<T extends Doc = Doc> {
  readonly name: string;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter?: Filter): Promise<number>;
  /** Inserts; a unique-index clash throws {@link DuplicateKeyError}. */
  insertOne(doc: T): Promise<void>;
  insertMany(docs: T[]): Promise<void>;
  updateOne(filter: Filter, update: Update, options?: UpdateOptions): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically applies `update` to the first match and returns the document after the update, or null. */
  findOneAndUpdate(filter: Filter, update: Update, options?: UpdateOptions): Promise<T | null>;
  /**
   * Applies many single-document writes in one round trip (unordered, like the driver's `ordered: false`):
   * each write is atomic on its own, not the batch. What bulk imports use instead of one call per row.
   */
  bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
  createIndex(spec: IndexSpec): Promise<void>;
}

/** A store is one database (one per subgraph): named collections, a health probe and a close. */
export interface Store {
  readonly kind: 'embedded' | 'mongodb';
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  /** Resolves when the store answers; rejects otherwise (used by /readyz). */
  ping(): Promise<void>;
  /** Drops every collection (tests and `seed --reset`). */
  dropAll(): Promise<void>;
  close(): Promise<void>;
}

/** Thrown by both backends when a write would break a unique index. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    detail: string,
  ) {
    super(`duplicate key in ${collection}: ${detail}`);
    this.name = 'DuplicateKeyError';
  }
}
