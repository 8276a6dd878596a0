import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { ShipmentLoaders } from './loaders.js';
import type { ShipmentStore } from './store.js';
import type { ShipmentWorkflows } from './workflows/index.js';

/** Per-request context of the shipments subgraph. */
export interface Context extends BaseRequestContext {
  shipments: ShipmentStore;
  workflows: ShipmentWorkflows;
  loaders: ShipmentLoaders;
}
