import type { Client } from '@fulfillment-mesh/access';
import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { OrderLoaders } from './loaders.js';
import type { OrderProcess } from './process/index.js';
import type { OrderStore } from './store.js';

/** Per-request context of the orders subgraph. */
export interface Context extends BaseRequestContext {
  orders: OrderStore;
  loaders: OrderLoaders;
  process: OrderProcess;
  /** Refused writes to mastered fields (`ordersConflicts`). */
  conflicts: ConflictLog;
  /** The caller the gateway signed in (set by the subgraph guard); partners are confined to their own customer. */
  client?: Client;
}
