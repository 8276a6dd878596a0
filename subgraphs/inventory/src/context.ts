import type { Client } from '@fulfillment-mesh/access';
import type { ConflictLog, ImportJobs } from '@fulfillment-mesh/connectors';
import type { DomainContext } from '@fulfillment-mesh/runtime';
import type { ResolvedOptions } from './domain/options.js';
import type { InventoryLoaders } from './schema/loaders.js';
import type { InventoryStore } from './store/index.js';
import type { ObservedStock } from './workflows/observed-stock.js';
import type { Reconciler } from './workflows/reconciliation.js';
import type { Lifecycle } from './workflows/reservations/lifecycle.js';
import type { createReserver } from './workflows/reservations/reserve.js';
import type { StockService } from './workflows/stock.js';

/** The workflows resolvers call (built once per subgraph, shared by requests). */
export interface InventoryWorkflows {
  reserver: ReturnType<typeof createReserver>;
  lifecycle: Lifecycle;
  stock: StockService;
  options: ResolvedOptions;
  observed: ObservedStock;
  reconciler: Reconciler;
}

/** Per-request context of the inventory subgraph (the one domain context shape). */
export interface Context extends DomainContext<InventoryStore, InventoryLoaders, InventoryWorkflows, ConflictLog> {
  /** When the request started (ISO-8601): the `asOf` of an availability with no positions. */
  requestedAt: string;
  /** Background import jobs (large WMS snapshots). */
  imports: ImportJobs;
  /** The caller the gateway signed in (set by the subgraph guard); partners are confined to their own customer. */
  client?: Client;
}
