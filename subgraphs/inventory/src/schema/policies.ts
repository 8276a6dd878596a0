import type { Policy } from '@fulfillment-mesh/access';

/**
 * The `@policy` implementations of the inventory schema, for `createSubgraphGuard({ secret, policies })`.
 * Inventory needs none: stock and availability are not tenant data, so scopes (docs/access.md) suffice.
 */
export const policies: Record<string, Policy> = {};
