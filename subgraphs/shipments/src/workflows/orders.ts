import { DomainError, DuplicateKeyError } from '@fulfillment-mesh/runtime';
import { orderMilestones } from '../domain/milestones.js';
import { shipmentsFromRelease, type ReleaseInput } from '../domain/release.js';
import { NOT_YET_HANDED_OVER, transition } from '../domain/shipment-state.js';
import { shipmentCancelled, shipmentCreated, shipmentEvent } from '../events/contracts.js';
import type { ShipmentDoc } from '../store/models.js';
import { changeOf, RETRY, untilWritten, versionGuard, withOutbox, type WorkflowDeps } from './common.js';
import { settleSplit } from './split.js';

/**
 * Creates one PENDING shipment per location of a released order, each with its created event in its own outbox.
 * Ids derive from order and location, so a redelivered release finds them taken and creates nothing twice.
 * Resolves with the ids created by this call.
 */
export async function createFromRelease(deps: WorkflowDeps, release: ReleaseInput, eventId: string): Promise<string[]> {
  const now = deps.now();
  const created: string[] = [];
  for (const doc of shipmentsFromRelease(release, now.toISOString(), { eventId })) {
    const event = shipmentEvent(
      shipmentCreated,
      {
        shipmentId: doc._id,
        orderId: doc.orderId,
        customerId: doc.customerId,
        locationId: doc.locationId,
        lines: doc.lines,
      },
      now,
    );
    try {
      await deps.shipments.insertOne(withOutbox(doc, [event]));
      created.push(doc._id);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error; // already created by an earlier delivery
    }
  }
  if (created.length > 0) deps.published();
  return created;
}

/** Cancels one shipment if it has not left (unconfirmed, PENDING or LABEL_CREATED); true when this call cancelled it. */
async function cancelOne(deps: WorkflowDeps, id: string, reason: string): Promise<boolean> {
  return untilWritten(id, async () => {
    const doc = await deps.shipments.get(id);
    if (!doc || doc.splitPending || !cancellable(doc)) return false;
    const now = deps.now();
    const at = now.toISOString();
    const milestones = orderMilestones([
      ...doc.milestones,
      { status: 'CANCELLED' as const, at, location: null, description: `Cancelled: ${reason}` },
    ]);
    const event = shipmentEvent(
      shipmentCancelled,
      { shipmentId: doc._id, orderId: doc.orderId, customerId: doc.customerId, reason },
      now,
    );
    const status = transition(doc._id, doc.status, 'CANCELLED');
    const updated = await deps.shipments.update(versionGuard(doc), changeOf({ status, milestones }, [event], now));
    if (!updated) return RETRY;
    deps.published();
    return true;
  });
}

/** Shipments that never left: a confirmed one (it carries a tracking number) shipped stock and stays. */
function cancellable(doc: ShipmentDoc): boolean {
  return doc.trackingNumber === undefined && NOT_YET_HANDED_OVER.includes(doc.status);
}

/**
 * Cancels an order's shipments that have not left, each with its cancelled event. Pending remainders are
 * settled first against their (by then cancelled or confirmed) originals; a split that a concurrent confirmation
 * is still writing makes the handler fail, and the bus retries it once that confirmation has settled.
 */
export async function cancelForOrder(deps: WorkflowDeps, orderId: string, reason: string): Promise<string[]> {
  const cancelled: string[] = [];
  const cancel = async (id: string) => {
    if (await cancelOne(deps, id, reason)) cancelled.push(id);
  };
  const all = await deps.shipments.allOfOrder(orderId);
  for (const doc of all.filter((d) => !d.splitPending)) await cancel(doc._id);
  for (const doc of all.filter((d) => d.splitPending))
    if ((await settleSplit(deps, doc._id)) === 'activated') await cancel(doc._id);
  const left = (await deps.shipments.allOfOrder(orderId)).filter((d) => d.splitPending || cancellable(d));
  if (left.length > 0) {
    throw new DomainError(
      'UNAVAILABLE',
      `Order "${orderId}" has shipments still being split (${left.map((d) => d._id).join(', ')}); retry`,
      {
        entity: 'Order',
        id: orderId,
      },
    );
  }
  return cancelled;
}
