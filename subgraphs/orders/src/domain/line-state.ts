import { DomainError } from '@fulfillment-mesh/runtime';
import type { LineStatus, OrderLineDoc, OrderStatus } from '../store/models.js';

/**
 * The line state machine. A line that shipped part of its quantity and had the rest cancelled is SHIPPED (all
 * of its remaining quantity left); RETURNED means every shipped unit came back.
 */
export const LINE_TRANSITIONS: Readonly<Record<LineStatus, readonly LineStatus[]>> = {
  OPEN: ['ALLOCATED', 'BACKORDERED', 'CANCELLED'],
  ALLOCATED: ['RELEASED', 'CANCELLED'],
  BACKORDERED: ['ALLOCATED', 'RELEASED', 'CANCELLED'],
  RELEASED: ['PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED'],
  PARTIALLY_SHIPPED: ['SHIPPED'],
  SHIPPED: ['DELIVERED', 'RETURNED'],
  DELIVERED: ['RETURNED'],
  CANCELLED: [],
  RETURNED: [],
};

/** Every line status, in declaration order. */
export const LINE_STATUSES = Object.keys(LINE_TRANSITIONS) as LineStatus[];

/** Whether a line may go from `from` to `to`. */
export function canTransitionLine(from: LineStatus, to: LineStatus): boolean {
  return LINE_TRANSITIONS[from].includes(to);
}

/** Throws CONFLICT `Line "<orderId>/<lineId>" cannot go from <from> to <to>` unless allowed. */
export function assertLineTransition(orderId: string, lineId: string, from: LineStatus, to: LineStatus): void {
  if (canTransitionLine(from, to)) return;
  const id = `${orderId}/${lineId}`;
  throw new DomainError('CONFLICT', `Line "${id}" cannot go from ${from} to ${to}`, {
    entity: 'OrderLine',
    id,
    current: from,
    requested: to,
  });
}

/** A line with every state field present. */
export type LineState = Required<OrderLineDoc>;

// What a line of an order in this status most plausibly is, for documents without line state (seeded orders).
const LEGACY_LINE_STATUS: Record<OrderStatus, LineStatus> = {
  PENDING_VALIDATION: 'OPEN',
  ACCEPTED: 'ALLOCATED',
  BACKORDERED: 'BACKORDERED',
  REJECTED: 'CANCELLED',
  RELEASED: 'RELEASED',
  PARTIALLY_SHIPPED: 'RELEASED',
  SHIPPED: 'SHIPPED',
  DELIVERED: 'DELIVERED',
  CANCELLED: 'CANCELLED',
  RETURN_REQUESTED: 'SHIPPED',
  RETURNED: 'RETURNED',
};

const SHIPPED_OR_LATER: ReadonlySet<LineStatus> = new Set(['SHIPPED', 'DELIVERED', 'RETURNED']);
const ALLOCATED_OR_LATER: ReadonlySet<LineStatus> = new Set([
  'ALLOCATED',
  'RELEASED',
  'PARTIALLY_SHIPPED',
  ...SHIPPED_OR_LATER,
]);

/** The line with its state fields, derived from the order status where the document predates them. */
export function lineState(orderStatus: OrderStatus, line: OrderLineDoc): LineState {
  const status = line.status ?? LEGACY_LINE_STATUS[orderStatus];
  const all = (set: ReadonlySet<LineStatus>) => (set.has(status) ? line.quantity : 0);
  const returned = line.returnedQuantity ?? (orderStatus === 'RETURNED' ? line.quantity : 0);
  return {
    ...line,
    status,
    allocatedQuantity: line.allocatedQuantity ?? all(ALLOCATED_OR_LATER),
    backorderedQuantity: line.backorderedQuantity ?? (status === 'BACKORDERED' ? line.quantity : 0),
    shippedQuantity: line.shippedQuantity ?? all(SHIPPED_OR_LATER),
    cancelledQuantity: line.cancelledQuantity ?? (status === 'CANCELLED' ? line.quantity : 0),
    returnRequestedQuantity:
      line.returnRequestedQuantity ?? (orderStatus === 'RETURN_REQUESTED' ? line.quantity : returned),
    returnedQuantity: returned,
  };
}

/** Units of the line still to ship: ordered minus shipped minus cancelled. */
export function unshipped(line: LineState): number {
  return line.quantity - line.shippedQuantity - line.cancelledQuantity;
}
