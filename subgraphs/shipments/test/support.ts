import { createEvent, type EventEnvelope } from '@fulfillment-mesh/events';
import { createLogger, openEmbeddedStore } from '@fulfillment-mesh/runtime';
import { orderCancelled, orderReleased } from '../src/events/contracts.js';
import type { ShipmentDoc } from '../src/store/models.js';
import { createShipmentStore, openConflictLog, type ShipmentStore } from '../src/store/index.js';
import { createShipmentWorkflows, type WorkflowDeps } from '../src/workflows/index.js';

/** A logger that says nothing. */
export const silent = createLogger({ service: 'shipments-test', level: 'silent' });

/** The instant the pinned test clock starts at. */
export const T0 = '2026-11-10T12:00:00.000Z';

/** Workflows over a fresh in-memory store, with a clock the test moves and a count of relay notifications. */
export async function harness(wrap: (store: ShipmentStore) => ShipmentStore = (s) => s) {
  const store = openEmbeddedStore();
  const raw = await createShipmentStore(store);
  const clock = { now: new Date(T0) };
  const notified = { count: 0 };
  const conflicts = await openConflictLog(store, () => clock.now);
  const deps: WorkflowDeps = {
    shipments: wrap(raw),
    logger: silent,
    now: () => clock.now,
    published: () => void notified.count++,
    conflicts,
  };
  return { store, shipments: raw, conflicts, deps, workflows: createShipmentWorkflows(deps), clock, notified };
}

/** An allocation of a release: `lines` as `[lineId, sku, quantity]`. */
export function allocation(locationId: string, ...lines: [string, string, number][]) {
  return { locationId, lines: lines.map(([lineId, sku, quantity]) => ({ lineId, sku, quantity })) };
}

/** An `orders.order.released` envelope as the orders subgraph would publish it (with fields we do not read). */
export function released(
  orderId: string,
  allocations: ReturnType<typeof allocation>[],
  reservationId = `res-${orderId}`,
): EventEnvelope {
  return createEvent(orderReleased, {
    source: '/subgraphs/orders',
    subject: orderId,
    data: { orderId, reservationId, allocations, channel: 'web' } as never,
  });
}

/** An `orders.order.cancelled` envelope. */
export function cancelled(orderId: string, reason = 'CUSTOMER_REQUEST'): EventEnvelope {
  return createEvent(orderCancelled, {
    source: '/subgraphs/orders',
    subject: orderId,
    data: { orderId, reservationId: null, reason } as never,
  });
}

/** The event types and data waiting in a shipment's outbox, oldest first. */
export function outboxOf(doc: ShipmentDoc | null): { type: string; data: unknown }[] {
  return (doc?.outbox ?? []).map((e) => ({ type: e.type, data: e.data }));
}

/** Polls `probe` until it returns a truthy value, failing with `message` after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  message: string,
  timeoutMs = 5_000,
): Promise<Exclude<T, undefined | null | false>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, undefined | null | false>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs}ms waiting for: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

type StoreMethod = 'insertOne' | 'update' | 'deletePending';

/**
 * A store wrapper whose `method` rejects once (the first call `when` accepts) with "disk full", as a store
 * outage in the middle of a workflow would; every other call goes through.
 */
export function failOnce(method: StoreMethod, when: (firstArgument: never) => boolean = () => true) {
  const state = { failed: false };
  const wrap = (store: ShipmentStore): ShipmentStore => ({
    ...store,
    [method]: (...args: never[]) => {
      if (!state.failed && when(args[0] as never)) {
        state.failed = true;
        return Promise.reject(new Error('disk full'));
      }
      return (store[method] as (...a: never[]) => Promise<unknown>)(...args);
    },
  });
  return { wrap, state };
}
