import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { DomainContext } from '@fulfillment-mesh/runtime';
import type { ShipmentLoaders } from './schema/loaders.js';
import type { ShipmentStore } from './store/index.js';
import type { ShipmentWorkflows } from './workflows/index.js';

/** Per-request context of the shipments subgraph (the one domain context shape). */
export type Context = DomainContext<ShipmentStore, ShipmentLoaders, ShipmentWorkflows, ConflictLog>;
