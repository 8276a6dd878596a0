import { DEFAULT_BUSINESS_UNIT } from '@fulfillment-mesh/connectors';
import { DomainError } from '@fulfillment-mesh/runtime';
import { orderCancelled, orderReleased, type MilestoneRecorded, type ShipmentConfirmed } from '../events/contracts.js';
import type { OrderDoc, ShipmentStateDoc } from '../store/models.js';
import {
  alreadyApplied,
  emptyChange,
  linesAfter,
  statusAfter,
  transition,
  type Cause,
  type OrderChange,
} from './change.js';
import { assertLineTransition, unshipped, type LineState } from './line-state.js';
import { assertOrderTransition } from './order-state.js';

/** Releases the allocated lines to the warehouses; shipments creates one shipment per allocated location. */
export function decideRelease(order: OrderDoc, why: Cause): OrderChange {
  assertOrderTransition(order._id, order.status, 'RELEASED');
  const reservationId = order.reservation?.id;
  const allocations = order.allocations ?? [];
  if (!reservationId || allocations.length === 0) {
    throw new DomainError(
      'CONFLICT',
      `Order "${order._id}" has no stock allocated to release (status ${order.status})`,
      { entity: 'Order', id: order._id, current: order.status, requested: 'RELEASED' },
    );
  }
  const change = emptyChange();
  change.set.lines = linesAfter(order, change).map((l) => {
    if (l.allocatedQuantity === 0) return l;
    assertLineTransition(order._id, l.lineId, l.status, 'RELEASED');
    return { ...l, status: 'RELEASED' };
  });
  transition(order, change, 'RELEASED', why);
  change.events.push({
    def: orderReleased,
    subject: order._id,
    data: {
      orderId: order._id,
      customerId: order.customer.id,
      businessUnit: order.businessUnit ?? DEFAULT_BUSINESS_UNIT,
      reservationId,
      allocations,
    },
  });
  return change;
}

/** Cancels what is not shipped yet: unshipped units become cancelled; lines that shipped something count as SHIPPED. */
export function decideCancel(order: OrderDoc, reason: string, why: Cause): OrderChange {
  assertOrderTransition(order._id, order.status, 'CANCELLED');
  const change = emptyChange();
  change.set.lines = linesAfter(order, change).map((l) => {
    const to = l.shippedQuantity > 0 ? 'SHIPPED' : 'CANCELLED';
    if (l.status !== to) assertLineTransition(order._id, l.lineId, l.status, to);
    return { ...l, status: to, cancelledQuantity: l.quantity - l.shippedQuantity, backorderedQuantity: 0 };
  });
  change.set.statusReason = reason;
  transition(order, change, 'CANCELLED', { ...why, cause: `cancelled: ${reason}` });
  change.events.push({
    def: orderCancelled,
    subject: order._id,
    data: { orderId: order._id, reservationId: order.reservation?.id ?? null, reason },
  });
  return change;
}

/** Adds a confirmed shipment's quantities to its lines (once per shipment) and moves the order along. */
export function decideShipmentConfirmed(
  order: OrderDoc,
  eventId: string,
  data: ShipmentConfirmed,
  why: Cause,
): OrderChange | null {
  const states = order.shipmentStates ?? [];
  if (states.some((s) => s.shipmentId === data.shipmentId && s.confirmed) || alreadyApplied(order, eventId))
    return null;
  const change = emptyChange();
  const lines = linesAfter(order, change).map((l) => ({ ...l }));
  for (const shipped of data.lines) {
    const line = lines.find((l) => l.lineId === shipped.lineId);
    if (!line)
      throw new DomainError(
        'CONFLICT',
        `Shipment "${data.shipmentId}" ships line "${shipped.lineId}", which order "${order._id}" does not have`,
        { entity: 'Order', id: order._id },
      );
    if (shipped.quantity > unshipped(line)) {
      throw new DomainError(
        'CONFLICT',
        `Shipment "${data.shipmentId}" ships ${shipped.quantity} of line "${order._id}/${line.lineId}", which has ${unshipped(line)} left to ship`,
        { entity: 'Order', id: order._id },
      );
    }
    line.shippedQuantity += shipped.quantity;
    const to = unshipped(line) === 0 ? 'SHIPPED' : 'PARTIALLY_SHIPPED';
    if (line.status !== to) assertLineTransition(order._id, line.lineId, line.status, to);
    line.status = to;
  }
  change.set.lines = lines;
  change.set.shipmentStates = upsertState(states, data.shipmentId, (s) => ({ ...s, confirmed: true }));
  change.applied.push(eventId);
  settleShipping(order, change, why);
  return change;
}

/** Records a shipment's status after a tracking milestone and delivers the order when everything arrived. */
export function decideMilestone(
  order: OrderDoc,
  eventId: string,
  data: MilestoneRecorded,
  why: Cause,
): OrderChange | null {
  if (alreadyApplied(order, eventId)) return null;
  const change = emptyChange();
  change.set.shipmentStates = upsertState(order.shipmentStates ?? [], data.shipmentId, (s) => ({
    ...s,
    status: data.shipmentStatus,
  }));
  change.applied.push(eventId);
  settleShipping(order, change, why);
  return change;
}

function upsertState(
  states: readonly ShipmentStateDoc[],
  shipmentId: string,
  edit: (s: ShipmentStateDoc) => ShipmentStateDoc,
): ShipmentStateDoc[] {
  const existing = states.find((s) => s.shipmentId === shipmentId) ?? {
    shipmentId,
    status: 'CONFIRMED',
    confirmed: false,
  };
  return [...states.filter((s) => s.shipmentId !== shipmentId), edit(existing)];
}

const SHIPPING: ReadonlySet<string> = new Set(['RELEASED', 'PARTIALLY_SHIPPED', 'SHIPPED']);

/**
 * Moves a shipping order as far as its lines and shipments allow: PARTIALLY_SHIPPED while some units are still
 * to ship, SHIPPED when none are, DELIVERED when moreover every shipment of the order is DELIVERED. Orders in
 * other statuses (cancelled, returned) only record the quantities.
 */
function settleShipping(order: OrderDoc, change: OrderChange, why: Cause): void {
  if (!SHIPPING.has(statusAfter(order, change))) return;
  const lines = linesAfter(order, change);
  const shippedAny = lines.some((l) => l.shippedQuantity > 0);
  const allShipped = lines.every((l) => unshipped(l) === 0) && shippedAny;
  if (!allShipped && shippedAny && statusAfter(order, change) === 'RELEASED')
    transition(order, change, 'PARTIALLY_SHIPPED', why);
  if (allShipped && statusAfter(order, change) !== 'SHIPPED') transition(order, change, 'SHIPPED', why);
  const states = change.set.shipmentStates ?? order.shipmentStates ?? [];
  if (allShipped && states.length > 0 && states.every((s) => s.status === 'DELIVERED')) {
    transition(order, change, 'DELIVERED', { ...why, cause: 'every shipment delivered' });
    change.set.lines = lines.map((l): LineState => (l.status === 'SHIPPED' ? { ...l, status: 'DELIVERED' } : l));
  }
}
