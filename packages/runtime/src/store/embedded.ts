import { mkdirSync, readdirSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type NedbModule from '@seald-io/nedb';
import { lockDataDir, type DirLock } from './lock.js';
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

// NeDB is CommonJS whose typings declare an ES default export; load it the CommonJS way so both agree.
type Datastore<T> = NedbModule.default<T>;
const require = createRequire(import.meta.url);
const Datastore = require('@seald-io/nedb') as typeof NedbModule.default;
const model = require('@seald-io/nedb/lib/model.js') as NedbModel;

/** The parts of NeDB's model module the bulk path uses (the same functions its own update runs). */
interface NedbModel {
  match(doc: unknown, query: unknown): boolean;
  modify<D>(doc: D, update: unknown): D;
  getDotValues(doc: unknown, fields: string[]): unknown;
  compareThings(a: unknown, b: unknown): number;
  deepCopy<D>(doc: D): D;
  serialize(doc: unknown): string;
}

/** A node of NeDB's AVL index tree (binary-search-tree): one key, the documents holding it, two subtrees. */
interface TreeNode<T> {
  key?: unknown;
  data: T[];
  left: TreeNode<T> | null;
  right: TreeNode<T> | null;
}

const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** Writes per NeDB task in a bulk write. */
const BULK_CHUNK = 25;

/** NeDB internals behind its public API (stable within the pinned 4.x line); see {@link fastIndexUpdates}. */
interface NedbInternals<T> {
  executor: { pushAsync<R>(task: () => Promise<R>, forceQueuing?: boolean): Promise<R> };
  indexes: Record<
    string,
    { _fields: string[]; tree: { tree: TreeNode<T> }; insert(doc: T): void; remove(doc: T): void }
  >;
  ttlIndexes: Record<string, number>;
  persistence: {
    inMemoryOnly: boolean;
    filename: string;
    persistNewStateAsync(docs: T[]): Promise<void>;
  };
  _getCandidatesAsync(query: unknown): Promise<T[]>;
  _prepareDocumentForInsertion(doc: T): T;
  _insertInCache(doc: T): void;
  _updateIndexes(pairs: { oldDoc: T; newDoc: T }[]): void;
}

/** Options for {@link openEmbeddedStore}. */
export interface EmbeddedStoreOptions {
  /** Folder holding one `<collection>.db` file per collection; omit for a purely in-memory store (tests). */
  dir?: string;
  /** How often the append-only files are compacted; default 10 minutes. */
  compactionIntervalMs?: number;
}

/**
 * The embedded, durable store: NeDB datastores (append-only files, loaded at open) behind the collection port.
 * It serves one process; compound operations that NeDB lacks ($setOnInsert upserts) run under a per-collection
 * lock so they stay atomic with respect to every other write in that process. A store on disk holds the folder's
 * exclusive lock (`<dir>/LOCK`, see lockDataDir) until closed: a second process on the same folder is refused.
 */
export function openEmbeddedStore(options: EmbeddedStoreOptions = {}): Store {
  const compactionIntervalMs = options.compactionIntervalMs ?? 10 * 60_000; // 10 minutes
  let lock: DirLock | undefined;
  if (options.dir) {
    try {
      mkdirSync(options.dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new Error(`Data directory ${options.dir} cannot be created (${code}); set DATA_DIR to a writable folder`, {
        cause: error,
      });
    }
    try {
      lock = lockDataDir(options.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (!code) throw error;
      throw new Error(`Data directory ${options.dir} is not writable (${code}); set DATA_DIR to a writable folder`, {
        cause: error,
      });
    }
  }
  const collections = new Map<string, EmbeddedCollection<Doc>>();

  const open = (name: string): EmbeddedCollection<Doc> => {
    let collection = collections.get(name);
    if (!collection) {
      const db = new Datastore<Doc>(
        options.dir ? { filename: join(options.dir, `${name}.db`), autoload: false } : { inMemoryOnly: true },
      );
      if (options.dir) db.setAutocompactionInterval(compactionIntervalMs);
      fastIndexUpdates(db as unknown as NedbInternals<Doc>);
      collection = new EmbeddedCollection(name, db, groupAppends(db as unknown as NedbInternals<Doc>));
      collections.set(name, collection);
    }
    return collection;
  };
  // Load collections that already exist on disk so that `dropAll` and readiness see them.
  if (options.dir) for (const file of readdirSync(options.dir)) if (file.endsWith('.db')) open(file.slice(0, -3));

  return {
    kind: 'embedded',
    collection: <T extends Doc>(name: string) => open(name) as unknown as Collection<T>,
    async ping() {
      await Promise.all([...collections.values()].map((c) => c.ready));
    },
    async dropAll() {
      await Promise.all([...collections.values()].map((c) => c.drop()));
    },
    async close() {
      for (const c of collections.values()) c.db.stopAutocompaction();
      try {
        await Promise.all([...collections.values()].map((c) => c.appends.durable()));
        await Promise.all([...collections.values()].map((c) => c.ready.then(() => c.db.compactDatafileAsync())));
      } finally {
        collections.clear();
        lock?.release();
      }
    },
  };
}

class EmbeddedCollection<T extends Doc> implements Collection<T> {
  readonly ready: Promise<void>;
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly db: Datastore<T>,
    readonly appends: GroupedAppends,
  ) {
    this.ready = db.loadDatabaseAsync();
  }

  /**
   * Runs `fn` after every earlier locked operation of this collection has settled, and resolves once what it
   * wrote is in the data file. The next operation does not wait for the file: see {@link groupAppends}.
   */
  private exclusive<R>(fn: () => Promise<R>): Promise<R> {
    const run = this.lock.then(async () => {
      await this.ready;
      return fn();
    });
    this.lock = run.catch(() => undefined);
    return run.then(
      async (result) => {
        await this.appends.durable();
        return result;
      },
      async (error: unknown) => {
        await this.appends.durable().catch(() => undefined);
        throw error;
      },
    );
  }

  async findOne(filter: Filter): Promise<T | null> {
    await this.ready;
    return strip(await this.db.findOneAsync(filter));
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    await this.ready;
    const limited = this.limitedRange(filter, options);
    if (limited) return limited;
    let cursor = this.db.findAsync(filter, options.projection ?? {});
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor) as unknown as T[];
  }

  async countDocuments(filter: Filter = {}): Promise<number> {
    await this.ready;
    return this.db.countAsync(filter);
  }

  insertOne(doc: T): Promise<void> {
    return this.exclusive(() => this.guard(this.db.insertAsync(doc))).then(() => undefined);
  }

  insertMany(docs: T[]): Promise<void> {
    if (docs.length === 0) return Promise.resolve();
    return this.exclusive(() => this.guard(this.db.insertAsync(docs))).then(() => undefined);
  }

  updateOne(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<UpdateResult> {
    return this.exclusive(async () => {
      const result = await this.applyUpdate(filter, update, false, options.upsert ?? false);
      return {
        matchedCount: result.matched,
        modifiedCount: result.matched,
        ...(result.upsertedId ? { upsertedId: result.upsertedId } : {}),
      };
    });
  }

  updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return this.exclusive(async () => {
      const result = await this.applyUpdate(filter, update, true, false);
      return { matchedCount: result.matched, modifiedCount: result.matched };
    });
  }

  findOneAndUpdate(filter: Filter, update: Update, options: UpdateOptions = {}): Promise<T | null> {
    return this.exclusive(async () => (await this.applyUpdate(filter, update, false, options.upsert ?? false)).doc);
  }

  /**
   * NeDB has no bulk write: the writes run as NeDB tasks of {@link BULK_CHUNK} writes (nothing interleaves within
   * one), with the same match/modify steps as its own update, and one append to the data file per task instead of
   * one per write.
   */
  bulkWrite(operations: BulkOperation<T>[]): Promise<BulkWriteResult> {
    const result: BulkWriteResult = {
      insertedCount: 0,
      matchedCount: 0,
      modifiedCount: 0,
      upsertedCount: 0,
      duplicateKeyIndexes: [],
    };
    if (operations.length === 0) return Promise.resolve(result);
    const db = this.db as unknown as NedbInternals<T>;
    const insert = (doc: T) => {
      const prepared = db._prepareDocumentForInsertion(doc);
      db._insertInCache(prepared);
      return prepared;
    };
    const applyChunk = async (offset: number, chunk: BulkOperation<T>[]) => {
      const written: T[] = [];
      try {
        for (const [i, operation] of chunk.entries()) {
          try {
            if ('insertOne' in operation) {
              written.push(insert(operation.insertOne.document));
              result.insertedCount++;
              continue;
            }
            const { filter, update, upsert } = operation.updateOne;
            const candidates = await db._getCandidatesAsync(filter);
            const match = candidates.find((doc) => model.match(doc, filter));
            const { $setOnInsert, ...rest } = update;
            if (match) {
              const changed = Object.keys(rest).length > 0 ? model.modify(match, rest) : match;
              if (changed !== match) db._updateIndexes([{ oldDoc: match, newDoc: changed }]);
              written.push(changed);
              result.matchedCount++;
              result.modifiedCount++;
            } else if (upsert) {
              const seed = { ...equalities(filter), ...($setOnInsert ?? {}) } as T;
              written.push(insert(Object.keys(rest).length > 0 ? model.modify(seed, rest) : seed));
              result.upsertedCount++;
            }
          } catch (error) {
            if ((error as { errorType?: string }).errorType !== 'uniqueViolated') throw error;
            result.duplicateKeyIndexes.push(offset + i);
          }
        }
      } finally {
        // What was applied in memory reaches the file even when a later write failed.
        if (written.length > 0) await db.persistence.persistNewStateAsync(written);
      }
    };
    // In chunks, each one NeDB task, with a turn of the event loop between them: reads (a storefront query) get
    // in between the chunks of a large batch instead of waiting for all of it.
    return this.exclusive(async () => {
      for (let offset = 0; offset < operations.length; offset += BULK_CHUNK) {
        if (offset > 0) await yieldToEventLoop();
        await db.executor.pushAsync(() => applyChunk(offset, operations.slice(offset, offset + BULK_CHUNK)), true);
      }
      return result;
    });
  }

  deleteOne(filter: Filter): Promise<number> {
    return this.exclusive(() => this.db.removeAsync(filter, { multi: false }));
  }

  deleteMany(filter: Filter): Promise<number> {
    return this.exclusive(() => this.db.removeAsync(filter, { multi: true }));
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    await this.ready;
    const fields = Object.keys(spec.fields);
    await this.db.ensureIndexAsync({
      fieldName: fields.length === 1 ? fields[0]! : fields,
      unique: spec.unique ?? false,
      sparse: spec.sparse ?? false,
    });
  }

  async drop(): Promise<void> {
    await this.exclusive(() => this.db.removeAsync({}, { multi: true }));
    await this.db.compactDatafileAsync();
  }

  /**
   * NeDB has no $setOnInsert: an upsert that carries one first tries a plain update and, when nothing
   * matched, inserts the document built from the filter's equalities, $setOnInsert and the other operators.
   * The collection lock makes the pair atomic.
   */
  private async applyUpdate(filter: Filter, update: Update, multi: boolean, upsert: boolean) {
    const { $setOnInsert, ...rest } = update;
    const hasRest = Object.keys(rest).length > 0;
    if (hasRest) {
      const res = await this.guard(
        this.db.updateAsync(filter, rest, { multi, upsert: upsert && !$setOnInsert, returnUpdatedDocs: true }),
      );
      const docs = res.affectedDocuments as unknown;
      const doc = Array.isArray(docs) ? ((docs[0] as T | undefined) ?? null) : ((docs as T | null) ?? null);
      if (res.numAffected > 0 || !upsert || !$setOnInsert) {
        return { matched: res.numAffected, doc: strip(doc), upsertedId: res.upsert ? doc?._id : undefined };
      }
    } else if (!upsert) {
      const doc = await this.db.findOneAsync(filter);
      return { matched: doc ? 1 : 0, doc: strip(doc) };
    } else {
      const existing = await this.db.findOneAsync(filter);
      if (existing) return { matched: 1, doc: strip(existing) };
    }
    // Upsert with $setOnInsert and no match: build the new document as MongoDB would.
    const seed = { ...equalities(filter), ...($setOnInsert ?? {}) } as T;
    const inserted = await this.guard(this.db.insertAsync(seed));
    if (!hasRest) return { matched: 0, doc: strip(inserted), upsertedId: inserted._id };
    const res = await this.db.updateAsync({ _id: inserted._id }, rest, { returnUpdatedDocs: true });
    return { matched: 0, doc: strip(res.affectedDocuments as unknown as T), upsertedId: inserted._id };
  }

  /**
   * A range query on an indexed field with a limit and no sort (the outbox relay's page of pending documents):
   * NeDB would collect every document in the range before it applies the limit, which on a large import holds
   * the event loop for O(pending) per page; this walks the index in key order and stops at the limit.
   */
  private limitedRange(filter: Filter, options: FindOptions): Promise<T[]> | undefined {
    if (!options.limit || options.sort || options.skip || options.projection) return undefined;
    const db = this.db as unknown as NedbInternals<T>;
    if (Object.keys(db.ttlIndexes).length > 0) return undefined;
    const field = Object.keys(filter).find((key) => {
      const value = (filter as Record<string, unknown>)[key];
      if (!db.indexes[key] || typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const ops = Object.keys(value);
      return ops.length > 0 && ops.every((op) => RANGE_OPERATORS.has(op));
    });
    if (!field) return undefined;
    const bounds = (filter as Record<string, Record<string, unknown>>)[field]!;
    const cmp = (a: unknown, b: unknown) => model.compareThings(a, b);
    const above = (key: unknown) =>
      ('$gt' in bounds ? cmp(key, bounds.$gt) > 0 : true) && ('$gte' in bounds ? cmp(key, bounds.$gte) >= 0 : true);
    const below = (key: unknown) =>
      ('$lt' in bounds ? cmp(key, bounds.$lt) < 0 : true) && ('$lte' in bounds ? cmp(key, bounds.$lte) <= 0 : true);
    const limit = options.limit;
    return db.executor.pushAsync(async () => {
      const out: T[] = [];
      const root = db.indexes[field]?.tree.tree ?? null;
      const walk = (node: TreeNode<T> | null): void => {
        if (!node || !('key' in node) || out.length >= limit) return;
        const lower = above(node.key);
        const upper = below(node.key);
        if (lower) walk(node.left);
        if (lower && upper)
          for (const doc of node.data) {
            if (out.length >= limit) return;
            if (model.match(doc, filter)) out.push(model.deepCopy(doc));
          }
        if (upper) walk(node.right);
      };
      walk(root);
      return out;
    });
  }

  private async guard<R>(promise: Promise<R>): Promise<R> {
    try {
      return await promise;
    } catch (error) {
      if ((error as { errorType?: string }).errorType === 'uniqueViolated') {
        throw new DuplicateKeyError(this.name, `${(error as { key?: unknown }).key}`);
      }
      throw error;
    }
  }
}

/** The appends of one datastore, written in groups; see {@link groupAppends}. */
interface GroupedAppends {
  /** Resolves when every line queued so far is in the data file (rejects if appending it failed). */
  durable(): Promise<void>;
}

/**
 * Group commit for NeDB's append-only file. NeDB appends each write's lines (open, write, close) inside its
 * one-at-a-time executor, so one datastore managed one write per file append, whatever the concurrency. Here a
 * write's lines are queued in executor order and written by one append per group, while the next writes apply
 * in memory; the collection answers a write only once its lines are in the file (`durable`), so an acknowledged
 * write survives a kill as before, and the file keeps every write in order. Like MongoDB without journaled
 * acknowledgement, a reader in this process may see a write a moment before it is in the file. Compaction
 * rewrites the file from memory; lines still queued then are appended after it, and the last line of a document
 * is still its newest state.
 */
function groupAppends<T extends Doc>(db: NedbInternals<T>): GroupedAppends {
  const persistence = db.persistence;
  if (persistence.inMemoryOnly) return { durable: () => Promise.resolve() };
  let queued = '';
  let queuedSeq = 0; // writes queued so far
  let writtenSeq = 0; // writes whose lines are in the file
  let flushing: Promise<void> | null = null;
  const flush = async (): Promise<void> => {
    while (queued.length > 0) {
      const lines = queued;
      const upTo = queuedSeq;
      queued = '';
      try {
        await appendFile(persistence.filename, lines, 'utf8');
      } catch (error) {
        queued = lines + queued; // kept, in order, for the next attempt
        throw error;
      }
      writtenSeq = upTo;
    }
  };
  const start = (): Promise<void> => {
    flushing ??= flush().finally(() => {
      flushing = null;
    });
    return flushing;
  };
  persistence.persistNewStateAsync = (docs: T[]) => {
    for (const doc of docs) queued += `${model.serialize(doc)}\n`;
    if (docs.length > 0) queuedSeq++;
    return Promise.resolve();
  };
  return {
    async durable() {
      // Waits for the writes queued up to now only, not for the ones queued while it waits.
      const target = queuedSeq;
      while (writtenSeq < target) await start();
    },
  };
}

/**
 * NeDB re-indexes an updated document by removing it from every index and inserting it again, and removing one
 * document from an index key shared by k documents scans all k (`category: "uncategorized"` after an import of
 * new items): updates became O(k) each, imports O(n²). Instead the cached document is updated in place and only
 * the indexes whose value changed move it (from one key to another), so an index whose value stayed is never
 * touched. Every index keeps pointing at the same object; reads are unaffected (NeDB hands out deep copies).
 * A unique violation rolls the whole call back, as NeDB's own does.
 */
function fastIndexUpdates<T extends Doc>(db: NedbInternals<T>): void {
  const replace = (target: T, source: T) => {
    for (const key of Object.keys(target)) if (!(key in source)) delete (target as Record<string, unknown>)[key];
    Object.assign(target, source);
  };
  db._updateIndexes = (oldDocOrPairs: { oldDoc: T; newDoc: T }[] | T, newDoc?: T) => {
    const pairs = Array.isArray(oldDocOrPairs) ? oldDocOrPairs : [{ oldDoc: oldDocOrPairs, newDoc: newDoc! }];
    const indexes = Object.values(db.indexes);
    const undo: (() => void)[] = [];
    try {
      for (const { oldDoc, newDoc: next } of pairs) {
        const moved = indexes.filter(
          (i) => model.compareThings(model.getDotValues(oldDoc, i._fields), model.getDotValues(next, i._fields)) !== 0,
        );
        const before = { ...oldDoc };
        for (const index of moved) index.remove(oldDoc);
        replace(oldDoc, next);
        const inserted: typeof moved = [];
        undo.push(() => {
          for (const index of inserted) index.remove(oldDoc);
          replace(oldDoc, before);
          for (const index of moved) index.insert(oldDoc);
        });
        for (const index of moved) {
          index.insert(oldDoc);
          inserted.push(index);
        }
      }
    } catch (error) {
      for (const step of undo.reverse()) step();
      throw error;
    }
  };
}

/** The plain-value equalities of a filter (what MongoDB copies into an upserted document). */
function equalities(filter: Filter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$') || key.includes('.')) continue;
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      Object.keys(value).some((k) => k.startsWith('$'))
    )
      continue;
    out[key] = value;
  }
  return out;
}

function strip<T>(doc: T | null | undefined): T | null {
  return doc ?? null;
}
