import { orderTransitioned, type EventIntent } from '../events/contracts.js';
import type { OrderDoc, OrderStatus, ReleaseRequestDoc, TimelineEntryDoc } from '../store/models.js';
import { lineState, type LineState } from './line-state.js';
import { assertOrderTransition } from './order-state.js';

/**
 * The pure outcome of one decision about an order: the fields to set, the timeline entries and events to
 * append, the consumed event ids to remember and the reservations to release. The order writer turns it into
 * one guarded single-document update, so the change and its events are written together or not at all.
 */
export interface OrderChange {
  set: Partial<OrderDoc>;
  timeline: TimelineEntryDoc[];
  events: EventIntent[];
  applied: string[];
  releases: ReleaseRequestDoc[];
}

/** Why something happened, for timeline entries and `orders.order.transitioned`. */
export interface Cause {
  /** Human-readable, e.g. `inventory reservation R-1 confirmed`. */
  cause: string;
  /** Who: `channel:web`, `inventory`, `shipments`, `system`, … */
  actor: string;
  /** ISO-8601 instant. */
  at: string;
}

/** An empty change. */
export function emptyChange(): OrderChange {
  return { set: {}, timeline: [], events: [], applied: [], releases: [] };
}

/** Whether a change writes anything at all. */
export function isEmpty(change: OrderChange): boolean {
  return (
    Object.keys(change.set).length === 0 &&
    change.timeline.length === 0 &&
    change.events.length === 0 &&
    change.applied.length === 0 &&
    change.releases.length === 0
  );
}

/** The order's status as the change leaves it. */
export function statusAfter(order: OrderDoc, change: OrderChange): OrderStatus {
  return change.set.status ?? order.status;
}

/** The lines (with state) as the change leaves them; derived once from the order when the change has none yet. */
export function linesAfter(order: OrderDoc, change: OrderChange): LineState[] {
  return (change.set.lines as LineState[] | undefined) ?? order.lines.map((line) => lineState(order.status, line));
}

/** Moves the order to `to`: checks the state machine, appends the timeline entry and the transitioned event. */
export function transition(order: OrderDoc, change: OrderChange, to: OrderStatus, why: Cause): void {
  const from = statusAfter(order, change);
  assertOrderTransition(order._id, from, to);
  change.set.status = to;
  change.timeline.push({ at: why.at, status: to, note: why.cause, actor: why.actor });
  change.events.push({
    def: orderTransitioned,
    subject: order._id,
    data: {
      orderId: order._id,
      customerId: order.customer.id,
      channel: order.channel,
      from,
      to,
      cause: why.cause,
      actor: why.actor,
      at: why.at,
    },
  });
}

/** Appends a timeline note at the current status (no transition, no event). */
export function addNote(order: OrderDoc, change: OrderChange, why: Cause): void {
  change.timeline.push({ at: why.at, status: statusAfter(order, change), note: why.cause, actor: why.actor });
}

/** Whether the order already applied the consumed event `eventId`. */
export function alreadyApplied(order: OrderDoc, eventId: string): boolean {
  return order.appliedEvents?.includes(eventId) ?? false;
}
