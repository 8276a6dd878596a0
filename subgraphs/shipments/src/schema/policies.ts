import {
  PARTNER_OWNED,
  PARTNER_OWNED_EVENT,
  ownerOf,
  partnerOwned,
  partnerOwnedEvent,
  type Policy,
} from '@fulfillment-mesh/access';
import type { Context } from '../context.js';

/**
 * The `@policy` implementations of the shipments schema, for `createSubgraphGuard({ secret, policies })`: the one
 * tenant rule of packages/access (docs/access.md "Ownership"). `partner-owned` guards every Shipment (its stored
 * `customerId`, the order's customer); `partner-owned-event` guards the hydration of shipmentUpdated, checked on
 * the stored shipment so a selection without `shipment { … }` cannot leak another customer's updates.
 */
export const policies: Record<string, Policy> = {
  [PARTNER_OWNED]: partnerOwned,
  [PARTNER_OWNED_EVENT]: partnerOwnedEvent(async (event, ctx) => {
    const shipmentId = typeof event.shipmentId === 'string' ? event.shipmentId : null;
    const shipment = shipmentId ? await (ctx as Context).loaders.shipment.load(shipmentId).catch(() => null) : null;
    return ownerOf(shipment);
  }),
};
