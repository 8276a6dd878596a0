import { orderPlaced, type EventIntent } from '../events/contracts.js';
import type { AllocationDoc, AllocationLineDoc, OrderDoc, OrderStatus } from '../store/models.js';
import {
  addNote,
  alreadyApplied,
  emptyChange,
  linesAfter,
  transition,
  type Cause,
  type OrderChange,
} from './change.js';

/** What inventory answered (or announced) for a reservation key. */
export type ReservationOutcome =
  | {
      kind: 'confirmed';
      key: string;
      reservationId: string;
      allocations: AllocationDoc[];
      backordered: AllocationLineDoc[];
    }
  | { kind: 'failed'; key: string; reservationId: string | null; reason: string };

/** inventory's `ReserveStockInput` for an order. */
export interface ReserveStockInput {
  key: string;
  orderId: string;
  /** The order's customer: the reservation's owner (tenant isolation). */
  customerId: string;
  channel: string;
  shipToRegion: string;
  lines: AllocationLineDoc[];
  ttlSeconds: number | null;
  /** null: inventory applies the channel's rule. */
  allowBackorder: boolean | null;
}

/** The reservation request of an order; orders hold stock until shipped or cancelled, so there is no TTL. */
export function reservationRequest(order: OrderDoc, key: string, allowBackorder: boolean | null): ReserveStockInput {
  return {
    key,
    orderId: order._id,
    customerId: order.customer.id,
    channel: order.channel,
    shipToRegion: order.shipTo.address.region,
    lines: order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
    ttlSeconds: null,
    allowBackorder,
  };
}

/** `orders.order.placed` for the order in `status` (PENDING_VALIDATION asks inventory to reserve). */
export function placedIntent(order: OrderDoc, key: string, status: OrderStatus): EventIntent {
  const data = {
    orderId: order._id,
    customerId: order.customer.id,
    channel: order.channel,
    externalId: order.externalId,
    status,
    reservationKey: key,
    shipToRegion: order.shipTo.address.region,
    lines: order.lines.map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.quantity })),
  };
  return { def: orderPlaced, subject: order._id, data };
}

/** Why a confirmed reservation cannot be taken as this order's (unknown line, wrong SKU, wrong total), or null. */
export function coverageProblem(
  order: OrderDoc,
  outcome: Extract<ReservationOutcome, { kind: 'confirmed' }>,
): string | null {
  const covered = new Map<string, number>();
  const reserved = [...outcome.allocations.flatMap((a) => a.lines), ...outcome.backordered];
  for (const part of reserved) {
    const line = order.lines.find((l) => l.lineId === part.lineId);
    if (!line) return `it names line "${part.lineId}", which the order does not have`;
    if (line.sku !== part.sku) return `line "${part.lineId}" is ${line.sku}, the reservation says ${part.sku}`;
    if (!Number.isSafeInteger(part.quantity) || part.quantity < 1)
      return `line "${part.lineId}" has quantity ${part.quantity}`;
    covered.set(part.lineId, (covered.get(part.lineId) ?? 0) + part.quantity);
  }
  for (const line of order.lines) {
    const got = covered.get(line.lineId) ?? 0;
    if (got !== line.quantity) return `line "${line.lineId}" needs ${line.quantity}, the reservation covers ${got}`;
  }
  return null;
}

const sumFor = (parts: readonly AllocationLineDoc[], lineId: string) =>
  parts.filter((p) => p.lineId === lineId).reduce((n, p) => n + p.quantity, 0);

/**
 * What a reservation outcome does to an order, or null when it does nothing (another order's key, already
 * applied, or too late). PENDING_VALIDATION becomes ACCEPTED, BACKORDERED or REJECTED. A confirmation that
 * cannot be accepted (it does not cover the lines) rejects the order and releases the reservation; one that
 * arrives after the order was cancelled releases it too: those are the compensations of the workflow.
 */
