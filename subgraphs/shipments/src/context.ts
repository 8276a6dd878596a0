import type { Client } from '@fulfillment-mesh/access';
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
  /** The caller the gateway signed in (set by the subgraph guard); partners are confined to their own customer. */
  client?: Client;
}
