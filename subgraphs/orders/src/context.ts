import type { ConflictLog } from '@fulfillment-mesh/connectors';
import type { DomainContext } from '@fulfillment-mesh/runtime';
import type { OrderLoaders } from './schema/loaders.js';
import type { OrderStore } from './store/index.js';
import type { OrderProcess } from './workflows/index.js';

/** Per-request context of the orders subgraph (the one domain context shape). */
export type Context = DomainContext<OrderStore, OrderLoaders, OrderProcess, ConflictLog>;
