import type { BaseRequestContext } from '@fulfillment-mesh/runtime';
import type { ExceptionLoaders } from './loaders.js';
import type { AdapterHealthView } from './monitor/adapters.js';
import type { ExceptionService } from './exceptions/service.js';
import type { OperationsCollections } from './store.js';

/** Per-request context of the operations subgraph: the verified client (set by the subgraph guard) and services. */
export interface Context extends BaseRequestContext {
  client?: { id?: string; scopes: string[] };
  exceptions: ExceptionService;
  collections: OperationsCollections;
  adapters: AdapterHealthView;
  loaders: ExceptionLoaders;
  now: () => Date;
}
