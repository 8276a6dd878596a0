import type { Client } from '@fulfillment-mesh/access';
import type { OrderDoc } from './models.js';

/**
 * `partner-own-orders` (docs/access.md): a partner client sees only orders whose customer is the partner itself
 * (EDI orders name the partner's id as customer); every other kind of client passes (its scopes decide).
 * Checked on each resolved Order, entity references included.
 */
export function partnerOwnOrders(client: Client, parent: unknown): boolean {
  if (client.kind !== 'partner') return true;
  const order = parent as Partial<OrderDoc> | null;
  return client.partnerId !== undefined && order?.customer?.id === client.partnerId;
}

/** The `@policy` implementations of this subgraph, for `createSubgraphGuard({ secret, policies })`. */
export const policies: Record<string, (client: Client, parent: unknown, args: Record<string, unknown>, ctx: unknown) => boolean> = {
  'partner-own-orders': partnerOwnOrders,
};
