import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { CatalogLoaders } from './loaders.js';
import type { ProductStore } from './store.js';

/** Per-request context of the catalog subgraph. */
export interface Context extends BaseRequestContext {
  products: ProductStore;
  loaders: CatalogLoaders;
  conflicts: ConflictLog;
}
