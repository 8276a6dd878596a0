import type { Client } from '@fulfillment-mesh/access';
import type { Context } from '../context.js';
import type { OrderDoc } from '../store/models.js';

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

/**
 * `partner-own-order-events`: a partner sees status changes of its own orders only (the hydration of
 * orderStatusChanged). Checked on the event's order, so a selection without `order { … }` cannot leak another
 * partner's status changes.
 */
export async function partnerOwnOrderEvents(client: Client, _parent: unknown, args: Record<string, unknown>, ctx: unknown): Promise<boolean> {
  if (client.kind !== 'partner') return true;
  const orderId = (args.event as { orderId?: string } | undefined)?.orderId;
  const order = orderId ? await (ctx as Context).loaders.order.load(orderId).catch(() => null) : null;
  return partnerOwnOrders(client, order);
}

/** The `@policy` implementations of this subgraph, for `createSubgraphGuard({ secret, policies })`. */
export const policies: Record<string, (client: Client, parent: unknown, args: Record<string, unknown>, ctx: unknown) => boolean | Promise<boolean>> = {
  'partner-own-orders': partnerOwnOrders,
  'partner-own-order-events': partnerOwnOrderEvents,
};
