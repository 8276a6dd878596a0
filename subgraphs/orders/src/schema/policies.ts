import {
  PARTNER_OWNED,
  PARTNER_OWNED_EVENT,
  partnerOwned,
  partnerOwnedEvent,
  ownerOf,
  type Policy,
} from '@fulfillment-mesh/access';
import type { Context } from '../context.js';

/**
 * The `@policy` implementations of this subgraph, for `createSubgraphGuard({ secret, policies })`: the one tenant
 * rule of packages/access (docs/access.md "Ownership"). `partner-owned` guards every Order and Return (a partner
 * sees only its own customer's; another's is NOT_FOUND like an unknown id); `partner-owned-event` guards the
 * hydration of orderStatusChanged, checked on the stored order so a selection without `order { … }` cannot leak
 * another customer's status changes.
 */
export const policies: Record<string, Policy> = {
  [PARTNER_OWNED]: partnerOwned,
  [PARTNER_OWNED_EVENT]: partnerOwnedEvent(async (event, ctx) => {
    const orderId = typeof event.orderId === 'string' ? event.orderId : null;
    const order = orderId ? await (ctx as Context).loaders.order.load(orderId).catch(() => null) : null;
    return ownerOf(order);
  }),
};
