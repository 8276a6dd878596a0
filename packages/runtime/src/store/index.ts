import { join } from 'node:path';
import { openEmbeddedStore } from './embedded.js';
import { instrumentStore, type InstrumentedStore } from './instrumented.js';
import { openMongoStore } from './mongo.js';

export * from './port.js';
export { openEmbeddedStore, type EmbeddedStoreOptions } from './embedded.js';
export { openMongoStore, type MongoStoreOptions } from './mongo.js';
export { DataDirLockedError, lockDataDir, LOCK_FILE, type DirLock } from './lock.js';
export { instrumentStore, type InstrumentedStore, type StoreCounters } from './instrumented.js';

/** Where a subgraph keeps its data: chosen once at start-up from config. */
export interface StoreConfig {
  /** The subgraph's name; it names the MongoDB database (`fulfillment_<name>`) and the embedded folder. */
  subgraph: string;
  /** `MONGODB_URI`; when absent the embedded store is used. */
  mongodbUri?: string | undefined;
  /** Root of the embedded data (`DATA_DIR`, default `./data`); the store lives in `<dataDir>/<subgraph>/`. */
  dataDir?: string | undefined;
  /** Keep the embedded store in memory only (tests). */
  inMemory?: boolean;
}

/** Opens the subgraph's store (MongoDB when configured, else embedded) with operation counters attached. */
export async function openStore(config: StoreConfig): Promise<InstrumentedStore> {
  const inner = config.mongodbUri
    ? await openMongoStore({ uri: config.mongodbUri, database: `fulfillment_${config.subgraph}` })
    : openEmbeddedStore(config.inMemory ? {} : { dir: join(config.dataDir ?? 'data', config.subgraph) });
  return instrumentStore(inner);
}
