import type { Client } from '@fulfillment-mesh/access';
import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { DomainContext } from '@fulfillment-mesh/runtime';
import type { ShipmentLoaders } from './schema/loaders.js';
import type { ShipmentStore } from './store/index.js';
import type { ShipmentWorkflows } from './workflows/index.js';

/** Per-request context of the shipments subgraph (the one domain context shape). */
export type Context = DomainContext<ShipmentStore, ShipmentLoaders, ShipmentWorkflows, ConflictLog> & {
  /** The caller the gateway signed in (set by the subgraph guard); partners are confined to their own customer. */
  client?: Client;
};