export function decideReservation(order: OrderDoc, outcome: ReservationOutcome, why: Cause): OrderChange | null {
  const reservation = order.reservation;
  if (!reservation || outcome.key !== reservation.key) return null;
  const change = emptyChange();
  if (order.status === 'CANCELLED' && outcome.kind === 'confirmed' && reservation.id === null) {
    change.set.reservation = { ...reservation, id: outcome.reservationId };
    change.releases.push({ reservationId: outcome.reservationId, reason: 'CANCELLED', requestedAt: why.at });
    addNote(order, change, {
      ...why,
      cause: `reservation ${outcome.reservationId} confirmed after cancellation; release requested`,
    });
    return change;
  }
  if (order.status !== 'PENDING_VALIDATION') return null;
  change.set.reservation = { ...reservation, id: outcome.reservationId };
  const problem = outcome.kind === 'confirmed' ? coverageProblem(order, outcome) : null;
  if (outcome.kind === 'failed' || problem !== null) {
    const reason =
      outcome.kind === 'failed'
        ? outcome.reason
        : `reservation ${outcome.reservationId} cannot be accepted: ${problem}`;
    if (outcome.kind === 'confirmed')
      change.releases.push({ reservationId: outcome.reservationId, reason: 'COMPENSATED', requestedAt: why.at });
    change.set.lines = linesAfter(order, change).map((l) => ({
      ...l,
      status: 'CANCELLED',
      cancelledQuantity: l.quantity,
    }));
    change.set.statusReason = reason;
    transition(order, change, 'REJECTED', { ...why, cause: reason });
  } else {
    const allocated = outcome.allocations.flatMap((a) => a.lines);
    change.set.lines = linesAfter(order, change).map((l) => {
      const backordered = sumFor(outcome.backordered, l.lineId);
      return {
        ...l,
        status: backordered > 0 ? 'BACKORDERED' : 'ALLOCATED',
        allocatedQuantity: sumFor(allocated, l.lineId),
        backorderedQuantity: backordered,
      };
    });
    change.set.allocations = outcome.allocations.map((a) => ({
      locationId: a.locationId,
      lines: a.lines.map((p) => ({ lineId: p.lineId, sku: p.sku, quantity: p.quantity })),
    }));
    const backordered = outcome.backordered.reduce((n, p) => n + p.quantity, 0);
    const where = outcome.allocations.map((a) => a.locationId).join(', ') || 'no location';
    const cause = `inventory reserved ${outcome.reservationId} at ${where}${backordered > 0 ? `; ${backordered} unit(s) backordered` : ''}`;
    transition(order, change, backordered > 0 ? 'BACKORDERED' : 'ACCEPTED', { ...why, cause });
  }
  // The placed event goes out once per order: here when placeOrder waited for the outcome, else when it degraded.
  if (reservation.mode === 'SYNC') change.events.unshift(placedIntent(order, reservation.key, change.set.status!));
  return change;
}

/**
 * Answered once: true while a placeOrder call is waiting for inventory's reply to this order's reservation (still
 * PENDING_VALIDATION, synchronous, never resumed). That reply is the answer; an outcome event for such an order
 * changes nothing. Outcome events are applied for orders handed to the backbone (degraded mode, `ASYNC`), resumed
 * runs (`checkedAt`: the run that was waiting may be gone) and settled orders (cancelled meanwhile: release).
 */
export function answeredSynchronously(order: OrderDoc): boolean {
  const reservation = order.reservation;
  return order.status === 'PENDING_VALIDATION' && reservation?.mode === 'SYNC' && reservation.checkedAt === undefined;
}

/**
 * Degraded mode: inventory could not be reached, so the order stays PENDING_VALIDATION and `orders.order.placed`
 * asks inventory to reserve under the same key (never lost, never reserved twice). Null when the outcome is
 * already known or the order was already handed over.
 */
export function decideDegrade(order: OrderDoc, why: Cause): OrderChange | null {
  const reservation = order.reservation;
  if (order.status !== 'PENDING_VALIDATION' || !reservation || reservation.mode !== 'SYNC') return null;
  const change = emptyChange();
  change.set.reservation = { ...reservation, mode: 'ASYNC' };
  change.events.push(placedIntent(order, reservation.key, 'PENDING_VALIDATION'));
  addNote(order, change, why);
  return change;
}

/** Notes on the timeline that inventory let the reservation of an unshipped order expire; the status stays. */
export function decideExpiry(order: OrderDoc, eventId: string, reservationId: string, why: Cause): OrderChange | null {
  const watched = order.status === 'PENDING_VALIDATION' || order.status === 'ACCEPTED';
  // A PENDING_VALIDATION order does not know its reservation id yet; the event's orderId already matched it.
  const other = order.reservation?.id != null && order.reservation.id !== reservationId;
  if (!watched || other || alreadyApplied(order, eventId)) return null;
  const change = emptyChange();
  addNote(order, change, {
    ...why,
    cause: `reservation ${reservationId} expired in inventory; its stock is no longer held`,
  });
  change.applied.push(eventId);
  return change;
}
