import { newOrderDoc } from '../../src/domain/place-order.js';
import type { OrderDoc, OrderLineDoc } from '../../src/store/models.js';
import { orderInput } from './harness.js';

/** An open line of a new order. */
export function openLine(lineId: string, sku: string, quantity: number, amount = '10.00'): OrderLineDoc {
  return {
    lineId,
    sku,
    quantity,
    unitPrice: { amount, currencyCode: 'USD' },
    status: 'OPEN',
    allocatedQuantity: 0,
    backorderedQuantity: 0,
    shippedQuantity: 0,
    cancelledQuantity: 0,
    returnRequestedQuantity: 0,
    returnedQuantity: 0,
  };
}

/** A just-placed order (PENDING_VALIDATION, synchronous reservation pending) with two lines; override the rest. */
export function placedOrder(id = 'O-1', overrides: Partial<OrderDoc> = {}): OrderDoc {
  const lines = [openLine('L1', 'SKU-1', 3), openLine('L2', 'SKU-2', 1, '2.50')];
  return { ...newOrderDoc({ id, input: orderInput(), lines, at: '2026-11-05T10:00:00.000Z' }), ...overrides };
}

/** When and who, for decisions. */
export const why = { cause: 'test', actor: 'test', at: '2026-11-05T11:00:00.000Z' };

/** A confirmation of the order's reservation: L1 at dc-east (2) and dc-west (1), L2 at dc-west. */
export const confirmed = (key = 'order:O-1') => ({
  kind: 'confirmed' as const,
  key,
  reservationId: 'R-1',
  allocations: [
    { locationId: 'dc-east', lines: [{ lineId: 'L1', sku: 'SKU-1', quantity: 2 }] },
    {
      locationId: 'dc-west',
      lines: [
        { lineId: 'L1', sku: 'SKU-1', quantity: 1 },
        { lineId: 'L2', sku: 'SKU-2', quantity: 1 },
      ],
    },
  ],
  backordered: [],
});

/** Applies a change's fields to an order the way the writer does (timeline and dedupe ids appended). */
export function applied(
  order: OrderDoc,
  change: { set: Partial<OrderDoc>; timeline: OrderDoc['timeline']; applied: string[] } | null,
): OrderDoc {
  if (!change) return order;
  return {
    ...order,
    ...change.set,
    timeline: [...order.timeline, ...change.timeline],
    appliedEvents: [...(order.appliedEvents ?? []), ...change.applied],
    version: order.version + 1,
  };
}
