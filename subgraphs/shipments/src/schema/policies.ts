import type { Policy } from '@fulfillment-mesh/access';

/**
 * The `@policy` implementations of the shipments schema, for `createSubgraphGuard({ secret, policies })`: none
 * yet. Scopes are enough here (docs/access.md); `partner-own-orders` belongs to the orders subgraph, which holds
 * the customer a partner is compared with.
 */
export const policies: Record<string, Policy> = {};
