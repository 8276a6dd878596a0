import { DomainError } from '@fulfillment-mesh/runtime';
import type { OrderStatus } from '../store/models.js';

/**
 * The order state machine: for each status, the statuses it may go to. RELEASED may go straight to SHIPPED
 * (one shipment carrying every line); cancellation from RELEASED and PARTIALLY_SHIPPED cancels only what is
 * not shipped yet. REJECTED, CANCELLED and RETURNED are final.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING_VALIDATION: ['ACCEPTED', 'BACKORDERED', 'REJECTED', 'CANCELLED'],
  ACCEPTED: ['RELEASED', 'CANCELLED'],
  // Back to ACCEPTED when stock arrives (the trigger is not built yet; the transition is).
  BACKORDERED: ['ACCEPTED', 'RELEASED', 'CANCELLED'],
  REJECTED: [],
  RELEASED: ['PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'],
  PARTIALLY_SHIPPED: ['SHIPPED', 'CANCELLED'],
  SHIPPED: ['DELIVERED', 'RETURN_REQUESTED'],
  DELIVERED: ['RETURN_REQUESTED'],
  CANCELLED: [],
  RETURN_REQUESTED: ['RETURNED'],
  RETURNED: [],
};

/** Every order status, in declaration order. */
export const ORDER_STATUSES = Object.keys(ORDER_TRANSITIONS) as OrderStatus[];

/** Whether an order may go from `from` to `to`. */
export function canTransitionOrder(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT `Order "<id>" cannot go from <from> to <to>` unless the transition is allowed. */
export function assertOrderTransition(orderId: string, from: OrderStatus, to: OrderStatus): void {
  if (canTransitionOrder(from, to)) return;
  throw new DomainError('CONFLICT', `Order "${orderId}" cannot go from ${from} to ${to}`, {
    entity: 'Order',
    id: orderId,
    current: from,
    requested: to,
  });
}
