import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { ShipmentLoaders } from './loaders.js';
import type { ShipmentStore } from './store.js';
import type { ShipmentWorkflows } from './workflows/index.js';

/** Per-request context of the shipments subgraph. */
export interface Context extends BaseRequestContext {
  shipments: ShipmentStore;
  workflows: ShipmentWorkflows;
  /** Refused inbound writes, for `shipmentsConflicts`. */
  conflicts: ConflictLog;
  loaders: ShipmentLoaders;
}
