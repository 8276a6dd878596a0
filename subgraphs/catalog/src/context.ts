import type { ConflictLog, ImportJobs } from '@fulfillment-mesh/connectors';
import type { DomainContext } from '@fulfillment-mesh/runtime';
import type { CatalogLoaders } from './schema/loaders.js';
import type { ProductStore } from './store/index.js';
import type { ProductUpdates } from './workflows/product-updates.js';

/** Per-request context of the catalog subgraph (the one domain context shape). */
export type Context = DomainContext<ProductStore, CatalogLoaders, ProductUpdates, ConflictLog> & {
  /** Background import jobs (item master files over the size threshold). */
  imports: ImportJobs;
};
