import { withEvents } from '@fulfillment-mesh/events';
import { DomainError, notFound, type Collection, type Update } from '@fulfillment-mesh/runtime';
import { isEmpty, type OrderChange } from '../domain/change.js';
import { toEnvelopes } from '../events/contracts.js';
import type { OrderDoc } from './models.js';

/** How many consumed event ids an order remembers for dedupe (redeliveries come soon after the original). */
export const APPLIED_EVENTS_KEPT = 200;

/** Applies pure decisions to orders under optimistic concurrency. */
export interface OrderWriter {
  /**
   * Reads the order, asks `decide` what to change and writes the change with its events in one update guarded
   * by the status and version it read. When another write got in between, it reads again and decides again
   * (the decision may now be a CONFLICT). `decide` returning null means nothing to do.
   */
  apply(
    orderId: string,
    decide: (order: OrderDoc) => OrderChange | null,
  ): Promise<{ order: OrderDoc; changed: boolean }>;
}

/** What the writer needs. */
export interface OrderWriterDeps {
  orders: Collection<OrderDoc>;
  now: () => Date;
  /** Called after every write that carried events (the relay's notify). */
  onEvents?: () => void;
  /** Read-decide-write rounds before giving up with a CONFLICT; default 20. */
  maxAttempts?: number;
}

/** Creates the order writer. */
export function createOrderWriter(deps: OrderWriterDeps): OrderWriter {
  const maxAttempts = deps.maxAttempts ?? 20;
  return {
    async apply(orderId, decide) {
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const order = await deps.orders.findOne({ _id: orderId });
        if (!order) throw notFound('Order', orderId);
        const change = decide(order);
        if (!change || isEmpty(change)) return { order, changed: false };
        const at = deps.now();
        const written = await deps.orders.findOneAndUpdate(
          // The status is in the guard too: two racing transitions from one status cannot both apply.
          { _id: orderId, status: order.status, version: order.version },
          withEvents(toUpdate(change, at.toISOString()), toEnvelopes(change.events, at)),
        );
        if (written) {
          if (change.events.length > 0) deps.onEvents?.();
          return { order: written, changed: true };
        }
      }
      throw new DomainError('CONFLICT', `Order "${orderId}" kept changing while it was being updated; try again`, {
        entity: 'Order',
        id: orderId,
      });
    },
  };
}

function toUpdate(change: OrderChange, at: string): Update {
  const push: Record<string, unknown> = {};
  if (change.timeline.length > 0) push.timeline = { $each: change.timeline };
  if (change.applied.length > 0) push.appliedEvents = { $each: change.applied, $slice: -APPLIED_EVENTS_KEPT };
  if (change.releases.length > 0) push.pendingReleases = { $each: change.releases };
  return {
    $set: { ...change.set, updatedAt: at },
    $inc: { version: 1 },
    ...(Object.keys(push).length > 0 ? { $push: push } : {}),
  };
}
