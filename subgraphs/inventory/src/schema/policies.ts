import { PARTNER_OWNED, partnerOwned, type Policy } from '@fulfillment-mesh/access';

/**
 * The `@policy` implementations of the inventory schema, for `createSubgraphGuard({ secret, policies })`. Stock
 * and availability are not tenant data (scopes suffice, docs/access.md); a reservation is its order's customer's,
 * guarded by the one tenant rule of packages/access.
 */
export const policies: Record<string, Policy> = { [PARTNER_OWNED]: partnerOwned };
