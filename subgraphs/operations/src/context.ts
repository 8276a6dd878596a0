import type { BaseRequestContext } from '@fulfillment-mesh/runtime';

/** Per-request context of the operations subgraph: the verified client (set by the subgraph guard). */
export interface Context extends BaseRequestContext {
  client?: { scopes: string[] };
}
