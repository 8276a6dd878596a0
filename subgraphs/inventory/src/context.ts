import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { InventoryLoaders } from './loaders.js';
import type { InventoryStore } from './store.js';

/** Per-request context of the inventory subgraph. */
export interface Context extends BaseRequestContext {
  inventory: InventoryStore;
  loaders: InventoryLoaders;
  /** When the request started (ISO-8601): the `asOf` of an availability with no positions. */
  requestedAt: string;
}
