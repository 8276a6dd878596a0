import type { Client } from '@fulfillment-mesh/access';
import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { InventoryLoaders } from './loaders.js';
import type { ObservedStock } from './observed-stock.js';
import type { ResolvedOptions } from './options.js';
import type { Reconciler } from './reconciliation.js';
import type { Lifecycle } from './reservations/lifecycle.js';
import type { createReserver } from './reservations/reserve.js';
import type { StockService } from './stock.js';
import type { InventoryStore } from './store.js';

/** The services resolvers call (built once per subgraph, shared by requests). */
export interface InventoryServices {
  reserver: ReturnType<typeof createReserver>;
  lifecycle: Lifecycle;
  stock: StockService;
  options: ResolvedOptions;
  /** Refused mastered writes (`inventoryConflicts`). */
  conflicts: ConflictLog;
  observed: ObservedStock;
  reconciler: Reconciler;
}

/** Per-request context of the inventory subgraph. */
export interface Context extends BaseRequestContext {
  inventory: InventoryStore;
  loaders: InventoryLoaders;
  services: InventoryServices;
  /** When the request started (ISO-8601): the `asOf` of an availability with no positions. */
  requestedAt: string;
  /** The caller the gateway signed in (set by the subgraph guard); partners are confined to their own customer. */
  client?: Client;
}
