import { invalidInput } from '@fulfillment-mesh/runtime';
import { decideCancel, decideRelease } from '../domain/fulfillment.js';
import type { OrderDoc } from '../store/models.js';
import type { ProcessDeps } from './deps.js';

/** The fulfillment steps clients call: each one guarded write with its event. */
export function createFulfillment(deps: ProcessDeps) {
  const why = (cause: string, actor: string) => ({ cause, actor, at: deps.now().toISOString() });
  return {
    /** ACCEPTED (or BACKORDERED) → RELEASED; emits `orders.order.released` with the allocations. */
    async releaseOrder(orderId: string, actor: string): Promise<OrderDoc> {
      return (
        await deps.writer.apply(orderId, (order) => decideRelease(order, why('released to the warehouses', actor)))
      ).order;
    },
    /** → CANCELLED (unshipped units only); emits `orders.order.cancelled` so inventory releases them. */
    async cancelOrder(orderId: string, reason: string, actor: string): Promise<OrderDoc> {
      if (reason.trim() === '') throw invalidInput('reason', 'a non-blank reason', reason);
      return (await deps.writer.apply(orderId, (order) => decideCancel(order, reason, why(reason, actor)))).order;
    },
  };
}
