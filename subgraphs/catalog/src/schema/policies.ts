import type { Policy } from '@fulfillment-mesh/access';

/**
 * `@policy` implementations of the catalog, for `createSubgraphGuard({ secret, policies })`. The catalog needs
 * none: products are public to every reader with `catalog:read`, and operations data is guarded by scopes.
 */
export const policies: Record<string, Policy> = {};
